import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderFormPdf } from './documents.pdf';
import { controlSheet, dossier, receipt, samples, stopNotice, vn } from './documents.fixture';
import type { DocumentForm, HandOff } from './documents.types';

// Text extraction with poppler's pdftotext (apt package poppler-utils, installed by .ci/run).
const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function save(pdf: Buffer): string {
  const file = join(dir, `doc-${files++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Text of a PDF (or of one page), whitespace runs collapsed so that wrapped lines still match. */
function pdfText(pdf: Buffer, page?: number): string {
  const pages = page ? ['-f', String(page), '-l', String(page)] : [];
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', ...pages, save(pdf), '-'], { encoding: 'utf8' });
  return out.replace(/\s+/g, ' ').trim();
}

function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', save(pdf)], { encoding: 'utf8' });
  const entries = out.split('\n').filter(Boolean).map((l) => l.split(/:\s*(.*)/s).slice(0, 2));
  return Object.fromEntries(entries);
}

const TITLES: Record<DocumentForm, string> = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  '04': 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
  '05': 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  '06': 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
};

/** What each form must say beyond the common heading. */
const BODY: Record<DocumentForm, string[]> = {
  '01': [
    'Số định danh cá nhân: 022195001234',
    'Tổ 3, khu 5, Phường Hạ Long, tỉnh Quảng Ninh',
    'Tờ khai đăng ký khai sinh',
    'Bản sao có chứng thực',
    '05 ngày làm việc',
    'Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 24/11/2026',
    'Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 01/12/2026',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Trần Văn Đức',
  ],
  '02': [
    'Kính gửi: Nguyễn Thị Ánh Tuyết',
    '1. Giấy chứng sinh: bản chụp bị mờ',
    '2. Văn bản ủy quyền',
    'Lý do: Hồ sơ chưa đầy đủ',
    'NGƯỜI HƯỚNG DẪN',
  ],
  '03': ['Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.', 'NGƯỜI TIẾP NHẬN HỒ SƠ'],
  '04': [
    'Lý do: Cần xác minh thông tin',
    'hẹn trả kết quả giải quyết hồ sơ vào 10 giờ 00 phút, ngày 08/12/2026',
    'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
    'Phạm Quang Huy',
  ],
  '05': ['Ngày 26/11/2026, Ông/Bà có yêu cầu rút hồ sơ.', 'Lý do: Công dân có đơn đề nghị rút hồ sơ.', 'CHỦ TỊCH'],
  // Table cells extract column by column, so only words within one cell line are checked.
  '06': ['Lê Thị Hồng Nhung', 'Công chức Tư pháp - Hộ tịch', 'Đúng hạn', 'Trước hạn', 'Quá hạn', 'Chờ ý kiến'],
};

describe('renderFormPdf', () => {
  const forms = Object.keys(TITLES) as DocumentForm[];
  it.each(forms)('form %s opens and its text extracts with diacritics', async (form) => {
    const pdf = await renderFormPdf(form, samples[form] as never);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of [
      `Mẫu số ${form}`,
      'ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG',
      'BỘ PHẬN MỘT CỬA PHƯỜNG HẠ LONG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      TITLES[form],
      `Mã hồ sơ: ${dossier.code}`,
      'Nguyễn Thị Ánh Tuyết',
      'Đăng ký khai sinh có yếu tố nước ngoài',
      ...BODY[form],
    ]) {
      expect(text).toContain(s);
    }
  });

  it('dates the document in Vietnam time on the place-and-date line', async () => {
    const text = pdfText(await renderFormPdf('01', receipt));
    expect(text).toContain('Quảng Ninh, ngày 24 tháng 11 năm 2026');
    // Issued at 23:10 UTC on the 30th is 1 December in Vietnam.
    const next = pdfText(await renderFormPdf('05', { ...stopNotice, issuedAt: new Date('2026-11-30T23:10:00Z') }));
    expect(next).toContain('Quảng Ninh, ngày 01 tháng 12 năm 2026');
  });

  it('is A4 with title, author (the agency) and language in its metadata', async () => {
    const pdf = await renderFormPdf('01', receipt);
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info.Pages).toBe('1');
    expect(info.Title).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả — ${dossier.code}`);
    expect(info.Author).toBe('Ủy ban nhân dân phường Hạ Long');
    expect(pdf.toString('latin1')).toContain('/Lang (vi)');
  });

  it('embeds the font and the QR code image', async () => {
    const raw = (await renderFormPdf('01', receipt)).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/Subtype \/Image/);
  });

  it('links the lookup address only when it is a web address', async () => {
    const raw = (await renderFormPdf('01', receipt)).toString('latin1');
    expect(raw).toContain(`/URI (${receipt.lookupUrl})`);
    const evil = (await renderFormPdf('01', { ...receipt, lookupUrl: 'javascript:alert(1)' })).toString('latin1');
    expect(evil).not.toContain('/URI');
  });

  it('gives the same bytes for the same input (no clock, no randomness)', async () => {
    const [a, b] = await Promise.all([renderFormPdf('04', samples['04']), renderFormPdf('04', samples['04'])]);
    expect(a.equals(b)).toBe(true);
  });

  it('writes NFC text even from decomposed input', async () => {
    const pdf = await renderFormPdf('03', {
      ...samples['03'],
      dossier: { ...dossier, applicantName: 'Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t' },
    });
    expect(pdfText(pdf)).toContain('Kính gửi: Nguyễn Thị Ánh Tuyết');
  });

  it('numbers the pages of a long control sheet from page 2 and repeats the table header', async () => {
    const handOffs: HandOff[] = Array.from({ length: 60 }, (_, i) => ({
      from: { unit: 'Bộ phận Một cửa', person: `Cán bộ ${i + 1}` },
      to: { unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', person: 'Võ Thị Ngọc Ánh' },
      at: vn('2026-11-24T10:00'),
      stepDueAt: vn('2026-11-25T17:00'),
      comment: 'Chuyển xử lý',
    }));
    const pdf = await renderFormPdf('06', { ...controlSheet, handOffs });
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(1);
    expect(pdfText(pdf, 1)).not.toMatch(/^1\b/);
    for (let p = 2; p <= pages; p++) {
      const text = pdfText(pdf, p);
      expect(text.startsWith(`${p} `)).toBe(true);
      expect(text).toContain('Bên giao Bên nhận');
    }
    expect(pdfText(pdf)).toContain('Cán bộ 60');
  });

  it('has no page number on a one-page document', async () => {
    const text = pdfText(await renderFormPdf('02', samples['02']));
    expect(text.startsWith('Mẫu số 02')).toBe(true);
  });
});
