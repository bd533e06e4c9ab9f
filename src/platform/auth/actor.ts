import type { AccountKind, Role } from '../../shared/auth/roles';

/** Who is acting: a person or a system, with the request it came through. */
export interface Actor {
  accountId: string | null;
  kind: AccountKind | 'anonymous' | 'platform';
  role?: Role | null;
  agencyId?: string | null;
  requestId?: string | null;
}

/** The platform itself (start-up seeding, CLI commands run by an operator on the server). */
export const platformActor = (what: string): Actor => ({ accountId: null, kind: 'platform', role: null, requestId: what });

/** The actor behind an HTTP request. */
export function actorOf(req: { principal: { accountId: string; kind: AccountKind } | null; id: unknown }): Actor {
  const p = req.principal;
  return { accountId: p?.accountId ?? null, kind: p?.kind ?? 'anonymous', role: null, agencyId: null, requestId: String(req.id) };
}
