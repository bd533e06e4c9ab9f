import { foldVi } from '../../shared/text/fold';
import type { HighlightRange } from '../../shared/api/catalog';

/** Search terms of a query typed with or without diacritics: folded, split, de-duplicated. */
export function queryTerms(q: string): string[] {
  const terms = foldVi(q)
    .split(/[^a-z0-9.]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
  return [...new Set(terms)].slice(0, 12);
}

/** A `to_tsquery('simple', …)` text: every term required, the last one as a prefix (type-ahead). */
export function tsQueryText(terms: string[], mode: 'all' | 'any' = 'all'): string {
  return terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(mode === 'all' ? ' & ' : ' | ');
}

/**
 * Where the terms occur in the original (accented) text, matched on folded words: a term matches a word it equals,
 * or that it begins when it is the last (prefix) term. Offsets are in the original string.
 */
export function highlightRanges(text: string, terms: string[]): HighlightRange[] {
  const out: HighlightRange[] = [];
  const re = /[\p{L}\p{N}.]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = foldVi(m[0]).replace(/^\.+|\.+$/g, '');
    const hit = terms.some((t, i) => word === t || (i === terms.length - 1 && word.startsWith(t)));
    if (hit) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The text as safe HTML with `<mark>` around the matches. */
export function highlightHtml(text: string, ranges: HighlightRange[]): string {
  let html = '';
  let at = 0;
  for (const r of ranges) {
    html += `${escapeHtml(text.slice(at, r.start))}<mark>${escapeHtml(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  return html + escapeHtml(text.slice(at));
}
