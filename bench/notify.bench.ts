/**
 * bench:notify — dossier events written to the outbox at a steady rate, fanned out by the notification module (the
 * dispatcher's transactional inbox, planning with the dossier, preferences and consents read, delivery with rate
 * limits and quotas) to simulated carriers: e-mail over SMTP, SMS and Zalo over HTTP, three messages per event plus
 * the in-app one. Beside it, the bare baseline in the same run: the same adapters sending the same number of
 * messages straight to the same carriers, with no database. Ends with one JSON line.
 */
import { CarrierSimulator } from '../src/modules/notify/simulator/carrier';
import { SmtpNotifier } from '../src/modules/notify/channels/smtp';
import { SmsAggregatorNotifier } from '../src/modules/notify/channels/sms';
import { ZaloZnsNotifier } from '../src/modules/notify/channels/zalo';
import type { Notifier, OutgoingMessage } from '../src/modules/notify/channels/notifier';
import { messageIdOf } from '../src/modules/notify/notify.compose';
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { startServer } from './lib/load';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1500);
const RATE = Number(process.env.BENCH_EVENTS_PER_S ?? 250);
const SECRET = 'bench-callback-secret';
const keys = { sms: 'bench-sms-key', zalo: 'bench-zalo-token' };

const carrier = new CarrierSimulator({ smsApiKey: keys.sms, zaloToken: keys.zalo, callbackSecret: SECRET, callbackDelayMs: 5, smtp: {}, keep: 1_000_000, light: true });
const a = await carrier.start();
const pct = (xs: number[], p: number) => (xs.length ? xs.sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

// --- Baseline: the adapters alone, as many messages as the full run will send, 32 in flight per channel ---------
{
  const notifiers: Notifier[] = [new SmtpNotifier({ host: '127.0.0.1', port: a.smtpPort!, tls: 'none' }), new SmsAggregatorNotifier({ url: a.smsUrl, apiKey: keys.sms, unicode: false }), new ZaloZnsNotifier({ url: a.zaloUrl, accessToken: keys.zalo })];
  const msg = (n: Notifier, i: number): OutgoingMessage => ({
    id: `00000000-0000-8000-8000-${String(i).padStart(12, '0')}`,
    channel: n.channel,
    to: n.channel === 'email' ? `baseline${i % 20}@example.vn` : `8491200${String(i % 10000).padStart(4, '0')}`,
    subject: `Hồ sơ 000.00.21.H38-260302-${i} đã được tiếp nhận`,
    text: `Hồ sơ ${i} đã được tiếp nhận. Hẹn trả kết quả: 09/03/2026 17:00.`,
    html: `<p>Hồ sơ ${i} đã được tiếp nhận.</p>`,
    from: { email: 'MotCua <no-reply@motcua.example.vn>', brandname: 'MOTCUA' },
    zalo: { templateId: '471001', data: { code: String(i), appointment: '09/03/2026 17:00' } },
  });
  const t0 = performance.now();
  const lat: number[] = [];
  await Promise.all(
    notifiers.map(async (n) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < EVENTS) {
            const i = next++;
            const s = performance.now();
            await n.send(msg(n, 1_000_000 + i));
            lat.push(performance.now() - s);
          }
        }),
      );
      await n.close?.();
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  (globalThis as any).baseline = { messages_per_s: Math.round((EVENTS * 3) / secs), p99_ms: Math.round(pct(lat, 99)) };
  console.error(`baseline: ${JSON.stringify((globalThis as any).baseline)}`);
}
carrier.messages.length = 0;

// --- The platform ------------------------------------------------------------------------------------------------
const db = await createBenchDatabase('motcua_bench_notify');
const server = await startServer<{ cmd: string; port: number; recipients: Array<{ accountId: string; dossierId: string }> }>('notify', {
  DATABASE_URL: db.url,
  PUBLIC_URL: 'https://dichvucong.haiphong.example.vn',
  OUTBOX_POLL_MS: '20',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(a.smtpPort),
  SMTP_TLS: 'none',
  SMS_API_URL: a.smsUrl,
  SMS_API_KEY: keys.sms,
  ZALO_API_URL: a.zaloUrl,
  ZALO_ACCESS_TOKEN: keys.zalo,
  NOTIFY_CALLBACK_SECRET: SECRET,
  NOTIFY_RATE_LIMITS: 'email=5000,sms=5000,zalo=5000',
});
carrier.setCallbacks({ sms: `http://127.0.0.1:${server.info.port}/api/notify/callbacks/sms`, zalo: `http://127.0.0.1:${server.info.port}/api/notify/callbacks/zalo` });
carrier.messages.length = 0;

const sent = await new Promise<Array<{ eventId: string; accountId: string; at: number }>>((resolve) => {
  server.child.on('message', (m: any) => m.cmd === 'sent' && resolve(m.sent));
  server.child.send({ cmd: 'go', events: EVENTS, perSecond: RATE });
});
const expected = new Map<string, number>();
for (const e of sent) for (const ch of ['email', 'sms', 'zalo'] as const) expected.set(messageIdOf(e.eventId, e.accountId, ch), e.at);
const refOf = (r: string) => r.replace(/^<|@.*$/g, '');
await carrier.waitFor((ms) => ms.filter((m) => expected.has(refOf(m.reference))).length >= expected.size, 600_000);
const got = carrier.messages.filter((m) => expected.has(refOf(m.reference)));
const lat = got.map((m) => Date.parse(m.receivedAt) - expected.get(refOf(m.reference))!);
const first = Math.min(...sent.map((e) => e.at));
const last = Math.max(...got.map((m) => Date.parse(m.receivedAt)));
const mps = Math.round(got.length / ((last - first) / 1000));
const duplicates = got.length - new Set(got.map((m) => refOf(m.reference))).size;
await server.stop();
await db.drop();
await carrier.stop();
const baseline = (globalThis as any).baseline as { messages_per_s: number };
if (duplicates) console.error(`note: ${duplicates} duplicate deliveries`);
console.log(JSON.stringify({ bench: 'notify', db: BENCH_DB, events: EVENTS, offered_events_per_s: RATE, messages: got.length, messages_per_s: mps, p99_ms: Math.round(pct(lat, 99)), p50_ms: Math.round(pct(lat, 50)), baseline_messages_per_s: baseline.messages_per_s, ratio: Math.round((mps / baseline.messages_per_s) * 100) / 100 }));
