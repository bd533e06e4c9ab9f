/**
 * A push parser for CSV (RFC 4180): fields separated by commas, records by CRLF or LF, fields quoted with `"` and a
 * quote inside written twice. Fed text chunks of any size (a streaming decoder's output), it hands back the complete
 * records found so far, with the line each record started on (for error messages). Pure, no I/O.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line the record starts on. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** After a closing quote: only a separator, a line end or another quote may follow. */
  private afterQuote = false;
  private pendingCr = false;
  private line = 1;
  private recordLine = 1;
  private delimiter: number;

  constructor(delimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0) || COMMA;
  }

  /** Parses a chunk; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    let start = 0; // start of the unquoted run not yet copied into `field`
    const n = chunk.length;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = start = 1;
    }
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.field += chunk.slice(start, i);
          this.inQuotes = false;
          this.afterQuote = true;
          start = i + 1;
        } else if (c === LF) {
          this.line++;
        }
        continue;
      }
      if (c === d) {
        this.field += chunk.slice(start, i);
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.field += chunk.slice(start, i);
        this.fields.push(this.field);
        out.push({ fields: this.fields, line: this.recordLine });
        this.fields = [];
        this.field = '';
        this.afterQuote = false;
        this.line++;
        this.recordLine = this.line;
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i++;
          } else {
            this.pendingCr = true;
          }
        }
        start = i + 1;
      } else if (c === QUOTE) {
        if (this.afterQuote) {
          // `""` inside a quoted field: a literal quote, and the field goes on quoted.
          this.field += '"';
          this.inQuotes = true;
          this.afterQuote = false;
          start = i + 1;
        } else if (i === start && this.field === '') {
          this.inQuotes = true;
          start = i + 1;
        } else {
          throw new CsvSyntaxError(this.line, 'a quote inside an unquoted field');
        }
      } else if (this.afterQuote) {
        throw new CsvSyntaxError(this.line, 'text after a closing quote');
      }
    }
    if (start < n) this.field += chunk.slice(start);
    return out;
  }

  /** Ends the input: returns the last record if the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.inQuotes) throw new CsvSyntaxError(this.recordLine, 'a quoted field is not closed');
    if (this.fields.length === 0 && this.field === '' && !this.afterQuote) return [];
    this.fields.push(this.field);
    const rec = { fields: this.fields, line: this.recordLine };
    this.fields = [];
    this.field = '';
    return [rec];
  }
}

/** One CSV field as written: quoted when it holds a separator, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A cell made safe for spreadsheets (CSV injection): text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'` so that Excel and LibreOffice show it instead of evaluating it as a formula.
 */
export function neutraliseFormula(s: string): string {
  if (s.length === 0) return s;
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}
