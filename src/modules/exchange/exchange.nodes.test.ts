// Two real `motcua start` processes, each with its own DATA_DIR and port (the provider on PostgreSQL when
// MOTCUA_TEST_DB=postgres): a ministry-level registry node B, which also holds the configuration authority role,
// and a ward node A. Joined with the real commands (exchange init, join, authority add-member, publish, access
// grant: the commands in this process, the servers as processes); A fetches the signed global configuration from B over HTTP; a local consumer's registry lookup goes
// through A's gateway to B's; the read is in the subject's tracker (and its log) on B, the node holding her record.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../../test/e2e/support/server';
import { PGLITE_TEMPLATE_ENV, pgTemplate } from '../../../test/support/template-env';
import { onPostgres } from '../../../test/support/platform';
import { migrateDatabase, openDatabase, type Db } from '../../platform/db/client';
import { loadConfig } from '../../config';
import { runExchangeCommand } from './index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/motcua.js');
const PG_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const run = promisify(execFile);
const AN = '031085001234';

interface Node {
  id: string;
  url: string;
  dir: string;
  env: Record<string, string>;
  proc?: ChildProcess;
  out: string;
  dbUrl?: string;
}

async function pgAdmin(sql: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: `${PG_URL}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function node(code: string, extra: Record<string, string>, pg: boolean): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-xnode-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATA_DIR: dir, LOG_LEVEL: 'warn', SEED_DEMO: 'true', MFA_REQUIRED_ROLES: '', EXCHANGE_MEMBER_CODE: code, EXCHANGE_GLOBALCONF_REFRESH_MS: '300', ...extra };
  delete env.DATABASE_URL;
  const n: Node = { id: `VN/GOV/${code}/motcua`, url, dir, env, out: '' };
  if (pg) {
    const db = `motcua_xn_${process.pid}_${randomBytes(4).toString('hex')}`;
    const t = pgTemplate();
    await pgAdmin(t ? `create database ${db} template ${t}` : `create database ${db}`);
    n.dbUrl = env.DATABASE_URL = `${PG_URL}/${db}`;
  } else {
    const dump = process.env[PGLITE_TEMPLATE_ENV];
    if (dump && fs.existsSync(dump)) await run('tar', ['-xf', dump, '-C', dir]);
  }
  return n;
}

/** A `motcua exchange …` command for a node, run in this process (its real code; the servers are the processes). */
async function cli(n: Node, ...args: string[]) {
  let out = '';
  const config = loadConfig(n.env);
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const database = await openDatabase(n.dbUrl ? { databaseUrl: n.dbUrl, poolSize: 2 } : { dataDir: n.dir });
    try {
      await migrateDatabase(database);
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  const code = await runExchangeCommand(args.slice(1), config, withDb, (s) => (out += s), (s) => (out += s));
  if (code !== 0) throw new Error(`motcua ${args.join(' ')}: ${code} ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function start(n: Node) {
  n.proc = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: n.env, stdio: ['ignore', 'pipe', 'pipe'] });
  n.proc.stdout!.on('data', (d) => (n.out += d));
  n.proc.stderr!.on('data', (d) => (n.out += d));
}

async function ready(n: Node, deadline = Date.now() + 240_000) {
  for (;;) {
    if (n.proc!.exitCode !== null) throw new Error(`node exited ${n.proc!.exitCode}:\n${n.out}`);
    const ok = await fetch(`${n.url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`node not ready:\n${n.out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function stop(n: Node) {
  if (n.proc && n.proc.exitCode === null) {
    const exited = new Promise((r) => n.proc!.once('exit', r));
    n.proc.kill('SIGTERM');
    const t = setTimeout(() => n.proc!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  }
}

let a: Node;
let b: Node;

beforeAll(async () => {
  b = await node('000.00.00.G01', {}, onPostgres);
  a = await node('000.00.00.H31', { EXCHANGE_AUTHORITY_URL: b.url }, false);
  // B becomes the configuration authority (and a member); A joins with the authority's key; B's operator adds A.
  const init = await cli(b, 'exchange', 'init', '--name', 'Bộ Công an (thử nghiệm)');
  expect(init).toMatchObject({ authority: b.id, version: 1 });
  const join = await cli(a, 'exchange', 'join', '--name', 'UBND phường Hồng Bàng', '--authority-key', init.authorityKey);
  expect(join).toMatchObject({ id: a.id, address: a.url });
  await cli(b, 'exchange', 'authority', 'add-member', '--request', join.registration);
  expect(await cli(b, 'exchange', 'authority', 'publish')).toMatchObject({ version: 2, members: 2 });
  expect(await cli(b, 'exchange', 'access', 'grant', '--service', 'population', '--client', a.id)).toMatchObject({ service: 'population' });
  start(b);
  start(a);
  await Promise.all([ready(a), ready(b)]);
}, 420_000);

afterAll(async () => {
  await Promise.all([a && stop(a), b && stop(b)]);
  for (const n of [a, b]) {
    if (!n) continue;
    fs.rmSync(n.dir, { recursive: true, force: true });
    if (n.dbUrl) await pgAdmin(`drop database if exists ${n.dbUrl.split('/').at(-1)} with (force)`);
  }
});

it('a registry lookup through the two gateways, and the tracker entry at the subject’s node', async () => {
  const ask = () =>
    fetch(`${a.url}/r1/${b.id}/population/people/${AN}?fields=fullName`, { headers: { 'x-road-client': a.id, 'x-road-id': 'nodes-1', 'x-road-issue': 'HS-NODES-1', 'x-motcua-purpose': 'dossier_processing', 'x-road-userid': 'VN/canbo.hongbang' } });
  // A fetches the global configuration from B shortly after it starts.
  let res = await ask();
  for (let i = 0; i < 60 && res.headers.get('x-road-error') === 'Server.ClientProxy.OutdatedGlobalConf'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    res = await ask();
  }
  const body = await res.json();
  expect(res.status, JSON.stringify(body) + a.out + b.out).toBe(200);
  expect(body).toEqual({ personalId: AN, fullName: expect.any(String) });
  expect(res.headers.get('x-road-service')).toBe(`${b.id}/population`);
  expect(res.headers.get('x-road-request-hash')).toBeTruthy();
  // Not granted: the business registry.
  const denied = await fetch(`${a.url}/r1/${b.id}/business/enterprises/0200000001`, { headers: { 'x-road-client': a.id, 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'verification' } });
  expect(denied.headers.get('x-road-error')).toBe('Server.ServerProxy.AccessDenied');

  // B's database after it stopped (PGlite has one process): An's tracker row, its leaf, the message log row.
  await stop(b);
  const database = await openDatabase(b.dbUrl ? { databaseUrl: b.dbUrl, poolSize: 2 } : { dataDir: b.dir });
  try {
    const rows = (q: string) => database.db.execute(q as never).then((r) => (r as unknown as { rows: any[] }).rows);
    const reads = await rows(`select seq, client, purpose, dossier_id, fields from data_access_log where subject_id = '${AN}' and request_id = 'nodes-1'`);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ purpose: 'dossier_processing', dossier_id: 'HS-NODES-1', fields: ['fullName'] });
    expect(reads[0].client).toContain(a.id);
    expect(reads[0].client).toContain('VN/canbo.hongbang');
    const leaves = await rows(`select count(*)::int as n from (select ref from tlog_pending where kind = 'data_access' and ref = '${reads[0].seq}' union all select ref from tlog_entries where kind = 'data_access' and ref = '${reads[0].seq}') x`);
    expect(leaves[0].n).toBe(1);
    const msgs = await rows(`select direction, status, subject_id from exchange_messages where x_road_id = 'nodes-1'`);
    expect(msgs).toEqual([{ direction: 'in', status: 200, subject_id: AN }]);
  } finally {
    await database.close();
  }
}, 120_000);
