/**
 * The electronic receipt for fees and charges (biên lai điện tử thu phí, lệ phí; Decree 123/2020/NĐ-CP as amended
 * by Decree 70/2025/NĐ-CP) as one A4 page, on the result pages' layout: the collecting agency and the national
 * heading, the title, the form (mẫu số), series (ký hiệu) and number (số), the payer, the dossier and procedure,
 * the fees and charges with their amounts, the total in figures and in words, how and with which reference it was
 * paid, the date and the collector's digital signature, the verification QR code and the footer.
 *
 * The amounts are shown in figures with dot separators under "Số tiền (đồng)": the page's fonts have no đồng sign
 * (₫), so `formatVnd` is for the web app, not for this page.
 */
import { groupThousands, vndInWords } from '../../../shared/payment/words';
import { vnDateLine, vnDateParts } from '../../../shared/result/format';
import type { FontStyle } from './fonts';
import { PAGE, PageCanvas, type Align } from './pdf';
import { columns, drawFooter, drawHeading, drawVerification, MARGINS, mm } from './layout';

export interface ReceiptContext {
  /** The collecting agency (đơn vị thu). */
  agency: { name: string; parentName: string | null };
  /** Mẫu số, e.g. "01BLP0-001". */
  form: string;
  /** Ký hiệu, e.g. "BL-26E". */
  series: string;
  /** Số, e.g. "0000123". */
  number: string;
  /** Shown in Vietnam time (UTC+7). */
  issuedAt: Date;
  payer: { name: string; address?: string | null; idNumber?: string | null };
  dossierCode: string;
  procedureName: string;
  /** Tên loại phí, lệ phí and the amount in whole VND. */
  lines: { label: string; amountVnd: number }[];
  totalVnd: number;
  /** Hình thức thanh toán, e.g. "Chuyển khoản (VietQR)". */
  method: string;
  /** The payment id or bank reference. */
  paymentRef: string;
  verification: { url: string; code: string };
  demo: boolean;
}

const SIZE = 11.5;
const LH = SIZE * 1.3;
const TABLE_SIZE = 11;
const TABLE_LH = TABLE_SIZE * 1.3;
const CELL_PAD = 3;
/** Between the items of the form, series and number line. */
const ITEM_GAP = mm(8);

/** Breaks a word wider than `width` (a reference, a code) into pieces that fit, so that it wraps instead of overflowing. */
function fitWords(page: PageCanvas, text: string, width: number, style: FontStyle, size: number): string {
  return text
    .split('\n')
    .map((para) =>
      para
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => {
          if (page.width(word, style, size) <= width) return word;
          const pieces: string[] = [];
          let piece = '';
          for (const ch of word) {
            if (piece && page.width(piece + ch, style, size) > width) {
              pieces.push(piece);
              piece = ch;
            } else piece += ch;
          }
          pieces.push(piece);
          return pieces.join(' ');
        })
        .join(' '),
    )
    .join('\n');
}

/** A wrapped paragraph whose long words are broken too; returns the top of the next line. */
function para(page: PageCanvas, text: string, x: number, y: number, width: number, style: FontStyle, size: number, opts: { align?: Align; lineHeight?: number } = {}): number {
  return page.paragraph(fitWords(page, text, width, style, size), x, y, width, style, size, opts);
}

/** Throws when the sum of the lines is not the total (or the amounts are not whole non-negative VND). */
function checkAmounts(c: ReceiptContext): void {
  if (c.lines.length === 0) throw new Error('Biên lai không có khoản phí, lệ phí nào / the receipt has no fee lines');
  let sum = 0;
  for (const l of c.lines) {
    groupThousands(l.amountVnd);
    sum += l.amountVnd;
  }
  groupThousands(c.totalVnd);
  if (!Number.isSafeInteger(sum) || sum !== c.totalVnd) {
    throw new Error(`Tổng cộng ${c.totalVnd} không bằng tổng các khoản ${sum} / the total ${c.totalVnd} is not the sum of the lines ${sum}`);
  }
}

/** Draws the receipt. Throws when the total is not the sum of the lines, or when the content does not fit the page. */
export function renderReceipt(c: ReceiptContext): PageCanvas {
  checkAmounts(c);
  const page = new PageCanvas();
  const cols = columns();
  const { x, width, rightX, rightW } = cols;
  const { ly, ry } = drawHeading(page, cols, c.agency);

  // Title, then the form, series and number.
  let y = Math.max(ly, ry) + 16;
  y = para(page, 'BIÊN LAI THU PHÍ, LỆ PHÍ', x, y, width, 'bold', 16, { align: 'center', lineHeight: 21 });
  y = para(page, '(Bản thể hiện của biên lai điện tử)', x, y, width, 'italic', 12, { align: 'center' }) + 6;
  // On one line, centred, when the three fit; otherwise wrapped.
  const items = [`Mẫu số: ${c.form}`, `Ký hiệu: ${c.series}`, `Số: ${c.number}`];
  const itemsW = items.reduce((w, t) => w + page.width(t, 'regular', SIZE), 0) + ITEM_GAP * (items.length - 1);
  if (itemsW <= width) {
    let ix = x + (width - itemsW) / 2;
    for (const t of items) {
      page.text(t, ix, y, 'regular', SIZE);
      ix += page.width(t, 'regular', SIZE) + ITEM_GAP;
    }
    y += LH;
  } else y = para(page, items.join('; '), x, y, width, 'regular', SIZE, { align: 'center', lineHeight: LH });
  y += 10;

  // The payer, the dossier and the procedure: a label column as wide as the longest label, and a value column.
  const LABELS = ['Người nộp tiền', 'Địa chỉ', 'Số định danh', 'Mã hồ sơ', 'Thủ tục', 'Hình thức thanh toán', 'Mã giao dịch'];
  const labelW = Math.max(...LABELS.map((l) => page.width(`${l}:`, 'regular', SIZE))) + 8;
  const field = (label: string, value: string, style: FontStyle = 'regular') => {
    const labelEnd = para(page, `${label}:`, x, y, labelW, 'regular', SIZE, { lineHeight: LH });
    const valueEnd = para(page, value, x + labelW, y, width - labelW, style, SIZE, { lineHeight: LH });
    y = Math.max(labelEnd, valueEnd) + 1;
  };
  field('Người nộp tiền', c.payer.name, 'bold');
  if (c.payer.address?.trim()) field('Địa chỉ', c.payer.address.trim());
  if (c.payer.idNumber?.trim()) field('Số định danh', c.payer.idNumber.trim());
  field('Mã hồ sơ', c.dossierCode);
  field('Thủ tục', c.procedureName);
  y += 6;

  // The fees and charges: STT | Tên loại phí, lệ phí | Số tiền (đồng).
  const noW = mm(12);
  const amountW = mm(38);
  const labelX = x + noW;
  const amountX = x + width - amountW;
  const rowTops: number[] = [y];
  const row = (cells: { no: string; label: string; amount: string }, style: FontStyle, align: Align = 'left') => {
    const top = y + CELL_PAD;
    const labelEnd = para(page, cells.label, labelX + CELL_PAD, top, amountX - labelX - 2 * CELL_PAD, style, TABLE_SIZE, { align, lineHeight: TABLE_LH });
    if (cells.no) page.text(cells.no, x, top, style, TABLE_SIZE, { width: noW, align: 'center' });
    const amountEnd = para(page, cells.amount, amountX + CELL_PAD, top, amountW - 2 * CELL_PAD, style, TABLE_SIZE, { align: 'right', lineHeight: TABLE_LH });
    y = Math.max(labelEnd, amountEnd, top + TABLE_LH) + CELL_PAD;
    rowTops.push(y);
  };
  row({ no: 'STT', label: 'Tên loại phí, lệ phí', amount: 'Số tiền (đồng)' }, 'bold', 'center');
  c.lines.forEach((l, i) => row({ no: String(i + 1), label: l.label, amount: groupThousands(l.amountVnd) }, 'regular'));
  const totalTop = y;
  row({ no: '', label: 'Tổng cộng', amount: groupThousands(c.totalVnd) }, 'bold');
  for (const t of rowTops) page.line(x, t, x + width, t, 0.5);
  const tableTop = rowTops[0];
  page.line(x, tableTop, x, y, 0.5);
  page.line(labelX, tableTop, labelX, totalTop, 0.5);
  page.line(amountX, tableTop, amountX, y, 0.5);
  page.line(x + width, tableTop, x + width, y, 0.5);
  y += 6;

  // The amount in words, the method and the reference.
  y = para(page, `Số tiền bằng chữ: ${vndInWords(c.totalVnd)}.`, x, y, width, 'italic', SIZE, { lineHeight: LH }) + 1;
  field('Hình thức thanh toán', c.method);
  field('Mã giao dịch', c.paymentRef);

  // The date and the collector's signature (right), the verification QR code (left).
  y += 10;
  let sy = para(page, vnDateLine(vnDateParts(c.issuedAt)).replace(/^n/, 'N'), rightX, y, rightW, 'italic', SIZE, { align: 'center' }) + 2;
  sy = para(page, 'Người thu tiền', rightX, sy, rightW, 'bold', SIZE, { align: 'center' });
  sy = para(page, '(Ký số)', rightX, sy, rightW, 'italic', SIZE, { align: 'center' }) + 10;
  sy = para(page, c.agency.name, rightX, sy, rightW, 'regular', 11, { align: 'center' });
  drawVerification(page, cols, y, { url: c.verification.url, code: c.verification.code, caption: 'Quét mã để tra cứu biên lai' });
  // drawVerification: the QR code, its caption below and the code 14 points lower (one line of 9 points).
  const verificationEnd = y + mm(30) + 14 + 9 * 1.35 * page.wrap(`Mã xác thực: ${c.verification.code}`, cols.leftW + mm(10), 'regular', 9).length;

  const note = `Biên lai điện tử thu phí, lệ phí lập theo Nghị định số 123/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 70/2025/NĐ-CP; tra cứu tại ${c.verification.url.split('?')[0]} bằng mã xác thực.`;
  const footTop = PAGE.height - MARGINS.bottom - 34;
  if (Math.max(sy, verificationEnd) > footTop - 4) {
    throw new Error('Nội dung biên lai không vừa một trang A4 / the receipt does not fit on one A4 page');
  }
  drawFooter(page, cols, note, c.demo, page.wrap(note, width, 'italic', 9).length * 11 + 2);
  return page;
}
