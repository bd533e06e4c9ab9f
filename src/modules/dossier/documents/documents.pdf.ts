/**
 * Forms 01–06 as A4 PDF with pdfkit: the national heading, embedded DejaVu Serif (full Vietnamese coverage),
 * metadata (title, author = agency, language vi) and, past one page, page numbers.
 */
import PDFDocument from 'pdfkit';
import { buildFormDocument, type Block, type FormDocument, type SignatureBlock } from './documents.content';
import { serifFonts, type FontStyle } from './documents.fonts';
import { isWebAddress } from './documents.format';
import { qrPng } from './documents.qr';
import type { DocumentForm, FormDataMap } from './documents.types';

type Doc = PDFKit.PDFDocument;

const mm = (v: number) => (v * 72) / 25.4;

/** Decree 30/2020/NĐ-CP, Annex I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(20) };
const BODY_SIZE = 12;
const TABLE_SIZE = 10;
const QR_SIZE = mm(28);
/** Room for a handwritten signature (and a seal). */
const SIGNATURE_SPACE = 56;

const font = (doc: Doc, style: FontStyle, size: number) => doc.font(style).fontSize(size);
const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Start a new page unless `height` points still fit. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** The largest size up to `max` at which `text` fits on one line of `width`. */
function fitSize(doc: Doc, style: FontStyle, text: string, max: number, width: number): number {
  const w = font(doc, style, max).widthOfString(text);
  return w <= width ? max : Math.floor((max * width * 10) / w) / 10;
}

function drawHeading(doc: Doc, d: FormDocument): void {
  const x = left(doc);
  const width = contentWidth(doc);
  font(doc, 'bold', 10).text(d.formLabel, x, doc.y, { width, align: 'right' });

  const top = doc.y + 6;
  const leftW = width * 0.42;
  const rightX = x + leftW + mm(3);
  const rightW = width - leftW - mm(3);

  font(doc, 'regular', 11.5).text(d.issuer.agency, x, top, { width: leftW, align: 'center' });
  font(doc, 'bold', 11.5).text(d.issuer.unit, x, doc.y, { width: leftW, align: 'center' });
  const ruleY = doc.y + 2;
  doc.moveTo(x + leftW * 0.33, ruleY).lineTo(x + leftW * 0.67, ruleY).lineWidth(0.6).stroke();
  doc.y = ruleY + 4;
  if (d.documentNumber) font(doc, 'regular', 11.5).text(d.documentNumber, x, doc.y, { width: leftW, align: 'center' });
  const leftEnd = doc.y;

  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const nationSize = fitSize(doc, 'bold', nation, 12, rightW);
  font(doc, 'bold', nationSize).text(nation, rightX, top, { width: rightW, align: 'center' });
  font(doc, 'bold', 12.5).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, {
    width: rightW,
    align: 'center',
    underline: true,
  });
  font(doc, 'italic', 12).text(d.placeDate, rightX, doc.y + 10, { width: rightW, align: 'center' });

  doc.x = x;
  doc.y = Math.max(leftEnd, doc.y) + 16;
}

function drawTitle(doc: Doc, d: FormDocument): void {
  const opts = { width: contentWidth(doc), align: 'center' as const };
  font(doc, 'bold', 14).text(d.title, left(doc), doc.y, opts);
  if (d.subtitle) font(doc, 'bold', BODY_SIZE).text(d.subtitle, left(doc), doc.y + 2, opts);
  if (d.addressee) font(doc, 'regular', BODY_SIZE).text(d.addressee, left(doc), doc.y + 8, opts);
  doc.y += 10;
}

/** A table with a caption; the header row is repeated on each new page and rows are never split. */
function drawTable(doc: Doc, b: Extract<Block, { kind: 'table' }>): void {
  const x = left(doc);
  const total = b.columns.reduce((s, c) => s + c.weight, 0);
  const widths = b.columns.map((c) => (contentWidth(doc) * c.weight) / total);
  const pad = 3;
  const measure = (cells: string[], style: FontStyle) => {
    font(doc, style, TABLE_SIZE);
    const heights = cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i] - 2 * pad }));
    return Math.max(...heights) + 2 * pad;
  };
  const draw = (cells: string[], style: FontStyle, header: boolean) => {
    const h = measure(cells, style);
    const y = doc.y;
    let cx = x;
    cells.forEach((t, i) => {
      doc.lineWidth(0.6).rect(cx, y, widths[i], h).stroke();
      const align = header || b.columns[i].align === 'center' ? 'center' : 'left';
      font(doc, style, TABLE_SIZE).text(t, cx + pad, y + pad, { width: widths[i] - 2 * pad, align });
      cx += widths[i];
    });
    doc.x = x;
    doc.y = y + h;
  };
  const headers = b.columns.map((c) => c.header);
  const headerHeight = measure(headers, 'bold');

  font(doc, 'bold', BODY_SIZE);
  const captionHeight = doc.heightOfString(b.caption) + 3;
  ensureSpace(doc, captionHeight + headerHeight + (b.rows[0] ? measure(b.rows[0], 'regular') : 0));
  font(doc, 'bold', BODY_SIZE).text(b.caption, x, doc.y);
  doc.y += 3;
  draw(headers, 'bold', true);
  for (const row of b.rows) {
    if (doc.y + measure(row, 'regular') > bottom(doc)) {
      doc.addPage();
      draw(headers, 'bold', true);
    }
    draw(row, 'regular', false);
  }
  doc.y += 8;
}

function drawQr(doc: Doc, b: Extract<Block, { kind: 'qr' }>, png: Buffer): void {
  ensureSpace(doc, QR_SIZE);
  const x = left(doc);
  const y = doc.y;
  doc.image(png, x, y, { width: QR_SIZE, height: QR_SIZE });
  const textX = x + QR_SIZE + mm(4);
  const textW = contentWidth(doc) - QR_SIZE - mm(4);
  font(doc, 'regular', BODY_SIZE).text(b.label, textX, y + mm(7), { width: textW });
  const link = isWebAddress(b.url) ? b.url : undefined;
  font(doc, 'bold', BODY_SIZE).text(b.url, textX, doc.y + 2, { width: textW, link });
  doc.x = x;
  doc.y = Math.max(doc.y, y + QR_SIZE) + 6;
}

function drawBlock(doc: Doc, b: Block, qr: Map<string, Buffer>): void {
  const x = left(doc);
  const width = contentWidth(doc);
  switch (b.kind) {
    case 'heading':
      ensureSpace(doc, 40);
      font(doc, 'bold', BODY_SIZE).text(b.text, x, doc.y + 4, { width });
      doc.y += 2;
      return;
    case 'paragraph':
      font(doc, 'regular', BODY_SIZE).text(b.text, x, doc.y, { width, align: 'justify', paragraphGap: 4 });
      return;
    case 'fields':
      for (const f of b.fields) {
        font(doc, 'regular', BODY_SIZE).text(`${f.label}: `, x, doc.y, { width, continued: true });
        font(doc, 'bold', BODY_SIZE).text(f.value, { paragraphGap: 2 });
      }
      doc.y += 4;
      return;
    case 'list':
      b.items.forEach((item, i) => {
        const opts = { width: width - mm(5), paragraphGap: 2 };
        font(doc, 'regular', BODY_SIZE).text(`${i + 1}. ${item}`, x + mm(5), doc.y, opts);
      });
      doc.y += 4;
      return;
    case 'table':
      drawTable(doc, b);
      return;
    case 'qr':
      drawQr(doc, b, qr.get(b.url)!);
      return;
  }
}

function drawSignatures(doc: Doc, signers: SignatureBlock[]): void {
  if (!signers.length) return;
  const width = contentWidth(doc) / 2;
  const opts = { width, align: 'center' as const };
  const height = (s: SignatureBlock) =>
    font(doc, 'bold', BODY_SIZE).heightOfString(s.capacity, opts) +
    font(doc, 'italic', 11).heightOfString(s.hint, opts) +
    SIGNATURE_SPACE +
    font(doc, 'bold', BODY_SIZE).heightOfString(s.name, opts);
  ensureSpace(doc, 10 + Math.max(...signers.map(height)));
  const top = doc.y + 10;
  // A single signer stands on the right, as on Vietnamese administrative documents.
  const slots = signers.length === 1 ? [1] : [0, 1];
  let end = top;
  signers.slice(0, 2).forEach((s, i) => {
    const x = left(doc) + slots[i] * width;
    font(doc, 'bold', BODY_SIZE).text(s.capacity, x, top, opts);
    font(doc, 'italic', 11).text(s.hint, x, doc.y, opts);
    font(doc, 'bold', BODY_SIZE).text(s.name, x, doc.y + SIGNATURE_SPACE, opts);
    end = Math.max(end, doc.y);
  });
  doc.x = left(doc);
  doc.y = end;
}

/**
 * Decree 30/2020/NĐ-CP, Annex I: page numbers in Arabic numerals, centred in the top margin, none on the first page.
 * Written after layout, into the buffered pages, with the margin lifted so that pdfkit does not open a new page.
 */
function numberPages(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const saved = margins.top;
    margins.top = 0;
    font(doc, 'regular', 12).text(String(i + 1), margins.left, mm(10), {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    margins.top = saved;
  }
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Form 01–06 as an A4 PDF. */
export async function renderFormPdf<F extends DocumentForm>(form: F, data: FormDataMap[F]): Promise<Buffer> {
  const d = buildFormDocument(form, data);
  const qr = new Map<string, Buffer>();
  for (const b of d.blocks) if (b.kind === 'qr' && !qr.has(b.url)) qr.set(b.url, await qrPng(b.url));

  const fonts = serifFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'vi',
    displayTitle: true,
    info: {
      Title: d.meta.title,
      Author: d.meta.author,
      Subject: d.meta.subject,
      Keywords: d.meta.keywords,
      Creator: 'MotCua',
      // The document's own date, so that the same input gives the same file.
      CreationDate: data.issuedAt,
    },
  });
  const done = collect(doc);
  for (const style of ['regular', 'bold', 'italic'] as const) doc.registerFont(style, fonts[style]);

  drawHeading(doc, d);
  drawTitle(doc, d);
  for (const b of d.blocks) drawBlock(doc, b, qr);
  drawSignatures(doc, d.signers);
  numberPages(doc);
  doc.end();
  return done;
}
