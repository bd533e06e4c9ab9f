/**
 * Publishing open data as agency staff, in the browser at 375 px, axe in Vietnamese and English: the approver of
 * the construction department creates a draft, loads a CSV into the DataStore, sends it for review and publishes
 * it; the public dataset page then previews the table, filters it typed without diacritics and charts the numeric
 * column, and downloads the whole table as CSV; the plan page shows the city's progress and its late item.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT } from './support/api';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };
const CSV = 'xa,thang,so_giay_phep\r\nPhường Hồng Bàng,2026-10,12\r\nPhường Lê Chân,2026-10,7\r\nPhường Hồng Bàng,2026-11,15\r\n';
const TITLE = 'Số giấy phép xây dựng theo xã';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('publishing open data in the browser', () => {
  it('publishes a CSV through the staff screens, then previews, filters and charts it; shows the plan', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'opendata-publish', axe: true, citizen: DUNG });
    try {
      const page = await j.officerLogin('lanhdao.xaydung');
      await page.goto(`${base}/can-bo/du-lieu-mo`);
      await j.arrive(page, 'opendata-publish', 'Công bố dữ liệu mở', { shot: true });
      await page.getByLabel('Tên bộ dữ liệu').fill(TITLE);
      await page.getByLabel('Mô tả').fill('Số giấy phép xây dựng đã cấp theo tháng và xã, phường.');
      await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('Đã tạo bản nháp so-giay-phep-xay-dung-theo-xa');
      await page.getByLabel('Tệp CSV').setInputFiles({ name: 'giay-phep.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('Đã nạp 3 dòng');
      await j.arrive(page, 'opendata-publish-loaded', 'Công bố dữ liệu mở');
      await page.getByRole('button', { name: `Gửi duyệt ${TITLE}` }).click();
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain(`Đã gửi duyệt ${TITLE}`);
      await page.getByRole('button', { name: `Công bố ${TITLE}` }).click();
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain(`Đã công bố ${TITLE}`);

      await page.getByRole('link', { name: TITLE }).click();
      await j.arrive(page, 'opendata-preview', TITLE, { shot: true });
      await expect.poll(() => page.getByText('Dòng 1–3 trong 3 dòng').isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.locator('figure.chart svg[role="img"]').count(), WAIT).toBe(1);
      await page.getByLabel('Lọc các dòng').fill('le chan');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => page.getByText('Dòng 1–1 trong 1 dòng').isVisible(), WAIT).toBe(true);
      expect(await page.locator('.data-table').first().textContent()).toContain('Phường Lê Chân');
      await j.arrive(page, 'opendata-preview-filtered', TITLE);
      // The whole table downloads as CSV (UTF-8 with a BOM, for spreadsheets), every row, not only the filtered one.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /dạng CSV$/ }).first().click()]);
      const file = await fs.readFile((await download.path())!);
      expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = file.subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines[0]).toBe('xa,thang,so_giay_phep');
      expect(lines.slice(1)).toEqual(['Phường Hồng Bàng,2026-10,12', 'Phường Lê Chân,2026-10,7', 'Phường Hồng Bàng,2026-11,15']);

      await page.goto(`${base}/du-lieu-mo/ke-hoach`);
      await j.arrive(page, 'opendata-plans', 'Kế hoạch mở dữ liệu');
      await page.getByRole('link', { name: /Kế hoạch mở dữ liệu năm/ }).click();
      await j.arrive(page, 'opendata-plan', /Kế hoạch mở dữ liệu năm/, { shot: true });
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Các mục trễ hạn' }).isVisible(), WAIT).toBe(true);
      await page.goto(`${base}/du-lieu-mo/co-so-du-lieu`);
      await j.arrive(page, 'opendata-databases', 'Danh mục cơ sở dữ liệu');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
