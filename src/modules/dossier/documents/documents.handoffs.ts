/**
 * The rows of the process control sheet (form 06) from the dossier's history: one row per hand-off (receive, assign,
 * take up, consultation out and back, supplement, payment, proposal, decision, result, return, hand-back…), each
 * with who gave and who received it (person and unit) and its own time, step deadline and early / on time / late.
 * Pure: the dossier service hands in the history and the names it knows; nothing here reads a database.
 *
 * Who holds the dossier is followed step by step, so a row pairs the people of that very hand-off with its time:
 * the desk receives it from the applicant, the leader assigns it, the specialist takes it from the desk, asks the
 * consulted agency (whose officer answers under that agency's name), proposes to the approver, and so on.
 */
import { ACTION_SPECS, HAND_OFFS, classifyHandOff, type ActionType, type HandOffClass } from '../../../shared/dossier';
import type { HandOff, HandOffParty } from './documents.types';

/** One stored action of the dossier, as the sheet needs it. */
export interface HistoryStep {
  type: ActionType;
  at: Date;
  actorAccountId: string | null;
  actorName: string | null;
  actorRole: string;
  /** The agency in whose name the actor acted (the consulted agency for its answer). */
  agencyId: string | null;
  payload: Record<string, unknown>;
  stepDueAt: Date | null;
  handOff: HandOffClass | null;
}

/** What the sheet needs to name people and units. */
export interface HandOffNames {
  /** Who filed: the applicant or their agent. */
  applicant: HandOffParty;
  /** The handling agency. */
  agencyId: string;
  /** An agency's name, or its one-stop unit's (Bộ phận Một cửa) for the desk and result officers. */
  unitOf(agencyId: string | null, oneStop: boolean): string;
  /** An agency by its electronic identifier (the consultation names the consulted agency by code). */
  agencyIdByCode(code: string): string | null;
  /** An account's name (the assignee of an assignment). */
  personOf(accountId: string): string | undefined;
  /** An agency hosted on another node, by its electronic identifier (its answer comes back with no local agency). */
  remoteUnitOf?(code: string): string | null;
}

/** Roles that act at the one-stop desk. */
const DESK_ROLES = new Set(['receiving_officer', 'result_officer']);

const sameParty = (a: HandOffParty, b: HandOffParty) => a.unit === b.unit && a.person === b.person;

export function handOffRows(history: readonly HistoryStep[], names: HandOffNames): HandOff[] {
  const steps = history.filter((s) => HAND_OFFS.includes(s.type));
  const agencyUnit = names.unitOf(names.agencyId, false);
  const deskUnit = names.unitOf(names.agencyId, true);
  // The unit of the consultation under way when it was asked of an agency on another node.
  let remoteUnit: string | null = null;
  const actor = (s: HistoryStep): HandOffParty => {
    const unit = s.type === 'answer_consultation' && !s.agencyId && remoteUnit ? remoteUnit : names.unitOf(s.agencyId ?? names.agencyId, DESK_ROLES.has(s.actorRole));
    return s.actorName ? { unit, person: s.actorName } : { unit };
  };
  /** The actor of the next step of one of `types`, if the history has one. */
  const next = (i: number, types: readonly ActionType[]): HistoryStep | undefined => steps.slice(i + 1).find((s) => types.includes(s.type));
  const personOf = (id: unknown) => (typeof id === 'string' ? names.personOf(id) : undefined);

  let holder: HandOffParty = names.applicant;
  let assigner: HandOffParty | null = null;
  let assignee: HandOffParty | null = null;
  let consultRequester: HandOffParty | null = null;
  let supplementRequester: HandOffParty | null = null;
  let paymentRequester: HandOffParty | null = null;
  let proposer: HandOffParty | null = null;
  const rows: HandOff[] = [];

  steps.forEach((s, i) => {
    const me = actor(s);
    const officer = s.actorRole !== 'applicant';
    let from: HandOffParty = me;
    let to: HandOffParty;
    switch (s.type) {
      case 'receive':
        from = names.applicant;
        to = me;
        holder = me;
        break;
      case 'assign': {
        const person = personOf(s.payload.assigneeId);
        to = person ? { unit: agencyUnit, person } : { unit: agencyUnit };
        assigner = me;
        assignee = to;
        // A reassignment while the dossier is being worked on moves it to the new specialist at once; a first
        // assignment waits for the specialist to take it up from the desk.
        if (steps.slice(0, i).some((x) => x.type === 'start_processing')) holder = to;
        break;
      }
      case 'start_processing':
        from = sameParty(holder, me) ? (assigner ?? { unit: deskUnit }) : holder;
        to = me;
        holder = me;
        assignee = me;
        break;
      case 'hand_back':
        to = assigner && !sameParty(assigner, me) ? assigner : { unit: agencyUnit };
        holder = to;
        assignee = null;
        break;
      case 'request_consultation': {
        const answer = next(i, ['answer_consultation']);
        const byCode = typeof s.payload.agency === 'string' ? names.agencyIdByCode(s.payload.agency) : null;
        remoteUnit = !byCode && !answer?.agencyId && typeof s.payload.agency === 'string' ? (names.remoteUnitOf?.(s.payload.agency) ?? null) : null;
        const unit = remoteUnit ?? names.unitOf(answer?.agencyId ?? byCode, false);
        to = answer?.actorName ? { unit, person: answer.actorName } : { unit };
        consultRequester = me;
        holder = to;
        break;
      }
      case 'answer_consultation':
        to = consultRequester ?? assignee ?? { unit: agencyUnit };
        holder = to;
        break;
      case 'request_supplement':
        to = names.applicant;
        supplementRequester = me;
        holder = names.applicant;
        break;
      case 'resubmit_supplement':
        from = names.applicant;
        to = officer ? me : (supplementRequester ?? { unit: deskUnit });
        holder = to;
        break;
      case 'request_payment':
        to = names.applicant;
        paymentRequester = me;
        break;
      case 'confirm_payment':
        from = names.applicant;
        to = officer && s.actorRole !== 'system' ? me : (paymentRequester ?? holder);
        break;
      case 'propose': {
        const decider = next(i, ['approve', 'reject', 'return_to_specialist']);
        to = decider ? actor(decider) : { unit: agencyUnit };
        proposer = me;
        holder = to;
        break;
      }
      case 'approve':
      case 'reject': {
        const issuer = next(i, ['issue_result', 'return_result']);
        to = issuer && !sameParty(actor(issuer), me) ? actor(issuer) : { unit: deskUnit };
        holder = to;
        break;
      }
      case 'return_to_specialist':
        to = proposer ?? assignee ?? { unit: agencyUnit };
        holder = to;
        break;
      case 'issue_result': {
        const returner = next(i, ['return_result']);
        to = returner && !sameParty(actor(returner), me) ? actor(returner) : { unit: deskUnit };
        holder = to;
        break;
      }
      case 'return_result':
      case 'stop':
        to = names.applicant;
        holder = names.applicant;
        break;
      case 'extend':
        to = names.applicant;
        break;
      default:
        to = holder;
    }
    const result = s.handOff ?? (s.stepDueAt ? classifyHandOff(s.at, s.stepDueAt) : undefined);
    rows.push({
      from,
      to,
      at: s.at,
      ...(s.stepDueAt ? { stepDueAt: s.stepDueAt } : {}),
      ...(result ? { result } : {}),
      comment: ACTION_SPECS[s.type].label.vi,
    });
  });
  return rows;
}
