import { normalizeVi } from '../text/fold';
import { compileDefinition, fitsType, type CompiledField, type CompiledGroup } from './eform.definition';
import {
  isAdminUnitCode,
  isEmail,
  isEnterpriseCode,
  isIsoDate,
  isPersonalId,
  isPhoneVn,
  normalizeEnterpriseCode,
  normalizePersonalId,
  normalizePhoneVn,
  parseDateVi,
} from './eform.formats';
import type {
  EFormDefinition,
  FieldError,
  JsonScalar,
  LocalizedText,
  ValidateOptions,
  ValidationErrorCode,
  ValidationResult,
  VisibleIf,
} from './eform.types';

/**
 * Validation of submitted e-form data against a definition, and the visibility rules shared with the web renderer.
 *
 * Before checking, strings are normalised: NFC and trimmed; single-line fields also collapse inner whitespace;
 * identifiers lose their separators (`+84 912 345 678` → `0912345678`), and a date typed as `dd/mm/yyyy` becomes ISO.
 * Empty values (`undefined`, `null`, blank text, `[]`) count as absent and are left out of the normalised data.
 */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function normalizeString(f: CompiledField, s: string): string {
  if (f.widget === 'textarea') return s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const t = normalizeVi(s);
  switch (f.format) {
    case 'vn-personal-id':
      return normalizePersonalId(t);
    case 'vn-enterprise-code':
      return normalizeEnterpriseCode(t);
    case 'vn-phone':
      return normalizePhoneVn(t);
    case 'vn-admin-unit':
      return t.replace(/\s/g, '');
    case 'date':
      return isIsoDate(t) ? t : (parseDateVi(t) ?? t);
    default:
      return t;
  }
}

/** Normalises one submitted value; repeat items are normalised when their group is validated. */
function normalizeValue(f: CompiledField, v: unknown): unknown {
  if (typeof v === 'string') return normalizeString(f, v);
  if (f.kind === 'multi' && Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? normalizeString(f, x) : x));
  return v;
}

interface Scope {
  group: CompiledGroup;
  values: Map<string, unknown>;
  /** the top-level scope when this one is a repeat item */
  outer?: Scope;
  memo: Map<string, boolean>;
}

function newScope(group: CompiledGroup, input: Record<string, unknown>, outer?: Scope): Scope {
  const values = new Map<string, unknown>();
  for (const f of group.fields) {
    const v = normalizeValue(f, input[f.name]);
    if (!isEmptyValue(v)) values.set(f.name, v);
  }
  return { group, values, outer, memo: new Map() };
}

function matches(rule: VisibleIf, value: unknown): boolean {
  if ('notEmpty' in rule) return !isEmptyValue(value);
  if (isEmptyValue(value)) return false;
  const accepted: JsonScalar[] = 'in' in rule ? rule.in : [rule.equals];
  if (Array.isArray(value)) return value.some((x) => accepted.includes(x));
  return accepted.includes(value as JsonScalar);
}

function isVisible(scope: Scope, f: CompiledField, depth = 0): boolean {
  const rule = f.ui.visibleIf;
  if (!rule) return true;
  const known = scope.memo.get(f.name);
  if (known !== undefined) return known;
  let visible = false;
  // parseDefinition refuses loops; the depth guard only protects against a definition mutated after parsing
  if (depth < 64) {
    const sibling = scope.group.byName.get(rule.field);
    const ctlScope = sibling ? scope : scope.outer;
    const ctl = sibling ?? scope.outer?.group.byName.get(rule.field);
    if (ctl && ctlScope && isVisible(ctlScope, ctl, depth + 1)) visible = matches(rule, ctlScope.values.get(ctl.name));
  }
  scope.memo.set(f.name, visible);
  return visible;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

interface Subject {
  path: string;
  label: LocalizedText;
}

const q = (s: string) => `“${s}”`;

function subjectOf(f: CompiledField, path: string, item?: { group: CompiledField; index: number }): Subject {
  if (!item) return { path, label: { vi: q(f.ui.label.vi), en: q(f.ui.label.en) } };
  const il = item.group.ui.itemLabel ?? item.group.ui.label;
  const n = item.index + 1;
  return { path, label: { vi: `${q(f.ui.label.vi)} (${il.vi} ${n})`, en: `${q(f.ui.label.en)} (${il.en} ${n})` } };
}

type Msg = (l: LocalizedText) => LocalizedText;

function requiredMessage(f: CompiledField): Msg {
  if (f.kind === 'repeat') return (l) => ({ vi: `Vui lòng thêm ít nhất một mục cho ${l.vi}.`, en: `Add at least one entry to ${l.en}.` });
  if (f.widget === 'select' || f.widget === 'radio' || f.kind === 'multi') return (l) => ({ vi: `Vui lòng chọn ${l.vi}.`, en: `Select ${l.en}.` });
  if (f.widget === 'checkbox') return (l) => ({ vi: `Vui lòng đánh dấu ${l.vi}.`, en: `Tick ${l.en}.` });
  return (l) => ({ vi: `Vui lòng nhập ${l.vi}.`, en: `Enter ${l.en}.` });
}

const TYPE_WORDS: Record<string, LocalizedText> = {
  string: { vi: 'chuỗi ký tự', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  boolean: { vi: 'Có hoặc Không', en: 'yes or no' },
  array: { vi: 'một danh sách', en: 'a list' },
};

const FORMAT_MESSAGES: Record<string, { code: ValidationErrorCode; msg: Msg }> = {
  date: {
    code: 'date',
    msg: (l) => ({ vi: `${l.vi} phải là một ngày có thật, viết theo dạng dd/mm/yyyy, ví dụ 24/11/2026.`, en: `${l.en} must be a real date, like 24/11/2026.` }),
  },
  email: {
    code: 'email',
    msg: (l) => ({ vi: `${l.vi} không phải địa chỉ email hợp lệ, ví dụ ten@example.com.`, en: `Enter ${l.en} in the correct format, like name@example.com.` }),
  },
  'vn-personal-id': {
    code: 'personal_id',
    msg: (l) => ({
      vi: `${l.vi} phải gồm đúng 12 chữ số (số định danh cá nhân in trên thẻ căn cước).`,
      en: `${l.en} must be exactly 12 digits (the personal identification number on the ID card).`,
    }),
  },
  'vn-enterprise-code': {
    code: 'enterprise_code',
    msg: (l) => ({
      vi: `${l.vi} phải gồm 10 chữ số, hoặc 10 chữ số kèm mã đơn vị phụ thuộc dạng -001.`,
      en: `${l.en} must be 10 digits, or 10 digits and a branch suffix like -001.`,
    }),
  },
  'vn-phone': {
    code: 'phone',
    msg: (l) => ({
      vi: `${l.vi} không phải số điện thoại Việt Nam hợp lệ, ví dụ 0912345678 hoặc +84912345678.`,
      en: `Enter ${l.en} as a Vietnamese phone number, like 0912345678 or +84912345678.`,
    }),
  },
  'vn-admin-unit': {
    code: 'admin_unit',
    msg: (l) => ({ vi: `${l.vi} phải là mã xã, phường gồm 5 chữ số.`, en: `${l.en} must be a 5-digit commune code.` }),
  },
};

const FORMAT_CHECKS: Record<string, (s: string) => boolean> = {
  date: isIsoDate,
  email: isEmail,
  'vn-personal-id': isPersonalId,
  'vn-enterprise-code': isEnterpriseCode,
  'vn-phone': isPhoneVn,
  'vn-admin-unit': isAdminUnitCode,
};

/** Today in Vietnam (UTC+7, no daylight saving) as ISO `YYYY-MM-DD`. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const viDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** `notAfter` / `notBefore` of a date field (ISO dates compare as strings). */
function checkDateBounds(f: CompiledField, v: string, s: Subject, errs: Errors, opts: ValidateOptions): boolean {
  const today = opts.today ?? todayInVietnam();
  const resolve = (b: string) => (b === 'today' ? today : b);
  const { notAfter, notBefore } = f.ui;
  if (notAfter && v > resolve(notAfter)) {
    const limit = resolve(notAfter);
    errs.add(s, 'date_after', (l) =>
      notAfter === 'today'
        ? { vi: `${l.vi} không được sau ngày hôm nay (${viDay(limit)}).`, en: `${l.en} cannot be in the future (after ${viDay(limit)}).` }
        : { vi: `${l.vi} không được sau ngày ${viDay(limit)}.`, en: `${l.en} cannot be after ${viDay(limit)}.` },
    );
    return false;
  }
  if (notBefore && v < resolve(notBefore)) {
    const limit = resolve(notBefore);
    errs.add(s, 'date_before', (l) =>
      notBefore === 'today'
        ? { vi: `${l.vi} không được trước ngày hôm nay (${viDay(limit)}).`, en: `${l.en} cannot be in the past (before ${viDay(limit)}).` }
        : { vi: `${l.vi} không được trước ngày ${viDay(limit)}.`, en: `${l.en} cannot be before ${viDay(limit)}.` },
    );
    return false;
  }
  return true;
}

class Errors {
  readonly list: FieldError[] = [];
  add(s: Subject, code: ValidationErrorCode, msg: Msg) {
    this.list.push({ field: s.path, code, message: msg(s.label) });
  }
}

const codePointLength = (s: string) => [...s].length;

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** Checks one scalar value (a field, or one choice of a multiple choice). Returns false on the first error. */
function checkScalar(f: CompiledField, v: unknown, s: Subject, errs: Errors, opts: ValidateOptions): boolean {
  const sc = f.scalar!;
  if (!fitsType(v, sc.type)) {
    const w = TYPE_WORDS[sc.type];
    errs.add(s, 'type', (l) => ({ vi: `${l.vi} phải là ${w.vi}.`, en: `${l.en} must be ${w.en}.` }));
    return false;
  }
  if (f.allowed && !f.allowed.includes(v as JsonScalar)) {
    errs.add(s, 'enum', (l) => ({ vi: `${l.vi}: giá trị không nằm trong các lựa chọn cho phép.`, en: `${l.en}: choose one of the options offered.` }));
    return false;
  }
  if (sc.const !== undefined && v !== sc.const) {
    if (sc.type === 'boolean' && sc.const === true) errs.add(s, 'const', (l) => ({ vi: `Vui lòng đánh dấu ${l.vi}.`, en: `Tick ${l.en}.` }));
    else errs.add(s, 'const', (l) => ({ vi: `${l.vi} không có giá trị hợp lệ.`, en: `${l.en} has an invalid value.` }));
    return false;
  }
  let ok = true;
  if (typeof v === 'string' && sc.type === 'string') {
    const len = codePointLength(v);
    if (sc.minLength !== undefined && len < sc.minLength) {
      const n = sc.minLength;
      errs.add(s, 'min_length', (l) => ({ vi: `${l.vi} phải có ít nhất ${n} ký tự.`, en: `${l.en} must be ${n} characters or more.` }));
      ok = false;
    }
    if (sc.maxLength !== undefined && len > sc.maxLength) {
      const n = sc.maxLength;
      errs.add(s, 'max_length', (l) => ({ vi: `${l.vi} không được dài quá ${n} ký tự.`, en: `${l.en} must be ${n} characters or fewer.` }));
      ok = false;
    }
    if (f.format) {
      const check = FORMAT_CHECKS[f.format];
      if (!check(v)) {
        const fm = FORMAT_MESSAGES[f.format];
        errs.add(s, fm.code, fm.msg);
        return false;
      }
      if (f.format === 'date' && !checkDateBounds(f, v, s, errs, opts)) return false;
      if (f.format === 'vn-admin-unit' && opts.adminUnitExists && !opts.adminUnitExists(v)) {
        errs.add(s, 'admin_unit_unknown', (l) => ({ vi: `${l.vi}: không tìm thấy xã, phường có mã ${v}.`, en: `${l.en}: no commune has the code ${v}.` }));
        return false;
      }
    }
    if (f.pattern && !f.pattern.test(v)) {
      errs.add(s, 'pattern', (l) => ({ vi: `${l.vi} không đúng định dạng yêu cầu.`, en: `${l.en} is not in the expected format.` }));
      ok = false;
    }
  }
  if (typeof v === 'number' && (sc.type === 'number' || sc.type === 'integer')) {
    if (sc.minimum !== undefined && v < sc.minimum) {
      const n = sc.minimum;
      errs.add(s, 'minimum', (l) => ({ vi: `${l.vi} phải lớn hơn hoặc bằng ${n}.`, en: `${l.en} must be ${n} or more.` }));
      ok = false;
    }
    if (sc.exclusiveMinimum !== undefined && v <= sc.exclusiveMinimum) {
      const n = sc.exclusiveMinimum;
      errs.add(s, 'minimum', (l) => ({ vi: `${l.vi} phải lớn hơn ${n}.`, en: `${l.en} must be more than ${n}.` }));
      ok = false;
    }
    if (sc.maximum !== undefined && v > sc.maximum) {
      const n = sc.maximum;
      errs.add(s, 'maximum', (l) => ({ vi: `${l.vi} phải nhỏ hơn hoặc bằng ${n}.`, en: `${l.en} must be ${n} or less.` }));
      ok = false;
    }
    if (sc.exclusiveMaximum !== undefined && v >= sc.exclusiveMaximum) {
      const n = sc.exclusiveMaximum;
      errs.add(s, 'maximum', (l) => ({ vi: `${l.vi} phải nhỏ hơn ${n}.`, en: `${l.en} must be less than ${n}.` }));
      ok = false;
    }
    if (sc.multipleOf !== undefined) {
      const r = v / sc.multipleOf;
      if (Math.abs(r - Math.round(r)) > 1e-9) {
        const n = sc.multipleOf;
        errs.add(s, 'multiple_of', (l) => ({ vi: `${l.vi} phải là bội số của ${n}.`, en: `${l.en} must be a multiple of ${n}.` }));
        ok = false;
      }
    }
  }
  return ok;
}

function checkItemCount(f: CompiledField, n: number, s: Subject, errs: Errors): boolean {
  const sc = f.schema as { minItems?: number; maxItems?: number };
  if (sc.minItems !== undefined && n < sc.minItems) {
    const m = sc.minItems;
    errs.add(s, 'min_items', (l) => ({ vi: `${l.vi} cần ít nhất ${m} mục.`, en: `${l.en} needs at least ${m} entries.` }));
    return false;
  }
  if (sc.maxItems !== undefined && n > sc.maxItems) {
    const m = sc.maxItems;
    errs.add(s, 'max_items', (l) => ({ vi: `${l.vi} chỉ được có tối đa ${m} mục.`, en: `${l.en} can have at most ${m} entries.` }));
    return false;
  }
  return true;
}

const joinPath = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** Validates one group of fields (the form, or one repeat item) and returns its normalised values. */
function checkGroup(
  scope: Scope,
  input: Record<string, unknown>,
  prefix: string,
  errs: Errors,
  opts: ValidateOptions,
  item?: { group: CompiledField; index: number },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!scope.group.byName.has(key)) {
      const path = joinPath(prefix, key);
      errs.list.push({
        field: path,
        code: 'unknown_field',
        message: { vi: `Trường “${key}” không có trong biểu mẫu.`, en: `“${key}” is not a field of this form.` },
      });
    }
  }
  for (const f of scope.group.fields) {
    const path = joinPath(prefix, f.name);
    const s = subjectOf(f, path, item);
    const v = scope.values.get(f.name);
    if (!isVisible(scope, f)) {
      if (v !== undefined) {
        errs.add(s, 'hidden_field_provided', (l) => ({
          vi: `${l.vi} không áp dụng với các thông tin bạn đã chọn, vui lòng để trống.`,
          en: `${l.en} does not apply to your other answers; leave it empty.`,
        }));
      }
      continue;
    }
    if (v === undefined) {
      if (f.required) errs.add(s, 'required', requiredMessage(f));
      continue;
    }
    const checked = checkField(f, v, s, errs, opts, scope);
    if (checked.ok) out[f.name] = checked.value;
    if (!item && checked.ok && f.ui.registryBinding && f.ui.editable !== true && opts.prefilled) {
      const pre = normalizeValue(f, opts.prefilled[f.name]);
      if (!isEmptyValue(pre) && JSON.stringify(pre) !== JSON.stringify(checked.value)) {
        errs.add(s, 'registry_mismatch', (l) => ({
          vi: `${l.vi} được lấy từ cơ sở dữ liệu quốc gia và không được sửa.`,
          en: `${l.en} comes from a national database and cannot be changed.`,
        }));
      }
    }
  }
  return out;
}

function checkField(
  f: CompiledField,
  v: unknown,
  s: Subject,
  errs: Errors,
  opts: ValidateOptions,
  scope: Scope,
): { ok: boolean; value?: unknown } {
  if (f.kind === 'scalar') return { ok: checkScalar(f, v, s, errs, opts), value: v };
  if (!Array.isArray(v)) {
    errs.add(s, 'type', (l) => ({ vi: `${l.vi} phải là ${TYPE_WORDS.array.vi}.`, en: `${l.en} must be ${TYPE_WORDS.array.en}.` }));
    return { ok: false };
  }
  let ok = checkItemCount(f, v.length, s, errs);
  if (f.kind === 'multi') {
    v.forEach((x, i) => {
      ok = checkScalar(f, x, { path: `${s.path}[${i}]`, label: s.label }, errs, opts) && ok;
    });
    if ((f.schema as { uniqueItems?: boolean }).uniqueItems && new Set(v).size !== v.length) {
      errs.add(s, 'unique_items', (l) => ({ vi: `${l.vi} có lựa chọn bị trùng.`, en: `${l.en} has the same choice twice.` }));
      ok = false;
    }
    return { ok, value: v };
  }
  const items: Record<string, unknown>[] = [];
  const before = errs.list.length;
  v.forEach((raw, index) => {
    const path = `${s.path}[${index}]`;
    if (!isObj(raw)) {
      const n = index + 1;
      errs.add({ path, label: s.label }, 'type', (l) => ({ vi: `Mục ${n} của ${l.vi} không hợp lệ.`, en: `Entry ${n} of ${l.en} is not valid.` }));
      return;
    }
    const itemScope = newScope(f.item!, raw, scope);
    items.push(checkGroup(itemScope, raw, path, errs, opts, { group: f, index }));
  });
  return { ok: ok && errs.list.length === before, value: items };
}

/**
 * Validates submitted data. On success returns the normalised data (NFC strings, canonical identifiers, ISO dates,
 * hidden and empty fields left out); otherwise every error with its path and a Vietnamese and English message.
 * The definition must have passed {@link parseDefinition}; it is compiled once and cached.
 */
export function validate(def: EFormDefinition, data: unknown, opts: ValidateOptions = {}): ValidationResult {
  const form = compileDefinition(def);
  if (!isObj(data)) {
    return {
      ok: false,
      errors: [{ field: '', code: 'not_object', message: { vi: 'Dữ liệu biểu mẫu phải là một đối tượng.', en: 'Form data must be an object.' } }],
    };
  }
  const errs = new Errors();
  const scope = newScope(form.root, data);
  const out = checkGroup(scope, data, '', errs, opts);
  return errs.list.length > 0 ? { ok: false, errors: errs.list } : { ok: true, data: out };
}

/**
 * Paths of the fields to show for the data entered so far, in display order: top-level names, and for each entry
 * of a visible repeat group its visible item fields (`children[0].fullName`). Used by the web renderer.
 */
export function visibleFields(def: EFormDefinition, data: unknown): string[] {
  const form = compileDefinition(def);
  const input = isObj(data) ? data : {};
  const scope = newScope(form.root, input);
  const out: string[] = [];
  for (const f of form.root.fields) {
    if (!isVisible(scope, f)) continue;
    out.push(f.name);
    const entries = input[f.name];
    if (f.kind !== 'repeat' || !Array.isArray(entries)) continue;
    entries.forEach((raw, i) => {
      if (!isObj(raw)) return;
      const itemScope = newScope(f.item!, raw, scope);
      for (const itemField of f.item!.fields) {
        if (isVisible(itemScope, itemField)) out.push(`${f.name}[${i}].${itemField.name}`);
      }
    });
  }
  return out;
}

/**
 * Does a condition in the visibility language (`{ field, equals | in | notEmpty }`) hold for the answers? The
 * field is a top-level field; an answer the form hides (its own rule fails) never matches. Used by the catalogue's
 * conditional documents (`requiredIf`), on the server and in the browser.
 */
export function conditionHolds(def: EFormDefinition, data: unknown, rule: VisibleIf): boolean {
  const form = compileDefinition(def);
  const scope = newScope(form.root, isObj(data) ? data : {});
  const ctl = form.root.byName.get(rule.field);
  if (!ctl || !isVisible(scope, ctl)) return false;
  return matches(rule, scope.values.get(ctl.name));
}
