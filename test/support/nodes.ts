/**
 * Several MotCua nodes as separate `motcua start` processes, each with its own database (a PGlite folder copied from
 * this run's template, or a PostgreSQL database made from the template), for the multi-node tests: start, kill and
 * restart them, sign in over HTTP, and clean everything up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { migrateDatabase, openDatabase, type Db } from '../../src/platform/db/client';
import { loadConfig } from '../../src/config';
import { runExchangeCommand } from '../../src/modules/exchange';
import { pgliteTemplate, pgTemplate } from './template-env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/motcua.js');
const PG = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
/** The machine's NATS server (JetStream). */
export const NATS = 'nats://127.0.0.1:4222';

/** A node's settings for events between nodes: this file's own stream and subjects, fast relays and retries. */
export const natsEnv = (run: string, node: string, agencies: string): Record<string, string> => ({
  NATS_URL: NATS,
  NATS_STREAM: `MOTCUA_TEST_${run}`,
  NATS_SUBJECT_PREFIX: `motcua_${run}`,
  NATS_NODE: node,
  NATS_AGENCIES: agencies,
  NATS_RELAY_POLL_MS: '50',
  NATS_RETRY_BASE_MS: '100',
  NATS_RETRY_MAX_MS: '1000',
});

/** Removes this file's stream from the NATS server. */
export async function dropStream(run: string): Promise<void> {
  const nc = await connect({ servers: NATS });
  await (await jetstreamManager(nc)).streams.delete(`MOTCUA_TEST_${run}`).catch(() => undefined);
  await nc.close();
}

export interface Node {
  name: string;
  env: Record<string, string>;
  url: string;
  proc: ChildProcess | null;
  out: string;
  /** Its X-Road member id (nodes on the gateway). */
  id: string;
  pgUrl: string | null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `f` gives a truthy value (errors count as not yet). */
export const until = async <T,>(f: () => Promise<T | undefined | null | false>, what: string, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The nodes of one test file: their folders and databases, removed by `close()`. */
export class NodeProcesses {
  readonly nodes: Node[] = [];
  private readonly dirs: string[] = [];
  private readonly drops: Array<() => Promise<void>> = [];

  /** `run`: this file's random tag (database names). */
  constructor(private readonly run: string) {}

  private async pgliteDir(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-node-'));
    this.dirs.push(dir);
    const dump = pgliteTemplate();
    const database = await openDatabase({ dataDir: path.join(dir, 'db'), ...(dump ? { loadDataDir: dump } : {}) });
    await database.close();
    return dir;
  }

  /** A PostgreSQL database from this run's template, dropped at the end. */
  async pgDatabase(): Promise<string> {
    const { default: pg } = await import('pg');
    const name = `motcua_t_${process.pid}_${this.run}_${this.drops.length}`;
    const admin = new pg.Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    const template = pgTemplate();
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    this.drops.push(async () => {
      const c = new pg.Client({ connectionString: `${PG}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
    return `${PG}/${name}`;
  }

  /** A node on a free port with the demo data; `env` adds to (or overrides) the common settings. */
  async node(name: string, o: { pgUrl: string | null; member?: string; env?: Record<string, string> }): Promise<Node> {
    const port = await freePort();
    const dir = o.pgUrl ? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-node-')) : await this.pgliteDir();
    if (o.pgUrl) this.dirs.push(dir);
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: o.pgUrl ? dir : path.join(dir, 'db'),
      ...(o.pgUrl ? { DATABASE_URL: o.pgUrl } : {}),
      SEED_DEMO: 'true',
      MFA_REQUIRED_ROLES: '',
      LOG_LEVEL: 'warn',
      CATALOG_SEARCH_INDEX: 'false',
      OUTBOX_POLL_MS: '50',
      ...(o.member ? { EXCHANGE_MEMBER_CODE: o.member } : {}),
      ...o.env,
    };
    const n: Node = { name, env, url, proc: null, out: '', id: o.member ? `VN/GOV/${o.member}/motcua` : '', pgUrl: o.pgUrl };
    this.nodes.push(n);
    return n;
  }

  /** Starts the node's process and waits for /readyz. The process's own environment never leaks a database or NATS. */
  async start(n: Node): Promise<void> {
    const env: Record<string, string | undefined> = { ...process.env, ...n.env };
    if (!n.pgUrl) delete env.DATABASE_URL;
    if (!n.env.NATS_URL) delete env.NATS_URL;
    n.proc = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    n.proc.stdout!.on('data', (d) => (n.out += d));
    n.proc.stderr!.on('data', (d) => (n.out += d));
    await until(async () => (await fetch(`${n.url}/readyz`)).status === 200, `${n.name} ready (${n.out.slice(-500)})`, 150_000);
  }

  stop(n: Node, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    return new Promise<void>((resolve) => {
      const p = n.proc;
      n.proc = null;
      if (!p || p.exitCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill(signal);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.stop(n)));
    for (const drop of this.drops) await drop();
    for (const d of this.dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** A signed-in officer over HTTP (session cookie and CSRF token; an Idempotency-Key on every change). */
export async function login(n: Node, username: string) {
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

export const ok = (r: { status: number; json: any; text: string }, status = 200) => {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  return r.json;
};

export async function agencyIdOf(n: Node, code: string): Promise<string> {
  const all = (await (await fetch(`${n.url}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  return all.find((a) => a.code === code)!.id;
}

/**
 * A `motcua exchange …` command for a node (`args` after `exchange`), run in this process against the node's database
 * and folder — the real command's code; the servers are the processes. Answers the JSON line the command printed last.
 * On PGlite the node must be stopped (one process per data folder); on PostgreSQL it may be running.
 */
export async function exchangeCli(n: Node, ...args: string[]): Promise<any> {
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
