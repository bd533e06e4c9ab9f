import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { PrefilledField, PrefillSkip, PrefillOutcome, PrefillRequest } from '../dossier';
import { adminUnits } from '../geography/geography.schema';
import { PERSON_COLUMNS, SENSITIVE_PERSON_FIELDS, type PersonRow } from '../registry/registry.service';
import { registryBusinesses } from '../registry/registry.schema';
import { readLogged, recordAccess, type AccessEntry } from './access-log';
import { hasConsent } from './consent.service';

/** The consent purpose of a prefill; reads are logged under it. */
export const PREFILL_PURPOSE = 'prefill';
export const PREFILL_CLIENT = 'MotCua citizen portal (prefill)';

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
  constructor(private readonly db: DbOrTx) {}

  async prefill(req: PrefillRequest): Promise<PrefillOutcome> {
    const bound = boundFields(req.version.eform);
    const fields: Record<string, PrefilledField> = {};
    const skipped: PrefillSkip[] = [];
    if (!bound.length) return { fields, skipped };

    const entry = (subjectType: AccessEntry['subjectType'], subjectId: string, source: string, logFields: string[]): AccessEntry => ({
      at: req.now,
      subjectType,
      subjectId,
      source,
      operation: 'lookup',
      accountId: req.principal.accountId,
      accountKind: req.principal.kind,
      agencyId: req.agencyId,
      client: PREFILL_CLIENT,
      purpose: PREFILL_PURPOSE,
      dossierId: req.dossierId,
      fields: [...new Set(logFields)],
      sensitive: logFields.some((f) => SENSITIVE_PERSON_FIELDS.has(f)),
      requestId: req.requestId,
    });

    // The person whose record the population bindings read: the subject, or the person filing for a business.
    const personId = req.subject.type === 'citizen' ? req.subject.id : req.principal.personalId;
    const selfRead = !!personId && personId === req.principal.personalId && !req.asAgent;
    const consent = personId ? await hasConsent(this.db, personId, PREFILL_PURPOSE, req.now) : false;
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
    const units = this.units();

    // The subject's own record: read once for every family that needs it (own data, spouse link, parent, marriage).
    const needsRelatives = wanted.spouse.length + wanted.parent.length + wanted.marriage.length > 0;
    if (personId && (wanted.own.length || needsRelatives)) {
      const logFields = wanted.own.map((b) => PERSON_ATTRS[b.binding.slice('population.'.length)]?.logField).filter((f): f is string => !!f);
      for (const b of wanted.parent) {
        const attr = PERSON_ATTRS[b.binding.split('.')[2] ?? ''];
        if (attr) logFields.push(attr.logField);
      }
      if (needsRelatives) logFields.push('sex', 'marriage');
      const [me] = await readLogged<PersonRow>(this.db, sql`select ${PERSON_COLUMNS} from registry_people where personal_id = ${personId}`, [entry('person', personId, 'population', logFields)]);
      if (!me) {
        for (const b of [...wanted.own, ...wanted.spouse, ...wanted.parent, ...wanted.marriage]) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
      } else {
        const put = (b: Bound, row: PersonRow | null, attrName: string | undefined) => {
          const attr = attrName ? PERSON_ATTRS[attrName] : undefined;
          const value = row && attr ? attr.value(row, units) : undefined;
          if (value === undefined || value === null || value === '') skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
          else fields[b.field] = { source: 'population', binding: b.binding, editable: b.editable, value };
        };
        // The spouse, read (and logged against them) only when a relative's binding needs them.
        let spouse: PersonRow | null = null;
        const spouseFields = [...wanted.spouse.map((b) => b.binding.split('.')[2]), ...wanted.parent.map((b) => b.binding.split('.')[2])]
          .map((a) => PERSON_ATTRS[a ?? '']?.logField)
          .filter((f): f is string => !!f);
        if (me.spouseId && (wanted.spouse.length || wanted.parent.length)) {
          [spouse] = await readLogged<PersonRow>(this.db, sql`select ${PERSON_COLUMNS} from registry_people where personal_id = ${me.spouseId}`, [entry('person', me.spouseId, 'population', [...spouseFields, 'sex'])]);
          spouse ??= null;
        }
        await units.load([me, spouse].flatMap((r) => (r ? [r.originCommune, r.permanentCommune, r.currentCommune] : [])));
        for (const b of wanted.own) put(b, me, b.binding.slice('population.'.length));
        for (const b of wanted.spouse) put(b, spouse, b.binding.split('.')[2]);
        // Birth registration: the child's mother and father are the applicant and the spouse, by sex.
        const bySex = (sex: 'male' | 'female') => [me, spouse].find((p) => p?.sex === sex) ?? null;
        for (const b of wanted.parent) {
          const [, who, attr] = b.binding.split('.');
          put(b, who === 'mother' ? bySex('female') : who === 'father' ? bySex('male') : null, attr);
        }
        for (const b of wanted.marriage) {
          if (b.binding === 'civilStatus.marriage.certificateNumber' && me.marriageRef) fields[b.field] = { source: 'population', binding: b.binding, editable: b.editable, value: me.marriageRef };
          else skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
        }
      }
    }

    if (wanted.business.length && req.subject.type === 'business') {
      const code = req.subject.id;
      const [biz] = await this.db.select().from(registryBusinesses).where(eq(registryBusinesses.enterpriseCode, code));
      if (!biz) {
        for (const b of wanted.business) skipped.push({ field: b.field, binding: b.binding, reason: 'not_in_registry' });
      } else {
        const needRepName = wanted.business.some((b) => b.binding === 'business.legalRepresentative.fullName');
        await recordAccess(this.db, [
          entry('business', code, 'business', wanted.business.map((b) => b.binding.slice('business.'.length))),
          entry('person', biz.legalRepId, 'business', ['legalRepresentativeOf']),
        ]);
        let repName: string | null = null;
        if (needRepName) {
          const [rep] = await readLogged<PersonRow>(this.db, sql`select ${PERSON_COLUMNS} from registry_people where personal_id = ${biz.legalRepId}`, [entry('person', biz.legalRepId, 'population', ['fullName'])]);
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

  /** Commune and province names, for addresses written out as the forms show them (loaded by code, then read). */
  private units(): Units & { load(codes: string[]): Promise<void> } {
    const names = new Map<string, { fullName: string; provinceCode: string }>();
    const fetch = async (codes: string[]) => {
      const missing = [...new Set(codes)].filter((c) => !names.has(c));
      if (!missing.length) return;
      const rows = await this.db.select({ code: adminUnits.code, fullName: adminUnits.fullName, provinceCode: adminUnits.provinceCode }).from(adminUnits).where(and(inArray(adminUnits.code, missing), isNull(adminUnits.validTo)));
      for (const r of rows) names.set(r.code, r);
    };
    const place = (code: string) => {
      const c = names.get(code);
      const p = c && c.provinceCode !== code ? names.get(c.provinceCode) : undefined;
      return c ? [c.fullName, p?.fullName].filter(Boolean).join(', ') : code;
    };
    return {
      async load(codes) {
        await fetch(codes);
        await fetch(codes.map((c) => names.get(c)?.provinceCode).filter((c): c is string => !!c));
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
