/**
 * Two `motcua start` processes, each with its own database (node B on the PostgreSQL server when
 * MOTCUA_TEST_DB=postgres), over the machine's NATS server: a consultation asked on node A (Hồng Bàng) of the
 * Department of Justice hosted on node B, answered on B, the answer back on A. Each node is restarted while a
 * message for it is in flight (B is down when A asks; A is down when B answers): nothing is lost, nothing is applied
 * twice. The databases start from this run's template (migrated, demo data) so the processes start fast.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { openDatabase } from '../../../platform/db/client';
import { onPostgres } from '../../../../test/support/platform';
import { pgliteTemplate, pgTemplate } from '../../../../test/support/template-env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = path.join(ROOT, 'bin/motcua.js');
const NATS = 'nats://127.0.0.1:4222';
const run = `n${randomBytes(4).toString('hex')}`;
const STREAM = `MOTCUA_TEST_${run}`;
const HONG_BANG = '000.00.21.H38';
const TU_PHAP = '000.00.01.H38';
const PG = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

interface Node {
  name: string;
  env: Record<string, string>;
  url: string;
  proc: ChildProcess | null;
  out: string;
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
  n.proc = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: { ...process.env, ...n.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  n.proc.stdout!.on('data', (d) => (n.out += d));
  n.proc.stderr!.on('data', (d) => (n.out += d));
  await until(async () => (await fetch(`${n.url}/readyz`)).status === 200, `${n.name} ready (${n.out.slice(-500)})`, 150_000);
}

const stop = (n: Node) =>
  new Promise<void>((resolve) => {
    const p = n.proc;
    n.proc = null;
    if (!p || p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
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

async function node(name: string, agencies: string, pgUrl: string | null): Promise<Node> {
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
    NATS_URL: NATS,
    NATS_STREAM: STREAM,
    NATS_SUBJECT_PREFIX: `motcua_${run}`,
    NATS_NODE: name,
    NATS_AGENCIES: agencies,
    NATS_RELAY_POLL_MS: '50',
    NATS_RETRY_BASE_MS: '100',
    NATS_RETRY_MAX_MS: '1000',
  };
  const n: Node = { name, env, url, proc: null, out: '' };
  nodes.push(n);
  return n;
}

let a: Node;
let b: Node;

beforeAll(async () => {
  a = await node('node_a', HONG_BANG, null);
  b = await node('node_b', TU_PHAP, onPostgres ? await pgDatabase() : null);
  await start(a);
  await start(b);
}, 400_000);

afterAll(async () => {
  await Promise.all(nodes.map(stop));
  await dropPg?.();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  const nc = await connect({ servers: NATS });
  await (await jetstreamManager(nc)).streams.delete(STREAM).catch(() => undefined);
  await nc.close();
});

describe('a consultation between two motcua processes', () => {
  it('asked on A, answered on B, back on A; each node restarted with a message in flight, nothing lost or applied twice', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')).procedures.find((p: any) => p.key === 'birth-re-registration').sampleData;
    const adminA = await login(a, 'admin');
    const adminB = await login(b, 'admin');
    ok(await adminA.put(`/api/exchange/remote-agencies/${TU_PHAP}`, { name: 'Sở Tư pháp thành phố Hải Phòng', node: 'node_b' }));
    ok(await adminB.put(`/api/exchange/remote-agencies/${HONG_BANG}`, { name: 'Ủy ban nhân dân phường Hồng Bàng', node: 'node_a' }));

    // On A: a counter filing received and taken up by the specialist.
    const desk = await login(a, 'tiepnhan.hongbang');
    const specialistA = await login(a, 'chuyenvien.hongbang');
    const hb = await agencyIdOf(a, HONG_BANG);
    const d = ok(await desk.post('/api/officer/dossiers', { procedure: 'birth-re-registration', agencyId: hb, channel: 'in_person', applicant: { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' }, data: sample }), 201);
    const form = new FormData();
    form.set('documentId', 'personal-records');
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'giay-to.pdf');
    ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
    ok(await desk.post(`/api/dossiers/${d.id}/submit`));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialistA.post(`/api/dossiers/${d.id}/claim`));

    // B is down when A asks: the question waits in the stream for B's durable consumer.
    await stop(b);
    const asked = ok(await specialistA.post('/api/exchange/consultations', { dossierId: d.id, agencyCode: TU_PHAP, question: 'Xin xác minh thông tin hộ tịch' }), 201);
    expect(ok(await specialistA.get(`/api/dossiers/${d.id}`)).state).toBe('consulting');
    await until(async () => ok(await adminA.get('/api/exchange/events/status')).pending === 0, 'A to publish the question');
    await start(b);
    const specialistB = await login(b, 'chuyenvien.tuphap');
    const incoming = await until(async () => ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.filter((x: any) => x.id === asked.id), 'the question on B');
    expect(incoming).toHaveLength(1);

    // A is down when B answers: the answer waits in the stream for A's durable consumer.
    await stop(a);
    ok(await specialistB.post(`/api/exchange/consultations/${asked.id}/answer`, { opinion: 'Thông tin hộ tịch khớp với sổ đăng ký' }));
    const adminB2 = await login(b, 'admin');
    await until(async () => ok(await adminB2.get('/api/exchange/events/status')).pending === 0, 'B to publish the answer');
    await start(a);
    const specialistA2 = await login(a, 'chuyenvien.hongbang');
    const back = await until(async () => {
      const v = ok(await specialistA2.get(`/api/dossiers/${d.id}`));
      return v.state === 'processing' ? v : null;
    }, 'the answer on A');
    expect(back.timeline.filter((t: any) => t.type === 'answer_consultation')).toHaveLength(1);
    expect(back.timeline.filter((t: any) => t.type === 'request_consultation')).toHaveLength(1);
    expect(ok(await specialistA2.get(`/api/exchange/consultations/${asked.id}`))).toMatchObject({ status: 'answered', answeredBy: 'Bùi Quang Huy' });
    // Still once on B after its restart.
    expect(ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.filter((x: any) => x.id === asked.id)).toHaveLength(1);
  }, 300_000);
});
