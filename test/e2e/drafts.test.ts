/**
 * Issue 10, items 6–8 in the browser, at desktop size and at 375 px, axe in Vietnamese and English on every page:
 * "Bắt đầu khai" offers the draft already saved; "Hồ sơ của tôi" shows drafts with their last save and deletes one
 * after a confirmation; a file attached by mistake is removed from the attachments step and from the supplement page
 * (only the one added since the request); an expired session on "Lưu và tiếp tục" shows an error summary that takes
 * focus, the header forgets the name, "Đăng nhập lại" returns to the same step with what was typed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { JOURNEY_GUARD_MS, eventually, launchChromium, overflowsHorizontally, samplePdf } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { fileDossier, officerApi } from './support/api';
import { readCatalogueFiles } from '../../src/modules/catalog';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PROCEDURE = 'birth-re-registration';
const PROCEDURE_NAME = 'Đăng ký lại khai sinh';
const SHOTS = '/work/wt/shots';

/** The browser's own session (cookies and CSRF token), for the API steps the test takes without the pages. */
async function citizenApi(page: Page, base: string) {
  const session = await (await page.request.get(`${base}/api/auth/session`)).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const agencies = (await (await page.request.get(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  const proc = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === PROCEDURE)!;
  return {
    headers,
    async draft(): Promise<string> {
      const r = await page.request.post(`${base}/api/dossiers`, { headers, data: { procedure: PROCEDURE, agencyId: agencies.find((a) => a.code === '000.00.21.H38')!.id, data: proc.sampleData } });
      expect(r.status(), await r.text()).toBe(201);
      return (await r.json()).id;
    },
    async upload(id: string, name: string, documentId = 'personal-records') {
      const r = await page.request.post(`${base}/api/dossiers/${id}/attachments`, { headers, multipart: { documentId, file: { name, mimeType: 'application/pdf', buffer: samplePdf(name) } } });
      expect(r.status(), await r.text()).toBe(201);
      return r.json();
    },
    async detail(id: string) {
      return (await page.request.get(`${base}/api/dossiers/${id}`)).json();
    },
    async drafts(): Promise<Array<{ id: string }>> {
      return (await (await page.request.get(`${base}/api/my/dossiers?state=draft&procedure=${PROCEDURE}`)).json()).items;
    },
  };
}

async function run(viewport: { width: number; height: number }, tag: string, citizen: { personalId: string; name: string; birthDate: string; relation: 'Cha' | 'Mẹ' }) {
  const base = server.url;
  const j = new Journey({ base, browser, viewport, tag, axe: true, citizen });
  const overflow: string[] = [];
  const arrive = async (page: Page, name: string, heading: string | RegExp, opts: { shot?: boolean } = {}) => {
    await j.arrive(page, name, heading, opts);
    if (await overflowsHorizontally(page)) overflow.push(name);
  };
  try {
    const { ctx, page } = await j.context();
    await page.goto(`${base}/ho-so`);
    await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).first().click();
    await j.eidLogin(page);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).isVisible()).toBe(true);
    const api = await citizenApi(page, base);

    // --- 7. "Bắt đầu khai" with a draft already saved: continue it, or start a new one.
    const saved = await api.draft();
    await page.goto(`${base}/thu-tuc/${PROCEDURE}/nop`);
    await arrive(page, 'start-has-draft', 'Bạn đã có bản nháp hồ sơ này', { shot: true });
    await expect(page.getByText(/^Lưu lần cuối lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).first().isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: /^Tiếp tục bản nháp/ }).click();
    await eventually(() => page.url()).toContain(`/ho-so/${saved}/khai`);
    await page.goto(`${base}/thu-tuc/${PROCEDURE}/nop`);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Bạn đã có bản nháp hồ sơ này' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Bắt đầu hồ sơ mới' }).click();
    await arrive(page, 'start-choose-agency', 'Bạn muốn nộp hồ sơ ở đâu?');
    await page.getByRole('radio', { name: 'Ủy ban nhân dân phường Hồng Bàng' }).check();
    await page.getByRole('button', { name: 'Bắt đầu khai' }).click();
    await eventually(() => /\/ho-so\/([0-9a-f-]{36})\/khai/.exec(page.url())?.[1] ?? null).not.toBeNull();
    const started = /\/ho-so\/([0-9a-f-]{36})\/khai/.exec(page.url())![1];
    expect(started).not.toBe(saved);
    expect((await api.drafts()).map((d) => d.id).sort()).toEqual([saved, started].sort());

    // "Hồ sơ của tôi": both drafts with their last save; delete the new one after confirming.
    await page.goto(`${base}/ho-so`);
    const drafts = page.getByRole('region', { name: 'Bản nháp chưa nộp' });
    await eventually(() => drafts.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) }).count()).toBe(2);
    await arrive(page, 'my-dossiers-drafts', 'Hồ sơ của tôi', { shot: true });
    expect(await drafts.getByText(/^Lưu lần cuối lúc /).count()).toBe(2);
    // Newest first: the one just started.
    await drafts.getByRole('button', { name: /^Xoá bản nháp/ }).first().click();
    await eventually(() => page.getByRole('heading', { level: 4, name: 'Xoá bản nháp này?' }).isVisible()).toBe(true);
    await eventually(() => page.evaluate(() => !!document.activeElement?.closest('.notice--warning'))).toBe(true);
    await arrive(page, 'my-dossiers-delete-confirm', 'Hồ sơ của tôi', { shot: true });
    await page.getByRole('button', { name: 'Có, xoá bản nháp' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: `Đã xoá bản nháp “${PROCEDURE_NAME}”` }).isVisible()).toBe(true);
    await eventually(() => drafts.getByRole('heading', { level: 3 }).count()).toBe(1);
    expect((await api.drafts()).map((d) => d.id)).toEqual([saved]);
    await arrive(page, 'my-dossiers-draft-deleted', 'Hồ sơ của tôi');

    // --- 6. Remove a file attached by mistake, on the attachments step.
    await api.upload(saved, 'giay-to-dung.pdf');
    await api.upload(saved, 'nham-tep.pdf');
    await page.goto(`${base}/ho-so/${saved}/dinh-kem`);
    await arrive(page, 'attachments-two-files', 'Giấy tờ đính kèm', { shot: true });
    await page.getByRole('button', { name: 'Gỡ tệp nham-tep.pdf' }).click();
    await eventually(() => page.getByRole('link', { name: 'nham-tep.pdf' }).count()).toBe(0);
    await eventually(() => page.getByRole('status').filter({ hasText: 'Đã gỡ tệp nham-tep.pdf' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'giay-to-dung.pdf' }).isVisible()).toBe(true);
    expect((await api.detail(saved)).attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['giay-to-dung.pdf']);
    await arrive(page, 'attachments-removed', 'Giấy tờ đính kèm');

    // --- 8. The session ends while answering: "Lưu và tiếp tục" shows why, keeps the answer, signs in again.
    await page.goto(`${base}/ho-so/${saved}/khai/subject`);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Người được đăng ký lại khai sinh' }).isVisible()).toBe(true);
    const reason = page.getByLabel('Lý do đăng ký lại');
    const typed = `Sổ gốc bị mất khi chuyển trụ sở (${tag})`;
    await reason.fill(typed);
    // The server ends the session (as its idle timeout would); the browser still shows the signed-in page.
    const out = await page.request.post(`${base}/api/auth/eid/logout`, { headers: api.headers });
    expect(out.status()).toBeLessThan(300);
    await ctx.clearCookies();
    await expect(page.locator('.site-header').getByText(citizen.name).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    const summary = page.locator('.error-summary');
    await eventually(() => summary.getByRole('heading', { name: 'Phiên đăng nhập đã hết hạn' }).isVisible()).toBe(true);
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
    // At the top of the page, in view.
    const box = await summary.boundingBox();
    expect(box && box.y >= 0 && box.y < viewport.height).toBe(true);
    await eventually(() => page.locator('.site-header').getByText(citizen.name).count()).toBe(0);
    expect(await page.getByText('Chưa đăng nhập').count()).toBe(0);
    expect(await reason.inputValue()).toBe(typed);
    await arrive(page, 'session-expired', 'Người được đăng ký lại khai sinh', { shot: true });
    if (tag === 'drafts-desktop') {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'expired-session.png'), fullPage: false });
    }
    await summary.getByRole('link', { name: 'Đăng nhập lại' }).click();
    await j.eidLogin(page);
    await eventually(() => new URL(page.url()).pathname).toBe(`/ho-so/${saved}/khai/subject`);
    await eventually(() => page.getByLabel('Lý do đăng ký lại').inputValue()).toBe(typed);
    await eventually(() => page.getByRole('status').filter({ hasText: 'Đã khôi phục những gì bạn nhập' }).isVisible()).toBe(true);
    await expect(page.locator('.site-header').getByText(citizen.name).isVisible()).resolves.toBe(true);
    await arrive(page, 'session-restored', 'Người được đăng ký lại khai sinh');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/ho-so/${saved}/khai/declaration`);
    expect(await page.evaluate((id) => sessionStorage.getItem(`motcua:unsaved:${id}`), saved)).toBeNull();
    const api2 = await citizenApi(page, base);
    expect((await api2.detail(saved)).data.reason).toBe(typed);

    // --- 6 again, on the supplement page: only the file added since the request can be removed.
    const filed = await fileDossier(page, base);
    const desk = await officerApi(base, 'tiepnhan.hongbang');
    const specialist = await officerApi(base, 'chuyenvien.hongbang');
    await desk(`/api/dossiers/${filed.id}/receive`);
    await specialist(`/api/dossiers/${filed.id}/claim`);
    await specialist(`/api/dossiers/${filed.id}/request-supplement`, { reason: 'Thiếu giấy tờ', missingItems: ['Hồ sơ học tập'] });
    await page.goto(`${base}/ho-so/${filed.id}/bo-sung`);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Bổ sung hồ sơ' }).isVisible()).toBe(true);
    await page.getByLabel(/^Giấy tờ, tài liệu có nội dung khai sinh/).setInputFiles({ name: 'bo-sung-nham.pdf', mimeType: 'application/pdf', buffer: samplePdf('bo sung nham') });
    await eventually(() => page.getByRole('link', { name: 'bo-sung-nham.pdf' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Gỡ tệp to-khai.pdf' }).count()).toBe(0);
    await arrive(page, 'supplement-added', 'Bổ sung hồ sơ', { shot: true });
    await page.getByRole('button', { name: 'Gỡ tệp bo-sung-nham.pdf' }).click();
    await eventually(() => page.getByRole('link', { name: 'bo-sung-nham.pdf' }).count()).toBe(0);
    const after = await api2.detail(filed.id);
    expect(after.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['to-khai.pdf']);
    expect(after.timeline.at(-1).comment).toContain('bo-sung-nham.pdf');
    await arrive(page, 'supplement-removed', 'Bổ sung hồ sơ');

    // --- 8 on another save: submitting from "check your answers" after the session ended.
    await page.goto(`${base}/ho-so/${saved}/kiem-tra`);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin trước khi nộp' }).isVisible()).toBe(true);
    const session2 = await (await page.request.get(`${base}/api/auth/session`)).json();
    expect((await page.request.post(`${base}/api/auth/eid/logout`, { headers: { 'x-csrf-token': session2.csrfToken } })).status()).toBeLessThan(300);
    await ctx.clearCookies();
    await page.getByRole('button', { name: 'Đồng ý và nộp hồ sơ' }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
    expect(await summary.getByRole('link', { name: 'Đăng nhập lại' }).getAttribute('href')).toBe(`/api/auth/eid/login?returnTo=${encodeURIComponent(`/ho-so/${saved}/kiem-tra`)}`);
    await eventually(() => page.locator('.site-header').getByText(citizen.name).count()).toBe(0);
    await arrive(page, 'review-session-expired', 'Kiểm tra thông tin trước khi nộp');
  } finally {
    await j.close();
  }
  return { findings: j.findings, pages: j.pages, overflow };
}

describe('drafts, removing attachments and an expired session, in the browser', () => {
  it(
    'desktop: continue or start anew, delete a draft, remove a file (draft and supplement), expired session — axe 0 violations in vi and en',
    async () => {
      const r = await run({ width: 1280, height: 900 }, 'drafts-desktop', { personalId: '031195007891', name: 'Phạm Thị Dung', birthDate: '30/01/1995', relation: 'Mẹ' });
      expect(r.findings, JSON.stringify(r.findings, null, 2)).toEqual([]);
      expect(r.pages.length).toBeGreaterThan(8);
    },
    JOURNEY_GUARD_MS,
  );

  it(
    'mobile 375×812: the same, with no horizontal scrolling — axe 0 violations in vi and en',
    async () => {
      const r = await run({ width: 375, height: 812 }, 'drafts-mobile', { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' });
      expect(r.findings, JSON.stringify(r.findings, null, 2)).toEqual([]);
      expect(r.overflow).toEqual([]);
    },
    JOURNEY_GUARD_MS,
  );
});
