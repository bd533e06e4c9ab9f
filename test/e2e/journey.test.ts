/**
 * Browser tests of the web app against the real server (child process, demo data): the whole birth-registration
 * journey at desktop size with an axe-core scan of every page in Vietnamese and English, then again at 375×812
 * without horizontal scrolling. Screenshots of the key pages go to test-results/screenshots/.
 * @postgres-pass — the one browser test CI also runs on the PostgreSQL server (scripts/storage-tests.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JOURNEY_GUARD_MS, launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { adminTour } from './support/admin';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app journey', () => {
  it('desktop: a citizen files a birth registration, officers handle it, every page passes axe (WCAG 2.2 A/AA) in vi and en', async () => {
    const j = new Journey({ base: server.url, browser, viewport: { width: 1280, height: 900 }, tag: 'desktop', axe: true, citizen: { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' } });
    try {
      const r = await j.run();
      expect(r.findings, JSON.stringify(r.findings, null, 2)).toEqual([]);
      expect(r.pages.length).toBeGreaterThan(20);
      // The pages scanned, for the record.
      console.info(`axe: ${r.pages.length} pages scanned in vi and en: ${r.pages.join(', ')}`);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);

  it('mobile 375×812: the same journey (saving the draft half-way and resuming it, and a withdrawal), with no horizontal scrolling on any page', async () => {
    const j = new Journey({ base: server.url, browser, viewport: { width: 375, height: 812 }, tag: 'mobile', axe: false, citizen: { personalId: '031190004567', name: 'Trần Thị Bình', birthDate: '22/07/1990', relation: 'Mẹ' }, resumeDraft: true, withdraw: true });
    try {
      const r = await j.run();
      expect(r.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);

  it('administration: e-form builder with live preview, sending for approval refused with the server’s problems then accepted; agencies, users, days off pass axe', async () => {
    const r = await adminTour(server.url, browser);
    expect(r.findings, JSON.stringify(r.findings, null, 2)).toEqual([]);
    expect(r.pages).toContain('holidays');
  }, JOURNEY_GUARD_MS);
});
