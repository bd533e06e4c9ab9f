import type {
  EFormDefinition,
  EFormFieldUi,
  FieldSchema,
  ItemObjectSchema,
  JSONSchemaObject,
  ScalarArraySchema,
  ScalarSchema,
  VisibleIf,
} from '../../../shared/eform';
import type { RegistryBindingName } from './bindings';
import type { Bilingual, RequiredDocument } from './types';

/**
 * Small builders that keep the demo catalogue readable. They produce plain `EFormDefinition` JSON; nothing here is
 * needed at run time by the engine.
 */

export const t = (vi: string, en: string): Bilingual => ({ vi, en });

export interface FieldSpec {
  schema: FieldSchema;
  ui: EFormFieldUi;
  required: boolean;
}

/** Fields are required unless `optional`; a conditional field is required only while visible. */
interface Common {
  optional?: boolean;
  help?: Bilingual;
  binding?: RegistryBindingName;
  editable?: boolean;
  visibleIf?: VisibleIf;
}

type Option = readonly [value: string, vi: string, en: string];

function make(schema: FieldSchema, label: Bilingual, widget: EFormFieldUi['widget'] | undefined, o: Common, extra: Partial<EFormFieldUi> = {}): FieldSpec {
  const ui: EFormFieldUi = { label };
  if (widget) ui.widget = widget;
  if (o.help) ui.help = o.help;
  if (o.visibleIf) ui.visibleIf = o.visibleIf;
  if (o.binding) ui.registryBinding = o.binding;
  if (o.editable) ui.editable = true;
  return { schema, ui: { ...ui, ...extra }, required: !o.optional };
}

const str = (o: { min?: number; max?: number; pattern?: string } = {}): ScalarSchema => {
  const s: ScalarSchema = { type: 'string' };
  if (o.min !== undefined) s.minLength = o.min;
  if (o.max !== undefined) s.maxLength = o.max;
  if (o.pattern) s.pattern = o.pattern;
  return s;
};

const options = (list: readonly Option[]) => list.map(([value, vi, en]) => ({ value, label: { vi, en } }));

export const F = {
  text: (label: Bilingual, o: Common & { min?: number; max?: number; pattern?: string } = {}) =>
    make(str({ max: 200, ...o }), label, undefined, o),
  textarea: (label: Bilingual, o: Common & { max?: number } = {}) => make(str({ max: o.max ?? 2000 }), label, 'textarea', o),
  date: (label: Bilingual, o: Common = {}) => make({ type: 'string', format: 'date' }, label, 'date', o),
  personalId: (label: Bilingual, o: Common = {}) => make({ type: 'string' }, label, 'personalId', o),
  phone: (label: Bilingual, o: Common = {}) => make({ type: 'string' }, label, 'phone', o),
  email: (label: Bilingual, o: Common = {}) => make({ type: 'string', maxLength: 254 }, label, 'email', o),
  adminUnit: (label: Bilingual, o: Common = {}) => make({ type: 'string' }, label, 'adminUnit', o),
  enterpriseCode: (label: Bilingual, o: Common = {}) => make({ type: 'string' }, label, 'enterpriseCode', o),
  integer: (label: Bilingual, o: Common & { min?: number; max?: number } = {}) => {
    const s: ScalarSchema = { type: 'integer' };
    if (o.min !== undefined) s.minimum = o.min;
    if (o.max !== undefined) s.maximum = o.max;
    return make(s, label, 'number', o);
  },
  number: (label: Bilingual, o: Common & { min?: number; max?: number } = {}) => {
    const s: ScalarSchema = { type: 'number' };
    if (o.min !== undefined) s.minimum = o.min;
    if (o.max !== undefined) s.maximum = o.max;
    return make(s, label, 'number', o);
  },
  select: (label: Bilingual, list: readonly Option[], o: Common = {}) =>
    make({ type: 'string', enum: list.map((x) => x[0]) }, label, 'select', o, { options: options(list) }),
  radio: (label: Bilingual, list: readonly Option[], o: Common = {}) =>
    make({ type: 'string', enum: list.map((x) => x[0]) }, label, 'radio', o, { options: options(list) }),
  /** Yes/no question stored as a boolean. */
  yesNo: (label: Bilingual, o: Common = {}) =>
    make({ type: 'boolean' }, label, 'radio', o, {
      options: [
        { value: true, label: { vi: 'Có', en: 'Yes' } },
        { value: false, label: { vi: 'Không', en: 'No' } },
      ],
    }),
  /** A box the applicant must tick (declaration, consent). */
  mustTick: (label: Bilingual, o: Common = {}) => make({ type: 'boolean', const: true }, label, 'checkbox', o),
  multi: (label: Bilingual, list: readonly Option[], o: Common & { min?: number } = {}) => {
    const s: ScalarArraySchema = { type: 'array', items: { type: 'string', enum: list.map((x) => x[0]) }, uniqueItems: true };
    if (o.min !== undefined) s.minItems = o.min;
    return make(s, label, 'checkbox', o, { options: options(list) });
  },
  repeat: (label: Bilingual, itemLabel: Bilingual, items: Record<string, FieldSpec>, o: Common & { min?: number; max?: number } = {}) => {
    const item: ItemObjectSchema = { type: 'object', properties: {}, required: [], additionalProperties: false };
    const itemFields: Record<string, EFormFieldUi> = {};
    let order = 1;
    for (const [name, spec] of Object.entries(items)) {
      item.properties[name] = spec.schema as ItemObjectSchema['properties'][string];
      if (spec.required) item.required!.push(name);
      itemFields[name] = { ...spec.ui, order: order++ };
    }
    if (item.required!.length === 0) delete item.required;
    const s: FieldSchema = { type: 'array', items: item };
    if (o.min !== undefined) s.minItems = o.min;
    if (o.max !== undefined) s.maxItems = o.max;
    return make(s, label, 'repeat', o, { itemFields, itemLabel });
  },
};

export interface SectionSpec {
  id: string;
  title: Bilingual;
  fields: Record<string, FieldSpec>;
}

/** Assembles sections into a definition; throws on a field name used twice (a mistake in the catalogue). */
export function buildForm(sections: SectionSpec[]): EFormDefinition {
  const schema: JSONSchemaObject = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {},
    required: [],
    additionalProperties: false,
  };
  const def: EFormDefinition = { schema, ui: { sections: [], fields: {} } };
  for (const s of sections) {
    def.ui.sections.push({ id: s.id, title: s.title, fields: Object.keys(s.fields) });
    for (const [name, spec] of Object.entries(s.fields)) {
      if (name in schema.properties) throw new Error(`Field ${name} defined twice`);
      schema.properties[name] = spec.schema;
      if (spec.required) schema.required!.push(name);
      def.ui.fields[name] = spec.ui;
    }
  }
  return def;
}

interface DocOptions {
  copies?: number;
  /** makes the document conditional, with this condition */
  when?: Bilingual;
  template?: string;
  store?: boolean;
  registry?: boolean;
  eform?: boolean;
}

export function doc(id: string, name: Bilingual, form: RequiredDocument['form'], o: DocOptions = {}): RequiredDocument {
  const d: RequiredDocument = {
    id,
    name,
    form,
    copies: o.copies ?? 1,
    requirement: o.when ? 'conditional' : 'mandatory',
    fromDataStore: o.store ?? false,
    fromRegistry: o.registry ?? false,
  };
  if (o.when) d.condition = o.when;
  if (o.template) d.template = o.template;
  if (o.eform) d.replacedByEForm = true;
  return d;
}
