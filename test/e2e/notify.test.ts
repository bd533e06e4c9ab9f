/**
 * Notifications in the browser, at 375 px: a citizen signs in with e-ID and finds the bell and an empty inbox; her
 * dossier (filed through the API with her session) is received at the desk, then a supplement is asked: each time
 * the bell counts it and the inbox shows the message, the supplement request marked as a legal notice. The inbox
 * and the preferences page pass axe in Vietnamese and English, without horizontal scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT, fileDossier, officerApi as officer } from './support/api';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('notifications in the browser', () => {
  it('375 px: the citizen sees the in-app message after reception and after a supplement request; axe finds nothing', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport: { width: 375, height: 812 }, tag: 'notify', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/thong-bao`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      await j.arrive(page, 'inbox-empty', 'Thông báo của tôi', { shot: true });
      await expect.poll(() => page.getByText('Bạn chưa có thông báo nào.').isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Thông báo', exact: true }).isVisible(), WAIT).toBe(true);

      // Her preferences: e-mail and SMS (the SMS consent given on the same page).
      await page.getByRole('link', { name: 'Chọn cách nhận thông báo' }).click();
      await j.arrive(page, 'notify-preferences', 'Cách nhận thông báo', { shot: true });
      await page.getByLabel('Thư điện tử', { exact: true }).check();
      await page.getByLabel('Tin nhắn SMS', { exact: true }).check();
      await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
      // Nothing typed yet: the error summary takes focus and links to the fields.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Nhập địa chỉ thư điện tử để nhận thông báo qua thư' }).isVisible(), WAIT).toBe(true);
      j.pages.push('notify-preferences-errors');
      await page.getByLabel('Địa chỉ thư điện tử').fill('dung.pham@example.vn');
      await page.getByLabel('Số điện thoại di động').fill('0903 111 222');
      await page.getByLabel('Tôi đồng ý nhận tin nhắn SMS về tình trạng hồ sơ tới số điện thoại của tôi.').check();
      await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã lưu cách nhận thông báo.' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'notify-preferences-saved', 'Cách nhận thông báo');

      // Filed, then received at the desk: the bell counts one, the inbox shows it.
      const d = await fileDossier(page, base);
      const desk = await officer(base, 'tiepnhan.hongbang');
      await desk(`/api/dossiers/${d.id}/receive`);
      await page.goto(`${base}/thong-bao`);
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByRole('heading', { level: 2, name: `Hồ sơ ${d.code} đã được tiếp nhận` }).isVisible();
          },
          { timeout: 90_000, interval: 1_000 },
        )
        .toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Thông báo 1 chưa đọc' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('Ngày hẹn trả kết quả:', { exact: false }).first().isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'inbox-received', 'Thông báo của tôi', { shot: true });

      // A supplement is asked: a legal notice, with what is missing.
      const specialist = await officer(base, 'chuyenvien.hongbang');
      await specialist(`/api/dossiers/${d.id}/claim`);
      await specialist(`/api/dossiers/${d.id}/request-supplement`, { reason: 'Tờ khai chưa có chữ ký.', missingItems: ['Tờ khai có chữ ký của người yêu cầu'] });
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByRole('heading', { level: 2, name: `Hồ sơ ${d.code} cần bổ sung giấy tờ` }).isVisible();
          },
          { timeout: 90_000, interval: 1_000 },
        )
        .toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Thông báo 2 chưa đọc' }).isVisible(), WAIT).toBe(true);
      const notice = page.getByRole('article', { name: `Hồ sơ ${d.code} cần bổ sung giấy tờ` });
      await expect.poll(() => notice.getByText('Thông báo bắt buộc').isVisible(), WAIT).toBe(true);
      await expect.poll(() => notice.getByText('• Tờ khai có chữ ký của người yêu cầu').isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'inbox-supplement', 'Thông báo của tôi', { shot: true });

      // Read: the bell goes down.
      await notice.getByRole('button', { name: /^Đánh dấu đã đọc/ }).click();
      await expect.poll(() => page.getByRole('link', { name: 'Thông báo 1 chưa đọc' }).isVisible(), WAIT).toBe(true);

      // The dossier page lists what was sent, by which channel, with its status.
      await page.goto(`${base}/ho-so/${d.id}`);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Thông báo đã gửi' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText('Tin nhắn SMS (84******222)').first().isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'dossier-notifications', 'Đăng ký lại khai sinh', { shot: true });

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
