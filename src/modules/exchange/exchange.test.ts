// The gateway between two platforms in one process: B (provider, also the configuration authority) listens on
// loopback, A (client) forwards its local consumers' requests to it. Protocol, metaservices, access rights,
// the tracker entry at the subject's node, key rotation, and every refusal with its X-Road-Error.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TestClock, type TestPlatform } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';
import { requestHash } from '../../shared/exchange';
import { tlogPending } from '../../platform/tlog/tlog.schema';
import { Authority, NodeKeys, exchangeLeafSource } from './index';
import { auditLeafSource, verifyLog } from '../tlog';
import { vaultLeafSources } from '../vault';
import { newStoredKey } from './exchange.keys';
import { handSignedRequest } from './exchange.testing';
import { exchangeMessages } from './exchange.schema';

const AN = '031085001234';
const A_ID = 'VN/GOV/000.00.00.H31/motcua';
const B_ID = 'VN/GOV/000.00.00.G01/motcua';
const C_ID = 'VN/GOV/000.00.00.H99/motcua';
const POP = `${B_ID}/population`;

let a: TestPlatform;
let b: TestPlatform;
let dirA: string;
let dirB: string;
let auth: Authority;
let hang: net.Server;
const clock = new TestClock();
const sockets: net.Socket[] = [];

const publish = () => {
  const s = auth.publish(new Date(), 24);
  expect(b.services.exchange.conf.accept(s)).toMatchObject({ ok: true });
  expect(a.services.exchange.conf.accept(s)).toMatchObject({ ok: true });
  return s;
};

/** A local consumer's request on A's gateway. */
const local = (url: string, headers: Record<string, string> = {}, method = 'GET', payload?: string) =>
  a.app.inject({ method: method as 'GET', url: `/r1/${url}`, headers: { 'x-road-client': A_ID, ...headers }, ...(payload !== undefined ? { payload } : {}), remoteAddress: '127.0.0.1' });

/** A request signed by hand straight to B (as another node would send it), to tamper with its parts. */
function signed(o: { client?: string; key?: { id: string; privateKey: string }; url?: string; method?: string; body?: string; headers?: Record<string, string>; tamper?: (h: Record<string, string>) => string | void; at?: Date }) {
  const r = handSignedRequest({ ...o, client: o.client ?? A_ID, key: o.key ?? NodeKeys.read(path.join(dirA, 'node-keys.json')).at(-1)!, url: o.url ?? `/r1/${POP}/people/${AN}`, at: o.at ?? clock.now() });
  return { send: () => b.app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) }), headers: r.headers };
}

const xerr = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, type: string) => {
  expect(res.headers['x-road-error'], JSON.stringify(res.json())).toBe(type);
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({ type, message: expect.any(String), detail: expect.any(String) });
};

beforeAll(async () => {
  dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-xa-'));
  dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-xb-'));
  const env = (dir: string, code: string) => ({ EXCHANGE_DIR: dir, EXCHANGE_MEMBER_CODE: code, EXCHANGE_TIMEOUT_MS: '3000' });
  a = await startTestPlatform({ clock, env: env(dirA, "000.00.00.H31") });
  b = await startTestPlatform({ clock, env: env(dirB, "000.00.00.G01") });
  const addr = await b.app.listen({ port: 0, host: '127.0.0.1' });
  // A node that accepts connections and never answers (the provider-timeout case).
  hang = net.createServer((s) => sockets.push(s));
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
  const hangPort = (hang.address() as net.AddressInfo).port;
  auth = new Authority(dirB);
  const { publicKey } = auth.init({ instance: 'VN', id: B_ID, url: addr, tsa: { name: 'Demo TSA', url: 'http://127.0.0.1:1/tsa' } });
  for (const d of [dirA, dirB]) fs.writeFileSync(path.join(d, 'authority.pub'), publicKey);
  const svc = [...b.services.exchange.gateway.services.values()].map((s) => ({ code: s.code, title: s.title, personalData: s.personalData }));
  auth.addMember({ id: B_ID, name: 'Bộ Công an (thử nghiệm)', address: addr, keys: NodeKeys.ensure(dirB), services: svc });
  auth.addMember({ id: A_ID, name: 'UBND phường Hồng Bàng', address: 'http://127.0.0.1:9', keys: NodeKeys.ensure(dirA), services: svc });
  auth.addMember({ id: C_ID, name: 'Nút không trả lời', address: `http://127.0.0.1:${hangPort}`, keys: [newStoredKey()], services: svc });
  publish();
  // The providing agency's admin grants A the population and dossier-status services (admin API).
  const admin = await b.loginAs('admin');
  for (const serviceCode of ['population', 'dossierStatus']) {
    const res = await admin.post('/api/admin/exchange/access-rights', { serviceCode, client: A_ID }, { 'idempotency-key': randomBytes(8).toString('hex') });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  hang?.close();
  await Promise.all([a?.close(), b?.close()]);
  for (const d of [dirA, dirB]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('protocol', () => {
  it('a registry lookup through both gateways: answer, X-Road headers, signed and logged on both sides, in the subject’s tracker', async () => {
    const res = await local(`${POP}/people/${AN}?fields=fullName,birthDate`, { 'x-road-issue': 'HS-2026-1', 'x-motcua-purpose': 'dossier_processing', 'x-road-userid': 'VN/canbo.hongbang', 'x-road-id': 'req-1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ personalId: AN, fullName: expect.any(String), birthDate: expect.any(String) });
    expect(res.headers['x-road-service']).toBe(POP);
    expect(res.headers['x-road-id']).toBe('req-1');
    expect(res.headers['x-road-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(res.headers['x-road-request-hash'])).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const inB = await b.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, 'req-1'));
    const outA = await a.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, 'req-1'));
    expect(inB).toHaveLength(1);
    expect(outA).toHaveLength(1);
    expect(inB[0]).toMatchObject({ direction: 'in', client: A_ID, service: POP, status: 200, subjectType: 'person', subjectId: AN, purpose: 'dossier_processing', issue: 'HS-2026-1', requestBody: null, bodiesStored: false });
    expect(outA[0].requestHash).toBe(inB[0].requestHash);
    expect(outA[0].requestSignature).toBe(inB[0].requestSignature);
    expect(inB[0].responseSignature).toBeTruthy();
    // Each side's message has its leaf in its transparency log (same transaction).
    for (const [p, id] of [[b, inB[0].id], [a, outA[0].id]] as const) {
      const [{ n }] = await p.ctx.db.select({ n: count() }).from(tlogPending).where(eq(tlogPending.ref, id));
      expect(n).toBe(1);
    }
    // An's tracker on the node holding her record shows the read: which agency and user, purpose, case.
    const an = await citizenClient(b, AN);
    const items = (await an.get('/api/me/data-access?limit=5')).json().items;
    expect(items[0]).toMatchObject({ purpose: 'dossier_processing', dossierId: 'HS-2026-1', fields: ['fullName', 'birthDate'], source: 'population' });
    expect(items[0].client).toContain('UBND phường Hồng Bàng');
    expect(items[0].client).toContain(A_ID);
    expect(items[0].client).toContain('VN/canbo.hongbang');
  });

  it('concurrent lookups share group commits: every message logged once on each side, with its leaf, before its answer', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `gc-${i}-${randomBytes(3).toString('hex')}`);
    const answers = await Promise.all(ids.map((id) => local(`${POP}/people/${AN}?fields=fullName`, { 'x-road-issue': 'HS-GC', 'x-motcua-purpose': 'verification', 'x-road-id': id })));
    expect(answers.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    // Right after the answers (no wait): each answer's row and leaf had committed before it was sent.
    for (const p of [a, b]) {
      for (const id of ids) {
        const rows = await p.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, id));
        expect(rows).toHaveLength(1);
        const [{ n }] = await p.ctx.db.select({ n: count() }).from(tlogPending).where(eq(tlogPending.ref, rows[0].id));
        expect(n).toBe(1);
      }
    }
  });

  it('motcua log verify checks every message’s leaf (metadata public, who and about whom committed)', async () => {
    for (const p of [a, b]) {
      await p.services.tlog.sync();
      const r = await verifyLog(p.ctx.db, { logKey: p.services.tlog.verifier(), sources: [auditLeafSource, ...vaultLeafSources, exchangeLeafSource] });
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
    }
  });

  it('the X-Road-Request-Hash is base64(SHA-512(SHA-512(headers) + SHA-512(body)))', async () => {
    const r = signed({});
    const res = await r.send();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-road-request-hash']).toBe(requestHash(r.headers, Buffer.alloc(0)));
  });

  it('ExchangeClient.call from this node’s own code', async () => {
    const r = await a.services.exchange.client.call(POP, { path: `/people/${AN}`, query: { fields: 'fullName' }, purpose: 'verification', issue: 'HS-3' });
    expect(r).toMatchObject({ status: 200, error: null, body: { personalId: AN, fullName: expect.any(String) } });
    const missing = await a.services.exchange.client.call(POP, { path: '/people/000000000000', purpose: 'verification', issue: 'HS-3' });
    expect(missing).toMatchObject({ status: 404, error: null });
  });

  it('dossier status by code (no personal data: no purpose needed)', async () => {
    const r = await a.services.exchange.client.call(`${B_ID}/dossierStatus`, { path: '/dossiers/NO-SUCH-CODE' });
    expect(r).toMatchObject({ status: 404, error: null, body: { error: 'not_found' } });
  });

  it('metaservices: listMethods, allowedMethods, getOpenAPI, listClients', async () => {
    const methods = (await local(`${B_ID}/listMethods`)).json().service.map((s: any) => s.serviceCode);
    expect(methods).toEqual(['population', 'business', 'dossierStatus', 'supervisionReport', 'resultVerification']);
    const allowed = (await local(`${B_ID}/allowedMethods`)).json().service.map((s: any) => s.serviceCode);
    expect(allowed).toEqual(['population', 'dossierStatus']);
    const oas = (await local(`${B_ID}/getOpenAPI?serviceCode=population`)).json();
    expect(oas.openapi).toBe('3.1.0');
    expect(Object.keys(oas.paths)).toEqual(['/people/{personalId}']);
    const clients = (await a.app.inject({ method: 'GET', url: '/listClients' })).json().member;
    expect(clients.map((m: any) => m.id.member_code)).toEqual(['000.00.00.G01', '000.00.00.H31', '000.00.00.H99']);
  });

  it('the admin API lists and revokes access rights', async () => {
    const admin = await b.loginAs('admin');
    const status = (await admin.get('/api/admin/exchange/status')).json();
    expect(status).toMatchObject({ id: B_ID, authority: true, globalConf: { instance: 'VN' } });
    const grant = await admin.post('/api/admin/exchange/access-rights', { serviceCode: 'resultVerification', client: A_ID }, { 'idempotency-key': 'g-rv' });
    expect(grant.statusCode).toBe(201);
    expect((await admin.get('/api/admin/exchange/access-rights')).json().map((r: any) => r.serviceCode).sort()).toEqual(['dossierStatus', 'population', 'resultVerification']);
    expect((await admin.delete(`/api/admin/exchange/access-rights/${grant.json().id}`, { 'idempotency-key': 'r-rv' })).statusCode).toBe(204);
    const res = await admin.post('/api/admin/exchange/access-rights', { serviceCode: 'nope', client: A_ID }, { 'idempotency-key': 'g-x' });
    expect(res.statusCode).toBe(400);
  });
});

describe('refusals', () => {
  it('unknown client', async () => {
    const stranger = newStoredKey();
    xerr(await signed({ client: 'VN/GOV/999.99.99.Z99/motcua', key: stranger }).send(), 400, 'Server.ServerProxy.UnknownMember');
  });

  it('no access right', async () => {
    xerr(await local(`${B_ID}/business/enterprises/0200000001`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'verification' }), 400, 'Server.ServerProxy.AccessDenied');
  });

  it('missing purpose or case on a personal-data service', async () => {
    xerr(await local(`${POP}/people/${AN}`, { 'x-road-issue': 'HS-1' }), 400, 'Client.PurposeRequired');
    xerr(await local(`${POP}/people/${AN}`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'curiosity' }), 400, 'Client.PurposeRequired');
    xerr(await local(`${POP}/people/${AN}`, { 'x-motcua-purpose': 'verification' }), 400, 'Client.IssueRequired');
  });

  it('tampered body or signature', async () => {
    const url = `/r1/${B_ID}/dossierStatus/dossiers/X`;
    xerr(await signed({ url, method: 'POST', body: '{"a":1}', tamper: () => '{"a":2}' }).send(), 400, 'Client.InvalidBodyHash');
    xerr(await signed({ tamper: (h) => void (h['x-road-issue'] = 'HS-OTHER') }).send(), 400, 'Client.InvalidSignatureValue');
    xerr(await signed({ tamper: (h) => void (h['x-motcua-signature'] = Buffer.alloc(64, 1).toString('base64')) }).send(), 400, 'Client.InvalidSignatureValue');
  });

  it('replayed request, and a stale one', async () => {
    const r = signed({});
    expect((await r.send()).statusCode).toBe(200);
    const before = await b.ctx.db.select({ n: count() }).from(exchangeMessages).where(eq(exchangeMessages.subjectId, AN));
    xerr(await r.send(), 400, 'Client.ReplayedRequest');
    // The replay read nothing: no second read of An's data.
    expect(await b.ctx.db.select({ n: count() }).from(exchangeMessages).where(eq(exchangeMessages.subjectId, AN))).toEqual(before);
    xerr(await signed({ at: new Date(clock.now().getTime() - 3_600_000) }).send(), 400, 'Client.StaleRequest');
  });

  it('a global configuration with a bad signature is refused and the last good one kept', async () => {
    const good = b.services.exchange.conf.conf!.version;
    const forged = JSON.parse(auth.published()!);
    forged.conf.version = good + 5;
    forged.conf.members.find((m: any) => m.id === A_ID).status = 'active';
    forged.conf.members.push({ id: 'VN/GOV/666/motcua', name: 'x', status: 'active', address: 'http://127.0.0.1:1', keys: [], services: [] });
    expect(b.services.exchange.conf.accept(forged)).toEqual({ ok: false, reason: expect.stringMatching(/signature/) });
    expect(b.services.exchange.conf.conf!.version).toBe(good);
    expect(b.services.exchange.conf.lastRefusal?.reason).toMatch(/signature/);
  });

  it('the provider down or not answering: a clear error, logged on the client, nothing at the provider', async () => {
    const r = await a.services.exchange.client.call(`${C_ID}/population`, { path: `/people/${AN}`, purpose: 'verification', issue: 'HS-9', xRoadId: 'down-1' });
    expect(r).toMatchObject({ status: 500, error: 'Server.ClientProxy.Timeout' });
    const [row] = await a.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, 'down-1'));
    expect(row).toMatchObject({ direction: 'out', status: 500, error: 'Server.ClientProxy.Timeout' });
    // A node whose address refuses connections.
    const saved = auth.state().members.find((m) => m.id === B_ID)!.address;
    auth.addMember({ ...auth.state().members.find((m) => m.id === B_ID)!, address: 'http://127.0.0.1:9' });
    publish();
    const down = await a.services.exchange.client.call(POP, { path: `/people/${AN}`, purpose: 'verification', issue: 'HS-9', xRoadId: 'down-2' });
    expect(down).toMatchObject({ status: 500, error: 'Server.ClientProxy.NetworkError' });
    expect(await b.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.xRoadId, 'down-2'))).toEqual([]);
    auth.addMember({ ...auth.state().members.find((m) => m.id === B_ID)!, address: saved });
    publish();
  });
});

describe('suspension, revocation, expiry and key rotation', () => {
  it('a suspended or revoked member is refused, by its own gateway and by the provider', async () => {
    auth.setStatus(A_ID, 'suspended');
    publish();
    xerr(await local(`${POP}/people/${AN}`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'verification' }), 400, 'Server.ClientProxy.MemberSuspended');
    xerr(await signed({}).send(), 400, 'Server.ServerProxy.MemberSuspended');
    auth.setStatus(A_ID, 'revoked');
    publish();
    xerr(await signed({}).send(), 400, 'Server.ServerProxy.MemberRevoked');
    auth.setStatus(A_ID, 'active');
    publish();
    expect((await signed({}).send()).statusCode).toBe(200);
  });

  it('an expired global configuration stops the gateway until a fresh one is fetched', async () => {
    clock.advance(25 * 3_600_000);
    try {
      xerr(await signed({}).send(), 500, 'Server.ServerProxy.OutdatedGlobalConf');
      xerr(await local(`${POP}/people/${AN}`), 500, 'Server.ClientProxy.OutdatedGlobalConf');
    } finally {
      clock.advance(-25 * 3_600_000);
    }
  });

  it('motcua keys rotate-exchange: the old key signs until the configuration lists the new one, then the new one; the old is dropped a version later', async () => {
    const call = () => local(`${POP}/people/${AN}`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'verification' });
    const [old] = NodeKeys.read(path.join(dirA, 'node-keys.json'));
    const fresh = NodeKeys.rotate(dirA);
    const keyOf = async () => (await a.ctx.db.select().from(exchangeMessages).where(eq(exchangeMessages.direction, 'out')).orderBy(desc(exchangeMessages.seq)).limit(1))[0].requestKey;
    expect((await call()).statusCode).toBe(200);
    expect(await keyOf()).toBe(old.id);
    auth.rotateKey(A_ID, fresh);
    const v1 = publish();
    expect(v1.conf.members.find((m) => m.id === A_ID)!.keys).toEqual([{ id: old.id, publicKey: old.publicKey, retiring: true }, { id: fresh.id, publicKey: fresh.publicKey }]);
    // A request signed with the old key is still accepted in this version.
    expect((await signed({ key: old }).send()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(200);
    expect(await keyOf()).toBe(fresh.id);
    const v2 = publish();
    expect(v2.conf.members.find((m) => m.id === A_ID)!.keys.map((k) => k.id)).toEqual([fresh.id]);
    xerr(await signed({ key: old }).send(), 400, 'Client.UnknownKey');
    expect((await call()).statusCode).toBe(200);
  });
});
