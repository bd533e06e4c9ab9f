/**
 * Paying a dossier online in the browser, at 375 px, axe in Vietnamese and English on every page, no horizontal
 * scrolling: the specialist asks for 16.000 ₫, the citizen opens her dossier, goes to pay and gets the VietQR code and
 * the transfer details; the test plays the bank and posts signed balance-change notifications — first 10.000 ₫ (it
 * waits in the reconciliation queue as underpaid), then 16.000 ₫ with the transfer text — and the page shows "paid"
 * without reloading, then the receipt, a PDF. The desk resolves the underpaid credit and imports a statement with a
 * bad line. In the officer workspace the desk sees the payment and its receipt, is refused a refund above the amount
 * paid, refunds part of it, and records a second dossier's fee paid in cash at the desk. The agency admin's payment
 * account shows its field errors, then saves. A second citizen pays through the simulated payment gateway and comes
 * back to the page showing "paid" and the receipt.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { E2E_BANK_SECRET, startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT, fileDossier, officerApi as officer } from './support/api';
import { signBankNotification } from '../../src/modules/payment';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };
const PASSWORD = 'MotCua@2026';
/** Amounts are formatted with a no-break space before ₫. */
const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The bank's balance-change notification, signed as the bank signs it. */
async function bankNotifies(base: string, n: { accountNumber: string; amount: number; text: string }) {
  const body = JSON.stringify({ transaction_id: `FT${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`, account_number: n.accountNumber, amount: n.amount, direction: 'in', description: n.text, transaction_time: new Date().toISOString() });
  const res = await fetch(`${base}/api/payments/notifications/bank`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bank-signature': signBankNotification(E2E_BANK_SECRET, body, new Date()) }, body });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { result: string; payment_id?: string | null };
}

/** Signs an officer in on the page they asked for (the back office shows the login in place). */
/** The citizen files a dossier in her browser; the desk receives it and the specialist asks for the 16.000 ₫ fee. */
async function dossierAwaitingFee(page: Page, base: string) {
  const d = await fileDossier(page, base);
  const desk = await officer(base, 'tiepnhan.hongbang');
  const specialist = await officer(base, 'chuyenvien.hongbang');
  await desk(`/api/dossiers/${d.id}/receive`);
  await specialist(`/api/dossiers/${d.id}/claim`);
  await specialist(`/api/dossiers/${d.id}/request-payment`, { reason: 'Lệ phí đăng ký lại khai sinh', amountVnd: 16000 });
  return d;
}

async function signInHere(page: Page, username: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('paying a dossier online in the browser', () => {
  it('the citizen pays by VietQR, the bank notifies, the page shows paid and the receipt; the desk reconciles; the admin sets the account', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'payment', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/ho-so`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      const d = await dossierAwaitingFee(page, base);

      // The dossier asks for the fee and offers paying online.
      await page.goto(`${base}/ho-so/${d.id}`);
      await j.arrive(page, 'dossier-payment-requested', 'Đăng ký lại khai sinh', { shot: true });
      const notice = page.getByTestId('payment-request');
      await expect.poll(() => notice.getByText('16.000 ₫').isVisible(), WAIT).toBe(true);
      await notice.getByRole('link', { name: 'Thanh toán trực tuyến' }).click();
      await j.arrive(page, 'pay-choose', 'Thanh toán phí, lệ phí', { shot: true });
      expect(new URL(page.url()).pathname).toBe(`/ho-so/${d.id}/thanh-toan`);
      await expect.poll(async () => text(await page.getByTestId('pay-total').textContent()), WAIT).toBe('16.000 ₫');
      // VietQR is the default choice.
      const vietqr = page.getByRole('radio', { name: 'Chuyển khoản bằng mã VietQR (ứng dụng ngân hàng)' });
      if (await vietqr.count()) expect(await vietqr.isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // The QR code and the details to copy.
      const qr = page.getByRole('img', { name: /^Mã QR chuyển khoản 16\.000\s₫ đến tài khoản / });
      await expect.poll(() => qr.isVisible(), WAIT).toBe(true);
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      const transferText = (await page.getByTestId('pay-text').textContent())!.trim();
      const accountNumber = (await page.getByTestId('pay-account').textContent())!.trim();
      expect(transferText).toMatch(/^[0-9A-Z]{4,}$/);
      expect(accountNumber).not.toBe('');
      await expect.poll(async () => text(await page.getByTestId('pay-amount').textContent()), WAIT).toBe('16.000 ₫');
      // The payment the page shows is the one the API has, with the same transfer details.
      const api = (await (await page.request.get(`${base}/api/dossiers/${d.id}/payments`)).json()) as { payments: Array<{ payment_id: string; next: { kind: string; transferText?: string; accountNumber?: string } | null }> };
      const open = api.payments.find((p) => p.next?.kind === 'vietqr')!;
      expect(open.next).toMatchObject({ transferText, accountNumber });
      // On a phone, the bank app link.
      await expect.poll(() => page.getByRole('link', { name: 'Mở ứng dụng ngân hàng' }).isVisible(), WAIT).toBe(true);
      // Copying says so to screen readers.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      await page.getByRole('button', { name: 'Sao chép Nội dung chuyển khoản' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã sao chép Nội dung chuyển khoản.' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'pay-vietqr', 'Thanh toán phí, lệ phí', { shot: true });

      // The page asks where the payment stands while it is shown, and not while it is hidden.
      const polls: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === `/api/payments/${open.payment_id}`) polls.push(r.url());
      });
      await expect.poll(() => polls.length, WAIT).toBeGreaterThan(0);
      const setHidden = (hidden: boolean) =>
        page.evaluate((h) => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
          document.dispatchEvent(new Event('visibilitychange'));
        }, hidden);
      await setHidden(true);
      await page.waitForTimeout(500); // a check already on its way may still land
      const whileHidden = polls.length;
      await page.waitForTimeout(5000); // more than two polling periods
      expect(polls.length).toBe(whileHidden);
      await setHidden(false);
      await expect.poll(() => polls.length, WAIT).toBeGreaterThan(whileHidden);

      // The bank: first too little (the desk's queue gets it), then the amount with the transfer text.
      const short = await bankNotifies(base, { accountNumber, amount: 10000, text: `PHAM THI DUNG chuyen tien ${transferText}` });
      expect(short.result).toBe('queued');
      await expect.poll(() => page.locator('[data-payment-status]').getAttribute('data-payment-status'), WAIT).toBe('created');
      const paid = await bankNotifies(base, { accountNumber, amount: 16000, text: `PHAM THI DUNG chuyen tien ${transferText}` });
      expect(paid.result).toBe('settled');
      expect(paid.payment_id).toBe(open.payment_id);

      // Without reloading: paid, with the date, then the receipt.
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Đã thanh toán' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByText(/^Thanh toán lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./).isVisible(), WAIT).toBe(true);
      const receipt = page.getByRole('link', { name: 'Tải biên lai' });
      await expect.poll(() => receipt.isVisible(), WAIT).toBe(true);
      await expect.poll(() => qr.count(), WAIT).toBe(0);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Số tiền đã nộp' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'pay-paid', 'Thanh toán phí, lệ phí', { shot: true });
      const [download] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
      expect(download.suggestedFilename()).toMatch(/^bien-lai-.+\.pdf$/);
      expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // The dossier lists its payment, paid, with the electronic receipt.
      await page.goto(`${base}/ho-so/${d.id}`);
      const payments = page.getByRole('region', { name: 'Các khoản thanh toán' });
      await expect.poll(() => payments.isVisible(), WAIT).toBe(true);
      await expect.poll(() => payments.getByText('Đã thanh toán', { exact: true }).isVisible(), WAIT).toBe(true);
      expect(await payments.getByRole('link', { name: 'Biên lai điện tử' }).getAttribute('href')).toBe(`/api/payments/${open.payment_id}/receipt`);
      await expect.poll(() => page.getByTestId('payment-request').count(), WAIT).toBe(0);
      await j.arrive(page, 'dossier-paid', 'Đăng ký lại khai sinh', { shot: true });

      // The desk: the underpaid credit waits; it is refunded with a note; a statement with a bad line is imported.
      const { page: deskPage } = await j.context();
      await deskPage.goto(`${base}/can-bo/doi-soat`);
      await signInHere(deskPage, 'tiepnhan.hongbang');
      await j.arrive(deskPage, 'reconciliation', 'Đối soát thanh toán', { shot: true });
      expect(await deskPage.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đối soát thanh toán' }).getAttribute('aria-current')).toBe('page');
      const item = deskPage.locator('li.card').filter({ hasText: transferText });
      await expect.poll(() => item.getByRole('heading', { level: 3, name: '10.000 ₫ — Nộp thiếu' }).isVisible(), WAIT).toBe(true);
      await item.getByRole('button', { name: /^Xử lý/ }).click();
      await item.getByRole('button', { name: 'Ghi nhận' }).click();
      await expect.poll(() => deskPage.getByRole('link', { name: 'Chọn cách xử lý' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => deskPage.getByRole('link', { name: 'Nhập ghi chú' }).isVisible(), WAIT).toBe(true);
      await j.arrive(deskPage, 'reconciliation-errors', 'Đối soát thanh toán');
      await item.getByRole('radio', { name: 'Hoàn trả người nộp' }).check();
      await item.getByLabel('Ghi chú').fill('Đã chuyển trả 10.000 ₫ cho người nộp');
      await item.getByRole('button', { name: 'Ghi nhận' }).click();
      await expect.poll(() => deskPage.getByRole('status').filter({ hasText: /^Đã xử lý khoản .+: Hoàn trả người nộp\.$/ }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => deskPage.locator('li.card').filter({ hasText: transferText }).count(), WAIT).toBe(0);

      const csv = ['Số tham chiếu,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung,Tài khoản đối ứng,Tên đối ứng', `ST${Date.now()},03/12/2026 09:15:00,,50.000,UNG HO KHONG MA,,`, `ST${Date.now()}B,03/12/2026 09:20:00,,16000.50,SAI SO TIEN,,`].join('\n');
      await deskPage.getByRole('button', { name: 'Nhập sao kê' }).click();
      await expect.poll(() => deskPage.getByRole('link', { name: 'Chọn tệp sao kê' }).isVisible(), WAIT).toBe(true);
      await deskPage.getByLabel('Tệp sao kê (CSV)').setInputFiles({ name: 'sao-ke.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await deskPage.getByRole('button', { name: 'Nhập sao kê' }).click();
      const result = deskPage.getByRole('heading', { level: 3, name: 'Kết quả nhập sao kê' });
      await expect.poll(() => result.isVisible(), WAIT).toBe(true);
      await expect.poll(() => deskPage.getByRole('heading', { level: 4, name: '1 dòng lỗi' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => deskPage.getByText(/^Dòng 3: /).isVisible(), WAIT).toBe(true);
      // The credit without a code now waits in the queue.
      await expect.poll(() => deskPage.locator('li.card').filter({ hasText: 'UNG HO KHONG MA' }).getByRole('heading', { level: 3, name: '50.000 ₫ — Không có mã thanh toán' }).isVisible(), WAIT).toBe(true);
      await j.arrive(deskPage, 'reconciliation-imported', 'Đối soát thanh toán', { shot: true });

      // The desk's workspace lists the payment, paid, with its receipt; a refund above what is left is refused, a part is refunded.
      await deskPage.goto(`${base}/can-bo/ho-so/${d.id}`);
      await j.arrive(deskPage, 'workspace-payments', d.code, { shot: true });
      const fees = deskPage.getByRole('region', { name: 'Phí, lệ phí' });
      const paidItem = fees.locator(`[data-payment="${open.payment_id}"]`);
      await expect.poll(() => paidItem.getByText('Đã thanh toán', { exact: true }).isVisible(), WAIT).toBe(true);
      expect(await paidItem.getByText('Chuyển khoản VietQR', { exact: true }).isVisible()).toBe(true);
      expect(await paidItem.getByRole('link', { name: 'Biên lai điện tử' }).getAttribute('href')).toMatch(new RegExp(`/api/payments/${open.payment_id}/receipt$`));
      expect(text(await paidItem.getByTestId('officer-refund-summary').textContent())).toBe('Còn được hoàn 16.000 ₫ (đã hoàn 0 ₫)');
      await paidItem.getByRole('button', { name: /^Hoàn tiền/ }).click();
      await paidItem.getByLabel('Số tiền hoàn (đồng)').fill('20.000');
      await paidItem.getByLabel('Lý do hoàn tiền').fill('Thu thừa lệ phí');
      await paidItem.getByRole('button', { name: 'Hoàn tiền', exact: true }).click();
      await expect.poll(() => deskPage.locator('.error-summary').getByRole('link', { name: /^Số tiền hoàn vượt quá số còn được hoàn/ }).isVisible(), WAIT).toBe(true);
      await j.arrive(deskPage, 'workspace-refund-exceeds', d.code);
      await paidItem.getByLabel('Số tiền hoàn (đồng)').fill('6000');
      await paidItem.getByRole('button', { name: 'Hoàn tiền', exact: true }).click();
      await expect.poll(async () => text(await paidItem.getByTestId('officer-refund-summary').textContent()), WAIT).toBe('Còn được hoàn 10.000 ₫ (đã hoàn 6.000 ₫)');
      await expect.poll(() => fees.getByRole('status').filter({ hasText: 'Đã ghi nhận hoàn 6.000 ₫.' }).isVisible(), WAIT).toBe(true);
      const refunds = (await (await deskPage.request.get(`${base}/api/payments/${open.payment_id}/refunds`)).json()) as { refunds: Array<{ amount: number; reason: string }> };
      expect(refunds.refunds.map((r) => [r.amount, r.reason])).toEqual([[6000, 'Thu thừa lệ phí']]);

      // A second dossier with the fee asked: the desk records it paid in cash.
      const d2 = await dossierAwaitingFee(page, base);
      await deskPage.goto(`${base}/can-bo/ho-so/${d2.id}`);
      await j.arrive(deskPage, 'workspace-counter', d2.code, { shot: true });
      const fees2 = deskPage.getByRole('region', { name: 'Phí, lệ phí' });
      await expect.poll(async () => text(await fees2.getByTestId('officer-payments-due').textContent()), WAIT).toBe('16.000 ₫');
      await fees2.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      await expect.poll(() => deskPage.locator('.error-summary').getByRole('link', { name: 'Chọn hình thức nộp' }).isVisible(), WAIT).toBe(true);
      expect(await deskPage.locator('.error-summary').getByRole('link', { name: 'Nhập số biên lai / số giao dịch POS' }).isVisible()).toBe(true);
      await fees2.getByRole('radio', { name: 'Tiền mặt' }).check();
      await fees2.getByLabel('Số biên lai / số giao dịch POS').fill('PT-0042');
      await fees2.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      const counterItem = fees2.locator('[data-payment]').filter({ hasText: 'Nộp tại quầy' });
      await expect.poll(() => counterItem.getByText('Đã thanh toán', { exact: true }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => fees2.getByTestId('officer-payments-due').count(), WAIT).toBe(0);
      await expect.poll(() => fees2.getByRole('heading', { name: 'Ghi nhận nộp tại quầy' }).count(), WAIT).toBe(0);
      await j.arrive(deskPage, 'workspace-counter-paid', d2.code);
      const list2 = (await (await deskPage.request.get(`${base}/api/dossiers/${d2.id}/payments`)).json()) as { paid: boolean; payments: Array<{ payment_provider: string; metadata: Record<string, unknown>; state: { status: string } }> };
      expect(list2.paid).toBe(true);
      expect(list2.payments.map((x) => [x.payment_provider, x.metadata.method, x.state.status])).toEqual([['counter', 'cash', 'success']]);

      // The agency admin: the account, its field errors, then saved.
      const { page: admin } = await j.context();
      await admin.goto(`${base}/quan-tri/thanh-toan`);
      await signInHere(admin, 'qtv.haiphong');
      await j.arrive(admin, 'payment-account', 'Thu phí, lệ phí', { shot: true });
      expect(await admin.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thanh toán' }).getAttribute('aria-current')).toBe('page');
      // The city's admin also administers the wards: she picks Hồng Bàng, which collects the fee.
      await expect.poll(() => admin.getByLabel('Cơ quan', { exact: true }).locator('option', { hasText: 'Ủy ban nhân dân phường Hồng Bàng' }).count(), WAIT).toBe(1);
      await admin.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Ủy ban nhân dân phường Hồng Bàng' });
      const number = admin.getByLabel('Số tài khoản');
      await expect.poll(() => number.inputValue(), WAIT).toBe(accountNumber);
      expect(await admin.getByLabel('Ngân hàng').inputValue()).toBe('970415');
      expect(await admin.getByRole('checkbox', { name: 'Chuyển khoản VietQR' }).isChecked()).toBe(true);
      const savedName = await admin.getByLabel('Tên tài khoản').inputValue();
      await number.fill('12-34');
      await admin.getByLabel('Tên tài khoản').fill('');
      await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(() => admin.getByRole('link', { name: 'Số tài khoản chỉ gồm chữ số hoặc chữ cái, tối đa 19 ký tự' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => admin.getByRole('link', { name: 'Nhập tên tài khoản' }).isVisible(), WAIT).toBe(true);
      expect(await number.getAttribute('aria-invalid')).toBe('true');
      await j.arrive(admin, 'payment-account-errors', 'Thu phí, lệ phí', { shot: true });
      await number.fill(accountNumber);
      await admin.getByLabel('Tên tài khoản').fill(savedName);
      await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Đã lưu cách thu phí, lệ phí.' }).isVisible(), WAIT).toBe(true);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
  it('the citizen pays through the payment gateway and comes back to the paid page with its receipt', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'payment-gateway', axe: true, citizen: DUNG });
    try {
      const { page } = await j.context();
      await page.goto(`${base}/ho-so`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      const d = await dossierAwaitingFee(page, base);

      await page.goto(`${base}/ho-so/${d.id}/thanh-toan`);
      await j.arrive(page, 'pay-choose', 'Thanh toán phí, lệ phí');
      await page.getByRole('radio', { name: 'Cổng thanh toán (thẻ, ví điện tử)' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      const toGateway = page.getByRole('link', { name: 'Đến trang thanh toán' });
      await expect.poll(() => toGateway.isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('img', { name: /^Mã QR/ }).count()).toBe(0);
      await j.arrive(page, 'pay-gateway', 'Thanh toán phí, lệ phí', { shot: true });

      // The gateway's own page (not ours: no axe). Declined first: back on our page, it says so and offers the choice again.
      await toGateway.click();
      await page.waitForURL((u) => u.origin !== base);
      await page.getByRole('button', { name: 'Từ chối', exact: true }).click();
      await page.waitForURL(`${base}/ho-so/${d.id}/thanh-toan`);
      await expect.poll(() => page.getByTestId('pay-last-failed').textContent(), WAIT).toContain('Lần thanh toán trước chưa thành công');
      await j.arrive(page, 'pay-gateway-declined', 'Thanh toán phí, lệ phí', { shot: true });
      await page.getByRole('radio', { name: 'Cổng thanh toán (thẻ, ví điện tử)' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => toGateway.isVisible(), WAIT).toBe(true);
      await toGateway.click();
      await page.waitForURL((u) => u.origin !== base);
      await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
      await page.waitForURL(`${base}/ho-so/${d.id}/thanh-toan`);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Đã thanh toán' }).isVisible(), WAIT).toBe(true);
      await expect.poll(() => page.getByRole('link', { name: 'Tải biên lai' }).isVisible(), WAIT).toBe(true);
      await j.arrive(page, 'pay-gateway-paid', 'Thanh toán phí, lệ phí', { shot: true });
      const list = (await (await page.request.get(`${base}/api/dossiers/${d.id}/payments`)).json()) as { paid: boolean; payments: Array<{ payment_provider: string; state: { status: string } }> };
      expect(list.paid).toBe(true);
      expect(list.payments.filter((p) => p.state.status === 'success').map((p) => p.payment_provider)).toEqual(['gateway']);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 240_000);
});
