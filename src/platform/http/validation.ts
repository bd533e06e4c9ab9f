import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from './errors';
import { fieldLabel } from './field-labels';

/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields refused by the schemas'
 * additionalProperties: false, nothing silently removed); querystrings and path params are coerced from text.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  addTextKeywords(ajv);
  return ajv;
}

let bodyAjv: Ajv | undefined;
let paramAjv: Ajv | undefined;

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? (bodyAjv ??= makeAjv(false)) : (paramAjv ??= makeAjv(true));
  return ajv.compile(withTextRules(schema)) as any;
};

/*
 * Text rules for every string of every request (body, querystring, path parameters, headers), applied centrally:
 * the compiler adds the `x-text` keyword to every string schema, and `x-text-deep` to open objects and unknown
 * values (e-form data), so no route can forget them.
 *  - No C0 control character (U+0000–U+001F) and no DEL; a multi-line field (see isMultiline) may hold tab and
 *    line feed (and carriage return, for CRLF).
 *  - A single-line field (names, identifiers, codes) refuses bidi controls (U+202A–202E, U+2066–2069, U+200E/F)
 *    and zero-width characters (U+200B–200D, U+FEFF): invisible, they disguise a name shown to an officer.
 *  - No lone surrogate (not valid Unicode; stored it would become U+FFFD).
 *  - Every accepted string is normalised to NFC, so all text is stored composed.
 * A request whose only faults are these answers 422 `invalid_characters`, per field (problem.ts).
 */
export const TEXT_KEYWORD = 'x-text';
const DEEP_KEYWORD = 'x-text-deep';
export type TextFault = 'control_character' | 'invisible_character' | 'malformed_unicode';

// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b-\u200d\ufeff]/;

/** What is wrong with a text, or null when it is acceptable. */
export function textFault(s: string, mode: 'line' | 'multiline'): TextFault | null {
  if ((mode === 'line' ? CONTROL_LINE : CONTROL_MULTILINE).test(s)) return 'control_character';
  if (LONE_SURROGATE.test(s)) return 'malformed_unicode';
  if (mode === 'line' && INVISIBLE.test(s)) return 'invisible_character';
  return null;
}

interface KeywordContext {
  parentData?: any;
  parentDataProperty?: string | number;
  instancePath?: string;
}

function addTextKeywords(ajv: Ajv) {
  const text = function validate(mode: 'line' | 'multiline', data: unknown, _schema: unknown, cxt?: KeywordContext): boolean {
    if (typeof data !== 'string') return true;
    const fault = textFault(data, mode);
    if (fault) {
      (validate as any).errors = [{ keyword: TEXT_KEYWORD, params: { reason: fault }, message: fault }];
      return false;
    }
    const nfc = data.normalize('NFC');
    if (nfc !== data && cxt?.parentData && cxt.parentDataProperty !== undefined) cxt.parentData[cxt.parentDataProperty] = nfc;
    return true;
  };
  ajv.addKeyword({ keyword: TEXT_KEYWORD, schemaType: 'string', modifying: true, errors: true, validate: text as any });

  // Open objects and unknown values: every string inside (values and keys), iteratively (deep nesting is legal JSON).
  const deep = function validate(_mode: unknown, data: unknown, _schema: unknown, cxt?: KeywordContext): boolean {
    const stack: { v: unknown; holder: any; key: string | number | undefined; path: string }[] = [{ v: data, holder: cxt?.parentData, key: cxt?.parentDataProperty, path: '' }];
    while (stack.length) {
      const { v, holder, key, path } = stack.pop()!;
      if (typeof v === 'string') {
        const fault = textFault(v, 'multiline');
        if (fault) {
          (validate as any).errors = [{ keyword: TEXT_KEYWORD, instancePath: `${cxt?.instancePath ?? ''}${path}`, params: { reason: fault }, message: fault }];
          return false;
        }
        const nfc = v.normalize('NFC');
        if (nfc !== v && holder && key !== undefined) holder[key] = nfc;
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => stack.push({ v: x, holder: v, key: i, path: `${path}/${i}` }));
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          const fault = textFault(k, 'line');
          const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          if (fault) {
            (validate as any).errors = [{ keyword: TEXT_KEYWORD, instancePath: `${cxt?.instancePath ?? ''}${p}`, params: { reason: fault }, message: fault }];
            return false;
          }
          stack.push({ v: x, holder: v, key: k, path: p });
        }
      }
    }
    return true;
  };
  ajv.addKeyword({ keyword: DEEP_KEYWORD, modifying: true, errors: true, validate: deep as any });
  ajv.addKeyword({ keyword: 'x-multiline' });
}

const COMPOSITE = ['anyOf', 'oneOf', 'allOf'] as const;

/**
 * A free text of several lines: marked `x-multiline: true` (MultilineText), or a long text (maxLength of 1000 or
 * more) with no pattern or format — reasons, notes, comments, answers, template bodies. Everything else is a line.
 */
function isMultiline(schema: any): boolean {
  if (schema['x-multiline'] !== undefined) return schema['x-multiline'] === true;
  return typeof schema.maxLength === 'number' && schema.maxLength >= 1000 && !schema.pattern && !schema.format;
}

/** A copy of a schema with the text keywords added to every string schema, open object and unknown value. */
export function withTextRules(schema: any): any {
  if (Array.isArray(schema)) return schema.map(withTextRules);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, withTextRules(s)]));
    } else if (k === 'items' || k === 'prefixItems' || k === 'additionalProperties' || k === 'not' || k === 'contains' || (COMPOSITE as readonly string[]).includes(k)) {
      out[k] = withTextRules(v);
    } else {
      out[k] = v;
    }
  }
  const types = [schema.type].flat();
  if (types.includes('string')) out[TEXT_KEYWORD] = isMultiline(schema) ? 'multiline' : 'line';
  const open = types.includes('object') && (schema.additionalProperties === undefined || schema.additionalProperties === true) && !schema.properties && !schema.patternProperties;
  const unknown = schema.type === undefined && !COMPOSITE.some((c) => c in schema) && !('$ref' in schema) && !('const' in schema) && !('enum' in schema) && !('not' in schema);
  if (open || unknown) out[DEEP_KEYWORD] = true;
  return out;
}

const joinPath = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** `/applicant/children/1/name` → `applicant.children[1].name` */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out = /^\d+$/.test(seg) ? `${out}[${seg}]` : joinPath(out, seg);
  }
  return out;
}

export function ajvErrorsToFields(errs: ErrorObject[], part: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errs) {
    let field = pointerToPath(e.instancePath);
    const p = e.params as Record<string, any>;
    if (e.keyword === 'required') field = joinPath(field, p.missingProperty);
    if (e.keyword === 'additionalProperties') field = joinPath(field, p.additionalProperty);
    if (!field) field = part;
    const message = messageFor(e, { vi: fieldLabel(field, 'vi'), en: fieldLabel(field, 'en') });
    const key = `${field}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, code: e.keyword === TEXT_KEYWORD ? String(p.reason) : e.keyword, message });
  }
  return out;
}

/** What a JSON type is called in a message. */
const TYPE_WORDS: Record<string, { vi: string; en: string }> = {
  string: { vi: 'một đoạn chữ', en: 'a text' },
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'có hoặc không', en: 'yes or no' },
  object: { vi: 'một nhóm thông tin', en: 'a group of fields' },
  array: { vi: 'một danh sách', en: 'a list' },
  null: { vi: 'để trống', en: 'empty' },
};

/** What a string format asks for, in words. */
const FORMAT_WORDS: Record<string, { vi: string; en: string }> = {
  uuid: { vi: 'một mã định danh hợp lệ (chọn từ danh sách, không gõ tay)', en: 'a valid identifier (chosen from a list, not typed)' },
  date: { vi: 'một ngày có thật, dạng năm-tháng-ngày', en: 'a real date, as year-month-day' },
  'date-time': { vi: 'một thời điểm hợp lệ (ngày và giờ)', en: 'a valid date and time' },
  time: { vi: 'một giờ hợp lệ, dạng giờ:phút', en: 'a valid time, as hours:minutes' },
  email: { vi: 'một địa chỉ thư điện tử hợp lệ', en: 'a valid email address' },
  uri: { vi: 'một địa chỉ trang web hợp lệ', en: 'a valid web address' },
  url: { vi: 'một địa chỉ trang web hợp lệ', en: 'a valid web address' },
};

const typeWords = (t: unknown, lang: 'vi' | 'en') =>
  String(t)
    .split(',')
    .map((x) => TYPE_WORDS[x.trim()]?.[lang] ?? x.trim())
    .join(lang === 'vi' ? ' hoặc ' : ' or ');

/** The message of one validation failure, naming the field in plain words (`label`: the field's name). */
function messageFor(e: ErrorObject, label: { vi: string; en: string }): { vi: string; en: string } {
  const p = e.params as Record<string, any>;
  const L = { vi: `“${label.vi}”`, en: `“${label.en}”` };
  switch (e.keyword) {
    case 'required':
      return { vi: `Thiếu thông tin ${L.vi}.`, en: `${L.en} is missing.` };
    case 'additionalProperties':
      return { vi: `Thông tin ${L.vi} không thuộc yêu cầu này.`, en: `${L.en} is not part of this request.` };
    case 'type':
      return { vi: `${L.vi} phải là ${typeWords(p.type, 'vi')}.`, en: `${L.en} must be ${typeWords(p.type, 'en')}.` };
    case 'minLength':
      return p.limit <= 1 ? { vi: `${L.vi} không được để trống.`, en: `${L.en} must not be empty.` } : { vi: `${L.vi} cần ít nhất ${p.limit} ký tự.`, en: `${L.en} must be at least ${p.limit} characters.` };
    case 'maxLength':
      return { vi: `${L.vi} không được dài quá ${p.limit} ký tự.`, en: `${L.en} must be at most ${p.limit} characters.` };
    case 'minimum':
      return { vi: `${L.vi} phải từ ${p.limit} trở lên.`, en: `${L.en} must be at least ${p.limit}.` };
    case 'exclusiveMinimum':
      return { vi: `${L.vi} phải lớn hơn ${p.limit}.`, en: `${L.en} must be more than ${p.limit}.` };
    case 'maximum':
      return { vi: `${L.vi} không được lớn hơn ${p.limit}.`, en: `${L.en} must be at most ${p.limit}.` };
    case 'exclusiveMaximum':
      return { vi: `${L.vi} phải nhỏ hơn ${p.limit}.`, en: `${L.en} must be less than ${p.limit}.` };
    case 'minItems':
      return { vi: `${L.vi} cần ít nhất ${p.limit} mục.`, en: `${L.en} must have at least ${p.limit} items.` };
    case 'maxItems':
      return { vi: `${L.vi} không được quá ${p.limit} mục.`, en: `${L.en} must have at most ${p.limit} items.` };
    case 'uniqueItems':
      return { vi: `${L.vi} có mục bị lặp lại.`, en: `${L.en} has a repeated item.` };
    case 'enum':
      return { vi: `${L.vi} không phải là một lựa chọn hợp lệ.`, en: `${L.en} must be one of: ${(p.allowedValues ?? []).join(', ')}.` };
    case 'const':
      return { vi: `${L.vi} không có giá trị được chấp nhận.`, en: `${L.en} does not have an accepted value.` };
    case 'pattern':
      return { vi: `${L.vi} không đúng định dạng.`, en: `${L.en} is not in the expected format.` };
    case 'format': {
      const w = FORMAT_WORDS[p.format];
      return w ? { vi: `${L.vi} phải là ${w.vi}.`, en: `${L.en} must be ${w.en}.` } : { vi: `${L.vi} không đúng định dạng.`, en: `${L.en} is not in the expected format.` };
    }
    case TEXT_KEYWORD:
      return p.reason === 'control_character'
        ? { vi: `${L.vi} có ký tự điều khiển không được phép.`, en: `${L.en} contains a control character that is not allowed.` }
        : p.reason === 'invisible_character'
          ? { vi: `${L.vi} có ký tự ẩn hoặc ký tự đổi chiều văn bản không được phép.`, en: `${L.en} contains an invisible or text-direction character that is not allowed.` }
          : { vi: `${L.vi} không phải là văn bản Unicode hợp lệ.`, en: `${L.en} is not valid Unicode text.` };
    default:
      return { vi: `${L.vi} không hợp lệ.`, en: `${L.en} is not valid.` };
  }
}
