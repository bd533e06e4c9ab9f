import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from './errors';

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
    const message = messageFor(e);
    const key = `${field}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, code: e.keyword === TEXT_KEYWORD ? String(p.reason) : e.keyword, message });
  }
  return out;
}

function messageFor(e: ErrorObject): { vi: string; en: string } {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required':
      return { vi: 'Trường này là bắt buộc.', en: 'This field is required.' };
    case 'additionalProperties':
      return { vi: 'Trường này không được chấp nhận.', en: 'This field is not allowed.' };
    case 'type':
      return { vi: `Sai kiểu dữ liệu, cần: ${p.type}.`, en: `Wrong type, expected ${p.type}.` };
    case 'minLength':
      return { vi: `Cần ít nhất ${p.limit} ký tự.`, en: `Must be at least ${p.limit} characters.` };
    case 'maxLength':
      return { vi: `Không được quá ${p.limit} ký tự.`, en: `Must be at most ${p.limit} characters.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { vi: `Giá trị phải ${p.comparison} ${p.limit}.`, en: `Must be ${p.comparison} ${p.limit}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { vi: `Giá trị phải ${p.comparison} ${p.limit}.`, en: `Must be ${p.comparison} ${p.limit}.` };
    case 'minItems':
      return { vi: `Cần ít nhất ${p.limit} phần tử.`, en: `Must have at least ${p.limit} items.` };
    case 'maxItems':
      return { vi: `Không được quá ${p.limit} phần tử.`, en: `Must have at most ${p.limit} items.` };
    case 'enum':
      return { vi: `Giá trị phải là một trong: ${(p.allowedValues ?? []).join(', ')}.`, en: `Must be one of: ${(p.allowedValues ?? []).join(', ')}.` };
    case 'const':
      return { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' };
    case 'pattern':
      return { vi: 'Không đúng định dạng.', en: 'Invalid format.' };
    case 'format':
      return { vi: `Không đúng định dạng ${p.format}.`, en: `Invalid ${p.format} format.` };
    case TEXT_KEYWORD:
      return p.reason === 'control_character'
        ? { vi: 'Có ký tự điều khiển không được phép.', en: 'Contains a control character that is not allowed.' }
        : p.reason === 'invisible_character'
          ? { vi: 'Có ký tự ẩn hoặc ký tự đổi chiều văn bản không được phép.', en: 'Contains an invisible or text-direction character that is not allowed.' }
          : { vi: 'Văn bản không phải Unicode hợp lệ.', en: 'The text is not valid Unicode.' };
    default:
      return { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' };
  }
}
