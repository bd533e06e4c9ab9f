// A regulated enterprise's node delivers its report to the supervising agency's node through the exchange gateway
// (X-Road REST, signed by the enterprise's key): validated and receipted by the supervision module like a web or API
// delivery, with the X-Road message in both logs; an enterprise delivers only its own reports, and the module's
// refusals come back as such.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID, createPrivateKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TestClock, type TestPlatform } from '../../../test/support/platform';
import { bodyHash, requestSigningInput } from '../../shared/exchange';
import { verifyReceipt } from '../supervision';
import { Authority, NodeKeys } from './index';
import { newStoredKey, signBytes, type StoredKey } from './exchange.keys';
import { exchangeMessages } from './exchange.schema';

const PROVIDER = 'VN/GOV/000.00.02.H38/motcua'; // the construction department's node
const AN_COMPANY = '0201234567';
const HUY_COMPANY = '0204567890';
const CLIENT = `VN/COM/${AN_COMPANY}/baocao`;
const OTHER = 'VN/GOV/000.00.21.H38/motcua';
const UNBOUND = 'VN/COM/0301111111/baocao';
const SERVICE = `${PROVIDER}/supervisionReport`;

let p: TestPlatform;
let dir: string;
let obligationId: string;
const clock = new TestClock();
const keys = new Map<string, StoredKey>();

/** A request as the enterprise's gateway sends it: signed by its key. */
function send(client: string, url: string, body: unknown) {
  const key = keys.get(client)!;
  const bytes = Buffer.from(JSON.stringify(body));
  const h: Record<string, string> = { 'x-road-client': client, 'x-road-id': `t-${randomBytes(4).toString('hex')}`, 'content-type': 'application/json' };
  h['x-motcua-timestamp'] = clock.now().toISOString();
  h['x-motcua-nonce'] = randomBytes(16).toString('base64url');
  h['x-motcua-body-hash'] = bodyHash(bytes);
  h['x-motcua-key'] = key.id;
  h['x-motcua-signature'] = signBytes(createPrivateKey(key.privateKey), requestSigningInput({ method: 'POST', path: url, client, service: SERVICE, xRoadId: h['x-road-id'], timestamp: h['x-motcua-timestamp'], nonce: h['x-motcua-nonce'], bodyHash: h['x-motcua-body-hash'] }));
  return p.app.inject({ method: 'POST', url, headers: h, payload: bytes });
}
const deliveries = (id = obligationId) => `/r1/${SERVICE}/obligations/${id}/deliveries`;
const csv = (flow: number) => `diem,luu_luong\r\nCửa xả 1,${flow}\r\n`;

beforeAll(async () => {
  clock.set('2026-03-05T02:00:00Z');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-xs-'));
  p = await startTestPlatform({ clock, env: { EXCHANGE_DIR: dir, EXCHANGE_MEMBER_CODE: '000.00.02.H38', EXCHANGE_TIMEOUT_MS: '800' } });
  const addr = await p.app.listen({ port: 0, host: '127.0.0.1' });
  const auth = new Authority(dir);
  const { publicKey } = auth.init({ instance: 'VN', id: PROVIDER, url: addr, tsa: { name: 'Demo TSA', url: 'http://127.0.0.1:1/tsa' } });
  fs.writeFileSync(path.join(dir, 'authority.pub'), publicKey);
  const svc = [...p.services.exchange.gateway.services.values()].map((s) => ({ code: s.code, title: s.title, personalData: s.personalData }));
  auth.addMember({ id: PROVIDER, name: 'Sở Xây dựng', address: addr, keys: NodeKeys.ensure(dir), services: svc });
  for (const [id, name] of [[CLIENT, 'Công ty TNHH An Phát'], [OTHER, 'UBND phường Hồng Bàng'], [UNBOUND, 'Công ty không thuộc diện báo cáo']] as const) {
    const k = newStoredKey();
    keys.set(id, k);
    auth.addMember({ id, name, address: 'http://127.0.0.1:9', keys: [k], services: [] });
  }
  expect(p.services.exchange.conf.accept(auth.publish(clock.now(), 24))).toMatchObject({ ok: true });
  const admin = await p.loginAs('admin');
  for (const client of [CLIENT, OTHER, UNBOUND]) {
    const res = await admin.post('/api/admin/exchange/access-rights', { serviceCode: 'supervisionReport', client }, { 'idempotency-key': randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
  }
  const officer = await p.loginAs('chuyenvien.xaydung');
  const xd = ((await officer.get('/api/agencies')).json() as Array<{ id: string; code: string }>).find((a) => a.code === '000.00.02.H38')!.id;
  const o = await officer.post(
    '/api/supervision/obligations',
    { agencyId: xd, title: 'Báo cáo lưu lượng nước thải', legalBasis: 'Luật Bảo vệ môi trường 2020, Điều 111', frequency: 'monthly', dueDay: 10, format: 'csv', fields: [{ key: 'diem', label: 'Điểm quan trắc', type: 'string', required: true }, { key: 'luu_luong', label: 'Lưu lượng', type: 'number', unit: 'm³/ngày', required: true, min: 0, max: 1000 }], subjects: { enterpriseCodes: [AN_COMPANY, HUY_COMPANY] }, startPeriod: '2026-01' },
    { 'idempotency-key': randomUUID() },
  );
  expect(o.statusCode, o.body).toBe(201);
  obligationId = o.json().id;
});
afterAll(async () => {
  await p?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('supervision reports through the exchange gateway', () => {
  it('an enterprise’s node delivers its report: a signed receipt, channel exchange, the message logged', async () => {
    const res = await send(CLIENT, deliveries(), { period: '2026-02', content: csv(120) });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ obligationId, enterpriseCode: AN_COMPANY, period: '2026-02', channel: 'exchange', duplicate: false });
    expect(verifyReceipt(d.receipt, d.signature, p.services.supervision.signer.publicKeyPem)).toBe(true);
    const [msg] = await p.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, res.headers['x-road-id'] as string));
    expect(msg).toMatchObject({ direction: 'in', client: CLIENT, status: 201 });
    // The same report again answers the earlier delivery.
    const again = await send(CLIENT, deliveries(), { period: '2026-02', content: csv(120) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: d.id, duplicate: true });
  });

  it('refuses a client that is not an enterprise, an enterprise not bound, and what the module refuses', async () => {
    const notCom = await send(OTHER, deliveries(), { period: '2026-02', content: csv(1) });
    expect(notCom.statusCode).toBe(403);
    expect(notCom.json()).toMatchObject({ error: 'not_an_enterprise' });
    const unbound = await send(UNBOUND, deliveries(), { period: '2026-02', content: csv(1) });
    expect(unbound.json().error).toBe('supervision.not_subject');
    const malformed = await send(CLIENT, deliveries(), { period: '2026-02', content: 'diem,luu_luong\r\nCửa xả 1,nhiều\r\n' });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json()).toMatchObject({ error: 'supervision.malformed_report', detail: expect.any(String), detailVi: expect.any(String) });
    const badPeriod = await send(CLIENT, deliveries(), { period: '2027-01', content: csv(1) });
    expect(badPeriod.json().error).toBe('supervision.bad_period');
    const unknown = await send(CLIENT, deliveries(randomUUID()), { period: '2026-02', content: csv(1) });
    expect(unknown.json().error).toBe('supervision.obligation_not_found');
    expect((await send(CLIENT, `/r1/${SERVICE}/nothing`, {})).statusCode).toBe(404);
  });
});
