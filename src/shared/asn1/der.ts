/**
 * A small DER reader (ITU-T X.690), enough for CMS SignedData (RFC 5652), X.509 certificates and CRLs (RFC 5280) and
 * RFC 3161 time-stamp tokens. Pure: no I/O, no Node built-ins, importable by the web.
 *
 * A node keeps its place in the source bytes, so a caller can hash or verify exactly the bytes that were signed
 * (`raw(n)`), and re-tag signed attributes (`[0] IMPLICIT` → `SET`) without re-encoding them.
 */
export interface Tlv {
  /** The identifier octet (class, constructed bit, tag number < 31). */
  tag: number;
  /** Offset of the identifier octet in the source. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Offset just past the value. */
  end: number;
  src: Uint8Array;
}

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  UNIVERSAL_STRING: 0x1c,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed or primitive. */
export const ctx = (n: number, constructed = true) => (constructed ? 0xa0 : 0x80) | n;

/**
 * Reads one TLV at `offset` (which must lie within `limit`). Rejects high tag numbers. Accepts the BER indefinite
 * length of a constructed value (some CMS producers, e.g. NSS, write SignedData that way; the signed attributes, which
 * are what is verified, are DER and read as they are).
 */
export function readTlv(src: Uint8Array, offset = 0, limit = src.length, depth = 0): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  if (depth > 64) throw new DerError('nested too deeply');
  const tag = src[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let pos = offset + 1;
  let len = src[pos++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) {
      if (!(tag & 0x20)) throw new DerError('indefinite length on a primitive value');
      let p = pos;
      for (;;) {
        if (p + 2 > limit) throw new DerError('missing end-of-contents');
        if (src[p] === 0 && src[p + 1] === 0) return { tag, start: offset, contentStart: pos, contentEnd: p, end: p + 2, src };
        p = readTlv(src, p, limit, depth + 1).end;
      }
    }
    if (n > 4 || pos + n > limit) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + src[pos++];
  }
  const end = pos + len;
  if (end > limit) throw new DerError('length beyond the enclosing value');
  return { tag, start: offset, contentStart: pos, contentEnd: end, end, src };
}

/** The children of a constructed value. */
export function children(t: Tlv): Tlv[] {
  if (!(t.tag & 0x20)) throw new DerError('not a constructed value');
  const out: Tlv[] = [];
  let p = t.contentStart;
  while (p < t.contentEnd) {
    const c = readTlv(t.src, p, t.contentEnd);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Children, checking the tag of the parent first. */
export function expect(t: Tlv | undefined, tag: number, what = 'value'): Tlv {
  if (!t) throw new DerError(`${what} missing`);
  // BER: a string may be written constructed (its parts concatenated).
  if (t.tag !== tag && !(t.tag === (tag | 0x20) && (tag === TAG.OCTET_STRING || tag === TAG.BIT_STRING))) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}`);
  return t;
}

/** The whole encoding (tag, length, content). */
export const raw = (t: Tlv): Uint8Array => t.src.subarray(t.start, t.end);
/** The content octets only (a constructed OCTET STRING's parts concatenated). */
export function content(t: Tlv): Uint8Array {
  if (t.tag === (TAG.OCTET_STRING | 0x20)) {
    const parts = children(t).map(content);
    const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let p = 0;
    for (const x of parts) {
      out.set(x, p);
      p += x.length;
    }
    return out;
  }
  return t.src.subarray(t.contentStart, t.contentEnd);
}

/** Parses a complete DER value; trailing bytes are allowed only when `allowTrailing` (e.g. zero padding in a PDF). */
export function parseDer(src: Uint8Array, allowTrailing = false): Tlv {
  const t = readTlv(src, 0, src.length);
  if (!allowTrailing && t.end !== src.length) throw new DerError('trailing bytes after the value');
  return t;
}

export function oid(t: Tlv): string {
  const b = content(expect(t, TAG.OID, 'object identifier'));
  if (b.length === 0) throw new DerError('empty object identifier');
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (parts.length === 0) {
        const first = v < 80 ? Math.floor(v / 40) : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** An INTEGER as upper-case hex without leading zero octets (the way X509Certificate prints serial numbers). */
export function integerHex(t: Tlv): string {
  const b = content(expect(t, TAG.INTEGER, 'integer'));
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return toHex(b.subarray(i)).toUpperCase();
}

export function integerSmall(t: Tlv): number {
  const b = content(expect(t, TAG.INTEGER, 'integer'));
  if (b.length > 6) throw new DerError('integer too large');
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

/** The bits of a BIT STRING with no unused bits (signatures, keys). */
export function bitStringBytes(t: Tlv): Uint8Array {
  const b = content(expect(t, TAG.BIT_STRING, 'bit string'));
  if (b.length === 0 || b[0] !== 0) throw new DerError('bit string with unused bits');
  return b.subarray(1);
}

/** UTCTime or GeneralizedTime (Z form, optional fraction) as a Date. */
export function time(t: Tlv): Date {
  if (t.tag !== TAG.UTC_TIME && t.tag !== TAG.GENERALIZED_TIME) throw new DerError('expected a time');
  const s = latin1(content(t));
  const m = t.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(s);
  if (!m) throw new DerError('bad time');
  let year = Number(m[1]);
  if (t.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
}

/** A directory string (UTF8String, PrintableString, IA5String, T61String, BMPString, UniversalString). */
export function text(t: Tlv): string {
  const b = content(t);
  switch (t.tag) {
    case TAG.UTF8_STRING:
      return new TextDecoder('utf-8', { fatal: false }).decode(b);
    case TAG.BMP_STRING: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      let s = '';
      for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
      return s;
    }
    default:
      return latin1(b);
  }
}

const singleByte = new TextDecoder('latin1');

/** One character per byte (WHATWG windows-1252, a single-byte decoding: offsets in the string are offsets in the bytes). */
export function latin1(b: Uint8Array): string {
  if (b.length > 64) return singleByte.decode(b);
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same encoding with another identifier octet (e.g. signed attributes `[0]` re-tagged `SET` for verification). */
export function retag(t: Tlv, tag: number): Uint8Array {
  const out = new Uint8Array(t.end - t.start);
  out.set(raw(t));
  out[0] = tag;
  return out;
}

// ─── Writing (for tests and tools that build small structures) ───

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const b: number[] = [];
  while (n > 0) {
    b.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | b.length, ...b];
}

/** Encodes one TLV from its tag and the concatenation of the given content parts. */
export function encode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const head = [tag, ...lengthOctets(len)];
  const out = new Uint8Array(head.length + len);
  out.set(head, 0);
  let p = head.length;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

export function encodeOid(dotted: string): Uint8Array {
  const n = dotted.split('.').map(Number);
  const vals = [n[0] * 40 + n[1], ...n.slice(2)];
  const out: number[] = [];
  for (const v of vals) {
    const b = [v & 0x7f];
    let x = Math.floor(v / 128);
    while (x > 0) {
      b.unshift(0x80 | (x & 0x7f));
      x = Math.floor(x / 128);
    }
    out.push(...b);
  }
  return encode(TAG.OID, new Uint8Array(out));
}
