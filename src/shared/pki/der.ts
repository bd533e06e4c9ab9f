/**
 * A small ASN.1 DER writer and reader (ITU-T X.690), enough for X.509 certificates and CRLs (RFC 5280), CMS
 * SignedData (RFC 5652), RFC 3161 time-stamps and PKCS#12 (RFC 7292). Pure: no I/O, importable by the web.
 */

export type Bytes = Uint8Array;

const concat = (parts: readonly Bytes[]): Uint8Array => {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
export { concat as concatBytes };

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with the given identifier octet. */
export function tlv(tag: number, ...content: Bytes[]): Uint8Array {
  const body = content.length === 1 ? content[0] : concat(content);
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body]);
}

export const seq = (...items: Bytes[]) => tlv(0x30, ...items);
/** SET OF, its elements sorted by their encodings as DER requires. */
export function setOf(...items: Bytes[]): Uint8Array {
  const sorted = [...items].sort(compareBytes);
  return tlv(0x31, ...sorted);
}
export const explicit = (n: number, ...inner: Bytes[]) => tlv(0xa0 | n, ...inner);
/** [n] IMPLICIT over a constructed type: the inner TLV's content with a context tag. */
export const implicitConstructed = (n: number, inner: Bytes) => tlv(0xa0 | n, decode(inner).content);
export const implicitPrimitive = (n: number, content: Bytes) => tlv(0x80 | n, content);
export const nul = () => Uint8Array.of(0x05, 0x00);
export const bool = (v: boolean) => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
export const octets = (b: Bytes) => tlv(0x04, b);
export const bitString = (b: Bytes, unused = 0) => tlv(0x03, concat([Uint8Array.of(unused), b]));
export const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s.normalize('NFC')));
export const printable = (s: string) => tlv(0x13, new TextEncoder().encode(s));
export const ia5 = (s: string) => tlv(0x16, new TextEncoder().encode(s));
/** BMPString (UTF-16BE), e.g. PKCS#12 friendly names. */
export function bmp(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) >> 8;
    out[2 * i + 1] = s.charCodeAt(i) & 0xff;
  }
  return tlv(0x1e, out);
}

/** INTEGER from a non-negative number, bigint or big-endian unsigned bytes. */
export function int(v: number | bigint | Bytes): Uint8Array {
  let bytes: Uint8Array;
  if (typeof v === 'number' || typeof v === 'bigint') {
    let n = BigInt(v);
    if (n < 0n) throw new RangeError('negative INTEGER');
    const arr: number[] = [];
    do {
      arr.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    bytes = Uint8Array.from(arr);
  } else {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    bytes = v.subarray(i);
  }
  if (bytes[0] & 0x80) bytes = concat([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => BigInt(p));
  const out: number[] = [];
  const push = (n: bigint) => {
    const groups: number[] = [Number(n & 0x7fn)];
    for (n >>= 7n; n > 0n; n >>= 7n) groups.unshift(Number(n & 0x7fn) | 0x80);
    out.push(...groups);
  };
  push(parts[0] * 40n + parts[1]);
  for (const p of parts.slice(2)) push(p);
  return tlv(0x06, Uint8Array.from(out));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
export function time(d: Date): Uint8Array {
  return d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d);
}
export function utcTime(d: Date): Uint8Array {
  const s = `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x17, new TextEncoder().encode(s));
}
/** GeneralizedTime, with milliseconds when `millis` (RFC 3161 genTime), without a trailing zero. */
export function generalizedTime(d: Date, millis = false): Uint8Array {
  let s = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  if (millis && d.getUTCMilliseconds()) s += `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}`;
  return tlv(0x18, new TextEncoder().encode(`${s}Z`));
}

export function compareBytes(a: Bytes, b: Bytes): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

// --- Reader ------------------------------------------------------------------------------------------------------

export interface Node {
  /** The identifier octet (single-byte tags only, which is all these formats use). */
  tag: number;
  constructed: boolean;
  /** The whole TLV. */
  raw: Uint8Array;
  content: Uint8Array;
  /** Offset of the TLV in the buffer it was decoded from. */
  offset: number;
}

/** Decodes one TLV at `offset` (definite lengths only, as in DER; BER indefinite lengths are refused). */
export function decode(buf: Bytes, offset = 0): Node {
  if (offset + 2 > buf.length) throw new RangeError('truncated DER');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new RangeError('multi-byte tags are not supported');
  let len = buf[offset + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new RangeError('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    hdr += n;
  }
  const end = offset + hdr + len;
  if (end > buf.length) throw new RangeError('truncated DER');
  return { tag, constructed: (tag & 0x20) !== 0, raw: buf.subarray(offset, end), content: buf.subarray(offset + hdr, end), offset };
}

/** The children of a constructed node. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let o = 0; o < node.content.length; ) {
    const child = decode(node.content, o);
    out.push(child);
    o += child.raw.length;
  }
  return out;
}

export function readOid(node: Node): string {
  if (node.tag !== 0x06) throw new RangeError('expected an OBJECT IDENTIFIER');
  const c = node.content;
  const parts: bigint[] = [];
  let v = 0n;
  for (const b of c) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0n;
    }
  }
  const first = parts[0] < 80n ? parts[0] / 40n : 2n;
  return [first, parts[0] - first * 40n, ...parts.slice(1)].join('.');
}

export function readInt(node: Node): bigint {
  if (node.tag !== 0x02) throw new RangeError('expected an INTEGER');
  let v = 0n;
  for (const b of node.content) v = (v << 8n) | BigInt(b);
  if (node.content[0] & 0x80) v -= 1n << BigInt(node.content.length * 8);
  return v;
}

export function readTime(node: Node): Date {
  const s = new TextDecoder().decode(node.content);
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?Z$/.exec(s);
  if (!m || (node.tag !== 0x17 && node.tag !== 0x18)) throw new RangeError('expected a time');
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Math.round(ms)));
}

/** Walks a path of child indexes from a node. */
export function at(node: Node, ...path: number[]): Node {
  let n = node;
  for (const i of path) {
    const c = children(n);
    if (i >= c.length) throw new RangeError('DER path out of range');
    n = c[i];
  }
  return n;
}

export const toHex = (b: Bytes) => Buffer.from(b).toString('hex');
