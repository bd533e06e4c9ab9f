/**
 * The journey of a birth registration through the web app, as people take it: a citizen signs in with the e-ID
 * provider, finds the procedure typing without diacritics, fills the e-form, attaches the birth notice and files;
 * the desk receives it, the specialist asks for a supplement, the citizen supplements, the specialist proposes, the
 * leader approves, the result officer issues and returns the result, and the citizen sees it.
 */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeScan, overflowsHorizontally, samplePdf, screenshot, type AxeFinding, eventually, until } from './browser';

export interface JourneyOptions {
  base: string;
  browser: Browser;
  viewport: { width: number; height: number };
  /** Screenshot file name prefix. */
  tag: string;
  /** Run axe on every page in both languages. */
  axe: boolean;
  citizen: { personalId: string; name: string; birthDate: string; relation: 'Cha' | 'Mẹ' };
  /** Save the draft half-way, leave, and resume it from My dossiers. */
  resumeDraft?: boolean;
  /** After the journey, file a second dossier (through the API) and withdraw it in the web app. */
  withdraw?: boolean;
}

export interface JourneyResult {
  code: string;
  pages: string[];
  findings: AxeFinding[];
  overflow: string[];
}

const OFFICER_PASSWORD = 'MotCua@2026';

/** Types an answer, unless the field was prefilled from a national registry and is read-only (then it has a value). */
async function answer(field: Locator, value: string) {
  if (await field.isEditable()) await field.fill(value);
  else expect(await field.inputValue()).not.toBe('');
}
/** Picks a choice of a list (ethnic groups, countries), unless the field was prefilled and is read-only. */
async function choose(field: Locator, label: string) {
  if (await field.isEditable()) await field.selectOption({ label });
  else expect(await field.inputValue()).not.toBe('');
}
const EID_PASSWORD = 'VNeID@2026';

export class Journey {
  readonly findings: AxeFinding[] = [];
  readonly pages: string[] = [];
  readonly overflow: string[] = [];
  private contexts: BrowserContext[] = [];

  constructor(private readonly o: JourneyOptions) {}

  async context(): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await this.o.browser.newContext({ viewport: this.o.viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    ctx.setDefaultTimeout(15_000);
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`page error on ${page.url()}: ${e.message}`);
    });
    return { ctx, page };
  }

  async close() {
    for (const c of this.contexts) await c.close();
  }

  /** Waits for the page heading, then checks it: no horizontal scrolling, axe in vi and en, a screenshot if named. */
  async arrive(page: Page, name: string, heading: string | RegExp, opts: { shot?: boolean } = {}) {
    await eventually(() => page.getByRole('heading', { level: 1, name: heading }).isVisible(), { message: `h1 ${heading} on ${name}` }).toBe(true);
    this.pages.push(name);
    if (await overflowsHorizontally(page)) this.overflow.push(name);
    if (this.o.axe) {
      this.findings.push(...(await axeScan(page, name, 'vi')));
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.waitForFunction(() => document.documentElement?.lang === 'en');
      this.findings.push(...(await axeScan(page, name, 'en')));
      if (opts.shot) await screenshot(page, `${this.o.tag}-${name}-en`);
      await page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
      await page.waitForFunction(() => document.documentElement?.lang === 'vi');
    }
    if (opts.shot) await screenshot(page, `${this.o.tag}-${name}`);
  }

  /** The built-in e-ID provider's pages (server-rendered): scanned in both languages, then the citizen signs in. */
  async eidLogin(page: Page) {
    await page.waitForURL(/\/oidc\/interaction\//);
    await eventually(() => page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    this.pages.push('eid-login');
    if (this.o.axe) {
      this.findings.push(...(await axeScan(page, 'eid-login', 'vi')));
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement?.lang === 'en');
      this.findings.push(...(await axeScan(page, 'eid-login', 'en')));
      await page.getByRole('link', { name: 'Tiếng Việt' }).click();
      await page.waitForFunction(() => document.documentElement?.lang === 'vi');
    }
    await screenshot(page, `${this.o.tag}-eid-login`);
    await page.getByLabel('Số định danh cá nhân').fill(this.o.citizen.personalId);
    await page.getByLabel('Mật khẩu').fill(EID_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The first sign-in asks the citizen to share their data with the portal; later ones go straight back to it.
    // Wait for one or the other explicitly: right after the click the login page may still be the one shown.
    const consent = page.getByRole('button', { name: 'Đồng ý chia sẻ' });
    const next = await until(
      async () => ((await consent.isVisible()) ? 'consent' : !new URL(page.url()).pathname.startsWith('/oidc') && (await page.getByRole('heading', { level: 1 }).isVisible()) ? 'portal' : null),
      'the e-ID consent page or the portal after signing in',
    );
    if (next === 'consent') {
      this.pages.push('eid-consent');
      if (this.o.axe) {
        this.findings.push(...(await axeScan(page, 'eid-consent', 'vi')));
        const english = page.getByRole('link', { name: 'English' });
        if (await english.isVisible()) {
          await english.click();
          await page.waitForFunction(() => document.documentElement?.lang === 'en');
          this.findings.push(...(await axeScan(page, 'eid-consent', 'en')));
          await page.getByRole('link', { name: 'Tiếng Việt' }).click();
          await page.waitForFunction(() => document.documentElement?.lang === 'vi');
        }
      }
      await consent.click();
    }
  }

  async officerLogin(username: string): Promise<Page> {
    const { page } = await this.context();
    await page.goto(`${this.o.base}/can-bo/dang-nhap`);
    await this.arrive(page, `officer-login-${username}`, 'Đăng nhập dành cho cán bộ', { shot: username.startsWith('tiepnhan') });
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(OFFICER_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    return page;
  }

  /** Opens the dossier from the officer's inbox queue, as they would. */
  async openFromQueue(page: Page, queue: string, code: string, name: string) {
    await page.getByRole('navigation', { name: 'Hàng đợi hồ sơ' }).getByRole('link', { name: new RegExp(`^${queue}`) }).click();
    await page.getByRole('link', { name: code }).click();
    await this.arrive(page, name, code, { shot: name === 'workspace-received' || name === 'workspace-returned' });
  }

  /** Takes an action from the workspace: its button, its own form page, then back to the workspace. */
  async act(page: Page, action: string, code: string, name: string, fill?: (page: Page) => Promise<void>) {
    await page.getByRole('link', { name: action, exact: true }).click();
    await this.arrive(page, name, action);
    if (fill) await fill(page);
    await page.getByRole('button', { name: action, exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: `Đã thực hiện: ${action}` }).isVisible()).toBe(true);
    await eventually(() => page.getByRole('heading', { level: 1, name: code }).isVisible()).toBe(true);
  }

  async run(): Promise<JourneyResult> {
    const { base } = this.o;
    const { page: citizen } = await this.context();

    // Home, search without diacritics through the combobox.
    await citizen.goto(`${base}/`);
    await citizen.waitForLoadState('networkidle');
    await eventually(() => citizen.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await citizen.keyboard.press('Tab');
    await eventually(() => citizen.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await citizen.keyboard.press('Enter');
    await eventually(() => citizen.evaluate(() => document.activeElement?.id)).toBe('main');
    await this.arrive(citizen, 'home', 'Dịch vụ công trực tuyến', { shot: true });
    const search = citizen.getByRole('combobox', { name: 'Tìm thủ tục hành chính' });
    await search.pressSequentially('dang ky khai sinh', { delay: 20 });
    const option = citizen.getByRole('option', { name: /^Đăng ký khai sinh/ }).first();
    await eventually(() => option.isVisible()).toBe(true);
    await expect(await search.getAttribute('aria-expanded')).toBe('true');
    await search.press('ArrowDown');
    await eventually(() => search.getAttribute('aria-activedescendant')).toBeTruthy();
    await search.press('Enter');
    await this.arrive(citizen, 'procedure', 'Đăng ký khai sinh', { shot: true });

    // Apply online: sign in with the e-ID provider, come back to choose where to file.
    await citizen.getByRole('link', { name: 'Nộp trực tuyến' }).click();
    await this.eidLogin(citizen);
    await this.arrive(citizen, 'choose-agency', 'Bạn muốn nộp hồ sơ ở đâu?');
    // Continue without choosing: the error summary links to the question.
    await citizen.getByRole('button', { name: 'Bắt đầu khai' }).click();
    await eventually(() => citizen.getByRole('link', { name: 'Chọn nơi nộp hồ sơ' }).isVisible()).toBe(true);
    await citizen.getByRole('radio', { name: 'Ủy ban nhân dân phường Hồng Bàng' }).check();
    await citizen.getByRole('button', { name: 'Bắt đầu khai' }).click();

    // The e-form, one section per page.
    await this.arrive(citizen, 'form-applicant', 'Người đi đăng ký khai sinh', { shot: true });
    await expect(await citizen.getByLabel('Họ, chữ đệm và tên').inputValue()).toBe(this.o.citizen.name);
    await answer(citizen.getByLabel('Ngày, tháng, năm sinh'), this.o.citizen.birthDate);
    await answer(citizen.getByLabel('Nơi cư trú'), 'Số 5 phố Hoàng Văn Thụ, phường Hồng Bàng, thành phố Hải Phòng');
    await answer(citizen.getByLabel('Số điện thoại liên hệ'), '0912 345 678');
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await this.arrive(citizen, 'form-relation', 'Quan hệ với trẻ');
    await citizen.getByRole('radio', { name: this.o.citizen.relation, exact: true }).check();
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await this.arrive(citizen, 'form-child', 'Thông tin người được khai sinh');
    // Submit the empty section: an error summary, each message next to its field.
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    const summary = citizen.locator('.error-summary');
    await eventually(() => summary.isVisible()).toBe(true);
    await eventually(() => citizen.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    this.pages.push('form-child-errors');
    if (this.o.axe) {
      this.findings.push(...(await axeScan(citizen, 'form-child-errors', 'vi')));
      await citizen.getByRole('button', { name: 'English', exact: true }).click();
      await citizen.waitForFunction(() => document.documentElement?.lang === 'en');
      this.findings.push(...(await axeScan(citizen, 'form-child-errors', 'en')));
      await citizen.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
    }
    await screenshot(citizen, `${this.o.tag}-form-errors`);
    await summary.getByRole('link', { name: /Họ, chữ đệm và tên của trẻ/ }).click();
    await eventually(() => citizen.evaluate(() => document.activeElement?.id)).toBe('f-childFullName');
    await answer(citizen.getByLabel('Họ, chữ đệm và tên của trẻ'), 'Nguyễn Minh Khôi');
    await citizen.getByRole('radio', { name: 'Nam', exact: true }).check();
    await answer(citizen.getByLabel('Ngày, tháng, năm sinh'), '30/10/2026');
    await citizen.getByRole('radio', { name: 'Cơ sở khám bệnh, chữa bệnh', exact: true }).check();
    // Conditional fields appear with the answer.
    await answer(citizen.getByLabel('Tên cơ sở khám bệnh, chữa bệnh'), 'Bệnh viện Phụ sản Hải Phòng');
    await answer(citizen.getByLabel('Số Giấy chứng sinh'), 'CS-2026-018734');
    await citizen.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hải Phòng' });
    const commune = citizen.getByLabel('Xã, phường, đặc khu');
    await eventually(() => commune.isEnabled()).toBe(true);
    await commune.selectOption({ label: 'Phường Hồng Bàng' });
    await choose(citizen.getByLabel('Dân tộc'), 'Kinh');
    await choose(citizen.getByLabel('Quốc tịch'), 'Việt Nam');
    await answer(citizen.getByLabel('Quê quán'), 'Xã Vĩnh Bảo, thành phố Hải Phòng');
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await this.arrive(citizen, 'form-mother', 'Thông tin người mẹ');
    await answer(citizen.getByLabel('Họ, chữ đệm và tên người mẹ'), 'Trần Thị Mai');
    await answer(citizen.getByLabel('Số định danh cá nhân của người mẹ'), '031192002468');
    await answer(citizen.getByLabel('Ngày sinh của người mẹ'), '21/07/1992');
    await choose(citizen.getByLabel('Dân tộc của người mẹ'), 'Kinh');
    await answer(citizen.getByLabel('Nơi cư trú của người mẹ'), 'Số 5 phố Hoàng Văn Thụ, phường Hồng Bàng, thành phố Hải Phòng');
    if (this.o.resumeDraft) {
      // Save and leave; the draft waits in My dossiers and resumes at the first section still to answer.
      await citizen.getByRole('button', { name: 'Lưu nháp và thoát' }).click();
      await this.arrive(citizen, 'my-dossiers-draft', 'Hồ sơ của tôi', { shot: true });
      await eventually(() => citizen.getByRole('status').filter({ hasText: 'Đã lưu bản nháp' }).isVisible()).toBe(true);
      await citizen.getByRole('region', { name: 'Bản nháp chưa nộp' }).getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    } else {
      await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    }

    await this.arrive(citizen, 'form-father', 'Thông tin người cha');
    await citizen.getByRole('radio', { name: 'Không', exact: true }).check();
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    // No father declared: the marriage section does not apply and is skipped.
    await this.arrive(citizen, 'form-copies', 'Bản sao');
    await answer(citizen.getByLabel(/Số bản sao Trích lục khai sinh/), '2');
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await this.arrive(citizen, 'form-delivery', 'Nhận kết quả');
    await citizen.getByRole('radio', { name: 'Chỉ nhận bản điện tử' }).check();
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await this.arrive(citizen, 'form-declaration', 'Cam đoan');
    await citizen.getByRole('checkbox', { name: /Tôi cam đoan/ }).check();
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    // Attachments, uploaded with progress.
    await this.arrive(citizen, 'attachments', 'Giấy tờ đính kèm', { shot: true });
    await citizen.getByLabel('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp', { exact: true }).setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay chung sinh') });
    await eventually(() => citizen.getByRole('link', { name: 'giay-chung-sinh.pdf' }).isVisible()).toBe(true);
    await citizen.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    // Check your answers, then file.
    await this.arrive(citizen, 'review', 'Kiểm tra thông tin trước khi nộp', { shot: true });
    await eventually(() => citizen.getByText('Phường Hồng Bàng, Thành phố Hải Phòng', { exact: true }).isVisible()).toBe(true);
    await citizen.getByRole('button', { name: 'Đồng ý và nộp hồ sơ' }).click();
    await this.arrive(citizen, 'confirmation', 'Đã nộp hồ sơ', { shot: true });
    const code = (await citizen.getByTestId('dossier-code').innerText()).trim();
    expect(code).toMatch(/^000\.00\.21\.H38-\d{6}-\d{4,}$/);
    await citizen.getByRole('link', { name: 'Xem, in biên nhận nộp hồ sơ' }).click();
    await this.arrive(citizen, 'receipt', 'Biên nhận nộp hồ sơ');

    // The desk receives it.
    const desk = await this.officerLogin('tiepnhan.hongbang');
    await this.arrive(desk, 'inbox', 'Hồ sơ cần xử lý', { shot: true });
    await this.openFromQueue(desk, 'Chờ tiếp nhận', code, 'workspace-submitted');
    await this.act(desk, 'Tiếp nhận', code, 'action-receive');
    await eventually(() => desk.getByText('Đã tiếp nhận', { exact: true }).first().isVisible()).toBe(true);
    // The receipt and appointment (form 01) is there, as a PDF.
    const receipt = await desk.getByRole('link', { name: /^PDF — Giấy tiếp nhận hồ sơ/ }).getAttribute('href');
    const pdf = await desk.request.get(`${base}${receipt}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // Counter filing: the desk opens a dossier for a citizen who came in person, and gets the same e-form.
    await desk.getByRole('link', { name: 'Tiếp nhận tại quầy' }).click();
    await this.arrive(desk, 'counter', 'Tiếp nhận hồ sơ tại quầy', { shot: true });
    await desk.getByLabel('Thủ tục').selectOption({ label: 'Đăng ký khai sinh' });
    await desk.getByLabel('Số định danh cá nhân của người nộp').fill('031188002468');
    await desk.getByLabel('Họ, chữ đệm và tên của người nộp').fill('Vũ Thị Hà');
    await desk.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await this.arrive(desk, 'counter-form', 'Người đi đăng ký khai sinh');
    expect(desk.url()).toMatch(/\/can-bo\/nop\/[0-9a-f-]{36}\/khai\/applicant$/);

    // The specialist takes it up and asks for a supplement (once).
    const specialist = await this.officerLogin('chuyenvien.hongbang');
    // Finding it by the applicant's name typed without diacritics.
    await specialist.getByRole('link', { name: 'Tìm hồ sơ' }).click();
    await this.arrive(specialist, 'officer-search', 'Tìm hồ sơ');
    await specialist.getByLabel('Người nộp').fill(this.o.citizen.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());
    await specialist.getByRole('button', { name: 'Tìm kiếm' }).click();
    await eventually(() => specialist.getByRole('link', { name: code }).isVisible()).toBe(true);
    await specialist.getByRole('link', { name: 'Hồ sơ cần xử lý' }).first().click();
    await eventually(() => specialist.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).isVisible()).toBe(true);
    await this.openFromQueue(specialist, 'Đang giải quyết', code, 'workspace-received');
    await this.act(specialist, 'Nhận xử lý', code, 'action-claim');
    await this.act(specialist, 'Yêu cầu bổ sung hồ sơ', code, 'action-supplement', async (p) => {
      await p.getByRole('button', { name: 'Yêu cầu bổ sung hồ sơ', exact: true }).click();
      await eventually(() => p.locator('.error-summary').isVisible()).toBe(true);
      await p.getByLabel('Lý do').fill('Giấy chứng sinh bị mờ, không đọc được số.');
      await p.getByLabel('Giấy tờ, nội dung cần bổ sung').fill('Bản chụp rõ nét Giấy chứng sinh');
    });

    // The citizen sees the request and supplements.
    await citizen.goto(`${base}/ho-so`);
    await this.arrive(citizen, 'my-dossiers', 'Hồ sơ của tôi', { shot: true });
    await citizen.getByRole('link', { name: 'Đăng ký khai sinh' }).first().click();
    await this.arrive(citizen, 'dossier-supplement-requested', 'Đăng ký khai sinh', { shot: true });
    await citizen.getByRole('link', { name: 'Bổ sung hồ sơ' }).click();
    await this.arrive(citizen, 'supplement', 'Bổ sung hồ sơ');
    await citizen.getByLabel('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp', { exact: true }).setInputFiles({ name: 'giay-chung-sinh-ro-net.pdf', mimeType: 'application/pdf', buffer: samplePdf('Ban chup ro net') });
    await eventually(() => citizen.getByRole('link', { name: 'giay-chung-sinh-ro-net.pdf' }).isVisible()).toBe(true);
    await citizen.getByLabel('Ghi chú cho cán bộ').fill('Đã bổ sung bản chụp rõ nét.');
    await citizen.getByRole('button', { name: 'Nộp bổ sung' }).click();
    await eventually(() => citizen.getByText('Đã nộp bổ sung. Hồ sơ tiếp tục được giải quyết.').isVisible()).toBe(true);

    // Processing, approval, result.
    await specialist.reload();
    await eventually(() => specialist.getByRole('heading', { level: 1, name: code }).isVisible()).toBe(true);
    await this.act(specialist, 'Trình phê duyệt', code, 'action-propose', async (p) => {
      await p.getByRole('radio', { name: 'Giải quyết hồ sơ' }).check();
    });
    const leader = await this.officerLogin('lanhdao.hongbang');
    await this.openFromQueue(leader, 'Chờ phê duyệt', code, 'workspace-pending-approval');
    await this.act(leader, 'Phê duyệt', code, 'action-approve');
    const result = await this.officerLogin('trakq.hongbang');
    await this.openFromQueue(result, 'Chờ trả kết quả', code, 'workspace-approved');
    await this.act(result, 'Phát hành kết quả', code, 'action-issue');
    await this.act(result, 'Trả kết quả', code, 'action-return', async (p) => {
      await p.getByRole('radio', { name: 'Trực tuyến (kho dữ liệu điện tử)' }).check();
    });
    await eventually(() => result.getByText('Đã trả kết quả', { exact: true }).first().isVisible()).toBe(true);
    await this.arrive(result, 'workspace-returned', code, { shot: true });

    // The citizen sees the result, and anyone can look the code up.
    await citizen.goto(`${base}/ho-so`);
    await citizen.getByRole('link', { name: 'Đăng ký khai sinh' }).first().click();
    await this.arrive(citizen, 'dossier-returned', 'Đăng ký khai sinh', { shot: true });
    await eventually(() => citizen.getByRole('heading', { name: 'Đã có kết quả' }).isVisible()).toBe(true);
    await citizen.goto(`${base}/tra-cuu/${code}`);
    await this.arrive(citizen, 'lookup', 'Tra cứu hồ sơ', { shot: true });
    await eventually(() => citizen.getByText('Đã trả kết quả', { exact: true }).first().isVisible()).toBe(true);

    if (this.o.withdraw) await this.withdrawFlow(citizen);
    return { code, pages: this.pages, findings: this.findings, overflow: this.overflow };
  }

  /** A second dossier filed through the API with the procedure's sample answers, then withdrawn in the web app. */
  private async withdrawFlow(citizen: Page) {
    const id = await citizen.evaluate(async (pdf) => {
      const session = await (await fetch('/api/auth/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
      const proc = await (await fetch('/api/procedures/birth-registration')).json();
      const agencies = await (await fetch('/api/agencies?kind=commune-pc')).json();
      const agency = agencies.find((a: { code: string }) => a.code === '000.00.21.H38');
      const created = await fetch('/api/dossiers', { method: 'POST', headers, body: JSON.stringify({ procedure: 'birth-registration', agencyId: agency.id, data: proc.current.sampleData }) });
      if (!created.ok) throw new Error(`create: ${created.status} ${await created.text()}`);
      const d = await created.json();
      const form = new FormData();
      form.append('documentId', 'birth-certificate');
      form.append('file', new Blob([Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0))], { type: 'application/pdf' }), 'giay-chung-sinh.pdf');
      const up = await fetch(`/api/dossiers/${d.id}/attachments`, { method: 'POST', headers: { 'x-csrf-token': session.csrfToken }, body: form });
      if (!up.ok) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const sub = await fetch(`/api/dossiers/${d.id}/submit`, { method: 'POST', headers: { 'x-csrf-token': session.csrfToken } });
      if (!sub.ok) throw new Error(`submit: ${sub.status} ${await sub.text()}`);
      return d.id as string;
    }, samplePdf('Giay chung sinh').toString('base64'));
    await citizen.goto(`${this.o.base}/ho-so/${id}`);
    await this.arrive(citizen, 'dossier-submitted', 'Đăng ký khai sinh');
    await citizen.getByRole('link', { name: 'Rút hồ sơ' }).click();
    await this.arrive(citizen, 'withdraw', 'Rút hồ sơ', { shot: true });
    await citizen.getByLabel('Lý do rút hồ sơ').fill('Nộp nhầm, sẽ nộp lại sau.');
    await citizen.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await eventually(() => citizen.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu rút hồ sơ.' }).isVisible()).toBe(true);
    await eventually(() => citizen.getByText('Đã rút hồ sơ', { exact: true }).isVisible()).toBe(true);
  }
}
