import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { dataAccessLog } from './vault.schema';
import { vaultErrors } from './vault.errors';

/** One read of a data subject's data, as the access log keeps it. */
export interface AccessEntry {
  at: Date;
  subjectType: 'person' | 'business';
  /** Personal ID (person) or enterprise code (business). */
  subjectId: string;
  /** Registry or store read, e.g. 'population', 'business'. */
  source: string;
  operation: 'lookup' | 'match';
  accountId: string | null;
  accountKind: string;
  agencyId: string | null;
  client: string;
  purpose: string;
  dossierId: string | null;
  fields: string[];
  sensitive: boolean;
  requestId: string | null;
}

/** The insert of access-log entries, not yet executed (to compose into a transaction or a write batch). */
export function accessLogInsert(db: DbOrTx, entries: readonly AccessEntry[]) {
  return db.insert(dataAccessLog).values(entries.map((e) => ({ ...e, fields: [...e.fields] })));
}

/**
 * Writes access-log entries. Callers await it BEFORE handing data out, so a read that is answered is a read that
 * is logged (the table is append-only).
 */
export async function recordAccess(db: DbOrTx, entries: readonly AccessEntry[]): Promise<void> {
  if (entries.length) await accessLogInsert(db, entries);
}

export interface AccessFilter {
  from?: Date;
  to?: Date;
  purpose?: string;
  agencyId?: string;
  limit: number;
  cursor?: string;
}

export type AccessRow = typeof dataAccessLog.$inferSelect;

const encodeCursor = (r: AccessRow) => Buffer.from(`${r.at.toISOString()}|${r.seq}`).toString('base64url');
function decodeCursor(c: string): { at: Date; seq: number } {
  const [at, seq] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  if (!at || Number.isNaN(d.getTime()) || !/^\d{1,18}$/.test(seq ?? '')) throw vaultErrors.badCursor();
  return { at: d, seq: Number(seq) };
}

/** Reads of one person's data, newest first, with keyset pagination on (at, seq). */
export async function listAccessForPerson(db: DbOrTx, personalId: string, f: AccessFilter): Promise<{ items: AccessRow[]; nextCursor: string | null }> {
  if (f.from && f.to && f.from >= f.to) throw vaultErrors.badRange();
  const where: SQL[] = [eq(dataAccessLog.subjectType, 'person'), eq(dataAccessLog.subjectId, personalId)];
  if (f.from) where.push(gte(dataAccessLog.at, f.from));
  if (f.to) where.push(lt(dataAccessLog.at, f.to));
  if (f.purpose) where.push(eq(dataAccessLog.purpose, f.purpose));
  if (f.agencyId) where.push(eq(dataAccessLog.agencyId, f.agencyId));
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    where.push(sql`(${dataAccessLog.at}, ${dataAccessLog.seq}) < (${c.at.toISOString()}::timestamptz, ${c.seq}::bigint)`);
  }
  const rows = await db
    .select()
    .from(dataAccessLog)
    .where(and(...where))
    .orderBy(desc(dataAccessLog.at), desc(dataAccessLog.seq))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]) : null };
}

/**
 * Reads and logs in ONE statement (one round trip, one commit): `read` runs as a CTE and the access-log rows are
 * inserted only if it returned something. Atomic: no data without its log row, no log row for a subject not found.
 */
export async function readLogged<T>(db: DbOrTx, read: SQL, entries: readonly AccessEntry[]): Promise<T[]> {
  const values = sql.join(
    entries.map(
      (e) =>
        sql`(${e.at.toISOString()}::timestamptz, ${e.subjectType}, ${e.subjectId}, ${e.source}, ${e.operation}, ${e.accountId}::uuid, ${e.accountKind}, ${e.agencyId}::uuid, ${e.client}, ${e.purpose}, ${e.dossierId}, ${`{${e.fields.map((f) => `"${f.replace(/["\\]/g, '')}"`).join(',')}}`}::text[], ${e.sensitive}::boolean, ${e.requestId})`,
    ),
    sql`, `,
  );
  const res = await db.execute(sql`with r as (${read}), l as (
      insert into data_access_log (at, subject_type, subject_id, source, operation, account_id, account_kind, agency_id, client, purpose, dossier_id, fields, sensitive, request_id)
      select v.* from (values ${values}) as v where exists (select 1 from r))
    select * from r`);
  return (res as unknown as { rows: T[] }).rows;
}
