/**
 * Officers' pages of issue 10 in the browser, at desktop size and at 375 px, axe in Vietnamese and English: the
 * leader assigns a dossier from a picker of the ward's specialists with their workload (not an account id), sees the
 * specialist's name, and the warning time is never before the receipt; the result officer finds the citizen's chosen
 * way of receiving the result already selected, and form 01 says the same. A birth registration (same-day, 15:00
 * cutoff) is filed through the API with the citizen's browser session; the steps nobody looks at go through the API.
 * With OFFICERS_SHOTS=<folder>, full-page screenshots of the picker and of form 06 are kept there.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { JOURNEY_GUARD_MS, axeScan, eventually, launchChromium, overflowsHorizontally, samplePdf, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { readCatalogueFiles } from '../../src/modules/catalog';
import { officerApi as officer } from './support/api';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** OFFICERS_SHOTS=<folder> keeps full-page screenshots of the picker and form 06 there (for an issue note). */
const SHOTS = process.env.OFFICERS_SHOTS;
async function keep(page: Page, name: string) {
  await screenshot(page, `officers-${name}`);
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Files a birth registration asking for the result by post, with the citizen's browser session. */
async function fileBirthRegistration(page: Page, base: string): Promise<{ id: string; code: string }> {
  const session = await (await page.request.get(`${base}/api/auth/session`)).json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const agencies = (await (await page.request.get(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  const proc = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-registration')!;
  const data = { ...proc.sampleData, deliveryMethod: 'postal', deliveryAddress: 'Số 5 Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng' };
  const draft = await (await page.request.post(`${base}/api/dossiers`, { headers, data: { procedure: proc.key, agencyId: agencies.find((a) => a.code === '000.00.21.H38')!.id, data } })).json();
  const up = await page.request.post(`${base}/api/dossiers/${draft.id}/attachments`, { headers, multipart: { documentId: 'birth-certificate', file: { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay chung sinh') } } });
  expect(up.status(), await up.text()).toBe(201);
  const submitted = await page.request.post(`${base}/api/dossiers/${draft.id}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return submitted.json();
}

/** "dd/mm/yyyy hh:mm" as shown on the pages → epoch ms (Vietnam time). */
function shown(text: string): number {
  const m = /(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`no date-time in ${JSON.stringify(text)}`);
  return Date.parse(`${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:00+07:00`);
}

async function scenario(tag: 'desktop' | 'mobile', viewport: { width: number; height: number }, citizen: { personalId: string; name: string; birthDate: string; relation: 'Cha' | 'Mẹ' }) {
  const base = server.url;
  const j = new Journey({ base, browser, viewport, tag: `officers-${tag}`, axe: true, citizen });
  try {
    const { page: citizenPage } = await j.context();
    await citizenPage.goto(`${base}/thong-bao`);
    await citizenPage.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
    await j.eidLogin(citizenPage);
    const d = await fileBirthRegistration(citizenPage, base);
    await (await officer(base, 'tiepnhan.hongbang'))(`/api/dossiers/${d.id}/receive`);

    // The leader opens the dossier: the warning is not before the receipt.
    const leader = await j.officerLogin('lanhdao.hongbang');
    await leader.goto(`${base}/can-bo/ho-so/${d.id}`);
    await j.arrive(leader, 'workspace-received', d.code);
    const row = (label: string) => leader.locator('.summary-list__row', { has: leader.getByText(label, { exact: true }) }).locator('dd');
    const received = shown(await row('Ngày tiếp nhận').innerText());
    const due = await row('Hẹn trả kết quả').innerText();
    expect(due).toMatch(/cảnh báo từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(shown(due.split('cảnh báo từ')[1])).toBeGreaterThanOrEqual(received);
    await eventually(() => row('Chuyên viên xử lý').innerText()).toBe('Chưa phân công');

    // The picker: the ward's specialists by name with their open workload, as radio buttons.
    await leader.getByRole('link', { name: 'Phân công', exact: true }).click();
    await j.arrive(leader, 'action-assign', 'Phân công');
    const group = leader.getByRole('group', { name: 'Chuyên viên' });
    const minh = group.getByRole('radio', { name: /^Trần Văn Minh — \d+ hồ sơ đang xử lý$/ });
    await eventually(() => minh.isVisible()).toBe(true);
    expect(await leader.getByText('Mã tài khoản').count()).toBe(0);
    if (tag === 'desktop') await keep(leader, 'assignment-picker');
    // Nothing chosen: the error summary takes focus and says "Chọn …".
    await leader.getByRole('button', { name: 'Phân công', exact: true }).click();
    await eventually(() => leader.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await eventually(() => leader.getByRole('link', { name: 'Chọn chuyên viên' }).isVisible()).toBe(true);
    j.findings.push(...(await axeScan(leader, 'action-assign-errors', 'vi')));
    if (await overflowsHorizontally(leader)) j.overflow.push('action-assign-errors');
    if (tag === 'desktop') await keep(leader, 'assignment-picker-error');
    await minh.check();
    await leader.getByRole('button', { name: 'Phân công', exact: true }).click();
    await eventually(() => leader.getByRole('status').filter({ hasText: 'Đã thực hiện: Phân công' }).isVisible()).toBe(true);
    // The leader sees who works on it, by name.
    await eventually(() => row('Chuyên viên xử lý').innerText()).toBe('Trần Văn Minh');
    await j.arrive(leader, 'workspace-assigned', d.code);

    // Processing and approval through the API; then the result officer returns it the way the citizen chose.
    const specialist = await officer(base, 'chuyenvien.hongbang');
    await specialist(`/api/dossiers/${d.id}/claim`);
    await specialist(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' });
    await (await officer(base, 'lanhdao.hongbang'))(`/api/dossiers/${d.id}/approve`, {});
    await (await officer(base, 'trakq.hongbang'))(`/api/dossiers/${d.id}/issue-result`, { electronic: false });
    const result = await j.officerLogin('trakq.hongbang');
    await result.goto(`${base}/can-bo/ho-so/${d.id}/thao-tac/tra-ket-qua`);
    await j.arrive(result, 'action-return', 'Trả kết quả');
    await eventually(() => result.getByRole('radio', { name: 'Qua bưu chính công ích' }).isChecked()).toBe(true);
    expect(await result.getByRole('radio', { name: 'Tại bộ phận một cửa' }).isChecked()).toBe(false);
    await eventually(() => result.getByText('Người nộp đã chọn: Qua bưu chính công ích.').isVisible()).toBe(true);
    const receipt = await result.request.get(`${base}/api/dossiers/${d.id}/documents/01?format=html`);
    expect(await receipt.text()).toContain('Qua dịch vụ bưu chính công ích, đến địa chỉ: Số 5 Lạch Tray');
    await result.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    await eventually(() => result.getByRole('status').filter({ hasText: 'Đã thực hiện: Trả kết quả' }).isVisible()).toBe(true);

    if (tag === 'desktop') {
      // Form 06 as the officer prints it: HTML, and the PDF's first page.
      await result.goto(`${base}/api/dossiers/${d.id}/documents/06?format=html`);
      await eventually(() => result.getByText('Trần Văn Minh', { exact: false }).first().isVisible()).toBe(true);
      await keep(result, 'form-06-html');
      const pdf = await result.request.get(`${base}/api/dossiers/${d.id}/documents/06?format=pdf`);
      expect(pdf.status()).toBe(200);
      if (SHOTS) {
        const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-06-')), 'form-06.pdf');
        fs.writeFileSync(tmp, await pdf.body());
        execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', tmp, path.join(SHOTS, 'form-06-pdf')]);
      }
    }
    return j;
  } catch (e) {
    await j.close();
    throw e;
  }
}

describe('officers’ pages (issue 10)', () => {
  it('desktop: assignment picker, the assignee’s name, warning after receipt, chosen return method; axe finds nothing', async () => {
    const j = await scenario('desktop', { width: 1280, height: 900 }, { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' });
    try {
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);

  it('375 px: the same, without horizontal scrolling; axe finds nothing', async () => {
    const j = await scenario('mobile', { width: 375, height: 812 }, { personalId: '031190004567', name: 'Trần Thị Bình', birthDate: '22/07/1990', relation: 'Mẹ' });
    try {
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);
});

describe('an officer’s sessions (issue 23)', () => {
  it('375 px: sees where she is signed in, this browser marked, and ends the other one, which is signed out; axe finds nothing', async () => {
    const j = new Journey({ base: server.url, browser, viewport: { width: 375, height: 812 }, tag: 'sessions-mobile', axe: true, citizen: { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' } });
    try {
      const phone = await j.officerLogin('chuyenvien.xaydung');
      const desk = await j.officerLogin('chuyenvien.xaydung');
      // The officer's name in the header leads to her sessions.
      await desk.getByRole('link', { name: 'Phan Văn Long' }).click();
      await j.arrive(desk, 'sessions', 'Phiên đăng nhập', { shot: true });
      const rows = desk.getByRole('row').filter({ has: desk.getByRole('button') });
      await eventually(() => rows.count()).toBe(2);
      await eventually(() => desk.getByText('Phiên này', { exact: true }).count()).toBe(1);
      await desk.getByRole('button', { name: /^Kết thúc phiên/ }).click();
      await eventually(() => desk.getByRole('status').filter({ hasText: 'Đã kết thúc phiên bắt đầu lúc' }).isVisible()).toBe(true);
      await eventually(() => rows.count()).toBe(1);
      await eventually(() => desk.getByText('Không có phiên nào khác đang mở.').isVisible()).toBe(true);
      await j.arrive(desk, 'sessions-one-left', 'Phiên đăng nhập');
      // The other browser is signed out (the server forgets a session within seconds).
      await eventually(
        async () => {
          await phone.goto(`${server.url}/can-bo`);
          return phone.getByRole('heading', { level: 1, name: 'Đăng nhập dành cho cán bộ' }).isVisible({ timeout: 5_000 });
        },
        { timeout: 30_000 },
      ).toBe(true);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);
});
