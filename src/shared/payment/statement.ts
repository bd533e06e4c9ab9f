/**
 * A bank's daily statement (sao kê) as CSV: the import that catches credits whose balance-change notification was
 * missed. Pure: the caller reads the file; this parses text (or UTF-8 bytes) into credit lines and line errors.
 *
 * - UTF-8, optional BOM; header row first; separator `,` or `;` detected from the header row.
 * - RFC 4180 quoting: `"..."` fields may hold separators, doubled quotes (`""`) and line breaks.
 * - Amounts are whole VND with optional thousand separators (`16.000`, `16,000`, `16 000`, `16000`); a fractional
 *   or negative credit is a line error; a debit line (ghi nợ) is skipped silently.
 * - Bad data rows become `errors` with their (1-based, physical) line number; nothing throws. A missing required
 *   column is a single file-level error and no lines.
 */

import { foldVi } from '../text/fold';

/** One credit (ghi có) on the statement; shaped so it can be passed straight to `reconcile`. */
export interface StatementLine {
  /** The bank's transaction reference (số tham chiếu): the de-duplication key. */
  bankRef: string;
  /** Whole VND, > 0. */
  amountVnd: number;
  /** The transfer text (nội dung chuyển khoản), as the bank shows it. */
  text: string;
  /** Booking time as an instant (the statement's local time read with `utcOffsetMinutes`). */
  at: Date;
  counterpartyAccount?: string;
  counterpartyName?: string;
  /** Physical line of the CSV where this record starts (header = 1). */
  line: number;
}

export interface StatementError {
  /** Physical line where the record starts; 0 for a file-level error with no line (empty file). */
  line: number;
  code: StatementErrorCode;
  message_vi: string;
  message_en: string;
}

export type StatementErrorCode =
  | 'statement.empty'
  | 'statement.missing_column'
  | 'statement.unterminated_quote'
  | 'statement.row_short'
  | 'statement.ref_missing'
  | 'statement.date_invalid'
  | 'statement.amount_invalid'
  | 'statement.amount_fractional'
  | 'statement.amount_negative'
  | 'statement.amount_missing';

export interface ParsedStatement {
  lines: StatementLine[];
  errors: StatementError[];
}

export type StatementField = 'bankRef' | 'bookedAt' | 'credit' | 'debit' | 'text' | 'counterpartyAccount' | 'counterpartyName';

/** Accepted header names per field; compared case- and diacritic-insensitively, spaces collapsed. */
export type ColumnMap = Record<StatementField, readonly string[]>;

export const DEFAULT_COLUMNS: ColumnMap = {
  bankRef: ['Số tham chiếu', 'Mã giao dịch', 'Số bút toán', 'Mã tham chiếu', 'Reference', 'Reference number', 'Transaction ID', 'Ref'],
  bookedAt: ['Ngày giao dịch', 'Thời gian giao dịch', 'Ngày hạch toán', 'Thời gian', 'Date', 'Transaction date', 'Booking date', 'Date time'],
  credit: ['Số tiền ghi có', 'Ghi có', 'Phát sinh có', 'Số tiền có', 'Credit', 'Credit amount'],
  debit: ['Số tiền ghi nợ', 'Ghi nợ', 'Phát sinh nợ', 'Số tiền nợ', 'Debit', 'Debit amount'],
  text: ['Nội dung', 'Nội dung giao dịch', 'Nội dung chuyển khoản', 'Diễn giải', 'Description', 'Details', 'Narrative', 'Remarks'],
  counterpartyAccount: ['Tài khoản đối ứng', 'Số tài khoản đối ứng', 'TK đối ứng', 'Counterparty account', 'Account'],
  counterpartyName: ['Tên đối ứng', 'Tên tài khoản đối ứng', 'Đơn vị đối ứng', 'Counterparty name', 'Counterparty', 'Name'],
};

const REQUIRED: readonly StatementField[] = ['bankRef', 'bookedAt', 'credit', 'text'];

export interface StatementOptions {
  /** Header names per field; a given field replaces that field's defaults. */
  columns?: Partial<Record<StatementField, string | readonly string[]>>;
  /** Force the separator instead of detecting it from the header row. */
  separator?: ',' | ';';
  /** Offset of the statement's local times from UTC, minutes. Default 420 (Vietnam, UTC+7, no DST). */
  utcOffsetMinutes?: number;
}

const MESSAGES: Record<StatementErrorCode, [vi: string, en: string]> = {
  'statement.empty': ['Tệp sao kê trống.', 'The statement file is empty.'],
  'statement.missing_column': ['Tệp sao kê thiếu cột bắt buộc', 'The statement is missing a required column'],
  'statement.unterminated_quote': ['Dấu ngoặc kép không được đóng.', 'A quoted field is not closed.'],
  'statement.row_short': ['Dòng thiếu cột.', 'The row has too few columns.'],
  'statement.ref_missing': ['Thiếu số tham chiếu giao dịch.', 'The transaction reference is missing.'],
  'statement.date_invalid': ['Ngày giao dịch không hợp lệ.', 'The transaction date is not valid.'],
  'statement.amount_invalid': ['Số tiền không hợp lệ.', 'The amount is not valid.'],
  'statement.amount_fractional': ['Số tiền ghi có có phần lẻ (VND không có phần thập phân).', 'The credit amount has a fraction (VND has no decimals).'],
  'statement.amount_negative': ['Số tiền ghi có là số âm.', 'The credit amount is negative.'],
  'statement.amount_missing': ['Dòng không có số tiền ghi có hoặc ghi nợ.', 'The row has neither a credit nor a debit amount.'],
};

function err(line: number, code: StatementErrorCode, detail?: string): StatementError {
  const [vi, en] = MESSAGES[code];
  return { line, code, message_vi: detail ? `${vi}: ${detail}` : vi, message_en: detail ? `${en}: ${detail}` : en };
}

const headerKey = (s: string): string => foldVi(s).replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------------
// CSV records (RFC 4180), one pass over the text.

interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/**
 * Splits `text` into records. Calls `onRecord` per record (blank lines skipped); returns the line of an unterminated
 * quoted field, or 0. Line numbers count LF, CRLF and lone CR as one break each.
 */
function readCsv(text: string, sep: number, onRecord: (r: CsvRecord) => boolean | void): number {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field: copy chunks between doubled quotes; count line breaks inside.
        let chunk = i + 1;
        let out = '';
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return startLine;
          line += countBreaks(text, i, q);
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            out += text.slice(chunk, q + 1);
            i = q + 2;
            chunk = i;
            continue;
          }
          out += text.slice(chunk, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is kept (lenient, as spreadsheets write it).
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === LF || c === CR) break;
          i++;
        }
        value = rest < i ? out + text.slice(rest, i) : out;
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === sep) {
          i++;
        } else {
          // CR, LF or CRLF
          i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }
    if (fields.length === 1 && fields[0].trim() === '') continue; // blank line
    if (onRecord({ fields, line: startLine }) === false) return 0;
  }
  return 0;
}

function countBreaks(text: string, from: number, to: number): number {
  let k = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) k++;
    else if (c === CR && !(j + 1 < to && text.charCodeAt(j + 1) === LF)) k++;
  }
  return k;
}

/** `;` if the header row (outside quotes) has more semicolons than commas, else `,`. */
function detectSeparator(text: string): number {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === LF || c === CR) break;
      if (c === 44) commas++;
      else if (c === 59) semis++;
    }
  }
  return semis > commas ? 59 : 44;
}

// ---------------------------------------------------------------------------------------------------------------
// Field values.

export type AmountResult = { ok: true; value: number | null } | { ok: false; code: 'statement.amount_invalid' | 'statement.amount_fractional' | 'statement.amount_negative' };

/**
 * A whole-VND amount: digits with optional thousand separators (`.`, `,`, space, NBSP) in groups of three, an optional
 * `VND`/`đ` suffix. Empty (or `-` alone) → `null`. A decimal part (`16000.50`, `16.000,00`) → fractional; a leading
 * minus or parentheses → negative.
 */
export function parseAmountVnd(raw: string): AmountResult {
  let s = raw.trim();
  if (s === '' || s === '-') return { ok: true, value: null };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  const lower = s.toLowerCase();
  for (const suffix of ['vnd', 'vnđ', 'đ']) {
    if (lower.endsWith(suffix)) {
      s = s.slice(0, s.length - suffix.length).trim();
      break;
    }
  }
  if (s === '') return { ok: false, code: 'statement.amount_invalid' };
  // Split into digit groups and the separators between them.
  const groups: string[] = [];
  const seps: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) cur += ch;
    else if (ch === '.' || ch === ',' || ch === ' ' || ch === '\u00a0' || ch === '\u202f') {
      if (cur === '') return { ok: false, code: 'statement.amount_invalid' };
      groups.push(cur);
      seps.push(ch === '\u00a0' || ch === '\u202f' ? ' ' : ch);
      cur = '';
    } else return { ok: false, code: 'statement.amount_invalid' };
  }
  if (cur === '') return { ok: false, code: 'statement.amount_invalid' };
  groups.push(cur);
  let value: number;
  if (groups.length === 1) {
    value = Number(groups[0]);
  } else {
    const thousands = seps[0];
    const lastSep = seps[seps.length - 1];
    const last = groups[groups.length - 1];
    const grouped =
      groups[0].length <= 3 && seps.every((x) => x === thousands) && groups.slice(1).every((g) => g.length === 3);
    if (!grouped) {
      // A decimal part: a valid whole number, then `.`/`,` and digits that are not a thousands group of it.
      const prefix = groups.slice(0, -1);
      const prefixSeps = seps.slice(0, -1);
      const prefixSep = prefixSeps[0];
      const prefixWhole =
        prefix.length === 1 ||
        (prefix[0].length <= 3 && prefixSeps.every((x) => x === prefixSep) && prefix.slice(1).every((g) => g.length === 3));
      const decimalLike =
        (lastSep === '.' || lastSep === ',') && prefixWhole && (last.length !== 3 || (prefix.length > 1 && prefixSep !== lastSep));
      return { ok: false, code: decimalLike ? 'statement.amount_fractional' : 'statement.amount_invalid' };
    }
    value = Number(groups.join(''));
  }
  if (!Number.isSafeInteger(value)) return { ok: false, code: 'statement.amount_invalid' };
  if (negative && value !== 0) return { ok: false, code: 'statement.amount_negative' };
  return { ok: true, value };
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Booking date-time: `dd/MM/yyyy[ HH:mm[:ss]]` (also `-` or `.` between parts) or ISO `yyyy-MM-dd[THH:mm[:ss]][Z|±hh:mm]`.
 * Local times are read at `utcOffsetMinutes`; an explicit ISO offset wins. Returns null when not a real date.
 */
export function parseBookingTime(raw: string, utcOffsetMinutes = 420): Date | null {
  const s = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, se = 0;
  let offset = utcOffsetMinutes;
  let m = DMY.exec(s);
  if (m) {
    d = +m[1]; mo = +m[2]; y = +m[3];
    if (m[4] !== undefined) { h = +m[4]; mi = +m[5]; se = m[6] !== undefined ? +m[6] : 0; }
  } else if ((m = YMD.exec(s))) {
    y = +m[1]; mo = +m[2]; d = +m[3];
    if (m[4] !== undefined) { h = +m[4]; mi = +m[5]; se = m[6] !== undefined ? +m[6] : 0; }
    if (m[7] !== undefined) {
      if (m[7] === 'Z') offset = 0;
      else {
        const z = m[7].replace(':', '');
        offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
      }
    }
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - offset * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------

/** Parses a statement CSV. Never throws on bad data; see the module comment. */
export function parseStatement(input: string | Uint8Array, options: StatementOptions = {}): ParsedStatement {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: StatementLine[] = [];
  const errors: StatementError[] = [];
  if (text.trim() === '') return { lines, errors: [err(0, 'statement.empty')] };

  const columns: Record<StatementField, readonly string[]> = { ...DEFAULT_COLUMNS };
  for (const [field, names] of Object.entries(options.columns ?? {}) as [StatementField, string | readonly string[] | undefined][]) {
    if (names !== undefined) columns[field] = typeof names === 'string' ? [names] : names;
  }
  const sep = options.separator ? options.separator.charCodeAt(0) : detectSeparator(text);
  const offset = options.utcOffsetMinutes ?? 420;

  let index: Partial<Record<StatementField, number>> | null = null;
  let need = 0; // fields a row must have to reach every found column
  const unterminated = readCsv(text, sep, ({ fields, line }) => {
    if (index === null) {
      const byKey = new Map<string, number>();
      fields.forEach((f, k) => {
        const key = headerKey(f);
        if (!byKey.has(key)) byKey.set(key, k);
      });
      const found: Partial<Record<StatementField, number>> = {};
      for (const field of Object.keys(columns) as StatementField[]) {
        for (const name of columns[field]) {
          const k = byKey.get(headerKey(name));
          if (k !== undefined) {
            found[field] = k;
            break;
          }
        }
      }
      const missing = REQUIRED.filter((f) => found[f] === undefined);
      if (missing.length > 0) {
        errors.push(err(line, 'statement.missing_column', missing.map((f) => columns[f][0] ?? f).join(', ')));
        return false;
      }
      index = found;
      need = Math.max(...REQUIRED.map((f) => found[f] as number)) + 1;
      return;
    }
    const at = index;
    if (fields.length < need) {
      errors.push(err(line, 'statement.row_short'));
      return;
    }
    const get = (f: StatementField): string => {
      const k = at[f];
      return k === undefined || k >= fields.length ? '' : fields[k];
    };
    const credit = parseAmountVnd(get('credit'));
    if (!credit.ok) {
      errors.push(err(line, credit.code, get('credit').trim()));
      return;
    }
    if (credit.value === null || credit.value === 0) {
      const debit = parseAmountVnd(get('debit'));
      if (debit.ok && debit.value !== null && debit.value > 0) return; // a debit (ghi nợ): not ours to match
      if (!debit.ok && at.debit !== undefined && get('debit').trim() !== '') return; // debit column holds something: still a debit row
      errors.push(err(line, 'statement.amount_missing'));
      return;
    }
    const bankRef = get('bankRef').trim();
    if (bankRef === '') {
      errors.push(err(line, 'statement.ref_missing'));
      return;
    }
    const when = parseBookingTime(get('bookedAt'), offset);
    if (when === null) {
      errors.push(err(line, 'statement.date_invalid', get('bookedAt').trim()));
      return;
    }
    const out: StatementLine = { bankRef, amountVnd: credit.value, text: get('text').trim(), at: when, line };
    const acc = get('counterpartyAccount').trim();
    const name = get('counterpartyName').trim();
    if (acc) out.counterpartyAccount = acc;
    if (name) out.counterpartyName = name;
    lines.push(out);
  });
  if (unterminated > 0) errors.push(err(unterminated, 'statement.unterminated_quote'));
  return { lines, errors };
}
