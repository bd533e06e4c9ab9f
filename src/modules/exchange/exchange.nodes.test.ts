// Two real `motcua start` processes, each with its own database (the provider on PostgreSQL when
// MOTCUA_TEST_DB=postgres): a ministry-level registry node B, which also holds the configuration authority role,
// and a ward node A. Joined with the real commands (exchange init, join, authority add-member, publish, access
// grant); A fetches the signed global configuration from B over HTTP (through a loopback relay the test can make
// forge it); a local consumer's registry lookup goes through A's gateway to B's; the read is in the subject's tracker
// (and its log) on B, the node holding her record. Then every refusal of the protocol between the two processes,
// each answered with its X-Road-Error, and the provider down.
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onPostgres } from '../../../test/support/platform';
import { exchangeCli as cli, login, NodeProcesses, ok, until, type Node } from '../../../test/support/nodes';
import { openDatabase } from '../../platform/db/client';
import { NodeKeys } from './index';
import { newStoredKey } from './exchange.keys';
import { handSignedRequest } from './exchange.testing';

const AN = '031085001234';
const procs = new NodeProcesses(`x${randomBytes(4).toString('hex')}`);

let a: Node;
let b: Node;
/** What A fetches as the global configuration: B's, relayed; forged (re-versioned, a member added) while `forge`. */
let relay: http.Server;
let forge = false;

/** A local consumer's request on A's gateway. */
const viaA = (url: string, headers: Record<string, string>) => fetch(`${a.url}/r1/${url}`, { headers: { 'x-road-client': a.id, ...headers } });

/** A request signed with A's own key (or another), sent straight to B as A's gateway would: to tamper with it. */
function toB(o: { key?: { id: string; privateKey: string }; client?: string; url?: string; method?: string; body?: string; at?: Date; tamper?: (h: Record<string, string>) => string | void }) {
  const r = handSignedRequest({ client: o.client ?? a.id, key: o.key ?? NodeKeys.read(path.join(a.env.DATA_DIR, 'exchange', 'node-keys.json')).at(-1)!, url: o.url ?? `/r1/${b.id}/population/people/${AN}`, at: o.at ?? new Date(), ...(o.method ? { method: o.method } : {}), ...(o.body !== undefined ? { body: o.body } : {}), ...(o.tamper ? { tamper: o.tamper } : {}) });
  return { headers: r.headers, send: () => fetch(`${b.url}${r.url}`, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) }) };
}

async function xerr(res: Response, status: number, type: string) {
  const body = await res.json();
  expect(res.headers.get('x-road-error'), JSON.stringify(body)).toBe(type);
  expect(res.status).toBe(status);
  expect(body).toMatchObject({ type, message: expect.any(String), detail: expect.any(String) });
}

const lookup = (xRoadId: string) => viaA(`${b.id}/population/people/${AN}?fields=fullName`, { 'x-road-id': xRoadId, 'x-road-issue': 'HS-NODES-1', 'x-motcua-purpose': 'dossier_processing', 'x-road-userid': 'VN/canbo.hongbang' });

/** Waits until A's gateway answers a lookup with `type` (its configuration is refreshed every 300 ms). */
const untilA = (type: string | null) =>
  until(async () => {
    const res = await lookup(`wait-${randomBytes(3).toString('hex')}`);
    await res.arrayBuffer();
    return (res.headers.get('x-road-error') ?? null) === type;
  }, `A's gateway answering ${type ?? 'the lookup'}`);

beforeAll(async () => {
  b = await procs.node('node_b', { pgUrl: onPostgres ? await procs.pgDatabase() : null, member: '000.00.00.G01', env: { EXCHANGE_GLOBALCONF_REFRESH_MS: '300' } });
  relay = http.createServer((req, res) => {
    void fetch(`${b.url}${req.url}`).then(async (r) => {
      let text = await r.text();
      if (forge && r.ok) {
        const signed = JSON.parse(text);
        signed.conf.version += 5;
        signed.conf.members.push({ id: 'VN/GOV/666.66.66.Z66/motcua', name: 'Không có thật', status: 'active', address: 'http://127.0.0.1:1', keys: [], services: [] });
        text = JSON.stringify(signed);
      }
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
    }, () => res.writeHead(502).end());
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  const relayUrl = `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`;
  a = await procs.node('node_a', { pgUrl: null, member: '000.00.00.H31', env: { EXCHANGE_GLOBALCONF_REFRESH_MS: '300', EXCHANGE_AUTHORITY_URL: relayUrl } });
  // B becomes the configuration authority (and a member); A joins with the authority's key; B's operator adds A.
  const init = await cli(b, 'init', '--name', 'Bộ Công an (thử nghiệm)');
  expect(init).toMatchObject({ authority: b.id, version: 1 });
  const join = await cli(a, 'join', '--name', 'UBND phường Hồng Bàng', '--authority-key', init.authorityKey);
  expect(join).toMatchObject({ id: a.id, address: a.url });
  await cli(b, 'authority', 'add-member', '--request', join.registration);
  expect(await cli(b, 'authority', 'publish')).toMatchObject({ version: 2, members: 2 });
  expect(await cli(b, 'access', 'grant', '--service', 'population', '--client', a.id)).toMatchObject({ service: 'population' });
  await Promise.all([procs.start(b), procs.start(a)]);
  // A fetches the global configuration from B shortly after it starts.
  await untilA(null);
}, 420_000);

afterAll(async () => {
  await procs.close();
  relay?.close();
});

it('a registry lookup through the two gateways', async () => {
  const res = await lookup('nodes-1');
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body).toEqual({ personalId: AN, fullName: expect.any(String) });
  expect(res.headers.get('x-road-service')).toBe(`${b.id}/population`);
  expect(res.headers.get('x-road-request-hash')).toBeTruthy();
}, 60_000);

it('the refusals between the two processes, each with its X-Road-Error', async () => {
  // Unknown client: a key and an id the global configuration does not know.
  await xerr(await toB({ client: 'VN/GOV/999.99.99.Z99/motcua', key: newStoredKey() }).send(), 400, 'Server.ServerProxy.UnknownMember');
  // No access right: B never granted A the business registry.
  await xerr(await viaA(`${b.id}/business/enterprises/0200000001`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'verification' }), 400, 'Server.ServerProxy.AccessDenied');
  // Missing or unknown purpose, missing case, on a personal-data service.
  await xerr(await viaA(`${b.id}/population/people/${AN}`, { 'x-road-issue': 'HS-1' }), 400, 'Client.PurposeRequired');
  await xerr(await viaA(`${b.id}/population/people/${AN}`, { 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'curiosity' }), 400, 'Client.PurposeRequired');
  await xerr(await viaA(`${b.id}/population/people/${AN}`, { 'x-motcua-purpose': 'verification' }), 400, 'Client.IssueRequired');
  // Tampered body, tampered signed header, forged signature.
  await xerr(await toB({ url: `/r1/${b.id}/dossierStatus/dossiers/X`, method: 'POST', body: '{"a":1}', tamper: () => '{"a":2}' }).send(), 400, 'Client.InvalidBodyHash');
  await xerr(await toB({ tamper: (h) => void (h['x-road-issue'] = 'HS-OTHER') }).send(), 400, 'Client.InvalidSignatureValue');
  await xerr(await toB({ tamper: (h) => void (h['x-motcua-signature'] = Buffer.alloc(64, 1).toString('base64')) }).send(), 400, 'Client.InvalidSignatureValue');
  // Replayed (the same signed request twice) and stale (signed an hour ago).
  const once = toB({});
  const first = await once.send();
  expect(first.status, await first.text()).toBe(200);
  await xerr(await once.send(), 400, 'Client.ReplayedRequest');
  await xerr(await toB({ at: new Date(Date.now() - 3_600_000) }).send(), 400, 'Client.StaleRequest');

  // Suspended, then revoked by the authority's operator (B): refused by A's own gateway and by B.
  await cli(b, 'authority', 'suspend', '--member', a.id);
  await cli(b, 'authority', 'publish');
  await untilA('Server.ClientProxy.MemberSuspended');
  // B reloads the configuration on its own timer: wait until it refuses too, then check the refusal's shape.
  await until(async () => (await toB({}).send()).headers.get('x-road-error') === 'Server.ServerProxy.MemberSuspended', 'B refusing the suspended member');
  await xerr(await toB({}).send(), 400, 'Server.ServerProxy.MemberSuspended');
  await cli(b, 'authority', 'revoke', '--member', a.id);
  await cli(b, 'authority', 'publish');
  await until(async () => (await toB({}).send()).headers.get('x-road-error') === 'Server.ServerProxy.MemberRevoked', 'B refusing the revoked member');
  await xerr(await toB({}).send(), 400, 'Server.ServerProxy.MemberRevoked');
  await cli(b, 'authority', 'reactivate', '--member', a.id);
  await cli(b, 'authority', 'publish');
  await untilA(null);
  await until(async () => (await toB({}).send()).status === 200, 'B accepting the reactivated member');

  // A global configuration with a bad signature: A refuses it, says why, and keeps the last good one.
  const admin = await login(a, 'admin');
  const good = ok(await admin.get('/api/admin/exchange/status')).globalConf.version;
  forge = true;
  try {
    const refused = await until(async () => {
      const s = ok(await admin.get('/api/admin/exchange/status'));
      return s.lastRefusal && /signature/.test(JSON.stringify(s.lastRefusal)) ? s : null;
    }, 'A refusing the forged configuration');
    expect(refused.globalConf.version).toBe(good);
    const still = await lookup(`forged-${randomBytes(3).toString('hex')}`);
    expect(still.status, await still.text()).toBe(200);
  } finally {
    forge = false;
  }
}, 180_000);

it('the provider down: a clear error on the client, logged there, nothing at the provider; the read in the tracker at the subject’s node', async () => {
  await procs.stop(b);
  const down = await lookup('nodes-down');
  await xerr(down, 500, 'Server.ClientProxy.NetworkError');
  await procs.stop(a);

  const rows = async (n: Node, q: string) => {
    const database = await openDatabase(n.pgUrl ? { databaseUrl: n.pgUrl, poolSize: 2 } : { dataDir: n.env.DATA_DIR });
    try {
      return ((await database.db.execute(q as never)) as unknown as { rows: any[] }).rows;
    } finally {
      await database.close();
    }
  };
  // B (stopped: PGlite has one process): An's tracker row from the first lookup, its leaf, the message log row; nothing
  // of the request sent while it was down.
  const reads = await rows(b, `select seq, client, purpose, dossier_id, fields from data_access_log where subject_id = '${AN}' and request_id = 'nodes-1'`);
  expect(reads).toHaveLength(1);
  expect(reads[0]).toMatchObject({ purpose: 'dossier_processing', dossier_id: 'HS-NODES-1', fields: ['fullName'] });
  expect(reads[0].client).toContain(a.id);
  expect(reads[0].client).toContain('VN/canbo.hongbang');
  const leaves = await rows(b, `select count(*)::int as n from (select ref from tlog_pending where kind = 'data_access' and ref = '${reads[0].seq}' union all select ref from tlog_entries where kind = 'data_access' and ref = '${reads[0].seq}') x`);
  expect(leaves[0].n).toBe(1);
  expect(await rows(b, `select direction, status, subject_id from exchange_messages where x_road_id = 'nodes-1'`)).toEqual([{ direction: 'in', status: 200, subject_id: AN }]);
  expect(await rows(b, `select seq from exchange_messages where x_road_id = 'nodes-down'`)).toEqual([]);
  // A logged its attempt with the error.
  expect(await rows(a, `select direction, status, error from exchange_messages where x_road_id = 'nodes-down'`)).toEqual([{ direction: 'out', status: 500, error: 'Server.ClientProxy.NetworkError' }]);
}, 120_000);
