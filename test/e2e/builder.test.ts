/**
 * The procedure builder in the browser: an agency administrator builds a new procedure from scratch (a conditional
 * repeatable group, a conditional document, a per-copy fee, a three-step workflow, a result template line), reorders
 * a question with the keyboard only, previews it at phone width, sends it for approval; another administrator
 * approves and publishes it; a citizen signed in with e-ID files it online and, once the officers of the three
 * steps have acted, downloads the signed result made from the built template. Axe in Vietnamese on every builder
 * page; the clicks and fields the build takes are counted and printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeScan, launchChromium, screenshot, type AxeFinding } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT, officerApi as officer } from './support/api';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const KEY = 'cap-ban-sao-giay-xac-nhan';
const NAME = 'Cấp bản sao giấy xác nhận';

async function adminPage(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`page error on ${page.url()}: ${e.message}`);
  });
  await page.goto(`${server.url}/quan-tri`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('MotCua@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục' }).isVisible(), WAIT).toBe(true);
  return page;
}

describe('procedure builder in the browser', () => {
  it('builds a procedure from scratch, gets it approved by another admin, and a citizen files it online and gets the signed result', async () => {
    const findings: AxeFinding[] = [];
    const count = { clicks: 0, fields: 0 };
    const click = async (l: Locator) => (count.clicks++, l.click());
    const fill = async (l: Locator, v: string) => (count.fields++, l.fill(v));
    const choose = async (l: Locator, v: string) => (count.fields++, l.selectOption(v));
    const scan = async (page: Page, name: string) => findings.push(...(await axeScan(page, name, 'vi')));

    const page = await adminPage('qtv.haiphong');
    await scan(page, 'procedures');
    // 1. Identity.
    await click(page.getByRole('link', { name: 'Tạo thủ tục mới' }));
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tạo thủ tục mới' }).isVisible(), WAIT).toBe(true);
    await scan(page, 'new-procedure');
    await fill(page.getByLabel('Khóa trong danh mục'), KEY);
    await fill(page.locator('#np-code'), '2.000999');
    await fill(page.locator('#np-name-vi'), NAME);
    await fill(page.locator('#np-name-en'), 'Copy of a confirmation');
    await click(page.getByRole('button', { name: 'Tạo bản nháp' }));
    await expect.poll(() => page.getByRole('heading', { level: 1, name: NAME }).isVisible(), WAIT).toBe(true);
    await scan(page, 'editor-new');
    await fill(page.locator('#v-legal'), 'Luật Hộ tịch 2014; Thông tư 281/2016/TT-BTC');

    // 2. The e-form: a number of copies, a yes/no question, a repeatable group shown only on "yes".
    const section = page.locator('.builder section').first();
    const addField = async (vi: string, en: string, widget: string) => {
      await click(section.getByRole('button', { name: /^Thêm trường/ }));
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      const base = id.replace(/-vi$/, '');
      await fill(page.locator(`#${base}-vi`), vi);
      await fill(page.locator(`#${base}-en`), en);
      await choose(page.locator(`#${base}-widget`), widget);
      return base.replace(/^fld-/, '');
    };
    const copies = await addField('Số bản sao', 'Copies', 'number');
    // A validation rule: at most 10 copies (the server refuses 11 below).
    await fill(page.locator(`#${copies}-limit-maximum`), '10');
    const other = await addField('Yêu cầu cho người khác', 'On behalf of someone else', 'checkbox');
    await click(section.getByRole('button', { name: /^Thêm nhóm lặp lại/ }));
    const groupBase = (await page.evaluate(() => document.activeElement?.id ?? '')).replace(/-vi$/, '');
    const group = groupBase.replace(/^fld-/, '');
    await fill(page.locator(`#${groupBase}-vi`), 'Người được cấp bản sao');
    await fill(page.locator(`#${groupBase}-en`), 'People receiving a copy');
    await fill(page.locator(`#${group}-item1-vi`), 'Họ và tên');
    await fill(page.locator(`#${group}-item1-en`), 'Full name');
    await click(page.getByRole('button', { name: 'Thêm trường vào nhóm' }));
    await fill(page.locator(`#${group}-item2-vi`), 'Số định danh');
    await fill(page.locator(`#${group}-item2-en`), 'Personal ID');
    await choose(page.locator(`#${group}-item2-widget`), 'personalId');
    await choose(page.locator(`#${group}-rule-field`), other);
    await expect.poll(() => page.locator(`#${group}-rule-text`).innerText(), WAIT).toContain('Hiển thị khi “Yêu cầu cho người khác” là Có');

    // Keyboard only: focus "Lên" of the group and press Enter; the move is announced.
    const order = () => section.locator('ol.card-list > li > strong').allInnerTexts();
    const before = await order();
    await section.getByRole('button', { name: 'Lên Người được cấp bản sao' }).focus();
    await page.keyboard.press('Enter');
    count.clicks++;
    await expect.poll(order, WAIT).not.toEqual(before);
    const after = await order();
    expect(after.indexOf('Người được cấp bản sao')).toBe(before.indexOf('Người được cấp bản sao') - 1);
    await expect.poll(() => page.locator('.builder [role=status]').first().innerText(), WAIT).toContain('Người được cấp bản sao');

    // 3. A conditional document, a per-copy fee, three steps, a result template line.
    await click(page.getByRole('button', { name: 'Thêm giấy tờ' }));
    await fill(page.locator('#doc-0-vi'), 'Văn bản ủy quyền');
    await fill(page.locator('#doc-0-en'), 'Power of attorney');
    await choose(page.locator('#doc-0-if'), other);
    await click(page.getByRole('button', { name: 'Thêm khoản thu' }));
    await choose(page.locator('#fee-0-rule'), 'per-copy');
    await fill(page.locator('#fee-0-amount'), '8000');
    await choose(page.locator('#fee-0-units'), copies);
    await fill(page.locator('#fee-0-basis'), 'Thông tư 281/2016/TT-BTC');
    const steps: Array<[string, string, string, string]> = [
      ['Tiếp nhận', 'receive', 'receiving_officer', '20'],
      ['Phê duyệt', 'approve', 'approver', '60'],
      ['Trả kết quả', 'return', 'result_officer', '20'],
    ];
    for (const [i, [name, kind, role, share]] of steps.entries()) {
      await click(page.getByRole('button', { name: 'Thêm bước' }));
      await fill(page.locator(`#step-${i}-vi`), name);
      await fill(page.locator(`#step-${i}-en`), kind);
      await choose(page.locator(`#step-${i}-kind`), kind);
      await choose(page.locator(`#step-${i}-role`), role);
      await fill(page.locator(`#step-${i}-share`), share);
    }
    await click(page.getByRole('button', { name: 'Thêm dòng' }));
    await fill(page.locator('#tpl-0-label'), 'Số bản sao');
    await choose(page.locator('#tpl-0-bind'), copies);

    // 4. Preview at phone width: the group appears once "yes" is chosen.
    await click(page.getByLabel('Xem trước ở khổ điện thoại (375 px)'));
    const preview = page.locator('.preview');
    expect(await preview.getAttribute('data-width')).toBe('phone');
    expect((await preview.boundingBox())!.width).toBeLessThanOrEqual(375);
    await click(preview.getByLabel('Yêu cầu cho người khác'));
    await expect.poll(() => preview.getByText('Người được cấp bản sao').first().isVisible(), WAIT).toBe(true);
    await screenshot(page, 'builder-preview-phone');

    // 5. Save; the checks are clean; send for approval.
    await click(page.getByRole('button', { name: 'Lưu bản nháp' }));
    await expect.poll(() => page.locator('section[aria-labelledby=checks-h] [role=status]').first().innerText(), WAIT).toContain('Đủ điều kiện');
    await scan(page, 'editor-built');
    await click(page.getByRole('button', { name: 'Gửi duyệt' }));
    await expect.poll(() => page.locator('#review-status').innerText(), WAIT).toContain('Đã gửi duyệt');
    const versionUrl = page.url();
    await screenshot(page, 'builder-submitted');
    console.log(`procedure builder: the build took ${count.clicks} clicks and ${count.fields} fields`);

    // 6. Another administrator approves and publishes it.
    const reviewer = await adminPage('admin');
    await reviewer.goto(versionUrl);
    await expect.poll(() => reviewer.getByRole('heading', { level: 1, name: NAME }).isVisible(), WAIT).toBe(true);
    await reviewer.getByRole('button', { name: 'Xem thay đổi' }).click();
    await scan(reviewer, 'review');
    await reviewer.getByRole('button', { name: 'Phê duyệt và công bố ngay' }).click();
    await expect.poll(() => reviewer.locator('#review-status').innerText(), WAIT).toContain('Đã công bố');

    // 7. A citizen signs in with e-ID and files it online.
    const j = new Journey({ base: server.url, browser, viewport: { width: 375, height: 812 }, tag: 'builder-citizen', axe: true, citizen: DUNG });
    try {
      const { page: citizen } = await j.context();
      await citizen.goto(`${server.url}/thu-tuc/${KEY}`);
      await j.arrive(citizen, 'built-procedure', NAME, { shot: true });
      await citizen.getByRole('link', { name: 'Nộp trực tuyến' }).first().click();
      await j.eidLogin(citizen);
      const session = await (await citizen.request.get(`${server.url}/api/auth/session`)).json();
      const headers = { 'x-csrf-token': session.csrfToken };
      const agencies = (await (await citizen.request.get(`${server.url}/api/agencies`)).json()) as Array<{ id: string; code: string; kind?: string }>;
      const agencyId = agencies.find((a) => a.code === '000.00.21.H38')!.id;
      // The builder's rule holds on the server: 11 copies are refused, naming the field.
      const tooMany = await citizen.request.post(`${server.url}/api/dossiers`, { headers, data: { procedure: KEY, agencyId, data: { [copies]: 11, [other]: false } } });
      const refused = tooMany.status() === 201 ? await citizen.request.post(`${server.url}/api/dossiers/${(await tooMany.json()).id}/submit`, { headers }) : tooMany;
      expect(refused.status(), await refused.text()).toBe(422);
      expect(await refused.text()).toContain(copies);
      const draft = await citizen.request.post(`${server.url}/api/dossiers`, { headers, data: { procedure: KEY, agencyId, data: { [copies]: 2, [other]: false } } });
      expect(draft.status(), await draft.text()).toBe(201);
      const submitted = await citizen.request.post(`${server.url}/api/dossiers/${(await draft.json()).id}/submit`, { headers });
      expect(submitted.status(), await submitted.text()).toBe(200);
      const dossier = await submitted.json();
      expect(dossier.code).toBeTruthy();

      // The officers: received, approved, the signed result issued with the built template. (The dossier's states are
      // the platform's own: a specialist still claims and proposes, whatever steps the procedure lists.)
      await (await officer(server.url, 'tiepnhan.hongbang'))(`/api/dossiers/${dossier.id}/receive`);
      const specialist = await officer(server.url, 'chuyenvien.hongbang');
      await specialist(`/api/dossiers/${dossier.id}/claim`);
      await specialist(`/api/dossiers/${dossier.id}/propose`, { recommendation: 'approve' });
      await (await officer(server.url, 'lanhdao.hongbang'))(`/api/dossiers/${dossier.id}/approve`, {});
      await (await officer(server.url, 'trakq.hongbang'))(`/api/dossiers/${dossier.id}/issue-result`, { electronic: true });
      await citizen.goto(`${server.url}/ho-so/${dossier.id}`);
      const result = citizen.getByRole('region', { name: 'Kết quả điện tử (đã ký số)' });
      await expect.poll(() => result.isVisible(), WAIT).toBe(true);
      await expect.poll(() => result.getByText(/số \d+\/\d{4}\/GCN/).isVisible(), WAIT).toBe(true);
      await j.arrive(citizen, 'built-result', NAME, { shot: true });
      const [download] = await Promise.all([citizen.waitForEvent('download'), result.getByRole('link', { name: /^Tải .*\(PDF có chữ ký số\)$/ }).click()]);
      const bytes = (await import('node:fs')).readFileSync(await download.path());
      expect(bytes.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  }, 600_000);
});
