/**
 * The dossier's single write path (nhật ký hồ sơ). Every state change goes through here, in the caller's
 * transaction: lock the row (everything that decides the write is read after that, through the same transaction),
 * check with the shared machine, append the action to the append-only list, update the projection, append the
 * audit record and enqueue the outbox event. Drafts are written here too (opened, amended, files attached): they
 * are not yet machine actions, so they are checked against the states in which the applicant may still change them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { checkAction, classifyHandOff, PROCESSED_STATES, formsProducedBy, applyEvent, type Action, type ActionType, type ActorRole, type CheckResult, type DossierEvent, type DossierFacts, type State } from '../../shared/dossier';
import { dossierActions, dossierAttachments, dossiers, type StepDeadline } from './dossier.schema';
import type { AttachmentRow, DossierRow, NewAttachmentRow, NewDossierRow } from './dossier.repo';
import { dossierErrors, refused } from './dossier.errors';
import { deadlineOfStep, stepKindOf } from './dossier.deadlines';

/** Event names in the past tense: the audit action and the outbox event type are `dossier.<name>`. */
export const DOSSIER_EVENT_NAMES: Record<ActionType, string> = {
  submit: 'submitted',
  receive: 'received',
  refuse_reception: 'reception_refused',
  request_supplement: 'supplement_requested',
  resubmit_supplement: 'supplement_resubmitted',
  assign: 'assigned',
  start_processing: 'processing_started',
  hand_back: 'handed_back',
  request_consultation: 'consultation_requested',
  answer_consultation: 'consultation_answered',
  request_payment: 'payment_requested',
  confirm_payment: 'payment_confirmed',
  propose: 'proposed',
  approve: 'approved',
  reject: 'rejected',
  return_to_specialist: 'returned_to_specialist',
  issue_result: 'result_issued',
  return_result: 'result_returned',
  request_withdrawal: 'withdrawal_requested',
  stop: 'stopped',
  extend: 'extended',
  comment: 'commented',
};

/** The payload of every `dossier.*` outbox event: ids, codes and states, never personal data. */
export interface DossierEventPayload {
  code: string | null;
  agencyId: string;
  procedureVersionId: string;
  from: State;
  to: State;
  nationalStatus: number;
  at: string;
  seq: number;
  forms: string[];
  handOff: 'early' | 'on_time' | 'late' | null;
  // --- For the analytics module (Decision 766 index): facts about the dossier, none of them personal.
  procedureKey: string;
  channel: 'in_person' | 'online' | 'post';
  /** The appointed return time in force after this action. */
  dueAt: string | null;
  assigneeId: string | null;
  /** Form data prefilled from the registers (once-only). */
  prefilled: boolean;
  /** Filed by a citizen signed in with VNeID (this session's e-ID login). */
  eid: boolean;
}

/** Entering one of these, processing is finished (status 9): the first such moment is `finishedAt` (Decision 766). */
const PROCESSED: ReadonlySet<State> = new Set<State>(PROCESSED_STATES);

/** Locks the dossier's row until the transaction ends: every write starts here (404 when there is none). */
export async function lockDossier(tx: Tx, id: string): Promise<DossierRow> {
  const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
  if (!row) throw dossierErrors.notFound();
  return row;
}

/**
 * The first of `candidates` (the roles the caller holds here, in order) in which the machine accepts the action,
 * or the machine's most telling refusal: a state or payload problem rather than "another role could".
 */
export function decide(locked: DossierRow, candidates: readonly ActorRole[], action: ActionType | Action, facts: DossierFacts): ActorRole {
  let refusal: Extract<CheckResult, { ok: false }> | null = null;
  for (const role of candidates) {
    const r = checkAction(locked.state as State, role, action, facts);
    if (r.ok) return role;
    if (!refusal || (refusal.kind === 'role' && r.kind !== 'role')) refusal = r;
  }
  if (!refusal) throw refused({ ok: false, kind: 'role', code: 'role_not_permitted', reason: { vi: 'Không có vai trò phù hợp.', en: 'No suitable role.' } });
  throw refused(refusal);
}

export interface JournalEntry {
  actor: Actor;
  principal: Principal;
  /** The roles the caller may act in here, in order of preference; the first the machine accepts is recorded. */
  candidates: readonly ActorRole[];
  action: Action;
  facts: DossierFacts;
  /** The agency in whose name the actor acts. */
  agencyId: string | null;
  now: Date;
  /** Projection columns the action changes besides those the machine's projection gives. */
  set?: Partial<DossierRow>;
  /** The deadline of the step this hand-off ends, when the action knows it better than the workflow. */
  stepDueAt?: string | null;
  comment?: string | null;
  idempotencyKey?: string | null;
}

/** Appends one action to the locked dossier; returns the updated row and the role it was taken in. */
export async function appendAction(tx: Tx, locked: DossierRow, e: JournalEntry): Promise<{ row: DossierRow; role: ActorRole }> {
  const role = decide(locked, e.candidates, e.action, e.facts);
  // The history is in time order. Two servers acting on one dossier at once may read clocks a little apart: an
  // action that waited on the row lock behind one stamped later than its own clock is stamped at that time, not
  // refused as out of order (it did happen after it).
  const last = locked.projection.lastEventAt ? new Date(locked.projection.lastEventAt) : null;
  const now = last && last.getTime() > e.now.getTime() ? last : e.now;
  const at = now.toISOString();
  const event: DossierEvent = { action: e.action, at, actor: { role, id: e.principal.accountId } };
  const from = locked.state as State;
  const p = applyEvent(locked.projection, event);
  const to = p.state;
  const set = e.set ?? {};
  // Process control sheet (form 06): a hand-off, against the deadline of the step it ends.
  let stepDueAt: string | null = null;
  if (formsProducedBy(e.action.type).includes('06')) {
    if (e.stepDueAt !== undefined) stepDueAt = e.stepDueAt;
    else {
      const kind = stepKindOf(from);
      const steps = (set.stepDeadlines as StepDeadline[] | undefined) ?? locked.stepDeadlines;
      stepDueAt = kind && (locked.receivedAt || set.receivedAt) ? deadlineOfStep(steps, kind) : null;
    }
  }
  const handOff = stepDueAt ? classifyHandOff(at, stepDueAt) : null;
  await tx.insert(dossierActions).values({
    dossierId: locked.id,
    seq: locked.eventCount,
    type: e.action.type,
    payload: e.action as unknown as Record<string, unknown>,
    fromState: from,
    toState: to,
    actorAccountId: e.principal.accountId,
    actorRole: role,
    actorName: e.principal.displayName,
    agencyId: e.agencyId,
    at: now,
    comment: e.comment ?? null,
    stepDueAt: stepDueAt ? new Date(stepDueAt) : null,
    handOff,
    idempotencyKey: e.idempotencyKey ?? null,
  });
  const [row] = await tx
    .update(dossiers)
    .set({
      ...set,
      state: to,
      nationalStatus: p.nationalStatus,
      assigneeId: p.assigneeId,
      eventCount: p.eventCount,
      projection: p,
      finishedAt: PROCESSED.has(to) ? (locked.finishedAt ?? e.now) : locked.finishedAt,
      returnedAt: to === 'returned' ? e.now : locked.returnedAt,
      updatedAt: e.now,
    })
    .where(eq(dossiers.id, locked.id))
    .returning();
  const name = DOSSIER_EVENT_NAMES[e.action.type];
  await appendAudit(tx, e.actor, { role, agencyId: e.agencyId, action: `dossier.${name}`, targetType: 'dossier', targetId: locked.id, before: { state: from }, after: { state: to, seq: locked.eventCount } }, e.now);
  const payload: DossierEventPayload = { code: row.code, agencyId: row.agencyId, procedureVersionId: row.procedureVersionId, from, to, nationalStatus: p.nationalStatus, at, seq: locked.eventCount, forms: formsProducedBy(e.action.type), handOff, procedureKey: row.procedureKey, channel: row.channel, dueAt: row.dueAt ? row.dueAt.toISOString() : null, assigneeId: row.assigneeId, prefilled: row.prefill != null, eid: e.principal.kind === 'citizen' && e.principal.assuranceLevel !== null };
  await enqueueEvent(tx, { type: `dossier.${name}`, aggregateType: 'dossier', aggregateId: locked.id, payload: payload as unknown as Record<string, unknown> });
  return { row, role };
}

// --- Drafts ----------------------------------------------------------------------------------------------------------

/** States in which the applicant may still change the dossier's files (and, in `draft`, its data). */
export const EDITABLE_STATES = { data: ['draft'], files: ['draft', 'supplement_requested'] } as const satisfies Record<string, readonly State[]>;

/** Refuses (409 not_draft) unless the locked dossier is in one of `states`. */
export function requireState(locked: Pick<DossierRow, 'state'>, states: readonly State[]): void {
  if (!states.includes(locked.state as State)) throw dossierErrors.notDraft();
}

interface DraftAudit {
  actor: Actor;
  now: Date;
  after?: Record<string, unknown>;
}

/** A new draft (not yet a machine event: its list starts at submission), with its audit record. */
export async function openDraft(tx: Tx, values: NewDossierRow, audit: DraftAudit & { role?: ActorRole }): Promise<DossierRow> {
  const [row] = await tx.insert(dossiers).values(values).returning();
  await appendAudit(tx, audit.actor, { action: 'dossier.draft_created', ...(audit.role ? { role: audit.role } : {}), targetType: 'dossier', targetId: row.id, after: audit.after }, audit.now);
  return row;
}

/** New form data for the locked draft, with its audit record. */
export async function saveDraftData(tx: Tx, locked: DossierRow, data: Record<string, unknown>, audit: DraftAudit): Promise<DossierRow> {
  requireState(locked, EDITABLE_STATES.data);
  const [row] = await tx.update(dossiers).set({ data, updatedAt: audit.now }).where(eq(dossiers.id, locked.id)).returning();
  await appendAudit(tx, audit.actor, { action: 'dossier.draft_updated', targetType: 'dossier', targetId: locked.id }, audit.now);
  return row;
}

/** A file attached to the locked dossier while the applicant may still add files, with its audit record. */
export async function addAttachment(tx: Tx, locked: DossierRow, values: Omit<NewAttachmentRow, 'dossierId'>, audit: DraftAudit): Promise<AttachmentRow> {
  requireState(locked, EDITABLE_STATES.files);
  const [a] = await tx
    .insert(dossierAttachments)
    .values({ ...values, dossierId: locked.id })
    .returning();
  await appendAudit(tx, audit.actor, { action: 'dossier.attachment_added', targetType: 'dossier', targetId: locked.id, after: { attachmentId: a.id, documentId: a.documentId, sha256: a.sha256, ...audit.after } }, audit.now);
  return a;
}

/**
 * Removes a file from the locked dossier (it stays in the table, marked removed, and its blob stays: the same bytes
 * may be attached elsewhere), with its audit record and outbox event.
 */
export async function removeAttachmentRow(tx: Tx, locked: DossierRow, attachment: AttachmentRow, audit: DraftAudit): Promise<AttachmentRow> {
  requireState(locked, EDITABLE_STATES.files);
  const [a] = await tx
    .update(dossierAttachments)
    .set({ removedAt: audit.now })
    .where(and(eq(dossierAttachments.id, attachment.id), eq(dossierAttachments.dossierId, locked.id), isNull(dossierAttachments.removedAt)))
    .returning();
  if (!a) throw dossierErrors.attachmentNotFound();
  const [row] = await tx.update(dossiers).set({ updatedAt: audit.now }).where(eq(dossiers.id, locked.id)).returning();
  const after = { attachmentId: a.id, documentId: a.documentId, sha256: a.sha256, state: locked.state, ...audit.after };
  await appendAudit(tx, audit.actor, { action: 'dossier.attachment_removed', targetType: 'dossier', targetId: locked.id, after }, audit.now);
  await enqueueEvent(tx, {
    type: 'dossier.attachment_removed',
    aggregateType: 'dossier',
    aggregateId: locked.id,
    payload: { code: row.code, agencyId: row.agencyId, state: row.state, attachmentId: a.id, documentId: a.documentId, at: audit.now.toISOString() },
  });
  return a;
}

/**
 * Deletes a draft that was never submitted, with its files (their blobs stay, content-addressed and maybe shared),
 * its audit record and outbox event. `reason`: the applicant deleted it, or it expired untouched.
 */
export async function deleteDraftRow(tx: Tx, locked: DossierRow, reason: 'deleted' | 'expired', audit: DraftAudit): Promise<void> {
  if (locked.state !== 'draft' || locked.code || locked.eventCount > 0) throw dossierErrors.notDeletable();
  await tx.delete(dossierAttachments).where(eq(dossierAttachments.dossierId, locked.id));
  await tx.delete(dossiers).where(eq(dossiers.id, locked.id));
  const name = reason === 'deleted' ? 'draft_deleted' : 'draft_expired';
  await appendAudit(tx, audit.actor, { action: `dossier.${name}`, targetType: 'dossier', targetId: locked.id, before: { state: locked.state, procedureKey: locked.procedureKey, updatedAt: locked.updatedAt.toISOString() }, after: audit.after }, audit.now);
  await enqueueEvent(tx, { type: `dossier.${name}`, aggregateType: 'dossier', aggregateId: locked.id, payload: { code: null, agencyId: locked.agencyId, procedureKey: locked.procedureKey, at: audit.now.toISOString() } });
}
