/**
 * Killed mid-send: the platform runs as a real child process; the simulated SMS carrier and the SMTP server take
 * the messages of an event (a petition answered, as the feedback module will publish it) but hold their answers,
 * and the process is killed (SIGKILL) before it can record them. After a restart on the same database the messages
 * are sent again with the same reference: the SMS carrier recognises it and the phone gets ONE message; SMTP cannot
 * de-duplicate, so the mailbox gets the same e-mail (same Message-ID) a second time — the documented at-least-once
 * guarantee for e-mail (NOTIFY_SMTP_UNCONFIRMED=fail makes it at most once instead).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { CarrierSimulator } from './simulator/carrier';
import { SECRET, SMS_KEY, ZALO_TOKEN } from './testing/support';

const here = path.dirname(fileURLToPath(import.meta.url));
const onPostgres = process.env.MOTCUA_TEST_DB === 'postgres';
const PG = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const PHONE = '84912000333';
const EMAIL = 'an.crash@example.vn';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-'));
let dbName: string | null = null;
let child: ChildProcess | null = null;
const carrier = new CarrierSimulator({ smsApiKey: SMS_KEY, zaloToken: ZALO_TOKEN, callbackSecret: SECRET, callbackDelayMs: 5, smtp: {} });

async function pg(sql: string) {
  const { default: Pg } = await import('pg');
  const c = new Pg.Client({ connectionString: `${PG}/postgres` });
  await c.connect();
  await c.query(sql);
  await c.end();
}

afterAll(async () => {
  child?.kill('SIGKILL');
  await carrier.stop();
  if (dbName) await pg(`drop database if exists ${dbName} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the platform in a child process; resolves with its port once it listens. */
function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const c = fork(path.join(here, 'testing', 'crash-server.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    c.once('exit', (code) => reject(new Error(`platform exited with ${code}`)));
    c.on('message', (m: any) => m.cmd === 'ready' && (c.removeAllListeners('exit'), resolve({ child: c, port: m.port })));
  });
}

function ask<T>(c: ChildProcess, msg: Record<string, unknown>): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: any) => {
      if (m.cmd !== msg.cmd) return;
      c.off('message', on);
      resolve(m as T);
    };
    c.on('message', on);
    c.send(msg);
  });
}

async function call(base: string, s: { token: string; csrf: string }, method: string, url: string, body?: unknown) {
  const r = await fetch(`${base}${url}`, { method, headers: { cookie: `motcua_session=${s.token}`, 'x-csrf-token': s.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const json = await r.json().catch(() => null);
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

it('one SMS after a kill between the carrier taking it and the platform recording it; the same e-mail again', async () => {
  const a = await carrier.start();
  const env: Record<string, string> = {
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PUBLIC_URL: 'https://dichvucong.haiphong.example.vn',
    EID_BUILTIN: 'false',
    NOTIFY_SIMULATOR: 'false',
    OUTBOX_POLL_MS: '50',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(a.smtpPort),
    SMTP_TLS: 'none',
    SMS_API_URL: a.smsUrl,
    SMS_API_KEY: SMS_KEY,
    NOTIFY_CALLBACK_SECRET: SECRET,
    NOTIFY_SENDING_LEASE_MS: '1000',
  };
  if (onPostgres) {
    dbName = `motcua_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
    await pg(`create database ${dbName}`);
    env.DATABASE_URL = `${PG}/${dbName}`;
  }
  let started = await startChild(env);
  child = started.child;
  let base = `http://127.0.0.1:${started.port}`;
  carrier.setCallbacks({ sms: `${base}/api/notify/callbacks/sms` });

  const s = await ask<{ token: string; csrf: string }>(child, { cmd: 'citizen', personalId: '031085001234' });
  await call(base, s, 'POST', '/api/me/consents/sms_notifications', { noticeVersion: 1, given: true });
  await call(base, s, 'PUT', '/api/me/notification-preferences', { language: 'vi', email: EMAIL, phone: PHONE, channels: { email: true, sms: true, zalo: false } });
  const { accountId } = await call(base, s, 'GET', '/api/auth/session');

  // Both carriers take the messages and never answer; the process is killed while it waits for them.
  let held = 0;
  const killed = new Promise<void>((resolve) =>
    carrier.setOnHold(() => {
      if (++held < 2) return;
      child!.once('exit', () => resolve());
      child!.kill('SIGKILL');
    }),
  );
  carrier.rule({ channel: 'sms', to: PHONE, outcomes: ['hold'] });
  carrier.rule({ channel: 'email', to: EMAIL, outcomes: ['hold'] });
  await ask(child, { cmd: 'event', accountId });
  await killed;
  expect(carrier.of('sms')).toHaveLength(1);
  expect(carrier.of('email')).toHaveLength(1);

  // Restart on the same database: the lease runs out, the messages go again with the same reference.
  started = await startChild(env);
  child = started.child;
  base = `http://127.0.0.1:${started.port}`;
  carrier.setCallbacks({ sms: `${base}/api/notify/callbacks/sms` });
  let rows: Array<{ id: string; channel: string; status: string; attempts: number; statusReason: string | null }> = [];
  await expect
    .poll(
      async () => {
        rows = (await ask<{ rows: typeof rows }>(child!, { cmd: 'messages' })).rows;
        return rows.map((r) => `${r.channel}:${r.status}`).sort();
      },
      { timeout: 60_000, interval: 200 },
    )
    .toEqual(['email:delivered', 'inapp:delivered', 'sms:delivered']);

  // One message row per channel; the SMS reached the phone once (the second submission got the first one's answer).
  const sms = carrier.of('sms');
  expect(sms).toHaveLength(1);
  expect(sms[0]).toMatchObject({ to: PHONE, reference: rows.find((r) => r.channel === 'sms')!.id, submissions: 2 });
  expect(rows.find((r) => r.channel === 'sms')).toMatchObject({ attempts: 2 });
  // E-mail: at least once — the same message (same Message-ID) arrived twice.
  const mails = carrier.of('email');
  expect(mails).toHaveLength(2);
  expect(new Set(mails.map((m) => m.reference))).toEqual(new Set([`<${rows.find((r) => r.channel === 'email')!.id}@dichvucong.haiphong.example.vn>`]));
  expect(mails[0].subject).toBe('Phản ánh, kiến nghị PA-2603-0001 đã được trả lời');
  // The inbox has it once.
  const inbox = await call(base, s, 'GET', '/api/me/notifications');
  expect(inbox.items.map((x: any) => x.kind)).toEqual(['petition_answered']);
}, 180_000);
