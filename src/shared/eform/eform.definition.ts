import { COUNTRIES } from '../reference/countries';
import { ETHNIC_GROUPS } from '../reference/ethnic-groups';
import {
  EFORM_FORMATS,
  EFORM_OPTION_LISTS,
  type EFormOption,
  type EFormOptionList,
  EFORM_WIDGETS,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type EFormDefinition,
  type EFormFieldUi,
  type EFormFormat,
  type EFormWidget,
  type FieldSchema,
  type JsonScalar,
  type LocalizedText,
  type ParseDefinitionResult,
  type ScalarSchema,
} from './eform.types';

/**
 * Publishing checks for e-form definitions, and the compiled form used by `validate` and `visibleFields`.
 */

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Field names are plain identifiers so that paths like `children[1].fullName` are unambiguous. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `population.fullName`, `parent.mother.personalId`, `business.legalRepresentative.fullName` */
const BINDING = /^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

const ANNOTATIONS = ['title', 'description', '$comment', 'examples'];
const KEYWORDS = {
  root: ['$schema', '$id', 'type', 'properties', 'required', 'additionalProperties', ...ANNOTATIONS],
  item: ['type', 'properties', 'required', 'additionalProperties', ...ANNOTATIONS],
  string: ['type', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const', ...ANNOTATIONS],
  number: ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'enum', 'const', ...ANNOTATIONS],
  boolean: ['type', 'const', ...ANNOTATIONS],
  array: ['type', 'items', 'minItems', 'maxItems', 'uniqueItems', ...ANNOTATIONS],
} as const;

const UI_FIELD_KEYS = ['label', 'help', 'widget', 'options', 'optionList', 'notAfter', 'notBefore', 'visibleIf', 'order', 'registryBinding', 'editable', 'itemFields', 'itemLabel'];

/** The choices of each shared reference list (values are what the form stores). */
export const OPTION_LISTS: Record<EFormOptionList, EFormOption[]> = {
  'vn-ethnic-groups': ETHNIC_GROUPS.map((g) => ({ value: g.name, label: { vi: g.name, en: g.name } })),
  countries: COUNTRIES.map((c) => ({ value: c.vi, label: { vi: c.vi, en: c.en } })),
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The format each identifier widget implies. */
export const WIDGET_FORMAT: Partial<Record<EFormWidget, EFormFormat>> = {
  date: 'date',
  email: 'email',
  personalId: 'vn-personal-id',
  enterpriseCode: 'vn-enterprise-code',
  phone: 'vn-phone',
  adminUnit: 'vn-admin-unit',
};
const FORMAT_WIDGET: Record<EFormFormat, EFormWidget> = {
  date: 'date',
  email: 'email',
  'vn-personal-id': 'personalId',
  'vn-enterprise-code': 'enterpriseCode',
  'vn-phone': 'phone',
  'vn-admin-unit': 'adminUnit',
};
const STRING_WIDGETS: EFormWidget[] = ['text', 'textarea', 'date', 'adminUnit', 'personalId', 'enterpriseCode', 'phone', 'email'];
const CHOICE_WIDGETS: EFormWidget[] = ['select', 'radio'];

export type ScalarType = 'string' | 'number' | 'integer' | 'boolean';

export interface CompiledField {
  name: string;
  schema: FieldSchema;
  ui: EFormFieldUi;
  widget: EFormWidget;
  /** scalar value, multiple choice (array of scalars), or repeat group (array of objects) */
  kind: 'scalar' | 'multi' | 'repeat';
  /** scalar or multiple choice: the schema of one value */
  scalar?: ScalarSchema;
  format?: EFormFormat;
  /** enum, or the option values when the schema has no enum */
  allowed?: JsonScalar[];
  /** the choices of a shared reference list (`optionList`) */
  options?: EFormOption[];
  pattern?: RegExp;
  required: boolean;
  item?: CompiledGroup;
}

export interface CompiledGroup {
  fields: CompiledField[];
  byName: Map<string, CompiledField>;
}

export interface CompiledForm {
  definition: EFormDefinition;
  root: CompiledGroup;
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const scalarTypeOf = (v: unknown): ScalarType | undefined =>
  typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : isFiniteNum(v) ? 'number' : undefined;

/** Does value v fit a schema of type t? (an integer fits `number`; a whole number fits `integer`) */
export function fitsType(v: unknown, t: ScalarType): boolean {
  if (t === 'integer') return isFiniteNum(v) && Number.isInteger(v);
  return scalarTypeOf(v) === t;
}

class Collector {
  readonly problems: DefinitionProblem[] = [];
  /** the item group of each repeat field, kept while checking visibility rules */
  readonly inner = new Map<CompiledField, GroupCtx>();
  add(path: string, code: DefinitionProblemCode, vi: string, en: string) {
    this.problems.push({ path, code, message: { vi, en } });
  }
}

function checkKeys(c: Collector, node: Record<string, unknown>, allowed: readonly string[], path: string) {
  for (const k of Object.keys(node)) {
    if (!allowed.includes(k)) {
      c.add(`${path}.${k}`, 'unsupported_keyword', `Từ khóa “${k}” không được hỗ trợ ở đây.`, `Keyword “${k}” is not supported here.`);
    }
  }
  for (const k of ['title', 'description', '$comment'] as const) {
    if (k in node && typeof node[k] !== 'string') {
      c.add(`${path}.${k}`, 'keyword_type', `“${k}” phải là chuỗi.`, `“${k}” must be a string.`);
    }
  }
  if ('examples' in node && !Array.isArray(node.examples)) {
    c.add(`${path}.examples`, 'keyword_type', '“examples” phải là mảng.', '“examples” must be an array.');
  }
}

function checkCount(c: Collector, node: Record<string, unknown>, k: string, path: string) {
  if (k in node && !isNonNegInt(node[k])) {
    c.add(`${path}.${k}`, 'keyword_type', `“${k}” phải là số nguyên không âm.`, `“${k}” must be a non-negative integer.`);
  }
}

function checkNum(c: Collector, node: Record<string, unknown>, k: string, path: string) {
  if (k in node && !isFiniteNum(node[k])) {
    c.add(`${path}.${k}`, 'keyword_type', `“${k}” phải là một số.`, `“${k}” must be a number.`);
  }
}

function checkRange(c: Collector, node: Record<string, any>, lo: string, hi: string, path: string) {
  if (isFiniteNum(node[lo]) && isFiniteNum(node[hi]) && node[lo] > node[hi]) {
    c.add(path, 'range_conflict', `“${lo}” lớn hơn “${hi}”.`, `“${lo}” is greater than “${hi}”.`);
  }
}

function checkEnumAndConst(c: Collector, node: Record<string, any>, t: ScalarType, path: string) {
  if ('enum' in node) {
    const e = node.enum;
    if (!Array.isArray(e) || e.length === 0 || !e.every((v) => fitsType(v, t))) {
      c.add(`${path}.enum`, 'bad_enum', `“enum” phải là mảng không rỗng các giá trị kiểu ${t}.`, `“enum” must be a non-empty array of ${t} values.`);
    } else if (new Set(e).size !== e.length) {
      c.add(`${path}.enum`, 'bad_enum', '“enum” có giá trị trùng nhau.', '“enum” has duplicate values.');
    }
  }
  if ('const' in node && !fitsType(node.const, t)) {
    c.add(`${path}.const`, 'keyword_type', `“const” phải có kiểu ${t}.`, `“const” must be of type ${t}.`);
  }
}

/** Checks a scalar schema; returns its type, or undefined when the type itself is wrong. */
function checkScalar(c: Collector, node: unknown, path: string): ScalarType | undefined {
  if (!isObj(node)) {
    c.add(path, 'keyword_type', 'Lược đồ phải là một đối tượng.', 'A schema must be an object.');
    return undefined;
  }
  const t = node.type;
  if (t === 'string') {
    checkKeys(c, node, KEYWORDS.string, path);
    checkCount(c, node, 'minLength', path);
    checkCount(c, node, 'maxLength', path);
    checkRange(c, node, 'minLength', 'maxLength', path);
    if ('pattern' in node) {
      if (typeof node.pattern !== 'string') {
        c.add(`${path}.pattern`, 'keyword_type', '“pattern” phải là chuỗi.', '“pattern” must be a string.');
      } else {
        try {
          new RegExp(node.pattern, 'u');
        } catch {
          c.add(`${path}.pattern`, 'bad_pattern', 'Biểu thức chính quy không hợp lệ.', 'Invalid regular expression.');
        }
      }
    }
    if ('format' in node && !(EFORM_FORMATS as readonly unknown[]).includes(node.format)) {
      c.add(`${path}.format`, 'unknown_format', `Định dạng “${String(node.format)}” không được hỗ trợ.`, `Format “${String(node.format)}” is not supported.`);
    }
  } else if (t === 'number' || t === 'integer') {
    checkKeys(c, node, KEYWORDS.number, path);
    for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) checkNum(c, node, k, path);
    checkRange(c, node, 'minimum', 'maximum', path);
    if ('multipleOf' in node && !(isFiniteNum(node.multipleOf) && node.multipleOf > 0)) {
      c.add(`${path}.multipleOf`, 'keyword_type', '“multipleOf” phải là số dương.', '“multipleOf” must be a positive number.');
    }
  } else if (t === 'boolean') {
    checkKeys(c, node, KEYWORDS.boolean, path);
  } else {
    c.add(`${path}.type`, 'keyword_type', 'Kiểu phải là string, number, integer hoặc boolean.', 'Type must be string, number, integer or boolean.');
    return undefined;
  }
  checkEnumAndConst(c, node, t, path);
  return t;
}

interface RawField {
  name: string;
  schema: any;
  kind: 'scalar' | 'multi' | 'repeat';
  type?: ScalarType;
  required: boolean;
  /** repeat: item fields */
  items?: RawField[];
}

function checkArrayKeywords(c: Collector, node: Record<string, any>, path: string) {
  checkKeys(c, node, KEYWORDS.array, path);
  checkCount(c, node, 'minItems', path);
  checkCount(c, node, 'maxItems', path);
  checkRange(c, node, 'minItems', 'maxItems', path);
  if ('uniqueItems' in node && typeof node.uniqueItems !== 'boolean') {
    c.add(`${path}.uniqueItems`, 'keyword_type', '“uniqueItems” phải là true/false.', '“uniqueItems” must be true or false.');
  }
}

/** Checks an object schema (root or repeat item) and returns its fields in schema order. */
function checkObject(c: Collector, node: unknown, path: string, isRoot: boolean): RawField[] {
  if (!isObj(node)) {
    c.add(path, 'not_object', 'Lược đồ phải là một đối tượng JSON.', 'The schema must be a JSON object.');
    return [];
  }
  checkKeys(c, node, isRoot ? KEYWORDS.root : KEYWORDS.item, path);
  if (node.type !== 'object') {
    c.add(`${path}.type`, 'keyword_type', 'Kiểu của lược đồ phải là "object".', 'The schema type must be "object".');
  }
  if (isRoot && '$schema' in node && node.$schema !== JSON_SCHEMA_2020_12) {
    c.add(`${path}.$schema`, 'keyword_type', `“$schema” phải là ${JSON_SCHEMA_2020_12}.`, `“$schema” must be ${JSON_SCHEMA_2020_12}.`);
  }
  if (isRoot && '$id' in node && typeof node.$id !== 'string') {
    c.add(`${path}.$id`, 'keyword_type', '“$id” phải là chuỗi.', '“$id” must be a string.');
  }
  if ('additionalProperties' in node && node.additionalProperties !== false) {
    c.add(
      `${path}.additionalProperties`,
      'unsupported_keyword',
      'Chỉ chấp nhận additionalProperties: false (trường lạ luôn bị từ chối).',
      'Only additionalProperties: false is accepted (unknown fields are always refused).',
    );
  }
  const props = node.properties;
  if (!isObj(props) || Object.keys(props).length === 0) {
    c.add(`${path}.properties`, 'keyword_type', 'Cần ít nhất một trường trong “properties”.', '“properties” must declare at least one field.');
    return [];
  }
  let required: string[] = [];
  if ('required' in node) {
    const r = node.required;
    if (!Array.isArray(r) || !r.every((x) => typeof x === 'string') || new Set(r).size !== r.length) {
      c.add(`${path}.required`, 'keyword_type', '“required” phải là mảng tên trường không trùng.', '“required” must be an array of distinct field names.');
    } else {
      required = r;
      for (const name of r) {
        if (!(name in props)) {
          c.add(`${path}.required`, 'required_unknown', `Trường bắt buộc “${name}” không có trong lược đồ.`, `Required field “${name}” is not in the schema.`);
        }
      }
    }
  }
  const out: RawField[] = [];
  for (const [name, sub] of Object.entries(props)) {
    const p = `${path}.properties.${name}`;
    if (!FIELD_NAME.test(name)) {
      c.add(p, 'bad_field_name', `Tên trường “${name}” chỉ được gồm chữ Latinh, số và dấu gạch dưới.`, `Field name “${name}” may only contain Latin letters, digits and underscores.`);
      continue;
    }
    const req = required.includes(name);
    if (isObj(sub) && sub.type === 'array') {
      checkArrayKeywords(c, sub, p);
      const items = sub.items;
      if (isObj(items) && items.type === 'object') {
        if (!isRoot) {
          c.add(p, 'unsupported_keyword', 'Không hỗ trợ nhóm lặp lồng trong nhóm lặp.', 'Repeat groups cannot be nested.');
          continue;
        }
        if ('uniqueItems' in sub) {
          c.add(`${p}.uniqueItems`, 'unsupported_keyword', '“uniqueItems” không dùng cho nhóm lặp.', '“uniqueItems” is not supported on repeat groups.');
        }
        out.push({ name, schema: sub, kind: 'repeat', required: req, items: checkObject(c, items, `${p}.items`, false) });
      } else if (isObj(items) && items.type === 'array') {
        c.add(`${p}.items`, 'unsupported_keyword', 'Không hỗ trợ mảng lồng mảng.', 'Arrays of arrays are not supported.');
      } else if (!('items' in sub)) {
        c.add(`${p}.items`, 'keyword_type', 'Mảng phải khai báo “items”.', 'An array must declare “items”.');
      } else {
        const t = checkScalar(c, items, `${p}.items`);
        if (t) out.push({ name, schema: sub, kind: 'multi', type: t, required: req });
      }
      continue;
    }
    if (isObj(sub) && sub.type === 'object') {
      c.add(p, 'unsupported_keyword', 'Không hỗ trợ đối tượng lồng nhau; hãy dùng các phần (section) để nhóm trường.', 'Nested objects are not supported; group fields with sections.');
      continue;
    }
    const t = checkScalar(c, sub, p);
    if (t) out.push({ name, schema: sub, kind: 'scalar', type: t, required: req });
  }
  return out;
}

function checkText(c: Collector, v: unknown, path: string, what: { vi: string; en: string }, optional = false): v is LocalizedText {
  if (v === undefined && optional) return false;
  const ok =
    isObj(v) &&
    typeof v.vi === 'string' &&
    v.vi.trim() !== '' &&
    typeof v.en === 'string' &&
    v.en.trim() !== '' &&
    Object.keys(v).every((k) => k === 'vi' || k === 'en');
  if (!ok) {
    c.add(path, 'bad_text', `${what.vi} phải có cả tiếng Việt (vi) và tiếng Anh (en), không để trống.`, `${what.en} needs both Vietnamese (vi) and English (en) text, non-empty.`);
  }
  return ok;
}

function defaultWidget(f: RawField): EFormWidget {
  if (f.kind === 'repeat') return 'repeat';
  if (f.kind === 'multi') return 'checkbox';
  const s = f.schema;
  if (f.type === 'boolean') return 'checkbox';
  if (s.enum) return 'select';
  if (f.type === 'string' && s.format && FORMAT_WIDGET[s.format as EFormFormat]) return FORMAT_WIDGET[s.format as EFormFormat];
  return f.type === 'string' ? 'text' : 'number';
}

interface GroupCtx {
  fields: RawField[];
  compiled: CompiledGroup;
  /** the top-level group, for visibleIf inside repeat items */
  outer?: GroupCtx;
}

function compileFields(c: Collector, fields: RawField[], uiMap: unknown, uiPath: string, label: string): GroupCtx {
  const compiled: CompiledGroup = { fields: [], byName: new Map() };
  const ui = isObj(uiMap) ? uiMap : {};
  if (!isObj(uiMap)) c.add(uiPath, 'not_object', `${label} phải là một đối tượng.`, `${label} must be an object.`);
  for (const name of Object.keys(ui)) {
    if (!fields.some((f) => f.name === name)) {
      c.add(`${uiPath}.${name}`, 'ui_field_unknown', `Trường giao diện “${name}” không có trong lược đồ.`, `UI field “${name}” is not in the schema.`);
    }
  }
  for (const f of fields) {
    const p = `${uiPath}.${f.name}`;
    const u = ui[f.name];
    if (!isObj(u)) {
      c.add(p, 'ui_field_missing', `Trường “${f.name}” chưa có nhãn hiển thị.`, `Field “${f.name}” has no UI entry (label).`);
      continue;
    }
    for (const k of Object.keys(u)) {
      if (!UI_FIELD_KEYS.includes(k)) c.add(`${p}.${k}`, 'unknown_key', `Khóa “${k}” không được hỗ trợ.`, `Key “${k}” is not supported.`);
    }
    checkText(c, u.label, `${p}.label`, { vi: 'Nhãn', en: 'The label' });
    checkText(c, u.help, `${p}.help`, { vi: 'Hướng dẫn', en: 'The help text' }, true);
    if ('order' in u && !isFiniteNum(u.order)) c.add(`${p}.order`, 'keyword_type', '“order” phải là số.', '“order” must be a number.');
    if ('registryBinding' in u && !(typeof u.registryBinding === 'string' && BINDING.test(u.registryBinding))) {
      c.add(`${p}.registryBinding`, 'bad_binding', 'Liên kết dữ liệu phải có dạng “nguon.thuocTinh”, ví dụ population.fullName.', 'A registry binding must look like “source.attribute”, e.g. population.fullName.');
    }
    if ('editable' in u) {
      if (typeof u.editable !== 'boolean') c.add(`${p}.editable`, 'keyword_type', '“editable” phải là true/false.', '“editable” must be true or false.');
      else if (!('registryBinding' in u)) {
        c.add(`${p}.editable`, 'editable_without_binding', '“editable” chỉ dùng cho trường lấy từ cơ sở dữ liệu (registryBinding).', '“editable” only applies to a field with a registryBinding.');
      }
    }

    let widget = defaultWidget(f);
    if ('widget' in u) {
      if (!(EFORM_WIDGETS as readonly unknown[]).includes(u.widget)) {
        c.add(`${p}.widget`, 'bad_widget', `Kiểu nhập “${String(u.widget)}” không tồn tại.`, `Widget “${String(u.widget)}” does not exist.`);
      } else {
        widget = u.widget;
      }
    }
    const cf: CompiledField = { name: f.name, schema: f.schema, ui: u as EFormFieldUi, widget, kind: f.kind, required: f.required };
    const mismatch = () =>
      c.add(`${p}.widget`, 'widget_type_mismatch', `Kiểu nhập “${widget}” không dùng được cho trường kiểu này.`, `Widget “${widget}” cannot be used with this field type.`);

    if (f.kind === 'repeat') {
      if (widget !== 'repeat') mismatch();
      if ('options' in u) c.add(`${p}.options`, 'options_not_allowed', 'Nhóm lặp không có danh sách lựa chọn.', 'A repeat group has no options.');
      checkText(c, u.itemLabel, `${p}.itemLabel`, { vi: 'Tên một mục', en: 'The item label' }, true);
      if (!isObj(u.itemFields)) {
        c.add(`${p}.itemFields`, 'item_fields_invalid', 'Nhóm lặp phải khai báo “itemFields” cho từng trường con.', 'A repeat group must declare “itemFields” for every item field.');
      }
      const inner = compileFields(c, f.items ?? [], u.itemFields ?? {}, `${p}.itemFields`, '“itemFields”');
      inner.compiled.fields.sort((a, b) => (a.ui.order ?? 0) - (b.ui.order ?? 0));
      cf.item = inner.compiled;
      c.inner.set(cf, inner);
    } else {
      if ('itemFields' in u || 'itemLabel' in u) {
        c.add(`${p}.itemFields`, 'item_fields_invalid', '“itemFields” chỉ dùng cho nhóm lặp.', '“itemFields” only applies to repeat groups.');
      }
      const scalar: ScalarSchema = f.kind === 'multi' ? f.schema.items : f.schema;
      cf.scalar = scalar;
      const t = f.type!;
      if (f.kind === 'multi') {
        if (widget !== 'checkbox') mismatch();
      } else if (widget === 'repeat' || (widget === 'number' && t !== 'number' && t !== 'integer')) {
        mismatch();
      } else if (STRING_WIDGETS.includes(widget) && t !== 'string') {
        mismatch();
      } else if (widget === 'checkbox' && t !== 'boolean') {
        mismatch();
      }
      const implied = WIDGET_FORMAT[widget];
      const declared = t === 'string' ? (scalar as any).format : undefined;
      if (implied && declared && implied !== declared) {
        c.add(`${p}.widget`, 'widget_format_conflict', `Kiểu nhập “${widget}” mâu thuẫn với format “${declared}”.`, `Widget “${widget}” conflicts with format “${declared}”.`);
      }
      cf.format = implied ?? declared;
      if (t === 'string' && typeof (scalar as any).pattern === 'string') {
        try {
          cf.pattern = new RegExp((scalar as any).pattern, 'u');
        } catch {
          // reported by checkScalar
        }
      }
      const needsOptions = CHOICE_WIDGETS.includes(widget) || f.kind === 'multi';
      const en: JsonScalar[] | undefined = Array.isArray((scalar as any).enum) ? (scalar as any).enum : undefined;
      for (const k of ['notAfter', 'notBefore'] as const) {
        if (!(k in u)) continue;
        const b = u[k];
        if (cf.format !== 'date') c.add(`${p}.${k}`, 'bad_date_bound', `“${k}” chỉ dùng cho trường ngày.`, `“${k}” only applies to a date field.`);
        else if (!(b === 'today' || (typeof b === 'string' && ISO_DAY.test(b)))) c.add(`${p}.${k}`, 'bad_date_bound', `“${k}” phải là “today” hoặc một ngày dạng YYYY-MM-DD.`, `“${k}” must be “today” or a YYYY-MM-DD date.`);
      }
      if ('optionList' in u) {
        const list = (EFORM_OPTION_LISTS as readonly unknown[]).includes(u.optionList) ? OPTION_LISTS[u.optionList as EFormOptionList] : undefined;
        if (!list) c.add(`${p}.optionList`, 'bad_option_list', `Danh mục “${String(u.optionList)}” không tồn tại.`, `There is no list “${String(u.optionList)}”.`);
        else if (widget !== 'select' || t !== 'string' || f.kind !== 'scalar' || 'options' in u || en) {
          c.add(`${p}.optionList`, 'bad_option_list', 'Danh mục dùng cho trường chọn một giá trị (select) kiểu chuỗi, không kèm “options” hay “enum”.', 'A list applies to a single-choice string select without its own “options” or “enum”.');
        } else {
          cf.options = list;
          cf.allowed = list.map((o) => o.value);
        }
      } else if ('options' in u) {
        if (!needsOptions) {
          c.add(`${p}.options`, 'options_not_allowed', `Kiểu nhập “${widget}” không dùng danh sách lựa chọn.`, `Widget “${widget}” does not take options.`);
        } else if (!Array.isArray(u.options) || u.options.length === 0) {
          c.add(`${p}.options`, 'options_missing', 'Danh sách lựa chọn đang trống.', 'The list of options is empty.');
        } else {
          const values: JsonScalar[] = [];
          u.options.forEach((o: unknown, i: number) => {
            const op = `${p}.options[${i}]`;
            if (!isObj(o) || !fitsType(o.value, t)) {
              c.add(op, 'options_invalid', `Lựa chọn phải có “value” kiểu ${t} và nhãn.`, `An option needs a “value” of type ${t} and a label.`);
              return;
            }
            for (const k of Object.keys(o)) {
              if (k !== 'value' && k !== 'label') c.add(`${op}.${k}`, 'unknown_key', `Khóa “${k}” không được hỗ trợ.`, `Key “${k}” is not supported.`);
            }
            checkText(c, o.label, `${op}.label`, { vi: 'Nhãn lựa chọn', en: 'The option label' });
            values.push(o.value);
          });
          if (new Set(values).size !== values.length) {
            c.add(`${p}.options`, 'options_invalid', 'Có giá trị lựa chọn trùng nhau.', 'Two options have the same value.');
          }
          if (en && (en.length !== values.length || !en.every((v) => values.includes(v)))) {
            c.add(`${p}.options`, 'options_enum_mismatch', 'Các lựa chọn phải trùng khớp với “enum” của lược đồ.', 'The options must match the schema “enum”.');
          }
          cf.allowed = en ?? values;
        }
      } else if (needsOptions && !('optionList' in u)) {
        c.add(`${p}.options`, 'options_missing', `Kiểu nhập “${widget}” cần danh sách lựa chọn.`, `Widget “${widget}” needs a list of options.`);
      } else if (en) {
        cf.allowed = en;
      }
    }
    compiled.fields.push(cf);
    compiled.byName.set(f.name, cf);
  }
  return { fields, compiled };
}

function checkVisibleIf(c: Collector, group: GroupCtx, uiPath: string) {
  for (const f of group.compiled.fields) {
    const p = `${uiPath}.${f.name}.visibleIf`;
    const v = (f.ui as any).visibleIf;
    if (v !== undefined) {
      const ops = isObj(v) ? ['equals', 'in', 'notEmpty'].filter((k) => k in v) : [];
      const extra = isObj(v) ? Object.keys(v).filter((k) => !['field', 'equals', 'in', 'notEmpty'].includes(k)) : [];
      if (!isObj(v) || typeof v.field !== 'string' || ops.length !== 1 || extra.length > 0) {
        c.add(p, 'visible_if_invalid', 'Điều kiện hiển thị cần “field” và đúng một trong “equals”, “in”, “notEmpty”.', 'A visibility rule needs “field” and exactly one of “equals”, “in”, “notEmpty”.');
      } else {
        const ctl = group.compiled.byName.get(v.field) ?? group.outer?.compiled.byName.get(v.field);
        if (!ctl) {
          c.add(`${p}.field`, 'visible_if_unknown_field', `Điều kiện hiển thị dựa vào trường “${v.field}” không tồn tại.`, `The visibility rule refers to an unknown field “${v.field}”.`);
        } else if (ctl === f) {
          c.add(`${p}.field`, 'visible_if_cycle', 'Trường không thể phụ thuộc vào chính nó.', 'A field cannot depend on itself.');
        } else if (ctl.kind === 'repeat' && !('notEmpty' in v)) {
          c.add(p, 'visible_if_value', 'Với nhóm lặp chỉ dùng được “notEmpty”.', 'Only “notEmpty” can test a repeat group.');
        } else if (ops[0] === 'notEmpty' && v.notEmpty !== true) {
          c.add(`${p}.notEmpty`, 'visible_if_invalid', '“notEmpty” phải là true.', '“notEmpty” must be true.');
        } else if (ops[0] !== 'notEmpty' && ctl.scalar) {
          const values: unknown[] = ops[0] === 'in' ? (Array.isArray(v.in) && v.in.length > 0 ? v.in : [undefined]) : [v.equals];
          const t = ctl.scalar.type;
          for (const val of values) {
            if (!fitsType(val, t) || (ctl.allowed && !ctl.allowed.includes(val as JsonScalar))) {
              c.add(p, 'visible_if_value', `Giá trị ${JSON.stringify(val)} không thể có ở trường “${ctl.name}”.`, `Value ${JSON.stringify(val)} cannot occur in field “${ctl.name}”.`);
            }
          }
        }
      }
    }
    const inner = c.inner.get(f);
    if (inner) checkVisibleIf(c, inner, `${uiPath}.${f.name}.itemFields`);
  }
}

/** Reports chains of visibility rules that loop (a → b → a), within each group. */
function checkCycles(c: Collector, group: CompiledGroup, uiPath: string) {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: CompiledField): boolean => {
    const s = state.get(f.name);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(f.name, 'visiting');
    const next = f.ui.visibleIf ? group.byName.get(f.ui.visibleIf.field) : undefined;
    const loops = next && next !== f ? visit(next) : false;
    state.set(f.name, 'done');
    return loops;
  };
  for (const f of group.fields) {
    state.clear();
    if (visit(f)) {
      c.add(`${uiPath}.${f.name}.visibleIf`, 'visible_if_cycle', 'Các điều kiện hiển thị phụ thuộc vòng tròn.', 'The visibility rules depend on each other in a loop.');
    }
    if (f.item) checkCycles(c, f.item, `${uiPath}.${f.name}.itemFields`);
  }
}

function checkSections(c: Collector, sections: unknown, root: CompiledGroup): CompiledField[] {
  const ordered: CompiledField[] = [];
  if (!Array.isArray(sections) || sections.length === 0) {
    c.add('ui.sections', 'section_invalid', 'Biểu mẫu cần ít nhất một phần (section).', 'The form needs at least one section.');
    return root.fields;
  }
  const ids = new Set<string>();
  const placed = new Map<string, string>();
  sections.forEach((s: unknown, i: number) => {
    const p = `ui.sections[${i}]`;
    if (!isObj(s)) {
      c.add(p, 'section_invalid', 'Phần phải là một đối tượng.', 'A section must be an object.');
      return;
    }
    for (const k of Object.keys(s)) {
      if (!['id', 'title', 'description', 'fields'].includes(k)) c.add(`${p}.${k}`, 'unknown_key', `Khóa “${k}” không được hỗ trợ.`, `Key “${k}” is not supported.`);
    }
    if (typeof s.id !== 'string' || s.id.trim() === '' || ids.has(s.id)) {
      c.add(`${p}.id`, 'section_invalid', 'Mỗi phần cần một “id” riêng, không trùng.', 'Each section needs its own unique “id”.');
    } else {
      ids.add(s.id);
    }
    checkText(c, s.title, `${p}.title`, { vi: 'Tiêu đề phần', en: 'The section title' });
    checkText(c, s.description, `${p}.description`, { vi: 'Mô tả phần', en: 'The section description' }, true);
    if (!Array.isArray(s.fields) || s.fields.length === 0) {
      c.add(`${p}.fields`, 'section_invalid', 'Phần phải liệt kê ít nhất một trường.', 'A section must list at least one field.');
      return;
    }
    s.fields.forEach((name: unknown, j: number) => {
      const fp = `${p}.fields[${j}]`;
      const f = typeof name === 'string' ? root.byName.get(name) : undefined;
      if (!f) {
        c.add(fp, 'section_unknown_field', `Phần tham chiếu trường không tồn tại “${String(name)}”.`, `The section refers to an unknown field “${String(name)}”.`);
      } else if (placed.has(f.name)) {
        c.add(fp, 'field_in_two_sections', `Trường “${f.name}” đã nằm trong phần “${placed.get(f.name)}”.`, `Field “${f.name}” is already in section “${placed.get(f.name)}”.`);
      } else {
        placed.set(f.name, String(s.id));
        ordered.push(f);
      }
    });
  });
  for (const f of root.fields) {
    if (!placed.has(f.name)) {
      c.add(`ui.fields.${f.name}`, 'field_not_in_section', `Trường “${f.name}” chưa được đặt vào phần nào.`, `Field “${f.name}” is not placed in any section.`);
    }
  }
  return ordered;
}

function build(json: unknown): { problems: DefinitionProblem[]; compiled?: CompiledForm } {
  const c = new Collector();
  if (!isObj(json)) {
    c.add('', 'not_object', 'Định nghĩa biểu mẫu phải là một đối tượng JSON.', 'A form definition must be a JSON object.');
    return { problems: c.problems };
  }
  for (const k of Object.keys(json)) {
    if (k !== 'schema' && k !== 'ui') c.add(k, 'unknown_key', `Khóa “${k}” không được hỗ trợ.`, `Key “${k}” is not supported.`);
  }
  const fields = checkObject(c, json.schema, 'schema', true);
  if (!isObj(json.ui)) {
    c.add('ui', 'not_object', 'Phần “ui” phải là một đối tượng.', '“ui” must be an object.');
    return { problems: c.problems };
  }
  for (const k of Object.keys(json.ui)) {
    if (k !== 'sections' && k !== 'fields') c.add(`ui.${k}`, 'unknown_key', `Khóa “${k}” không được hỗ trợ.`, `Key “${k}” is not supported.`);
  }
  const root = compileFields(c, fields, json.ui.fields, 'ui.fields', '“ui.fields”');
  for (const inner of c.inner.values()) inner.outer = root;
  checkVisibleIf(c, root, 'ui.fields');
  checkCycles(c, root.compiled, 'ui.fields');
  const ordered = checkSections(c, json.ui.sections, root.compiled);
  if (c.problems.length > 0) return { problems: c.problems };
  const definition = structuredClone(json) as unknown as EFormDefinition;
  return { problems: [], compiled: { definition, root: { fields: ordered, byName: root.compiled.byName } } };
}

/**
 * Checks a definition before it is published: the schema is in the supported subset, every field has bilingual
 * labels, sections and visibility rules refer to real fields, choices have options, and so on.
 * Returns a copy of the definition, or every problem found.
 */
export function parseDefinition(json: unknown): ParseDefinitionResult {
  const { problems, compiled } = build(json);
  if (!compiled) return { ok: false, problems };
  cache.set(compiled.definition, compiled);
  return { ok: true, definition: compiled.definition };
}

const cache = new WeakMap<object, CompiledForm>();

/**
 * The compiled form of a definition, cached per definition object (a definition is treated as immutable once used).
 * Throws if the definition does not parse.
 */
export function compileDefinition(def: EFormDefinition): CompiledForm {
  let compiled = cache.get(def);
  if (!compiled) {
    const r = build(def);
    if (!r.compiled) {
      const list = r.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ');
      throw new Error(`Invalid e-form definition: ${list}`);
    }
    compiled = { ...r.compiled, definition: def };
    cache.set(def, compiled);
  }
  return compiled;
}
