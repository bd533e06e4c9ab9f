/**
 * A one-page A4 PDF writer for result documents: text with the embedded fonts, lines, a QR code drawn as vector
 * modules, and a signature field whose /Contents placeholder and /ByteRange are filled by the signer; then an
 * incremental update with the /DSS (PAdES B-LT validation data).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { FIRST_FONT_OBJECT, FONT_OBJECT_COUNT, FONT_RESOURCE, fontObjectNumber, preparedFonts, textWidth, type FontStyle } from './fonts';

export const PAGE = { width: 595.28, height: 841.89 };
const ASCENT = 0.928;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

export type Align = 'left' | 'center' | 'right';

/** Draws on one page, in points from the top-left corner. */
export class PageCanvas {
  private readonly ops: string[] = [];
  private readonly fonts = preparedFonts().fonts;

  width(text: string, style: FontStyle, size: number): number {
    return textWidth(this.fonts[style], text, size);
  }

  /** One line of text whose top is at `top`. */
  text(text: string, x: number, top: number, style: FontStyle, size: number, opts: { width?: number; align?: Align; underline?: boolean } = {}): void {
    const w = this.width(text, style, size);
    let tx = x;
    if (opts.width !== undefined && opts.align === 'center') tx = x + (opts.width - w) / 2;
    else if (opts.width !== undefined && opts.align === 'right') tx = x + opts.width - w;
    const baseline = PAGE.height - top - ASCENT * size;
    this.ops.push(`BT /${FONT_RESOURCE[style]} ${num(size)} Tf ${num(tx)} ${num(baseline)} Td <${this.fonts[style].hex(text)}> Tj ET`);
    if (opts.underline) this.line(tx, top + size * 1.12, tx + w, top + size * 1.12, 0.6);
  }

  /** Wraps text to `width`; returns the top of the next line. */
  paragraph(text: string, x: number, top: number, width: number, style: FontStyle, size: number, opts: { align?: Align; lineHeight?: number; indent?: number } = {}): number {
    const lh = opts.lineHeight ?? size * 1.35;
    for (const line of this.wrap(text, width, style, size, opts.indent ?? 0)) {
      const first = line.first ? (opts.indent ?? 0) : 0;
      this.text(line.text, x + first, top, style, size, { width: width - first, align: opts.align ?? 'left' });
      top += lh;
    }
    return top;
  }

  wrap(text: string, width: number, style: FontStyle, size: number, indent = 0): Array<{ text: string; first: boolean }> {
    const out: Array<{ text: string; first: boolean }> = [];
    const space = this.width(' ', style, size);
    for (const para of text.split('\n')) {
      let line = '';
      let lineW = 0;
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const w = this.width(word, style, size);
        const avail = width - (out.length === 0 ? indent : 0);
        if (line && lineW + space + w > avail) {
          out.push({ text: line, first: out.length === 0 });
          line = word;
          lineW = w;
        } else {
          line = line ? `${line} ${word}` : word;
          lineW = line === word ? w : lineW + space + w;
        }
      }
      out.push({ text: line, first: out.length === 0 });
    }
    return out;
  }

  line(x1: number, y1: number, x2: number, y2: number, w = 0.6): void {
    this.ops.push(`${num(w)} w ${num(x1)} ${num(PAGE.height - y1)} m ${num(x2)} ${num(PAGE.height - y2)} l S`);
  }

  rect(x: number, top: number, w: number, h: number, lineWidth = 0.6): void {
    this.ops.push(`${num(lineWidth)} w ${num(x)} ${num(PAGE.height - top - h)} ${num(w)} ${num(h)} re S`);
  }

  /** A QR code (error correction M, 4-module quiet zone), `size` points wide, as filled rectangles. */
  qr(text: string, x: number, top: number, size: number): void {
    // A fixed mask pattern skips the evaluation of the eight masks (any mask is valid; this saves most of the time).
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 2 });
    const n = modules.size + 8;
    const m = size / n;
    const cells: string[] = [];
    // One rectangle per horizontal run of dark modules.
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; ) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        let e = c;
        while (e < modules.size && modules.get(r, e)) e++;
        cells.push(`${num(x + (c + 4) * m)} ${num(PAGE.height - top - (r + 5) * m)} ${num((e - c) * m)} ${num(m)} re`);
        c = e;
      }
    }
    this.ops.push(`q 0 g ${cells.join(' ')} f Q`);
  }

  content(): Buffer {
    return Buffer.from(this.ops.join('\n'), 'latin1');
  }
}

/** A PDF text string: literal for ASCII, UTF-16BE with BOM otherwise. */
export function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<FEFF${Buffer.from(s.normalize('NFC'), 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSS+07'00' (the time in Vietnam). */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `D:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+07'00'`;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
}
export interface SignatureInfo {
  /** Claimed signing time (/M), the signing time of PAdES (no signing-time attribute in the CMS). */
  at: Date;
  name: string;
  reason: string;
  location: string;
}

/** Bytes reserved for the CMS signature (hex doubles it in the file). */
export const SIGNATURE_RESERVE = 12_000;

export interface PreparedPdf {
  bytes: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit of /Contents. */
  contentsAt: number;
  xrefAt: number;
  id: string;
}

const O = { catalog: 1, pages: 2, page: FIRST_FONT_OBJECT + FONT_OBJECT_COUNT, contents: FIRST_FONT_OBJECT + FONT_OBJECT_COUNT + 1, info: FIRST_FONT_OBJECT + FONT_OBJECT_COUNT + 2, sig: FIRST_FONT_OBJECT + FONT_OBJECT_COUNT + 3, widget: FIRST_FONT_OBJECT + FONT_OBJECT_COUNT + 4 };
const SIZE = O.widget + 1;
const catalogBody = (extra = '') => `<< /Type /Catalog /Pages ${O.pages} 0 R /AcroForm << /Fields [${O.widget} 0 R] /SigFlags 3 >> /Lang (vi-VN)${extra} >>`;

/** The whole file up to the signature, with a zero-filled /Contents and the final /ByteRange written in. */
export function preparePdf(page: PageCanvas, info: DocumentInfo, sig: SignatureInfo): PreparedPdf {
  const fonts = preparedFonts();
  const parts: Buffer[] = [];
  const offsets: number[] = new Array(SIZE).fill(0);
  let at = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  const obj = (n: number, body: string | Buffer) => {
    offsets[n] = at;
    push(Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]));
  };
  push(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  obj(O.catalog, catalogBody());
  obj(O.pages, `<< /Type /Pages /Kids [${O.page} 0 R] /Count 1 >>`);
  const fontsAt = at;
  fonts.offsets.forEach((o, i) => (offsets[FIRST_FONT_OBJECT + i] = fontsAt + o));
  push(fonts.bytes);
  const fontRes = (['regular', 'bold', 'italic'] as const).map((s) => `/${FONT_RESOURCE[s]} ${fontObjectNumber(s)} 0 R`).join(' ');
  obj(O.page, `<< /Type /Page /Parent ${O.pages} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << ${fontRes} >> >> /Contents ${O.contents} 0 R /Annots [${O.widget} 0 R] >>`);
  const content = deflateSync(page.content());
  obj(O.contents, Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
  obj(O.info, `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Subject ${pdfString(info.subject)}${info.keywords ? ` /Keywords ${pdfString(info.keywords)}` : ''} /Creator (MotCua) /Producer (MotCua result module) /CreationDate (${pdfDate(sig.at)}) /ModDate (${pdfDate(sig.at)}) >>`);
  // The signature dictionary: ByteRange placeholder of fixed width, Contents of SIGNATURE_RESERVE zero bytes.
  const brPlaceholder = `/ByteRange [0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;
  const sigHead = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${brPlaceholder} /Contents <`;
  const sigTail = `> /M (${pdfDate(sig.at)}) /Name ${pdfString(sig.name)} /Reason ${pdfString(sig.reason)} /Location ${pdfString(sig.location)} >>`;
  offsets[O.sig] = at;
  const sigObjHead = Buffer.from(`${O.sig} 0 obj\n${sigHead}`, 'latin1');
  const brAt = at + sigObjHead.indexOf('/ByteRange [') + '/ByteRange ['.length;
  const contentsAt = at + sigObjHead.length;
  push(sigObjHead);
  push(Buffer.alloc(SIGNATURE_RESERVE * 2, 0x30));
  const contentsEnd = at;
  push(Buffer.from(`${sigTail}\nendobj\n`, 'latin1'));
  obj(O.widget, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Chu ky so 1) /V ${O.sig} 0 R /F 132 /Rect [0 0 0 0] /P ${O.page} 0 R >>`);
  const xrefAt = at;
  const id = randomBytes(16).toString('hex');
  let xref = `xref\n0 ${SIZE}\n0000000000 65535 f \n`;
  for (let n = 1; n < SIZE; n++) xref += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  push(Buffer.from(`${xref}trailer\n<< /Size ${SIZE} /Root ${O.catalog} 0 R /Info ${O.info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  const bytes = Buffer.concat(parts, at);
  // '<' is just before contentsAt, '>' at contentsEnd: the signed ranges exclude both and the hex in between.
  const byteRange: [number, number, number, number] = [0, contentsAt - 1, contentsEnd + 1, bytes.length - contentsEnd - 1];
  const br = `0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}`.padEnd(34, ' ');
  bytes.write(br, brAt, 'latin1');
  return { bytes, byteRange, contentsAt, xrefAt, id };
}

/** The bytes the signature covers. */
export function signedBytes(p: PreparedPdf): Buffer {
  const [a, b, c, d] = p.byteRange;
  return Buffer.concat([p.bytes.subarray(a, a + b), p.bytes.subarray(c, c + d)]);
}

/** Writes the CMS into the placeholder. */
export function embedSignature(p: PreparedPdf, cms: Uint8Array): void {
  if (cms.length > SIGNATURE_RESERVE) throw new Error(`signature of ${cms.length} bytes exceeds the reserved ${SIGNATURE_RESERVE}`);
  p.bytes.write(Buffer.from(cms).toString('hex'), p.contentsAt, 'latin1');
}

/** Compressed stream bodies of the validation data (the same certificates and CRL in every result). */
const dssStreams = new WeakMap<Uint8Array, Buffer>();

/** Appends an incremental update with the /DSS: certificates and CRLs (PAdES B-LT). */
export function appendDss(p: PreparedPdf, data: { certs: Uint8Array[]; crls: Uint8Array[] }): Buffer {
  const parts: Buffer[] = [p.bytes];
  let at = p.bytes.length;
  const entries: Array<[number, number]> = [];
  const obj = (n: number, body: Buffer) => {
    entries.push([n, at]);
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    at += b.length;
  };
  const streamBody = (data: Uint8Array) => {
    let body = dssStreams.get(data);
    if (!body) {
      const z = deflateSync(data);
      body = Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, 'latin1'), z, Buffer.from('\nendstream', 'latin1')]);
      dssStreams.set(data, body);
    }
    return body;
  };
  let next = SIZE;
  const dssNo = next++;
  const certNos = data.certs.map(() => next++);
  const crlNos = data.crls.map(() => next++);
  obj(O.catalog, Buffer.from(catalogBody(` /DSS ${dssNo} 0 R /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>`), 'latin1'));
  obj(dssNo, Buffer.from(`<< /Type /DSS /Certs [${certNos.map((n) => `${n} 0 R`).join(' ')}]${crlNos.length ? ` /CRLs [${crlNos.map((n) => `${n} 0 R`).join(' ')}]` : ''} >>`, 'latin1'));
  data.certs.forEach((c, i) => obj(certNos[i], streamBody(c)));
  data.crls.forEach((c, i) => obj(crlNos[i], streamBody(c)));
  const xrefAt = at;
  entries.sort((a, b) => a[0] - b[0]);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  // Subsections of consecutive object numbers.
  for (let i = 0; i < entries.length; ) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1][0] === entries[j][0] + 1) j++;
    xref += `${entries[i][0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(entries[k][1]).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${next} /Root ${O.catalog} 0 R /Info ${O.info} 0 R /ID [<${p.id}> <${p.id}>] /Prev ${p.xrefAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The page as a complete unsigned one-page PDF (the certification page of a certified copy, merged by pdf-lib). */
export function plainPdf(page: PageCanvas, info: DocumentInfo, at: Date): Buffer {
  const fonts = preparedFonts();
  const parts: Buffer[] = [];
  const size = O.info + 1;
  const offsets: number[] = new Array(size).fill(0);
  let pos = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    pos += b.length;
  };
  const obj = (n: number, body: string | Buffer) => {
    offsets[n] = pos;
    push(Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]));
  };
  push(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  obj(O.catalog, `<< /Type /Catalog /Pages ${O.pages} 0 R /Lang (vi-VN) >>`);
  obj(O.pages, `<< /Type /Pages /Kids [${O.page} 0 R] /Count 1 >>`);
  const fontsAt = pos;
  fonts.offsets.forEach((o, i) => (offsets[FIRST_FONT_OBJECT + i] = fontsAt + o));
  push(fonts.bytes);
  const fontRes = (['regular', 'bold', 'italic'] as const).map((s) => `/${FONT_RESOURCE[s]} ${fontObjectNumber(s)} 0 R`).join(' ');
  obj(O.page, `<< /Type /Page /Parent ${O.pages} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << ${fontRes} >> >> /Contents ${O.contents} 0 R >>`);
  const content = deflateSync(page.content());
  obj(O.contents, Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
  obj(O.info, `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Subject ${pdfString(info.subject)} /Creator (MotCua) /CreationDate (${pdfDate(at)}) >>`);
  const xrefAt = pos;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) xref += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  push(Buffer.from(`${xref}trailer\n<< /Size ${size} /Root ${O.catalog} 0 R /Info ${O.info} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts, pos);
}
