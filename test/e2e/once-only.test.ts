/**
 * Once-only, in the browser: a citizen signs in with e-ID, consents to prefilling, puts her marriage certificate in
 * "Kho dữ liệu của tôi", starts a birth registration and finds the parents' data filled in (read-only) from the
 * national population database and the marriage certificate offered from her store, attached with one click.
 * The personal-data pages (store, tracker, consents, requests) pass axe in vi and en; screenshots go to
 * test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JOURNEY_GUARD_MS, launchChromium, samplePdf, eventually } from './support/browser';
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

// Trần Thị Bình: her registry record has a spouse (Nguyễn Văn An) and a marriage, so the parents' data exists.
const BINH = { personalId: '031190004567', name: 'Trần Thị Bình', birthDate: '22/07/1990', relation: 'Mẹ' as const };

describe('once-only', () => {
  it('parents’ data from the registry (read-only) and the marriage certificate from the data store; the personal-data pages pass axe in vi and en', async () => {
    const j = new Journey({ base: server.url, browser, viewport: { width: 1280, height: 900 }, tag: 'once-only', axe: true, citizen: BINH });
    try {
      const { page } = await j.context();
      const base = server.url;

      // Consents: signed out, the page asks to sign in with e-ID, then gives consent to prefilling.
      await page.goto(`${base}/du-lieu/dong-y`);
      await page.getByRole('link', { name: 'Đăng nhập bằng định danh điện tử' }).click();
      await j.eidLogin(page);
      await j.arrive(page, 'consents', 'Đồng ý xử lý dữ liệu', { shot: true });
      await page.getByRole('button', { name: /^Đồng ý\W*Điền sẵn hồ sơ/ }).click();
      await eventually(() => page.getByRole('status').filter({ hasText: 'Đã ghi nhận sự đồng ý' }).isVisible()).toBe(true);
      await eventually(() => page.getByRole('button', { name: /^Rút lại sự đồng ý\W*Điền sẵn hồ sơ/ }).isVisible()).toBe(true);
      await j.arrive(page, 'consents-given', 'Đồng ý xử lý dữ liệu');

      // The data store: upload the parents' marriage certificate.
      await page.getByRole('link', { name: 'Kho dữ liệu của tôi' }).click();
      await j.arrive(page, 'data-store-empty', 'Kho dữ liệu của tôi');
      await page.getByRole('button', { name: 'Đưa vào kho' }).click();
      await eventually(() => page.locator('.error-summary').isVisible()).toBe(true);
      await page.getByLabel('Loại giấy tờ').selectOption({ label: 'Giấy chứng nhận kết hôn' });
      await page.getByLabel('Tên giấy tờ').fill('Giấy chứng nhận kết hôn của bố mẹ');
      await page.getByLabel('Cơ quan cấp (không bắt buộc)').fill('UBND phường Hồng Bàng');
      await page.getByLabel('Tệp giấy tờ').setInputFiles({ name: 'giay-chung-nhan-ket-hon.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay chung nhan ket hon') });
      await page.getByRole('button', { name: 'Đưa vào kho' }).click();
      await eventually(() => page.getByRole('heading', { level: 3, name: 'Giấy chứng nhận kết hôn của bố mẹ' }).isVisible()).toBe(true);
      await expect(await page.getByRole('link', { name: /^Tải về\s*Giấy chứng nhận kết hôn của bố mẹ/ }).getAttribute('href')).toMatch(/^\/api\/me\/store\/[0-9a-f-]{36}$/);
      await j.arrive(page, 'data-store', 'Kho dữ liệu của tôi', { shot: true });

      // Start a birth registration.
      await page.goto(`${base}/thu-tuc/birth-registration`);
      await j.arrive(page, 'procedure', 'Đăng ký khai sinh');
      await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
      await eventually(() => page.getByRole('heading', { level: 1, name: 'Bạn muốn nộp hồ sơ ở đâu?' }).isVisible()).toBe(true);
      await page.getByRole('radio', { name: 'Ủy ban nhân dân phường Hồng Bàng' }).check();
      await page.getByRole('button', { name: 'Bắt đầu khai' }).click();
      await eventually(() => page.getByRole('heading', { level: 1, name: 'Người đi đăng ký khai sinh' }).isVisible()).toBe(true);
      const id = /\/ho-so\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
      expect(id).toBeTruthy();
      const applicant = page.getByLabel('Họ, chữ đệm và tên', { exact: true });
      expect(await applicant.inputValue()).toBe(BINH.name);
      expect(await applicant.isEditable()).toBe(false);

      // The mother: filled in from the national population database, read-only, marked with its source.
      await page.goto(`${base}/ho-so/${id}/khai/mother`);
      await j.arrive(page, 'form-mother-prefilled', 'Thông tin người mẹ', { shot: true });
      const motherName = page.getByLabel('Họ, chữ đệm và tên người mẹ');
      const motherId = page.getByLabel('Số định danh cá nhân của người mẹ');
      expect(await motherName.inputValue()).toBe(BINH.name);
      expect(await motherId.inputValue()).toBe(BINH.personalId);
      expect(await motherName.isEditable()).toBe(false);
      expect(await motherId.isEditable()).toBe(false);
      await eventually(() => page.getByText('Cơ sở dữ liệu quốc gia về dân cư').first().isVisible()).toBe(true);
      // The residence stays editable.
      expect(await page.getByLabel('Nơi cư trú của người mẹ').isEditable()).toBe(true);

      // The father: his data comes from the registry (through the mother's marriage) as soon as he is declared.
      await page.goto(`${base}/ho-so/${id}/khai/father`);
      await j.arrive(page, 'form-father', 'Thông tin người cha');
      await page.getByRole('group', { name: 'Khai thông tin người cha' }).getByRole('radio', { name: 'Có' }).check();
      const fatherName = page.getByLabel('Họ, chữ đệm và tên người cha');
      const fatherId = page.getByLabel('Số định danh cá nhân của người cha');
      await eventually(() => fatherName.inputValue()).not.toBe('');
      expect(await fatherId.inputValue()).toMatch(/^\d{12}$/);
      expect(await fatherName.isEditable()).toBe(false);
      expect(await fatherId.isEditable()).toBe(false);
      await j.arrive(page, 'form-father-prefilled', 'Thông tin người cha', { shot: true });
      await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

      // The parents are married: the certificate number comes from the registry; the rest is typed.
      await eventually(() => page.getByRole('heading', { level: 1, name: 'Thông tin đăng ký kết hôn của cha, mẹ' }).isVisible()).toBe(true);
      await page.getByRole('group', { name: 'Cha, mẹ đã đăng ký kết hôn' }).getByRole('radio', { name: 'Có' }).check();
      await eventually(() => page.getByLabel('Số Giấy chứng nhận kết hôn').inputValue()).not.toBe('');
      for (const [label, value] of [['Ngày đăng ký kết hôn', '12/05/2018'], ['Nơi đăng ký kết hôn', 'Ủy ban nhân dân phường Hồng Bàng']] as const) {
        const input = page.getByLabel(label);
        if ((await input.isEditable()) && !(await input.inputValue())) await input.fill(value);
      }
      await j.arrive(page, 'form-marriage-prefilled', 'Thông tin đăng ký kết hôn của cha, mẹ', { shot: true });
      await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
      await eventually(() => page.url()).not.toContain('/khai/marriage');

      // Attachments: the marriage certificate is offered from the store; one click attaches it.
      await page.goto(`${base}/ho-so/${id}/dinh-kem`);
      await j.arrive(page, 'attachments-store-offer', 'Giấy tờ đính kèm', { shot: true });
      const use = page.getByRole('button', { name: /^Dùng giấy tờ này\s*Giấy chứng nhận kết hôn của bố mẹ/ });
      await eventually(() => use.isVisible()).toBe(true);
      await use.click();
      await eventually(() => page.getByRole('link', { name: 'giay-chung-nhan-ket-hon.pdf' }).isVisible()).toBe(true);
      await eventually(() => page.getByText('Lấy từ kho dữ liệu', { exact: true }).isVisible()).toBe(true);
      await j.arrive(page, 'attachments-from-store', 'Giấy tờ đính kèm', { shot: true });

      // Who read my data: the prefill reads are there, the sensitive one marked.
      await page.goto(`${base}/du-lieu/ai-da-xem`);
      await j.arrive(page, 'data-access', 'Ai đã xem dữ liệu của tôi', { shot: true });
      await eventually(() => page.getByText('Dữ liệu nhạy cảm').first().isVisible()).toBe(true);
      await page.getByLabel('Mục đích').selectOption({ label: 'Điền sẵn hồ sơ' });
      await page.getByLabel('Từ ngày').fill('32/13/2026');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await eventually(() => page.locator('.error-summary').isVisible()).toBe(true);
      await page.getByLabel('Từ ngày').fill('');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await eventually(() => page.getByRole('list', { name: 'Các lượt xem dữ liệu' }).getByRole('listitem').first().isVisible()).toBe(true);

      // Data requests: ask for a copy; the due date is shown.
      await page.getByRole('link', { name: 'Yêu cầu về dữ liệu cá nhân' }).click();
      await j.arrive(page, 'data-requests-empty', 'Yêu cầu về dữ liệu cá nhân');
      await page.getByRole('radio', { name: 'Bản sao dữ liệu cá nhân của tôi' }).check();
      await page.getByLabel('Nội dung yêu cầu').fill('Xin bản sao toàn bộ dữ liệu cá nhân của tôi trên hệ thống.');
      await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
      await eventually(() => page.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu. Hạn trả lời' }).isVisible()).toBe(true);
      await eventually(() => page.getByText(/^Hạn trả lời \d/).first().isVisible()).toBe(true);
      await j.arrive(page, 'data-requests', 'Yêu cầu về dữ liệu cá nhân', { shot: true });

      // "Hồ sơ của tôi" links to the four pages.
      await page.goto(`${base}/ho-so`);
      await eventually(() => page.getByRole('navigation', { name: 'Dữ liệu cá nhân của tôi' }).getByRole('link', { name: 'Ai đã xem dữ liệu của tôi' }).isVisible()).toBe(true);

      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      console.info(`axe: ${j.pages.length} pages scanned in vi and en: ${j.pages.join(', ')}`);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);
});
