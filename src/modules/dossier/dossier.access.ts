/**
 * Who the caller is to a dossier: its applicant (or their agent), an officer of the handling agency, or of the
 * agency being consulted. Jurisdiction and ownership are checked here; what each role may do is the machine's.
 */
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { OFFICER_ROLES, rolesFor, type ActionType, type ActorRole, type OfficerRole } from '../../shared/dossier';
import type { DossierContext } from './dossier.deps';
import { findDossier, type DossierRow } from './dossier.repo';
import { dossierErrors, refusalErrors, rolesDetail } from './dossier.errors';

/**
 * Dossier roles held by officers (platform administrators have none: running the platform is not an agency office;
 * nor inspectors, who read the audit log and act on no dossier).
 */
export const DOSSIER_OFFICER_ROLES: readonly OfficerRole[] = OFFICER_ROLES.filter((r) => r !== 'platform_admin' && r !== 'inspector');

export interface Access {
  applicant: boolean;
  /** Officer roles held over the handling agency. */
  roles: OfficerRole[];
  /** Officer roles held over the agency being consulted, if any. */
  consultRoles: OfficerRole[];
}

export function isApplicant(principal: Principal, row: DossierRow): boolean {
  if (principal.kind !== 'citizen') return false;
  return row.ownerAccountId === principal.accountId || row.agentAccountId === principal.accountId || (row.subjectType === 'citizen' && !!principal.personalId && row.subjectId === principal.personalId);
}

async function rolesOver(ctx: DossierContext, db: DbOrTx, principal: Principal, agencyId: string | null): Promise<OfficerRole[]> {
  if (!agencyId || principal.kind === 'citizen') return [];
  const out: OfficerRole[] = [];
  for (const r of DOSSIER_OFFICER_ROLES) if (await ctx.directory.roleIn(principal, [r], agencyId, db)) out.push(r);
  return out;
}

export async function accessOf(ctx: DossierContext, db: DbOrTx, principal: Principal, row: DossierRow): Promise<Access> {
  return { applicant: isApplicant(principal, row), roles: await rolesOver(ctx, db, principal, row.agencyId), consultRoles: await rolesOver(ctx, db, principal, row.consultAgencyId) };
}

/** May the caller see this dossier? 404 for citizens' other dossiers, 403 for officers of other agencies. */
export async function readableAccess(ctx: DossierContext, db: DbOrTx, principal: Principal, row: DossierRow): Promise<Access> {
  const access = await accessOf(ctx, db, principal, row);
  if (access.applicant || access.roles.length || access.consultRoles.length) {
    // A draft is the applicant's (or the counter officer's) own business.
    if (row.state === 'draft' && !access.applicant && row.createdByAccountId !== principal.accountId && !access.roles.includes('receiving_officer')) throw dossierErrors.notFound();
    return access;
  }
  if (principal.kind === 'citizen') throw dossierErrors.notFound();
  throw dossierErrors.outOfJurisdiction();
}

/** The dossier if the caller may see it. */
export async function loadReadable(ctx: DossierContext, db: DbOrTx, principal: Principal, id: string): Promise<{ row: DossierRow; access: Access }> {
  const row = await findDossier(db, id);
  if (!row) throw dossierErrors.notFound();
  return { row, access: await readableAccess(ctx, db, principal, row) };
}

/** Drafts are edited by their applicant, or by the counter officer's agency desk. */
export async function editableAccess(ctx: DossierContext, db: DbOrTx, principal: Principal, row: DossierRow): Promise<Access> {
  const access = await readableAccess(ctx, db, principal, row);
  const ok = row.filedByOfficer ? access.roles.includes('receiving_officer') : access.applicant;
  if (!ok) throw principal.kind === 'citizen' ? dossierErrors.notFound() : dossierErrors.outOfJurisdiction();
  return access;
}

/** The machine roles this caller may act in for this action (an applicant, or the officer roles held here). */
export function candidateRoles(principal: Principal, access: Access, type: ActionType, byConsultedAgency: boolean): ActorRole[] {
  const allowed = rolesFor(type);
  if (principal.kind === 'citizen') {
    if (!access.applicant) throw dossierErrors.notFound();
    if (!allowed.includes('applicant')) throw refusalErrors.role_not_permitted(rolesDetail(allowed));
    return ['applicant'];
  }
  const held = byConsultedAgency ? access.consultRoles : access.roles;
  const candidates = held.filter((r) => allowed.includes(r));
  if (candidates.length) return candidates;
  // Holding a suitable role elsewhere: wrong agency. Holding none at all: wrong role.
  if (principal.grants.some((g) => allowed.includes(g.role as ActorRole))) throw dossierErrors.outOfJurisdiction();
  throw refusalErrors.role_not_permitted(rolesDetail(allowed));
}
