/**
 * The Solr-style parameters of CKAN's `package_search` that real clients send, parsed without I/O: `fq` filters
 * (`organization:x`, `tags:"a b"`, `groups:x`, `res_format:CSV`, `license_id:x`, `name:x`,
 * `metadata_modified:[2026-01-01T00:00:00Z TO *]`), `q` (free text, `*:*`, or `field:value`), and `sort`.
 * A clause it cannot read is a `SearchQueryError` (CKAN answers 400 "Search Query Error").
 */
export class SearchQueryError extends Error {}

export const FILTER_FIELDS = ['organization', 'owner_org', 'tags', 'groups', 'res_format', 'license_id', 'name', 'id', 'state'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export const RANGE_FIELDS = ['metadata_modified', 'metadata_created'] as const;
export type RangeField = (typeof RANGE_FIELDS)[number];

export interface ParsedFilters {
  /** Every clause must hold; values of one clause are alternatives (`tags:(a OR b)`). */
  terms: { field: FilterField; values: string[]; negate: boolean }[];
  ranges: { field: RangeField; from: Date | null; to: Date | null }[];
}

const TOKEN = /\s*([+-]?)([a-z_]+):(\[[^\]]*\]|\{[^}]*\}|"(?:[^"\\]|\\.)*"|\((?:[^)]*)\)|[^\s"()[\]]+)\s*/gy;

function unquote(v: string): string {
  return v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v.replace(/\\(.)/g, '$1');
}

function parseDate(s: string, field: string): Date | null {
  if (s === '*') return null;
  if (/^NOW$/i.test(s)) return new Date();
  const m = /^NOW-(\d+)DAYS?$/i.exec(s);
  if (m) return new Date(Date.now() - Number(m[1]) * 86_400_000);
  const d = new Date(s);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(s) || Number.isNaN(d.getTime())) throw new SearchQueryError(`Invalid date in ${field}: ${s}`);
  return d;
}

/** Parses `fq` (and the field clauses of `q`): clauses joined by spaces or AND. */
export function parseFilters(fq: string): ParsedFilters {
  const out: ParsedFilters = { terms: [], ranges: [] };
  const text = fq.replace(/\s+AND\s+/g, ' ').trim();
  if (!text || text === '*:*') return out;
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new SearchQueryError(`Cannot parse the filter near: ${text.slice(at, at + 40)}`);
    at = TOKEN.lastIndex;
    const [, sign, field, raw] = m;
    if ((RANGE_FIELDS as readonly string[]).includes(field)) {
      const r = /^[[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]$/.exec(raw);
      if (!r) throw new SearchQueryError(`${field} needs a range [from TO to]`);
      out.ranges.push({ field: field as RangeField, from: parseDate(r[1], field), to: parseDate(r[2], field) });
      continue;
    }
    if (!(FILTER_FIELDS as readonly string[]).includes(field)) throw new SearchQueryError(`Unknown search field: ${field}`);
    const values = raw.startsWith('(')
      ? raw
          .slice(1, -1)
          .split(/\s+OR\s+/)
          .map((v) => unquote(v.trim()))
          .filter(Boolean)
      : [unquote(raw)];
    out.terms.push({ field: field as FilterField, values, negate: sign === '-' });
  }
  return out;
}

/** `q`: free text, or `*:*` (everything), or field clauses (`name:x tags:y`) which become filters. */
export function parseQ(q: string): { text: string; filters: ParsedFilters } {
  const s = q.trim();
  if (!s || s === '*:*' || s === '*') return { text: '', filters: { terms: [], ranges: [] } };
  if (/^[+-]?[a-z_]+:\S/.test(s)) return { text: '', filters: parseFilters(s) };
  return { text: s, filters: { terms: [], ranges: [] } };
}

export const SORT_FIELDS = ['id', 'name', 'title_string', 'metadata_modified', 'metadata_created', 'score'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** `sort`: `field dir[, field dir]…`, e.g. `score desc, metadata_modified desc`. */
export function parseSort(sort: string): { field: SortField; desc: boolean }[] {
  const parts = sort
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw new SearchQueryError('Empty sort');
  return parts.map((p) => {
    const [field, dir = 'asc', ...rest] = p.split(/\s+/);
    if (rest.length || !(SORT_FIELDS as readonly string[]).includes(field) || !/^(asc|desc)$/i.test(dir)) throw new SearchQueryError(`Cannot sort by: ${p}`);
    return { field: field as SortField, desc: dir.toLowerCase() === 'desc' };
  });
}
