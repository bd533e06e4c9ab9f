/**
 * Liên thông in the browser, between two `motcua start` processes over the machine's NATS server: the ward's node A
 * (Hồng Bàng) and the department's node B (Sở Tư pháp). On A the specialist transfers a dossier in processing to the
 * department from its page and asks the department's opinion on another; on B the desk sees the transfer received
 * with the dossier it opened, and the department's specialist answers the consultation on the page; back on A the
 * answer is shown. Both pages axe-clean in Vietnamese, the list readable at 375 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server';
import { axeScan, launchChromium, overflowsHorizontally, samplePdf, until, type AxeFinding } from './support/browser';
import { agencyIdOf, dropStream, login, natsEnv, ok, type Node } from '../support/nodes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = `e${randomBytes(4).toString('hex')}`;
const HONG_BANG = '000.00.21.H38';
const TU_PHAP = '000.00.01.H38';
const AN = '031085001234';

let a: RunningServer;
let b: RunningServer;
let browser: Browser;
const node = (s: RunningServer) => ({ url: s.url }) as Node;

beforeAll(async () => {
  [a, b, browser] = await Promise.all([
    startServer({ readyTimeoutMs: 240_000, env: { ...natsEnv(run, 'node_a', HONG_BANG), OUTBOX_POLL_MS: '50' } }),
    startServer({ readyTimeoutMs: 240_000, env: { ...natsEnv(run, 'node_b', TU_PHAP), OUTBOX_POLL_MS: '50' } }),
    launchChromium(),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await dropStream(run);
});

/** On A: a counter filing received and taken up by the ward's specialist (processing). */
async function processingDossier(): Promise<{ id: string; code: string }> {
  const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')).procedures.find((p: any) => p.key === 'birth-re-registration').sampleData;
  const desk = await login(node(a), 'tiepnhan.hongbang');
  const d = ok(await desk.post('/api/officer/dossiers', { procedure: 'birth-re-registration', agencyId: await agencyIdOf(node(a), HONG_BANG), channel: 'in_person', applicant: { type: 'citizen', personalId: AN, fullName: 'Nguyễn Văn An' }, data: sample }), 201);
  const form = new FormData();
  form.set('documentId', 'personal-records');
  form.set('file', new Blob([new Uint8Array(samplePdf('Giay to'))], { type: 'application/pdf' }), 'giay-to.pdf');
  ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
  const { code } = ok(await desk.post(`/api/dossiers/${d.id}/submit`));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await (await login(node(a), 'chuyenvien.hongbang')).post(`/api/dossiers/${d.id}/claim`));
  return { id: d.id, code };
}

async function signedIn(s: RunningServer, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const r = await page.request.post(`${s.url}/api/auth/login`, { data: { username, password: 'MotCua@2026' } });
  expect(r.status(), await r.text()).toBe(200);
  return page;
}

it('transfers a dossier and asks an opinion from the dossier page; the other node receives and answers', async () => {
  // Each node knows the other's agency (the platform administrator's registry of agencies on other nodes).
  ok(await (await login(node(a), 'admin')).put(`/api/exchange/remote-agencies/${TU_PHAP}`, { name: 'Sở Tư pháp thành phố Hải Phòng', node: 'node_b' }));
  ok(await (await login(node(b), 'admin')).put(`/api/exchange/remote-agencies/${HONG_BANG}`, { name: 'Ủy ban nhân dân phường Hồng Bàng', node: 'node_a' }));
  const [first, second] = [await processingDossier(), await processingDossier()];
  const findings: AxeFinding[] = [];

  // A: the specialist transfers the first dossier from its page.
  const specialist = await signedIn(a, 'chuyenvien.hongbang');
  await specialist.goto(`${a.url}/can-bo/ho-so/${first.id}`);
  await specialist.getByRole('link', { name: 'Chuyển liên thông hoặc xin ý kiến cơ quan ở hệ thống khác' }).click();
  await specialist.getByRole('heading', { level: 1, name: /Chuyển liên thông hoặc xin ý kiến/ }).waitFor();
  findings.push(...(await axeScan(specialist, 'exchange-form', 'vi')));
  await specialist.getByLabel('Chuyển hồ sơ để cơ quan đó giải quyết').check();
  await specialist.getByLabel('Cơ quan', { exact: true }).selectOption(TU_PHAP);
  await specialist.getByLabel('Ghi chú cho cơ quan nhận').fill('Đề nghị Sở Tư pháp giải quyết theo thẩm quyền');
  await specialist.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
  await specialist.getByRole('status').filter({ hasText: 'Đã gửi hồ sơ sang cơ quan ở hệ thống khác' }).waitFor();
  const sent = specialist.getByRole('listitem').filter({ hasText: first.code });
  await sent.waitFor();
  expect(await sent.innerText()).toMatch(/Chuyển đi[\s\S]*Đã gửi/);

  // A: a consultation without its question is stopped at the field, in Vietnamese; then it is asked.
  await specialist.goto(`${a.url}/can-bo/ho-so/${second.id}/lien-thong`);
  await specialist.getByLabel('Xin ý kiến cơ quan đó').check();
  await specialist.getByRole('button', { name: 'Gửi xin ý kiến' }).click();
  await specialist.getByText('Nhập nội dung xin ý kiến').waitFor();
  expect(await specialist.getByLabel('Nội dung xin ý kiến').getAttribute('aria-invalid')).toBe('true');
  await specialist.getByLabel('Nội dung xin ý kiến').fill('Đề nghị cho ý kiến về việc đăng ký lại khai sinh');
  await specialist.getByRole('button', { name: 'Gửi xin ý kiến' }).click();
  await specialist.getByRole('status').filter({ hasText: 'Đã gửi đề nghị xin ý kiến' }).waitFor();

  // B: the desk sees the transfer received, with the department's own dossier; at phone width too.
  const desk = await signedIn(b, 'tiepnhan.tuphap', 375);
  await until(async () => {
    await desk.goto(`${b.url}/can-bo/lien-thong`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    return (await desk.getByRole('listitem').filter({ hasText: first.code }).filter({ hasText: 'Đã nhận, đang giải quyết' }).count()) > 0;
  }, 'the transfer received on B', 120_000);
  const received = desk.getByRole('listitem').filter({ hasText: first.code });
  expect(await received.innerText()).toContain('Nhận về');
  expect(await received.innerText()).toContain('Đề nghị Sở Tư pháp giải quyết theo thẩm quyền');
  expect(await overflowsHorizontally(desk)).toBe(false);
  findings.push(...(await axeScan(desk, 'exchange-list-375', 'vi')));
  await received.getByRole('link').first().click();
  await desk.getByRole('heading', { level: 1, name: new RegExp(TU_PHAP.replace(/\./g, '\\.')) }).waitFor();

  // B: the department's specialist answers the consultation on the page.
  const expert = await signedIn(b, 'chuyenvien.tuphap');
  await until(async () => {
    await expert.goto(`${b.url}/can-bo/lien-thong`);
    await expert.getByRole('heading', { level: 1 }).waitFor();
    return (await expert.getByRole('listitem').filter({ hasText: second.code }).filter({ hasText: 'Chờ trả lời' }).count()) > 0;
  }, 'the consultation on B', 120_000).catch(async (e) => {
    const onA = await (await login(node(a), 'chuyenvien.hongbang')).get('/api/exchange/consultations');
    const onB = await (await login(node(b), 'chuyenvien.tuphap')).get('/api/exchange/consultations');
    throw new Error(`${e.message}: A ${onA.text.slice(0, 600)} B ${onB.text.slice(0, 600)} page ${(await expert.locator('main').innerText()).slice(0, 600)}`);
  });
  const asked = expert.getByRole('listitem').filter({ hasText: second.code });
  await asked.getByLabel('Ý kiến trả lời').fill('Sở Tư pháp thống nhất, đề nghị phường giải quyết');
  await asked.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await asked.getByText('Đã trả lời').waitFor();

  // A: the opinion is shown.
  await until(async () => {
    await specialist.goto(`${a.url}/can-bo/lien-thong`);
    await specialist.getByRole('heading', { level: 1 }).waitFor();
    return (await specialist.getByRole('listitem').filter({ hasText: 'Sở Tư pháp thống nhất, đề nghị phường giải quyết' }).count()) > 0;
  }, 'the opinion back on A', 120_000);
  findings.push(...(await axeScan(specialist, 'exchange-list', 'vi')));
  expect(findings).toEqual([]);
}, 300_000);
