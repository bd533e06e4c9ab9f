/**
 * Online supervision (giám sát trực tuyến), the pure part: what a reporting obligation (nghĩa vụ báo cáo) may ask
 * for, the periods it runs over and their due dates, the parsing and validation of a delivered report (JSON or CSV),
 * and the rules a delivery is checked against (missing, late, out of range, inconsistent with the last period).
 * No I/O: used by the supervision module and the web app alike.
 */

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];
export const FIELD_TYPES = ['number', 'integer', 'string', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const RULES = ['missing', 'late', 'out_of_range', 'inconsistent'] as const;
export type Rule = (typeof RULES)[number];
/** How a report came: the enterprise's system with its key, the web page, or the agencies' exchange gateway (X-Road). */
export const CHANNELS = ['api', 'web', 'exchange'] as const;
export type DeliveryChannel = (typeof CHANNELS)[number];

export interface Bilingual {
  vi: string;
  en: string;
}

/** One column of the report (a CSV column, or a property of each JSON record), with its unit and range. */
export interface ReportField {
  key: string;
  label: string;
  type: FieldType;
  unit?: string | null;
  required: boolean;
  min?: number | null;
  max?: number | null;
  /** Largest change of the column's total against the last period, in per cent, before it is flagged. */
  maxChangePct?: number | null;
  maxLength?: number | null;
}

export interface ProblemItem {
  /** 1-based record (CSV: data row, the header is row 0) or null for the whole report. */
  row: number | null;
  field: string | null;
  reason: Bilingual;
}

const b = (vi: string, en: string): Bilingual => ({ vi, en });
const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks an obligation's definition: the fields, the due day. Empty when it is sound. */
export function checkDefinition(def: { fields: ReportField[]; dueDay: number; frequency: Frequency }): ProblemItem[] {
  const out: ProblemItem[] = [];
  if (!def.fields.length) out.push({ row: null, field: 'fields', reason: b('Cần ít nhất một chỉ tiêu báo cáo', 'At least one field is required') });
  const seen = new Set<string>();
  def.fields.forEach((f) => {
    if (!KEY_RE.test(f.key)) out.push({ row: null, field: f.key, reason: b('Mã chỉ tiêu chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ', 'A field key is lower-case ASCII letters, digits and underscores, starting with a letter') });
    if (seen.has(f.key)) out.push({ row: null, field: f.key, reason: b('Mã chỉ tiêu bị trùng', 'Duplicate field key') });
    seen.add(f.key);
    const numeric = f.type === 'number' || f.type === 'integer';
    if (!numeric && (f.min != null || f.max != null || f.maxChangePct != null)) out.push({ row: null, field: f.key, reason: b('Chỉ chỉ tiêu dạng số mới có khoảng giá trị hoặc mức thay đổi tối đa', 'Only numeric fields take a range or a largest change') });
    if (f.min != null && f.max != null && f.min > f.max) out.push({ row: null, field: f.key, reason: b('Giá trị nhỏ nhất lớn hơn giá trị lớn nhất', 'The minimum is above the maximum') });
    if (f.maxChangePct != null && !(f.maxChangePct > 0)) out.push({ row: null, field: f.key, reason: b('Mức thay đổi tối đa phải lớn hơn 0', 'The largest change must be above 0') });
  });
  if (!Number.isInteger(def.dueDay) || def.dueDay < 1 || def.dueDay > 28) out.push({ row: null, field: 'dueDay', reason: b('Hạn nộp là ngày 1–28 của tháng sau kỳ báo cáo', 'The due day is day 1–28 of the month after the period') });
  return out;
}

// --- periods (kỳ báo cáo) ---------------------------------------------------------------------------------------

const PERIOD_RE: Record<Frequency, RegExp> = { monthly: /^(\d{4})-(0[1-9]|1[0-2])$/, quarterly: /^(\d{4})-Q([1-4])$/, yearly: /^(\d{4})$/ };

export function isPeriod(frequency: Frequency, period: string): boolean {
  return PERIOD_RE[frequency].test(period);
}

/** The period's first and last months (1-based), and its year. */
function monthsOf(frequency: Frequency, period: string): { year: number; first: number; last: number } {
  const m = PERIOD_RE[frequency].exec(period);
  if (!m) throw new Error(`not a ${frequency} period: ${period}`);
  const year = Number(m[1]);
  if (frequency === 'monthly') return { year, first: Number(m[2]), last: Number(m[2]) };
  if (frequency === 'quarterly') return { year, first: Number(m[2]) * 3 - 2, last: Number(m[2]) * 3 };
  return { year, first: 1, last: 12 };
}

/** The period a calendar day (YYYY-MM-DD) falls in. */
export function periodOfDay(frequency: Frequency, day: string): string {
  const [y, m] = day.split('-').map(Number);
  if (frequency === 'monthly') return `${y}-${String(m).padStart(2, '0')}`;
  if (frequency === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  return String(y);
}

export function nextPeriod(frequency: Frequency, period: string): string {
  const { year, last } = monthsOf(frequency, period);
  const y = last === 12 ? year + 1 : year;
  const m = last === 12 ? 1 : last + 1;
  return periodOfDay(frequency, `${y}-${String(m).padStart(2, '0')}-01`);
}

export function previousPeriod(frequency: Frequency, period: string): string {
  const { year, first } = monthsOf(frequency, period);
  const y = first === 1 ? year - 1 : year;
  const m = first === 1 ? 12 : first - 1;
  return periodOfDay(frequency, `${y}-${String(m).padStart(2, '0')}-01`);
}

/** Periods from `from` to `to` inclusive (empty when `to` is before `from`). */
export function periodsBetween(frequency: Frequency, from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; comparePeriods(p, to) <= 0 && out.length < 1200; p = nextPeriod(frequency, p)) out.push(p);
  return out;
}

/** Periods of one frequency sort as strings. */
export const comparePeriods = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The nominal due day of a period: day `dueDay` of the month after the period ends. When it falls on a day off, the
 * deadline moves to the next working day (Civil Code 2015 Art. 148(5)); `isWorkingDay` is the platform calendar's.
 */
export function dueDayOf(frequency: Frequency, period: string, dueDay: number, isWorkingDay?: (day: string) => boolean, nextWorkingDay?: (day: string) => string): string {
  const { year, last } = monthsOf(frequency, period);
  const y = last === 12 ? year + 1 : year;
  const m = last === 12 ? 1 : last + 1;
  const day = `${y}-${String(m).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
  return isWorkingDay && nextWorkingDay && !isWorkingDay(day) ? nextWorkingDay(day) : day;
}

/** The end of a due day in Vietnam (23:59:59.999 +07:00) as an instant. */
export function dueInstant(day: string): Date {
  return new Date(new Date(`${day}T00:00:00+07:00`).getTime() + 86_400_000 - 1);
}

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The last period whose due date has passed at `today` (YYYY-MM-DD), nominal due days. */
export function lastDuePeriod(frequency: Frequency, dueDay: number, today: string): string {
  let p = previousPeriod(frequency, periodOfDay(frequency, today));
  while (dueDayOf(frequency, p, dueDay) >= today) p = previousPeriod(frequency, p);
  return p;
}

// --- parsing and validation of a report --------------------------------------------------------------------------

export type Cell = number | string | boolean | null;
export type Record_ = Record<string, Cell>;

/** RFC 4180 CSV (comma or semicolon, quoted fields, CRLF or LF); a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const firstLine = s.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

const NUM_RE = /^-?\d+(\.\d+)?$/;

function cellOf(f: ReportField, raw: unknown, row: number, problems: ProblemItem[]): Cell {
  const bad = (vi: string, en: string) => (problems.push({ row, field: f.key, reason: b(vi, en) }), null);
  if (raw === null || raw === undefined || raw === '') return f.required ? bad('Thiếu giá trị bắt buộc', 'A required value is missing') : null;
  if (f.type === 'number' || f.type === 'integer') {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string' && NUM_RE.test(raw.trim())) n = Number(raw.trim());
    else return bad('Giá trị không phải là số (dùng dấu chấm thập phân, không dùng dấu phân cách hàng nghìn)', 'Not a number (use a decimal point and no thousands separator)');
    if (!Number.isFinite(n)) return bad('Giá trị không phải là số', 'Not a number');
    if (f.type === 'integer' && !Number.isInteger(n)) return bad('Giá trị phải là số nguyên', 'Must be a whole number');
    return n;
  }
  if (f.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const t = String(raw).trim().toLowerCase();
    if (['true', 'có', '1', 'x'].includes(t)) return true;
    if (['false', 'không', '0'].includes(t)) return false;
    return bad('Giá trị phải là có hoặc không', 'Must be true or false');
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return bad('Giá trị phải là chuỗi ký tự', 'Must be text');
  const t = String(raw).normalize('NFC').trim();
  if (t.length > (f.maxLength ?? 500)) return bad(`Dài quá ${f.maxLength ?? 500} ký tự`, `Longer than ${f.maxLength ?? 500} characters`);
  return t;
}

export const MAX_RECORDS = 5000;

/**
 * Parses and validates a delivered report against the obligation's fields. JSON: one object or an array of objects
 * whose properties are the field keys (no others); CSV: a header naming the field keys, one record per row. Each
 * problem names the record and the field (malformed: the delivery is refused with all of them).
 */
export function parseReport(fields: readonly ReportField[], format: ReportFormat, content: string): { records: Record_[]; problems: ProblemItem[] } {
  const problems: ProblemItem[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  let raws: Array<Record<string, unknown>> = [];
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(content);
    } catch (e) {
      return { records: [], problems: [{ row: null, field: null, reason: b(`Nội dung không phải là JSON hợp lệ: ${(e as Error).message}`, `Not valid JSON: ${(e as Error).message}`) }] };
    }
    const list = Array.isArray(doc) ? doc : [doc];
    list.forEach((r, i) => {
      if (!r || typeof r !== 'object' || Array.isArray(r)) problems.push({ row: i + 1, field: null, reason: b('Mỗi bản ghi phải là một đối tượng JSON', 'Each record must be a JSON object') });
      else raws.push(r as Record<string, unknown>);
    });
    raws.forEach((r, i) => {
      for (const k of Object.keys(r)) if (!byKey.has(k)) problems.push({ row: i + 1, field: k, reason: b('Chỉ tiêu không có trong nghĩa vụ báo cáo', 'Not a field of the obligation') });
    });
  } else {
    const rows = parseCsv(content);
    if (!rows.length) return { records: [], problems: [{ row: null, field: null, reason: b('Tệp CSV trống', 'The CSV file is empty') }] };
    const header = rows[0].map((h) => h.trim());
    header.forEach((h) => {
      if (!byKey.has(h)) problems.push({ row: 0, field: h, reason: b('Cột không có trong nghĩa vụ báo cáo', 'Not a column of the obligation') });
    });
    for (const f of fields) if (f.required && !header.includes(f.key)) problems.push({ row: 0, field: f.key, reason: b('Thiếu cột bắt buộc', 'A required column is missing') });
    rows.slice(1).forEach((r, i) => {
      if (r.length !== header.length) problems.push({ row: i + 1, field: null, reason: b(`Dòng có ${r.length} cột, tiêu đề có ${header.length} cột`, `The row has ${r.length} columns, the header ${header.length}`) });
      raws.push(Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
    });
  }
  if (!raws.length && !problems.length) problems.push({ row: null, field: null, reason: b('Báo cáo không có bản ghi nào', 'The report has no record') });
  if (raws.length > MAX_RECORDS) {
    problems.push({ row: null, field: null, reason: b(`Quá ${MAX_RECORDS} bản ghi`, `More than ${MAX_RECORDS} records`) });
    raws = raws.slice(0, MAX_RECORDS);
  }
  const records = raws.map((r, i) => Object.fromEntries(fields.map((f) => [f.key, cellOf(f, r[f.key], i + 1, problems)])));
  return { records, problems: problems.slice(0, 100) };
}

/** Canonical text of validated records (keys in the obligation's order), the input of the content hash. */
export function canonicalRecords(fields: readonly ReportField[], records: readonly Record_[]): string {
  return JSON.stringify(records.map((r) => fields.map((f) => r[f.key] ?? null)));
}

// --- rules ------------------------------------------------------------------------------------------------------

export interface Finding {
  rule: Rule;
  row: number | null;
  field: string | null;
  value: number | null;
  /** out_of_range: the bounds; inconsistent: the previous total and the change. */
  min?: number | null;
  max?: number | null;
  previous?: number | null;
  changePct?: number | null;
  /** late: the due day and working days late. */
  dueDay?: string;
}

/** Values outside their field's range, one finding per cell. */
export function outOfRange(fields: readonly ReportField[], records: readonly Record_[]): Finding[] {
  const out: Finding[] = [];
  records.forEach((r, i) =>
    fields.forEach((f) => {
      const v = r[f.key];
      if (typeof v !== 'number') return;
      if ((f.min != null && v < f.min) || (f.max != null && v > f.max)) out.push({ rule: 'out_of_range', row: i + 1, field: f.key, value: v, min: f.min ?? null, max: f.max ?? null });
    }),
  );
  return out;
}

export const totalOf = (records: readonly Record_[], key: string) => records.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);

/** Columns whose total moved by more than their largest change against the last period's report. */
export function inconsistent(fields: readonly ReportField[], records: readonly Record_[], previous: readonly Record_[] | null): Finding[] {
  if (!previous) return [];
  const out: Finding[] = [];
  for (const f of fields) {
    if (f.maxChangePct == null) continue;
    const before = totalOf(previous, f.key);
    const now = totalOf(records, f.key);
    if (before === 0) continue;
    const pct = Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
    if (Math.abs(pct) > f.maxChangePct) out.push({ rule: 'inconsistent', row: null, field: f.key, value: now, previous: before, changePct: pct });
  }
  return out;
}

export const RULE_LABELS: Record<Rule, Bilingual> = {
  missing: b('Chưa nộp báo cáo', 'Report missing'),
  late: b('Nộp muộn', 'Delivered late'),
  out_of_range: b('Số liệu ngoài khoảng cho phép', 'Figures out of range'),
  inconsistent: b('Số liệu biến động bất thường so với kỳ trước', 'Inconsistent with the last period'),
};

export const FREQUENCY_LABELS: Record<Frequency, Bilingual> = { monthly: b('Hằng tháng', 'Monthly'), quarterly: b('Hằng quý', 'Quarterly'), yearly: b('Hằng năm', 'Yearly') };

/** How a period is written for people: "tháng 03/2026", "quý 1/2026", "năm 2026". */
export function periodLabel(period: string, lang: 'vi' | 'en' = 'vi'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return lang === 'vi' ? `tháng ${m[2]}/${m[1]}` : `${m[1]}-${m[2]}`;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return lang === 'vi' ? `quý ${q[2]}/${q[1]}` : `Q${q[2]} ${q[1]}`;
  return lang === 'vi' ? `năm ${period}` : period;
}

/** Smallest number of entities behind a published aggregate figure (cell suppression). */
export const MIN_CELL = 3;

/** Aggregates for open data: per period the number of reporting entities and column totals, suppressed under MIN_CELL. */
export function aggregate(fields: readonly ReportField[], deliveries: ReadonlyArray<{ period: string; records: readonly Record_[] }>, minCell = MIN_CELL) {
  const numeric = fields.filter((f) => f.type === 'number' || f.type === 'integer');
  const byPeriod = new Map<string, Array<readonly Record_[]>>();
  for (const d of deliveries) byPeriod.set(d.period, [...(byPeriod.get(d.period) ?? []), d.records]);
  return [...byPeriod.entries()]
    .sort(([a], [c]) => comparePeriods(a, c))
    .map(([period, list]) => {
      const suppressed = list.length < minCell;
      return { period, entities: suppressed ? null : list.length, suppressed, totals: Object.fromEntries(numeric.map((f) => [f.key, suppressed ? null : Math.round(list.reduce((s, r) => s + totalOf(r, f.key), 0) * 1000) / 1000])) };
    });
}
