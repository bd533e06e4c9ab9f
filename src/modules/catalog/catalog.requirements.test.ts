import { describe, expect, it } from 'vitest';
import { readCatalogueFiles } from './index';
import { publishProblems } from './catalog.checks';
import { parseDefinition } from '../../shared/eform';
import type { ProcedureVersionInput } from '../../shared/catalog';
import { applicableDocuments, documentNeed, missingDocuments } from '../../shared/catalog';
import { feeTotal } from '../../shared/catalog';

/** The demo birth registration: its required documents follow the answers (issue 10, item 9). */
const birth = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-registration') as ProcedureVersionInput;
const parsed = parseDefinition(birth.eform);
if (!parsed.ok) throw new Error('the birth registration e-form does not parse');
const def = parsed.definition;
const doc = (id: string) => birth.documents.find((d) => d.id === id)!;
const sample = birth.sampleData as Record<string, unknown>;
const answers = (extra: Record<string, unknown>) => ({ ...sample, ...extra });

describe('required documents follow the answers', () => {
  it('the birth notice is required for a birth in a health facility, the witness statement does not apply', () => {
    expect(documentNeed(doc('birth-certificate'), def, sample)).toBe('required');
    expect(documentNeed(doc('birth-witness'), def, sample)).toBe('not_applicable');
  });

  it('born elsewhere: the witness statement is required and the birth notice does not apply', () => {
    const data = answers({ childBirthPlaceType: 'other', childBirthFacility: undefined, birthNoticeNumber: undefined, childBirthAddress: 'Thôn Đông' });
    expect(documentNeed(doc('birth-witness'), def, data)).toBe('required');
    expect(documentNeed(doc('birth-certificate'), def, data)).toBe('not_applicable');
    expect(missingDocuments(birth.documents, def, data, []).map((d) => d.id)).toEqual(['birth-witness']);
    expect(missingDocuments(birth.documents, def, data, ['birth-witness'])).toEqual([]);
  });

  it('married parents: the marriage certificate is required (read from the civil-status database, so not a blocking upload)', () => {
    expect(documentNeed(doc('marriage-certificate'), def, sample)).toBe('required');
    expect(doc('marriage-certificate').form).not.toBe('present-original');
    expect(missingDocuments(birth.documents, def, sample, []).map((d) => d.id)).toEqual(['birth-certificate']);
  });

  it('the marriage certificate does not apply when the parents are not married, nor when the father is not declared', () => {
    expect(documentNeed(doc('marriage-certificate'), def, answers({ parentsMarried: false }))).toBe('not_applicable');
    // parentsMarried = true is hidden (and so never matches) once the father is not declared
    expect(documentNeed(doc('marriage-certificate'), def, answers({ fatherKnown: false }))).toBe('not_applicable');
  });

  it('the authorisation letter only when filing for a parent under an authorisation', () => {
    expect(documentNeed(doc('authorisation'), def, sample)).toBe('not_applicable');
    expect(documentNeed(doc('authorisation'), def, answers({ applicantRelation: 'grandparent' }))).toBe('not_applicable');
    const authorised = answers({ applicantRelation: 'authorised' });
    expect(documentNeed(doc('authorisation'), def, authorised)).toBe('required');
    expect(missingDocuments(birth.documents, def, authorised, ['birth-certificate']).map((d) => d.id)).toEqual(['authorisation']);
  });

  it('lists only the documents that apply, each with its need', () => {
    expect(applicableDocuments(birth.documents, def, sample).map((x) => [x.doc.id, x.need])).toEqual([
      ['declaration', 'required'],
      ['birth-certificate', 'required'],
      ['marriage-certificate', 'required'],
      ['identity', 'required'],
    ]);
  });
});

describe('catalogue checks of requiredIf and unitsField', () => {
  const withDoc = (patch: Record<string, unknown>) => ({ ...birth, documents: birth.documents.map((d) => (d.id === 'birth-witness' ? { ...d, ...patch } : d)) }) as ProcedureVersionInput;
  const codes = (v: ProcedureVersionInput) => publishProblems(v).map((p) => `${p.field}:${p.code}`);

  it('the demo birth registration is publishable', () => {
    expect(publishProblems(birth)).toEqual([]);
  });

  it('refuses a condition on an unknown field, an impossible value, and requiredIf on a mandatory document', () => {
    const i = birth.documents.findIndex((d) => d.id === 'birth-witness');
    expect(codes(withDoc({ requiredIf: { field: 'noSuchField', equals: 'x' } }))).toContain(`documents[${i}].requiredIf.field:required_if_unknown_field`);
    expect(codes(withDoc({ requiredIf: { field: 'childBirthPlaceType', equals: 'hospital' } }))).toContain(`documents[${i}].requiredIf:required_if_value`);
    expect(codes(withDoc({ requirement: 'mandatory' }))).toContain(`documents[${i}].requiredIf:required_if_not_conditional`);
  });

  it('refuses a units field that is not a number field of the form', () => {
    const fees = birth.fees.map((f) => ('unitsField' in f && f.unitsField ? { ...f, unitsField: 'childFullName' } : f));
    expect(codes({ ...birth, fees } as ProcedureVersionInput)).toContain('fees[2].unitsField:units_field_unknown');
  });
});

describe('fees of a case, with their total', () => {
  it('birth registration online with 2 extra copies: 2 × 8 000 đ, the late charge is free online', () => {
    const t = feeTotal(birth.fees, sample, { online: true });
    expect(t.lines.map((l) => l.amountVnd)).toEqual([0, 0, 16_000]);
    expect(t.lines[2].units).toBe(2);
    expect(t).toMatchObject({ totalVnd: 16_000, complete: true });
  });

  it('at the desk the late charge is the in-person amount; no copies asked costs nothing', () => {
    expect(feeTotal(birth.fees, { ...sample, extractCopies: 0 }, { online: false }).totalVnd).toBe(8_000);
    expect(feeTotal(birth.fees, {}, { online: true }).totalVnd).toBe(0);
  });

  it('a tier the agency picks, or a banded fee without a count, leaves the total incomplete', () => {
    const base = { nature: 'phi' as const, name: { vi: 'Phí', en: 'Fee' }, legalBasis: ['Thông tư 1/2020/TT-BTC'], per: { vi: 'hồ sơ', en: 'dossier' } };
    const tiered = { ...base, type: 'tiered' as const, tiers: [{ id: 'a', label: { vi: 'A', en: 'A' }, amountVnd: 100_000 }, { id: 'b', label: { vi: 'B', en: 'B' }, amountVnd: 50_000 }] };
    const banded = { ...base, type: 'banded' as const, unit: { vi: 'trang', en: 'page' }, bands: [{ from: 1, to: 2, amountVndPerUnit: 2_000 }, { from: 3, amountVndPerUnit: 1_000 }], maxVnd: 200_000 };
    const fixed = { ...base, type: 'fixed' as const, amountVnd: 30_000 };
    const t = feeTotal([tiered, banded, fixed], {}, { online: false });
    expect(t.lines.map((l) => l.amountVnd)).toEqual([null, null, 30_000]);
    expect(t).toMatchObject({ totalVnd: 30_000, complete: false });
    expect(feeTotal([{ ...banded, unitsField: 'pages' }], { pages: 5 }, { online: false }).totalVnd).toBe(7_000);
  });
});
