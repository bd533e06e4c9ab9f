/**
 * The open-data portal in the browser, at 375 px, axe in Vietnamese and English, no horizontal scrolling: a
 * dataset is found typing without diacritics, narrowed by a facet, opened, and its API example is a working curl
 * command (the same URL answers CKAN's envelope).
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
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('open data in the browser', () => {
  it('finds a dataset typed without diacritics, filters by a facet, opens it and copies its API example', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'opendata', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/du-lieu-mo`);
      await j.arrive(page, 'opendata-search', 'Dữ liệu mở', { shot: true });
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('Tìm thấy 4 bộ dữ liệu');
      await page.getByLabel('Tìm bộ dữ liệu').fill('don vi hanh chinh');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('Tìm thấy 1 bộ dữ liệu');
      const card = page.getByRole('link', { name: 'Danh mục đơn vị hành chính cấp tỉnh và cấp xã' });
      await expect.poll(() => card.isVisible(), WAIT).toBe(true);
      // A facet narrows the search (and shows as chosen).
      await page.getByRole('navigation', { name: 'Định dạng' }).getByRole('link', { name: /JSON/ }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('res_format'), WAIT).toBe('JSON');
      await expect.poll(() => page.getByRole('link', { name: /✓ JSON/ }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'opendata-filtered', 'Dữ liệu mở');

      await page.getByRole('link', { name: 'Danh mục đơn vị hành chính cấp tỉnh và cấp xã' }).click();
      await j.arrive(page, 'opendata-dataset', 'Danh mục đơn vị hành chính cấp tỉnh và cấp xã', { shot: true });
      await expect.poll(() => page.getByText('Creative Commons Attribution 4.0').isVisible(), WAIT).toBe(true);
      await page.getByRole('heading', { level: 2, name: 'Dùng qua API' }).scrollIntoViewIfNeeded();
      const cmd = (await page.locator('pre code').first().textContent())!;
      expect(cmd).toBe(`curl '${base}/api/3/action/package_show?id=don-vi-hanh-chinh'`);
      await page.getByRole('button', { name: 'Sao chép lệnh' }).first().click();
      await expect.poll(() => page.getByText('Đã sao chép').isVisible(), WAIT).toBe(true);
      // The example works: the URL in it answers CKAN's envelope.
      const res = await fetch(cmd.replace(/^curl '|'$/g, ''));
      const body = (await res.json()) as { success: boolean; result: { name: string } };
      expect(body).toMatchObject({ success: true, result: { name: 'don-vi-hanh-chinh' } });

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
