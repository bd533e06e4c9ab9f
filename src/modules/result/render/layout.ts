/**
 * The parts every page MotCua issues shares (Decree 30/2020/NĐ-CP layout of an administrative document): the A4
 * margins, the two-column heading — the issuing agency (tên cơ quan) on the left, the national name and motto
 * (quốc hiệu, tiêu ngữ) on the right —, the verification QR block and the footer. Results, certified copies and,
 * later, receipts draw their own body between them.
 */
import { PAGE, type PageCanvas } from './pdf';

export const mm = (v: number) => (v * 72) / 25.4;
export const MARGINS = { top: mm(20), left: mm(30), right: mm(20), bottom: mm(18) };

/** The page's text column and its left (agency) and right (motto, signature) halves. */
export interface Columns {
  x: number;
  width: number;
  leftW: number;
  rightX: number;
  rightW: number;
}

export function columns(): Columns {
  const x = MARGINS.left;
  const width = PAGE.width - MARGINS.left - MARGINS.right;
  const leftW = width * 0.42;
  return { x, width, leftW, rightX: x + leftW + mm(3), rightW: width - leftW - mm(3) };
}

/**
 * Draws the heading; returns where each column ends. `number` (Số: …) goes under the agency's name.
 */
export function drawHeading(page: PageCanvas, c: Columns, agency: { name: string; parentName: string | null }, number?: string): { ly: number; ry: number } {
  let ly = MARGINS.top;
  if (agency.parentName) ly = page.paragraph(agency.parentName.toLocaleUpperCase('vi'), c.x, ly, c.leftW, 'regular', 11, { align: 'center', lineHeight: 14 });
  ly = page.paragraph(agency.name.toLocaleUpperCase('vi'), c.x, ly, c.leftW, 'bold', 11, { align: 'center', lineHeight: 14 });
  page.line(c.x + c.leftW * 0.33, ly + 2, c.x + c.leftW * 0.67, ly + 2);
  if (number === undefined) ly += 10;
  else {
    ly += 8;
    page.text(`Số: ${number}`, c.x, ly, 'regular', 11.5, { width: c.leftW, align: 'center' });
    ly += 16;
  }

  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const nationSize = Math.min(12, Math.floor((12 * c.rightW * 10) / page.width(nation, 'bold', 12)) / 10);
  let ry = MARGINS.top;
  page.text(nation, c.rightX, ry, 'bold', nationSize, { width: c.rightW, align: 'center' });
  ry += 15;
  page.text('Độc lập - Tự do - Hạnh phúc', c.rightX, ry, 'bold', 12.5, { width: c.rightW, align: 'center', underline: true });
  ry += 26;
  return { ly, ry };
}

/** The QR code to the verification page, its caption and the verification code, at the left from `y`. */
export function drawVerification(page: PageCanvas, c: Columns, y: number, v: { url: string; code: string; caption: string }): void {
  const qr = mm(30);
  page.qr(v.url, c.x, y, qr);
  page.paragraph(v.caption, c.x, y + qr + 2, qr + mm(30), 'italic', 9);
  page.paragraph(`Mã xác thực: ${v.code}`, c.x, y + qr + 14, c.leftW + mm(10), 'regular', 9);
}

/** The footer: a rule, the legal note and, for a demo installation, the warning `demoGap` points below it. */
export function drawFooter(page: PageCanvas, c: Columns, note: string, demo: boolean, demoGap: number): void {
  const footY = PAGE.height - MARGINS.bottom - 30;
  page.line(c.x, footY - 4, c.x + c.width, footY - 4, 0.4);
  page.paragraph(note, c.x, footY, c.width, 'italic', 9, { lineHeight: 11 });
  if (demo) page.paragraph('BẢN THỬ NGHIỆM (DEMO) — ký bằng chứng thư thử nghiệm, không có giá trị pháp lý.', c.x, footY + demoGap, c.width, 'bold', 9, { lineHeight: 11 });
}
