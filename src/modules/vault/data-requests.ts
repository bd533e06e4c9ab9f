import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import type { CalendarService } from '../../platform/calendar/calendar.service';
import { consentHistory } from './consent.service';
import { dataAccessLog, dataRequests, storeItems } from './vault.schema';
import { storeItemView } from './store.service';
import { dataRequestErrors } from './vault.errors';
import type { VaultDossiers, VaultRegistry } from './vault.ports';
import { ACCESS_CLIENTS } from '../../shared/api/registry';

export type DataRequestRow = typeof dataRequests.$inferSelect;
export type DataRequestType = DataRequestRow['type'];
/** Law 91/2025: a data subject's request is answered within 2 working days. */
export const DATA_REQUEST_WORKING_DAYS = 2;
export const DATA_REQUEST_PURPOSE = 'data_subject_request';

const t = (vi: string, en: string) => ({ vi, en });
export const STATUS_LABELS = {
  received: t('Đã tiếp nhận', 'Received'),
  answered: t('Đã trả lời', 'Answered'),
  refused: t('Từ chối', 'Refused'),
} as const;
export const TYPE_LABELS = {
  copy: t('Yêu cầu cung cấp bản sao dữ liệu cá nhân', 'Request for a copy of my personal data'),
  correction: t('Yêu cầu chỉnh sửa dữ liệu cá nhân', 'Request to correct my personal data'),
} as const;

const notFound = () => dataRequestErrors.notFound();
const alreadyDone = () => dataRequestErrors.alreadyAnswered();

export function dataRequestView(r: DataRequestRow, now: Date, withExport = false) {
  return {
    id: r.id,
    type: r.type,
    typeLabel: TYPE_LABELS[r.type],
    detail: r.detail,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'received' ? now > r.dueAt : !!r.answeredAt && r.answeredAt > r.dueAt,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answer: r.answer,
    refusalReason: r.refusalReason,
    hasExport: !!r.export,
    ...(withExport ? { export: r.export ?? null } : {}),
  };
}

/** Data-subject requests (copy, correction), tracked like dossiers with a deadline of 2 working days. */
export class DataRequests {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarService,
    private readonly registry: VaultRegistry,
    private readonly dossiers: VaultDossiers,
  ) {}

  /** Files a request; every read and the write in `tx`. */
  async create(tx: Tx, principal: Principal, actor: Actor, personalId: string, input: { type: DataRequestType; detail: string }, now: Date): Promise<DataRequestRow> {
    const cal = await this.calendar.calendar(tx);
    const { due } = cal.addWorkingDays(now, DATA_REQUEST_WORKING_DAYS);
    const [row] = await tx
      .insert(dataRequests)
      .values({ personalId, accountId: principal.accountId, type: input.type, detail: input.detail, status: 'received', receivedAt: now, dueAt: due })
      .returning();
    await appendAudit(tx, actor, { action: 'data_request.received', targetType: 'data_request', targetId: row.id, after: { type: row.type, dueAt: due.toISOString() } }, now);
    return row;
  }

  async mine(personalId: string): Promise<DataRequestRow[]> {
    return this.db.select().from(dataRequests).where(eq(dataRequests.personalId, personalId)).orderBy(desc(dataRequests.receivedAt), desc(dataRequests.id));
  }

  /** One of the person's requests (404 for another's). */
  async own(personalId: string, id: string): Promise<DataRequestRow> {
    const [row] = await this.db.select().from(dataRequests).where(and(eq(dataRequests.id, id), eq(dataRequests.personalId, personalId)));
    if (!row) throw notFound();
    return row;
  }

  async list(status?: DataRequestRow['status']): Promise<DataRequestRow[]> {
    return this.db
      .select()
      .from(dataRequests)
      .where(status ? eq(dataRequests.status, status) : undefined)
      .orderBy(asc(dataRequests.dueAt), asc(dataRequests.id))
      .limit(500);
  }

  /**
   * What answering needs before its transaction: the request, still open, and for a copy request the export of
   * what the platform holds (read through other modules' ports, which cannot join the transaction).
   */
  async prepareDecision(principal: Principal, id: string, outcome: 'answered' | 'refused', now: Date): Promise<{ row: DataRequestRow; exported: Record<string, unknown> | null }> {
    const [row] = await this.db.select().from(dataRequests).where(eq(dataRequests.id, id));
    if (!row) throw notFound();
    if (row.status !== 'received') throw alreadyDone();
    return { row, exported: outcome === 'answered' && row.type === 'copy' ? await this.exportFor(principal, row, now) : null };
  }

  /** Answers (a copy request gets the export of what the platform holds) or refuses with a reason, in `tx`. */
  async decide(
    tx: Tx,
    principal: Principal,
    actor: Actor,
    id: string,
    decision: { outcome: 'answered'; answer: string } | { outcome: 'refused'; reason: string },
    prepared: { row: DataRequestRow; exported: Record<string, unknown> | null },
    now: Date,
  ): Promise<DataRequestRow> {
    const { row, exported } = prepared;
    const [locked] = await tx.select().from(dataRequests).where(eq(dataRequests.id, id)).for('update');
    if (locked.status !== 'received') throw alreadyDone();
    const [updated] = await tx
      .update(dataRequests)
      .set({
        status: decision.outcome,
        answeredAt: now,
        answeredByAccountId: principal.accountId,
        answer: decision.outcome === 'answered' ? decision.answer : null,
        refusalReason: decision.outcome === 'refused' ? decision.reason : null,
        export: exported,
      })
      .where(eq(dataRequests.id, id))
      .returning();
    await appendAudit(tx, actor, { action: `data_request.${decision.outcome}`, targetType: 'data_request', targetId: id, before: { status: 'received' }, after: { status: decision.outcome, onTime: now <= row.dueAt } }, now);
    return updated;
  }

  /**
   * What the platform holds on the person: registry record (the read is logged against them, purpose
   * data_subject_request), dossiers (summaries), data-store items (metadata), access log, consents.
   */
  async exportFor(principal: Principal, row: DataRequestRow, now: Date): Promise<Record<string, unknown>> {
    const pid = row.personalId;
    const registry = await this.registry.copyOfPerson(pid, {
      at: now,
      operation: 'lookup',
      accountId: principal.accountId,
      accountKind: principal.kind,
      agencyId: principal.grants[0]?.agencyId ?? null,
      client: ACCESS_CLIENTS.dataRequests,
      purpose: DATA_REQUEST_PURPOSE,
      dossierId: null,
      requestId: actor(principal),
    });
    const [ds, store, access, consents] = await Promise.all([
      this.dossiers.summariesOf(row.accountId, pid),
      this.db.select().from(storeItems).where(and(eq(storeItems.ownerType, 'person'), eq(storeItems.ownerId, pid))),
      this.db.select().from(dataAccessLog).where(and(eq(dataAccessLog.subjectType, 'person'), eq(dataAccessLog.subjectId, pid))).orderBy(desc(dataAccessLog.at), desc(dataAccessLog.seq)).limit(5000),
      consentHistory(this.db, pid),
    ]);
    return {
      generatedAt: now.toISOString(),
      personalId: pid,
      registry,
      dossiers: ds,
      storeItems: store.map((r) => ({ ...storeItemView(r), deletedAt: r.deletedAt?.toISOString() ?? null })),
      accessLog: access.map((a) => ({ at: a.at.toISOString(), source: a.source, operation: a.operation, purpose: a.purpose, agencyId: a.agencyId, accessorKind: a.accountKind, client: a.client, dossierId: a.dossierId, fields: a.fields, sensitive: a.sensitive })),
      consents: consents.map((c) => ({ seq: c.seq, purpose: c.purpose, noticeVersion: c.noticeVersion, given: c.given, at: c.at.toISOString(), hash: c.hash })),
    };
  }
}

const actor = (p: Principal) => `data-request:${p.accountId}`;
