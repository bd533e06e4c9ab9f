import { describe, expect, it } from 'vitest';
import { parseDefinition } from './eform.definition';
import { validate } from './eform.validate';
import { sampleDefinition, validSampleData } from './eform.fixture';
import { limitsOf, limitValue, setDateLimit, setFieldLimit } from './limits';

describe('validation rules of a field, as the builder edits them', () => {
  it('offers the rules that apply to each kind of field', () => {
    const def = sampleDefinition();
    expect(limitsOf(def, 'fullName')).toEqual({ schema: ['minLength', 'maxLength', 'pattern'], date: [] });
    expect(limitsOf(def, 'copies')).toEqual({ schema: ['minimum', 'maximum'], date: [] });
    expect(limitsOf(def, 'channels')).toEqual({ schema: ['minItems', 'maxItems'], date: [] });
    expect(limitsOf(def, 'children').schema).toEqual(['minItems', 'maxItems']);
    expect(limitsOf(def, 'dateOfBirth')).toEqual({ schema: [], date: ['notBefore', 'notAfter'] });
    // A choice, a personal ID, a boolean: their own rule is the check.
    for (const name of ['relation', 'personalId', 'hasChildren', 'missing']) expect(limitsOf(def, name)).toEqual({ schema: [], date: [] });
  });

  it('sets and clears a rule, and the engine applies it to the answers', () => {
    const def = sampleDefinition();
    const strict = setFieldLimit(setFieldLimit(def, 'note', 'minLength', '10'), 'note', 'pattern', '^[^0-9]*$');
    expect(limitValue(strict, 'note', 'minLength')).toBe(10);
    expect(limitValue(strict, 'note', 'maxLength')).toBe(500);
    const parsed = parseDefinition(strict);
    expect(parsed.ok).toBe(true);
    const errors = validate(strict, { ...validSampleData(), note: 'ngắn 1' });
    expect(errors.ok).toBe(false);
    expect(errors.ok ? [] : errors.errors.filter((e) => e.field === 'note').map((e) => e.code).sort()).toEqual(['min_length', 'pattern']);
    // Cleared: gone from the schema; the original is untouched.
    const cleared = setFieldLimit(strict, 'note', 'minLength', null);
    expect(limitValue(cleared, 'note', 'minLength')).toBeNull();
    expect(limitValue(def, 'note', 'minLength')).toBeNull();
    // A rule that does not apply to the field is not set.
    expect(setFieldLimit(def, 'relation', 'maxLength', 3)).toBe(def);
  });

  it('leaves an inconsistent rule to the engine, which names the field', () => {
    const def = setFieldLimit(sampleDefinition(), 'copies', 'minimum', 20);
    const parsed = parseDefinition(def);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toContain('schema.properties.copies');
    const badPattern = parseDefinition(setFieldLimit(sampleDefinition(), 'note', 'pattern', '(['));
    expect(badPattern.ok ? [] : badPattern.problems.map((p) => p.code)).toContain('bad_pattern');
  });

  it('bounds a date field (no date in the future)', () => {
    const def = setDateLimit(sampleDefinition(), 'dateOfBirth', 'notAfter', 'today');
    expect(def.ui.fields.dateOfBirth.notAfter).toBe('today');
    expect(parseDefinition(def).ok).toBe(true);
    const future = validate(def, { ...validSampleData(), dateOfBirth: '2999-01-01' }, { today: '2026-12-03' });
    expect(future.ok ? [] : future.errors.map((e) => e.field)).toEqual(['dateOfBirth']);
    expect(setDateLimit(def, 'dateOfBirth', 'notAfter', null).ui.fields.dateOfBirth.notAfter).toBeUndefined();
    expect(setDateLimit(def, 'fullName', 'notAfter', 'today')).toBe(def);
  });
});
