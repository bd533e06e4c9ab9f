/**
 * DataStore columns: their types, SQL names, inference from a sample of a file, and the conversion of a file's
 * cell text into PostgreSQL's COPY text format.
 */
export type DatastoreFieldType = 'text' | 'int' | 'numeric' | 'bool' | 'date' | 'timestamp';
export const FIELD_TYPES: readonly DatastoreFieldType[] = ['text', 'int', 'numeric', 'bool', 'date', 'timestamp'];

export interface DatastoreField {
  id: string;
  type: DatastoreFieldType;
  info?: { label?: string; notes?: string };
}

export const SQL_TYPE: Record<DatastoreFieldType, string> = {
  text: 'text',
  int: 'bigint',
  numeric: 'numeric',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
};

/** A quoted SQL identifier (any text, `"` doubled). */
export const qi = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** The table of a resource. */
export const tableOf = (resourceId: string) => `datastore.${qi(resourceId)}`;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a column name is refused (CKAN's rules: not empty, no `"`, not starting with `_`, at most 63 bytes), or null. */
export function badFieldId(id: string): string | null {
  if (id.length === 0) return 'empty';
  if (id.includes('"')) return 'contains "';
  if (id.startsWith('_')) return 'starts with _';
  if (Buffer.byteLength(id, 'utf8') > 63) return 'longer than 63 bytes';
  return null;
}

const INT_RE = /^[+-]?\d{1,18}$/;
const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOL_VALUES: Record<string, 't' | 'f'> = { true: 't', false: 'f', t: 't', f: 'f', yes: 't', no: 'f', có: 't', không: 'f' };
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** dd/mm/yyyy, the Vietnamese way of writing dates. */
const VN_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * The cell text as COPY text-format value of the column's type (`\N` for an empty cell), or undefined when it is
 * not of that type.
 */
export function copyValue(type: DatastoreFieldType, v: string): string | undefined {
  if (v === '') return '\\N';
  switch (type) {
    case 'text':
      return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
    case 'int': {
      const s = v.trim();
      return INT_RE.test(s) ? s : undefined;
    }
    case 'numeric': {
      const s = v.trim();
      return NUM_RE.test(s) ? s : undefined;
    }
    case 'bool':
      return BOOL_VALUES[v.trim().toLowerCase()];
    case 'date': {
      const s = v.trim();
      if (ISO_DATE_RE.test(s)) return s;
      const m = VN_DATE_RE.exec(s);
      return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
    }
    case 'timestamp': {
      const s = v.trim();
      return TS_RE.test(s) || ISO_DATE_RE.test(s) ? s : undefined;
    }
  }
}

/** The narrowest type every non-empty sample value fits (text when none or nothing else fits). */
export function inferTypes(columns: number, sample: readonly string[][]): DatastoreFieldType[] {
  const order: DatastoreFieldType[] = ['int', 'numeric', 'bool', 'date', 'timestamp'];
  const out: DatastoreFieldType[] = [];
  for (let c = 0; c < columns; c++) {
    let candidates = order.slice();
    let seen = 0;
    for (const row of sample) {
      const v = row[c] ?? '';
      if (v === '') continue;
      seen++;
      candidates = candidates.filter((t) => copyValue(t, v) !== undefined);
      if (candidates.length === 0) break;
    }
    out.push(seen === 0 || candidates.length === 0 ? 'text' : candidates[0]!);
  }
  return out;
}

/** PostgreSQL type ids of a query result, as DataStore types (for `datastore_search_sql`). */
export function typeOfOid(oid: number | undefined): DatastoreFieldType {
  switch (oid) {
    case 20:
    case 21:
    case 23:
      return 'int';
    case 700:
    case 701:
    case 1700:
      return 'numeric';
    case 16:
      return 'bool';
    case 1082:
      return 'date';
    case 1114:
    case 1184:
      return 'timestamp';
    default:
      return 'text';
  }
}

/**
 * The select-list expression of a column, as text whatever the driver (PGlite and node-postgres parse dates and
 * 64-bit integers differently); `fromText` turns it back into the JSON value CKAN gives.
 */
export const selectExpr = (id: string) => `${qi(id)}::text`;

export function fromText(type: DatastoreFieldType | '_id', v: string | null): unknown {
  if (v === null) return null;
  switch (type) {
    case '_id':
    case 'int': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }
    case 'numeric': {
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
    case 'bool':
      return v === 'true' || v === 't';
    case 'timestamp':
      return v.replace(' ', 'T');
    default:
      return v;
  }
}

/** A JSON value sent by an API publisher, as a SQL parameter (text, coerced by PostgreSQL to the column's type). */
export function paramOf(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** The columns whose text goes into `_full_text` (dates are left out: their words say little). */
export const fullTextColumns = (fields: readonly DatastoreField[]) => fields.map((f, i) => (f.type === 'date' || f.type === 'timestamp' ? -1 : i)).filter((i) => i >= 0);

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const foldCache = new Map<string, string>();

/**
 * The `_full_text` value of a row, as tsvector text: the words of its text and number cells folded with `foldVi`
 * (lower case, no diacritics, đ → d), as the `simple` configuration would index them. Repeated cell values (a
 * province, a category) are folded once (a bounded cache).
 */
export function fullTextOf(cells: readonly (string | null | undefined)[], fold: (s: string) => string, numeric?: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (!v) continue;
    // A number cell (checked against its type already) has only ASCII to fold: its words at once, never cached (they
    // are often all different, an id or an amount, and would only churn the cache).
    if (numeric?.[i]) {
      const words = /^\d+$/.test(v) ? v : v.toLowerCase().split(WORD_SPLIT).filter(Boolean).join(' ');
      if (words) out = out ? `${out} ${words}` : words;
      continue;
    }
    let words = foldCache.get(v);
    if (words === undefined) {
      words = fold(v).split(WORD_SPLIT).filter(Boolean).join(' ');
      if (foldCache.size >= 100_000) foldCache.clear();
      foldCache.set(v, words);
    }
    if (words) out = out ? `${out} ${words}` : words;
  }
  return sortedWords(out);
}

/**
 * The words in order and once each, as PostgreSQL keeps a tsvector's lexemes: the server then only checks the order
 * instead of sorting (its sort sees the input is sorted), a sixth of the COPY's time on a typical table. The order is
 * that of UTF-16 code units, the server's (bytes of UTF-8) but for characters beyond U+FFFF, which it then sorts.
 */
function sortedWords(text: string): string {
  if (text.indexOf(' ') < 0) return text;
  const ws = text.split(' ').sort();
  let out = ws[0]!;
  for (let i = 1; i < ws.length; i++) if (ws[i] !== ws[i - 1]) out += ' ' + ws[i];
  return out;
}

/**
 * The table of a resource. `primaryKey: false` leaves the primary key on `_id` out, for a bulk load that writes `_id`
 * itself and adds the key after (one sorted index build instead of an insertion per row): see `addPrimaryKeySql`.
 */
export function createTableSql(table: string, fields: readonly DatastoreField[], opts: { primaryKey?: boolean } = {}): string {
  const cols = fields.map((f) => `${qi(f.id)} ${SQL_TYPE[f.type]}`);
  return `CREATE TABLE ${table} (_id bigserial${opts.primaryKey === false ? '' : ' PRIMARY KEY'}${cols.map((c) => `, ${c}`).join('')}, _full_text tsvector NOT NULL DEFAULT ''::tsvector)`;
}

/** After a bulk load of `rows` rows numbered 1…rows: the primary key on `_id`, and `_id`'s sequence past the last. */
export function addPrimaryKeySql(table: string, rows: number): string[] {
  const seq = `pg_get_serial_sequence('${table.replace(/'/g, "''")}', '_id')`;
  return [`ALTER TABLE ${table} ADD PRIMARY KEY (_id)`, rows > 0 ? `SELECT setval(${seq}, ${rows}, true)` : `SELECT setval(${seq}, 1, false)`];
}
