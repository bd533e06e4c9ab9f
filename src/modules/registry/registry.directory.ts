import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { BusinessDirectory, BusinessRecord, CitizenDirectory, CitizenRecord } from '../identity';
import { recordAccess, type AccessEntry } from '../vault';
import { registryBusinesses, registryPeople } from './registry.schema';
import { ACCESS_CLIENTS } from '../../shared/api/registry';

/** The platform's own identity checks are logged like any other read, so they show in the citizen's tracker. */
const platformRead = (now: Date, subjectType: AccessEntry['subjectType'], subjectId: string, source: string, fields: string[]): AccessEntry => ({
  at: now,
  subjectType,
  subjectId,
  source,
  operation: 'lookup',
  accountId: null,
  accountKind: 'platform',
  agencyId: null,
  client: ACCESS_CLIENTS.identity,
  purpose: 'verification',
  dossierId: null,
  fields,
  sensitive: false,
  requestId: null,
});

/**
 * The population registry behind the identity module's CitizenDirectory (replaces DemoCitizenDirectory).
 * A person without a VNeID account is reported at level 1 (identity checked against the registry only).
 */
export class RegistryCitizenDirectory implements CitizenDirectory {
  /** `fallback`: asked when the registry has no such person (the demo list, while the registry is not loaded). */
  constructor(
    private readonly db: DbOrTx,
    private readonly clock: Clock,
    private readonly fallback?: CitizenDirectory,
  ) {}

  async findByPersonalId(personalId: string, db: DbOrTx = this.db): Promise<CitizenRecord | null> {
    return (await this.fromRegistry(personalId, db)) ?? (this.fallback ? this.fallback.findByPersonalId(personalId) : null);
  }

  private async fromRegistry(personalId: string, db: DbOrTx): Promise<CitizenRecord | null> {
    const [row] = await db
      .select({ personalId: registryPeople.personalId, fullName: registryPeople.fullName, birthdate: registryPeople.birthDate, sex: registryPeople.sex, level: registryPeople.vneidLevel })
      .from(registryPeople)
      .where(eq(registryPeople.personalId, personalId));
    if (!row) return null;
    await recordAccess(db, [platformRead(this.clock.now(), 'person', personalId, 'population', ['fullName', 'birthDate', 'sex'])]);
    return { personalId: row.personalId, fullName: row.fullName, birthdate: row.birthdate, sex: row.sex, assuranceLevel: row.level === 2 ? 2 : 1 };
  }
}

/** The business registry behind the identity module's BusinessDirectory (replaces DemoBusinessDirectory). */
export class RegistryBusinessDirectory implements BusinessDirectory {
  /** `fallback`: asked when the registry has no such enterprise (the demo list, while the registry is not loaded). */
  constructor(
    private readonly db: DbOrTx,
    private readonly clock: Clock,
    private readonly fallback?: BusinessDirectory,
  ) {}

  private readonly cols = { enterpriseCode: registryBusinesses.enterpriseCode, name: registryBusinesses.nameVi, legalRepresentativePersonalId: registryBusinesses.legalRepId, status: registryBusinesses.status };

  async findByCode(enterpriseCode: string, db: DbOrTx = this.db): Promise<BusinessRecord | null> {
    const [row] = await db.select(this.cols).from(registryBusinesses).where(eq(registryBusinesses.enterpriseCode, enterpriseCode));
    if (!row) return this.fallback ? this.fallback.findByCode(enterpriseCode) : null;
    const now = this.clock.now();
    await recordAccess(db, [platformRead(now, 'business', enterpriseCode, 'business', ['nameVi', 'status', 'legalRepresentativeId']), platformRead(now, 'person', row.legalRepresentativePersonalId, 'business', ['legalRepresentativeOf'])]);
    return row;
  }

  /**
   * The enterprise's entry in the public business register, for an agency's own processing of the enterprise (a
   * supervision obligation, an inspection): logged as a read of the business, not of its representative — the entry is
   * public register data, and the representative's ID only routes the enterprise's own notices; it is never shown.
   * An identity check of a person (findByCode, findByLegalRepresentative) stays a logged read of that person.
   */
  async registerEntry(enterpriseCode: string, db: DbOrTx = this.db): Promise<BusinessRecord | null> {
    const [row] = await db.select(this.cols).from(registryBusinesses).where(eq(registryBusinesses.enterpriseCode, enterpriseCode));
    if (!row) return this.fallback ? this.fallback.findByCode(enterpriseCode) : null;
    await recordAccess(db, [platformRead(this.clock.now(), 'business', enterpriseCode, 'business', ['nameVi', 'status', 'legalRepresentativeId'])]);
    return row;
  }

  async findByLegalRepresentative(personalId: string): Promise<BusinessRecord[]> {
    const rows = await this.db.select(this.cols).from(registryBusinesses).where(eq(registryBusinesses.legalRepId, personalId));
    if (rows.length) await recordAccess(this.db, [platformRead(this.clock.now(), 'person', personalId, 'business', ['legalRepresentativeOf'])]);
    if (!rows.length && this.fallback) return this.fallback.findByLegalRepresentative(personalId);
    return rows;
  }
}
