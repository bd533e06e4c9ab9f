/**
 * The dossier (hồ sơ) state machine: which action may be taken in which state, by which role, and the projection
 * of a dossier from its append-only event list. Pure: no I/O, no clock, no calendar. The API uses `checkAction` to
 * refuse (409 for `state`, 403 for `role`, 422 for `payload`); the web app uses `availableActions` to show only the
 * buttons that would be accepted. Jurisdiction (which agency) and ownership (whose dossier) are checked by the
 * server, not here.
 */
import { ACTION_TYPES, isActionType, payloadProblems, readStoredAction } from './actions';
import type { Action, ActionType, Channel, ReturnMethod } from './actions';
import { classifyHandOff, isExtensionTimely, isIsoInstant, toMillis } from './deadline';
import type { HandOffClass } from './deadline';
import { ACTOR_ROLES } from './roles';
import type { ActorRole } from './roles';
import { CLOCK_STOPPED_STATES, NATIONAL_STATUS, STATES } from './states';
import type { Label, NationalStatusCode, State } from './states';

/** Decree 118/2025 Art. 11: the agency may ask for the dossier to be supplemented or corrected only once. */
export const MAX_SUPPLEMENT_REQUESTS = 1;
/** Decree 118/2025 (domain brief §3): the new return date of a late dossier may be set only once. */
export const MAX_EXTENSIONS = 1;

/**
 * What the machine needs to know about the dossier and the caller beyond its state. Build it with `factsOf` from a
 * projection rather than by hand.
 */
export interface DossierFacts {
  /** Form-02 requests already made (bổ sung). */
  supplementRequestedCount: number;
  /** Apology-and-extension letters already issued (gia hạn, form 04). */
  extensionCount: number;
  /** A decision (approval or refusal of the request) has been issued; withdrawal is then no longer possible. */
  decisionIssued: boolean;
  /** The caller is the specialist assigned to the dossier. */
  isAssignee: boolean;
  /** Some specialist is assigned; if none, any specialist may take the dossier up (claim). */
  hasAssignee: boolean;
  /** The dossier was received (form 01 issued): a supplement then resumes processing, else it goes back to the desk. */
  hasBeenReceived: boolean;
  /**
   * Extension timing. Either give `isBeforeDueMinusOneDay` (already decided by the server), or `now` and
   * `dueSoonFrom` (= due minus one working day, from the calendar) and the machine decides with
   * `isExtensionTimely`. With neither, `extend` is refused: the machine cannot tell whether it is too late.
   */
  isBeforeDueMinusOneDay?: boolean;
  now?: string;
  dueSoonFrom?: string;
  /** Current appointed return time; a new one set by `extend` must be later. */
  dueAt?: string | null;
}

export type RefusalKind = 'state' | 'role' | 'payload';

/** Every refusal the machine can give, with its kind (so the API declares each code once, with its status). */
export const REFUSAL_KINDS = {
  unknown_action: 'payload',
  role_not_permitted: 'role', // this role never takes this action
  state_not_permitted: 'state', // no such transition from this state
  role_not_permitted_in_state: 'role', // the action exists in this state, but for other roles
  not_assignee: 'role', // specialist who is not the assigned one
  supplement_limit_reached: 'state',
  extension_limit_reached: 'state',
  extension_too_late: 'state',
  extension_timing_unknown: 'state',
  decision_issued: 'state',
  invalid_payload: 'payload',
  due_date_not_later: 'payload',
} as const satisfies Record<string, RefusalKind>;

export type RefusalCode = keyof typeof REFUSAL_KINDS;
export const REFUSAL_CODES = Object.keys(REFUSAL_KINDS) as RefusalCode[];

export type CheckResult =
  | { ok: true; next: State }
  | { ok: false; kind: RefusalKind; code: RefusalCode; reason: Label };

/** The HTTP status the API should answer a refusal with. */
export const HTTP_STATUS_OF_REFUSAL: Record<RefusalKind, 403 | 409 | 422> = { state: 409, role: 403, payload: 422 };

// ---------------------------------------------------------------------------------------------------------------
// Transition table
// ---------------------------------------------------------------------------------------------------------------

/** `same`: the action does not change the state. A function: the target depends on the facts. */
export type TransitionTarget = State | 'same' | ((facts: Pick<DossierFacts, 'hasBeenReceived'>) => State);

export interface TransitionEdge {
  to: TransitionTarget;
  roles: readonly ActorRole[];
}

const OFFICERS_WHO_COMMENT: readonly ActorRole[] = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin'];
const COMMENTERS: readonly ActorRole[] = ['applicant', ...OFFICERS_WHO_COMMENT];

/** Received and not yet decided: where withdrawal leads to a stop notice. */
const BEFORE_DECISION: readonly State[] = [
  'received',
  'supplement_requested',
  'processing',
  'consulting',
  'payment_requested',
  'pending_approval',
];

function edges(from: readonly State[], to: TransitionTarget, roles: readonly ActorRole[]): Partial<Record<State, TransitionEdge>> {
  return Object.fromEntries(from.map((s) => [s, { to, roles }]));
}

/**
 * action → from-state → { to, roles }. Anything absent is refused with kind `state`. Where the receiving officer
 * may act for the applicant, it is to record what an applicant does in person at the desk (channel 1).
 * `platform_admin` has no dossier actions at all: running the platform does not make one an official of an agency.
 */
export const TRANSITIONS: { readonly [A in ActionType]: Readonly<Partial<Record<State, TransitionEdge>>> } = {
  submit: edges(['draft'], 'submitted', ['applicant', 'receiving_officer', 'system']),
  // Tiếp nhận: the desk issues the receipt and appointment (form 01); `system` for automatic reception.
  receive: edges(['submitted'], 'received', ['receiving_officer', 'system']),
  // Từ chối tiếp nhận (form 03), only before reception; after it the agency rejects the request instead.
  refuse_reception: edges(['submitted'], 'refused', ['receiving_officer']),
  // Form 02: at the desk for an incomplete filing, or by the specialist once received. Once per dossier (guard).
  request_supplement: {
    submitted: { to: 'supplement_requested', roles: ['receiving_officer'] },
    ...edges(['received', 'processing'], 'supplement_requested', ['specialist']),
  },
  // The clock restarts: back to processing if received, back to the desk otherwise.
  resubmit_supplement: edges(['supplement_requested'], (f) => (f.hasBeenReceived ? 'processing' : 'submitted'), [
    'applicant',
    'receiving_officer',
  ]),
  // Phân công: the desk routes a received dossier; the approver or agency admin (re)assigns at any working step.
  assign: {
    received: { to: 'same', roles: ['receiving_officer', 'approver', 'agency_admin'] },
    ...edges(['supplement_requested', 'processing', 'consulting', 'payment_requested'], 'same', ['approver', 'agency_admin']),
  },
  start_processing: edges(['received'], 'processing', ['specialist']),
  // Trả lại để phân công lại: the assigned specialist gives it back before working on it or while working on it.
  hand_back: edges(['received', 'processing'], 'same', ['specialist']),
  request_consultation: edges(['processing'], 'consulting', ['specialist']),
  // Answered by the consulted agency's specialist or by the inter-agency connector.
  answer_consultation: edges(['consulting'], 'processing', ['specialist', 'system']),
  request_payment: edges(['processing'], 'payment_requested', ['specialist']),
  // By the payment gateway, the desk that collected it, or the specialist who saw the receipt.
  confirm_payment: edges(['payment_requested'], 'processing', ['receiving_officer', 'specialist', 'system']),
  propose: edges(['processing'], 'pending_approval', ['specialist']),
  approve: edges(['pending_approval'], 'approved', ['approver']),
  reject: edges(['pending_approval'], 'rejected', ['approver']),
  return_to_specialist: edges(['pending_approval'], 'processing', ['approver']),
  issue_result: edges(['approved'], 'result_issued', ['specialist', 'result_officer', 'system']),
  // A refusal letter is returned like any result.
  return_result: edges(['result_issued', 'rejected'], 'returned', ['result_officer', 'receiving_officer', 'system']),
  // Before reception there is nothing to stop: the dossier is simply withdrawn. After, the agency must stop it.
  request_withdrawal: {
    submitted: { to: 'withdrawn', roles: ['applicant', 'receiving_officer'] },
    ...edges(BEFORE_DECISION, 'withdrawal_requested', ['applicant', 'receiving_officer']),
  },
  stop: edges(['withdrawal_requested'], 'stopped', ['receiving_officer', 'specialist', 'approver', 'agency_admin']),
  // Only while the agency's clock runs and no result exists yet; once, and on time (guards).
  extend: edges(['received', 'processing', 'consulting', 'pending_approval', 'approved'], 'same', ['specialist', 'approver', 'agency_admin']),
  comment: edges(
    STATES.filter((s) => s !== 'draft'),
    'same',
    COMMENTERS,
  ),
};

/** Actions a specialist may take only on a dossier assigned to them (others may take them regardless). */
const ASSIGNEE_BOUND: ReadonlySet<ActionType> = new Set<ActionType>([
  'start_processing', // or claim an unassigned one
  'hand_back', // only the assignee gives the dossier back
  'request_supplement',
  'request_consultation',
  'request_payment',
  'confirm_payment',
  'propose',
  'issue_result',
  'stop',
  'extend',
]);

const ROLES_BY_ACTION = Object.fromEntries(
  ACTION_TYPES.map((a) => [a, new Set<ActorRole>(Object.values(TRANSITIONS[a]).flatMap((e) => (e ? e.roles : [])))]),
) as unknown as Record<ActionType, ReadonlySet<ActorRole>>;

/** Refusals from the history rules and payload rules of particular actions (see guardRefusal, payloadRefusal). */
const GUARD_CODES: Partial<Record<ActionType, readonly RefusalCode[]>> = {
  request_supplement: ['supplement_limit_reached'],
  extend: ['extension_limit_reached', 'extension_timing_unknown', 'extension_too_late', 'due_date_not_later'],
  request_withdrawal: ['decision_issued'],
};

/** Every refusal `checkAction` can give for this action (what the API lists per operation). */
export function refusalCodesOf(action: ActionType): RefusalCode[] {
  const codes: RefusalCode[] = ['role_not_permitted', 'state_not_permitted', 'role_not_permitted_in_state', 'invalid_payload'];
  if (ASSIGNEE_BOUND.has(action) && ROLES_BY_ACTION[action].has('specialist')) codes.push('not_assignee');
  return [...codes, ...(GUARD_CODES[action] ?? [])];
}

/** The roles that may take an action in some state. */
export function rolesFor(action: ActionType): ActorRole[] {
  return ACTOR_ROLES.filter((r) => ROLES_BY_ACTION[action].has(r));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------------

type Refusal = Extract<CheckResult, { ok: false }>;

/** A refusal; its kind (hence its HTTP status) is the code's, from REFUSAL_KINDS. */
const refuse = (code: RefusalCode, reason: Label): Refusal => ({ ok: false, kind: REFUSAL_KINDS[code], code, reason });

function resolve(to: TransitionTarget, from: State, facts: Pick<DossierFacts, 'hasBeenReceived'>): State {
  if (to === 'same') return from;
  return typeof to === 'function' ? to(facts) : to;
}

/** Whether an extension is still timely, or undefined when the facts do not say. */
function extensionTimely(facts: DossierFacts): boolean | undefined {
  if (facts.isBeforeDueMinusOneDay !== undefined) return facts.isBeforeDueMinusOneDay;
  if (isIsoInstant(facts.now) && isIsoInstant(facts.dueSoonFrom)) return isExtensionTimely(facts.now, facts.dueSoonFrom);
  return undefined;
}

/** Rules on the dossier's history: kind `state` (409). `timing` is off when replaying history (no `now` then). */
function guardRefusal(action: ActionType, facts: DossierFacts, timing: boolean): Refusal | null {
  switch (action) {
    case 'request_supplement':
      // Decree 118/2025 Art. 11: one request to supplement per dossier; a second one would also count the dossier
      // as late in the service-quality index (Decision 766/QĐ-TTg).
      if (facts.supplementRequestedCount >= MAX_SUPPLEMENT_REQUESTS) {
        return refuse('supplement_limit_reached', {
          vi: 'Chỉ được yêu cầu bổ sung hồ sơ một lần (Nghị định 118/2025, Điều 11).',
          en: 'A supplement may be requested only once per dossier (Decree 118/2025, Art. 11).',
        });
      }
      return null;
    case 'extend': {
      // Decree 118/2025: the apology letter sets a new return date once, at the latest one working day before due.
      if (facts.extensionCount >= MAX_EXTENSIONS) {
        return refuse('extension_limit_reached', {
          vi: 'Chỉ được hẹn lại ngày trả kết quả một lần.',
          en: 'The return date may be extended only once.',
        });
      }
      if (!timing) return null;
      const timely = extensionTimely(facts);
      if (timely === undefined) {
        return refuse('extension_timing_unknown', {
          vi: 'Không xác định được thời hạn để gia hạn.',
          en: 'Cannot tell whether an extension is still allowed: deadline facts are missing.',
        });
      }
      if (!timely) {
        return refuse('extension_too_late', {
          vi: 'Phải xin lỗi và hẹn lại chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.',
          en: 'The apology and new date must be issued at the latest one working day before the due date.',
        });
      }
      return null;
    }
    case 'request_withdrawal':
      // The applicant may withdraw only before a decision is issued (Decree 118/2025; domain brief §3).
      if (facts.decisionIssued) {
        return refuse('decision_issued', {
          vi: 'Đã có quyết định giải quyết, không thể rút hồ sơ.',
          en: 'A decision has been issued: the dossier can no longer be withdrawn.',
        });
      }
      return null;
    default:
      return null;
  }
}

/** Payload rules, including those that depend on the dossier. */
function payloadRefusal(action: Action, facts: Pick<DossierFacts, 'dueAt'>): Refusal | null {
  const problems = payloadProblems(action);
  if (problems.length > 0) {
    const list = (lang: 'vi' | 'en') => problems.map((p) => `${p.field}: ${p.message[lang]}`).join('; ');
    return refuse('invalid_payload', { vi: `Dữ liệu không hợp lệ: ${list('vi')}`, en: `Invalid payload: ${list('en')}` });
  }
  if (action.type === 'extend' && isIsoInstant(facts.dueAt) && toMillis(action.newDueAt) <= toMillis(facts.dueAt)) {
    return refuse('due_date_not_later', {
      vi: 'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
      en: 'The new due date must be later than the current one.',
    });
  }
  return null;
}

/**
 * May `role` take `action` in `state`? Checks, in order: the role ever takes this action (else `role`); the state
 * allows it (else `state`); this role may take it in this state (else `role`); a specialist is the assignee (else
 * `role`); the history rules — supplement once, extension once and on time, withdrawal before a decision (else
 * `state`); and, when a full action is given rather than a type, its payload (else `payload`).
 */
export function checkAction(state: State, role: ActorRole, action: ActionType | Action, facts: DossierFacts): CheckResult {
  const type: unknown = typeof action === 'string' ? action : (action as { type?: unknown } | null)?.type;
  if (!isActionType(type)) return refuse('unknown_action', { vi: 'Thao tác không hợp lệ.', en: 'Unknown action.' });

  if (!ROLES_BY_ACTION[type].has(role)) {
    return refuse('role_not_permitted', {
      vi: 'Vai trò của bạn không được thực hiện thao tác này.',
      en: 'Your role may not take this action.',
    });
  }
  const edge = TRANSITIONS[type][state];
  if (!edge) {
    return refuse('state_not_permitted', {
      vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
      en: 'This action is not possible in the dossier’s current state.',
    });
  }
  if (!edge.roles.includes(role)) {
    return refuse('role_not_permitted_in_state', {
      vi: 'Ở trạng thái này, vai trò của bạn không được thực hiện thao tác này.',
      en: 'In this state, your role may not take this action.',
    });
  }
  if (role === 'specialist' && ASSIGNEE_BOUND.has(type)) {
    const claimable = type === 'start_processing' && !facts.hasAssignee;
    if (!facts.isAssignee && !claimable) {
      return refuse('not_assignee', {
        vi: 'Hồ sơ không được phân công cho bạn.',
        en: 'The dossier is not assigned to you.',
      });
    }
  }
  const guard = guardRefusal(type, facts, true);
  if (guard) return guard;
  if (typeof action !== 'string') {
    const bad = payloadRefusal(action, facts);
    if (bad) return bad;
  }
  return { ok: true, next: resolve(edge.to, state, facts) };
}

/** The actions `role` may take now, in `ACTION_TYPES` order: the buttons to show. */
export function availableActions(state: State, role: ActorRole, facts: DossierFacts): ActionType[] {
  return ACTION_TYPES.filter((a) => checkAction(state, role, a, facts).ok);
}

// ---------------------------------------------------------------------------------------------------------------
// Events and projection
// ---------------------------------------------------------------------------------------------------------------

/** One accepted action, as stored in the dossier's append-only list. */
export interface DossierEvent {
  action: Action;
  /** When it was accepted: ISO 8601 with offset, to the minute at least. Non-decreasing along the list. */
  at: string;
  actor: { role: ActorRole; id?: string | null };
}

/** A period during which the processing clock is stopped because the applicant must act. */
export interface ClockStop {
  kind: 'supplement' | 'financial_obligation';
  from: string;
  /** Absent while the wait is still open. */
  to?: string;
}

export interface Consultation {
  agency: string;
  question: string;
  requestedAt: string;
  stepDueAt: string;
  answeredAt: string | null;
  /** The answer against its own step deadline, for the process control sheet (form 06). */
  handOff: HandOffClass | null;
}

export interface DossierTimestamps {
  submittedAt: string | null;
  receivedAt: string | null;
  refusedAt: string | null;
  processingStartedAt: string | null;
  supplementRequestedAt: string | null;
  supplementResubmittedAt: string | null;
  /** The latest proposal (a returned proposal may be proposed again). */
  proposedAt: string | null;
  decidedAt: string | null;
  resultIssuedAt: string | null;
  returnedAt: string | null;
  extendedAt: string | null;
  withdrawalRequestedAt: string | null;
  withdrawnAt: string | null;
  stoppedAt: string | null;
}

/** The dossier row: a projection of its event list. */
export interface DossierProjection {
  state: State;
  nationalStatus: NationalStatusCode;
  /** Number of events applied; the next event's index. */
  eventCount: number;
  lastEventAt: string | null;
  /** When the current state was entered. */
  stateSince: string | null;
  channel: Channel | null;
  assigneeId: string | null;
  supplementRequestedCount: number;
  extensionCount: number;
  consultationCount: number;
  decisionIssued: boolean;
  decision: 'approved' | 'rejected' | null;
  /** Appointed return time now in force (from reception, a restarted period, or the extension). */
  dueAt: string | null;
  /** Appointed return time written on the receipt (form 01). */
  originalDueAt: string | null;
  /** Applicant waits after reception, to exclude from the on-time computation. */
  clockStops: ClockStop[];
  consultations: Consultation[];
  supplementRequest: { reason: string; missingItems: string[] } | null;
  extension: { reason: string; previousDueAt: string | null; newDueAt: string } | null;
  /** Reason written on form 03 or in the refusal of the request. */
  refusalReason: string | null;
  withdrawalReason: string | null;
  stopReason: string | null;
  resultElectronic: boolean | null;
  returnMethod: ReturnMethod | null;
  timestamps: DossierTimestamps;
}

/** Thrown by `fold`/`applyEvent` when the list could not have been produced by the machine. */
export class InvalidHistoryError extends Error {
  override readonly name = 'InvalidHistoryError';
  constructor(
    readonly index: number,
    readonly code: RefusalCode | 'invalid_event' | 'out_of_order',
    readonly reason: Label,
  ) {
    super(`Dossier event #${index} is invalid (${code}): ${reason.en}`);
  }
}

export function initialProjection(): DossierProjection {
  return {
    state: 'draft',
    nationalStatus: NATIONAL_STATUS.draft,
    eventCount: 0,
    lastEventAt: null,
    stateSince: null,
    channel: null,
    assigneeId: null,
    supplementRequestedCount: 0,
    extensionCount: 0,
    consultationCount: 0,
    decisionIssued: false,
    decision: null,
    dueAt: null,
    originalDueAt: null,
    clockStops: [],
    consultations: [],
    supplementRequest: null,
    extension: null,
    refusalReason: null,
    withdrawalReason: null,
    stopReason: null,
    resultElectronic: null,
    returnMethod: null,
    timestamps: {
      submittedAt: null,
      receivedAt: null,
      refusedAt: null,
      processingStartedAt: null,
      supplementRequestedAt: null,
      supplementResubmittedAt: null,
      proposedAt: null,
      decidedAt: null,
      resultIssuedAt: null,
      returnedAt: null,
      extendedAt: null,
      withdrawalRequestedAt: null,
      withdrawnAt: null,
      stoppedAt: null,
    },
  };
}

/** What the caller is and knows, to turn a projection into facts. */
export interface Viewer {
  /** The caller's account id, to tell whether they are the assignee. */
  actorId?: string | null;
  now?: string;
  /** Current due time minus one working day, from the calendar. */
  dueSoonFrom?: string;
  /** Or the server's own decision on extension timing. */
  isBeforeDueMinusOneDay?: boolean;
}

/** The facts for `checkAction`/`availableActions`, from the projection and the caller. */
export function factsOf(p: DossierProjection, viewer: Viewer = {}): DossierFacts {
  return {
    supplementRequestedCount: p.supplementRequestedCount,
    extensionCount: p.extensionCount,
    decisionIssued: p.decisionIssued,
    isAssignee: p.assigneeId !== null && viewer.actorId != null && p.assigneeId === viewer.actorId,
    hasAssignee: p.assigneeId !== null,
    hasBeenReceived: p.timestamps.receivedAt !== null,
    isBeforeDueMinusOneDay: viewer.isBeforeDueMinusOneDay,
    now: viewer.now,
    dueSoonFrom: viewer.dueSoonFrom,
    dueAt: p.dueAt,
  };
}

/** Facts from history alone: what replaying a stored event can and must re-check. */
function historyFacts(p: DossierProjection): DossierFacts {
  return factsOf(p);
}

/**
 * Apply one stored event. Re-checks what the history alone determines — the transition exists, the once-only
 * rules, withdrawal before a decision, the payload, timestamps in order — and throws InvalidHistoryError otherwise.
 * It does not re-check roles, assignment or extension timing: those were checked with the facts of the moment, and
 * role policy may change without invalidating old dossiers.
 */
export function applyEvent(p: DossierProjection, event: DossierEvent): DossierProjection {
  const index = p.eventCount;
  // Old hand-backs were stored as tagged comments; they are read as the action they were.
  const action = (event?.action ? readStoredAction(event.action) : undefined) as Action | undefined;
  if (!action || !isActionType(action.type) || !isIsoInstant(event.at)) {
    throw new InvalidHistoryError(index, 'invalid_event', {
      vi: 'Sự kiện thiếu thao tác hoặc thời điểm hợp lệ.',
      en: 'Event lacks a known action or a valid timestamp.',
    });
  }
  const at = event.at;
  if (p.lastEventAt !== null && toMillis(at) < toMillis(p.lastEventAt)) {
    throw new InvalidHistoryError(index, 'out_of_order', {
      vi: 'Thời điểm sự kiện sớm hơn sự kiện trước.',
      en: 'Event is earlier than the previous one.',
    });
  }
  const facts = historyFacts(p);
  const edge = TRANSITIONS[action.type][p.state];
  if (!edge) {
    throw new InvalidHistoryError(index, 'state_not_permitted', {
      vi: `Không thể ${action.type} ở trạng thái ${p.state}.`,
      en: `Cannot ${action.type} in state ${p.state}.`,
    });
  }
  const refusal = guardRefusal(action.type, facts, false) ?? payloadRefusal(action, facts);
  if (refusal) throw new InvalidHistoryError(index, refusal.code, refusal.reason);

  const from = p.state;
  const to = resolve(edge.to, from, facts);
  const n: DossierProjection = {
    ...p,
    state: to,
    nationalStatus: NATIONAL_STATUS[to],
    eventCount: index + 1,
    lastEventAt: at,
    stateSince: to !== from || p.stateSince === null ? at : p.stateSince,
    clockStops: p.clockStops.map((c) => ({ ...c })),
    consultations: p.consultations.map((c) => ({ ...c })),
    timestamps: { ...p.timestamps },
  };
  const ts = n.timestamps;

  // Clock stops: the applicant's waits after reception (before it, no clock runs).
  if (from !== to && CLOCK_STOPPED_STATES.includes(from)) {
    const open = n.clockStops.find((c) => c.to === undefined);
    if (open) open.to = at;
  }
  const clockRuns = action.type === 'request_payment' && action.clockRuns === true;
  if (from !== to && CLOCK_STOPPED_STATES.includes(to) && ts.receivedAt !== null && !clockRuns) {
    n.clockStops.push({ kind: to === 'supplement_requested' ? 'supplement' : 'financial_obligation', from: at });
  }

  switch (action.type) {
    case 'submit':
      n.channel = action.channel;
      ts.submittedAt ??= at;
      break;
    case 'receive':
      ts.receivedAt = at;
      n.dueAt = action.dueAt;
      n.originalDueAt = action.dueAt;
      break;
    case 'refuse_reception':
      ts.refusedAt = at;
      n.refusalReason = action.reason;
      break;
    case 'request_supplement':
      n.supplementRequestedCount += 1;
      n.supplementRequest = { reason: action.reason, missingItems: [...action.missingItems] };
      ts.supplementRequestedAt = at;
      break;
    case 'resubmit_supplement':
      ts.supplementResubmittedAt = at;
      // A procedure whose period restarts on a complete dossier gets a new appointed time from the server.
      if (action.dueAt !== undefined) n.dueAt = action.dueAt;
      break;
    case 'assign':
      n.assigneeId = action.assigneeId;
      break;
    case 'start_processing':
      ts.processingStartedAt ??= at;
      // An unassigned dossier taken up by a specialist becomes theirs.
      if (n.assigneeId === null && event.actor?.id) n.assigneeId = event.actor.id;
      break;
    case 'hand_back':
      // Back in the pool: an approver (re)assigns it, or, while received, any specialist takes it up.
      n.assigneeId = null;
      break;
    case 'request_consultation':
      n.consultationCount += 1;
      n.consultations.push({
        agency: action.agency,
        question: action.question,
        requestedAt: at,
        stepDueAt: action.stepDueAt,
        answeredAt: null,
        handOff: null,
      });
      break;
    case 'answer_consultation': {
      const open = n.consultations[n.consultations.length - 1];
      if (open && open.answeredAt === null) {
        open.answeredAt = at;
        open.handOff = classifyHandOff(at, open.stepDueAt);
      }
      break;
    }
    case 'propose':
      ts.proposedAt = at;
      break;
    case 'approve':
    case 'reject':
      n.decisionIssued = true;
      n.decision = action.type === 'approve' ? 'approved' : 'rejected';
      ts.decidedAt = at;
      if (action.type === 'reject') n.refusalReason = action.reason;
      break;
    case 'issue_result':
      ts.resultIssuedAt = at;
      n.resultElectronic = action.electronic;
      break;
    case 'return_result':
      ts.returnedAt = at;
      n.returnMethod = action.method;
      break;
    case 'request_withdrawal':
      ts.withdrawalRequestedAt = at;
      n.withdrawalReason = action.reason ?? null;
      if (to === 'withdrawn') ts.withdrawnAt = at;
      break;
    case 'stop':
      ts.stoppedAt = at;
      n.stopReason = action.reason;
      break;
    case 'extend':
      n.extensionCount += 1;
      n.extension = { reason: action.reason, previousDueAt: p.dueAt, newDueAt: action.newDueAt };
      n.dueAt = action.newDueAt;
      ts.extendedAt = at;
      break;
    case 'request_payment':
    case 'confirm_payment':
    case 'return_to_specialist':
    case 'comment':
      break;
  }
  return n;
}

/** The projection of a dossier's event list (oldest first). Throws InvalidHistoryError on an impossible list. */
export function fold(events: readonly DossierEvent[]): DossierProjection {
  return events.reduce(applyEvent, initialProjection());
}
