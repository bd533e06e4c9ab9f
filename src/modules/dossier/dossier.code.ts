import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import { toLocalDate } from '../../shared/calendar';

/** Minimum width of the daily sequence in a dossier code (it grows beyond 9999 if needed). */
export const CODE_SEQUENCE_DIGITS = 4;

/** YYMMDD of the local (Asia/Ho_Chi_Minh) date of an instant. */
export function codeDay(at: Date): string {
  return toLocalDate(at).slice(2).replaceAll('-', '');
}

const formatCode = (agencyCode: string, day: string, seq: number) => `${agencyCode}-${day}-${String(seq).padStart(CODE_SEQUENCE_DIGITS, '0')}`;

/** Adds `n` to the (agency, day) counter row and returns its new value: numbers `last - n + 1 … last` are the caller's. */
async function reserve(handle: Db | Tx, agencyCode: string, day: string, n: number): Promise<number> {
  const r = (await handle.execute(sql`insert into dossier_code_counters (agency_code, day, last_seq) values (${agencyCode}, ${day}, ${n})
    on conflict (agency_code, day) do update set last_seq = dossier_code_counters.last_seq + ${n} returning last_seq`)) as unknown as { rows: Array<{ last_seq: number }> };
  return Number(r.rows[0].last_seq);
}

interface Block {
  next: number;
  end: number;
}

/**
 * Dossier codes `<agency electronic identifier>-<YYMMDD>-<seq>` (domain brief §3), unique across every process on
 * the database, drawn from the (agency, day) counter row (`dossier_code_counters`: every number up to `last_seq` is
 * taken or reserved).
 *
 * - In the submitting transaction (always with `block` = 1, i.e. PGlite, one process; otherwise while this process
 *   has no block for the agency and day): the row is incremented by one as the last step before writing; a
 *   submission that fails gives its number back (the row stays locked until it commits or rolls back).
 * - `block` > 1 (PostgreSQL, possibly several processes on one database): the process also reserves `block` numbers
 *   with one autocommitted statement on its pool, in the background — never awaited by a submission, so the pool
 *   cannot deadlock on it (transactions holding every connection while waiting for one more) — and hands them out
 *   from memory: the hot row is touched once per `block` submissions and not held until a submission commits.
 *   Unique because each reservation is a committed increment and each in-transaction draw holds the row until its
 *   increment commits or is undone. The price, accepted: gaps (the numbers of a failed submission are not given
 *   back, and a process that stops leaves the rest of its block unused) and, across processes, codes not in
 *   submission order (process A may file …-0101 after B's …-0002).
 * `dossiers.code` stays UNIQUE, as a last line of defence.
 */
export class DossierCodes {
  /** Per (agency, day): the blocks in hand, in order (the current one first). */
  private blocks = new Map<string, Block[]>();
  private reserving = new Set<string>();
  private day = '';

  constructor(
    private readonly db: Db,
    readonly block: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async next(tx: Tx, agencyCode: string, at: Date): Promise<string> {
    const day = codeDay(at);
    if (this.block > 1) {
      // A new day: yesterday's blocks are of no more use.
      if (day > this.day) {
        this.blocks.clear();
        this.day = day;
      }
      const key = `${agencyCode}|${day}`;
      const list = this.blocks.get(key) ?? [];
      while (list.length && list[0].next > list[0].end) list.shift();
      const b = list[0];
      // The next block is asked for when a quarter of this one is left, so that submissions rarely find none.
      if (!b || (list.length === 1 && b.end - b.next < this.block / 4)) this.refill(key, agencyCode, day);
      if (b) return formatCode(agencyCode, day, b.next++);
    }
    return formatCode(agencyCode, day, await reserve(tx, agencyCode, day, 1));
  }

  private refill(key: string, agencyCode: string, day: string): void {
    if (this.reserving.has(key)) return;
    this.reserving.add(key);
    reserve(this.db, agencyCode, day, this.block)
      .then((last) => {
        if (day !== this.day) return;
        const list = this.blocks.get(key) ?? [];
        list.push({ next: last - this.block + 1, end: last });
        this.blocks.set(key, list);
      }, this.onError)
      .finally(() => this.reserving.delete(key));
  }
}
