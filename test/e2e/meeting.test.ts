/**
 * A paperless meeting in the browser, at 375 px, axe in Vietnamese and English, no horizontal scrolling: the
 * construction department's leader calls a meeting (through the API: the documents, one open for opinions for a
 * few seconds only, and two questions put to the vote); a member signs in, finds it among her meetings, reads a
 * document, gives her opinion, votes — and, once the short deadline has passed, the server's refusal is shown as
 * its text; after the votes are closed she sees one adopted and one without quorum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium, samplePdf } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { Journey } from './support/journey';
import { DUNG, WAIT } from './support/api';

let server: RunningServer;
let browser: Browser;
const viewport = { width: 375, height: 812 };
const TITLE = 'Họp góp ý dự thảo quy chế phối hợp quản lý trật tự xây dựng';

/** An officer's API session: GET and POST (with an Idempotency-Key) answering the JSON body. */
async function officer(base: string, username: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'MotCua@2026' }) });
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID(), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body?: unknown) => call('POST', path, body) };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ readyTimeoutMs: 240_000 }), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('paperless meetings in the browser', () => {
  it('a meeting participant reads documents, gives an opinion and votes', async () => {
    const base = server.url;
    const j = new Journey({ base, browser, viewport, tag: 'meeting', axe: true, citizen: DUNG });
    try {
      const [chair, secretary, member] = await Promise.all([officer(base, 'lanhdao.xaydung'), officer(base, 'chuyenvien.xaydung'), officer(base, 'trakq.xaydung')]);
      const agencyId = ((await chair.get('/api/agencies')) as Array<{ id: string; code: string }>).find((a) => a.code === '000.00.02.H38')!.id;
      const ids = await Promise.all([chair, secretary, member].map(async (c) => ((await c.get('/api/auth/session')) as { accountId: string }).accountId));
      const now = Date.now();
      const m = await chair.post('/api/meetings', {
        agencyId,
        title: TITLE,
        agenda: ['Thảo luận dự thảo quy chế', 'Biểu quyết thông qua'],
        startsAt: new Date(now + 3_600_000).toISOString(),
        endsAt: new Date(now + 3 * 3_600_000).toISOString(),
        participants: [
          { kind: 'officer', accountId: ids[0], role: 'chair', voting: true },
          { kind: 'officer', accountId: ids[1], role: 'secretary', voting: true },
          { kind: 'officer', accountId: ids[2], role: 'member', voting: true },
        ],
      });
      const pdf = (text: string) => ({ fileName: 'tai-lieu.pdf', contentBase64: samplePdf(text).toString('base64') });
      await chair.post(`/api/meetings/${m.id}/documents`, { title: 'Dự thảo quy chế phối hợp', file: pdf('Du thao'), opinionDeadline: new Date(now + 86_400_000).toISOString() });
      // Opinions on the second document close within the minute: the member's answer comes too late.
      const shortDeadline = now + 50_000;
      await chair.post(`/api/meetings/${m.id}/documents`, { title: 'Báo cáo tổng hợp ý kiến', file: pdf('Bao cao'), opinionDeadline: new Date(shortDeadline).toISOString() });
      await chair.post(`/api/meetings/${m.id}/open`);
      const first = (await chair.post(`/api/meetings/${m.id}/votes`, { question: 'Thông qua quy chế (lần 1)', quorum: 'more_than_half', majority: 'of_cast' })).votes[0];
      const second = (await chair.post(`/api/meetings/${m.id}/votes`, { question: 'Thông qua quy chế (lần 2)', quorum: 'more_than_half', majority: 'of_cast' })).votes[1];
      await secretary.post(`/api/meetings/${m.id}/votes/${second.id}/ballots`, { choice: 'yes' });

      const page = await j.officerLogin('trakq.xaydung');
      await page.getByRole('link', { name: 'Họp không giấy', exact: true }).first().click();
      await j.arrive(page, 'my-meetings', 'Họp không giấy');
      await page.getByRole('link', { name: TITLE }).click();
      await j.arrive(page, 'meeting', TITLE, { shot: true });

      // Her own copy of the draft: a watermarked PDF.
      const draft = page.getByRole('group', { name: 'Dự thảo quy chế phối hợp' });
      const href = await draft.getByRole('link', { name: /^Đọc tài liệu Dự thảo quy chế phối hợp/ }).getAttribute('href');
      const copy = await page.request.get(`${base}${href}`);
      expect(copy.status()).toBe(200);
      expect(copy.headers()['content-type']).toBe('application/pdf');
      expect((await copy.body()).subarray(0, 5).toString()).toBe('%PDF-');

      await draft.getByLabel('Đồng ý', { exact: true }).check();
      await draft.getByLabel('Nội dung góp ý').fill('Đề nghị bổ sung trách nhiệm của Ủy ban nhân dân cấp xã.');
      await draft.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await expect.poll(() => draft.getByText('Ý kiến của Ông/Bà').isVisible(), WAIT).toBe(true);

      for (const q of ['Thông qua quy chế (lần 1)', 'Thông qua quy chế (lần 2)']) {
        const vote = page.getByRole('group', { name: q });
        await vote.getByLabel('Tán thành', { exact: true }).check();
        await vote.getByRole('button', { name: 'Gửi phiếu biểu quyết' }).click();
        await expect.poll(() => vote.getByText('Ông/Bà đã biểu quyết: Tán thành.').isVisible(), WAIT).toBe(true);
      }

      // After the deadline: the server refuses, and says why.
      const late = page.getByRole('group', { name: 'Báo cáo tổng hợp ý kiến' });
      await late.getByLabel('Ý kiến khác').check();
      await late.getByLabel('Nội dung góp ý').fill('Góp ý gửi muộn.');
      await new Promise((r) => setTimeout(r, Math.max(0, shortDeadline - Date.now() + 500)));
      await late.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await expect.poll(() => late.getByRole('alert').textContent(), WAIT).toContain('Đã hết thời hạn góp ý kiến bằng văn bản cho tài liệu này');

      // The chair counts: the first vote before the secretary's ballot — no quorum; the second adopted.
      await chair.post(`/api/meetings/${m.id}/votes/${first.id}/close`);
      await chair.post(`/api/meetings/${m.id}/votes/${second.id}/close`);
      await page.reload();
      await j.arrive(page, 'meeting-results', TITLE, { shot: true });
      expect(await page.getByRole('group', { name: 'Báo cáo tổng hợp ý kiến' }).getByText('Đã hết hạn góp ý kiến cho tài liệu này.').isVisible()).toBe(true);
      const one = page.getByRole('group', { name: 'Thông qua quy chế (lần 1)' });
      expect(await one.getByText('Kết quả: không đủ số thành viên tham gia biểu quyết, chưa quyết định').isVisible()).toBe(true);
      expect(await one.getByText('1 tán thành, 0 không tán thành, 0 không biểu quyết, trên 3 thành viên có quyền biểu quyết.').isVisible()).toBe(true);
      const two = page.getByRole('group', { name: 'Thông qua quy chế (lần 2)' });
      expect(await two.getByText('Kết quả: được thông qua').isVisible()).toBe(true);

      expect(j.overflow).toEqual([]);
      expect(j.findings, JSON.stringify(j.findings, null, 2)).toEqual([]);
    } finally {
      await j.close();
    }
  }, 300_000);
});
