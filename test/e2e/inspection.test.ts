/**
 * An online inspection in the browser, at 375 px, axe in Vietnamese and English, no horizontal scrolling: the
 * construction department's inspector opens the demo inspection from the plan (with the year's share of inspections
 * done online), records a finding with a remedy, draws up and signs the minutes; the inspected enterprise's legal
 * representative signs in with the e-ID, countersigns and downloads the minutes — both signatures verified with
 * pdfsig against the server's trust anchors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { WAIT } from './support/api';
import { nssTrusting } from '../support/nss';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };
// Nguyễn Văn An, legal representative of Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh (0201234567), the inspected party.
const AN = { personalId: '031085001234', name: 'Nguyễn Văn An', birthDate: '14/03/1985', relation: 'Cha' as const };
const TITLE = 'Kiểm tra việc chấp hành quy định về an toàn lao động trong thi công xây dựng';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-inspection-'));
// The demo PKI writes its root here: pdfsig trusts it.
const anchors = path.join(work, 'trust-anchors.pem');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000, env: { TRUST_ANCHORS_FILE: anchors } }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('online inspection in the browser', () => {
  it('an inspector runs an inspection to signed minutes', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'inspection', axe: true, citizen: AN });
    try {
      const officer = await j.officerLogin('chuyenvien.xaydung');
      await officer.getByRole('link', { name: 'Kiểm tra', exact: true }).first().click();
      await j.arrive(officer, 'plan', 'Kiểm tra trực tuyến');
      const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
      await expect.poll(() => officer.getByText(`Tỷ lệ kiểm tra trực tuyến năm ${year}`).isVisible(), WAIT).toBe(true);
      await officer.getByRole('link', { name: new RegExp(TITLE) }).click();
      await j.arrive(officer, 'inspection', TITLE, { shot: true });
      const id = new URL(officer.url()).pathname.split('/').pop()!;

      await officer.getByLabel('Nội dung phát hiện').fill('Ba công nhân chưa được huấn luyện an toàn lao động.');
      await officer.getByLabel('Yêu cầu khắc phục (nếu có)').fill('Tổ chức huấn luyện và cấp thẻ an toàn lao động.');
      await officer.getByLabel('Hạn khắc phục').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
      await officer.getByRole('button', { name: 'Ghi nhận' }).click();
      await expect.poll(() => officer.getByText('Ba công nhân chưa được huấn luyện an toàn lao động.').isVisible(), WAIT).toBe(true);
      await officer.getByRole('button', { name: 'Lập và ký biên bản kiểm tra' }).click();
      await expect.poll(() => officer.getByText('Chờ đại diện đơn vị được kiểm tra ký.').isVisible(), WAIT).toBe(true);

      // The inspected party's representative, from the link of her notice.
      const { page } = await j.context();
      await page.goto(`${base}/kiem-tra/${id}`);
      await j.arrive(page, 'entity-signed-out', 'Kiểm tra đối với doanh nghiệp');
      await page.locator('#main').getByRole('link', { name: 'Đăng nhập', exact: true }).click();
      await j.eidLogin(page);
      await j.arrive(page, 'entity-inspection', TITLE, { shot: true });
      await page.getByRole('button', { name: 'Ký biên bản (đại diện đơn vị được kiểm tra)' }).click();
      await expect.poll(() => page.getByText(/^Đại diện đơn vị được kiểm tra đã ký số lúc/).isVisible(), WAIT).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải biên bản kiểm tra (PDF có chữ ký số)' }).click()]);
      const file = path.join(work, 'bien-ban.pdf');
      await download.saveAs(file);

      const nss = nssTrusting(work, anchors);
      const out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
      const signatures = out.split(/Signature #\d+:/).slice(1);
      expect(signatures).toHaveLength(2);
      for (const s of signatures) {
        expect(s).toContain('Signature Validation: Signature is Valid.');
        expect(s).toContain('Certificate Validation: Certificate is Trusted.');
      }
      expect(signatures[0]).toContain('Common Name: Sở Xây dựng');
      expect(signatures[1]).toContain('Common Name: Nguyễn Văn An');

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
