/**
 * The audit viewer in the browser (issue 23, item 4), at 375 px, axe in Vietnamese and English, no horizontal
 * scrolling: the platform administrator opens Nhật ký kiểm tra from the administration's navigation, sees that the
 * hash chain is intact (records sealed by the server's sealer), searches by action, loads more, exports the search as
 * CSV (the download is UTF-8 with BOM, a Vietnamese header row and the records found) and finds her own search and
 * export in the log. A ward's inspector (thanh tra) sees the audit log alone of the administration, for her ward only.
 */
import { readFileSync } from 'node:fs';
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

describe('the audit viewer in the browser', () => {
  it('shows the chain’s status, searches by action, loads more, exports CSV, and records its own use', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'audit', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/quan-tri`);
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('MotCua@2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục' }).isVisible(), WAIT).toBe(true);
      // Enough of the administrator's own records to fill more than one page (50): each search of the log is audited,
      // and costs far less than a sign-in (a scrypt hash).
      for (let i = 0; i < 52; i++) {
        const res = await page.request.get(`${base}/api/admin/audit?action=auth.login&limit=1`);
        expect(res.status()).toBe(200);
      }
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
      await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe('/quan-tri/nhat-ky');

      // The verification banner: the server's sealer links the records into the chain within seconds.
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Chuỗi băm hợp lệ' }).isVisible(), WAIT).toBe(true);
      const banner = page.locator('section[aria-labelledby="audit-verify-title"]');
      await expect.poll(async () => /Chuỗi băm hợp lệ: \d+ bản ghi đã niêm phong, \d+ bản ghi chờ niêm phong/.test((await banner.textContent()) ?? ''), WAIT).toBe(true);
      const sealed = Number(/(\d+) bản ghi đã niêm phong/.exec((await banner.textContent())!)![1]);
      expect(sealed).toBeGreaterThan(0);
      expect(await banner.textContent()).toContain('Nhật ký minh bạch khớp với đầu cây');
      expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký kiểm tra' }).getAttribute('aria-current')).toBe('page');
      await j.arrive(page, 'audit-log', 'Nhật ký kiểm tra', { shot: true });

      // A bad action is refused by the form, named in the error summary.
      await page.getByLabel('Hành động', { exact: true }).fill('Đăng nhập');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => page.getByRole('link', { name: /^Mã hành động chỉ gồm chữ thường không dấu/ }).isVisible(), WAIT).toBe(true);

      // Search by action: the administrator's searches, newest first, 50 at a time.
      await page.getByLabel('Hành động', { exact: true }).fill('audit.viewed');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      const table = page.locator('table.audit-table');
      const shown = async () => [...new Set(await table.locator('tbody td:nth-child(3)').allTextContents())];
      await expect.poll(shown, WAIT).toEqual(['audit.viewed']);
      expect(await table.locator('caption').textContent()).toBe('Đã tải 50 bản ghi, mới nhất trước');
      expect(await table.locator('tbody tr').first().textContent()).toContain('Quản trị hệ thống');
      // At 375 px each record is a card: the cells stack, labelled.
      expect(await table.locator('tbody td').first().evaluate((td) => getComputedStyle(td).display)).toBe('block');
      await page.getByRole('button', { name: 'Tải thêm' }).click();
      await expect.poll(async () => Number(/Đã tải (\d+)/.exec((await table.locator('caption').textContent()) ?? '')?.[1] ?? 0), WAIT).toBeGreaterThanOrEqual(53);
      expect(await page.getByRole('button', { name: 'Tải thêm' }).count()).toBe(0);
      await j.arrive(page, 'audit-log-results', 'Nhật ký kiểm tra', { shot: true });

      // Export: the same search as CSV.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^nhat-ky-kiem-tra-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe('Thời điểm,Người thực hiện,Mã tài khoản,Loại tài khoản,Vai trò,Cơ quan,Hành động,Loại đối tượng,Mã đối tượng,Mã yêu cầu,Số thứ tự trong chuỗi,Mã băm bản ghi,Mã băm chuỗi');
      expect(lines.length - 1).toBeGreaterThanOrEqual(53);
      for (const l of lines.slice(1)) expect(l.split(',')[6]).toBe('audit.viewed');
      expect(lines[1].split(',')[1]).toBe('Quản trị hệ thống');

      // The viewer's own use is in the log.
      await page.getByLabel('Hành động', { exact: true }).fill('audit.');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(async () => new Set(await table.locator('tbody td:nth-child(3)').allTextContents()).has('audit.exported'), WAIT).toBe(true);
      const own = new Set(await table.locator('tbody td:nth-child(3)').allTextContents());
      expect(own.has('audit.viewed')).toBe(true);
      expect(own.has('audit.verified')).toBe(true);

      // An inspector (thanh tra) of one ward: the audit log is all she sees of the administration, for her ward only.
      const session = await (await page.request.get(`${base}/api/auth/session`)).json();
      const agencies = (await (await page.request.get(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string; name: string }>;
      const hongBang = agencies.find((a) => a.code === '000.00.21.H38')!;
      const created = await page.request.post(`${base}/api/admin/accounts`, {
        headers: { 'x-csrf-token': session.csrfToken, 'idempotency-key': 'e2e-audit-inspector' },
        data: { kind: 'officer', username: 'thanhtra.hongbang', displayName: 'Vũ Thị Thanh', password: 'Thanh tra 2026', grants: [{ role: 'inspector', agencyId: hongBang.id, includeSubAgencies: false }] },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { page: inspector } = await j.context();
      await inspector.goto(`${base}/quan-tri`);
      await inspector.getByLabel('Tên đăng nhập').fill('thanhtra.hongbang');
      await inspector.getByLabel('Mật khẩu').fill('Thanh tra 2026');
      await inspector.getByRole('button', { name: 'Đăng nhập' }).click();
      await j.arrive(inspector, 'audit-log-inspector', 'Nhật ký kiểm tra', { shot: true });
      expect(await inspector.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).toEqual(['Nhật ký kiểm tra']);
      await expect.poll(() => inspector.getByLabel('Cơ quan', { exact: true }).locator('option').allTextContents(), WAIT).toEqual(['Mọi cơ quan trong phạm vi của bạn', hongBang.name]);
      await expect.poll(() => inspector.getByRole('heading', { level: 2, name: 'Chuỗi băm hợp lệ' }).isVisible(), WAIT).toBe(true);
      // The administrator's sign-ins have no agency: not hers to see.
      await inspector.getByLabel('Hành động', { exact: true }).fill('auth.login');
      await inspector.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => inspector.getByText('Không có bản ghi nào khớp điều kiện tra cứu.').isVisible(), WAIT).toBe(true);
      await inspector.goto(`${base}/quan-tri/co-quan`);
      await expect.poll(() => inspector.getByRole('heading', { level: 1, name: 'Bạn không có quyền quản trị' }).isVisible(), WAIT).toBe(true);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 600_000);
});
