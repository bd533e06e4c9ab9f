import { eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client';
import type { Actor } from '../auth/actor';
import { appendAudit } from '../audit/audit.service';
import { enqueueEvent } from '../events/outbox';
import { calendarErrors } from './calendar.errors';
import { createCalendar, SEEDED_EXCEPTIONS, validateYearExceptions, type Calendar, type CalendarExceptions, type YearExceptions } from '../../shared/calendar';
import { calendarYears } from './calendar.schema';

/** The working-day calendar with the exceptions stored in the database, rebuilt after every change. */
export class CalendarService {
  private cached: { at: number; calendar: Calendar; exceptions: CalendarExceptions } | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  /** `db`: the caller's transaction, to read through it (PGlite has one connection). */
  async calendar(db?: DbOrTx): Promise<Calendar> {
    return (await this.load(db)).calendar;
  }

  async exceptions(): Promise<CalendarExceptions> {
    return (await this.load()).exceptions;
  }

  private async load(db: DbOrTx = this.db) {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached;
    const rows = await db.select().from(calendarYears);
    // The official decisions we ship count for every year the table does not have yet (a database never started,
    // so never seeded, e.g. for `motcua due`), exactly as `seedCalendarExceptions` would store them; a year in the
    // table (seeded or set by an administrator) replaces the shipped one whole.
    const exceptions: Record<number, YearExceptions> = { ...SEEDED_EXCEPTIONS };
    for (const r of rows) exceptions[r.year] = r.exceptions;
    this.cached = { at: Date.now(), exceptions, calendar: createCalendar({ exceptions }) };
    return this.cached;
  }

  async yearExceptions(year: number): Promise<YearExceptions> {
    return (await this.exceptions())[year] ?? {};
  }

  /** Forgets the cached calendar: the next read loads the table again (after a change committed). */
  invalidate(): void {
    this.cached = null;
  }

  /** Replaces a year's exceptions (validated), audited; in `outer` when given (the caller invalidates after commit). */
  async setYear(actor: Actor, year: number, ex: YearExceptions, now: Date, outer?: Tx): Promise<YearExceptions> {
    try {
      validateYearExceptions(year, ex);
    } catch (e) {
      throw calendarErrors.invalidExceptions((e as Error).message);
    }
    const write = async (tx: Tx) => {
      const [before] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year)).for('update');
      await tx.insert(calendarYears).values({ year, exceptions: ex, updatedAt: now }).onConflictDoUpdate({ target: calendarYears.year, set: { exceptions: ex, updatedAt: now } });
      await appendAudit(tx, { ...actor, role: 'platform_admin' }, { action: 'calendar.year_changed', targetType: 'calendar_year', targetId: String(year), before: before?.exceptions, after: ex }, now);
      await enqueueEvent(tx, { type: 'calendar.changed', aggregateType: 'calendar_year', aggregateId: String(year), payload: { year } });
    };
    if (outer) await write(outer);
    else await this.db.transaction(write);
    this.cached = null;
    return ex;
  }
}

/** Loads the official decisions we ship (2025, 2026) for the years not yet in the table. */
export async function seedCalendarExceptions(db: Db): Promise<number> {
  let n = 0;
  for (const [year, ex] of Object.entries(SEEDED_EXCEPTIONS)) {
    const res = await db.insert(calendarYears).values({ year: Number(year), exceptions: ex as YearExceptions }).onConflictDoNothing().returning({ year: calendarYears.year });
    n += res.length;
  }
  return n;
}
