/**
 * The leaders' dashboard in the browser at 375 px, axe in Vietnamese and English: a leader of Hồng Bàng opens
 * /can-bo/thong-ke over generated history (SEED_HISTORY), filters the commune from the grid of communes and last
 * month, opens the late dossiers behind the on-time number, exports the index as XLSX and gets the printable PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT } from './support/api';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000, env: { SEED_HISTORY: '20000' } }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('analytics dashboard in the browser', () => {
  it('a leader filters a commune and a month, opens the late dossiers behind the on-time number, exports XLSX', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'analytics', axe: true, citizen: DUNG });
    try {
      const page = await j.officerLogin('lanhdao.hongbang');
      await page.getByRole('link', { name: 'Thống kê', exact: true }).first().click();
      await j.arrive(page, 'dashboard', 'Thống kê và chỉ số phục vụ', { shot: true });
      await expect.poll(() => page.getByRole('heading', { level: 2, name: /Chỉ số phục vụ \(Quyết định 766\)/ }).isVisible(), WAIT).toBe(true);

      const now = new Date(Date.now() + 7 * 3_600_000);
      const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      // The grid of communes: each unit with its volume and on-time rate, linking to the dashboard filtered to it.
      const grid = page.getByRole('region', { name: 'Các đơn vị, xã, phường' });
      await expect.poll(() => grid.locator('tbody tr').count(), WAIT).toBeGreaterThan(0);
      const communeLink = { name: 'Ủy ban nhân dân phường Hồng Bàng', exact: true };
      const commune = grid.getByRole('link', communeLink);
      const row = grid.locator('tbody tr').filter({ has: page.getByRole('link', communeLink) });
      expect(await row.locator('td').nth(1).innerText()).toMatch(/^(\d+(,\d+)?%|—) \(/);
      await commune.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('co-quan'), WAIT).not.toBeNull();
      await expect.poll(() => page.getByLabel('Cơ quan').inputValue(), WAIT).toBe(new URL(page.url()).searchParams.get('co-quan'));
      await expect.poll(() => page.getByLabel('Kênh nộp hồ sơ').isVisible(), WAIT).toBe(true);
      await page.getByLabel('Tháng', { exact: true }).selectOption(prev);
      await expect.poll(() => new URL(page.url()).searchParams.get('thang'), WAIT).toBe(prev);
      await expect.poll(() => page.getByRole('link', { name: /hồ sơ trễ hạn — xem danh sách/ }).isVisible(), WAIT).toBe(true);
      // Every chart comes with its table.
      expect(await page.locator('figure.chart svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('figure.chart table').count()).toBe(await page.locator('figure.chart svg').count());

      await page.getByRole('link', { name: /hồ sơ trễ hạn — xem danh sách/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Hồ sơ trễ hạn' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.locator('#tre-han tbody tr').count(), WAIT).toBeGreaterThan(0);
      await j.arrive(page, 'late-dossiers', 'Thống kê và chỉ số phục vụ', { shot: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về Excel (XLSX)' }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^chi-so-766-${prev}\\.xlsx$`));
      const report = await page.getByRole('link', { name: 'Báo cáo in (PDF)' }).getAttribute('href');
      expect(report).toContain(`at=${prev}`);
      const pdf = await page.request.get(new URL(report!, base).toString());
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
