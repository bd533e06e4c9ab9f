/**
 * The transparency log in the browser: a citizen's data-tracker entries and her dossier's actions each carry a proof
 * that the page checks itself (shared verifier, pinned log key) and marks "Đã kiểm chứng"; a tampered proof is
 * marked "Không kiểm chứng được". axe-clean in vi and en, at 375 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // Integrate and sign often, so proofs are ready at once.
  process.env.TLOG_INTEGRATE_MS = '100';
  process.env.TLOG_CHECKPOINT_MS = '300';
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const BINH = { personalId: '031190004567', name: 'Trần Thị Bình', birthDate: '22/07/1990', relation: 'Mẹ' as const };

/** Reloads until the text shows (a proof is "pending" for the second or so before its checkpoint). */
async function untilShown(page: Page, text: string) {
  await expect
    .poll(
      async () => {
        if (await page.getByText(text).first().isVisible()) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForTimeout(300);
        return page.getByText(text).first().isVisible();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

describe('transparency log proofs', () => {
  it('the tracker and the dossier page show verified proofs; a tampered proof is not verified', async () => {
    const j = new Journey({ base: server.url, browser, viewport: { width: 375, height: 800 }, tag: 'tlog', axe: true, citizen: BINH });
    try {
      const { page } = await j.context();
      const base = server.url;
      await page.goto(`${base}/du-lieu/ai-da-xem`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      // Signing in read her registry record: that read is in the tracker, with its proof.
      await j.arrive(page, 'tracker', 'Ai đã xem dữ liệu của tôi');
      await untilShown(page, 'Đã kiểm chứng');
      await page.getByText('Về nhật ký minh bạch').click();
      await expect.poll(() => page.getByText(/^Khóa công khai của nhật ký/).isVisible()).toBe(true);
      await j.arrive(page, 'tracker-verified', 'Ai đã xem dữ liệu của tôi', { shot: true });

      // A dossier filed (through the API, as the journey test covers the form): its actions are proven too.
      const id = await page.evaluate(async () => {
        const s = await (await fetch('/api/auth/session')).json();
        const json = { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken };
        const proc = await (await fetch('/api/procedures/birth-re-registration')).json();
        const agency = (await (await fetch('/api/agencies')).json()).find((a: { code: string }) => a.code === '000.00.21.H38').id;
        const d = await (await fetch('/api/dossiers', { method: 'POST', headers: json, body: JSON.stringify({ procedure: 'birth-re-registration', agencyId: agency, data: proc.current.sampleData }) })).json();
        const form = new FormData();
        form.append('documentId', 'personal-records');
        form.append('file', new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], { type: 'application/pdf' }), 'giay-to.pdf');
        await fetch(`/api/dossiers/${d.id}/attachments`, { method: 'POST', headers: { 'x-csrf-token': s.csrfToken }, body: form });
        const submitted = await fetch(`/api/dossiers/${d.id}/submit`, { method: 'POST', headers: { 'x-csrf-token': s.csrfToken } });
        if (!submitted.ok) throw new Error(`submit: ${submitted.status} ${await submitted.text()}`);
        return d.id as string;
      });
      await page.goto(`${base}/ho-so/${id}`);
      await j.arrive(page, 'dossier', /Đăng ký lại khai sinh|khai sinh/i);
      await untilShown(page, 'Đã kiểm chứng');
      const section = page.getByRole('region', { name: 'Kiểm chứng các bước trong nhật ký minh bạch' });
      await expect.poll(() => section.getByText('Nộp hồ sơ').first().isVisible()).toBe(true);
      expect(await section.getByText('Không kiểm chứng được').count()).toBe(0);
      await j.arrive(page, 'dossier-verified', /khai sinh/i, { shot: true });

      // A proof changed on its way (one leaf byte): the page says it cannot be verified, and why.
      await page.route('**/api/tlog/proofs?*', async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        for (const i of body.items) if (i.bundle) i.bundle.leaf.data = i.bundle.leaf.data.replace('"population"', '"business"');
        await route.fulfill({ response: res, json: body });
      });
      await page.goto(`${base}/du-lieu/ai-da-xem`);
      await j.arrive(page, 'tracker-tampered', 'Ai đã xem dữ liệu của tôi', { shot: true });
      await expect.poll(() => page.getByText('Không kiểm chứng được').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText(/bản ghi không nằm trong nhật ký đã ký/).first().isVisible()).toBe(true);
      expect(await page.getByText('Đã kiểm chứng').count()).toBe(0);

      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
