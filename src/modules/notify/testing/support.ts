/**
 * Test support for the notification module: the simulated carriers (SMS, Zalo ZNS, and a real SMTP server with
 * STARTTLS and a login) in front of a test platform whose adapters are configured to reach them, like real ones.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { startTestPlatform, type TestClient, type TestPlatform } from '../../../../test/support/platform';
import { CarrierSimulator } from '../simulator/carrier';
import { notifyMessages } from '../notify.schema';

export const SECRET = 'test-callback-secret-0123456789';
export const SMS_KEY = 'sms-api-key-for-tests';
export const ZALO_TOKEN = 'zalo-access-token-for-tests';
export const SMTP_USER = 'motcua';
export const SMTP_PASSWORD = 'smtp-password-for-tests';
export const PUBLIC_URL = 'https://dichvucong.haiphong.example.vn';

/** A self-signed certificate for 127.0.0.1 (made with openssl in a temporary folder). */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
}

export interface NotifyTestPlatform extends TestPlatform {
  carrier: CarrierSimulator;
  logs: string[];
  dir: string;
  /** Dispatches events, plans and sends until nothing is left. */
  drain(): Promise<void>;
}

/** Carriers first (their addresses go into the configuration), then the platform listening for delivery reports. */
export async function startNotifyPlatform(env: Record<string, string> = {}): Promise<NotifyTestPlatform> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-notify-'));
  const tls = selfSignedCertificate(dir);
  const carrier = new CarrierSimulator({ smsApiKey: SMS_KEY, zaloToken: ZALO_TOKEN, callbackSecret: SECRET, callbackDelayMs: 5, smtp: { key: tls.key, cert: tls.cert, user: SMTP_USER, password: SMTP_PASSWORD } });
  const a = await carrier.start();
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  const p = await startTestPlatform({
    logStream: sink,
    env: {
      LOG_LEVEL: 'debug',
      DATA_DIR: dir,
      PUBLIC_URL,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(a.smtpPort),
      SMTP_TLS: 'starttls',
      SMTP_USER,
      SMTP_PASSWORD,
      SMTP_CA_FILE: tls.certFile,
      SMS_API_URL: a.smsUrl,
      SMS_API_KEY: SMS_KEY,
      ZALO_API_URL: a.zaloUrl,
      ZALO_ACCESS_TOKEN: ZALO_TOKEN,
      NOTIFY_CALLBACK_SECRET: SECRET,
      NOTIFY_RETRY_BASE_MS: '1000',
      NOTIFY_RATE_LIMITS: 'email=1000,sms=1000,zalo=1000',
      ...env,
    },
  });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (p.app.server.address() as { port: number }).port;
  carrier.setCallbacks({ sms: `http://127.0.0.1:${port}/api/notify/callbacks/sms`, zalo: `http://127.0.0.1:${port}/api/notify/callbacks/zalo` });
  const close = p.close.bind(p);
  return Object.assign(p, {
    carrier,
    logs,
    dir,
    async drain() {
      await p.services.notify.drain();
    },
    async close() {
      await close();
      await carrier.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

export const messagesOf = (p: TestPlatform, dossierId: string) => p.ctx.db.select().from(notifyMessages).where(eq(notifyMessages.dossierId, dossierId));

/** Waits until every external message of the dossier has reached a status in `statuses`. */
export async function settled(p: NotifyTestPlatform, dossierId: string, statuses = ['delivered', 'permanent-failure', 'technical-failure', 'temporary-failure']) {
  await expect
    .poll(async () => {
      await p.drain();
      return (await messagesOf(p, dossierId)).filter((m) => !statuses.includes(m.status)).map((m) => `${m.kind}/${m.channel}/${m.status}`);
    }, { timeout: 15_000, interval: 50 })
    .toEqual([]);
}

export async function giveConsents(c: TestClient, ...purposes: string[]) {
  for (const purpose of purposes) {
    const r = await c.post(`/api/me/consents/${purpose}`, { noticeVersion: 1, given: true });
    expect(r.statusCode, r.body).toBeLessThan(300);
  }
}
