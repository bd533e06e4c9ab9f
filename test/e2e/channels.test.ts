/**
 * A procedure offered in person only, in the browser at desktop and 375 px, axe in Vietnamese and English: its page
 * says it is filed in person only and where to go, and offers no online start; an online procedure still does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const CITIZEN = { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '15/03/1985', relation: 'Cha' as const };

describe.each([
  ['desktop', { width: 1280, height: 900 }],
  ['375px', { width: 375, height: 812 }],
])('the in-person-only procedure page (%s)', (tag, viewport) => {
  it('has no online start and says where to file instead; an online procedure keeps its start', async () => {
    const j = new Journey({ base: server.url, browser, viewport, tag: `channels-${tag}`, axe: true, citizen: CITIZEN });
    try {
      const { page } = await j.context();
      await page.goto(`${server.url}/thu-tuc/certified-copy-from-original`);
      await j.arrive(page, 'in-person-only', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', { shot: true });
      const main = page.locator('main');
      expect(await main.getByRole('link', { name: /Nộp trực tuyến|Bắt đầu khai/ }).count()).toBe(0);
      expect(await main.getByRole('button', { name: /Nộp trực tuyến|Bắt đầu khai/ }).count()).toBe(0);
      const notice = page.locator('#nop-truc-tiep');
      expect(await notice.innerText()).toContain('Chỉ nộp trực tiếp');
      expect(await notice.innerText()).toContain('không nộp trực tuyến được');
      expect(await notice.getByRole('listitem').first().innerText()).toContain('Trung tâm Phục vụ hành chính công');

      await page.goto(`${server.url}/thu-tuc/birth-registration`);
      await j.arrive(page, 'online', 'Đăng ký khai sinh');
      expect(await page.locator('main').getByRole('link', { name: 'Nộp trực tuyến' }).count()).toBe(1);
      expect(await page.locator('#nop-truc-tiep').count()).toBe(0);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 180_000);
});
