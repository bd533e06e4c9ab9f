/**
 * The public verification page /xac-thuc in the browser: a valid signed PDF says "Hợp lệ", a tampered one says
 * "Không hợp lệ" with "Tệp đã bị sửa sau khi ký" / "Chữ ký không thuộc tệp này", an unknown QR code says so; the
 * verdict is in words and a symbol (not colour alone). axe-clean in vi and en, on a desktop and at 375 px.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { buildFixtures, type Fixtures } from '../../src/modules/verification/testing/fixtures';

let server: RunningServer;
let browser: Browser;
let fx: Fixtures;

beforeAll(async () => {
  fx = await buildFixtures();
  const anchors = join(fx.dir, 'trust-anchors.pem');
  writeFileSync(anchors, fx.rootPem);
  process.env.TRUST_ANCHORS_FILE = anchors;
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  delete process.env.TRUST_ANCHORS_FILE;
  await browser?.close();
  await server?.stop();
  fx?.cleanup();
});

const CITIZEN = { personalId: '031190004567', name: 'Trần Thị Bình', birthDate: '22/07/1990', relation: 'Mẹ' as const };

async function check(page: Page, file: Buffer, name: string) {
  await page.locator('#verify-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: file });
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  const heading = page.locator('#verify-result');
  await eventually(() => heading.isVisible(), { message: `verdict for ${name}` }).toBe(true);
  // Focus moves to the verdict, so a screen reader announces it.
  await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('verify-result');
  return heading;
}

describe.each([
  ['desktop', { width: 1280, height: 900 }],
  ['mobile', { width: 375, height: 800 }],
] as const)('/xac-thuc (%s)', (tag, viewport) => {
  it('verifies a valid file, and says in plain words what is wrong with tampered ones', async () => {
    const j = new Journey({ base: server.url, browser, viewport, tag: `verify-${tag}`, axe: true, citizen: CITIZEN });
    try {
      const { page } = await j.context();
      await page.goto(`${server.url}/`);
      // Linked from the footer.
      await page.getByRole('contentinfo').getByRole('link', { name: 'Xác thực văn bản điện tử' }).click();
      await j.arrive(page, 'empty', 'Xác thực văn bản điện tử', { shot: true });

      // Nothing chosen: the error summary and the field error.
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await eventually(() => page.getByText('Chọn tệp PDF cần kiểm tra').count()).toBeGreaterThan(1);
      await j.arrive(page, 'no-file', 'Xác thực văn bản điện tử');

      let verdict = await check(page, fx.blt, 'giay-khai-sinh.pdf');
      await expect(verdict.textContent()).resolves.toContain('Hợp lệ');
      await expect(page.locator('[data-verdict="valid"]').count()).resolves.toBe(1);
      await expect(page.getByText('UBND Phường Bến Nghé').first().isVisible()).resolves.toBe(true);
      await expect(page.getByText('PAdES B-LT').isVisible()).resolves.toBe(true);
      await expect(page.getByText(/không do hệ thống này cấp/).first().isVisible()).resolves.toBe(true);
      await j.arrive(page, 'valid', 'Xác thực văn bản điện tử', { shot: true });

      verdict = await check(page, fx.oneByteChanged, 'da-sua.pdf');
      await expect(verdict.textContent()).resolves.toContain('Không hợp lệ');
      await expect(page.getByText('Tệp đã bị sửa sau khi ký.').isVisible()).resolves.toBe(true);
      await j.arrive(page, 'tampered', 'Xác thực văn bản điện tử', { shot: true });

      verdict = await check(page, fx.copied, 'chu-ky-chep.pdf');
      await expect(verdict.textContent()).resolves.toContain('Không hợp lệ');
      await expect(page.getByText(/Chữ ký không thuộc tệp này/).first().isVisible()).resolves.toBe(true);

      verdict = await check(page, fx.contentAppended, 'them-noi-dung.pdf');
      await expect(page.getByText('Có nội dung được thêm vào sau chữ ký.').isVisible()).resolves.toBe(true);

      verdict = await check(page, fx.unsigned, 'khong-ky.pdf');
      await expect(verdict.textContent()).resolves.toContain('Không có chữ ký số');
      await j.arrive(page, 'unsigned', 'Xác thực văn bản điện tử');

      // From a QR code: the register status by code (nothing is registered until the result module is wired).
      await page.goto(`${server.url}/xac-thuc?ma=KQ-2026-000001`);
      await eventually(() => page.getByText('Không tìm thấy kết quả mã KQ-2026-000001').isVisible()).toBe(true);
      await j.arrive(page, 'by-code', 'Xác thực văn bản điện tử', { shot: true });

      expect(j.overflow).toEqual([]);
      expect(j.findings).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
