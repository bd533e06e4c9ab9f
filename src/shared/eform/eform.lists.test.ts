import { describe, expect, it } from 'vitest';
import { parseDefinition } from './eform.definition';
import type { EFormDefinition } from './eform.types';
import { conditionHolds, todayInVietnam, validate } from './eform.validate';

/** Date bounds (`notAfter` / `notBefore`), shared reference lists (`optionList`) and `conditionHolds`. */
function form(ui: Record<string, unknown>, schema: Record<string, unknown> = {}): unknown {
  return {
    schema: {
      type: 'object',
      properties: { birthDate: { type: 'string', format: 'date' }, ethnicity: { type: 'string' }, nationality: { type: 'string' }, married: { type: 'boolean' }, since: { type: 'string', format: 'date' }, ...schema },
      additionalProperties: false,
    },
    ui: {
      sections: [{ id: 'a', title: { vi: 'A', en: 'A' }, fields: ['birthDate', 'ethnicity', 'nationality', 'married', 'since'] }],
      fields: {
        birthDate: { label: { vi: 'Ngày sinh', en: 'Date of birth' }, widget: 'date', notAfter: 'today' },
        ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, widget: 'select', optionList: 'vn-ethnic-groups' },
        nationality: { label: { vi: 'Quốc tịch', en: 'Nationality' }, widget: 'select', optionList: 'countries' },
        married: { label: { vi: 'Đã kết hôn', en: 'Married' }, widget: 'checkbox' },
        since: { label: { vi: 'Từ ngày', en: 'Since' }, widget: 'date', visibleIf: { field: 'married', equals: true }, notBefore: '2000-01-01' },
        ...ui,
      },
    },
  };
}
const ok = (json: unknown): EFormDefinition => {
  const r = parseDefinition(json);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.definition;
};
const def = ok(form({}));
const errors = (data: Record<string, unknown>, today = '2026-12-02') => {
  const r = validate(def, data, { today });
  return r.ok ? [] : r.errors.map((e) => ({ field: e.field, code: e.code, vi: e.message.vi }));
};

describe('date bounds', () => {
  it('refuses a date of birth after today, in Vietnamese and English', () => {
    expect(errors({ birthDate: '2099-01-01' })).toEqual([{ field: 'birthDate', code: 'date_after', vi: '“Ngày sinh” không được sau ngày hôm nay (02/12/2026).' }]);
    const r = validate(def, { birthDate: '01/01/2099' }, { today: '2026-12-02' });
    expect(!r.ok && r.errors[0].message.en).toBe('“Date of birth” cannot be in the future (after 02/12/2026).');
  });

  it('accepts today and earlier; a fixed lower bound refuses earlier dates', () => {
    expect(errors({ birthDate: '2026-12-02' })).toEqual([]);
    expect(errors({ birthDate: '2026-12-03' }, '2026-12-03')).toEqual([]);
    expect(errors({ married: true, since: '1999-12-31' })).toEqual([{ field: 'since', code: 'date_before', vi: '“Từ ngày” không được trước ngày 01/01/2000.' }]);
  });

  it('today is the day in Vietnam (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(todayInVietnam(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
  });

  it('is refused on a field that is not a date, and must be today or an ISO date', () => {
    const r = parseDefinition(form({ ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, notAfter: 'today' }, birthDate: { label: { vi: 'Ngày sinh', en: 'Date of birth' }, widget: 'date', notAfter: 'tomorrow' } }));
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}:${p.code}`)).toEqual(expect.arrayContaining(['ui.fields.ethnicity.notAfter:bad_date_bound', 'ui.fields.birthDate.notAfter:bad_date_bound']));
  });
});

describe('reference lists as choices', () => {
  it('accepts one of the 54 ethnic groups and a country by its Vietnamese name; refuses anything else', () => {
    expect(errors({ ethnicity: 'Kinh', nationality: 'Việt Nam' })).toEqual([]);
    expect(errors({ ethnicity: "H'Mông", nationality: 'Pháp' })).toEqual([]);
    expect(errors({ ethnicity: '😀', nationality: 'Atlantis' }).map((e) => `${e.field}:${e.code}`)).toEqual(['ethnicity:enum', 'nationality:enum']);
  });

  it('refuses an unknown list, a list on a non-select field, and a list next to its own options', () => {
    const problems = (ui: Record<string, unknown>) => {
      const r = parseDefinition(form(ui));
      return r.ok ? [] : r.problems.map((p) => `${p.path}:${p.code}`);
    };
    expect(problems({ ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, widget: 'select', optionList: 'planets' } })).toContain('ui.fields.ethnicity.optionList:bad_option_list');
    expect(problems({ ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, optionList: 'countries' } })).toContain('ui.fields.ethnicity.optionList:bad_option_list');
    expect(problems({ ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, widget: 'select', optionList: 'countries', options: [{ value: 'x', label: { vi: 'x', en: 'x' } }] } })).toContain(
      'ui.fields.ethnicity.optionList:bad_option_list',
    );
  });
});

describe('conditionHolds (the visibility language, for conditional documents)', () => {
  it('matches the answer of a visible field; a hidden answer never matches', () => {
    expect(conditionHolds(def, { married: true }, { field: 'married', equals: true })).toBe(true);
    expect(conditionHolds(def, { married: false }, { field: 'married', equals: true })).toBe(false);
    expect(conditionHolds(def, { married: true, since: '2020-01-01' }, { field: 'since', notEmpty: true })).toBe(true);
    expect(conditionHolds(def, { married: false, since: '2020-01-01' }, { field: 'since', notEmpty: true })).toBe(false);
    expect(conditionHolds(def, { nationality: 'Pháp' }, { field: 'nationality', in: ['Pháp', 'Đức'] })).toBe(true);
    expect(conditionHolds(def, {}, { field: 'unknown', notEmpty: true })).toBe(false);
  });
});
