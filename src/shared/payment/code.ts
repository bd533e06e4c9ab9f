/**
 * Payment matching code (mã đối soát): the short code put in the VietQR transfer text (tag 62/08) so that a bank
 * credit can be matched back to its payment. Pure, no I/O, no node-only APIs (the web app imports it too).
 *
 * Format: `MC` + 8 body characters from the Crockford base-32 alphabet + 1 check character computed with
 * ISO 7064 MOD 37,36 (hybrid system, check character in 0-9A-Z) over the body. 11 upper-case ASCII characters,
 * e.g. `MC1A2B3C4DX`.
 *
 * The check character catches every single-character substitution in the body. Like every hybrid MOD 37,36 code it
 * misses a small share of adjacent transpositions: swapping two characters whose ISO 7064 values differ by one
 * (e.g. `1`/`2`, `A`/`B`) when the running state happens to be the one value that maps both orders alike
 * (about 0.16% of random adjacent pairs).
 *
 * Banking apps rewrite transfer texts (nội dung chuyển khoản): they change case, strip diacritics, insert spaces
 * or punctuation and prepend or append their own text. {@link findPaymentCodes} reads codes back out of such texts.
 */

import { foldToAscii } from './vietqr';

export const PAYMENT_CODE_PREFIX = 'MC';
/** Crockford base-32: digits and upper-case letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAYMENT_CODE_BODY_LENGTH = 8;
/** Prefix + body + check character. */
export const PAYMENT_CODE_LENGTH = PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_BODY_LENGTH + 1;

/** ISO 7064 alphanumeric values: 0-9 → 0-9, A-Z → 10-35. */
const ISO_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MOD = 36;
const BODY_BYTES = 5; // 40 bits = 8 × 5 bits

const CODE_FORMAT = /^MC[0-9A-HJKMNP-TV-Z]{8}[0-9A-Z]$/;
const ISO_CHARS = /^[0-9A-Z]+$/;

function isoValue(c: string): number {
  return ISO_ALPHABET.indexOf(c);
}

/**
 * ISO 7064 MOD 37,36 (hybrid) check character over `body` (characters 0-9A-Z).
 * @throws RangeError when `body` is empty or has a character outside 0-9A-Z.
 */
export function checkCharacter(body: string): string {
  if (!ISO_CHARS.test(body))
    throw new RangeError('Chuỗi tính ký tự kiểm tra chỉ gồm 0-9A-Z / The check character body must be non-empty 0-9A-Z');
  let p = MOD;
  for (let i = 0; i < body.length; i++) {
    let s = (p + isoValue(body[i])) % MOD;
    if (s === 0) s = MOD;
    p = (2 * s) % (MOD + 1);
  }
  return ISO_ALPHABET[(MOD + 1 - p) % MOD];
}

/**
 * A payment code from caller-supplied random bytes: the first 40 bits (5 bytes, big-endian) become the 8 body
 * characters. Any further bytes are ignored.
 * @throws RangeError when fewer than 5 bytes are given.
 */
export function paymentCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < BODY_BYTES)
    throw new RangeError(`Cần ít nhất ${BODY_BYTES} byte ngẫu nhiên / At least ${BODY_BYTES} random bytes are needed`);
  let body = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < BODY_BYTES; i++) {
    acc = (acc << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      body += CROCKFORD_ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return PAYMENT_CODE_PREFIX + body + checkCharacter(body);
}

/** True for a code in the exact canonical format (upper case, no separators, no tolerance) with a correct check. */
export function isValidPaymentCode(s: string): boolean {
  if (!CODE_FORMAT.test(s)) return false;
  const body = s.slice(PAYMENT_CODE_PREFIX.length, PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_BODY_LENGTH);
  return checkCharacter(body) === s[s.length - 1];
}

/** Characters a bank or a person may put inside a code; they join the pieces of one code. */
const WHITESPACE = /\s/u;
function isSeparator(c: number): boolean {
  if (c === 32 || c === 45 || c === 46 || c === 95) return true; // space - . _
  return (c <= 13 && c >= 9) || (c > 127 && WHITESPACE.test(String.fromCharCode(c)));
}

/**
 * ISO 7064 value of each character allowed in a body, by char code; -1 otherwise. Includes the Crockford decoding
 * tolerance: O reads as 0, I and L as 1.
 */
const BODY_VALUE = new Int8Array(128).fill(-1);
for (const c of CROCKFORD_ALPHABET) BODY_VALUE[c.charCodeAt(0)] = isoValue(c);
BODY_VALUE['O'.charCodeAt(0)] = 0;
BODY_VALUE['I'.charCodeAt(0)] = 1;
BODY_VALUE['L'.charCodeAt(0)] = 1;

/** Scratch buffers reused across calls (grown for a longer text); a call reads only what it wrote. Allocating them per call cost ~5× the scan. */
const allocate = (n: number) => ({ chars: new Uint8Array(n), tokenStart: new Uint8Array(n), group: new Int32Array(n) });
let buffers = allocate(256);

/** Whether the text has a character beyond ASCII (then it is folded first). */
function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}
const M = 77;
const C = 67;

/**
 * Distinct valid payment codes found anywhere in a free transfer text, in order of first appearance, canonical form.
 *
 * The text is folded to ASCII and upper-cased. A code may be split by spaces, `-`, `.` or `_` (`mc 1a2b-3c4d x`),
 * may be glued to text before or after it (`ND:MC…`, `0123MC…`), and its body may use O for 0 and I/L for 1.
 * A code must begin either inside a word (`…MC` with no separator between M and C) or with an M that starts a
 * word; an M that ends one word followed by a word starting with C (`NAM CHUYEN`) does not begin a code, which
 * keeps ordinary Vietnamese texts free of false hits. The check character is read as written (no tolerance).
 */
export function findPaymentCodes(text: string): string[] {
  // ASCII texts (most bank texts) skip the Unicode fold; their letters are upper-cased below.
  const folded = hasNonAscii(text) ? foldToAscii(text).toUpperCase() : text;
  const n = folded.length;
  // The text's letters and digits, compacted; `group` numbers the runs joined only by separators, `tokenStart`
  // marks the first character of each word.
  if (buffers.chars.length < n) buffers = allocate(n);
  const { chars, tokenStart, group } = buffers;
  let len = 0;
  let g = 0;
  let newToken = true;
  for (let i = 0; i < n; i++) {
    let c = folded.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      chars[len] = c;
      tokenStart[len] = newToken ? 1 : 0;
      group[len] = g;
      len++;
      newToken = false;
    } else if (isSeparator(c)) {
      newToken = true;
    } else {
      g++;
      newToken = true;
    }
  }

  const found = new Set<string>();
  const last = PAYMENT_CODE_LENGTH - 1;
  for (let i = 0; i + last < len; i++) {
    if (chars[i] !== M || chars[i + 1] !== C) continue;
    if (group[i + last] !== group[i]) continue; // a code lies within one group
    if (!tokenStart[i] && tokenStart[i + 1]) continue; // "…M C…": M ends a word, C starts the next
    let p = MOD;
    let body = '';
    let k = 0;
    for (; k < PAYMENT_CODE_BODY_LENGTH; k++) {
      const v = BODY_VALUE[chars[i + 2 + k]];
      if (v < 0) break;
      body += ISO_ALPHABET[v];
      let s = (p + v) % MOD;
      if (s === 0) s = MOD;
      p = (2 * s) % (MOD + 1);
    }
    if (k < PAYMENT_CODE_BODY_LENGTH) continue;
    const check = ISO_ALPHABET[(MOD + 1 - p) % MOD];
    if (check.charCodeAt(0) !== chars[i + last]) continue;
    found.add(PAYMENT_CODE_PREFIX + body + check);
    i += last;
  }
  return [...found];
}

export type PaymentCodeSearch = { kind: 'one'; code: string } | { kind: 'none' } | { kind: 'many'; codes: string[] };

/** {@link findPaymentCodes} as one, none or many. */
export function findPaymentCode(text: string): PaymentCodeSearch {
  const codes = findPaymentCodes(text);
  if (codes.length === 0) return { kind: 'none' };
  if (codes.length === 1) return { kind: 'one', code: codes[0] };
  return { kind: 'many', codes };
}
