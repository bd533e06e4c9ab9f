/**
 * Officers' second factor in the browser (issue 23 item 1), with MFA_REQUIRED_ROLES requiring it of administrators:
 * the demo administrator signs in, is held on the account security page until enrolling, enrols an authenticator app
 * from the QR code's secret shown as text, sees the recovery codes once, signs out, and signs in again with the
 * password and a code the test computes from that secret (RFC 6238), then with a recovery code. At 375 px and at
 * desktop size; axe in Vietnamese and English on each new page. A desk officer (no requirement) enrols from the
 * header's link and is refused a wrong code before the right one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, eventually, launchChromium, overflowsHorizontally, screenshot, type AxeFinding } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { totpAt, totpStep, TOTP_STEP_SECONDS } from '../../src/modules/identity/mfa/totp';

const PASSWORD = 'MotCua@2026';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000, env: { MFA_REQUIRED_ROLES: 'platform_admin,agency_admin' } }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Axe in Vietnamese, then in English (and back), on the page as it is. */
async function axeBoth(page: Page, name: string, findings: AxeFinding[]) {
  findings.push(...(await axeScan(page, name, 'vi')));
  await page.getByRole('button', { name: 'English' }).click();
  await eventually(() => page.evaluate(() => document.documentElement?.lang)).toBe('en');
  findings.push(...(await axeScan(page, name, 'en')));
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await eventually(() => page.evaluate(() => document.documentElement?.lang)).toBe('vi');
}

/** Waits, if needed, for a time step after the one given (a code of a step already used is refused as a replay). */
async function stepAfter(used: number) {
  const now = Date.now();
  if (totpStep(new Date(now)) > used) return;
  await new Promise((r) => setTimeout(r, (used + 1) * TOTP_STEP_SECONDS * 1000 - now + 300));
}

async function passwordStep(page: Page, username: string) {
  await page.goto(`${server.url}/can-bo/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await eventually(() => page.getByRole('heading', { level: 1, name: 'Đăng nhập dành cho cán bộ' }).isVisible()).toBe(true);
}

/** Enrols on the account security page: the secret shown as text, the first code, the recovery codes. */
async function enrol(page: Page, findings: AxeFinding[], tag: string) {
  await page.getByRole('button', { name: 'Đăng ký ứng dụng xác thực' }).click();
  await eventually(() => page.getByRole('img', { name: 'Mã QR để thêm tài khoản MotCua vào ứng dụng xác thực' }).isVisible()).toBe(true);
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await axeBoth(page, `${tag}-security-enrol`, findings);
  const at = new Date();
  await page.getByLabel('Mã xác thực').fill(totpAt(secret, at));
  await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
  await eventually(() => page.getByRole('heading', { level: 2, name: 'Mã khôi phục' }).isVisible()).toBe(true);
  const codes = await page.locator('.recovery-codes li').allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const c of codes) expect(c.trim()).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await axeBoth(page, `${tag}-security-codes`, findings);
  await screenshot(page, `mfa-${tag}-recovery-codes`);
  return { secret, codes: codes.map((c) => c.trim()), usedStep: totpStep(at) };
}

describe.each([
  ['mobile', { width: 375, height: 812 }],
  ['desktop', { width: 1280, height: 900 }],
] as const)('second factor (%s)', (tag, viewport) => {
  it(
    'holds an administrator on enrolment, then asks for the app’s code (and takes a recovery code) at the next sign-ins',
    async () => {
      const findings: AxeFinding[] = [];
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      const admin = tag === 'mobile' ? 'admin' : 'qtv.haiphong';
      // Where the sign-in lands: the platform admin on the catalogue, the agency admin (also an officer) on the inbox.
      const landing = tag === 'mobile' ? 'Danh mục thủ tục' : 'Hồ sơ cần xử lý';
      try {
        await passwordStep(page, admin);
        // No second factor yet, and the role requires one: only the security page.
        await eventually(() => page.getByRole('heading', { level: 1, name: 'Bảo mật tài khoản' }).isVisible()).toBe(true);
        await eventually(() => page.getByRole('alert').innerText()).toContain('Vai trò của bạn bắt buộc xác thực hai lớp');
        await page.goto(`${server.url}/quan-tri/nguoi-dung`);
        await eventually(() => page.getByRole('heading', { level: 1, name: 'Bảo mật tài khoản' }).isVisible()).toBe(true);
        const blocked = await page.request.get(`${server.url}/api/admin/accounts`);
        expect(blocked.status()).toBe(403);
        expect((await blocked.json()).code).toBe('identity.second_factor_required');
        await axeBoth(page, `${tag}-security-required`, findings);
        expect(await overflowsHorizontally(page)).toBe(false);

        const { secret, codes, usedStep } = await enrol(page, findings, tag);
        expect(await overflowsHorizontally(page)).toBe(false);
        // Codes saved: on to the page asked for, then the security page says it is on.
        await page.getByRole('button', { name: 'Tôi đã lưu các mã, tiếp tục' }).click();
        await eventually(() => page.getByRole('heading', { level: 1, name: 'Người dùng và vai trò' }).isVisible()).toBe(true);
        await page.goto(`${server.url}/can-bo/bao-mat`);
        await eventually(() => page.getByText('Đã bật xác thực hai lớp từ').isVisible()).toBe(true);
        await signOut(page);

        // Password, then the code of the app (computed here from the secret shown).
        await passwordStep(page, admin);
        await eventually(() => page.getByRole('heading', { level: 1, name: 'Xác thực hai lớp' }).isVisible()).toBe(true);
        await axeBoth(page, `${tag}-login-code`, findings);
        expect(await overflowsHorizontally(page)).toBe(false);
        await stepAfter(usedStep);
        await page.getByLabel('Mã xác thực').fill(totpAt(secret, new Date()));
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await eventually(() => page.getByRole('heading', { level: 1, name: landing }).isVisible()).toBe(true);
        expect((await page.request.get(`${server.url}/api/admin/accounts`)).status()).toBe(200);
        await signOut(page);

        // No phone: a recovery code, once.
        await passwordStep(page, admin);
        await page.getByRole('button', { name: 'Không dùng được điện thoại? Dùng mã khôi phục' }).click();
        await axeBoth(page, `${tag}-login-recovery`, findings);
        await page.getByLabel('Mã khôi phục').fill(codes[0]);
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await eventually(() => page.getByRole('heading', { level: 1, name: landing }).isVisible()).toBe(true);
        await page.goto(`${server.url}/can-bo/bao-mat`);
        await eventually(() => page.getByText('Còn 9 mã khôi phục chưa dùng.').isVisible()).toBe(true);
        await signOut(page);
        await passwordStep(page, admin);
        await page.getByRole('button', { name: 'Không dùng được điện thoại? Dùng mã khôi phục' }).click();
        await page.getByLabel('Mã khôi phục').fill(codes[0]);
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await eventually(() => page.getByRole('heading', { name: 'Có lỗi cần sửa' }).isVisible()).toBe(true);
        await eventually(() => page.locator('.error-summary').innerText()).toContain('Mã xác thực không đúng');
        await axeBoth(page, `${tag}-login-recovery-error`, findings);
        expect(findings).toEqual([]);
      } finally {
        await context.close();
      }
    },
    240_000,
  );
});

it('lets a desk officer enrol from the header link; a wrong code is refused, the right one signs in', async () => {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN' });
  const page = await context.newPage();
  try {
    await passwordStep(page, 'tiepnhan.hongbang');
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Bảo mật tài khoản' }).click();
    await eventually(() => page.getByText('Chưa bật xác thực hai lớp.').isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    const { secret, usedStep } = await enrol(page, findings, 'desk');
    await signOut(page);
    await passwordStep(page, 'tiepnhan.hongbang');
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Xác thực hai lớp' }).isVisible()).toBe(true);
    const wrong = totpAt(secret, new Date(Date.now() + 10 * 60_000));
    await page.getByLabel('Mã xác thực').fill(wrong);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => page.locator('.error-summary').isVisible()).toBe(true);
    await eventually(() => page.locator('.error-summary').innerText()).toContain('Mã xác thực không đúng');
    await axeBoth(page, 'desk-login-code-error', findings);
    await stepAfter(usedStep);
    await page.getByLabel('Mã xác thực').fill(totpAt(secret, new Date()));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    expect(findings).toEqual([]);
  } finally {
    await context.close();
  }
}, 240_000);

it('registers a passkey (Chromium virtual authenticator) and signs in with password + passkey', async () => {
  // WebAuthn needs a domain as relying party id: the page is opened on localhost (an IP address is refused).
  const base = server.url.replace('127.0.0.1', 'localhost');
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN' });
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } });
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien.hongbang');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Bảo mật tài khoản' }).click();
    await eventually(() => page.getByText('Chưa có khóa truy cập.').isVisible()).toBe(true);
    // A name is asked for first.
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await eventually(() => page.locator('.error-summary').isVisible()).toBe(true);
    await page.getByLabel('Tên khóa truy cập').fill('Máy tính tại quầy');
    await page.getByRole('button', { name: 'Thêm khóa truy cập' }).click();
    await eventually(() => page.getByText('Đã thêm khóa truy cập.').isVisible()).toBe(true);
    await eventually(() => page.locator('.passkeys li').allInnerTexts()).toEqual([expect.stringContaining('Máy tính tại quầy')]);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const signCountAfterRegistration = credentials[0].signCount;
    await axeBoth(page, 'passkey-added', findings);
    expect(await overflowsHorizontally(page)).toBe(false);
    await signOut(page);

    // Password, then the passkey: the only second factor of this account.
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien.hongbang');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Xác thực hai lớp' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Mã xác thực').count()).toBe(0);
    await axeBoth(page, 'login-passkey', findings);
    await page.getByRole('button', { name: 'Dùng khóa truy cập (passkey)' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0].signCount).toBeGreaterThan(signCountAfterRegistration);
    const status = await (await page.request.get(`${base}/api/auth/second-factor`)).json();
    expect(status.passkeys).toEqual([expect.objectContaining({ name: 'Máy tính tại quầy', lastUsedAt: expect.any(String) })]);

    // The passkey belongs to the host it was registered on: through 127.0.0.1 none is offered.
    const other = await browser.newContext();
    try {
      const step = await (await other.request.post(`${server.url}/api/auth/login`, { data: { username: 'chuyenvien.hongbang', password: PASSWORD } })).json();
      expect(step.secondFactor.methods).toEqual(['webauthn']);
      const refused = await other.request.post(`${server.url}/api/auth/login/passkey/options`, { data: { challengeId: step.secondFactor.challengeId } });
      expect(refused.status()).toBe(409);
      expect((await refused.json()).code).toBe('identity.no_passkey');
    } finally {
      await other.close();
    }
    expect(findings).toEqual([]);
  } finally {
    await context.close();
  }
}, 240_000);
