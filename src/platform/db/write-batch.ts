import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Several writes sent as ONE statement (data-modifying CTEs): atomic like a transaction, but a single round trip
 * to the database instead of BEGIN … COMMIT around each statement. For writes that need no read-check-write
 * under a row lock (those use a real transaction). The last query's rows are returned.
 */
export async function writeAtomically<T = Record<string, unknown>>(db: DbOrTx, queries: SQLWrapper[]): Promise<T[]> {
  if (!queries.length) return [];
  const head = queries.slice(0, -1);
  const last = queries[queries.length - 1];
  const ctes = head.map((q, i) => sql`${sql.raw(`w${i}`)} as (${q.getSQL()})`);
  const statement: SQL = ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last.getSQL()}` : last.getSQL();
  const res = await db.execute(statement);
  return (res as unknown as { rows: T[] }).rows;
}

/** The PostgreSQL error behind a Drizzle error, if any. */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let e = err as any;
  for (let i = 0; e && i < 3; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
    e = e.cause;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown, constraint?: string) => {
  const e = pgError(err);
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
};

/**
 * A PostgreSQL array literal (NULL for null) to pass as ONE parameter, cast in SQL (`${pgArray(ids)}::uuid[]`), for
 * bulk writes with `unnest` — one parameter per column instead of one per cell.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/**
 * Runs SQL text with positional parameters as a NAMED prepared statement on a PostgreSQL server (parsed and planned
 * once per connection, then only bound and executed), or as a plain query on PGlite; in the caller's transaction
 * when `db` is one. For hot paths whose statement text is fixed (bulk parameters as arrays keep it fixed). The rows
 * come as the driver parses them (no Drizzle mapping): select plain types or JSON.
 */
export async function queryNamed<T = Record<string, unknown>>(db: DbOrTx, name: string, text: string, params: readonly unknown[]): Promise<T[]> {
  const client = (db as unknown as { session?: { client?: any } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('queryNamed: no driver client behind this database handle');
  // node-postgres: a Client (a transaction's connection) has `connection`, a Pool `totalCount`; PGlite has neither.
  const pg = 'connection' in client || 'totalCount' in client;
  const res = pg ? await client.query({ name, text, values: params }) : await client.query(text, params);
  return res.rows as T[];
}

/**
 * Statements of one transaction queued without waiting for each other's answer: each is sent as soon as the one
 * before it is answered, in order, while this process prepares the next (a bulk write's JavaScript work overlaps
 * the database's; call `breathe` between chunks so that answers are taken in). `drain` waits for all and throws
 * the first failure; after one, nothing more is sent (the transaction is aborted anyway).
 */
export class StatementPipeline {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: DbOrTx) {}

  send(name: string, text: string, params: readonly unknown[]): void {
    const next = this.tail.then(() => queryNamed(this.db, name, text, params));
    next.catch(() => undefined);
    this.tail = next;
  }

  /** Lets the event loop run (answers arrive, the next statement goes out) between two chunks of preparation. */
  breathe(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  async drain(): Promise<void> {
    await this.tail;
  }
}
