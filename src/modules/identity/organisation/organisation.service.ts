import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import type { Clock } from '../../../platform/context';
import type { Actor } from '../../../platform/auth/actor';
import type { Principal } from '../../../platform/auth/policy';
import { appendAudit } from '../../../platform/audit/audit.service';
import { requireAssuranceLevel } from '../assurance';
import { authorisationErrors, organisationErrors } from '../identity.errors';
import type { CitizenDirectory } from '../eid/citizen-directory';
import type { BusinessDirectory, BusinessRecord } from './business-directory';
import { ORGANISATION_RIGHTS, organisationMembers, organisations, type OrganisationRight } from './organisation.schema';

/** How a person stands in an organisation: its legal representative (every right) or a member with some rights. */
export interface OrganisationStanding {
  business: BusinessRecord;
  role: 'legal_representative' | 'member';
  rights: OrganisationRight[];
}

export interface MemberView {
  personalId: string;
  fullName: string;
  rights: OrganisationRight[];
  addedAt: string;
}

/** A person with a personal ID number: only such a person can act for an organisation. */
function personOf(principal: Principal): string {
  if (principal.kind !== 'citizen' || !principal.personalId) throw authorisationErrors.noPersonalId();
  return principal.personalId;
}

/**
 * Organisation accounts (tài khoản tổ chức). Who the legal representative is comes from the business registry (the
 * BusinessDirectory), asked each time; the members the representative adds, with their rights, are kept here.
 */
export class OrganisationService {
  constructor(
    private readonly businesses: BusinessDirectory,
    private readonly citizens: CitizenDirectory,
    private readonly clock: Clock,
  ) {}

  /** A registered enterprise that can still act (not dissolved), or null. */
  private async liveBusiness(enterpriseCode: string, db?: DbOrTx): Promise<BusinessRecord | null> {
    const b = await this.businesses.findByCode(enterpriseCode, db);
    return b && b.status !== 'dissolved' ? b : null;
  }

  /** How this person stands in the enterprise, or null when they may not act for it. */
  async standingOf(db: DbOrTx, personalId: string, enterpriseCode: string): Promise<OrganisationStanding | null> {
    const business = await this.liveBusiness(enterpriseCode, db);
    if (!business) return null;
    if (business.legalRepresentativePersonalId === personalId) return { business, role: 'legal_representative', rights: [...ORGANISATION_RIGHTS] };
    const [m] = await db
      .select({ rights: organisationMembers.rights })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(and(eq(organisations.enterpriseCode, enterpriseCode), eq(organisationMembers.personalId, personalId)));
    return m ? { business, role: 'member', rights: m.rights } : null;
  }

  /** The organisations I can act for: those I legally represent and those whose representative added me. */
  async listMine(db: DbOrTx, principal: Principal) {
    const personalId = personOf(principal);
    const represented = (await this.businesses.findByLegalRepresentative(personalId)).filter((b) => b.status !== 'dissolved');
    const memberships = await db
      .select({ enterpriseCode: organisations.enterpriseCode, rights: organisationMembers.rights })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(eq(organisationMembers.personalId, personalId));
    const out: Array<{ enterpriseCode: string; name: string; role: OrganisationStanding['role']; rights: OrganisationRight[] }> = represented.map((b) => ({
      enterpriseCode: b.enterpriseCode,
      name: b.name,
      role: 'legal_representative',
      rights: [...ORGANISATION_RIGHTS],
    }));
    for (const m of memberships) {
      if (out.some((o) => o.enterpriseCode === m.enterpriseCode)) continue;
      const b = await this.liveBusiness(m.enterpriseCode);
      if (b) out.push({ enterpriseCode: b.enterpriseCode, name: b.name, role: 'member', rights: m.rights });
    }
    return out;
  }

  private async requireRepresentative(principal: Principal, enterpriseCode: string, db?: DbOrTx): Promise<BusinessRecord> {
    const personalId = personOf(principal);
    const business = await this.liveBusiness(enterpriseCode, db);
    if (!business) throw organisationErrors.notFound();
    if (business.legalRepresentativePersonalId !== personalId) throw organisationErrors.notRepresentative();
    return business;
  }

  async listMembers(db: DbOrTx, principal: Principal, enterpriseCode: string): Promise<MemberView[]> {
    await this.requireRepresentative(principal, enterpriseCode);
    const rows = await db
      .select({ m: organisationMembers })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(eq(organisations.enterpriseCode, enterpriseCode))
      .orderBy(asc(organisationMembers.addedAt));
    return rows.map(({ m }) => ({ personalId: m.personalId, fullName: m.fullName, rights: m.rights, addedAt: m.addedAt.toISOString() }));
  }

  /** The legal representative lets a person act for the enterprise. Giving legal powers takes a level-2 e-ID. */
  async addMember(db: DbOrTx, principal: Principal, actor: Actor, enterpriseCode: string, input: { personalId: string; rights: OrganisationRight[] }): Promise<MemberView> {
    const business = await this.requireRepresentative(principal, enterpriseCode, db);
    requireAssuranceLevel(principal, 2);
    if (input.personalId === business.legalRepresentativePersonalId) throw organisationErrors.representativeIsMember();
    const person = await this.citizens.findByPersonalId(input.personalId, db);
    if (!person) throw authorisationErrors.personUnknown();
    const rights = [...new Set(input.rights)];
    const now = this.clock.now();
    return db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organisations)
        .values({ enterpriseCode, name: business.name, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: organisations.enterpriseCode, set: { name: business.name, updatedAt: now } })
        .returning();
      const added = await tx
        .insert(organisationMembers)
        .values({ organisationId: org.id, personalId: person.personalId, fullName: person.fullName, rights, addedBy: principal.accountId, addedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!added.length) throw organisationErrors.memberExists();
      await appendAudit(tx, actor, { action: 'organisation.member_added', targetType: 'organisation', targetId: enterpriseCode, after: { personalId: person.personalId, rights } }, now);
      return { personalId: person.personalId, fullName: person.fullName, rights, addedAt: now.toISOString() };
    });
  }

  async removeMember(db: DbOrTx, principal: Principal, actor: Actor, enterpriseCode: string, personalId: string): Promise<void> {
    await this.requireRepresentative(principal, enterpriseCode, db);
    const now = this.clock.now();
    await db.transaction(async (tx) => {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.enterpriseCode, enterpriseCode));
      const removed = org ? await tx.delete(organisationMembers).where(and(eq(organisationMembers.organisationId, org.id), eq(organisationMembers.personalId, personalId))).returning() : [];
      if (!removed.length) throw organisationErrors.memberNotFound();
      await appendAudit(tx, actor, { action: 'organisation.member_removed', targetType: 'organisation', targetId: enterpriseCode, before: { personalId, rights: removed[0].rights } }, now);
    });
  }
}
