/**
 * Which actions to offer on a dossier: the shared state machine (src/shared/dossier, the same code the API uses to
 * refuse with 409/403) over the caller's roles, intersected with the list the server computed for this dossier
 * (it alone knows the agency in which each role is held).
 */
import { availableActions, type DossierFacts } from '@shared/dossier/machine';
import { OFFICER_ROLES, type ActorRole } from '@shared/dossier/roles';
import { DECIDED_STATES } from '@shared/dossier/states';
import type { ActionType, DossierDetail, DossierView } from '../api/dossier';
import type { Session } from '../api/types';

export function factsOfView(view: DossierView | DossierDetail, session: Session | null, now = new Date()): DossierFacts {
  const decided = DECIDED_STATES.includes(view.state) || ('timeline' in view && view.timeline.some((e) => e.type === 'approve' || e.type === 'reject'));
  return {
    supplementRequestedCount: view.supplementRequest ? 1 : 0,
    extensionCount: view.extension ? 1 : 0,
    decisionIssued: decided,
    isAssignee: !!session && view.assigneeId === session.accountId,
    hasAssignee: view.assigneeId !== null,
    hasBeenReceived: view.receivedAt !== null,
    now: now.toISOString(),
    dueSoonFrom: view.dueSoonAt ?? undefined,
    dueAt: view.dueAt,
  };
}

export function rolesOf(session: Session | null): ActorRole[] {
  if (!session) return [];
  if (session.kind === 'citizen') return ['applicant'];
  const held = new Set(session.grants.map((g) => g.role));
  return OFFICER_ROLES.filter((r) => held.has(r));
}

export function allowedActions(view: DossierView | DossierDetail, session: Session | null): ActionType[] {
  const facts = factsOfView(view, session);
  const local = new Set<ActionType>();
  for (const role of rolesOf(session)) for (const a of availableActions(view.state, role, facts)) local.add(a);
  const server = view.availableActions;
  return [...local].filter((a) => !server || server.includes(a));
}
