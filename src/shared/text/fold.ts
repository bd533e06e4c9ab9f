/**
 * Vietnamese text helpers: normalisation of user input, diacritic-insensitive folding for search, and sorting.
 * Pure functions, no I/O; usable by the server and the web app.
 */

const WHITESPACE_RUN = /\s+/gu;
const COMBINING_MARKS = /\p{M}/gu;

/** NFC, trimmed, every run of whitespace (including newlines and NBSP) collapsed to one space. */
export function normalizeVi(s: string): string {
  return s.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Search key without diacritics: lower case, NFD, combining marks removed, đ/Đ → d, back to NFC.
 * Whitespace is normalised as in {@link normalizeVi}, so `'  Đăng   KÝ '` and `'dang ky'` give the same key.
 * Both tone placements (`hoà`/`hòa`) and decomposed input fold to the same key.
 */
export function foldVi(s: string): string {
  return normalizeVi(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** True when `needle` occurs in `haystack` ignoring case, diacritics and whitespace runs. */
export function includesVi(haystack: string, needle: string): boolean {
  return foldVi(haystack).includes(foldVi(needle));
}

let collator: Intl.Collator | undefined;

/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the base letter), for `Array.prototype.sort`.
 * Inputs are compared in NFC so that decomposed text sorts with its precomposed twin.
 */
export function compareVi(a: string, b: string): number {
  collator ??= new Intl.Collator('vi', { usage: 'sort', sensitivity: 'variant' });
  return collator.compare(a.normalize('NFC'), b.normalize('NFC'));
}
