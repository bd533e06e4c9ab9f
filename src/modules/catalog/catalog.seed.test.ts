import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDefinition, validate, type EFormDefinition, type EFormFieldUi } from '../../shared/eform';
import { AGENCY_KINDS, LIFE_EVENTS, PROCEDURE_FIELDS, REGISTRY_BINDINGS, type ProcedureVersionInput } from '../../shared/catalog';
import { readCatalogueFiles } from './index';
import { publishProblems } from './catalog.checks';

/**
 * The demo catalogue (seed/catalog/): every file in the import format (the loader validates it with the import
 * route's schema), every procedure publishable, and the content checks a reviewer of the data would make.
 */
const files = await readCatalogueFiles();
const DEMO_PROCEDURES = files.flatMap((f) => f.procedures);

/** The demo catalogue is that of Hải Phòng City (statistics code 31) and its communes, after 1 July 2025. */
const DEMO_PROVINCE_CODE = '31';

/** Commune codes of the demo province, from the reference list of administrative units in the repository. */
function loadDemoCommunes(): Set<string> {
  const file = fileURLToPath(new URL('../../../seed/admin-units/vn-admin-units-2026-07-25.json', import.meta.url));
  const provinces = JSON.parse(readFileSync(file, 'utf8')) as { Code: string; Wards: { Code: string }[] }[];
  return new Set(provinces.find((p) => p.Code === DEMO_PROVINCE_CODE)!.Wards.map((w) => w.Code));
}
const communes = loadDemoCommunes();
const adminUnitExists = (code: string) => communes.has(code);

const byKey = (p: ProcedureVersionInput) => p.key;
const cases = DEMO_PROCEDURES.map((p) => [p.key, p] as const);

/** Every {vi, en} pair found anywhere in a value, with its path. */
function bilingualTexts(value: unknown, path = ''): { path: string; vi: unknown; en: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => bilingualTexts(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.includes('vi') || keys.includes('en')) return [{ path, vi: o.vi, en: o.en }];
  return keys.flatMap((k) => bilingualTexts(o[k], path ? `${path}.${k}` : k));
}

/** Every field UI of a form, including the item fields of repeat groups. */
function allFieldUis(def: EFormDefinition): [string, EFormFieldUi][] {
  const out: [string, EFormFieldUi][] = [];
  for (const [name, ui] of Object.entries(def.ui.fields)) {
    out.push([name, ui]);
    for (const [item, itemUi] of Object.entries(ui.itemFields ?? {})) out.push([`${name}[].${item}`, itemUi]);
  }
  return out;
}

describe('demo catalogue — files', () => {
  it('holds one procedure per file, at <field>/<key>.json', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      expect(f.procedures.length, f.file).toBe(1);
      expect(f.file).toBe(`${f.procedures[0].field}/${f.procedures[0].key}.json`);
    }
  });

  it('refuses a file outside the import format, naming the file and the field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-catalogue-'));
    try {
      mkdirSync(path.join(dir, 'civil-status'));
      const bad = { ...structuredClone(DEMO_PROCEDURES[0]), field: 'nonsense' };
      writeFileSync(path.join(dir, 'civil-status', 'bad.json'), JSON.stringify({ procedures: [bad] }));
      await expect(readCatalogueFiles(dir)).rejects.toThrow(/civil-status\/bad\.json.*procedures\[0\]\.field/);
      writeFileSync(path.join(dir, 'civil-status', 'bad.json'), '{ "procedures": [');
      await expect(readCatalogueFiles(dir)).rejects.toThrow(/civil-status\/bad\.json: not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo catalogue — coverage', () => {
  it('has at least 30 procedures with unique keys', () => {
    expect(DEMO_PROCEDURES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEMO_PROCEDURES.map(byKey)).size).toBe(DEMO_PROCEDURES.length);
  });

  it('covers at least 8 fields', () => {
    expect(new Set(DEMO_PROCEDURES.map((p) => p.field)).size).toBeGreaterThanOrEqual(8);
  });

  it('has unique national codes, each in the national format', () => {
    const codes = DEMO_PROCEDURES.flatMap((p) => (p.nationalCode ? [p.nationalCode] : []));
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^\d\.\d{6}$/);
  });

  it('includes the key procedures of the brief', () => {
    const codes = new Set(DEMO_PROCEDURES.map((p) => p.nationalCode));
    for (const code of ['1.001193', '1.000894', '1.000656', '2.000635', '1.004222', '1.004194', '2.000815', '2.000884', '1.001612', '1.001776']) {
      expect(codes.has(code), code).toBe(true);
    }
    const fields = new Set(DEMO_PROCEDURES.map((p) => p.field));
    for (const f of ['civil-status', 'residence', 'construction', 'household-business', 'judicial-record', 'certification', 'land', 'social-protection', 'transport']) {
      expect(fields.has(f as never), f).toBe(true);
    }
  });

  it('offers both citizen and business procedures, province and commune levels', () => {
    expect(DEMO_PROCEDURES.some((p) => p.applicantTypes.includes('business'))).toBe(true);
    expect(new Set(DEMO_PROCEDURES.map((p) => p.implementingLevel))).toEqual(new Set(['commune', 'province']));
  });
});

describe.each(cases)('%s', (_key, p) => {
  it('passes the publish completeness checks', () => {
    const { key: _k, ...content } = p;
    expect(publishProblems(content)).toEqual([]);
  });

  it('has well-formed metadata', () => {
    expect(p.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    if (p.nationalCode === null) expect(p.codeNote?.length).toBeGreaterThan(10);
    expect(Object.keys(PROCEDURE_FIELDS)).toContain(p.field);
    expect(Object.keys(AGENCY_KINDS)).toContain(p.agencyKind);
    expect(p.lifeEvents.length).toBeGreaterThan(0);
    for (const e of p.lifeEvents) expect(Object.keys(LIFE_EVENTS)).toContain(e);
    expect(p.applicantTypes.length).toBeGreaterThan(0);
    expect(p.legalBases.length).toBeGreaterThan(0);
    expect(p.sourceNote.length).toBeGreaterThan(20);
    expect(p.steps.length).toBeGreaterThanOrEqual(3);
    expect(p.submission.channels.length).toBeGreaterThan(0);
    expect(p.submission.places.length).toBeGreaterThan(0);
    expect(p.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.result.documentType).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    if (p.cutoffTime !== null) expect(p.cutoffTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    if (p.onlineLevel === 'full') expect(p.submission.channels).toContain('online');
  });

  it('states a positive processing time', () => {
    const times = [p.processingTime, p.extendedProcessingTime?.time].filter((x) => x !== undefined);
    for (const time of times) {
      if (time.kind === 'working-days' || time.kind === 'calendar-days') expect(time.days).toBeGreaterThan(0);
      if (time.kind === 'working-hours') expect(time.hours).toBeGreaterThan(0);
    }
  });

  it('has fees with a legal basis and sane amounts', () => {
    expect(p.fees.length).toBeGreaterThan(0);
    for (const fee of p.fees) {
      expect(fee.legalBasis.length).toBeGreaterThan(0);
      const amounts =
        fee.type === 'fixed'
          ? [fee.amountVnd, fee.onlineAmountVnd ?? 0]
          : fee.type === 'tiered'
            ? fee.tiers.flatMap((x) => [x.amountVnd, x.onlineAmountVnd ?? 0])
            : fee.type === 'banded'
              ? fee.bands.map((b) => b.amountVndPerUnit)
              : [];
      for (const a of amounts) {
        expect(Number.isInteger(a)).toBe(true);
        expect(a).toBeGreaterThanOrEqual(0);
      }
      if (fee.type === 'tiered') expect(fee.tiers.length).toBeGreaterThanOrEqual(2);
      if (fee.type === 'banded') {
        fee.bands.forEach((b, i) => {
          if (i > 0) expect(b.from).toBe((fee.bands[i - 1].to ?? Infinity) + 1);
        });
      }
    }
  });

  it('lists documents with unique ids, and a condition for each conditional one', () => {
    expect(p.documents.length).toBeGreaterThan(0);
    expect(new Set(p.documents.map((d) => d.id)).size).toBe(p.documents.length);
    for (const d of p.documents) {
      expect(d.copies).toBeGreaterThanOrEqual(1);
      expect(d.requirement === 'conditional').toBe(d.condition !== undefined);
    }
  });

  it('has a workflow from receipt to return whose shares sum to 100', () => {
    const steps = p.workflow;
    expect(steps[0].kind).toBe('receive');
    expect(steps[0].role).toBe('receiving_officer');
    expect(steps.at(-1)!.kind).toBe('return');
    expect(steps.at(-1)!.role).toBe('result_officer');
    expect(steps.some((s) => s.kind === 'approve' && s.role === 'approver')).toBe(true);
    expect(steps.reduce((sum, s) => sum + s.sharePercent, 0)).toBe(100);
    for (const s of steps) expect(s.sharePercent).toBeGreaterThan(0);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  it('has Vietnamese and English text everywhere (labels, help, options, section titles, catalogue text)', () => {
    const texts = bilingualTexts(p);
    expect(texts.length).toBeGreaterThan(10);
    for (const { path, vi, en } of texts) {
      expect(typeof vi === 'string' && vi.trim().length > 0, `${path}.vi`).toBe(true);
      expect(typeof en === 'string' && en.trim().length > 0, `${path}.en`).toBe(true);
    }
    for (const s of p.eform.ui.sections) expect(s.title.vi && s.title.en).toBeTruthy();
    for (const [name, ui] of allFieldUis(p.eform)) {
      expect(ui.label.vi.trim(), name).not.toBe('');
      expect(ui.label.en.trim(), name).not.toBe('');
      if (ui.help) expect(ui.help.vi && ui.help.en, name).toBeTruthy();
      for (const o of ui.options ?? []) expect(o.label.vi && o.label.en, name).toBeTruthy();
    }
  });

  it('has a form that parses', () => {
    const r = parseDefinition(p.eform);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('binds identity fields only to documented registry attributes', () => {
    const bindings = allFieldUis(p.eform).flatMap(([, ui]) => (ui.registryBinding ? [ui.registryBinding] : []));
    for (const b of bindings) expect(Object.keys(REGISTRY_BINDINGS), b).toContain(b);
    if (p.applicantTypes.includes('citizen')) {
      expect(bindings).toEqual(expect.arrayContaining(['population.fullName', 'population.personalId']));
    } else {
      expect(bindings).toContain('business.enterpriseCode');
    }
  });

  it('validates its sample data, and the normalised result again', () => {
    const r = validate(p.eform, p.sampleData, { adminUnitExists });
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const again = validate(p.eform, r.data, { adminUnitExists });
    expect(again).toEqual({ ok: true, data: r.data });
  });

  it('refuses an empty form with required-field errors', () => {
    const r = validate(p.eform, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.every((e) => e.code === 'required')).toBe(true);
  });
});

describe('demo catalogue — sample data', () => {
  it('uses commune codes of the demo province', () => {
    const used = DEMO_PROCEDURES.flatMap((p) =>
      allFieldUis(p.eform)
        .filter(([name, ui]) => ui.widget === 'adminUnit' && !name.includes('[]'))
        .map(([name]) => p.sampleData[name])
        .filter((v): v is string => typeof v === 'string'),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const code of used) expect(communes.has(code), code).toBe(true);
  });
});
