/**
 * Three `motcua start` processes, each with its own database (the department's on the PostgreSQL server when
 * MOTCUA_TEST_DB=postgres), over the machine's NATS server: a ward (Hồng Bàng, node A), the Department of Justice
 * (node B) and a ministry-level population registry holding the exchange's configuration authority role (node C).
 * A ward's dossier is transferred (liên thông) to the department, which opens its own dossier, looks its applicant
 * up in C's registry through the two X-Road gateways (purpose and case: its dossier code), works the dossier to its
 * result and answers back; the outcome is recorded on the origin dossier, which returns to processing; the read is
 * in the applicant's tracker at C, the node holding her record. Node B is killed (SIGKILL) after the receipt and
 * before the answer, then started again: the transfer completes, nothing is duplicated on either side (the same
 * transfer replayed under another event id opens no second dossier).
 */import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { migrateDatabase, openDatabase, type Db } from '../../../platform/db/client';
import { loadConfig } from '../../../config';
import { runExchangeCommand } from '../index';
import { onPostgres } from '../../../../test/support/platform';
import { pgliteTemplate, pgTemplate } from '../../../../test/support/template-env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = path.join(ROOT, 'bin/motcua.js');
const NATS = 'nats://127.0.0.1:4222';
const run = `x${randomBytes(4).toString('hex')}`;
const STREAM = `MOTCUA_TEST_${run}`;
const HONG_BANG = '000.00.21.H38';
const TU_PHAP = '000.00.01.H38';
const PG = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
/** Nguyễn Văn An: in the demo population registry (node C). */
const AN = '031085001234';
const REGISTRY = '000.00.00.G01';

interface Node {
  name: string;
  env: Record<string, string>;
  url: string;
  proc: ChildProcess | null;
  out: string;
  /** Its X-Road member id (nodes on the gateway). */
  id: string;
  pgUrl: string | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const until = async <T,>(f: () => Promise<T | undefined | null | false>, what: string, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function start(n: Node): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, ...n.env };
  if (!n.pgUrl) delete env.DATABASE_URL;
  if (!n.env.NATS_URL) delete env.NATS_URL;
  n.proc = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  n.proc.stdout!.on('data', (d) => (n.out += d));
  n.proc.stderr!.on('data', (d) => (n.out += d));
  await until(async () => (await fetch(`${n.url}/readyz`)).status === 200, `${n.name} ready (${n.out.slice(-500)})`, 150_000);
}

const stop = (n: Node, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    const p = n.proc;
    n.proc = null;
    if (!p || p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill(signal);
  });

/** A signed-in officer over HTTP (session cookie and CSRF token). */
async function login(n: Node, username: string) {
  const res = await fetch(`${n.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'MotCua@2026' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = /motcua_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { cookie, 'x-csrf-token': csrfToken, ...extra };
    if (method !== 'GET') headers['idempotency-key'] = randomUUID();
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const r = await fetch(`${n.url}${url}`, { method, headers, ...(payload ? { body: payload } : {}) });
    const text = await r.text();
    return { status: r.status, json: (text ? JSON.parse(text) : null) as any, text };
  };
  return { get: (u: string) => call('GET', u), post: (u: string, b?: unknown) => call('POST', u, b), put: (u: string, b?: unknown) => call('PUT', u, b) };
}

const ok = (r: { status: number; json: any; text: string }, status = 200) => {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  return r.json;
};

async function agencyIdOf(n: Node, code: string): Promise<string> {
  const all = (await (await fetch(`${n.url}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  return all.find((a) => a.code === code)!.id;
}

const nodes: Node[] = [];
let dropPg: (() => Promise<void>) | null = null;
const dirs: string[] = [];

async function pliteDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-node-'));
  dirs.push(dir);
  const dump = pgliteTemplate();
  const database = await openDatabase({ dataDir: path.join(dir, 'db'), ...(dump ? { loadDataDir: dump } : {}) });
  await database.close();
  return dir;
}

async function pgDatabase(): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `motcua_t_${process.pid}_${run}`;
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  const template = pgTemplate();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  dropPg = async () => {
    const c = new pg.Client({ connectionString: `${PG}/postgres` });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return `${PG}/${name}`;
}

async function node(name: string, agencies: string | null, pgUrl: string | null, member: string, extra: Record<string, string> = {}): Promise<Node> {
  const port = await freePort();
  const dir = pgUrl ? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-node-')) : await pliteDir();
  if (pgUrl) dirs.push(dir);
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: pgUrl ? dir : path.join(dir, 'db'),
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
    SEED_DEMO: 'true',
    MFA_REQUIRED_ROLES: '',
    LOG_LEVEL: 'warn',
    CATALOG_SEARCH_INDEX: 'false',
    OUTBOX_POLL_MS: '50',
    EXCHANGE_MEMBER_CODE: member,
    EXCHANGE_GLOBALCONF_REFRESH_MS: '300',
    ...(agencies
      ? { NATS_URL: NATS, NATS_STREAM: STREAM, NATS_SUBJECT_PREFIX: `motcua_${run}`, NATS_NODE: name, NATS_AGENCIES: agencies, NATS_RELAY_POLL_MS: '50', NATS_RETRY_BASE_MS: '100', NATS_RETRY_MAX_MS: '1000' }
      : {}),
    ...extra,
  };
  const n: Node = { name, env, url, proc: null, out: '', id: `VN/GOV/${member}/motcua`, pgUrl };
  nodes.push(n);
  return n;
}

/** A `motcua exchange …` command for a node, run in this process against its database (before it starts). */
async function cli(n: Node, ...args: string[]) {
  let out = '';
  const config = loadConfig({ ...n.env, ...(n.pgUrl ? { DATABASE_URL: n.pgUrl } : {}) });
  const withDb = async <T,>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const database = await openDatabase(n.pgUrl ? { databaseUrl: n.pgUrl, poolSize: 2 } : { dataDir: n.env.DATA_DIR });
    try {
      await migrateDatabase(database);
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  const code = await runExchangeCommand(args, config, withDb, (x) => (out += x), (x) => (out += x));
  if (code !== 0) throw new Error(`motcua exchange ${args.join(' ')}: ${code} ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

let a: Node;
let b: Node;
let c: Node;

beforeAll(async () => {
  c = await node('node_c', null, null, REGISTRY);
  a = await node('node_a', HONG_BANG, null, HONG_BANG);
  b = await node('node_b', TU_PHAP, onPostgres ? await pgDatabase() : null, TU_PHAP, { EXCHANGE_AUTHORITY_URL: c.url });
  // C becomes the configuration authority (and the registry's provider); B joins and may read the population registry.
  const init = await cli(c, 'init', '--name', 'Bộ Công an (thử nghiệm)');
  const join = await cli(b, 'join', '--name', 'Sở Tư pháp thành phố Hải Phòng', '--authority-key', init.authorityKey);
  await cli(c, 'authority', 'add-member', '--request', join.registration);
  expect(await cli(c, 'authority', 'publish')).toMatchObject({ version: 2, members: 2 });
  await cli(c, 'access', 'grant', '--service', 'population', '--client', b.id);
  await start(c);
  await start(a);
  await start(b);
}, 400_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => stop(n)));
  await dropPg?.();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  const nc = await connect({ servers: NATS });
  await (await jetstreamManager(nc)).streams.delete(STREAM).catch(() => undefined);
  await nc.close();
});

describe('a dossier transferred between motcua processes, with a registry lookup through the gateway', () => {
  it('ward on A → department on B (its registry lookup at C), answered back; B killed after the receipt and restarted, nothing lost or applied twice', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')).procedures.find((p: any) => p.key === 'birth-re-registration').sampleData;
    const adminA = await login(a, 'admin');
    const adminB = await login(b, 'admin');
    ok(await adminA.put(`/api/exchange/remote-agencies/${TU_PHAP}`, { name: 'Sở Tư pháp thành phố Hải Phòng', node: 'node_b' }));
    ok(await adminB.put(`/api/exchange/remote-agencies/${HONG_BANG}`, { name: 'Ủy ban nhân dân phường Hồng Bàng', node: 'node_a' }));

    // On A: a counter filing received and taken up by the ward's specialist.
    const desk = await login(a, 'tiepnhan.hongbang');
    const specialistA = await login(a, 'chuyenvien.hongbang');
    const d = ok(await desk.post('/api/officer/dossiers', { procedure: 'birth-re-registration', agencyId: await agencyIdOf(a, HONG_BANG), channel: 'in_person', applicant: { type: 'citizen', personalId: AN, fullName: 'Nguyễn Văn An' }, data: sample }), 201);
    const form = new FormData();
    form.set('documentId', 'personal-records');
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'giay-to.pdf');
    ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
    const { code } = ok(await desk.post(`/api/dossiers/${d.id}/submit`));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialistA.post(`/api/dossiers/${d.id}/claim`));

    // The transfer: A's dossier waits for the department; the request goes over NATS.
    const sent = ok(await specialistA.post('/api/exchange/transfers', { dossierId: d.id, agencyCode: TU_PHAP, note: 'Đề nghị Sở Tư pháp giải quyết theo thẩm quyền' }), 201);
    expect(sent).toMatchObject({ direction: 'outgoing', status: 'sent', dossierCode: code, to: { code: TU_PHAP }, procedureKey: 'birth-re-registration' });
    expect(ok(await specialistA.get(`/api/dossiers/${d.id}`)).state).toBe('consulting');

    // On B: received, and the department's own dossier opened for its one-stop desk, with the applicant.
    const deskB = await login(b, 'tiepnhan.tuphap');
    const got = await until(async () => ok(await deskB.get('/api/exchange/transfers?direction=incoming')).items.find((x: any) => x.id === sent.id && x.status === 'received'), 'the transfer on B');
    expect(got).toMatchObject({ dossierCode: code, from: { code: HONG_BANG }, note: 'Đề nghị Sở Tư pháp giải quyết theo thẩm quyền', localDossierId: expect.any(String) });
    const opened = ok(await deskB.get(`/api/dossiers/${got.localDossierId}`));
    expect(opened).toMatchObject({ state: 'submitted', code: got.remoteDossierCode });
    expect(opened.code.startsWith(TU_PHAP)).toBe(true);

    // B looks the applicant up in C's registry through the two gateways, for its dossier (purpose and case).
    const lookup = () =>
      fetch(`${b.url}/r1/${c.id}/population/people/${AN}?fields=fullName`, { headers: { 'x-road-client': b.id, 'x-road-id': `xfer-${run}`, 'x-road-issue': opened.code, 'x-motcua-purpose': 'dossier_processing', 'x-road-userid': 'VN/chuyenvien.tuphap' } });
    let res = await lookup();
    for (let i = 0; i < 60 && res.headers.get('x-road-error') === 'Server.ClientProxy.OutdatedGlobalConf'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await lookup();
    }
    const person = await res.json();
    expect(res.status, JSON.stringify(person)).toBe(200);
    expect(person).toEqual({ personalId: AN, fullName: expect.any(String) });
    expect(res.headers.get('x-road-service')).toBe(`${c.id}/population`);

    // B is killed after the receipt, before its answer, and started again.
    await stop(b, 'SIGKILL');
    await start(b);
    const deskB2 = await login(b, 'tiepnhan.tuphap');
    const afterRestart = ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.filter((x: any) => x.id === sent.id);
    expect(afterRestart).toHaveLength(1);
    expect(afterRestart[0]).toMatchObject({ status: 'received', localDossierId: got.localDossierId });
    const toReceive = ok(await deskB2.get('/api/officer/inbox?queue=to_receive')).items.filter((x: any) => x.subject.id === AN);
    expect(toReceive.map((x: any) => x.id)).toEqual([got.localDossierId]);

    // The same transfer again under another event id (past the inbox and the stream's de-duplication), then a marker
    // transfer behind it on the same consumer: once the marker's dossier exists, the replay was seen, and opened nothing.
    const nc = await connect({ servers: NATS });
    const stored = await (await jetstreamManager(nc)).streams.getMessage(STREAM, { last_by_subj: `motcua_${run}.agency.${TU_PHAP}.transfer.requested` });
    const original = stored!.json<Record<string, any>>();
    const js = jetstream(nc);
    await js.publish(stored!.subject, JSON.stringify({ ...original, id: randomUUID() }), { msgID: randomUUID() });
    const marker = { ...original, id: randomUUID(), body: { ...original.body, transferId: randomUUID(), dossierCode: 'MARKER' } };
    await js.publish(stored!.subject, JSON.stringify(marker), { msgID: marker.id });
    await nc.close();
    await until(async () => ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.some((x: any) => x.id === marker.body.transferId && x.status === 'received'), 'the marker on B');
    expect(ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.filter((x: any) => x.id === sent.id)).toHaveLength(1);
    expect(ok(await deskB2.get('/api/officer/inbox?queue=to_receive')).items.filter((x: any) => x.subject.id === AN)).toHaveLength(2); // the transfer's and the marker's

    // B works its dossier to the result; the outcome goes back by itself.
    const id = got.localDossierId;
    ok(await deskB2.post(`/api/dossiers/${id}/receive`));
    const specialistB = await login(b, 'chuyenvien.tuphap');
    ok(await specialistB.post(`/api/dossiers/${id}/claim`));
    ok(await specialistB.post(`/api/dossiers/${id}/propose`, { recommendation: 'approve' }));
    ok(await (await login(b, 'lanhdao.tuphap')).post(`/api/dossiers/${id}/approve`, {}));
    ok(await (await login(b, 'trakq.tuphap')).post(`/api/dossiers/${id}/issue-result`, { electronic: false }));

    // A: the outcome recorded on the transfer and on the origin dossier, back in processing, once.
    const back = await until(async () => {
      const v = ok(await specialistA.get(`/api/dossiers/${d.id}`));
      return v.state === 'processing' ? v : null;
    }, 'the outcome on A');
    const answers = back.timeline.filter((t: any) => t.type === 'answer_consultation');
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0])).toContain('Kết quả liên thông');
    const done = ok(await specialistA.get(`/api/exchange/transfers/${sent.id}`));
    expect(done).toMatchObject({ status: 'answered', outcome: 'result_issued', remoteDossierCode: opened.code, answeredBy: expect.any(String) });
    expect(ok(await deskB2.get(`/api/exchange/transfers/${sent.id}`))).toMatchObject({ status: 'answered', outcome: 'result_issued' });
    const adminB2 = await login(b, 'admin');
    await until(async () => ok(await adminB2.get('/api/exchange/events/status')).pending === 0, 'B to publish the answer');
    expect(ok(await specialistA.get('/api/exchange/transfers?direction=outgoing')).items.filter((x: any) => x.id === sent.id)).toHaveLength(1);

    // The applicant's tracker at C, the node holding her record: B's read, with its purpose and case (C's PGlite
    // database is read once C has stopped: one process at a time).
    await stop(c);
    const database = await openDatabase({ dataDir: c.env.DATA_DIR });
    try {
      const reads = (await database.db.execute(`select client, purpose, dossier_id, fields from data_access_log where subject_id = '${AN}' and request_id = 'xfer-${run}'` as never)) as unknown as { rows: any[] };
      expect(reads.rows).toHaveLength(1);
      expect(reads.rows[0]).toMatchObject({ purpose: 'dossier_processing', dossier_id: opened.code, fields: ['fullName'] });
      expect(reads.rows[0].client).toContain(b.id);
    } finally {
      await database.close();
    }
  }, 300_000);
});
