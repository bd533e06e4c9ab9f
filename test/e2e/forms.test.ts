/**
 * Citizens' form items of issue 10 in the browser, at desktop size and at 375 px, axe in Vietnamese and English:
 * the consent notice links to the consent page; the step counter keeps its numbers when a section is skipped; a date
 * of birth in the future is refused on the page; ethnicity and nationality are chosen from lists; the documents asked
 * follow the answers (born at home: the witness statement, not the birth notice; filing under an authorisation: the
 * letter); the review page has no "Change" on registry data and lists the fees with their total; the dossier page
 * shows the payment requested (amount, reason, how to pay); the tracker groups the login's verification reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JOURNEY_GUARD_MS, eventually, launchChromium, samplePdf } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
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

type Citizen = { personalId: string; name: string; birthDate: string; relation: 'Cha' | 'Mẹ' };

async function scenario(tag: 'desktop' | 'mobile', viewport: { width: number; height: number }, citizen: Citizen) {
  const base = server.url;
  const j = new Journey({ base, browser, viewport, tag: `forms-${tag}`, axe: true, citizen });
  try {
    const { page } = await j.context();
    const next = () => page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    // Typed unless prefilled from a registry and read-only.
    const fill = async (label: string | RegExp, value: string) => {
      const field = page.getByLabel(label, { exact: typeof label === 'string' });
      if (await field.isEditable()) await field.fill(value);
    };
    const caption = (n: number) => page.getByText(new RegExp(`— Bước ${n}/9$`));

    await page.goto(`${base}/thu-tuc/birth-registration`);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await j.eidLogin(page);
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Bạn muốn nộp hồ sơ ở đâu?' }).isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Ủy ban nhân dân phường Hồng Bàng' }).check();
    await page.getByRole('button', { name: 'Bắt đầu khai' }).click();

    // Item 13: no prefill consent yet — the notice links to the consent page.
    await j.arrive(page, 'form-applicant', 'Người đi đăng ký khai sinh', { shot: true });
    await eventually(() => caption(1).isVisible()).toBe(true);
    const consentLink = page.getByRole('link', { name: 'Xem và thay đổi đồng ý chia sẻ dữ liệu' });
    await eventually(() => consentLink.isVisible()).toBe(true);
    expect(await consentLink.getAttribute('href')).toBe('/du-lieu/dong-y');
    const id = /\/ho-so\/([0-9a-f-]{36})\//.exec(page.url())![1];
    await fill('Ngày, tháng, năm sinh', citizen.birthDate);
    await fill('Nơi cư trú', 'Số 5 phố Hoàng Văn Thụ, phường Hồng Bàng, thành phố Hải Phòng');
    await fill('Số điện thoại liên hệ', '0912345678');
    await next();

    // Filing for a parent under an authorisation.
    await j.arrive(page, 'form-relation', 'Quan hệ với trẻ');
    await eventually(() => caption(2).isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Người được cha, mẹ ủy quyền' }).check();
    await next();

    // Item 10: a date of birth in the future is refused; ethnicity and nationality are lists.
    await j.arrive(page, 'form-child', 'Thông tin người được khai sinh');
    await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Minh Khôi');
    await page.getByRole('radio', { name: 'Nam', exact: true }).check();
    await page.getByLabel('Ngày, tháng, năm sinh').fill('01/01/2099');
    await page.getByRole('radio', { name: 'Nơi khác (tại nhà, trên đường…)' }).check();
    await page.getByLabel('Địa chỉ nơi sinh').fill('Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng');
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hải Phòng' });
    const commune = page.getByLabel('Xã, phường, đặc khu');
    await eventually(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hồng Bàng' });
    const ethnicity = page.getByLabel('Dân tộc', { exact: true });
    expect(await ethnicity.evaluate((el) => el.tagName)).toBe('SELECT');
    // The 54 groups and an empty choice; nothing else can be typed.
    expect(await ethnicity.locator('option').count()).toBe(55);
    await ethnicity.selectOption({ label: "H'Mông" });
    const nationality = page.getByLabel('Quốc tịch');
    expect(await nationality.locator('option').count()).toBe(250);
    await nationality.selectOption({ label: 'Việt Nam' });
    await page.getByLabel('Quê quán').fill('Xã Vĩnh Bảo, thành phố Hải Phòng');
    await next();
    const summary = page.locator('.error-summary');
    await eventually(() => summary.getByRole('link', { name: /không được sau ngày hôm nay/ }).isVisible()).toBe(true);
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await j.arrive(page, 'form-child-future-date', 'Thông tin người được khai sinh', { shot: true });
    await page.getByLabel('Ngày, tháng, năm sinh').fill('30/10/2026');
    await next();

    await j.arrive(page, 'form-mother', 'Thông tin người mẹ');
    await eventually(() => caption(4).isVisible()).toBe(true);
    await fill('Họ, chữ đệm và tên người mẹ', 'Trần Thị Mai');
    await fill('Số định danh cá nhân của người mẹ', '031192002468');
    await fill('Ngày sinh của người mẹ', '21/07/1992');
    const motherEthnicity = page.getByLabel('Dân tộc của người mẹ');
    if (await motherEthnicity.isEditable()) await motherEthnicity.selectOption({ label: 'Kinh' });
    await fill('Nơi cư trú của người mẹ', 'Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng');
    await next();

    // Item 10: the marriage section comes and goes with the father; the numbers of the others stay.
    await j.arrive(page, 'form-father', 'Thông tin người cha');
    await eventually(() => caption(5).isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Không', exact: true }).check();
    await next();
    await j.arrive(page, 'form-copies', 'Bản sao');
    await eventually(() => caption(7).isVisible()).toBe(true);
    await page.getByLabel(/Số bản sao Trích lục khai sinh/).fill('2');
    await next();
    await j.arrive(page, 'form-delivery', 'Nhận kết quả');
    await eventually(() => caption(8).isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Chỉ nhận bản điện tử' }).check();
    await next();
    await j.arrive(page, 'form-declaration', 'Cam đoan');
    await eventually(() => caption(9).isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /Tôi cam đoan/ }).check();
    await next();

    // Item 9: born at home, filed under an authorisation — the witness statement and the letter, no birth notice.
    await j.arrive(page, 'attachments', 'Giấy tờ đính kèm', { shot: true });
    const witness = 'Văn bản xác nhận của người làm chứng hoặc giấy cam đoan về việc sinh';
    const letter = 'Văn bản ủy quyền được chứng thực';
    await eventually(() => page.getByText(witness, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Giấy chứng nhận kết hôn của cha, mẹ').count()).toBe(0);
    expect(await page.getByText('Xuất trình bản chính').count()).toBe(0);
    // Both are required: no "(không bắt buộc)", and continuing without them is refused.
    expect(await page.locator('label', { hasText: witness }).innerText()).not.toContain('không bắt buộc');
    expect(await page.locator('label', { hasText: letter }).innerText()).not.toContain('không bắt buộc');
    await next();
    await eventually(() => summary.getByRole('link', { name: new RegExp(letter) }).isVisible()).toBe(true);
    await page.getByLabel(witness, { exact: true }).setInputFiles({ name: 'giay-cam-doan.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay cam doan') });
    await eventually(() => page.getByRole('link', { name: 'giay-cam-doan.pdf' }).isVisible()).toBe(true);
    await page.getByLabel(letter, { exact: true }).setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: samplePdf('Uy quyen') });
    await eventually(() => page.getByRole('link', { name: 'uy-quyen.pdf' }).isVisible()).toBe(true);
    await next();

    // Items 9 and 12: no "Change" on the name from the e-ID login; the fees with their total (2 copies × 8 000 đ).
    await j.arrive(page, 'review', 'Kiểm tra thông tin trước khi nộp', { shot: true });
    const nameRow = page.locator('.summary-list__row', { has: page.getByText('Họ, chữ đệm và tên', { exact: true }) });
    await eventually(() => nameRow.getByText('Lấy từ cơ sở dữ liệu quốc gia, không sửa được').isVisible()).toBe(true);
    expect(await nameRow.getByRole('link', { name: /Thay đổi/ }).count()).toBe(0);
    const childRow = page.locator('.summary-list__row', { has: page.getByText('Họ, chữ đệm và tên của trẻ', { exact: true }) });
    expect(await childRow.getByRole('link', { name: /Thay đổi/ }).count()).toBe(1);
    const fees = page.getByTestId('fee-list');
    await eventually(() => fees.innerText()).toMatch(/2 × 8\.000\s₫ = 16\.000\s₫/);
    expect(await page.getByTestId('fee-total').innerText()).toMatch(/^16\.000\s₫$/);
    await page.getByRole('button', { name: 'Đồng ý và nộp hồ sơ' }).click();
    await j.arrive(page, 'confirmation', 'Đã nộp hồ sơ');

    // Item 12: the desk receives it, the specialist asks for the fees; the citizen sees amount, reason, how to pay.
    await (await officer(base, 'tiepnhan.hongbang'))(`/api/dossiers/${id}/receive`);
    const specialist = await officer(base, 'chuyenvien.hongbang');
    await specialist(`/api/dossiers/${id}/claim`);
    await specialist(`/api/dossiers/${id}/request-payment`, { reason: 'Phí cấp 2 bản sao Trích lục khai sinh', amountVnd: 16000 });
    await page.goto(`${base}/ho-so/${id}`);
    await j.arrive(page, 'dossier-payment', 'Đăng ký khai sinh', { shot: true });
    const pay = page.getByTestId('payment-request');
    await eventually(() => pay.getByRole('heading', { name: 'Cần nộp phí, lệ phí' }).isVisible()).toBe(true);
    await eventually(() => pay.innerText()).toMatch(/16\.000\s₫/);
    expect(await pay.innerText()).toContain('Phí cấp 2 bản sao Trích lục khai sinh');
    await eventually(() => pay.innerText()).toMatch(/Nộp trực tiếp tại .+ đọc mã hồ sơ \S+-\d{6}-\d+ cho cán bộ một cửa/);

    // Item 13: the login's verification reads are one entry, expandable to each read.
    await page.goto(`${base}/du-lieu/ai-da-xem`);
    await j.arrive(page, 'tracker', 'Ai đã xem dữ liệu của tôi', { shot: true });
    const raw = await page.evaluate(async () => (await (await fetch('/api/me/data-access?limit=20')).json()).items as { purpose: string }[]);
    const reads = raw.filter((r) => r.purpose === 'verification').length;
    expect(reads).toBeGreaterThan(1);
    const group = page.getByTestId('access-group').first();
    await eventually(() => group.isVisible()).toBe(true);
    const cards = page.getByRole('list', { name: 'Các lượt xem dữ liệu' }).locator(':scope > li');
    expect(await cards.count()).toBeLessThan(raw.length);
    await group.locator('summary').click();
    await eventually(() => group.locator('h4').first().isVisible()).toBe(true);
    expect(await group.locator('h4').count()).toBeGreaterThan(1);
    await j.arrive(page, 'tracker-expanded', 'Ai đã xem dữ liệu của tôi');
    return j;
  } catch (e) {
    await j.close();
    throw e;
  }
}

describe('citizens’ form pages (issue 10, items 9, 10, 12, 13)', () => {
  it('desktop: documents follow the answers, date and list checks, steady step numbers, fees and payment, grouped tracker; axe finds nothing', async () => {
    const j = await scenario('desktop', { width: 1280, height: 900 }, { personalId: '031195007891', name: 'Phạm Thị Dung', birthDate: '30/01/1995', relation: 'Mẹ' });
    try {
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);

  it('375 px: the same, without horizontal scrolling; axe finds nothing', async () => {
    const j = await scenario('mobile', { width: 375, height: 812 }, { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' });
    try {
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
      expect(j.overflow).toEqual([]);
    } finally {
      await j.close();
    }
  }, JOURNEY_GUARD_MS);
});
