/**
 * Killed between a notification and its acknowledgement: MotCua runs as a real child process (PGlite on disk, or a
 * PostgreSQL database), the simulated gateway runs here. The child kills itself (SIGKILL) while it applies the
 * gateway's success notification — once right after the settlement commits, once before — so the gateway sees a
 * network error and retries with back-off. Restarted on the same data, the retry is answered 200: 'duplicate' when
 * the settlement had committed, 'settled' when it had not. Either way: one success event, one receipt, the dossier
 * confirmed once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../../test/e2e/support/server';
import { GatewaySimulator } from './gateway/simulator';

const here = path.dirname(fileURLToPath(import.meta.url));
const onPostgres = process.env.MOTCUA_TEST_DB === 'postgres';
const PG = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const KEY = `gw-crash-${randomUUID()}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-paycrash-'));
let dbName: string | null = null;
let child: ChildProcess | null = null;
let env: Record<string, string>;
// One copy per event, no stale extra; retried with back-off (0.2 s, 0.4 s, … ) while MotCua is down.
const sim = new GatewaySimulator({ merchantKey: KEY, notifyDelayMs: 10, retryBaseMs: 200, maxRetries: 10 });

interface State {
  status: string;
  events: string[];
  receipts: number;
  notifications: string[];
  dossierState: string;
  confirmations: number;
  answers: string[];
}

async function pg(sql: string) {
  const { default: Pg } = await import('pg');
  const c = new Pg.Client({ connectionString: `${PG}/postgres` });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** Starts MotCua in a child process; resolves once it listens. */
function startChild(extra: Record<string, string>): Promise<ChildProcess> {
  const c = fork(path.join(here, 'testing', 'crash-server.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env, ...extra }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    c.once('exit', (code, signal) => reject(new Error(`platform exited with ${code ?? signal}`)));
    c.on('message', (m: any) => m.cmd === 'ready' && (c.removeAllListeners('exit'), resolve(c)));
  });
}

function ask<T>(c: ChildProcess, msg: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: any) => {
      if (m.cmd !== msg.cmd) return;
      c.off('message', on);
      if (m.error) reject(new Error(m.error));
      else resolve(m as T);
    };
    c.on('message', on);
    c.send(msg);
  });
}

const exited = (c: ChildProcess) => new Promise<NodeJS.Signals | null>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve(c.signalCode) : c.once('exit', (_code, signal) => resolve(signal))));

beforeAll(async () => {
  const { url } = await sim.start();
  const port = await freePort();
  env = {
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CRASH_PORT: String(port),
    EID_BUILTIN: 'false',
    NOTIFY_SIMULATOR: 'false',
    PAYMENT_GATEWAY_SIMULATOR: 'false',
    PAYMENT_GATEWAY_URL: url,
    PAYMENT_GATEWAY_KEY: KEY,
  };
  if (onPostgres) {
    dbName = `motcua_paycrash_${process.pid}_${randomBytes(3).toString('hex')}`;
    await pg(`create database ${dbName}`);
    env.DATABASE_URL = `${PG}/${dbName}`;
  }
}, 60_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  if (child) await exited(child);
  await sim.stop();
  if (dbName) await pg(`drop database if exists ${dbName} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The payer approves; MotCua dies applying the notification; restarted (next mode), it gets the retry. */
async function crashAndRetry(nextCrashAt: string): Promise<{ state: State; orderId: string }> {
  const { dossierId, paymentId, orderId } = await ask<{ dossierId: string; paymentId: string; orderId: string }>(child!, { cmd: 'dossier' });
  const dead = exited(child!);
  sim.complete(orderId, 'success');
  expect(await Promise.race([dead, delay(30_000).then(() => 'still running')])).toBe('SIGKILL');
  // The gateway got no answer (the connection died with the process) and will retry.
  await expect.poll(() => sim.deliveries().filter((d) => d.orderId === orderId).length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(1);
  const [first] = sim.deliveries().filter((d) => d.orderId === orderId);
  expect(first).toMatchObject({ attempt: 1, statusCode: null, acknowledged: false, status: 'success' });

  child = await startChild({ PAYMENT_CRASH_AT: nextCrashAt });
  await expect.poll(() => sim.deliveries().some((d) => d.orderId === orderId && d.acknowledged), { timeout: 60_000, interval: 50 }).toBe(true);
  const tries = sim.deliveries().filter((d) => d.orderId === orderId);
  // Acknowledged exactly once, with a 200, after at least one failed attempt; the same event every time.
  expect(tries.filter((d) => d.acknowledged)).toHaveLength(1);
  expect(tries.at(-1)).toMatchObject({ acknowledged: true, statusCode: 200 });
  expect(new Set(tries.map((d) => d.eventId)).size).toBe(1);
  return { state: await ask<State>(child, { cmd: 'state', paymentId, dossierId }), orderId };
}

it('the provider’s retry completes a notification once after a kill after commit, and after a kill before commit', async () => {
  child = await startChild({ CRASH_SEED: 'true', PAYMENT_CRASH_AT: 'after_commit' });

  // 1. Killed after the settlement committed: the retry is a duplicate.
  const after = await crashAndRetry('before_commit');
  expect(after.state).toMatchObject({ status: 'success', receipts: 1, notifications: ['success'], dossierState: 'processing', confirmations: 1 });
  expect(after.state.events.filter((s) => s === 'success')).toHaveLength(1);
  expect(after.state.answers).toEqual(['duplicate']);

  // 2. Killed inside the transaction, before it committed: nothing was kept, the retry settles it.
  const before = await crashAndRetry('');
  expect(before.state).toMatchObject({ status: 'success', receipts: 1, notifications: ['success'], dossierState: 'processing', confirmations: 1 });
  expect(before.state.events.filter((s) => s === 'success')).toHaveLength(1);
  expect(before.state.answers).toEqual(['settled']);
  expect(sim.order(before.orderId)!.status).toBe('success');
}, 180_000);
