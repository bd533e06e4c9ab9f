/**
 * The signed result in the browser, at 375 px: a citizen's dossier (filed through the API with her session) is
 * received, approved and its electronic result issued by the officers; her dossier page then lists the signed
 * result with its number and verification code, and the link downloads the PAdES-signed PDF. She checks that file on
 * /xac-thuc (valid, in force in the register); once the agency revokes it, the page says revoked, with the reason,
 * and so does her dossier page. axe-clean in vi and en.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchChromium } from './support/browser';
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

describe('signed results in the browser', () => {
  it('375 px: after approval the citizen downloads the signed result from her dossier page; axe finds nothing', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport: { width: 375, height: 812 }, tag: 'result', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/ho-so`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      const d = await fileDossier(page, base);
      const desk = await officer(base, 'tiepnhan.hongbang');
      const specialist = await officer(base, 'chuyenvien.hongbang');
      const approver = await officer(base, 'lanhdao.hongbang');
      const result = await officer(base, 'trakq.hongbang');
      await desk(`/api/dossiers/${d.id}/receive`);
      await specialist(`/api/dossiers/${d.id}/claim`);
      await specialist(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' });
      await approver(`/api/dossiers/${d.id}/approve`, {});
      await result(`/api/dossiers/${d.id}/issue-result`, { electronic: true });

      await page.goto(`${base}/ho-so/${d.id}`);
      const section = page.getByRole('region', { name: 'Kết quả điện tử (đã ký số)' });
      await expect.poll(() => section.isVisible(), WAIT).toBe(true);
      await expect.poll(() => section.getByText(/số \d+\/\d{4}\/GKS/).isVisible(), WAIT).toBe(true);
      await expect.poll(() => section.getByText('Mã xác thực').isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'dossier-result', 'Đăng ký lại khai sinh', { shot: true });

      const link = section.getByRole('link', { name: /^Tải .*\(PDF có chữ ký số\)$/ });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^giay-khai-sinh-[0-9a-z]{20}\.pdf$/);
      const file = await download.path();
      const bytes = (await import('node:fs')).readFileSync(file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');

      // She checks the downloaded file on the public verification page: valid, and in force in the register.
      const verifyFile = async () => {
        await page.goto(`${base}/xac-thuc`);
        await page.locator('#verify-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: bytes });
        await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
        const heading = page.locator('#verify-result');
        await eventually(() => heading.isVisible(), { message: 'verdict' }).toBe(true);
        return heading;
      };
      let verdict = await verifyFile();
      await expect(verdict.textContent()).resolves.toContain('Hợp lệ');
      await expect(page.locator('[data-verdict="valid"]').count()).resolves.toBe(1);
      await eventually(() => page.getByText('Kết quả còn hiệu lực').isVisible()).toBe(true);
      await j.arrive(page, 'verify-issued', 'Xác thực văn bản điện tử', { shot: true });

      // The agency revokes it (thu hồi): the same file now verifies as revoked, with the reason.
      const { items } = (await (await page.request.get(`${base}/api/dossiers/${d.id}/results`)).json()) as { items: Array<{ id: string }> };
      const revoked = await approver(`/api/results/${items[0].id}/revoke`, { reason: 'Cấp nhầm hồ sơ' });
      expect(revoked.status).toBe('revoked');
      verdict = await verifyFile();
      await expect(verdict.textContent()).resolves.toContain('Đã bị thu hồi');
      await expect(page.locator('[data-verdict="revoked"]').count()).resolves.toBe(1);
      await eventually(() => page.getByText(/Kết quả đã bị thu hồi/).first().isVisible()).toBe(true);
      await eventually(() => page.getByText(/Cấp nhầm hồ sơ/).first().isVisible()).toBe(true);
      await j.arrive(page, 'verify-revoked', 'Xác thực văn bản điện tử', { shot: true });

      // Her dossier page says so too.
      await page.goto(`${base}/ho-so/${d.id}`);
      await eventually(() => page.locator('[data-result-status="revoked"]').isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'dossier-result-revoked', 'Đăng ký lại khai sinh');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);

  it('375 px: the result officer reissues (cấp lại) a result from the workspace: reason required, then two results with their statuses; axe finds nothing', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport: { width: 375, height: 812 }, tag: 'result-reissue', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/ho-so`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      const d = await fileDossier(page, base);
      await (await officer(base, 'tiepnhan.hongbang'))(`/api/dossiers/${d.id}/receive`);
      const specialist = await officer(base, 'chuyenvien.hongbang');
      await specialist(`/api/dossiers/${d.id}/claim`);
      await specialist(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' });
      await (await officer(base, 'lanhdao.hongbang'))(`/api/dossiers/${d.id}/approve`, {});
      await (await officer(base, 'trakq.hongbang'))(`/api/dossiers/${d.id}/issue-result`, { electronic: true });

      const desk = await j.officerLogin('trakq.hongbang');
      await desk.goto(`${base}/can-bo/ho-so/${d.id}`);
      const section = desk.getByRole('region', { name: 'Kết quả điện tử (đã ký số)' });
      await eventually(() => section.getByRole('button', { name: 'Cấp lại' }).isVisible(), WAIT).toBe(true);
      await section.getByRole('button', { name: 'Cấp lại' }).click();
      const form = section.getByRole('form', { name: /^Cấp lại / });
      await eventually(() => form.isVisible()).toBe(true);
      // No reason: the error summary takes focus and links to the field.
      await form.getByRole('button', { name: 'Ký số và cấp lại' }).click();
      await eventually(() => desk.locator('.error-summary').isVisible()).toBe(true);
      await eventually(() => desk.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      await expect(desk.getByText('Nhập lý do').count()).resolves.toBeGreaterThan(1);
      await j.arrive(desk, 'workspace-reissue-no-reason', d.code);
      await form.getByLabel('Lý do').fill('Sai ngày sinh của trẻ');
      await form.getByRole('button', { name: 'Ký số và cấp lại' }).click();
      await eventually(() => section.getByRole('status').filter({ hasText: /Đã cấp lại .*: kết quả mới số \d+\/\d{4}\/GKS\./ }).isVisible(), WAIT).toBe(true);
      await eventually(() => section.locator('[data-result-status]').count(), WAIT).toBe(2);
      await expect(section.locator('[data-result-status="valid"]').count()).resolves.toBe(1);
      await expect(section.locator('[data-result-status="replaced"]').textContent()).resolves.toMatch(/được thay bằng kết quả mã [0-9A-Z]{20}/);
      await expect(section.getByRole('button', { name: 'Cấp lại' }).count()).resolves.toBe(1);
      await j.arrive(desk, 'workspace-reissued', d.code, { shot: true });

      // Her dossier page shows both, each with its status.
      await page.goto(`${base}/ho-so/${d.id}`);
      await eventually(() => page.locator('[data-result-status]').count(), WAIT).toBe(2);
      await expect(page.locator('[data-result-status="replaced"]').count()).resolves.toBe(1);
      await j.arrive(page, 'dossier-result-reissued', 'Đăng ký lại khai sinh');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
