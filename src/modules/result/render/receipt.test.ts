import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupThousands, vndInWords } from '../../../shared/payment/words';
import { MARGINS, mm } from './layout';
import { PAGE, plainPdf } from './pdf';
import { renderReceipt, type ReceiptContext } from './receipt';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-receipt-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base: ReceiptContext = {
  agency: { name: 'Ủy ban nhân dân phường Hồng Bàng', parentName: 'Ủy ban nhân dân thành phố Hải Phòng' },
  form: '01BLP0-001',
  series: 'BL-26E',
  number: '0000123',
  // 20:30 UTC on 2 December is 03:30 on 3 December in Vietnam.
  issuedAt: new Date('2026-12-02T20:30:00Z'),
  payer: { name: 'Nguyễn Thị Hương Giang', address: 'Số 12 phố Điện Biên Phủ, phường Hồng Bàng, thành phố Hải Phòng', idNumber: '031190001234' },
  dossierCode: '000.00.21.H38-261203-0007',
  procedureName: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
  lines: [
    { label: 'Lệ phí chứng thực bản sao từ bản chính', amountVnd: 16_000 },
    { label: 'Phí cung cấp thông tin', amountVnd: 1_234_000 },
  ],
  totalVnd: 1_250_000,
  method: 'Chuyển khoản (VietQR)',
  paymentRef: 'FT26337912345678',
  verification: { url: 'http://localhost:3000/bien-lai?ma=ABCDEFGHJKMNPQRSTVWX', code: 'ABCDEFGHJKMNPQRSTVWX' },
  demo: true,
};

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Renders the receipt to a PDF file; its text (-layout, whitespace collapsed), page count and word boxes. */
function read(c: ReceiptContext, name: string): { text: string; pages: number; words: Word[] } {
  const pdf = plainPdf(renderReceipt(c), { title: 'Biên lai thu phí, lệ phí', author: c.agency.name, subject: `${c.series} ${c.number}` }, c.issuedAt);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5],
  }));
  return { text, pages, words };
}

/**
 * Every word inside the side and top margins, only the footer below the footer's rule (the layout's demo line sits a
 * little into the bottom margin, as on a certified copy), and no two words overlapping: nothing overflows or is
 * drawn over something else.
 */
function expectTidy(words: Word[]): void {
  expect(words.length).toBeGreaterThan(50);
  for (const w of words) {
    expect(w.xMin, w.text).toBeGreaterThanOrEqual(MARGINS.left - 1);
    expect(w.xMax, w.text).toBeLessThanOrEqual(PAGE.width - MARGINS.right + 1);
    expect(w.yMin, w.text).toBeGreaterThanOrEqual(MARGINS.top - 1);
    expect(w.yMax, w.text).toBeLessThanOrEqual(PAGE.height - mm(10));
  }
  const rule = PAGE.height - MARGINS.bottom - 34;
  const footer = words
    .filter((w) => w.yMax > rule)
    .map((w) => w.text)
    .join(' ');
  expect(footer).toMatch(/^Biên lai điện tử thu phí, lệ phí lập theo Nghị định số 123\/2020\/NĐ-CP, .* bằng mã xác thực\.( BẢN THỬ NGHIỆM \(DEMO\) — .* pháp lý\.)?$/);
  const overlaps: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i];
      const b = words[j];
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (dx > 0.5 && dy > 0.5) overlaps.push(`${a.text} / ${b.text}`);
    }
  }
  expect(overlaps).toEqual([]);
}

describe('receipt', () => {
  it('shows the receipt: title, form, series and number, payer, dossier, fees, total in figures and words, payment, date, verification', () => {
    const { text, pages, words } = read(base, 'receipt');
    expect(pages).toBe(1);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('(Bản thể hiện của biên lai điện tử)');
    expect(text).toContain('ỦY BAN NHÂN DÂN PHƯỜNG HỒNG BÀNG');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Mẫu số: 01BLP0-001');
    expect(text).toContain('Ký hiệu: BL-26E');
    expect(text).toContain('Số: 0000123');
    expect(text).toContain('Nguyễn Thị Hương Giang');
    expect(text).toContain('Số 12 phố Điện Biên Phủ');
    expect(text).toContain('031190001234');
    expect(text).toContain('Mã hồ sơ: 000.00.21.H38-261203-0007');
    expect(text).toContain('Lệ phí chứng thực bản sao từ bản chính 16.000');
    expect(text).toContain('Phí cung cấp thông tin 1.234.000');
    expect(text).toContain('Tổng cộng 1.250.000');
    expect(text).toContain('Số tiền bằng chữ: Một triệu hai trăm năm mươi nghìn đồng.');
    expect(text).toContain('Hình thức thanh toán: Chuyển khoản (VietQR)');
    expect(text).toContain('FT26337912345678');
    // Vietnam time: the next day.
    expect(text).toContain('Ngày 03 tháng 12 năm 2026');
    expect(text).toContain('Người thu tiền');
    expect(text).toContain('(Ký số)');
    expect(text).toContain('Mã xác thực: ABCDEFGHJKMNPQRSTVWX');
    expect(text).toContain('Quét mã để tra cứu biên lai');
    expect(text).toContain('Nghị định số 70/2025/NĐ-CP');
    expect(text).toContain('http://localhost:3000/bien-lai bằng mã xác thực');
    expect(text).toContain('BẢN THỬ NGHIỆM (DEMO)');
    // No character fell back to the font's "?" (the URL with its query is only in the QR code).
    expect(text).not.toContain('?');
    expectTidy(words);
  });

  it('leaves out what is not given and the demo warning outside a demo', () => {
    const { text } = read({ ...base, payer: { name: 'Trần Văn Bình', address: null }, demo: false }, 'plain');
    expect(text).toContain('Trần Văn Bình');
    expect(text).not.toContain('Địa chỉ:');
    expect(text).not.toContain('Số định danh:');
    expect(text).not.toContain('DEMO');
    expect(text).toContain('Tổng cộng 1.250.000');
  });

  it('wraps a 300-character procedure name, long fee names and an unbroken reference, on one page with every line present', () => {
    const procedureName = `Thủ tục ${'cấp giấy chứng nhận đăng ký hoạt động và cấp lại, điều chỉnh nội dung '.repeat(5)}`.slice(0, 300);
    expect(procedureName.length).toBe(300);
    const lines = [
      { label: 'Lệ phí cấp giấy chứng nhận đăng ký hoạt động lần đầu theo Thông tư số 85/2019/TT-BTC của Bộ Tài chính (mức thu đối với tổ chức)', amountVnd: 500_000 },
      { label: 'Phí thẩm định hồ sơ', amountVnd: 1_500_000 },
      { label: 'Lệ phí cấp bản sao', amountVnd: 21_000 },
      { label: 'Phí cung cấp thông tin', amountVnd: 105 },
    ];
    const totalVnd = lines.reduce((s, l) => s + l.amountVnd, 0);
    const c = { ...base, procedureName, lines, totalVnd, paymentRef: 'X'.repeat(70) };
    const { text, pages, words } = read(c, 'long');
    expect(pages).toBe(1);
    // The whole procedure name, wrapped (its words in order on the page).
    expect(text).toContain(procedureName.trim());
    for (const l of lines) expect(text).toContain(groupThousands(l.amountVnd));
    expect(text).toContain('Thông tư số 85/2019/TT-BTC');
    expect(text).toContain(`Tổng cộng ${groupThousands(totalVnd)}`);
    expect(text).toContain(`Số tiền bằng chữ: ${vndInWords(totalVnd)}.`);
    expect(text).toContain('Hai triệu không trăm hai mươi mốt nghìn một trăm linh năm đồng');
    // The reference broken over lines, every character kept.
    expect(text.replace(/ /g, '')).toContain('X'.repeat(70));
    expect(text).toContain('Mã xác thực: ABCDEFGHJKMNPQRSTVWX');
    expect(text).toContain('Nghị định số 123/2020/NĐ-CP');
    expectTidy(words);
  });

  it('throws when the total is not the sum of the lines', () => {
    expect(() => renderReceipt({ ...base, totalVnd: 1_249_999 })).toThrow(/total 1249999 is not the sum of the lines 1250000/);
    expect(() => renderReceipt({ ...base, lines: [], totalVnd: 0 })).toThrow(Error);
    expect(() => renderReceipt({ ...base, lines: [{ label: 'Lệ phí', amountVnd: -5 }], totalVnd: -5 })).toThrow(RangeError);
    expect(() => renderReceipt({ ...base, lines: [{ label: 'Lệ phí', amountVnd: 0.5 }], totalVnd: 0.5 })).toThrow(RangeError);
  });

  it('throws rather than drawing past the footer when the lines do not fit on one page', () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ label: `Khoản phí số ${i + 1}`, amountVnd: 1000 }));
    expect(() => renderReceipt({ ...base, lines, totalVnd: 40_000 })).toThrow(/does not fit on one A4 page/);
  });
});
