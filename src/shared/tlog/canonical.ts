/**
 * JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of their names, no
 * whitespace, strings and numbers serialised as ECMAScript does (JSON.stringify / Number.prototype.toString). The
 * same value always gives the same bytes, so it can be hashed into a log leaf.
 */
export class CanonicalJsonError extends Error {}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function str(s: string): string {
  // RFC 8785 §3.2.2.2: strings must be valid Unicode (no lone surrogates).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new CanonicalJsonError('lone surrogate in string');
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new CanonicalJsonError('lone surrogate in string');
  }
  return JSON.stringify(s);
}

export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number');
      // ECMAScript Number serialisation (RFC 8785 §3.2.2.3); -0 becomes 0.
      return JSON.stringify(value);
    case 'string':
      return str(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalize(v))).join(',')}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(byCodeUnits);
      return `{${keys.map((k) => `${str(k)}:${canonicalize(o[k])}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`cannot canonicalise a ${typeof value}`);
  }
}
