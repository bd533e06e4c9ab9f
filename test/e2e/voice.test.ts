/**
 * Citizen voice in the browser, at 375 px, axe in Vietnamese and English on every page, no horizontal scrolling:
 * the assistant answers "lam giay khai sinh cho con can gi" with birth registration and its documents, and its
 * button starts the procedure (e-ID sign-in, then the choice of agency); an anonymous petition is filed (errors
 * first), followed by its code, and its answer shows once a leader approved it; a returned dossier is rated; the
 * administrator publishes an FAQ entry, the assistant answers from it and its citation opens the Hỏi đáp page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT, fileDossier, officerApi as officer } from './support/api';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen voice in the browser', () => {
  it('the assistant answers "lam giay khai sinh cho con can gi" and its button starts the procedure', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'assistant', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/tro-ly`);
      await j.arrive(page, 'assistant', 'Trợ lý ảo', { shot: true });
      // Asking nothing: the error summary links to the field.
      await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
      await expect.poll(() => page.getByRole('link', { name: 'Nhập câu hỏi' }).isVisible(), WAIT).toBe(true);
      await page.getByLabel('Câu hỏi của bạn').fill('lam giay khai sinh cho con can gi');
      await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
      const log = page.getByRole('log', { name: 'Cuộc trò chuyện với trợ lý ảo' });
      await expect.poll(() => log.getByRole('heading', { level: 2, name: 'Đăng ký khai sinh' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => log.getByText('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp').isVisible(), WAIT).toBe(true);
      await expect.poll(() => log.getByRole('heading', { level: 3, name: 'Giấy tờ cần có' }).isVisible(), WAIT).toBe(true);
      expect(await log.getByRole('link', { name: 'Đăng ký khai sinh' }).first().getAttribute('href')).toBe('/thu-tuc/birth-registration');
      // Focus is back in the question field, ready for the next one.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('assistant-question');
      await j.arrive(page, 'assistant-answer', 'Trợ lý ảo', { shot: true });

      await log.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await j.eidLogin(page);
      await j.arrive(page, 'assistant-start', 'Bạn muốn nộp hồ sơ ở đâu?');
      expect(new URL(page.url()).pathname).toBe('/thu-tuc/birth-registration/nop');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);

  it('the administrator publishes an FAQ entry; the assistant answers from it and its citation opens Hỏi đáp', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'faq', axe: true, citizen: DUNG });
    try {
      const { page: admin } = await j.context();
      await admin.goto(`${base}/quan-tri`);
      await admin.getByLabel('Tên đăng nhập').fill('admin');
      await admin.getByLabel('Mật khẩu').fill('MotCua@2026');
      await admin.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => admin.getByRole('heading', { level: 1, name: 'Danh mục thủ tục' }).isVisible(), WAIT).toBe(true);
      await admin.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hỏi đáp' }).click();
      await j.arrive(admin, 'faq-admin', 'Hỏi đáp', { shot: true });
      // Saving an empty form: the error summary names the missing fields.
      await admin.getByRole('button', { name: 'Thêm câu hỏi', exact: true }).click();
      await expect.poll(() => admin.getByRole('link', { name: /Câu hỏi \(tiếng Việt\)/ }).isVisible(), WAIT).toBe(true);
      await admin.getByLabel('Câu hỏi (tiếng Việt)').fill('Nộp hồ sơ trực tuyến vào ngày nghỉ lễ có được không?');
      await admin.getByLabel('Câu hỏi (tiếng Anh)').fill('Can I file a dossier online on a public holiday?');
      await admin.getByLabel('Câu trả lời (tiếng Việt)').fill('Được. Hệ thống nhận hồ sơ cả ngày nghỉ; thời hạn giải quyết tính từ ngày làm việc tiếp theo.');
      await admin.getByLabel('Câu trả lời (tiếng Anh)').fill('Yes. The portal accepts dossiers on days off; the processing time counts from the next working day.');
      await admin.getByLabel('Từ khóa').fill('ngay nghi, ngay le, cuoi tuan');
      await admin.getByRole('button', { name: 'Thêm câu hỏi', exact: true }).click();
      await expect.poll(() => admin.getByRole('status').textContent(), WAIT).toContain('Đã thêm câu hỏi');
      await expect.poll(() => admin.locator('table td', { hasText: 'Nộp hồ sơ trực tuyến vào ngày nghỉ lễ có được không?' }).isVisible(), WAIT).toBe(true);

      const { page } = await j.context();
      await page.goto(`${base}/tro-ly`);
      await page.getByLabel('Câu hỏi của bạn').fill('nop ho so vao ngay nghi le duoc khong');
      await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
      const log = page.getByRole('log', { name: 'Cuộc trò chuyện với trợ lý ảo' });
      await expect.poll(() => log.getByText('Hệ thống nhận hồ sơ cả ngày nghỉ', { exact: false }).isVisible(), WAIT).toBe(true);
      await log.getByRole('link', { name: 'Nộp hồ sơ trực tuyến vào ngày nghỉ lễ có được không?' }).click();
      await j.arrive(page, 'faq', 'Hỏi đáp', { shot: true });
      expect(new URL(page.url()).hash).toMatch(/^#hd-/);
      await expect.poll(() => page.getByRole('heading', { level: 3, name: 'Nộp hồ sơ trực tuyến vào ngày nghỉ lễ có được không?' }).isVisible(), WAIT).toBe(true);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);

  it('an anonymous petition is filed, followed by its code, and shows the answer once approved', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'petition', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/phan-anh`);
      await j.arrive(page, 'petition', 'Gửi phản ánh, kiến nghị', { shot: true });
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Chọn nội dung phản ánh' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Nhập thư điện tử hoặc số điện thoại' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'petition-errors', 'Gửi phản ánh, kiến nghị');

      await page.getByRole('radio', { name: 'Quy định hành chính (thủ tục, giấy tờ, phí)' }).check();
      await page.getByLabel('Cơ quan tiếp nhận phản ánh').selectOption({ label: 'Ủy ban nhân dân phường Hồng Bàng' });
      await page.getByLabel('Tiêu đề').fill('Lệ phí bản sao trích lục');
      await page.getByLabel('Nội dung phản ánh, kiến nghị').fill('Đề nghị cho biết lệ phí cấp bản sao trích lục khai sinh khi nộp trực tuyến.');
      await page.getByLabel('Họ và tên').fill('Trần Thị Hoa');
      await page.getByLabel('Thư điện tử').fill('hoa.tran@example.vn');
      await page.getByLabel('Tôi đồng ý công khai nội dung trả lời (không kèm tên và thông tin liên hệ của tôi)').check();
      await page.getByLabel('Tệp đính kèm (không bắt buộc)').setInputFiles({ name: 'bien-lai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await j.arrive(page, 'petition-filed', 'Đã gửi phản ánh, kiến nghị', { shot: true });
      const code = (await page.locator('.panel__code').textContent())!.trim();
      expect(code).toMatch(/^PA-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);

      await page.getByRole('link', { name: 'Theo dõi phản ánh bằng mã' }).click();
      await j.arrive(page, 'petition-lookup', 'Tra cứu phản ánh, kiến nghị', { shot: true });
      await expect.poll(() => page.getByRole('heading', { level: 2, name: `Phản ánh ${code}` }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('Đã tiếp nhận', { exact: true }).isVisible(), WAIT).toBe(true);
      expect(await page.content()).not.toContain('hoa.tran@example.vn');

      // The ward answers in the back office: the specialist takes it up and drafts, the leader approves.
      const act = async (officerPage: typeof page, step: string, text?: string) => {
        await officerPage.getByLabel('Thao tác', { exact: true }).selectOption({ label: step });
        if (text) await officerPage.getByLabel('Nội dung (lý do, yêu cầu hoặc trả lời)').fill(text);
        await officerPage.getByRole('button', { name: 'Thực hiện' }).click();
        await expect.poll(() => officerPage.getByRole('status').filter({ hasText: `Đã thực hiện: ${step}` }).isVisible(), WAIT).toBe(true);
      };
      const specialist = await j.officerLogin('chuyenvien.hongbang');
      await specialist.getByRole('link', { name: 'Phản ánh, kiến nghị' }).first().click();
      await j.arrive(specialist, 'officer-petitions', 'Phản ánh, kiến nghị', { shot: true });
      await specialist.getByRole('link', { name: code }).click();
      await j.arrive(specialist, 'officer-petition', code, { shot: true });
      // The petitioner's file is there for the officer (never on the public lookup).
      await expect.poll(() => specialist.getByRole('link', { name: 'bien-lai.pdf' }).isVisible(), WAIT).toBe(true);
      await act(specialist, 'Thụ lý');
      await act(specialist, 'Dự thảo trả lời', 'Nộp trực tuyến được miễn lệ phí bản sao trích lục theo Nghị quyết của Hội đồng nhân dân thành phố.');
      const leader = await j.officerLogin('lanhdao.hongbang');
      await leader.goto(`${base}/can-bo/phan-anh`);
      await leader.getByRole('link', { name: code }).click();
      await j.arrive(leader, 'officer-petition-approve', code);
      await act(leader, 'Lãnh đạo duyệt trả lời');
      await page.reload();
      await expect.poll(() => page.getByRole('heading', { level: 3, name: 'Trả lời của cơ quan' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('Nộp trực tuyến được miễn lệ phí', { exact: false }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('Đã trả lời', { exact: true }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'petition-answered', 'Tra cứu phản ánh, kiến nghị', { shot: true });

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);

  it('the citizen rates a returned dossier from its page, once', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'rating', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/ho-so`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      const d = await fileDossier(page, base);
      const desk = await officer(base, 'tiepnhan.hongbang');
      const specialist = await officer(base, 'chuyenvien.hongbang');
      const leader = await officer(base, 'lanhdao.hongbang');
      const result = await officer(base, 'trakq.hongbang');
      await desk(`/api/dossiers/${d.id}/receive`);
      await specialist(`/api/dossiers/${d.id}/claim`);
      await specialist(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' });
      await leader(`/api/dossiers/${d.id}/approve`, {});
      await result(`/api/dossiers/${d.id}/issue-result`, { electronic: true });
      await result(`/api/dossiers/${d.id}/return-result`, { method: 'online' });

      await page.goto(`${base}/ho-so/${d.id}`);
      await j.arrive(page, 'dossier-returned', 'Đăng ký lại khai sinh');
      await page.getByRole('link', { name: 'Đánh giá mức độ hài lòng' }).click();
      await j.arrive(page, 'rate', 'Đánh giá mức độ hài lòng', { shot: true });
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await expect.poll(() => page.getByRole('link', { name: 'Chọn mức độ hài lòng' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'rate-errors', 'Đánh giá mức độ hài lòng');
      await page.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
      await page.getByLabel('Trả kết quả đúng hẹn').check();
      await page.getByLabel('Cán bộ lịch sự, tận tình').check();
      await page.getByLabel('Góp ý thêm (không bắt buộc)').fill('Nhận kết quả điện tử rất nhanh.');
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cảm ơn Ông/Bà đã đánh giá' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'rate-done', 'Đánh giá mức độ hài lòng', { shot: true });

      // Back on the dossier page: the rating is shown, the invitation is gone; the server refuses a second one.
      await page.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
      await expect.poll(() => page.getByText('Ông/Bà đã đánh giá hồ sơ này: 4/5.', { exact: false }).isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('link', { name: 'Đánh giá mức độ hài lòng' }).count()).toBe(0);
      const session = await (await page.request.get(`${base}/api/auth/session`)).json();
      const again = await page.request.post(`${base}/api/dossiers/${d.id}/rating`, { headers: { 'x-csrf-token': session.csrfToken }, data: { score: 1, reasons: [] } });
      expect(again.status()).toBe(409);
      expect((await again.json()).code).toBe('voice.already_rated');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
