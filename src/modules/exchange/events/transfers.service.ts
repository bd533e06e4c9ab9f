/**
 * Dossiers transferred (liên thông) to an agency on another node, and their outcome back, over NATS JetStream
 * (issue 17, item 5). The origin: the dossier module hands the dossier off (it waits in `consulting`, with its step
 * deadline and a form 06 row), this module records the outgoing transfer and queues the message (platform outbox →
 * outbound table → stream), in the route's transaction. The receiving node: the message (inbox, applied once) opens
 * a dossier of the receiving agency through the dossier port and records the incoming transfer, one transaction.
 * When that dossier reaches its outcome (result issued, rejected, refused, stopped), the outcome is queued back in
 * the outbox dispatcher's transaction, once (the incoming row goes from `received` to `answered`); on the origin it
 * is recorded on the transfer and, through the port, on the origin dossier, which returns to processing. Each state
 * change appends its audit record. Idempotent by the transfer id on both sides.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client';
import type { Actor } from '../../../platform/auth/actor';
import type { Principal } from '../../../platform/auth/policy';
import type { Role } from '../../../shared/auth/roles';
import { appendAudit } from '../../../platform/audit/audit.service';
import { enqueueEvent } from '../../../platform/events/outbox';
import { AppError } from '../../../platform/http/errors';
import { agencySubject, type AgencyRef, type BodyOf, type NodeMessage, type TransferAnswered } from '../../../shared/exchange/events';
import type { RemoteTransfer, TransferBody } from '../../../shared/exchange/events/api';
import { exchangeOutbound, exchangeTransfers } from './events.schema';
import { eventsErrors as E } from './events.errors';
import type { EventsPorts, LocalAgency } from './consultations.service';
import { NODE_MESSAGE_EVENT } from './consultations.service';
import type { RemoteAgencies } from './remote-agencies';

type Row = typeof exchangeTransfers.$inferSelect;

export function transferView(r: Row): RemoteTransfer {
  return {
    id: r.id,
    direction: r.direction,
    dossierCode: r.dossierCode,
    dossierId: r.dossierId,
    remoteDossierCode: r.remoteDossierCode,
    localDossierId: r.localDossierId,
    procedureKey: r.procedureKey,
    procedureName: r.procedureName,
    from: { code: r.fromAgencyCode, name: r.fromAgencyName },
    to: { code: r.toAgencyCode, name: r.toAgencyName },
    note: r.note,
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    status: r.status,
    outcome: r.outcome,
    summary: r.summary,
    answeredBy: r.answeredBy,
    sentAt: r.sentAt.toISOString(),
    receivedAt: r.receivedAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  };
}

const OFFICER_ROLES: Role[] = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin'];

/** What ends the receiving agency's work on a transferred dossier: the dossier event → the outcome sent back. */
export const OUTCOME_EVENTS: Record<string, TransferAnswered['outcome']> = {
  'dossier.result_issued': 'result_issued',
  'dossier.rejected': 'rejected',
  'dossier.reception_refused': 'refused',
  'dossier.stopped': 'stopped',
};

const OUTCOME_TEXT: Record<TransferAnswered['outcome'], string> = {
  result_issued: 'Đã có kết quả giải quyết',
  rejected: 'Từ chối giải quyết',
  refused: 'Từ chối tiếp nhận',
  stopped: 'Dừng giải quyết',
};

export class TransferService {
  constructor(
    private readonly db: Db,
    private readonly ports: EventsPorts,
    private readonly remote: RemoteAgencies,
    private readonly settings: { prefix: string; node: string } | null,
  ) {}

  private message<T extends 'transfer.requested' | 'transfer.answered'>(type: T, from: AgencyRef, to: AgencyRef, body: BodyOf[T], now: Date): Omit<NodeMessage<T>, 'id'> {
    return { v: 1, type, fromNode: this.settings!.node, from, to, at: now.toISOString(), body };
  }

  /** The dossier's specialist transfers it to an agency on another node: the hand-off, the transfer row, the message. */
  async transfer(tx: Tx, principal: Principal, actor: Actor, input: TransferBody, idempotencyKey: string | null, now: Date): Promise<RemoteTransfer> {
    if (!this.settings) throw E.eventsOff();
    const target = await this.remote.get(input.agencyCode, tx);
    if (!target) throw E.unknownRemoteAgency();
    const to: AgencyRef = { code: target.code, name: target.name };
    const { row, stepDueAt } = await this.ports.dossiers.requestRemoteTransfer(tx, principal, actor, input.dossierId, { agency: to, note: input.note ?? null, ...(input.workingDays ? { workingDays: input.workingDays } : {}) }, idempotencyKey);
    const home = await this.ports.agencies.get(row.agencyId, tx);
    if (!home || !row.code) throw E.unknownRemoteAgency();
    const from: AgencyRef = { code: home.code, name: home.name };
    const id = randomUUID();
    const [t] = await tx
      .insert(exchangeTransfers)
      .values({ id, direction: 'outgoing', dossierCode: row.code, dossierId: row.id, procedureKey: row.procedureKey, procedureName: row.procedureName.vi, fromAgencyCode: from.code, fromAgencyName: from.name, toAgencyCode: to.code, toAgencyName: to.name, note: input.note ?? null, stepDueAt: stepDueAt ? new Date(stepDueAt) : null, status: 'sent', sentAt: now })
      .returning();
    await appendAudit(tx, actor, { action: 'exchange.transfer_sent', agencyId: home.id, targetType: 'exchange_transfer', targetId: id, after: { dossierCode: row.code, to: to.code, node: target.node } }, now);
    const message = this.message('transfer.requested', from, to, { transferId: id, dossierCode: row.code, procedureKey: row.procedureKey, procedureName: row.procedureName.vi, applicant: { type: row.subjectType, id: row.subjectId, name: row.subjectName }, data: row.data, note: input.note ?? null, stepDueAt, sentAt: now.toISOString() }, now);
    await enqueueEvent(tx, { type: NODE_MESSAGE_EVENT, aggregateType: 'exchange_transfer', aggregateId: id, payload: { subject: agencySubject(this.settings.prefix, to.code, 'transfer.requested'), message } });
    return transferView(t);
  }

  /** Applies a transfer message from another node, in the inbox's transaction. */
  async apply(tx: Tx, m: NodeMessage, now: Date): Promise<void> {
    const actor: Actor = { accountId: null, kind: 'platform', role: null, requestId: `nats:${m.id}` };
    if (m.type === 'transfer.requested') {
      const b = m.body as BodyOf['transfer.requested'];
      const local = (await this.ports.agencies.all(tx)).find((a) => a.code === m.to.code);
      if (!local) return;
      const [seen] = await tx.select({ id: exchangeTransfers.id }).from(exchangeTransfers).where(eq(exchangeTransfers.id, b.transferId));
      if (seen) return; // the same transfer under another message id
      const base = { id: b.transferId, direction: 'incoming' as const, dossierCode: b.dossierCode, procedureKey: b.procedureKey, procedureName: b.procedureName, fromAgencyCode: m.from.code, fromAgencyName: m.from.name, toAgencyCode: local.code, toAgencyName: local.name, note: b.note, stepDueAt: b.stepDueAt ? new Date(b.stepDueAt) : null, sentAt: new Date(b.sentAt), receivedAt: now };
      // The dossier is opened in a savepoint: a transfer this node cannot take (procedure, data) is refused back.
      let opened: { id: string; code: string | null } | null = null;
      let refusal: string | null = null;
      try {
        opened = await tx.transaction((sp) => this.ports.dossiers.openTransferred(sp, { transferId: b.transferId, agencyId: local.id, procedureKey: b.procedureKey, applicant: b.applicant, data: b.data, origin: { agencyCode: m.from.code, agencyName: m.from.name, dossierCode: b.dossierCode } }));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refusal = `${err.code}: ${err.title.vi}`;
      }
      if (opened) {
        await tx.insert(exchangeTransfers).values({ ...base, localDossierId: opened.id, remoteDossierCode: opened.code, status: 'received' });
        await appendAudit(tx, actor, { action: 'exchange.transfer_received', agencyId: local.id, targetType: 'exchange_transfer', targetId: b.transferId, after: { dossierCode: b.dossierCode, localDossierCode: opened.code, from: m.from.code, node: m.fromNode } }, now);
        return;
      }
      const summary = `${OUTCOME_TEXT.refused}: ${refusal}`.slice(0, 2000);
      await tx.insert(exchangeTransfers).values({ ...base, status: 'answered', outcome: 'refused', summary, answeredBy: local.name, answeredAt: now });
      await appendAudit(tx, actor, { action: 'exchange.transfer_refused', agencyId: local.id, targetType: 'exchange_transfer', targetId: b.transferId, after: { dossierCode: b.dossierCode, from: m.from.code, reason: refusal } }, now);
      await this.queueAnswer(tx, { code: local.code, name: local.name }, { code: m.from.code, name: m.from.name }, { transferId: b.transferId, dossierCode: b.dossierCode, remoteDossierCode: '-', outcome: 'refused', nationalStatus: 3, summary, answeredBy: local.name, answeredAt: now.toISOString() }, now);
      return;
    }
    const b = m.body as BodyOf['transfer.answered'];
    const [t] = await tx.select().from(exchangeTransfers).where(and(eq(exchangeTransfers.id, b.transferId), eq(exchangeTransfers.direction, 'outgoing'))).for('update');
    if (!t || t.status === 'answered' || t.toAgencyCode !== m.from.code || !t.dossierId) return;
    await tx.update(exchangeTransfers).set({ status: 'answered', remoteDossierCode: b.remoteDossierCode, outcome: b.outcome, summary: b.summary, answeredBy: b.answeredBy, answeredAt: new Date(b.answeredAt), receivedAt: t.receivedAt ?? now }).where(eq(exchangeTransfers.id, t.id));
    const applied = await this.ports.dossiers.recordTransferOutcome(tx, t.dossierId, { agencyCode: m.from.code, summary: `${b.summary} — ${m.from.name}, hồ sơ ${b.remoteDossierCode}`, answeredBy: b.answeredBy });
    await appendAudit(tx, actor, { action: 'exchange.transfer_answer_received', targetType: 'exchange_transfer', targetId: t.id, after: { dossierCode: t.dossierCode, from: m.from.code, node: m.fromNode, outcome: b.outcome, remoteDossierCode: b.remoteDossierCode, dossierUpdated: applied } }, now);
  }

  /**
   * A dossier event on this node (the outbox dispatcher's transaction): when it ends the work on a transferred
   * dossier, the outcome is queued back to the origin, once.
   */
  async onDossierEvent(tx: DbOrTx, event: { type: string; aggregateId: string; payload: Record<string, unknown> }, now: Date): Promise<void> {
    const outcome = OUTCOME_EVENTS[event.type];
    if (!outcome || !this.settings) return;
    const [t] = await tx.select().from(exchangeTransfers).where(and(eq(exchangeTransfers.localDossierId, event.aggregateId), eq(exchangeTransfers.direction, 'incoming'))).for('update');
    if (!t || t.status !== 'received') return;
    const code = String(event.payload.code ?? t.remoteDossierCode ?? '-');
    const summary = `${OUTCOME_TEXT[outcome]} (hồ sơ ${code})`;
    await tx.update(exchangeTransfers).set({ status: 'answered', outcome, summary, answeredBy: t.toAgencyName, answeredAt: now }).where(eq(exchangeTransfers.id, t.id));
    const actor: Actor = { accountId: null, kind: 'platform', role: null, requestId: `dossier:${event.aggregateId}` };
    await appendAudit(tx, actor, { action: 'exchange.transfer_answered', targetType: 'exchange_transfer', targetId: t.id, after: { dossierCode: t.dossierCode, localDossierCode: code, outcome, to: t.fromAgencyCode } }, now);
    const nationalStatus = typeof event.payload.nationalStatus === 'number' ? event.payload.nationalStatus : 9;
    await this.queueAnswer(tx, { code: t.toAgencyCode, name: t.toAgencyName }, { code: t.fromAgencyCode, name: t.fromAgencyName }, { transferId: t.id, dossierCode: t.dossierCode, remoteDossierCode: code, outcome, nationalStatus, summary, answeredBy: t.toAgencyName, answeredAt: now.toISOString() }, now);
  }

  /** The answer goes straight to the outbound table (already in a dispatcher's or inbox's transaction). */
  private async queueAnswer(tx: DbOrTx, from: AgencyRef, to: AgencyRef, body: TransferAnswered, now: Date): Promise<void> {
    const id = randomUUID();
    const message = { ...this.message('transfer.answered', from, to, body, now), id };
    await tx.insert(exchangeOutbound).values({ id, subject: agencySubject(this.settings!.prefix, to.code, 'transfer.answered'), message: message as unknown as Record<string, unknown>, status: 'pending', createdAt: now });
  }

  async list(principal: Principal, filter: { direction?: 'incoming' | 'outgoing'; status?: 'sent' | 'received' | 'answered' }): Promise<RemoteTransfer[]> {
    const codes = (await this.localAgenciesOf(principal)).map((a) => a.code);
    if (!codes.length) return [];
    const incoming = and(eq(exchangeTransfers.direction, 'incoming'), inArray(exchangeTransfers.toAgencyCode, codes));
    const outgoing = and(eq(exchangeTransfers.direction, 'outgoing'), inArray(exchangeTransfers.fromAgencyCode, codes));
    const which = filter.direction === 'incoming' ? incoming : filter.direction === 'outgoing' ? outgoing : or(incoming, outgoing);
    const rows = await this.db
      .select()
      .from(exchangeTransfers)
      .where(and(which, filter.status ? eq(exchangeTransfers.status, filter.status) : undefined))
      .orderBy(desc(exchangeTransfers.sentAt))
      .limit(200);
    return rows.map(transferView);
  }

  async get(principal: Principal, id: string): Promise<RemoteTransfer> {
    const codes = (await this.localAgenciesOf(principal)).map((a) => a.code);
    const [t] = await this.db.select().from(exchangeTransfers).where(eq(exchangeTransfers.id, id));
    if (!t || !codes.includes(t.direction === 'incoming' ? t.toAgencyCode : t.fromAgencyCode)) throw E.transferNotFound();
    return transferView(t);
  }

  private async localAgenciesOf(principal: Principal, db: DbOrTx = this.db): Promise<LocalAgency[]> {
    const ids = await this.ports.agencies.agenciesFor(principal, OFFICER_ROLES, db);
    const out: LocalAgency[] = [];
    for (const id of ids) {
      const a = await this.ports.agencies.get(id, db);
      if (a) out.push(a);
    }
    return out;
  }
}
