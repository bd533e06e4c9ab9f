/**
 * Editing operations of the e-form builder on a definition (schema + ui), each returning a new definition. What a
 * widget needs in the schema is set here (type, enum of a choice); the shared engine's parseDefinition is the judge
 * of the result, in the live preview and again by the server on publish.
 */
import type { EFormDefinition, EFormFieldUi, EFormOption, EFormWidget, FieldSchema, LocalizedText } from '@shared/eform/eform.types';
import { foldVi } from '@shared/text/fold';

/** Widgets the builder offers for a plain field (repeat groups are kept as they are). */
export const BUILDER_WIDGETS: EFormWidget[] = ['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'adminUnit', 'personalId', 'enterpriseCode', 'phone', 'email'];

const clone = <T>(v: T): T => structuredClone(v);

export function fieldNames(def: EFormDefinition): string[] {
  return Object.keys(def.schema.properties);
}

/** A field name from its label: `Họ và tên` → `hoVaTen`, unique in the form. */
export function nameFromLabel(def: EFormDefinition, label: string): string {
  const words = foldVi(label)
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(' ')
    .filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') || 'field';
  if (/^[0-9]/.test(base)) base = `f${base}`;
  base = base.slice(0, 40);
  const taken = new Set(fieldNames(def));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

function schemaFor(widget: EFormWidget, options?: EFormOption[]): FieldSchema {
  switch (widget) {
    case 'number':
      return { type: 'number' };
    case 'checkbox':
      return { type: 'boolean' };
    case 'select':
    case 'radio':
      return { type: 'string', enum: (options ?? []).map((o) => String(o.value)) };
    default:
      return { type: 'string' };
  }
}

const DEFAULT_OPTIONS: EFormOption[] = [
  { value: 'option1', label: { vi: 'Lựa chọn 1', en: 'Option 1' } },
  { value: 'option2', label: { vi: 'Lựa chọn 2', en: 'Option 2' } },
];

export function addField(def: EFormDefinition, sectionId: string, label: LocalizedText = { vi: 'Câu hỏi mới', en: 'New question' }): { def: EFormDefinition; name: string } {
  const d = clone(def);
  const name = nameFromLabel(d, label.en || label.vi);
  d.schema.properties[name] = { type: 'string' };
  d.ui.fields[name] = { label, widget: 'text' };
  const s = d.ui.sections.find((x) => x.id === sectionId) ?? d.ui.sections[d.ui.sections.length - 1];
  s.fields.push(name);
  return { def: d, name };
}

export function updateUi(def: EFormDefinition, name: string, patch: Partial<EFormFieldUi>): EFormDefinition {
  const d = clone(def);
  d.ui.fields[name] = { ...d.ui.fields[name], ...patch };
  for (const k of Object.keys(patch) as (keyof EFormFieldUi)[]) if (patch[k] === undefined) delete d.ui.fields[name][k];
  return d;
}

/** Changes the widget and the schema it implies (keeps the label, help and required flag). */
export function setWidget(def: EFormDefinition, name: string, widget: EFormWidget): EFormDefinition {
  const d = clone(def);
  const ui = d.ui.fields[name];
  const needsOptions = widget === 'select' || widget === 'radio';
  const options = needsOptions ? (ui.options?.length ? ui.options.map((o) => ({ ...o, value: String(o.value) })) : clone(DEFAULT_OPTIONS)) : undefined;
  d.ui.fields[name] = { ...ui, widget, options };
  if (!needsOptions) delete d.ui.fields[name].options;
  const old = d.schema.properties[name] as FieldSchema & { maxLength?: number };
  const next = schemaFor(widget, options) as FieldSchema & { maxLength?: number };
  if (next.type === 'string' && old.type === 'string' && old.maxLength !== undefined && !needsOptions) next.maxLength = old.maxLength;
  d.schema.properties[name] = next;
  return d;
}

export function setOptions(def: EFormDefinition, name: string, options: EFormOption[]): EFormDefinition {
  const d = clone(def);
  d.ui.fields[name] = { ...d.ui.fields[name], options };
  const s = d.schema.properties[name] as FieldSchema & { enum?: unknown[] };
  if (s.type === 'string') (s as { enum?: string[] }).enum = options.map((o) => String(o.value));
  return d;
}

export function setRequired(def: EFormDefinition, name: string, required: boolean): EFormDefinition {
  const d = clone(def);
  const list = new Set(d.schema.required ?? []);
  if (required) list.add(name);
  else list.delete(name);
  d.schema.required = [...list];
  return d;
}

export function isRequired(def: EFormDefinition, name: string): boolean {
  return (def.schema.required ?? []).includes(name);
}

/** Renames a field everywhere it is referred to (schema, required, sections, visibility rules). */
export function renameField(def: EFormDefinition, from: string, to: string): EFormDefinition {
  if (from === to) return def;
  const d = clone(def);
  const props: Record<string, FieldSchema> = {};
  for (const [k, v] of Object.entries(d.schema.properties)) props[k === from ? to : k] = v;
  d.schema.properties = props;
  d.schema.required = (d.schema.required ?? []).map((r) => (r === from ? to : r));
  const ui: Record<string, EFormFieldUi> = {};
  for (const [k, v] of Object.entries(d.ui.fields)) ui[k === from ? to : k] = v;
  d.ui.fields = ui;
  for (const s of d.ui.sections) s.fields = s.fields.map((f) => (f === from ? to : f));
  for (const f of Object.values(d.ui.fields)) if (f.visibleIf?.field === from) f.visibleIf = { ...f.visibleIf, field: to };
  return d;
}

export function removeField(def: EFormDefinition, name: string): EFormDefinition {
  const d = clone(def);
  delete d.schema.properties[name];
  d.schema.required = (d.schema.required ?? []).filter((r) => r !== name);
  delete d.ui.fields[name];
  for (const s of d.ui.sections) s.fields = s.fields.filter((f) => f !== name);
  // A rule that depended on the removed field would point nowhere: the field is then always shown.
  for (const f of Object.values(d.ui.fields)) if (f.visibleIf?.field === name) delete f.visibleIf;
  return d;
}

export function moveField(def: EFormDefinition, sectionId: string, name: string, delta: -1 | 1): EFormDefinition {
  const d = clone(def);
  const s = d.ui.sections.find((x) => x.id === sectionId);
  if (!s) return def;
  const i = s.fields.indexOf(name);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= s.fields.length) return def;
  [s.fields[i], s.fields[j]] = [s.fields[j], s.fields[i]];
  return d;
}

/** Moves a field to the neighbouring section (end of the previous one, start of the next one). */
export function moveFieldToSection(def: EFormDefinition, sectionId: string, name: string, delta: -1 | 1): EFormDefinition {
  const d = clone(def);
  const i = d.ui.sections.findIndex((x) => x.id === sectionId);
  const target = d.ui.sections[i + delta];
  if (i < 0 || !target) return def;
  d.ui.sections[i].fields = d.ui.sections[i].fields.filter((f) => f !== name);
  if (delta < 0) target.fields.push(name);
  else target.fields.unshift(name);
  return d;
}

export function addSection(def: EFormDefinition): { def: EFormDefinition; id: string } {
  const d = clone(def);
  const taken = new Set(d.ui.sections.map((s) => s.id));
  let id = 'section';
  for (let i = d.ui.sections.length + 1; taken.has(id); i++) id = `section${i}`;
  d.ui.sections.push({ id, title: { vi: 'Phần mới', en: 'New section' }, fields: [] });
  return { def: d, id };
}

export function updateSection(def: EFormDefinition, id: string, title: LocalizedText): EFormDefinition {
  const d = clone(def);
  const s = d.ui.sections.find((x) => x.id === id);
  if (s) s.title = title;
  return d;
}

export function moveSection(def: EFormDefinition, id: string, delta: -1 | 1): EFormDefinition {
  const d = clone(def);
  const i = d.ui.sections.findIndex((x) => x.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= d.ui.sections.length) return def;
  [d.ui.sections[i], d.ui.sections[j]] = [d.ui.sections[j], d.ui.sections[i]];
  return d;
}

export function removeSection(def: EFormDefinition, id: string): EFormDefinition {
  const d = clone(def);
  const s = d.ui.sections.find((x) => x.id === id);
  if (!s || s.fields.length) return def;
  d.ui.sections = d.ui.sections.filter((x) => x.id !== id);
  return d;
}

/** Moves a field of a section to position `to` (drag and drop). */
export function moveFieldTo(def: EFormDefinition, sectionId: string, name: string, to: number): EFormDefinition {
  const d = clone(def);
  const s = d.ui.sections.find((x) => x.id === sectionId);
  if (!s || !s.fields.includes(name)) return def;
  s.fields = s.fields.filter((f) => f !== name);
  s.fields.splice(Math.max(0, Math.min(to, s.fields.length)), 0, name);
  return d;
}

/** Sets (or with `field` empty, removes) the visibility rule of a field, in the shared condition language. */
export function setVisibleIf(def: EFormDefinition, name: string, rule: { field: string; op: 'equals' | 'notEmpty'; value: string } | null): EFormDefinition {
  if (!rule?.field) return updateUi(def, name, { visibleIf: undefined });
  const s = def.schema.properties[rule.field];
  const typed = s?.type === 'boolean' ? rule.value === 'true' : s?.type === 'number' || s?.type === 'integer' ? Number(rule.value) : rule.value;
  return updateUi(def, name, { visibleIf: rule.op === 'notEmpty' ? { field: rule.field, notEmpty: true } : { field: rule.field, equals: typed } });
}

/** A readable sentence for a visibility rule ("Shown when “For someone else” is Yes"). */
export function describeRule(def: EFormDefinition, rule: NonNullable<EFormFieldUi['visibleIf']>, pick: (t: LocalizedText) => string, words: { when: string; is: string; filled: string; yes: string; no: string }): string {
  const label = pick(def.ui.fields[rule.field]?.label ?? { vi: rule.field, en: rule.field });
  if ('notEmpty' in rule) return `${words.when} “${label}” ${words.filled}`;
  const value = 'equals' in rule ? rule.equals : rule.in.join(', ');
  const opt = def.ui.fields[rule.field]?.options?.find((o) => o.value === value);
  const shown = value === true ? words.yes : value === false ? words.no : opt ? pick(opt.label) : String(value);
  return `${words.when} “${label}” ${words.is} ${shown}`;
}

/** Adds a repeatable group (nhóm lặp lại) with one text item, in a section. */
export function addRepeatGroup(def: EFormDefinition, sectionId: string, label: LocalizedText = { vi: 'Nhóm lặp lại', en: 'Repeatable group' }): { def: EFormDefinition; name: string } {
  const d = clone(def);
  const name = nameFromLabel(d, label.en || label.vi);
  d.schema.properties[name] = { type: 'array', minItems: 0, maxItems: 20, items: { type: 'object', properties: { item1: { type: 'string' } }, required: ['item1'], additionalProperties: false } };
  d.ui.fields[name] = { label, widget: 'repeat', itemLabel: label, itemFields: { item1: { label: { vi: 'Mục 1', en: 'Item 1' }, widget: 'text', order: 1 } } };
  const s = d.ui.sections.find((x) => x.id === sectionId) ?? d.ui.sections[d.ui.sections.length - 1];
  s.fields.push(name);
  return { def: d, name };
}

type ItemProps = Record<string, FieldSchema>;
const itemsOf = (d: EFormDefinition, group: string) => (d.schema.properties[group] as unknown as { items: { properties: ItemProps; required?: string[] } }).items;

/** Adds an item field to a repeatable group. */
export function addItemField(def: EFormDefinition, group: string, label: LocalizedText, widget: EFormWidget = 'text'): EFormDefinition {
  const d = clone(def);
  const items = itemsOf(d, group);
  let n = Object.keys(items.properties).length + 1;
  while (items.properties[`item${n}`]) n++;
  const key = `item${n}`;
  items.properties[key] = schemaFor(widget) as FieldSchema;
  const ui = d.ui.fields[group];
  ui.itemFields = { ...(ui.itemFields ?? {}), [key]: { label, widget, order: n } };
  return d;
}

export function updateItemField(def: EFormDefinition, group: string, item: string, patch: { label?: LocalizedText; required?: boolean; widget?: EFormWidget }): EFormDefinition {
  const d = clone(def);
  const items = itemsOf(d, group);
  const ui = d.ui.fields[group].itemFields![item];
  if (patch.label) ui.label = patch.label;
  if (patch.widget) {
    ui.widget = patch.widget;
    items.properties[item] = schemaFor(patch.widget) as FieldSchema;
  }
  if (patch.required !== undefined) items.required = patch.required ? [...new Set([...(items.required ?? []), item])] : (items.required ?? []).filter((r) => r !== item);
  return d;
}

export function removeItemField(def: EFormDefinition, group: string, item: string): EFormDefinition {
  const d = clone(def);
  const items = itemsOf(d, group);
  if (Object.keys(items.properties).length <= 1) return def;
  delete items.properties[item];
  items.required = (items.required ?? []).filter((r) => r !== item);
  delete d.ui.fields[group].itemFields![item];
  return d;
}

export function isItemRequired(def: EFormDefinition, group: string, item: string): boolean {
  return (itemsOf(def, group).required ?? []).includes(item);
}
