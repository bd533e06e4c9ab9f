/**
 * The electronic certified copy from an original (bản sao điện tử được chứng thực từ bản chính, Decree 23/2015/NĐ-CP
 * as amended): the pages of the scan (a PDF's pages, or a JPEG/PNG on an A4 page) followed by the certification
 * page — the statement "Chứng thực bản sao đúng với bản chính", the certification number and book, the date in
 * Vietnamese, the certifying officer and agency, and a QR code to the verification page. Signed like a result.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { vnDateLine, vnDateParts } from '../../../shared/result/format';
import { PAGE, PageCanvas, plainPdf } from './pdf';
import { loadPdf, UnreadablePdf } from './existing';
import { columns, drawFooter, drawHeading, drawVerification, mm } from './layout';

export type ScanType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** Most pages of a scan. */
export const MAX_SCAN_PAGES = 200;

/** The type of a scan by its first bytes (never by its name). */
export function scanTypeOf(bytes: Uint8Array): ScanType | null {
  const b = Buffer.from(bytes.subarray(0, 8));
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export class UnsupportedScan extends Error {}

export interface CertificationContext {
  documentName: string;
  pages: number;
  seq: number;
  book: string;
  at: Date;
  place: string;
  agency: { name: string; parentName: string | null };
  officer: string;
  verifyUrl: string;
  verificationCode: string;
  demo: boolean;
}

/** The certification page (lời chứng). */
export function renderCertification(c: CertificationContext): PageCanvas {
  const page = new PageCanvas();
  const cols = columns();
  const { x, width, rightX, rightW } = cols;
  const { ly, ry } = drawHeading(page, cols, c.agency);

  let y = Math.max(ly, ry) + 30;
  y = page.paragraph('LỜI CHỨNG CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH', x, y, width, 'bold', 15, { align: 'center', lineHeight: 20 });
  y = page.paragraph('(Bản sao điện tử)', x, y, width, 'italic', 12, { align: 'center' }) + 18;
  y = page.paragraph('Chứng thực bản sao đúng với bản chính.', x, y, width, 'bold', 13.5, { lineHeight: 19 }) + 6;
  y = page.paragraph(`Giấy tờ, văn bản: ${c.documentName} (${c.pages} trang, kèm theo trước trang này).`, x, y, width, 'regular', 12.5) + 4;
  y = page.paragraph(`Số chứng thực: ${c.seq}        Quyển số: ${c.book}`, x, y, width, 'regular', 12.5) + 4;
  y = page.paragraph(`${c.place}, ${vnDateLine(vnDateParts(c.at))}`, x, y, width, 'italic', 12.5) + 4;
  y = page.paragraph(`Người thực hiện chứng thực: ${c.officer}`, x, y, width, 'regular', 12.5) + 4;
  y = page.paragraph(`Cơ quan thực hiện chứng thực: ${c.agency.name}`, x, y, width, 'regular', 12.5) + 24;

  let sy = y;
  page.text('NGƯỜI THỰC HIỆN CHỨNG THỰC', rightX, sy, 'bold', 12, { width: rightW, align: 'center' });
  sy += 18;
  page.text('(Đã ký số)', rightX, sy, 'italic', 12, { width: rightW, align: 'center' });
  sy = page.paragraph(c.officer, rightX, sy + 20, rightW, 'bold', 12, { align: 'center' });

  drawVerification(page, cols, y, { url: c.verifyUrl, code: c.verificationCode, caption: 'Quét mã để xác thực bản sao điện tử' });
  drawFooter(
    page,
    cols,
    `Bản sao điện tử được ký số bởi ${c.agency.name}; có giá trị sử dụng thay cho bản chính trong các giao dịch, trừ khi pháp luật quy định khác. Xác thực tại ${c.verifyUrl.split('?')[0]}.`,
    c.demo,
    24,
  );
  return page;
}

/** Reads the scan into a new document (its pages, annotations dropped; or the image on an A4 page). */
export async function scanDocument(bytes: Uint8Array, type: ScanType): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  try {
    if (type === 'application/pdf') {
      const src = await loadPdf(bytes);
      const count = src.getPageCount();
      if (count === 0 || count > MAX_SCAN_PAGES) throw new UnsupportedScan(`pages: ${count}`);
      for (const p of await doc.copyPages(src, src.getPageIndices())) {
        p.node.delete(PDFName.of('Annots'));
        doc.addPage(p);
      }
    } else {
      const image = type === 'image/jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
      const page = doc.addPage([PAGE.width, PAGE.height]);
      const margin = mm(10);
      const scale = Math.min((PAGE.width - 2 * margin) / image.width, (PAGE.height - 2 * margin) / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      page.drawImage(image, { x: (PAGE.width - w) / 2, y: (PAGE.height - h) / 2, width: w, height: h });
    }
  } catch (err) {
    if (err instanceof UnsupportedScan) throw err;
    if (err instanceof UnreadablePdf) throw new UnsupportedScan(err.message);
    throw new UnsupportedScan((err as Error).message);
  }
  return doc;
}

/** The copy: scan pages, then the certification page; unsigned (the caller signs it). */
export async function certifiedCopy(doc: PDFDocument, c: CertificationContext, info: { title: string; author: string }): Promise<PDFDocument> {
  const statement = await PDFDocument.load(plainPdf(renderCertification(c), { title: info.title, author: info.author, subject: 'Lời chứng chứng thực bản sao' }, c.at));
  const [page] = await doc.copyPages(statement, [0]);
  doc.addPage(page);
  doc.setTitle(info.title, { showInWindowTitleBar: false });
  doc.setAuthor(info.author);
  doc.setSubject(`Bản sao điện tử được chứng thực từ bản chính — số ${c.seq}, quyển số ${c.book}`);
  doc.setKeywords(['certified-copy', c.verificationCode]);
  doc.setCreator('MotCua');
  doc.setProducer('MotCua result module');
  doc.setCreationDate(c.at);
  doc.setModificationDate(c.at);
  doc.setLanguage('vi-VN');
  return doc;
}
