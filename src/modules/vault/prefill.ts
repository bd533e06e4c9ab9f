import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { CurrentUnits } from '../geography';
import { hasConsent, hasWithdrawn } from './consent.service';
import type { RegistryPerson, RegistryRead, VaultRegistry } from './vault.ports';

type PersonRow = RegistryPerson;

import type { PrefilledField, PrefillSkip } from '../../shared/api/prefill';
import { ACCESS_CLIENTS } from '../../shared/api/registry';

export type { PrefilledField, PrefillSkip };

/** What the prefill needs to know about a new draft (the dossier module asks it, see main.ts). */
export interface PrefillRequest {
  principal: Principal;
  requestId: string | null;
  dossierId: string;
  agencyId: string;
  version: { eform: unknown };
  /** Whose dossier (the principal under an authorisation, the business for an organisation filing). */
  subject: { type: 'citizen' | 'business'; id: string };
  /** True when the caller files as agent (authorisation or business). */
  asAgent: boolean;
  now: Date;
}
export interface PrefillOutcome {
  fields: Record<string, PrefilledField>;
  skipped: PrefillSkip[];
}

/** The consent purpose of a prefill; reads are logged under it. */
export const PREFILL_PURPOSE = 'prefill';
export const PREFILL_CLIENT = ACCESS_CLIENTS.prefill;

/**
 * Families of registry bindings and whether a prefill of them needs the data subject's consent for `prefill`:
 * - `own`: the applicant's own identity (`population.*`) — no consent when the applicant reads their own record;
 *   consent of the principal when an agent files under an authorisation (the agent sees the principal's data);
 * - `spouse`, `parent`, `marriage`: relatives' data (spouse, the child's parents, the marriage record) — always the
 *   applicant's consent;
 * - `business`: the national business register (public register data, not personal data) — no consent.
 * Other sources (driving licences, social insurance, household businesses) are not connected: `not_available`.
 */
export type BindingFamily = 'own' | 'spouse' | 'parent' | 'marriage' | 'business' | 'other';

export function familyOf(binding: string): BindingFamily {
  if (binding.startsWith('population.spouse.')) return 'spouse';
  if (binding.startsWith('population.')) return 'own';
  if (binding.startsWith('parent.')) return 'parent';
  if (binding.startsWith('civilStatus.marriage.')) return 'marriage';
  if (binding.startsWith('business.')) return 'business';
  return 'other';
}

/** Bindings the registries do not hold (contact details are the applicant's to give). */
const NOT_HELD = new Set(['population.phone', 'population.email', 'business.phone', 'business.email', 'civilStatus.marriage.registrationDate', 'civilStatus.marriage.registeredAt']);

/** Person attributes by binding suffix, with the access-log field each one reads. */
const PERSON_ATTRS: Record<string, { logField: string; value: (r: PersonRow, u: Units) => unknown }> = {
  fullName: { logField: 'fullName', value: (r) => r.fullName },
  personalId: { logField: 'personalId', value: (r) => r.personalId },
  dateOfBirth: { logField: 'birthDate', value: (r) => r.birthDate },
  sex: { logField: 'sex', value: (r) => r.sex },
  ethnicity: { logField: 'ethnicity', value: (r) => r.ethnicity },
  nationality: { logField: 'nationality', value: (r) => (r.nationality === 'VN' ? 'Việt Nam' : r.nationality) },
  hometown: { logField: 'placeOfOrigin', value: (r, u) => u.place(r.originCommune) },
  permanentAddress: { logField: 'permanentResidence', value: (r, u) => u.address(r.permanentStreet, r.permanentCommune) },
  currentAddress: { logField: 'currentResidence', value: (r, u) => u.address(r.currentStreet, r.currentCommune) },
  residence: { logField: 'currentResidence', value: (r, u) => u.address(r.currentStreet, r.currentCommune) },
  residenceCommuneCode: { logField: 'permanentResidence', value: (r) => r.permanentCommune },
};

interface Units {
  place(code: string): string;
  address(street: string, code: string): string;
}

interface Bound {
  field: string;
  binding: string;
  editable: boolean;
}

/**
 * Once-only prefill: fills a new draft's registry-bound fields from the population registry (the subject, their
 * spouse, the child's parents by sex among the applicant and spouse, the marriage reference) and the business
 * register. Every read is written to the access log against the data subject (purpose `prefill`, the dossier id,
 * the fields) in the same statement as the read.
 */
export class RegistryPrefill {
  constructor(
    private readonly db: DbOrTx,
    private readonly registry: VaultRegistry,
    private readonly currentUnits: CurrentUnits,
  ) {}

  /** `db`: the draft's transaction (reads and their log entries go through it). */
  async prefill(req: PrefillRequest, db: DbOrTx = this.db): Promise<PrefillOutcome> {
    const bound = boundFields(req.version.eform);
    const fields: Record<string, PrefilledField> = {};
    const skipped: PrefillSkip[] = [];
    if (!bound.length) return { fields, skipped };

    const read = (logFields: string[]): RegistryRead => ({
      at: req.now,
      operation: 'lookup',
      accountId: req.principal.accountId,
      accountKind: req.principal.kind,
      agencyId: req.agencyId,
      client: PREFILL_CLIENT,
      purpose: PREFILL_PURPOSE,
      dossierId: req.dossierId,
      fields: [...new Set(logFields)],
      requestId: req.requestId,
    });

    // The person whose record the population bindings read: the subject, or the person filing for a business.
    const personId = req.subject.type === 'citizen' ? req.subject.id : req.principal.personalId;
    const selfRead = !!personId && personId === req.principal.personalId && !req.asAgent;
    const consent = personId ? await hasConsent(db, personId, PREFILL_PURPOSE, req.now) : false;
    const allowed = (f: BindingFamily) => (f === 'business' ? true : f === 'own' ? selfRead || consent : consent);

    const wanted: Record<BindingFamily, Bound[]> = { own: [], spouse: [], parent: [], marriage: [], business: [], other: [] };
    for (const b of bound) {
      const fam = familyOf(b.binding);
      if (fam === 'other' || NOT_HELD.has(b.binding)) skipped.push({ field: b.field, binding: b.binding, reason: 'not_available' });
      else if (fam === 'business' && req.subject.type !== 'business') skipped.push({ field: b.field, binding: b.binding, reason: 'not_available' });
      else if (fam !== 'business' && !personId) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
      else if (!allowed(fam)) skipped.push({ field: b.field, binding: b.binding, reason: 'consent_required', purpose: PREFILL_PURPOSE });
      else wanted[fam].push(b);
    }
    const units = this.units(db);

    // The subject's own record: read once for every family that needs it (own data, spouse link, parent, marriage).
    const needsRelatives = wanted.spouse.length + wanted.parent.length + wanted.marriage.length > 0;
    if (personId && (wanted.own.length || needsRelatives)) {
      const logFields = wanted.own.map((b) => PERSON_ATTRS[b.binding.slice('population.'.length)]?.logField).filter((f): f is string => !!f);
      for (const b of wanted.parent) {
        const attr = PERSON_ATTRS[b.binding.split('.')[2] ?? ''];
        if (attr) logFields.push(attr.logField);
      }
      if (needsRelatives) logFields.push('sex', 'marriage');
      const me = await this.registry.readPerson(personId, read(logFields), db);
      if (!me) {
        for (const b of [...wanted.own, ...wanted.spouse, ...wanted.parent, ...wanted.marriage]) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
      } else {
        const put = (b: Bound, row: PersonRow | null, attrName: string | undefined) => {
          const attr = attrName ? PERSON_ATTRS[attrName] : undefined;
          const value = row && attr ? attr.value(row, units) : undefined;
          if (value === undefined || value === null || value === '') skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
          else fields[b.field] = { source: 'population', binding: b.binding, editable: b.editable, value };
        };
        // The spouse, read (and logged against them) only when a relative's binding needs them, and never once the
        // spouse withdrew his own consent to prefill: his data is his, whatever the applicant agreed to.
        let spouse: PersonRow | null = null;
        const parentIsSpouse = (who: string | undefined) => (who === 'mother' && me.sex !== 'female') || (who === 'father' && me.sex !== 'male');
        const needsSpouse = wanted.spouse.length > 0 || wanted.parent.some((b) => parentIsSpouse(b.binding.split('.')[1]));
        const spouseWithdrew = !!me.spouseId && needsSpouse && (await hasWithdrawn(db, me.spouseId, PREFILL_PURPOSE, req.now));
        const spouseFields = [...wanted.spouse.map((b) => b.binding.split('.')[2]), ...wanted.parent.map((b) => b.binding.split('.')[2])]
          .map((a) => PERSON_ATTRS[a ?? '']?.logField)
          .filter((f): f is string => !!f);
        if (me.spouseId && needsSpouse && !spouseWithdrew) {
          spouse = await this.registry.readPerson(me.spouseId, read([...spouseFields, 'sex']), db);
        }
        const withdrawn = (b: Bound) => skipped.push({ field: b.field, binding: b.binding, reason: 'withdrawn_by_subject', purpose: PREFILL_PURPOSE });
        await units.load([me, spouse].flatMap((r) => (r ? [r.originCommune, r.permanentCommune, r.currentCommune] : [])));
        for (const b of wanted.own) put(b, me, b.binding.slice('population.'.length));
        for (const b of wanted.spouse) {
          if (spouseWithdrew) withdrawn(b);
          else put(b, spouse, b.binding.split('.')[2]);
        }
        // Birth registration: the child's mother and father are the applicant and the spouse, by sex.
        const bySex = (sex: 'male' | 'female') => [me, spouse].find((p) => p?.sex === sex) ?? null;
        for (const b of wanted.parent) {
          const [, who, attr] = b.binding.split('.');
          if (spouseWithdrew && parentIsSpouse(who)) withdrawn(b);
          else put(b, who === 'mother' ? bySex('female') : who === 'father' ? bySex('male') : null, attr);
        }
        for (const b of wanted.marriage) {
          if (b.binding === 'civilStatus.marriage.certificateNumber' && me.marriageRef) fields[b.field] = { source: 'population', binding: b.binding, editable: b.editable, value: me.marriageRef };
          else skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
        }
      }
    }

    if (wanted.business.length && req.subject.type === 'business') {
      const code = req.subject.id;
      const biz = await this.registry.readBusiness(code, read(wanted.business.map((b) => b.binding.slice('business.'.length))), db);
      if (!biz) {
        for (const b of wanted.business) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
      } else {
        const needRepName = wanted.business.some((b) => b.binding === 'business.legalRepresentative.fullName');
        let repName: string | null = null;
        if (needRepName) {
          const rep = await this.registry.readPerson(biz.legalRepId, read(['fullName']), db);
          repName = rep?.fullName ?? null;
        }
        await units.load([biz.communeCode]);
        const values: Record<string, unknown> = {
          'business.enterpriseCode': biz.enterpriseCode,
          'business.name': biz.nameVi,
          'business.headOfficeAddress': units.address(biz.street, biz.communeCode),
          'business.legalRepresentative.personalId': biz.legalRepId,
          'business.legalRepresentative.fullName': repName,
        };
        for (const b of wanted.business) {
          const v = values[b.binding];
          if (v === undefined || v === null) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
          else fields[b.field] = { source: 'business', binding: b.binding, editable: b.editable, value: v };
        }
      }
    }
    return { fields, skipped };
  }

  /** Commune and province names, for addresses written out as the forms show them (resolved first, then read). */
  private units(db: DbOrTx): Units & { load(codes: string[]): Promise<void> } {
    const names = new Map<string, string>();
    const place = (code: string) => names.get(code) ?? code;
    return {
      load: async (codes) => {
        for (const c of new Set(codes)) if (!names.has(c)) names.set(c, await this.currentUnits.placeName(c, db));
      },
      place,
      address: (street, code) => [street, place(code)].filter(Boolean).join(', '),
    };
  }
}

/** The top-level fields of an e-form bound to a registry attribute. */
export function boundFields(eform: unknown): Bound[] {
  const ui = (eform as { ui?: { fields?: Record<string, { registryBinding?: unknown; editable?: unknown }> } } | null)?.ui?.fields ?? {};
  const out: Bound[] = [];
  for (const [field, u] of Object.entries(ui)) if (typeof u?.registryBinding === 'string') out.push({ field, binding: u.registryBinding, editable: u.editable === true });
  return out;
}
