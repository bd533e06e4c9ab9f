import { describe, expect, it } from 'vitest';
import { renderFormHtml } from './documents.html';
import { apology, controlSheet, dossier, receipt, samples } from './documents.fixture';
import type { DocumentForm } from './documents.types';

const FORMS: DocumentForm[] = ['01', '02', '03', '04', '05', '06'];

describe('renderFormHtml', () => {
  it.each(FORMS)('form %s is a complete Vietnamese document with the national heading', (form) => {
    const html = renderFormHtml(form, samples[form] as never);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('<span class="motto">Độc lập - Tự do - Hạnh phúc</span>');
    expect(html).toContain('ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG');
    expect(html).toContain(`Mẫu số ${form}`);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain(dossier.code);
    expect(html).toContain('Nguyễn Thị Ánh Tuyết');
    expect(html).toContain('@page { size: A4;');
    // Self-contained: nothing is fetched.
    expect(html).not.toMatch(/<(script|link)\b|src="http/);
  });

  it('writes the receipt: title, place and date, times to the minute, components table with header cells', () => {
    const html = renderFormHtml('01', receipt);
    expect(html).toContain('<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>');
    expect(html).toContain('Quảng Ninh, ngày 24 tháng 11 năm 2026');
    expect(html).toContain('09 giờ 30 phút, ngày 24/11/2026');
    expect(html).toContain('16 giờ 00 phút, ngày 01/12/2026');
    expect(html).toContain('<caption>Thành phần hồ sơ đã nhận</caption>');
    expect(html).toContain('<th scope="col">Tên giấy tờ</th>');
    expect(html).toContain('Bản sao có chứng thực');
    expect(html).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(html).toContain('Trần Văn Đức');
  });

  it('embeds the lookup QR code as an SVG data URI and links the lookup address', () => {
    const html = renderFormHtml('01', receipt);
    const img = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)">/.exec(html);
    expect(img).not.toBeNull();
    expect(Buffer.from(img![1], 'base64').toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(img![2]).toContain('Mã QR');
    expect(html).toContain(`<a href="${receipt.lookupUrl}">`);
  });

  it('escapes user text, so a <script> in a field is shown, not run', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderFormHtml('01', {
      ...receipt,
      dossier: { ...dossier, applicantName: evil, procedureName: `Thủ tục " onmouseover="x` },
      components: [{ name: '<img src=x onerror=alert(1)>', form: 'copy', copies: 1 }],
      officer: { name: "O'Brien & Co" },
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Thủ tục &quot; onmouseover=&quot;x');
    expect(html).toContain('O&#39;Brien &amp; Co');
  });

  it('does not turn a non-web lookup address into a link', () => {
    const html = renderFormHtml('01', { ...receipt, lookupUrl: 'javascript:alert(1)' });
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
  });

  it('omits the applicant signature for an online dossier', () => {
    expect(renderFormHtml('01', receipt)).toContain('NGƯỜI NỘP HỒ SƠ');
    const online = renderFormHtml('01', { ...receipt, dossier: { ...dossier, channel: 'online' } });
    expect(online).not.toContain('NGƯỜI NỘP HỒ SƠ');
  });

  it('labels an organisation by its enterprise code instead of a personal number', () => {
    const org = { ...dossier, applicantKind: 'organisation' as const, applicantId: '5701234567' };
    const html = renderFormHtml('03', { ...samples['03'], dossier: org });
    expect(html).toContain('<dt>Mã số doanh nghiệp/Mã định danh tổ chức</dt><dd>5701234567</dd>');
    expect(html).not.toContain('Số định danh cá nhân');
  });

  it('renders NFC text from decomposed input', () => {
    const html = renderFormHtml('04', {
      ...apology,
      dossier: { ...dossier, applicantName: 'Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t' },
    });
    expect(html).toContain('Kính gửi: Nguyễn Thị Ánh Tuyết');
    expect(html.normalize('NFC')).toBe(html);
  });

  it('lists every hand-off of the control sheet with its result', () => {
    const html = renderFormHtml('06', controlSheet);
    expect(html).toContain('<th scope="col">Kết quả</th>');
    expect(html.match(/<tr><td class="center">\d+<\/td>/g)).toHaveLength(3);
    for (const label of ['Đúng hạn', 'Trước hạn', 'Quá hạn']) expect(html).toContain(label);
  });
});
