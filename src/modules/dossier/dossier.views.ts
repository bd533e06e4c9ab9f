/**
 * What the API answers about a dossier, typed by the shared schemas (src/shared/api/dossier.ts): the view, a draft
 * with its data, the detail with files and history, the public lookup. The caller's available actions and the
 * machine's facts come with the view when the caller is known, so the web app shows buttons without guessing.
 */
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import {
  ACTION_SPECS,
  NATIONAL_STATUS_LABELS,
  STATE_LABELS,
  availableActions,
  deadlineStatus,
  progressOf,
  TERMINAL_STATES,
  factsOf,
  formsProducedBy,
  readStoredAction,
  warningFrom,
  type ActionType,
  type ActorRole,
  type DossierFacts,
  type FormNumber,
  type State,
} from '../../shared/dossier';
import type { AttachmentView, DossierDetail, DossierView, DraftView, PublicDossier, PublicTimelineEntry, TimelineEntry } from '../../shared/api/dossier';
import type { DossierContext } from './dossier.deps';
import { actionsOf, attachmentsOf, findDossierByCode, type ActionRow, type AttachmentRow, type DossierRow } from './dossier.repo';
import { loadReadable, type Access } from './dossier.access';
import { prefilledView } from './dossier.prefill';
import { dossierErrors } from './dossier.errors';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** The warning instant, never before the receipt (rows stored before that rule included). */
const warnAt = (row: Pick<DossierRow, 'dueSoonAt' | 'receivedAt'>) => (row.dueSoonAt ? warningFrom(row.dueSoonAt, row.receivedAt) : null);

/** States in which no clock runs against the appointed time. */
const CLOCK_IDLE: readonly State[] = ['supplement_requested', 'payment_requested', 'result_issued', 'rejected', 'withdrawal_requested', ...TERMINAL_STATES];

/** Who asks: their available actions and the machine's facts come with the view. */
export interface Viewer {
  principal: Principal;
  access: Access;
}

/** The machine's facts for this caller now (the same the API checks actions with). */
export function factsFor(row: DossierRow, principal: Principal, now: Date): DossierFacts {
  return factsOf(row.projection, { actorId: principal.accountId, now: now.toISOString(), dueSoonFrom: warnAt(row) ?? undefined });
}

/** The buttons to show: union over the caller's roles of the machine's available actions. */
export function actionsFor(row: DossierRow, viewer: Viewer, facts: DossierFacts): ActionType[] {
  const { principal, access } = viewer;
  const roles: ActorRole[] = principal.kind === 'citizen' ? (access.applicant ? ['applicant'] : []) : [...access.roles, ...access.consultRoles.filter((r) => r === 'specialist')];
  const out = new Set<ActionType>();
  for (const r of roles) for (const a of availableActions(row.state as State, r, facts)) out.add(a);
  // Answering a consultation belongs to the consulted agency.
  if (!access.consultRoles.includes('specialist')) out.delete('answer_consultation');
  return [...out];
}

export function dossierView(row: DossierRow, now: Date, viewer?: Viewer): DossierView {
  const state = row.state as State;
  // A payment the procedure lets the clock run through opens no clock stop: the countdown goes on.
  const paysWithClock = state === 'payment_requested' && !row.projection.clockStops.some((c) => c.to === undefined);
  const running = row.dueAt && row.dueSoonAt && !row.finishedAt && (paysWithClock || !CLOCK_IDLE.includes(state));
  const view: DossierView = {
    id: row.id,
    code: row.code,
    procedure: { key: row.procedureKey, nationalCode: row.procedureCode, name: row.procedureName, versionId: row.procedureVersionId },
    agency: { id: row.agencyId, code: row.agencyCode },
    channel: row.channel,
    state,
    stateLabel: STATE_LABELS[state],
    nationalStatus: row.nationalStatus,
    nationalStatusLabel: NATIONAL_STATUS_LABELS[row.nationalStatus as keyof typeof NATIONAL_STATUS_LABELS],
    subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName },
    agent: row.agentName ? { name: row.agentName } : null,
    filedByOfficer: row.filedByOfficer,
    assigneeId: row.assigneeId,
    submittedAt: iso(row.submittedAt),
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    originalDueAt: iso(row.originalDueAt),
    dueSoonAt: warnAt(row),
    finishedAt: iso(row.finishedAt),
    returnedAt: iso(row.returnedAt),
    onTime: progressOf({ state, finishedAt: row.finishedAt, dueAt: row.dueAt, supplementRequests: row.projection.supplementRequestedCount }),
    deadline: running ? deadlineStatus(now, warnAt(row)!, row.dueAt!) : null,
    supplementRequest: row.projection.supplementRequest,
    extension: row.projection.extension,
    refusalReason: row.projection.refusalReason,
    consultations: row.projection.consultations,
    clockStops: row.projection.clockStops,
    stepDeadlines: row.stepDeadlines,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (viewer) {
    const facts = factsFor(row, viewer.principal, now);
    view.availableActions = actionsFor(row, viewer, facts);
    view.facts = facts;
  }
  return view;
}

/** A draft with its form data and which fields were prefilled (read-only unless editable). */
export function draftView(row: DossierRow, now: Date, viewer?: Viewer): DraftView {
  return { ...dossierView(row, now, viewer), data: row.data, prefilled: prefilledView(row), prefillSkipped: row.prefill?.skipped ?? [] };
}

export function attachmentView(a: AttachmentRow): AttachmentView {
  return {
    id: a.id,
    documentId: a.documentId,
    fileName: a.fileName,
    contentType: a.contentType as AttachmentView['contentType'],
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt.toISOString(),
    source: a.source,
    storeItemId: a.storeItemId,
    fromDataStore: a.source === 'store',
  };
}

/** The action type of a stored row, old rows included (a hand-back stored as a tagged comment is a hand-back). */
export const storedTypeOf = (a: Pick<ActionRow, 'payload'>): ActionType => readStoredAction(a.payload).type;

export function publicTimelineEntry(a: ActionRow): PublicTimelineEntry {
  const type = storedTypeOf(a);
  return {
    seq: a.seq,
    type,
    label: ACTION_SPECS[type].label,
    at: a.at.toISOString(),
    fromState: a.fromState,
    toState: a.toState,
    toStateLabel: STATE_LABELS[a.toState as State],
    actorRole: a.actorRole,
    stepDueAt: iso(a.stepDueAt),
    handOff: a.handOff,
    forms: formsProducedBy(type) as FormNumber[],
  };
}

export function timelineEntry(a: ActionRow): TimelineEntry {
  return { ...publicTimelineEntry(a), actorAccountId: a.actorAccountId, actorName: a.actorName, agencyId: a.agencyId, comment: a.comment, payload: a.payload };
}

/** A dossier with its data, attachments, history and what the caller may do now. */
export async function dossierDetail(ctx: DossierContext, db: DbOrTx, principal: Principal, id: string): Promise<DossierDetail> {
  const { row, access } = await loadReadable(ctx, db, principal, id);
  const [actions, attachments] = await Promise.all([actionsOf(db, id), attachmentsOf(db, id)]);
  const detail: DossierDetail = { ...draftView(row, ctx.now(), { principal, access }), attachments: attachments.map(attachmentView), timeline: actions.map(timelineEntry) };
  // Officers see who works on it by name (Chuyên viên xử lý), not just that someone does.
  if (principal.kind !== 'citizen') detail.assigneeName = row.assigneeId ? ((await ctx.identity.displayNamesOf([row.assigneeId], db)).get(row.assigneeId) ?? null) : null;
  return detail;
}

/** Public lookup by code: status and timeline, no personal data (no names, no form data, no comments). */
export async function publicDossier(ctx: DossierContext, db: DbOrTx, code: string): Promise<PublicDossier> {
  const row = await findDossierByCode(db, code);
  if (!row?.code) throw dossierErrors.notFound();
  const agency = await ctx.directory.get(row.agencyId, db);
  const actions = await actionsOf(db, row.id);
  const state = row.state as State;
  return {
    code: row.code,
    procedure: { nationalCode: row.procedureCode, name: row.procedureName },
    agency: agency ? { code: agency.code, name: { vi: agency.name, en: agency.nameEn } } : { code: row.agencyCode, name: null },
    state,
    stateLabel: STATE_LABELS[state],
    nationalStatus: row.nationalStatus,
    nationalStatusLabel: NATIONAL_STATUS_LABELS[row.nationalStatus as keyof typeof NATIONAL_STATUS_LABELS],
    submittedAt: iso(row.submittedAt),
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    finishedAt: iso(row.finishedAt),
    returnedAt: iso(row.returnedAt),
    timeline: actions.filter((a) => storedTypeOf(a) !== 'comment').map(publicTimelineEntry),
  };
}
