/**
 * The leaders' dashboard in the browser at 375 px, axe in Vietnamese and English: a leader of Hồng Bàng opens
 * /can-bo/thong-ke over generated history (SEED_HISTORY), filters the commune and last month, opens the late dossiers
 * behind the on-time number, and exports the index as XLSX.
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
      await page.getByLabel('Cơ quan').selectOption({ label: 'Ủy ban nhân dân phường Hồng Bàng' });
      await expect.poll(() => new URL(page.url()).searchParams.get('co-quan'), WAIT).not.toBeNull();
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

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
