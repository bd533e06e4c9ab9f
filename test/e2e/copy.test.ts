/**
 * Chứng thực bản sao điện tử từ bản chính in the browser, at desktop width and at 375 px: a dossier of the
 * certification procedure is filed and received at the desk (through the API); the receiving officer opens it in
 * the workspace, submits the copy form empty (error summary), then uploads the scan, names the document, confirms
 * the match with the original and certifies. The signed copy is listed with the dossier's results (revocable, not
 * replaceable) and verifies on /xac-thuc as a certified copy, valid. axe-clean in vi and en.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, launchChromium, samplePdf } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT, officerApi } from './support/api';
import { readCatalogueFiles } from '../../src/modules/catalog';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A certification dossier filed at the Hồng Bàng desk for Phạm Thị Dung, received. */
async function receivedAtDesk(base: string): Promise<{ id: string; code: string }> {
  const desk = await officerApi(base, 'tiepnhan.hongbang');
  const agencies = (await (await fetch(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  const proc = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'certified-copy-from-original')!;
  const draft = await desk('/api/officer/dossiers', {
    procedure: proc.key,
    agencyId: agencies.find((a) => a.code === '000.00.21.H38')!.id,
    channel: 'in_person',
    applicant: { type: 'citizen', personalId: DUNG.personalId, fullName: DUNG.name },
    data: proc.sampleData,
  });
  const submitted = await desk(`/api/dossiers/${draft.id}/submit`);
  await desk(`/api/dossiers/${draft.id}/receive`);
  return { id: draft.id, code: submitted.code };
}

describe('certified electronic copy in the browser', () => {
  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: '375 px', width: 375, height: 812 },
  ]) {
    it(`${viewport.name}: the desk officer certifies a copy from the scan, then it verifies on /xac-thuc; axe finds nothing`, async () => {
      const base = server.url;
      const j = new Journey({ base, browser, viewport, tag: `copy-${viewport.width}`, axe: true, citizen: DUNG });
      try {
        const d = await receivedAtDesk(base);
        const page = await j.officerLogin('tiepnhan.hongbang');
        await page.goto(`${base}/can-bo/ho-so/${d.id}`);
        await j.arrive(page, 'workspace-copy', d.code);
        const panel = page.getByRole('region', { name: 'Chứng thực bản sao điện tử từ bản chính' });
        await eventually(() => panel.isVisible(), WAIT).toBe(true);

        // Nothing chosen, nothing confirmed: the error summary takes focus and lists both.
        await panel.getByRole('button', { name: 'Chứng thực và ký số' }).click();
        await eventually(() => page.locator('.error-summary').isVisible()).toBe(true);
        await eventually(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
        await expect(page.locator('.error-summary').textContent()).resolves.toContain('Chọn tệp bản chụp');
        await expect(page.locator('.error-summary').textContent()).resolves.toContain('Đánh dấu xác nhận bản chụp đúng với bản chính');
        await j.arrive(page, 'workspace-copy-errors', d.code);

        await page.locator('#copy-scan').setInputFiles({ name: 'bang-tot-nghiep.pdf', mimeType: 'application/pdf', buffer: samplePdf('Bang tot nghiep THPT') });
        await panel.getByLabel('Tên giấy tờ, văn bản').fill('Bằng tốt nghiệp trung học phổ thông');
        await panel.getByLabel('Tôi xác nhận đã đối chiếu: bản chụp đúng với bản chính được xuất trình').check();
        await panel.getByRole('button', { name: 'Chứng thực và ký số' }).click();
        const done = panel.getByRole('status');
        await eventually(() => done.isVisible(), WAIT).toBe(true);
        await expect(done.textContent()).resolves.toMatch(/Đã chứng thực bản sao điện tử, số \d+, quyển số 01\/\d{4}-SCT\/BS\./);
        await j.arrive(page, 'workspace-copy-done', d.code, { shot: true });

        // Listed with the dossier's results, in force, revocable but not replaceable.
        const results = page.getByRole('region', { name: 'Kết quả điện tử (đã ký số)' });
        await eventually(() => results.locator('[data-result-status="valid"]').count(), WAIT).toBe(1);
        await expect(results.getByRole('button', { name: 'Thu hồi' }).count()).resolves.toBe(1);
        await expect(results.getByRole('button', { name: 'Cấp lại' }).count()).resolves.toBe(0);

        // The signed copy, downloaded with the officer's session, verifies on the public page as a certified copy.
        const { items } = (await (await page.request.get(`${base}/api/dossiers/${d.id}/results`)).json()) as { items: Array<{ downloadUrl: string; fileName: string; kind: string }> };
        expect(items[0].kind).toBe('certified_copy');
        const bytes = Buffer.from(await (await page.request.get(`${base}${items[0].downloadUrl}`)).body());
        expect(bytes.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
        await page.goto(`${base}/xac-thuc`);
        await page.locator('#verify-file').setInputFiles({ name: items[0].fileName, mimeType: 'application/pdf', buffer: bytes });
        await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
        const verdict = page.locator('#verify-result');
        await eventually(() => verdict.isVisible(), WAIT).toBe(true);
        await expect(verdict.textContent()).resolves.toContain('Hợp lệ');
        await expect(page.locator('[data-verdict="valid"]').count()).resolves.toBe(1);
        await eventually(() => page.getByText('Bản sao điện tử được chứng thực từ bản chính', { exact: true }).isVisible()).toBe(true);
        await j.arrive(page, 'verify-copy', 'Xác thực văn bản điện tử', { shot: true });

        // The QR code's address answers by verification code: a certified copy, in force.
        const { items: listed } = (await (await page.request.get(`${base}/api/dossiers/${d.id}/results`)).json()) as { items: Array<{ verifyUrl: string }> };
        await page.goto(`${base}${new URL(listed[0].verifyUrl).pathname}${new URL(listed[0].verifyUrl).search}`);
        await eventually(() => page.locator('[data-status="valid"]').isVisible(), WAIT).toBe(true);
        await eventually(() => page.getByText('Bản sao điện tử được chứng thực từ bản chính', { exact: true }).isVisible()).toBe(true);
        await j.arrive(page, 'verify-copy-code', 'Xác thực văn bản điện tử');

        expect(j.overflow).toEqual([]);
        expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      } finally {
        await j.close();
      }
    }, 240_000);
  }
});
