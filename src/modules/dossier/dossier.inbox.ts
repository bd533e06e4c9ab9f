import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { fromLocalDateTime } from '../../shared/calendar';
import { foldVi } from '../../shared/text/fold';
import { QUEUES, type Queue, type State } from '../../shared/dossier';
import { dossiers } from './dossier.schema';
import { dossierErrors } from './dossier.errors';

/** States in which the agency's clock runs against the appointed time. */
const RUNNING: State[] = ['received', 'processing', 'consulting', 'pending_approval', 'approved'];

const QUEUE_STATES: Partial<Record<Queue, State[]>> = {
  to_receive: ['submitted'],
  to_process: ['received', 'processing', 'consulting', 'payment_requested', 'withdrawal_requested'],
  to_approve: ['pending_approval'],
  to_return: ['approved', 'result_issued', 'rejected'],
  waiting_applicant: ['supplement_requested', 'payment_requested'],
};

/** A timestamp parameter, typed for both drivers. */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function queueCondition(q: Queue, now: Date, agencyIds: string[]): SQL {
  const own = inArray(dossiers.agencyId, agencyIds);
  switch (q) {
    case 'due_soon':
      // Warned from due minus one working day until due (domain brief §3), never before the receipt.
      return and(own, inArray(dossiers.state, RUNNING), sql`greatest(${dossiers.dueSoonAt}, ${dossiers.receivedAt}) <= ${ts(now)}`, sql`${dossiers.dueAt} >= ${ts(now)}`)!;
    case 'overdue':
      return and(own, inArray(dossiers.state, RUNNING), sql`${dossiers.dueAt} < ${ts(now)}`)!;
    case 'consultations':
      return and(eq(dossiers.state, 'consulting'), inArray(dossiers.consultAgencyId, agencyIds))!;
    default:
      return and(own, inArray(dossiers.state, QUEUE_STATES[q]!))!;
  }
}

export interface InboxFilters {
  queue?: Queue;
  procedure?: string;
  state?: string;
  nationalStatus?: number;
  /** Submitted on or after this local date (YYYY-MM-DD). */
  from?: string;
  /** Submitted on or before this local date. */
  to?: string;
  code?: string;
  /** Applicant name, typed with or without diacritics. */
  applicant?: string;
  /** Only dossiers assigned to the caller. */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

type Cursor = [string, string];

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && !Number.isNaN(Date.parse(v[0])) && /^[0-9a-f-]{36}$/i.test(v[1])) return v as Cursor;
  } catch {
    /* fall through */
  }
  throw dossierErrors.badCursor();
}

function filterConditions(f: InboxFilters, accountId: string): SQL[] {
  const c: SQL[] = [ne(dossiers.state, 'draft')];
  if (f.procedure) c.push(or(eq(dossiers.procedureKey, f.procedure), eq(dossiers.procedureCode, f.procedure))!);
  if (f.state) c.push(eq(dossiers.state, f.state));
  if (f.nationalStatus) c.push(eq(dossiers.nationalStatus, f.nationalStatus));
  if (f.from) c.push(sql`${dossiers.submittedAt} >= ${ts(fromLocalDateTime(f.from, '00:00'))}`);
  if (f.to) c.push(sql`${dossiers.submittedAt} < ${ts(new Date(fromLocalDateTime(f.to, '00:00').getTime() + 86_400_000))}`);
  if (f.code) c.push(sql`${dossiers.code} like ${`${f.code.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  if (f.applicant?.trim()) c.push(sql`${dossiers.subjectNameFolded} like ${`%${foldVi(f.applicant).replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  if (f.mine) c.push(eq(dossiers.assigneeId, accountId));
  return c;
}

/** An officer's queues over the agencies where they hold a role: counts per queue and one page of a queue. */
export async function inbox(db: DbOrTx, agencyIds: string[], accountId: string, f: InboxFilters, now: Date) {
  if (!agencyIds.length) return { counts: Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<Queue, number>, items: [] as (typeof dossiers.$inferSelect)[], nextCursor: null as string | null };
  const base = filterConditions(f, accountId);
  const reach = or(inArray(dossiers.agencyId, agencyIds), inArray(dossiers.consultAgencyId, agencyIds))!;
  const countCols = Object.fromEntries(QUEUES.map((q) => [q, sql<number>`count(*) filter (where ${queueCondition(q, now, agencyIds)})`.mapWith(Number)]));
  const [counts] = await db.select(countCols).from(dossiers).where(and(reach, ...base));
  const where = [reach, ...base];
  if (f.queue) where.push(queueCondition(f.queue, now, agencyIds));
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    where.push(sql`(${dossiers.submittedAt}, ${dossiers.id}) > (${ts(new Date(at))}, ${id}::uuid)`);
  }
  const limit = f.limit ?? 50;
  const rows = await db.select().from(dossiers).where(and(...where)).orderBy(asc(dossiers.submittedAt), asc(dossiers.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { counts: counts as Record<Queue, number>, items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.submittedAt!, last.id) : null };
}

/** A citizen's dossiers: filed by them, for them, or as their agent; newest first. */
export async function myDossiers(db: DbOrTx, accountId: string, personalId: string | null, cursor: string | undefined, limit: number, filter: { state?: string; procedure?: string } = {}) {
  const mine = [eq(dossiers.ownerAccountId, accountId), eq(dossiers.agentAccountId, accountId)];
  if (personalId) mine.push(and(eq(dossiers.subjectType, 'citizen'), eq(dossiers.subjectId, personalId))!);
  // A counter officer's draft for this person is not theirs to see until filed.
  const where: SQL[] = [or(...mine)!, or(ne(dossiers.state, 'draft'), eq(dossiers.ownerAccountId, accountId))!];
  if (filter.state) where.push(eq(dossiers.state, filter.state));
  if (filter.procedure) where.push(eq(dossiers.procedureKey, filter.procedure));
  if (cursor) {
    const [at, id] = decodeCursor(cursor);
    where.push(sql`(${dossiers.createdAt}, ${dossiers.id}) < (${ts(new Date(at))}, ${id}::uuid)`);
  }
  const rows = await db.select().from(dossiers).where(and(...where)).orderBy(desc(dossiers.createdAt), desc(dossiers.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
