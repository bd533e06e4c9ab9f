/** The dossier module's queries: reads of its own tables, through the database or the caller's transaction. */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { dossierActions, dossierAttachments, dossiers } from './dossier.schema';

export type DossierRow = typeof dossiers.$inferSelect;
export type NewDossierRow = typeof dossiers.$inferInsert;
export type ActionRow = typeof dossierActions.$inferSelect;
export type AttachmentRow = typeof dossierAttachments.$inferSelect;
export type NewAttachmentRow = typeof dossierAttachments.$inferInsert;

export async function findDossier(db: DbOrTx, id: string): Promise<DossierRow | undefined> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.id, id));
  return row;
}

export async function findDossierByCode(db: DbOrTx, code: string): Promise<DossierRow | undefined> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code));
  return row;
}

/** The dossier's action list, oldest first. */
export function actionsOf(db: DbOrTx, dossierId: string): Promise<ActionRow[]> {
  return db.select().from(dossierActions).where(eq(dossierActions.dossierId, dossierId)).orderBy(asc(dossierActions.seq));
}

/** The files attached now (not removed), in upload order. */
export function attachmentsOf(db: DbOrTx, dossierId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), isNull(dossierAttachments.removedAt)))
    .orderBy(asc(dossierAttachments.uploadedAt));
}

export async function attachmentOf(db: DbOrTx, dossierId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [a] = await db
    .select()
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, dossierId), isNull(dossierAttachments.removedAt)));
  return a;
}

/**
 * The files handed in (the receipt, form 01): every file attached and not removed. A file can only be removed
 * before it is received (in a draft, or added during a supplement), so what the desk received is always listed.
 */
export function attachedDocumentsOf(db: DbOrTx, dossierId: string): Promise<{ documentId: string }[]> {
  return db
    .select({ documentId: dossierAttachments.documentId })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), isNull(dossierAttachments.removedAt)));
}

/** Filed dossiers of these agencies, by submission time (the register, form 07). */
export function filedDossiers(db: DbOrTx, agencyIds: string[], from: Date | null, until: Date | null, limit: number): Promise<DossierRow[]> {
  const conds: SQL[] = [inArray(dossiers.agencyId, agencyIds), isNotNull(dossiers.code)];
  if (from) conds.push(gte(dossiers.submittedAt, from));
  if (until) conds.push(lt(dossiers.submittedAt, until));
  return db.select().from(dossiers).where(and(...conds)).orderBy(asc(dossiers.submittedAt)).limit(limit);
}

/** A data subject's dossiers, summarised (no form data): theirs as subject, or filed from their account. */
export interface DossierSummary {
  id: string;
  code: string | null;
  procedureKey: string;
  procedureName: { vi: string; en: string };
  agencyCode: string;
  state: string;
  createdAt: Date;
  submittedAt: Date | null;
  finishedAt: Date | null;
}

/** The codes of dossiers by id (a draft has none), for records that point at dossiers (the data tracker). */
export async function codesOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: dossiers.id, code: dossiers.code }).from(dossiers).where(inArray(dossiers.id, wanted));
  return new Map(rows.filter((r) => r.code).map((r) => [r.id, r.code!]));
}

/** Monthly counts (Asia/Ho_Chi_Minh) of submitted dossiers per agency, procedure and channel: received, finished, on time, late. No personal data. */
export interface DossierMonthlyCount {
  agencyId: string;
  month: string;
  procedureKey: string;
  channel: string;
  received: number;
  finished: number;
  onTime: number;
  late: number;
}

export async function monthlyCounts(db: DbOrTx): Promise<DossierMonthlyCount[]> {
  const month = sql<string>`to_char(${dossiers.submittedAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const rows = await db
    .select({
      agencyId: dossiers.agencyId,
      month,
      procedureKey: dossiers.procedureKey,
      channel: dossiers.channel,
      received: sql<number>`count(*)::int`,
      finished: sql<number>`count(${dossiers.finishedAt})::int`,
      onTime: sql<number>`(count(*) filter (where ${dossiers.finishedAt} is not null and (${dossiers.dueAt} is null or ${dossiers.finishedAt} <= ${dossiers.dueAt})))::int`,
      late: sql<number>`(count(*) filter (where ${dossiers.finishedAt} > ${dossiers.dueAt}))::int`,
    })
    .from(dossiers)
    .where(isNotNull(dossiers.submittedAt))
    .groupBy(dossiers.agencyId, month, dossiers.procedureKey, dossiers.channel)
    .orderBy(month, dossiers.agencyId, dossiers.procedureKey, dossiers.channel);
  return rows.map((r) => ({ ...r, received: Number(r.received), finished: Number(r.finished), onTime: Number(r.onTime), late: Number(r.late) }));
}

export function summariesOfSubject(db: DbOrTx, subject: { personalId: string; accountId: string }): Promise<DossierSummary[]> {
  return db
    .select({ id: dossiers.id, code: dossiers.code, procedureKey: dossiers.procedureKey, procedureName: dossiers.procedureName, agencyCode: dossiers.agencyCode, state: dossiers.state, createdAt: dossiers.createdAt, submittedAt: dossiers.submittedAt, finishedAt: dossiers.finishedAt })
    .from(dossiers)
    .where(or(and(eq(dossiers.subjectType, 'citizen'), eq(dossiers.subjectId, subject.personalId)), eq(dossiers.ownerAccountId, subject.accountId)))
    .orderBy(asc(dossiers.createdAt));
}
