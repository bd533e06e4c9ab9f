/**
 * The structure a PDF signature verifier needs (ISO 32000-1 §12.8, PAdES ETSI EN 319 142-1): signature dictionaries,
 * their byte ranges, what was appended after a signed range (incremental updates), and the Document Security Store.
 * Pure: bytes in, facts out (no I/O, no crypto); the hashing and the CMS checks happen in the verification module.
 *
 * The parsing is deliberately narrow: it reads the uncompressed objects a signature relies on (a signature value must
 * be written directly in the file for the byte range to exclude it), and treats anything it cannot read in an
 * appended update as a change of content — never as harmless.
 */
import { latin1 } from '../asn1/der';

export interface PdfSignatureField {
  /** The four integers of /ByteRange: [offset1, length1, offset2, length2]. */
  byteRange: [number, number, number, number];
  /** The /ByteRange array was not exactly four non-negative integers. */
  malformed: boolean;
  /** The signature value (DER CMS, trailing zero padding removed by the caller), or null when /Contents was not found. */
  contents: Uint8Array | null;
  /** Offset of the `<` of the /Contents hex string, or -1. */
  contentsAt: number;
  /** Offset just past the `>` of the /Contents hex string, or -1. */
  contentsEnd: number;
  subFilter: string | null;
  /** /M, the claimed signing time, as written (PDF date string). */
  claimedTime: string | null;
  /** Object number of the signature dictionary, when it is an indirect object. */
  objectNumber: number | null;
}

export type RangeProblem =
  | 'malformed'
  | 'not_from_start'
  | 'overlap'
  | 'beyond_end'
  | 'gap_not_contents';

export interface RangeCheck {
  /** The ranges are well formed, start at 0 and exclude exactly the /Contents hex string. */
  consistent: boolean;
  problems: RangeProblem[];
  /** Bytes of the file after the signed range (an incremental update, or nothing). */
  appendedBytes: number;
}

/** Whether the bytes look like a PDF (a `%PDF-` header within the first KiB, as readers allow). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, 1024)));
  return head.includes('%PDF-');
}

const BYTE_RANGE_RE = /\/ByteRange\s*\[([^\]]{0,200})\]/g;

/** Every signature dictionary that carries a /ByteRange, in file order (one per distinct byte range). */
export function findSignatures(bytes: Uint8Array, text = latin1(bytes)): PdfSignatureField[] {
  const out: PdfSignatureField[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(BYTE_RANGE_RE)) {
    // Exactly four non-negative integers; anything else is kept (the signature is not ignored) but marked malformed.
    const items = m[1].trim().split(/\s+/).filter(Boolean);
    const malformed = items.length !== 4 || !items.every((x) => /^\d{1,12}$/.test(x));
    const nums = items.map((x) => (/^\d{1,12}$/.test(x) ? Number(x) : 0));
    const br = [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0, nums[3] ?? 0] as [number, number, number, number];
    const key = m[1].trim().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const at = m.index!;
    // The enclosing object: from the last "N G obj" before it to the next "endobj" after it.
    const before = text.lastIndexOf(' obj', at);
    const objHead = before >= 0 ? /(\d+)\s+(\d+)\s+obj\s*$/.exec(text.slice(Math.max(0, before - 24), before + 4)) : null;
    const startScan = before >= 0 ? before : Math.max(0, at - 4096);
    const endobj = text.indexOf('endobj', at);
    const region = text.slice(startScan, endobj >= 0 ? endobj : Math.min(text.length, at + 200_000));
    const cm = /\/Contents\s*<([0-9A-Fa-f\s]*)>/.exec(region);
    let contents: Uint8Array | null = null;
    let contentsAt = -1;
    let contentsEnd = -1;
    if (cm) {
      contentsAt = startScan + cm.index + cm[0].indexOf('<');
      contentsEnd = startScan + cm.index + cm[0].length;
      contents = hexToBytes(cm[1].replace(/\s+/g, ''));
    }
    const sf = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(region);
    const mt = /\/M\s*\(([^)]{0,40})\)/.exec(region);
    out.push({ byteRange: br, malformed, contents, contentsAt, contentsEnd, subFilter: sf ? sf[1] : null, claimedTime: mt ? mt[1] : null, objectNumber: objHead ? Number(objHead[1]) : null });
  }
  return out;
}

/** Checks a signature's byte range against the file. */
export function checkRange(sig: PdfSignatureField, fileLength: number): RangeCheck {
  const [a, b, c, d] = sig.byteRange;
  const problems: RangeProblem[] = [];
  if (sig.malformed) problems.push('malformed');
  if (a !== 0) problems.push('not_from_start');
  if (a + b > c) problems.push('overlap');
  if (c + d > fileLength) problems.push('beyond_end');
  if (sig.contentsAt !== a + b || sig.contentsEnd !== c) problems.push('gap_not_contents');
  return { consistent: problems.length === 0, problems, appendedBytes: Math.max(0, fileLength - (c + d)) };
}

/** The signed bytes of a range (both parts, concatenated), or null when the range does not fit in the file. */
export function signedBytes(bytes: Uint8Array, br: [number, number, number, number]): Uint8Array | null {
  const [a, b, c, d] = br;
  if (a < 0 || b < 0 || c < a + b || c + d > bytes.length) return null;
  const out = new Uint8Array(b + d);
  out.set(bytes.subarray(a, a + b), 0);
  out.set(bytes.subarray(c, c + d), b);
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const h = hex.length % 2 ? `${hex}0` : hex;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

// ─── Objects ───

export interface PdfObject {
  num: number;
  gen: number;
  /** Offset of the object header in the file. */
  at: number;
  /** The object's text up to `stream` (or `endobj`): its dictionary or value. */
  head: string;
  /** Offsets of the stream data, when the object is a stream. */
  stream: { start: number; end: number } | null;
}

const OBJ_RE = /(?:^|[\s>\]])(\d+)\s+(\d+)\s+obj\b/g;

/** The objects written in `[from, to)` of the file (uncompressed ones; object streams are seen as one object each). */
export function objectsIn(text: string, from: number, to: number): PdfObject[] {
  const out: PdfObject[] = [];
  const re = new RegExp(OBJ_RE.source, 'g');
  // One character back: the pattern consumes the delimiter before the object number.
  re.lastIndex = Math.max(0, from - 1);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[0].indexOf(m[1]);
    if (at >= to) break;
    if (at < from) continue;
    const bodyStart = m.index + m[0].length;
    const streamKw = findStreamKeyword(text, bodyStart, to);
    const endobj = text.indexOf('endobj', bodyStart);
    const headEnd = streamKw && (endobj < 0 || streamKw.keyword < endobj) ? streamKw.keyword : endobj >= 0 ? endobj : to;
    const head = text.slice(bodyStart, headEnd);
    let stream: PdfObject['stream'] = null;
    let next = endobj >= 0 ? endobj + 6 : to;
    if (streamKw && (endobj < 0 || streamKw.keyword < endobj)) {
      const lenM = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(head);
      let end = lenM ? streamKw.data + Number(lenM[1]) : -1;
      if (end < 0 || text.slice(end, end + 12).trimStart().slice(0, 9) !== 'endstream') {
        const es = text.indexOf('endstream', streamKw.data);
        end = es < 0 ? to : es;
        // Strip the end-of-line before "endstream".
        if (text[end - 1] === '\n') end--;
        if (text[end - 1] === '\r') end--;
      }
      stream = { start: streamKw.data, end };
      const eo = text.indexOf('endobj', end);
      next = eo >= 0 ? eo + 6 : to;
    }
    out.push({ num: Number(m[1]), gen: Number(m[2]), at, head, stream });
    re.lastIndex = next;
  }
  return out;
}

function findStreamKeyword(text: string, from: number, to: number): { keyword: number; data: number } | null {
  const re = /stream(\r\n|\n|\r)/g;
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index >= to) return null;
  // "endstream" also ends in "stream": skip it (it belongs to an earlier object).
  if (text.slice(m.index - 3, m.index) === 'end') return null;
  return { keyword: m.index, data: m.index + m[0].length };
}

/** The last definition of each object number in `[0, to)` (later updates override earlier ones). */
export function latestObjects(text: string, to: number): Map<number, PdfObject> {
  const map = new Map<number, PdfObject>();
  for (const o of objectsIn(text, 0, to)) map.set(o.num, o);
  return map;
}

export const refsIn = (s: string): number[] => [...s.matchAll(/(\d+)\s+\d+\s+R\b/g)].map((m) => Number(m[1]));

/** The value of a name key in a dictionary text: an indirect reference, an inline array or dictionary, as text. */
export function dictEntry(dict: string, key: string): string | null {
  const re = new RegExp(`/${key}(?![A-Za-z0-9])\\s*`, 'g');
  const m = re.exec(dict);
  if (!m) return null;
  const rest = dict.slice(m.index + m[0].length);
  const ref = /^(\d+\s+\d+\s+R)/.exec(rest);
  if (ref) return ref[1];
  if (rest.startsWith('[')) return balanced(rest, '[', ']');
  if (rest.startsWith('<<')) return balanced(rest, '<<', '>>');
  const tok = /^([^\s/<>[\]]+|\/[^\s/<>[\]()]+)/.exec(rest);
  return tok ? tok[1] : null;
}

function balanced(s: string, open: string, close: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; ) {
    if (s.startsWith(open, i)) {
      depth++;
      i += open.length;
    } else if (s.startsWith(close, i)) {
      depth--;
      i += close.length;
      if (depth === 0) return s.slice(0, i);
    } else i++;
  }
  return s;
}

const CATALOG_LTV_KEYS = ['DSS', 'Extensions'];

function lastCatalog(objs: Map<number, PdfObject>): PdfObject | undefined {
  let c: PdfObject | undefined;
  for (const o of objs.values()) if (/\/Type\s*\/Catalog\b/.test(o.head) && (!c || o.at > c.at)) c = o;
  return c;
}

/** A dictionary without some of its entries, whitespace normalised. */
export function withoutEntries(dict: string, keys: string[]): string {
  let d = dict;
  for (const k of keys) d = withoutEntry(d, k);
  return d;
}

/** A dictionary without one of its entries, whitespace normalised (to compare two versions of the catalogue). */
export function withoutEntry(dict: string, key: string): string {
  const v = dictEntry(dict, key);
  let d = dict;
  if (v !== null) {
    const re = new RegExp(`/${key}(?![A-Za-z0-9])\\s*`);
    const m = re.exec(d);
    if (m) {
      const start = m.index;
      const vi = d.indexOf(v, start + m[0].length - 1);
      d = d.slice(0, start) + d.slice(vi + v.length);
    }
  }
  return normalise(d);
}

const normalise = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\s*(<<|>>|\[|\]|\/)\s*/g, '$1')
    .trim();

// ─── Incremental updates after a signature ───

export type UpdateKind = 'none' | 'validation_data' | 'content_changed';

export interface UpdateAnalysis {
  kind: UpdateKind;
  /** What the appended update contains, object by object (for the report; no content). */
  objects: { num: number; role: 'dss' | 'validation_data' | 'catalog_dss' | 'xref' | 'other' }[];
}

/**
 * Classifies what was appended after a signed range: only validation data (a /DSS and its streams, a catalogue that
 * differs from the signed one by its /DSS entry only — allowed, PAdES B-LT), or anything else (a change of content).
 */
export function analyseUpdate(bytes: Uint8Array, signedEnd: number, text = latin1(bytes)): UpdateAnalysis {
  if (signedEnd >= bytes.length) return { kind: 'none', objects: [] };
  const tail = text.slice(signedEnd);
  if (/^[\s\0]*$/.test(tail)) return { kind: 'none', objects: [] };
  const appended = objectsIn(text, signedEnd, bytes.length);
  const before = latestObjects(text, signedEnd);
  const objects: UpdateAnalysis['objects'] = [];
  let changed = false;

  // The DSS dictionary (inline in the catalogue, or an indirect object) and the streams it references.
  const validationRefs = new Set<number>();
  let dssNum: number | null = null;
  for (const o of appended) {
    if (/\/Type\s*\/Catalog\b/.test(o.head)) {
      const dss = dictEntry(o.head, 'DSS');
      if (dss && /R$/.test(dss)) dssNum = refsIn(dss)[0];
      else if (dss) for (const r of refsIn(dss)) validationRefs.add(r);
    }
  }
  for (const o of appended) {
    if (o.num === dssNum || /\/Type\s*\/DSS\b/.test(o.head)) {
      for (const r of refsIn(o.head)) validationRefs.add(r);
    }
  }
  // VRI dictionaries reference further streams.
  for (const o of appended) if (validationRefs.has(o.num) && !o.stream) for (const r of refsIn(o.head)) validationRefs.add(r);

  // Objects of the signed revision that were validation data already (an earlier DSS and its streams) may be
  // rewritten; any other object of the signed revision may not, whatever references it.
  const oldValidation = new Set<number>();
  for (const o of before.values()) {
    if (/\/Type\s*\/DSS\b/.test(o.head)) {
      oldValidation.add(o.num);
      for (const r of refsIn(o.head)) oldValidation.add(r);
    }
  }
  const rewritesSigned = (num: number) => before.has(num) && !oldValidation.has(num);

  for (const o of appended) {
    if (/\/Type\s*\/Catalog\b/.test(o.head)) {
      // Compared with the signed revision's catalogue (same object, or the last one if renumbered), leaving out the
      // entries a validation-data update sets: /DSS, and /Extensions (the ESIC extension level PAdES declares).
      const old = before.get(o.num) ?? lastCatalog(before);
      const same = !!old && /\/Type\s*\/Catalog\b/.test(old.head) && withoutEntries(o.head, CATALOG_LTV_KEYS) === withoutEntries(old.head, CATALOG_LTV_KEYS);
      objects.push({ num: o.num, role: same ? 'catalog_dss' : 'other' });
      if (!same) changed = true;
    } else if ((o.num === dssNum || /\/Type\s*\/DSS\b/.test(o.head)) && !rewritesSigned(o.num)) {
      objects.push({ num: o.num, role: 'dss' });
    } else if (/\/Type\s*\/XRef\b/.test(o.head)) {
      objects.push({ num: o.num, role: 'xref' });
    } else if (validationRefs.has(o.num) && !rewritesSigned(o.num) && !/\/Type\s*\/(ObjStm|Page|Pages|Annot|XObject|Font)\b/.test(o.head)) {
      objects.push({ num: o.num, role: 'validation_data' });
    } else {
      objects.push({ num: o.num, role: 'other' });
      changed = true;
    }
  }
  // Bytes outside objects, xref tables and trailers (e.g. raw content) also count as a change.
  const stripped = stripKnown(text, signedEnd, appended);
  if (stripped.trim().length > 0) changed = true;
  if (appended.length === 0) changed = true;
  return { kind: changed ? 'content_changed' : 'validation_data', objects };
}

/** The appended text with its objects, xref sections, trailers and comments removed: what is left is unaccounted for. */
function stripKnown(text: string, from: number, objs: PdfObject[]): string {
  let rest = '';
  let p = from;
  for (const o of objs) {
    rest += text.slice(p, o.at);
    const end = text.indexOf('endobj', o.stream ? o.stream.end : o.at);
    p = end < 0 ? text.length : end + 6;
  }
  rest += text.slice(p);
  return rest
    .replace(/xref\s+(\d+\s+\d+\s+((\d{10}\s+\d{5}\s+[nf]\s*)*))+/g, ' ')
    .replace(/trailer\s*<<[\s\S]*?>>\s*/g, ' ')
    .replace(/startxref\s+\d+/g, ' ')
    .replace(/%[^\r\n]*/g, ' ')
    .replace(/\0/g, ' ');
}

// ─── Document Security Store ───

export interface DssStreams {
  present: boolean;
  certs: PdfObject[];
  crls: PdfObject[];
  ocsps: PdfObject[];
}

/** The streams of the file's current /DSS (the one of the last catalogue). */
export function findDss(bytes: Uint8Array, text = latin1(bytes)): DssStreams {
  if (!text.includes('/DSS')) return { present: false, certs: [], crls: [], ocsps: [] };
  const objs = latestObjects(text, bytes.length);
  let catalog: PdfObject | undefined;
  for (const o of objs.values()) if (/\/Type\s*\/Catalog\b/.test(o.head) && (!catalog || o.at > catalog.at)) catalog = o;
  const none: DssStreams = { present: false, certs: [], crls: [], ocsps: [] };
  if (!catalog) return none;
  const entry = dictEntry(catalog.head, 'DSS');
  if (!entry) return none;
  const dss = /R$/.test(entry) ? objs.get(refsIn(entry)[0])?.head : entry;
  if (!dss) return none;
  const list = (key: string) => {
    let v = dictEntry(dss, key);
    if (v && /R$/.test(v)) v = objs.get(refsIn(v)[0])?.head ?? null;
    return v ? refsIn(v).map((n) => objs.get(n)).filter((o): o is PdfObject => !!o?.stream) : [];
  };
  return { present: true, certs: list('Certs'), crls: list('CRLs'), ocsps: list('OCSPs') };
}
