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
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : paramAjv;
  return ajv.compile(schema) as any;
};

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
    out.push({ field, code: e.keyword, message });
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
    default:
      return { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' };
  }
}
