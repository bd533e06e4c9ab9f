/**
 * The validation rules (quy tắc kiểm tra) an e-form field can carry, as the procedure builder edits them: lengths and a
 * pattern for text, bounds for numbers, the number of entries of a repeatable group or of ticked choices, and the
 * date bounds. Pure: each edit returns a new definition; parseDefinition stays the judge of the result (a minimum
 * above its maximum, a pattern that does not compile are its problems, shown by the builder's checks).
 */
import type { DateBound, EFormDefinition, EFormWidget, FieldSchema } from './eform.types';

const FREE_TEXT: EFormWidget[] = ['text', 'textarea'];

export type FieldLimit = 'minLength' | 'maxLength' | 'pattern' | 'minimum' | 'maximum' | 'minItems' | 'maxItems';
export type DateLimit = 'notBefore' | 'notAfter';

/** The rules that apply to a top-level field, in the order the builder shows them. */
export function limitsOf(def: EFormDefinition, name: string): { schema: FieldLimit[]; date: DateLimit[] } {
  const s = def.schema.properties[name];
  if (!s) return { schema: [], date: [] };
  if (s.type === 'array') return { schema: ['minItems', 'maxItems'], date: [] };
  if (s.type === 'number' || s.type === 'integer') return { schema: ['minimum', 'maximum'], date: [] };
  if (s.type === 'string') {
    const widget = def.ui.fields[name]?.widget;
    if (s.format === 'date' || widget === 'date') return { schema: [], date: ['notBefore', 'notAfter'] };
    // A choice, or a value of a known kind (a personal ID, a phone, a commune…), is checked by its own rule already.
    if (s.enum || s.format || (widget && !FREE_TEXT.includes(widget))) return { schema: [], date: [] };
    return { schema: ['minLength', 'maxLength', 'pattern'], date: [] };
  }
  return { schema: [], date: [] };
}

/** The current value of a rule on a field, or null when unset. */
export function limitValue(def: EFormDefinition, name: string, key: FieldLimit): number | string | null {
  const s = def.schema.properties[name] as unknown as Record<string, unknown> | undefined;
  const v = s?.[key];
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

/**
 * Sets a rule (`null` or an empty text clears it). Counts and lengths must be whole numbers ≥ 0; anything else is
 * stored as given for parseDefinition to report, so the builder's checks name the field to fix.
 */
export function setFieldLimit(def: EFormDefinition, name: string, key: FieldLimit, value: number | string | null): EFormDefinition {
  const s = def.schema.properties[name];
  if (!s || !limitsOf(def, name).schema.includes(key)) return def;
  const next = { ...s } as Record<string, unknown>;
  if (value === null || value === '') delete next[key];
  else next[key] = key === 'pattern' ? String(value) : Number(value);
  return { ...def, schema: { ...def.schema, properties: { ...def.schema.properties, [name]: next as unknown as FieldSchema } } };
}

/** Sets a date field's bound: `today`, a fixed date (YYYY-MM-DD), or null to clear it. */
export function setDateLimit(def: EFormDefinition, name: string, key: DateLimit, bound: DateBound | null): EFormDefinition {
  const ui = def.ui.fields[name];
  if (!ui || !limitsOf(def, name).date.includes(key)) return def;
  const next = { ...ui };
  if (bound === null || bound === '') delete next[key];
  else next[key] = bound;
  return { ...def, ui: { ...def.ui, fields: { ...def.ui.fields, [name]: next } } };
}
