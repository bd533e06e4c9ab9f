import { describe, expect, it } from 'vitest';
import { TAG, children, content, encode, encodeOid, integerHex, oid, parseDer, time } from '../asn1/der';
import { analyseUpdate, checkRange, findSignatures, isPdf } from './pdf';

const enc = (s: string) => new TextEncoder().encode(s);

describe('DER reader', () => {
  it('reads OIDs, integers and times, and round-trips what it encodes', () => {
    const o = encodeOid('1.2.840.113549.1.9.16.2.47');
    expect(oid(parseDer(o))).toBe('1.2.840.113549.1.9.16.2.47');
    expect(integerHex(parseDer(new Uint8Array([0x02, 0x03, 0x00, 0x9a, 0x01])))).toBe('9A01');
    expect(time(parseDer(encode(TAG.GENERALIZED_TIME, enc('20261202033201.5Z')))).toISOString()).toBe('2026-12-02T03:32:01.500Z');
    expect(time(parseDer(encode(TAG.UTC_TIME, enc('491231235959Z')))).getUTCFullYear()).toBe(2049);
    const long = encode(TAG.OCTET_STRING, new Uint8Array(300));
    expect(content(parseDer(long))).toHaveLength(300);
  });

  it('reads a BER indefinite length (as NSS writes SignedData) and constructed octet strings', () => {
    const ber = new Uint8Array([0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0x61, 0x04, 0x01, 0x62, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00]);
    const seq = parseDer(ber);
    const [str, int] = children(seq);
    expect(new TextDecoder().decode(content(str))).toBe('ab');
    expect(integerHex(int)).toBe('05');
    expect(seq.end).toBe(ber.length);
  });

  it('refuses truncated and over-long values', () => {
    expect(() => parseDer(new Uint8Array([0x30, 0x05, 0x02]))).toThrow();
    expect(() => parseDer(new Uint8Array([0x30, 0x80, 0x02, 0x01, 0x05]))).toThrow();
    expect(() => parseDer(new Uint8Array([0x04, 0x80, 0x00, 0x00]))).toThrow();
  });
});

/** A toy PDF: a catalogue, a page with content, and a signature dictionary with a correct byte range. */
function signedToy() {
  const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\nendobj\n';
  const sigStart = `5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 XXXXXXXXXX YYYYYYYYYY ZZZZZZZZZZ] /Contents <`;
  const hex = '00'.repeat(16);
  const sigEnd = '> >>\nendobj\ntrailer\n<< /Root 1 0 R /Size 6 >>\n%%EOF\n';
  const a = head.length + sigStart.length;
  const c = a + hex.length + 2;
  let s = head + sigStart + hex + sigEnd;
  const total = s.length;
  s = s.replace('XXXXXXXXXX', String(a - 1).padStart(10, '0')).replace('YYYYYYYYYY', String(c - 1).padStart(10, '0')).replace('ZZZZZZZZZZ', String(total - (c - 1)).padStart(10, '0'));
  return s;
}

describe('PDF signature structure', () => {
  it('finds the signature dictionary and checks that the byte range excludes exactly its /Contents', () => {
    const pdf = enc(signedToy());
    expect(isPdf(pdf)).toBe(true);
    expect(isPdf(enc('GIF89a'))).toBe(false);
    const [sig] = findSignatures(pdf);
    expect(sig.subFilter).toBe('ETSI.CAdES.detached');
    expect(checkRange(sig, pdf.length)).toEqual({ consistent: true, problems: [], appendedBytes: 0 });
    expect(checkRange(sig, pdf.length - 1).problems).toContain('beyond_end');
    expect(checkRange({ ...sig, byteRange: [0, sig.byteRange[1] + 2, sig.byteRange[2], sig.byteRange[3]] }, pdf.length).consistent).toBe(false);
  });

  it('a malformed /ByteRange (not four integers) is still a signature, never consistent', () => {
    const five = signedToy().replace(/\/ByteRange \[([^\]]*)\]/, (_m, inner: string) => `/ByteRange [${inner.slice(0, -2)} 0]`);
    const [sig] = findSignatures(enc(five));
    expect(sig.malformed).toBe(true);
    expect(checkRange(sig, five.length).problems).toContain('malformed');
  });

  const base = signedToy();
  const end = base.length;
  const classify = (update: string) => analyseUpdate(enc(base + update), end).kind;

  it('nothing appended, or only whitespace: no update', () => {
    expect(classify('')).toBe('none');
    expect(classify('\n\n')).toBe('none');
  });

  it('a DSS with its streams and the same catalogue plus /DSS: validation data only', () => {
    const u = '6 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n7 0 obj\n<< /Type /DSS /Certs [6 0 R] >>\nendobj\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /DSS 7 0 R >>\nendobj\nxref\n1 1\n0000000000 00000 n \ntrailer\n<< /Root 1 0 R /Size 8 /Prev 0 >>\nstartxref\n0\n%%EOF\n';
    expect(classify(u)).toBe('validation_data');
  });

  it('the catalogue may also declare the PAdES extension level (/Extensions ESIC) in a DSS update', () => {
    const u = '7 0 obj\n<< /Type /DSS /Certs [] >>\nendobj\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /DSS 7 0 R /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >> >>\nendobj\n';
    expect(classify(u)).toBe('validation_data');
  });

  it('a page content rewritten: content changed', () => {
    expect(classify('4 0 obj\n<< /Length 5 >>\nstream\nHELLO\nendstream\nendobj\n')).toBe('content_changed');
  });

  it('a catalogue that changes more than its /DSS: content changed', () => {
    expect(classify('7 0 obj\n<< /Type /DSS /Certs [] >>\nendobj\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /DSS 7 0 R /OpenAction 3 0 R >>\nendobj\n')).toBe('content_changed');
  });

  it('a signed object rewritten and disguised as a DSS stream: content changed', () => {
    const u = '4 0 obj\n<< /Length 5 >>\nstream\nHELLO\nendstream\nendobj\n7 0 obj\n<< /Type /DSS /Certs [4 0 R] >>\nendobj\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /DSS 7 0 R >>\nendobj\n';
    expect(classify(u)).toBe('content_changed');
  });

  it('bytes outside any object: content changed', () => {
    expect(classify('BT (injected) Tj ET\n')).toBe('content_changed');
  });
});
