import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from './actions';
import { FORM_NUMBERS, FORMS, formsProducedBy } from './forms';

describe('national forms (Circular 03/2025, Annex I)', () => {
  it('has forms 01–07, each titled and numbered as its key', () => {
    expect(FORM_NUMBERS).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    for (const n of FORM_NUMBERS) {
      expect(FORMS[n].number).toBe(n);
      expect(FORMS[n].title.vi.length).toBeGreaterThan(0);
      expect(FORMS[n].title.en.length).toBeGreaterThan(0);
      expect(FORMS[n].producedBy.length).toBeGreaterThan(0);
      for (const a of FORMS[n].producedBy) expect(ACTION_TYPES).toContain(a);
    }
  });

  it('01–05 are documents for the applicant, 06–07 records', () => {
    expect(FORM_NUMBERS.filter((n) => FORMS[n].kind === 'document')).toEqual(['01', '02', '03', '04', '05']);
  });

  it.each([
    ['receive', ['01', '06', '07']],
    ['request_supplement', ['02', '06']],
    ['refuse_reception', ['03']],
    ['extend', ['04', '06']],
    ['stop', ['05', '06', '07']],
    ['propose', ['06']],
    ['return_result', ['06', '07']],
    ['comment', []],
    ['submit', []],
  ] as const)('%s produces %j', (action, forms) => {
    expect(formsProducedBy(action)).toEqual(forms);
  });

  it('each applicant document comes from exactly one action', () => {
    for (const n of ['01', '02', '03', '04', '05'] as const) expect(FORMS[n].producedBy).toHaveLength(1);
  });
});
