import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import { normalizeVi } from '../../shared/text/fold';
import { readLogged, recordAccess, type AccessEntry } from '../vault';
import { registryBusinesses, registryPeople } from './registry.schema';
import { registryErrors } from './registry.errors';

import { ACCESS_CLIENTS, REGISTRY_PURPOSES, type RegistryPurpose } from '../../shared/api/registry';

export { REGISTRY_PURPOSES, type RegistryPurpose };
/** The purpose logged when citizens read their own record. */
export const SELF_ACCESS = 'self_access';

/** Roles that process dossiers and so may read the registries (admins may not: data minimisation). */
export const REGISTRY_READER_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'approver', 'result_officer'];

/** Fields of a person that can be asked for (and are logged) one by one. */
export const PERSON_FIELDS = ['fullName', 'birthDate', 'sex', 'nationality', 'ethnicity', 'placeOfOrigin', 'permanentResidence', 'currentResidence', 'householdId', 'idCardIssuedOn', 'parents', 'marriage'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
/** Sensitive personal data (Law 91/2025: racial or ethnic origin); a read of them is marked in the tracker. */
export const SENSITIVE_PERSON_FIELDS: ReadonlySet<string> = new Set(['ethnicity']);

export const MATCH_FIELDS = ['fullName', 'birthDate', 'sex', 'nationality', 'placeOfOrigin', 'permanentResidence', 'currentResidence', 'householdId', 'fatherId', 'motherId', 'spouseId'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export const BUSINESS_FIELDS = ['nameVi', 'nameEn', 'type', 'status', 'registeredAddress', 'legalRepresentativeId', 'charterCapital', 'businessLines', 'registeredOn'] as const;

export interface Address {
  communeCode: string;
  street: string;
}
export interface PersonView {
  personalId: string;
  fullName?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  nationality?: string;
  ethnicity?: string;
  placeOfOrigin?: { communeCode: string };
  permanentResidence?: Address;
  currentResidence?: Address;
  householdId?: string;
  idCardIssuedOn?: string | null;
  parents?: { fatherId: string | null; motherId: string | null };
  marriage?: { spouseId: string | null; marriageRef: string | null };
}
export interface BusinessView {
  enterpriseCode: string;
  nameVi: string;
  nameEn: string | null;
  type: string;
  status: string;
  registeredAddress: Address;
  legalRepresentativeId: string;
  charterCapital: number;
  businessLines: string[];
  registeredOn: string;
}
export type MatchInput = Partial<Record<Exclude<MatchField, 'permanentResidence' | 'currentResidence'>, string>> & {
  permanentResidence?: { communeCode: string; street?: string };
  currentResidence?: { communeCode: string; street?: string };
};

/** What the caller says about a read: its purpose and the dossier or case it serves. */
export interface AccessIntent {
  purpose?: RegistryPurpose;
  dossierId?: string;
}
export interface Caller {
  principal: Principal;
  requestId: string | null;
}

export type PersonRow = typeof registryPeople.$inferSelect;
export type BusinessRow = typeof registryBusinesses.$inferSelect;
/** A read another module makes for its own purpose (prefill, a data-subject copy): logged against the data subject. */
export type LoggedRead = Omit<AccessEntry, 'subjectType' | 'subjectId' | 'source' | 'sensitive'>;
type Ctx = Omit<AccessEntry, 'subjectType' | 'subjectId' | 'source' | 'operation' | 'fields' | 'sensitive'>;

/** The person columns under their TypeScript names, dates as text (the same on both drivers). */
export const PERSON_COLUMNS = sql.raw(
  [
    'personal_id as "personalId"', 'full_name as "fullName"', 'birth_date::text as "birthDate"', 'sex', 'nationality', 'ethnicity', 'origin_commune as "originCommune"',
    'permanent_commune as "permanentCommune"', 'permanent_street as "permanentStreet"', 'current_commune as "currentCommune"', 'current_street as "currentStreet"',
    'household_id as "householdId"', 'id_card_issued_on::text as "idCardIssuedOn"', 'father_id as "fatherId"', 'mother_id as "motherId"', 'spouse_id as "spouseId"',
    'marriage_ref as "marriageRef"', 'vneid_level as "vneidLevel"',
  ].join(', '),
);

const text = (s: string) => normalizeVi(s).toLocaleLowerCase('vi');

/**
 * Reads of the population and business registries. Every read is checked (who, for what) and logged against the
 * data subject before data leaves the service.
 */
export class RegistryService {
  constructor(
    private readonly db: DbOrTx,
    private readonly clock: Clock,
  ) {}

  /** Who reads, from which agency and system, for what: refuses readers without a role or a purpose. */
  private context(caller: Caller, intent: AccessIntent, ownSubject: (pid: string) => boolean): Ctx {
    const p = caller.principal;
    const base = { at: this.clock.now(), accountId: p.accountId, accountKind: p.kind, dossierId: intent.dossierId ?? null, requestId: caller.requestId };
    if (p.kind === 'citizen') {
      if (!p.personalId || !ownSubject(p.personalId)) throw registryErrors.notOwnRecord();
      return { ...base, agencyId: null, client: ACCESS_CLIENTS.portal, purpose: SELF_ACCESS };
    }
    const grant = p.grants.find((g) => REGISTRY_READER_ROLES.includes(g.role));
    if (!grant) throw registryErrors.notReader();
    if (!intent.purpose) throw registryErrors.purposeRequired();
    const client = p.kind === 'system' ? p.displayName : p.sessionKind === 'web' ? ACCESS_CLIENTS.backOffice : ACCESS_CLIENTS.api;
    return { ...base, agencyId: grant.agencyId, client, purpose: intent.purpose };
  }

  /** Reads a person and writes the access-log entry in the same statement. */
  private async person(personalId: string, entry: Omit<AccessEntry, 'subjectType' | 'subjectId' | 'source'>): Promise<PersonRow> {
    const [row] = await readLogged<PersonRow>(this.db, sql`select ${PERSON_COLUMNS} from registry_people where personal_id = ${personalId}`, [{ ...entry, subjectType: 'person', subjectId: personalId, source: 'population' }]);
    if (!row) throw registryErrors.personNotFound();
    return row;
  }

  /**
   * A person's whole record for another module's own, stated purpose (once-only prefill): read and written to the
   * access log in one statement, with the fields the caller uses; null when the registry has no such person.
   */
  async readPerson(personalId: string, read: LoggedRead, db: DbOrTx = this.db): Promise<PersonRow | null> {
    const [row] = await readLogged<PersonRow>(db, sql`select ${PERSON_COLUMNS} from registry_people where personal_id = ${personalId}`, [
      { ...read, subjectType: 'person', subjectId: personalId, source: 'population', sensitive: read.fields.some((f) => SENSITIVE_PERSON_FIELDS.has(f)) },
    ]);
    return row ?? null;
  }

  /** Every field of a person's record, as a data-subject copy hands it out (the read is logged against them). */
  async copyOfPerson(personalId: string, read: Omit<LoggedRead, 'fields'>, db: DbOrTx = this.db): Promise<PersonView | null> {
    const row = await this.readPerson(personalId, { ...read, fields: [...PERSON_FIELDS] }, db);
    return row ? personView(row, PERSON_FIELDS) : null;
  }

  /**
   * An enterprise's record for another module's purpose; logged against the enterprise (the fields used) and its
   * legal representative (whose identity it discloses). Null when the register has no such enterprise.
   */
  async readBusiness(enterpriseCode: string, read: LoggedRead, db: DbOrTx = this.db): Promise<BusinessRow | null> {
    const [row] = await db.select().from(registryBusinesses).where(eq(registryBusinesses.enterpriseCode, enterpriseCode));
    if (!row) return null;
    await recordAccess(db, [
      { ...read, subjectType: 'business', subjectId: enterpriseCode, source: 'business', sensitive: false },
      { ...read, subjectType: 'person', subjectId: row.legalRepId, source: 'business', fields: ['legalRepresentativeOf'], sensitive: false },
    ]);
    return row;
  }

  /**
   * Active enterprises of a class (supervision: who must report): main business line (VSIC) starting with
   * `businessLine`, registered in a commune whose code starts with `communePrefix`. Codes and names only.
   */
  async businessesInClass(cls: { businessLine?: string | null; communePrefix?: string | null }, db: DbOrTx = this.db, limit = 5000): Promise<Array<{ enterpriseCode: string; name: string }>> {
    const conds = [eq(registryBusinesses.status, 'active')];
    if (cls.businessLine) conds.push(sql`${registryBusinesses.businessLines}[1] like ${`${cls.businessLine}%`}`);
    if (cls.communePrefix) conds.push(sql`${registryBusinesses.communeCode} like ${`${cls.communePrefix}%`}`);
    const rows = await db.select({ enterpriseCode: registryBusinesses.enterpriseCode, name: registryBusinesses.nameVi }).from(registryBusinesses).where(and(...conds)).orderBy(registryBusinesses.enterpriseCode).limit(limit);
    return rows;
  }

  /** A person's record (only the fields asked for, all by default), logged as a lookup. */
  async lookupPerson(caller: Caller, personalId: string, intent: AccessIntent, fields: readonly string[] = PERSON_FIELDS): Promise<PersonView> {
    for (const f of fields) if (!(PERSON_FIELDS as readonly string[]).includes(f)) throw registryErrors.unknownField(f);
    const ctx = this.context(caller, intent, (own) => own === personalId);
    const wanted = [...new Set(fields)] as PersonField[];
    const row = await this.person(personalId, { ...ctx, operation: 'lookup', fields: wanted, sensitive: wanted.some((f) => SENSITIVE_PERSON_FIELDS.has(f)) });
    return personView(row, wanted);
  }

  /** Whether given values match the record, per field and overall; no data is returned. Logged as a match. */
  async matchPerson(caller: Caller, personalId: string, intent: AccessIntent, input: MatchInput): Promise<{ match: boolean; fields: Record<string, boolean> }> {
    const ctx = this.context(caller, intent, () => false);
    const asked = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    const row = await this.person(personalId, { ...ctx, operation: 'match', fields: asked, sensitive: false });
    const fields: Record<string, boolean> = {};
    const addr = (given: { communeCode: string; street?: string }, commune: string, street: string) => given.communeCode === commune && (given.street === undefined || text(given.street) === text(street));
    for (const [k, v] of Object.entries(input) as Array<[MatchField, any]>) {
      if (v === undefined) continue;
      switch (k) {
        case 'fullName':
          fields[k] = text(v) === text(row.fullName);
          break;
        case 'birthDate':
          fields[k] = v === row.birthDate;
          break;
        case 'sex':
          fields[k] = v === row.sex;
          break;
        case 'nationality':
          fields[k] = String(v).toUpperCase() === row.nationality;
          break;
        case 'placeOfOrigin':
          fields[k] = v === row.originCommune;
          break;
        case 'permanentResidence':
          fields[k] = addr(v, row.permanentCommune, row.permanentStreet);
          break;
        case 'currentResidence':
          fields[k] = addr(v, row.currentCommune, row.currentStreet);
          break;
        case 'householdId':
          fields[k] = v === row.householdId;
          break;
        case 'fatherId':
          fields[k] = v === row.fatherId;
          break;
        case 'motherId':
          fields[k] = v === row.motherId;
          break;
        case 'spouseId':
          fields[k] = v === row.spouseId;
          break;
      }
    }
    const names = Object.keys(fields);
    return { match: names.length > 0 && names.every((n) => fields[n]), fields };
  }

  /**
   * An enterprise's record. A citizen may read the enterprises they represent. The read is logged against the
   * enterprise and, since it discloses who represents it, against the legal representative too.
   */
  async lookupBusiness(caller: Caller, enterpriseCode: string, intent: AccessIntent): Promise<BusinessView> {
    const [row] = await this.db.select().from(registryBusinesses).where(eq(registryBusinesses.enterpriseCode, enterpriseCode));
    // A citizen learns nothing about enterprises they do not represent, not even whether they exist.
    if (caller.principal.kind === 'citizen' && (!row || row.legalRepId !== caller.principal.personalId)) throw registryErrors.notOwnRecord();
    const ctx = this.context(caller, intent, (own) => own === row?.legalRepId);
    if (!row) throw registryErrors.businessNotFound();
    await recordAccess(this.db, [
      { ...ctx, subjectType: 'business', subjectId: enterpriseCode, source: 'business', operation: 'lookup', fields: [...BUSINESS_FIELDS], sensitive: false },
      { ...ctx, subjectType: 'person', subjectId: row.legalRepId, source: 'business', operation: 'lookup', fields: ['legalRepresentativeOf'], sensitive: false },
    ]);
    return {
      enterpriseCode: row.enterpriseCode,
      nameVi: row.nameVi,
      nameEn: row.nameEn,
      type: row.type,
      status: row.status,
      registeredAddress: { communeCode: row.communeCode, street: row.street },
      legalRepresentativeId: row.legalRepId,
      charterCapital: row.charterCapital,
      businessLines: row.businessLines,
      registeredOn: row.registeredOn,
    };
  }
}

export function personView(row: PersonRow, fields: readonly PersonField[]): PersonView {
  const v: PersonView = { personalId: row.personalId };
  for (const f of fields) {
    switch (f) {
      case 'fullName':
        v.fullName = row.fullName;
        break;
      case 'birthDate':
        v.birthDate = row.birthDate;
        break;
      case 'sex':
        v.sex = row.sex;
        break;
      case 'nationality':
        v.nationality = row.nationality;
        break;
      case 'ethnicity':
        v.ethnicity = row.ethnicity;
        break;
      case 'placeOfOrigin':
        v.placeOfOrigin = { communeCode: row.originCommune };
        break;
      case 'permanentResidence':
        v.permanentResidence = { communeCode: row.permanentCommune, street: row.permanentStreet };
        break;
      case 'currentResidence':
        v.currentResidence = { communeCode: row.currentCommune, street: row.currentStreet };
        break;
      case 'householdId':
        v.householdId = row.householdId;
        break;
      case 'idCardIssuedOn':
        v.idCardIssuedOn = row.idCardIssuedOn;
        break;
      case 'parents':
        v.parents = { fatherId: row.fatherId, motherId: row.motherId };
        break;
      case 'marriage':
        v.marriage = { spouseId: row.spouseId, marriageRef: row.marriageRef };
        break;
    }
  }
  return v;
}
