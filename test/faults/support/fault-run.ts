/**
 * Fault injection against a real server process on its own PostgreSQL database and port (issue 24):
 *
 * 1. `node bin/motcua.js start` with the demo data; a receiving officer opens N counter dossiers with their file.
 * 2. N submissions are sent concurrently, each with its own Idempotency-Key. Part-way, an outage: the database
 *    takes no new connections and every connection of the server is terminated (pg_terminate_backend), for
 *    `outageMs`; then it is back. Later, the server is killed with SIGKILL while submissions are in flight.
 * 3. The server is started again on the same database; every request that got no 2xx answer (cut by the kill, or
 *    answered 503 by the outage) is sent again with its key, and every acknowledged one is replayed.
 * 4. The database is read: what was acknowledged is stored, nothing is stored twice, every retry got a 2xx with
 *    the first commit's answer, `motcua audit verify` is clean, and each committed submission's outbox event was
 *    published once.
 *
 * Used by test/faults/fault-injection.test.ts (small N) and `npm run fault:inject` (scripts/fault-inject.ts).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PG_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DESK = 'tiepnhan.hongbang';
const PASSWORD = 'MotCua@2026';
const HONG_BANG = '000.00.21.H38';
const PROCEDURE = 'birth-re-registration';
const APPLICANT = { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' } as const;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface FaultRunOptions {
  submissions: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Acknowledged submissions before the outage starts (0: no outage). */
  outageAfter?: number;
  outageMs?: number;
  /** Acknowledged submissions before the SIGKILL. */
  killAfter?: number;
  log?: (line: string) => void;
}

export interface FaultFigures {
  submitted: number;
  acknowledged: number;
  /** Dossiers filed once the retries are done. */
  stored: number;
  /** Acknowledged but not stored. */
  lost: number;
  /** Submit actions beyond one per dossier, plus codes given twice. */
  duplicated: number;
  retried: number;
  retried_ok: number;
  /** Retries whose answer differs from the stored dossier (code, state), or replays that differ from the acknowledged answer. */
  retried_mismatch: number;
  replayed: number;
  replayed_same: number;
  /** Committed before the kill without an answer: the retry was a replay. */
  committed_unanswered: number;
  answers_5xx_other_than_503: number;
  audit_verify_exit: number;
  outbox_events: number;
  outbox_published_once: number;
  killed_in_flight: number;
  /** Requests answered 503 during the outage sent again after Retry-After (before the kill). */
  retried_after_503: number;
  /** 4xx answers to submissions (there should be none), first few. */
  refused: string[];
}

export interface OutageFigures {
  outage_ms: number;
  requests_503: number;
  /** From the database taking connections again to the first 200 of /readyz. */
  readyz_recovery_ms: number;
  readyz_503_during_outage: boolean;
  server_survived: boolean;
}

export interface FaultRunResult {
  figures: FaultFigures;
  outage: OutageFigures | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function admin<T = unknown>(db: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: `${PG_URL}/${db}` });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready:\n${out}`);
    }
    await sleep(150);
  }
  return { child, base, output: () => out, exited };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string): Promise<Session> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DESK, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('motcua_session='));
  if (!cookie) throw new Error('login: no session cookie');
  return { cookie, csrf: (await r.json()).csrfToken };
}

async function call(base: string, s: Session, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const json = body !== undefined && !(body instanceof FormData);
  const r = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : json ? JSON.stringify(body) : (body as FormData),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}

/** Sends a POST whole, then closes the connection without reading the answer (a response lost on the way). */
function sendAndHangUp(base: string, s: Session, url: string, key: string): void {
  const u = new URL(url, base);
  const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key, 'content-length': '0' } });
  req.on('error', () => undefined);
  req.on('finish', () => setTimeout(() => req.destroy(), 5));
  req.end();
}

function sampleData(): Record<string, unknown> {
  const file = path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json');
  const proc = JSON.parse(fs.readFileSync(file, 'utf8')).procedures.find((p: { key: string }) => p.key === PROCEDURE);
  const version = proc.versions?.at?.(-1) ?? proc;
  return structuredClone(version.sampleData ?? proc.sampleData ?? {});
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

export async function runFaultInjection(opts: FaultRunOptions): Promise<FaultRunResult> {
  const log = opts.log ?? (() => undefined);
  const n = opts.submissions;
  const concurrency = opts.concurrency ?? 16;
  const killAfter = opts.killAfter ?? Math.floor(n * 0.6);
  const outageAfter = opts.outageAfter ?? Math.floor(n * 0.25);
  const outageMs = opts.outageMs ?? 1_000;
  const dbName = `motcua_fault_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-fault-'));
  await admin('postgres', `create database ${dbName}`);
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: `${PG_URL}/${dbName}`,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'true',
    EID_BUILTIN: 'false',
    NOTIFY_SIMULATOR: 'false',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    OUTBOX_POLL_MS: '100',
  };
  let server: Server | null = null;
  try {
    server = await startServer(env, port);
    log(`server ready on ${server.base}`);
    let s = await login(server.base);
    const agencies = (await (await fetch(`${server.base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
    const agencyId = agencies.find((a) => a.code === HONG_BANG)!.id;
    const data = sampleData();

    // 1. N counter dossiers with their file, ready to submit.
    const ids: string[] = [];
    await pool(
      Array.from({ length: n }, (_, i) => i),
      concurrency,
      async () => {
        const d = await call(server!.base, s, 'POST', '/api/officer/dossiers', { procedure: PROCEDURE, agencyId, channel: 'in_person', applicant: APPLICANT, data });
        if (d.status !== 201) throw new Error(`draft: ${d.status} ${d.text}`);
        const id = d.json().id as string;
        const form = new FormData();
        form.append('documentId', 'personal-records');
        // One file per dossier (identical files uploaded at once are issue 24's defect 7, not this run's subject).
        form.append('file', new Blob([Buffer.concat([PDF, Buffer.from(`% ${id}\n`)])], { type: 'application/pdf' }), 'giay-to.pdf');
        const u = await call(server!.base, s, 'POST', `/api/dossiers/${id}/attachments`, form);
        if (u.status !== 201) throw new Error(`upload: ${u.status} ${u.text}`);
        ids.push(id);
      },
    );
    log(`${ids.length} dossiers ready`);

    // 2. Concurrent submissions with keys; an outage, then a SIGKILL, on the way.
    const keyOf = (id: string) => `submit-${id}`;
    const acknowledged = new Map<string, string>(); // id → answer body
    const statuses = new Map<string, number>();
    let requests503 = 0;
    let retriedAfter503 = 0;
    const failed4xx: string[] = [];
    let other5xx = 0;
    let killed = false;
    let killedInFlight = 0;
    let inFlight = 0;
    let outage: OutageFigures | null = null;
    let outagePromise: Promise<void> | null = null;
    const current = server;

    const runOutage = async () => {
      const t0 = Date.now();
      await admin('postgres', `alter database ${dbName} with allow_connections false`);
      await admin('postgres', 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
      await sleep(Math.max(0, outageMs / 2 - (Date.now() - t0)));
      const ready = await fetch(`${current.base}/readyz`).catch(() => null);
      const readyz503 = ready?.status === 503;
      await sleep(Math.max(0, outageMs - (Date.now() - t0)));
      await admin('postgres', `alter database ${dbName} with allow_connections true`);
      const back = Date.now();
      let recovery = -1;
      for (let i = 0; i < 2000; i++) {
        const r = await fetch(`${current.base}/readyz`).catch(() => null);
        if (r?.status === 200) {
          recovery = Date.now() - back;
          break;
        }
        await sleep(10);
      }
      outage = { outage_ms: back - t0, requests_503: 0, readyz_recovery_ms: recovery, readyz_503_during_outage: readyz503, server_survived: current.child.exitCode === null };
      log(`outage ${back - t0} ms, ready again after ${recovery} ms`);
      if (current.child.exitCode !== null) (opts.log ?? console.error)(`the server died in the outage (exit ${current.child.exitCode}):\n${current.output().slice(-4000)}`);
    };

    // Before the kill, a few responses are lost: the request is sent whole, then the client hangs up without
    // reading the answer, as when a connection drops. The server commits them; the kill follows once they are in the
    // database, so their retries after the restart must be replays of answers the client never saw.
    let killing: Promise<void> | null = null;
    const lostResponses: string[] = [];
    const killWhenAhead = async () => {
      const pendingIds = ids.filter((id) => !statuses.has(id) && !started.has(id)).slice(0, 5);
      for (const id of pendingIds) {
        started.add(id);
        lostResponses.push(id);
        sendAndHangUp(current.base, s, `/api/dossiers/${id}/submit`, keyOf(id));
      }
      for (let i = 0; i < 200 && lostResponses.length; i++) {
        const [{ n: held }] = await admin<{ n: number }>(dbName, "select count(*)::int as n from dossiers where id = any($1::uuid[]) and state <> 'draft'", [lostResponses]);
        if (held === lostResponses.length) break;
        await sleep(25);
      }
      killed = true;
      killedInFlight = inFlight;
      current.child.kill('SIGKILL');
    };
    const started = new Set<string>();

    await pool(ids, concurrency, async (id) => {
      if (killed || started.has(id)) return;
      started.add(id);
      inFlight++;
      try {
        let r = await call(current.base, s, 'POST', `/api/dossiers/${id}/submit`, undefined, { 'idempotency-key': keyOf(id) });
        // Caught by the outage: as a client should, wait for Retry-After and send the same request again.
        for (let i = 0; r.status === 503 && i < 60 && !killed; i++) {
          requests503++;
          await sleep(1000 * Number(r.headers.get('retry-after') ?? 1));
          retriedAfter503++;
          r = await call(current.base, s, 'POST', `/api/dossiers/${id}/submit`, undefined, { 'idempotency-key': keyOf(id) });
        }
        statuses.set(id, r.status);
        if (r.status >= 200 && r.status < 300) {
          acknowledged.set(id, r.text);
          if (outageAfter > 0 && !outagePromise && acknowledged.size >= outageAfter) outagePromise = runOutage();
          if (!killing && acknowledged.size >= killAfter && (!outagePromise || outage)) killing = killWhenAhead();
        } else if (r.status === 503) requests503++;
        else if (r.status >= 500) other5xx++;
        else if (r.status >= 400) failed4xx.push(`${r.status} ${r.text.slice(0, 200)}`);
      } catch {
        /* no answer: cut by the kill */
      } finally {
        inFlight--;
      }
    });
    if (outagePromise) await outagePromise;
    if (killing) await killing;
    if (!killed) {
      killed = true;
      current.child.kill('SIGKILL');
    }
    await current.exited;
    if (outage) (outage as OutageFigures).requests_503 = requests503;
    log(`killed: ${acknowledged.size} acknowledged, ${requests503} answered 503`);

    // 3. Restart on the same database; retry every request without a 2xx answer, replay every acknowledged one.
    server = await startServer(env, port);
    log('restarted');
    s = await login(server.base);
    const unanswered = ids.filter((id) => !acknowledged.has(id));
    const before = await admin<{ id: string }>(dbName, "select id from dossiers where id = any($1::uuid[]) and state <> 'draft'", [unanswered]);
    const committedUnanswered = new Set(before.map((r) => r.id));
    const retried = new Map<string, { status: number; text: string; replayed: boolean }>();
    await pool(unanswered, concurrency, async (id) => {
      const r = await call(server!.base, s, 'POST', `/api/dossiers/${id}/submit`, undefined, { 'idempotency-key': keyOf(id) });
      retried.set(id, { status: r.status, text: r.text, replayed: r.headers.get('idempotent-replayed') === 'true' });
      if (r.status >= 500 && r.status !== 503) other5xx++;
    });
    let replayedSame = 0;
    await pool([...acknowledged.keys()], concurrency, async (id) => {
      const r = await call(server!.base, s, 'POST', `/api/dossiers/${id}/submit`, undefined, { 'idempotency-key': keyOf(id) });
      if (r.status === 200 && r.headers.get('idempotent-replayed') === 'true' && JSON.stringify(JSON.parse(r.text)) === JSON.stringify(JSON.parse(acknowledged.get(id)!))) replayedSame++;
    });

    log(`retried ${retried.size}, replayed ${acknowledged.size}`);
    // 4. What the database holds.
    const rows = await admin<{ id: string; code: string | null; state: string; submits: number }>(
      dbName,
      "select d.id, d.code, d.state, (select count(*)::int from dossier_actions a where a.dossier_id = d.id and a.type = 'submit') as submits from dossiers d where d.id = any($1::uuid[])",
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const stored = rows.filter((r) => r.state !== 'draft');
    const codes = stored.map((r) => r.code);
    const duplicated = stored.reduce((k, r) => k + Math.max(0, r.submits - 1), 0) + (codes.length - new Set(codes).size);
    const lost = [...acknowledged.keys()].filter((id) => byId.get(id)?.state === 'draft' || !byId.has(id)).length;
    let retriedOk = 0;
    let mismatch = 0;
    for (const [id, r] of retried) {
      if (r.status < 200 || r.status >= 300) continue;
      retriedOk++;
      const body = JSON.parse(r.text);
      const row = byId.get(id)!;
      if (body.code !== row.code || body.id !== id) mismatch++;
      // A submission committed before the kill was not submitted again: its retry was a replay.
      if (committedUnanswered.has(id) && !r.replayed) mismatch++;
    }
    if (replayedSame !== acknowledged.size) mismatch += acknowledged.size - replayedSame;

    // Each committed submission's event is published, once.
    const storedIds = stored.map((r) => r.id);
    let events: Array<{ aggregate_id: string; n: number; published: number }> = [];
    for (let i = 0; i < 600; i++) {
      events = await admin(dbName, "select aggregate_id, count(*)::int as n, count(*) filter (where status = 'published')::int as published from outbox_events where type = 'dossier.submitted' and aggregate_id = any($1::text[]) group by aggregate_id", [storedIds]);
      if (events.length === storedIds.length && events.every((e) => e.published === e.n)) break;
      await sleep(100);
    }
    log('outbox read');
    const outboxOnce = events.filter((e) => e.n === 1 && e.published === 1).length;
    const outboxEvents = events.reduce((k, e) => k + e.n, 0);

    server.child.kill('SIGTERM');
    await Promise.race([server.exited, sleep(15_000).then(() => server!.child.kill('SIGKILL'))]);
    await server.exited;
    server = null;
    log('server stopped');
    const verify = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/motcua.js'), 'audit', 'verify'], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'silent' } }).then(
      () => 0,
      (e: { code?: number; stdout?: string; stderr?: string }) => {
        log(`audit verify failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
        return typeof e.code === 'number' ? e.code : 1;
      },
    );

    log('audit verified');
    return {
      figures: {
        submitted: n,
        acknowledged: acknowledged.size,
        stored: stored.length,
        lost,
        duplicated,
        retried: retried.size,
        retried_ok: retriedOk,
        retried_mismatch: mismatch,
        replayed: acknowledged.size,
        replayed_same: replayedSame,
        committed_unanswered: committedUnanswered.size,
        answers_5xx_other_than_503: other5xx,
        audit_verify_exit: verify,
        outbox_events: outboxEvents,
        outbox_published_once: outboxOnce,
        killed_in_flight: killedInFlight,
        retried_after_503: retriedAfter503,
        refused: failed4xx.slice(0, 5),
      },
      outage,
    };
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await admin('postgres', `alter database ${dbName} with allow_connections true`).catch(() => undefined);
    await admin('postgres', `drop database if exists ${dbName} with (force)`).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
