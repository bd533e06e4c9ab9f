/**
 * Online supervision in the browser, at 375 px, axe in Vietnamese and English on every page, no horizontal scrolling:
 * the representative of an enterprise bound by the demo obligation signs in with the e-ID, delivers the next
 * month's report (a malformed one first: the record and the field are named), and reads its signed receipt; the
 * construction department's specialist finds the delivery, late, on the obligation's compliance dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { WAIT } from './support/api';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };
// Nguyễn Văn An, legal representative of Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh (0201234567).
const AN = { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' as const };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('online supervision in the browser', () => {
  it('a business delivers a report and sees its receipt; the officer sees it on the dashboard', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'supervision', axe: true, citizen: AN });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/doanh-nghiep/bao-cao`);
      await j.arrive(page, 'business-signed-out', 'Báo cáo định kỳ của doanh nghiệp');
      await page.locator('#main').getByRole('link', { name: 'Đăng nhập', exact: true }).click();
      await j.eidLogin(page);
      await j.arrive(page, 'business-reports', 'Báo cáo định kỳ của doanh nghiệp', { shot: true });
      // A key for the enterprise's own system: shown once.
      await page.getByText('Khóa kết nối cho hệ thống của doanh nghiệp').click();
      await page.getByLabel('Tên hệ thống dùng khóa').fill('Phần mềm kế toán');
      await page.getByRole('button', { name: 'Cấp khóa mới' }).click();
      await expect.poll(() => page.getByText(/^mcs_/).isVisible(), WAIT).toBe(true);
      const section = page.getByRole('region', { name: 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng' });
      await expect.poll(() => section.getByText('Kỳ cần nộp: tháng 01/2026').isVisible(), WAIT).toBe(true);
      const content = section.getByLabel('Nội dung báo cáo');
      await content.fill('san_pham,san_luong,tieu_thu,lao_dong\nGạch không nung,nhiều,1000,41\n');
      await section.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await expect.poll(() => page.getByText(/Bản ghi 1, chỉ tiêu san_luong/).first().isVisible(), WAIT).toBe(true);
      await content.fill('san_pham,san_luong,tieu_thu,lao_dong\nGạch không nung,1250,1100,41\n');
      await section.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await j.arrive(page, 'receipt', 'Biên nhận báo cáo', { shot: true });
      await expect.poll(() => page.getByText('Đã nhận báo cáo tháng 01/2026', { exact: false }).isVisible(), WAIT).toBe(true);
      expect(await page.getByText('Nộp muộn').first().isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Biên nhận điện tử có chữ ký' }).isVisible()).toBe(true);
      expect(await page.locator('pre code').textContent()).toContain('"signature"');

      const officer = await j.officerLogin('chuyenvien.xaydung');
      await officer.goto(`${base}/can-bo/giam-sat`);
      await j.arrive(officer, 'officer-obligations', 'Giám sát trực tuyến');
      await officer.getByRole('link', { name: 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng' }).click();
      await j.arrive(officer, 'dashboard', 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng', { shot: true });
      const table = officer.getByRole('region', { name: 'Doanh nghiệp cần lưu ý' });
      await expect.poll(() => table.getByRole('row').filter({ hasText: '0201234567' }).filter({ hasText: 'tháng 01/2026' }).getByText('Nộp muộn').isVisible(), WAIT).toBe(true);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
