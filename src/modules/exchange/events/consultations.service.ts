/**
 * Consultations (xin ý kiến) asked of an agency on another node, and their answers, over NATS JetStream. The
 * asking side: the dossier module puts the dossier in `consulting` (its port), this module records the consultation
 * and queues the message (platform outbox → outbound table → stream), all in the route's transaction. The consulted
 * side: the message becomes an incoming consultation its specialists see and answer; the answer goes back the same
 * way and the dossier returns to processing on the asking node, with a form 06 row each way.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client';
import type { Actor } from '../../../platform/auth/actor';
import type { Principal } from '../../../platform/auth/policy';
import type { Role } from '../../../shared/auth/roles';
import { appendAudit } from '../../../platform/audit/audit.service';
import { enqueueEvent } from '../../../platform/events/outbox';
import { agencySubject, type AgencyRef, type MessageType, type NodeMessage, type BodyOf } from '../../../shared/exchange/events';
import type { AskRemoteBody, RemoteConsultation } from '../../../shared/exchange/events/api';
import { exchangeConsultations } from './events.schema';
import { eventsErrors as E } from './events.errors';
import type { RemoteAgencies } from './remote-agencies';

/** The outbox event type whose payload is a message for another node (copied to the outbound table). */
export const NODE_MESSAGE_EVENT = 'exchange.node_message';

export interface LocalAgency {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** The ports this module works with (wired by main.ts). */
export interface EventsPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<LocalAgency | undefined>;
    /** `db`: the caller's transaction, to read through it (PGlite has one connection). */
    all(db?: DbOrTx): Promise<LocalAgency[]>;
    agenciesFor(principal: Principal, roles: readonly Role[], db?: DbOrTx): Promise<Set<string>>;
  };
  dossiers: {
    requestRemoteConsultation(tx: Tx, principal: Principal, actor: Actor, id: string, req: { agency: AgencyRef; question: string; workingDays?: number }, idempotencyKey: string | null): Promise<{ row: { id: string; code: string | null; agencyId: string; procedureName: { vi: string } }; stepDueAt: string | null }>;
    answerRemoteConsultation(tx: Tx, id: string, answer: { agencyCode: string; opinion: string; answeredBy: string }): Promise<boolean>;
    /** The origin's hand-off of a transfer (liên thông): the dossier waits for the other agency, with its step deadline. */
    requestRemoteTransfer(tx: Tx, principal: Principal, actor: Actor, id: string, req: { agency: AgencyRef; note: string | null; workingDays?: number }, idempotencyKey: string | null): Promise<{ row: TransferSource; stepDueAt: string | null }>;
    /** The receiving agency's outcome, recorded on the origin dossier (false: it no longer waits for it). */
    recordTransferOutcome(tx: Tx, id: string, outcome: { agencyCode: string; summary: string; answeredBy: string }): Promise<boolean>;
    /** On the receiving node: the receiving agency's own dossier for a transfer (filed for its one-stop desk). */
    openTransferred(tx: Tx, input: { transferId: string; agencyId: string; procedureKey: string; applicant: { type: 'citizen' | 'business'; id: string; name: string }; data: Record<string, unknown>; origin: { agencyCode: string; agencyName: string; dossierCode: string } }): Promise<{ id: string; code: string | null }>;
  };
}

/** What a transfer carries from the origin dossier (the applicant and the form data go to the receiving agency). */
export interface TransferSource {
  id: string;
  code: string | null;
  agencyId: string;
  procedureKey: string;
  procedureName: { vi: string };
  subjectType: 'citizen' | 'business';
  subjectId: string;
  subjectName: string;
  data: Record<string, unknown>;
}

type Row = typeof exchangeConsultations.$inferSelect;

export function consultationView(r: Row): RemoteConsultation {
  return {
    id: r.id,
    direction: r.direction,
    dossierCode: r.dossierCode,
    dossierId: r.dossierId,
    procedureName: r.procedureName,
    from: { code: r.fromAgencyCode, name: r.fromAgencyName },
    to: { code: r.toAgencyCode, name: r.toAgencyName },
    question: r.question,
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    status: r.status,
    opinion: r.opinion,
    answeredBy: r.answeredBy,
    askedAt: r.askedAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
  };
}

const OFFICER_ROLES: Role[] = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin'];

export class ConsultationService {
  constructor(
    private readonly db: Db,
    private readonly ports: EventsPorts,
    private readonly remote: RemoteAgencies,
    private readonly settings: { prefix: string; node: string } | null,
  ) {}

  /** Queues a message for another node in the caller's transaction (platform outbox; the event id is the message id). */
  private async send<T extends MessageType>(tx: Tx, type: T, from: AgencyRef, to: AgencyRef, body: BodyOf[T], aggregateId: string, now: Date): Promise<void> {
    const s = this.settings!;
    const message: Omit<NodeMessage<T>, 'id'> = { v: 1, type, fromNode: s.node, from, to, at: now.toISOString(), body };
    await enqueueEvent(tx, { type: NODE_MESSAGE_EVENT, aggregateType: 'exchange_consultation', aggregateId, payload: { subject: agencySubject(s.prefix, to.code, type), message } });
  }

  /** A specialist asks an agency on another node: the dossier to `consulting`, the consultation recorded, the message queued. */
  async ask(tx: Tx, principal: Principal, actor: Actor, input: AskRemoteBody, idempotencyKey: string | null, now: Date): Promise<RemoteConsultation> {
    // What the request names is checked first: a node without events knows no remote agency (404, not 503).
    const target = await this.remote.get(input.agencyCode, tx);
    if (!target) throw E.unknownRemoteAgency();
    if (!this.settings) throw E.eventsOff();
    const to: AgencyRef = { code: target.code, name: target.name };
    const { row, stepDueAt } = await this.ports.dossiers.requestRemoteConsultation(tx, principal, actor, input.dossierId, { agency: to, question: input.question, ...(input.workingDays ? { workingDays: input.workingDays } : {}) }, idempotencyKey);
    const home = await this.ports.agencies.get(row.agencyId, tx);
    if (!home || !row.code) throw E.unknownRemoteAgency();
    const from: AgencyRef = { code: home.code, name: home.name };
    const id = randomUUID();
    const [c] = await tx
      .insert(exchangeConsultations)
      .values({ id, direction: 'outgoing', dossierCode: row.code, dossierId: row.id, procedureName: row.procedureName.vi, fromAgencyCode: from.code, fromAgencyName: from.name, toAgencyCode: to.code, toAgencyName: to.name, question: input.question, stepDueAt: stepDueAt ? new Date(stepDueAt) : null, status: 'asked', askedAt: now })
      .returning();
    await appendAudit(tx, actor, { action: 'exchange.consultation_asked', agencyId: home.id, targetType: 'exchange_consultation', targetId: id, after: { dossierCode: row.code, to: to.code, node: target.node } }, now);
    await this.send(tx, 'consultation.requested', from, to, { consultationId: id, dossierCode: row.code, procedureName: row.procedureName.vi, question: input.question, stepDueAt, askedAt: now.toISOString() }, id, now);
    return consultationView(c);
  }

  /** A specialist of the consulted agency answers an incoming consultation; the answer is queued back. */
  async answer(tx: Tx, principal: Principal, actor: Actor, id: string, opinion: string, now: Date): Promise<RemoteConsultation> {
    const [c] = await tx.select().from(exchangeConsultations).where(and(eq(exchangeConsultations.id, id), eq(exchangeConsultations.direction, 'incoming'))).for('update');
    if (!c) throw E.consultationNotFound();
    if (!this.settings) throw E.eventsOff();
    const mine = await this.localAgenciesOf(principal, ['specialist'], tx);
    const agency = mine.find((a) => a.code === c.toAgencyCode);
    if (!agency) {
      if (!(await this.localAgenciesOf(principal, OFFICER_ROLES, tx)).some((a) => a.code === c.toAgencyCode)) throw E.consultationNotFound();
      throw E.notConsulted();
    }
    if (c.status !== 'asked') throw E.alreadyAnswered();
    const [updated] = await tx.update(exchangeConsultations).set({ status: 'answered', opinion, answeredBy: principal.displayName, answeredAt: now }).where(eq(exchangeConsultations.id, id)).returning();
    await appendAudit(tx, actor, { action: 'exchange.consultation_answered', agencyId: agency.id, role: 'specialist', targetType: 'exchange_consultation', targetId: id, after: { dossierCode: c.dossierCode, to: c.fromAgencyCode } }, now);
    await this.send(tx, 'consultation.answered', { code: c.toAgencyCode, name: c.toAgencyName }, { code: c.fromAgencyCode, name: c.fromAgencyName }, { consultationId: id, dossierCode: c.dossierCode, opinion, answeredBy: principal.displayName, answeredAt: now.toISOString() }, id, now);
    return consultationView(updated);
  }

  /** The consultations of the officer's agencies, newest first (incoming: asked of them; outgoing: asked by them). */
  async list(principal: Principal, filter: { direction?: 'incoming' | 'outgoing'; status?: 'asked' | 'answered' }): Promise<RemoteConsultation[]> {
    const codes = (await this.localAgenciesOf(principal, OFFICER_ROLES)).map((a) => a.code);
    if (!codes.length) return [];
    const incoming = and(eq(exchangeConsultations.direction, 'incoming'), inArray(exchangeConsultations.toAgencyCode, codes));
    const outgoing = and(eq(exchangeConsultations.direction, 'outgoing'), inArray(exchangeConsultations.fromAgencyCode, codes));
    const which = filter.direction === 'incoming' ? incoming : filter.direction === 'outgoing' ? outgoing : or(incoming, outgoing);
    const rows = await this.db
      .select()
      .from(exchangeConsultations)
      .where(and(which, filter.status ? eq(exchangeConsultations.status, filter.status) : undefined))
      .orderBy(desc(exchangeConsultations.askedAt))
      .limit(200);
    return rows.map(consultationView);
  }

  async get(principal: Principal, id: string): Promise<RemoteConsultation> {
    const codes = (await this.localAgenciesOf(principal, OFFICER_ROLES)).map((a) => a.code);
    const [c] = await this.db.select().from(exchangeConsultations).where(eq(exchangeConsultations.id, id));
    if (!c || !codes.includes(c.direction === 'incoming' ? c.toAgencyCode : c.fromAgencyCode)) throw E.consultationNotFound();
    return consultationView(c);
  }

  /** Applies a message from another node, in the inbox's transaction. */
  async apply(tx: Tx, m: NodeMessage, now: Date): Promise<void> {
    // A message for an agency this node lists as remote is not ours (a consumer made before the registry changed).
    if (await this.remote.get(m.to.code, tx)) return;
    const actor: Actor = { accountId: null, kind: 'platform', role: null, requestId: `nats:${m.id}` };
    if (m.type === 'consultation.requested') {
      const b = m.body as BodyOf['consultation.requested'];
      const local = (await this.ports.agencies.all(tx)).find((a) => a.code === m.to.code);
      if (!local) return;
      const inserted = await tx
        .insert(exchangeConsultations)
        .values({ id: b.consultationId, direction: 'incoming', dossierCode: b.dossierCode, dossierId: null, procedureName: b.procedureName, fromAgencyCode: m.from.code, fromAgencyName: m.from.name, toAgencyCode: local.code, toAgencyName: local.name, question: b.question, stepDueAt: b.stepDueAt ? new Date(b.stepDueAt) : null, status: 'asked', askedAt: new Date(b.askedAt) })
        .onConflictDoNothing()
        .returning({ id: exchangeConsultations.id });
      if (inserted.length) await appendAudit(tx, actor, { action: 'exchange.consultation_received', agencyId: local.id, targetType: 'exchange_consultation', targetId: b.consultationId, after: { dossierCode: b.dossierCode, from: m.from.code, node: m.fromNode } }, now);
      return;
    }
    const b = m.body as BodyOf['consultation.answered'];
    const [c] = await tx.select().from(exchangeConsultations).where(and(eq(exchangeConsultations.id, b.consultationId), eq(exchangeConsultations.direction, 'outgoing'))).for('update');
    if (!c || c.status !== 'asked' || c.toAgencyCode !== m.from.code || !c.dossierId) return;
    await tx.update(exchangeConsultations).set({ status: 'answered', opinion: b.opinion, answeredBy: b.answeredBy, answeredAt: new Date(b.answeredAt) }).where(eq(exchangeConsultations.id, c.id));
    const applied = await this.ports.dossiers.answerRemoteConsultation(tx, c.dossierId, { agencyCode: m.from.code, opinion: b.opinion, answeredBy: b.answeredBy });
    await appendAudit(tx, actor, { action: 'exchange.consultation_answer_received', targetType: 'exchange_consultation', targetId: c.id, after: { dossierCode: c.dossierCode, from: m.from.code, node: m.fromNode, dossierUpdated: applied } }, now);
  }

  private async localAgenciesOf(principal: Principal, roles: readonly Role[], db: DbOrTx = this.db): Promise<LocalAgency[]> {
    const ids = await this.ports.agencies.agenciesFor(principal, roles, db);
    const out: LocalAgency[] = [];
    for (const id of ids) {
      const a = await this.ports.agencies.get(id, db);
      if (a) out.push(a);
    }
    return out;
  }
}
