import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import type { Clock } from '../../../platform/context';
import type { Actor } from '../../../platform/auth/actor';
import type { Principal } from '../../../platform/auth/policy';
import { appendAudit } from '../../../platform/audit/audit.service';
import { requireAssuranceLevel } from '../assurance';
import { authorisationErrors, organisationErrors } from '../identity.errors';
import type { CitizenDirectory } from '../eid/citizen-directory';
import type { OrganisationService } from '../organisation/organisation.service';
import { authorisations } from './authorisation.schema';

import { toLocalDate } from '../../../shared/calendar/working-time';

/** The local calendar date (Asia/Ho_Chi_Minh) of an instant. */
const vnDate = (at: Date): string => toLocalDate(at);

type AuthorisationRow = typeof authorisations.$inferSelect;
export type AuthorisationStatus = 'active' | 'not_yet_valid' | 'expired' | 'revoked';

export interface AuthorisationInput {
  agentPersonalId: string;
  /** National procedure code; null or absent = every procedure. */
  procedureCode?: string | null;
  /** YYYY-MM-DD; default today. */
  validFrom?: string;
  /** YYYY-MM-DD, inclusive. */
  validUntil: string;
}

/** In whose name to file, when the filer acts for someone else. */
export type OnBehalfOf = { type: 'citizen'; personalId: string } | { type: 'business'; enterpriseCode: string };

export interface FilingRequest {
  onBehalfOf?: OnBehalfOf;
  /** National procedure code (mã thủ tục hành chính) of the dossier. */
  procedureCode: string;
  /** When the dossier is filed. */
  at: Date;
}

/**
 * Whose dossier it is (subject: the citizen or the enterprise, by personal ID or enterprise code) and who filed it
 * for them (agent), or agent null when people file for themselves.
 */
export interface FilingIdentity {
  subject: { type: 'citizen' | 'business'; id: string; name: string };
  agent: { accountId: string; personalId: string; name: string } | null;
}

function statusOf(a: AuthorisationRow, today: string): AuthorisationStatus {
  if (a.revokedAt) return 'revoked';
  if (today < a.validFrom) return 'not_yet_valid';
  if (today > a.validUntil) return 'expired';
  return 'active';
}

const view = (a: AuthorisationRow, today: string) => ({
  id: a.id,
  grantor: { personalId: a.grantorPersonalId, name: a.grantorName },
  agent: { personalId: a.agentPersonalId, name: a.agentName },
  procedureCode: a.procedureCode,
  validFrom: a.validFrom,
  validUntil: a.validUntil,
  status: statusOf(a, today),
  createdAt: a.createdAt.toISOString(),
  revokedAt: a.revokedAt?.toISOString() ?? null,
});
export type AuthorisationView = ReturnType<typeof view>;

function personOf(principal: Principal): string {
  if (principal.kind !== 'citizen' || !principal.personalId) throw authorisationErrors.noPersonalId();
  return principal.personalId;
}

/** Authorisations (ủy quyền) between citizens, and the identity a dossier is filed under. */
export class AuthorisationService {
  constructor(
    private readonly citizens: CitizenDirectory,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /** A citizen lets another person file one procedure (or all) in their name until a date. Takes a level-2 e-ID. */
  async create(db: DbOrTx, principal: Principal, actor: Actor, input: AuthorisationInput): Promise<AuthorisationView> {
    const grantorPersonalId = personOf(principal);
    requireAssuranceLevel(principal, 2);
    if (input.agentPersonalId === grantorPersonalId) throw authorisationErrors.self();
    const now = this.clock.now();
    const today = vnDate(now);
    const validFrom = input.validFrom ?? today;
    if (input.validUntil < validFrom || input.validUntil < today) throw authorisationErrors.badDates();
    const agent = await this.citizens.findByPersonalId(input.agentPersonalId, db);
    if (!agent) throw authorisationErrors.personUnknown();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(authorisations)
        .values({
          grantorAccountId: principal.accountId,
          grantorPersonalId,
          grantorName: principal.displayName,
          agentPersonalId: agent.personalId,
          agentName: agent.fullName,
          procedureCode: input.procedureCode ?? null,
          validFrom,
          validUntil: input.validUntil,
          createdAt: now,
        })
        .returning();
      await appendAudit(tx, actor, { action: 'authorisation.created', targetType: 'authorisation', targetId: row.id, after: { agentPersonalId: row.agentPersonalId, procedureCode: row.procedureCode, validFrom, validUntil: row.validUntil } }, now);
      return view(row, today);
    });
  }

  /** Authorisations I gave and those I received, newest first. */
  async list(db: DbOrTx, principal: Principal): Promise<{ given: AuthorisationView[]; received: AuthorisationView[] }> {
    const me = personOf(principal);
    const today = vnDate(this.clock.now());
    const rows = await db
      .select()
      .from(authorisations)
      .where(or(eq(authorisations.grantorPersonalId, me), eq(authorisations.agentPersonalId, me)))
      .orderBy(desc(authorisations.createdAt))
      .limit(500);
    return { given: rows.filter((r) => r.grantorPersonalId === me).map((r) => view(r, today)), received: rows.filter((r) => r.agentPersonalId === me).map((r) => view(r, today)) };
  }

  /** Only the grantor revokes; to anyone else the authorisation does not exist. */
  async revoke(db: DbOrTx, principal: Principal, actor: Actor, id: string): Promise<AuthorisationView> {
    const me = personOf(principal);
    const now = this.clock.now();
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(authorisations).where(and(eq(authorisations.id, id), eq(authorisations.grantorPersonalId, me))).for('update');
      if (!row) throw authorisationErrors.notFound();
      if (row.revokedAt) throw authorisationErrors.alreadyRevoked();
      const [revoked] = await tx.update(authorisations).set({ revokedAt: now }).where(eq(authorisations.id, id)).returning();
      await appendAudit(tx, actor, { action: 'authorisation.revoked', targetType: 'authorisation', targetId: id }, now);
      return view(revoked, vnDate(now));
    });
  }

  /**
   * The identity a dossier is filed under (domain §5: a filing under authorisation uses the principal's identity).
   * Without onBehalfOf, or on behalf of oneself, the filer is the subject. For another citizen, an authorisation from
   * them that is not revoked, covers the procedure and is valid on the filing date is required; for an enterprise,
   * being its legal representative or a member with the `file_dossiers` right. Throws 403 problems:
   * `authorisation.none`, `authorisation.expired`, `authorisation.not_yet_valid`, `authorisation.out_of_scope`,
   * `organisation.not_member`, `identity.no_personal_id`.
   */
  async resolveFilingIdentity(db: DbOrTx, principal: Principal, request: FilingRequest): Promise<FilingIdentity> {
    const me = personOf(principal);
    const self = { accountId: principal.accountId, personalId: me, name: principal.displayName };
    const target = request.onBehalfOf;
    if (!target || (target.type === 'citizen' && target.personalId === me)) return { subject: { type: 'citizen', id: me, name: principal.displayName }, agent: null };

    if (target.type === 'business') {
      const standing = await this.organisations.standingOf(db, me, target.enterpriseCode);
      if (!standing) throw organisationErrors.notMember();
      if (!standing.rights.includes('file_dossiers')) throw authorisationErrors.outOfScope();
      return { subject: { type: 'business', id: standing.business.enterpriseCode, name: standing.business.name }, agent: self };
    }

    const given = await db
      .select()
      .from(authorisations)
      .where(and(eq(authorisations.grantorPersonalId, target.personalId), eq(authorisations.agentPersonalId, me), isNull(authorisations.revokedAt)));
    if (!given.length) throw authorisationErrors.none();
    const day = vnDate(request.at);
    const inScope = given.filter((a) => a.procedureCode === null || a.procedureCode === request.procedureCode);
    const valid = inScope.find((a) => statusOf(a, day) === 'active');
    if (valid) return { subject: { type: 'citizen', id: valid.grantorPersonalId, name: valid.grantorName }, agent: self };
    if (!inScope.length) throw authorisationErrors.outOfScope();
    const upcoming = inScope.filter((a) => day < a.validFrom).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    if (upcoming.length && !inScope.some((a) => day > a.validUntil)) throw authorisationErrors.notYetValid(upcoming[0].validFrom);
    const lastEnded = inScope.filter((a) => day > a.validUntil).sort((a, b) => b.validUntil.localeCompare(a.validUntil));
    throw authorisationErrors.expired(lastEnded[0]?.validUntil ?? inScope[0].validUntil);
  }
}
