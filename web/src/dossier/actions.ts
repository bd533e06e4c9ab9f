/**
 * Which actions to offer on a dossier: the shared state machine (src/shared/dossier, the same code the API uses to
 * refuse with 409/403) over the caller's roles, with the facts the server computed for this caller (`view.facts`),
 * intersected with the list the server computed for this dossier (it alone knows the agency in which each role is
 * held).
 */
import { availableActions } from '@shared/dossier/machine';
import { OFFICER_ROLES, type ActorRole } from '@shared/dossier/roles';
import type { ActionType, DossierView } from '../api/dossier';
import type { Session } from '../api/types';

export function rolesOf(session: Session | null): ActorRole[] {
  if (!session) return [];
  if (session.kind === 'citizen') return ['applicant'];
  const held = new Set(session.grants.map((g) => g.role));
  return OFFICER_ROLES.filter((r) => held.has(r));
}

export function allowedActions(view: DossierView, session: Session | null): ActionType[] {
  const server = view.availableActions;
  if (!view.facts) return server ?? [];
  const local = new Set<ActionType>();
  for (const role of rolesOf(session)) for (const a of availableActions(view.state, role, view.facts)) local.add(a);
  return [...local].filter((a) => !server || server.includes(a));
}
