/**
 * The platform as a child process for the payment crash test: configuration from the environment (the gateway at
 * PAYMENT_GATEWAY_URL/KEY, the database), listening on CRASH_PORT (the gateway's notify URL must not move across
 * restarts). Test-only: nothing here is reachable from `motcua start`.
 *
 * PAYMENT_CRASH_AT makes the process kill itself (SIGKILL) while it applies the first gateway notification that
 * settles a payment:
 * - `after_commit`: the settlement is committed, the answer to the gateway is never sent;
 * - `before_commit`: the settlement is written inside the transaction, which never commits.
 *
 * Over IPC it seeds (first start), brings a dossier to "payment requested" with a gateway payment, and reports what
 * the database holds for a payment and what this process answered to the gateway's notifications.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../../config';
import { buildPlatform } from '../../../main';
import { seedDemo, seedReference } from '../../../seed/seed';
import { DEMO_PASSWORD } from '../../../seed/demo-province';
import { TestClient, TestClock, type TestPlatform } from '../../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, submittedDossier } from '../../../../test/support/dossier';
import { paymentNotifications, paymentReceipts } from '../payment.schema';

const config = loadConfig(process.env);
const platform = await buildPlatform(config, { logger: false });
const service = platform.services.payments.service;
const crashAt = process.env.PAYMENT_CRASH_AT ?? '';
/** What this process answered to the gateway's notifications. */
const answers: string[] = [];

const die = () => process.kill(process.pid, 'SIGKILL');
const applyGatewayNotification = service.applyGatewayNotification.bind(service);
service.applyGatewayNotification = async (...args) => {
  const r = await applyGatewayNotification(...args);
  if (crashAt === 'after_commit' && r.result === 'settled') die();
  answers.push(r.result);
  return r;
};
const settle = service.settle.bind(service);
service.settle = async (...args) => {
  const r = await settle(...args);
  // Still inside the notification's transaction: the settlement is written but not committed.
  if (crashAt === 'before_commit' && r.outcome === 'settled') die();
  return r;
};

const tp = Object.assign(platform, {
  clock: new TestClock(),
  config,
  anonymous: () => new TestClient(platform, {}),
  async loginAs(username: string, password = DEMO_PASSWORD) {
    const res = await platform.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'motcua_session')!;
    return new TestClient(platform, { cookie: `motcua_session=${cookie.value}`, csrf: res.json().csrfToken });
  },
}) as unknown as TestPlatform;

function json(res: { statusCode: number; body: string; json(): any }, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 400)}`);
  return res.json();
}

if (process.env.CRASH_SEED === 'true') {
  await seedReference(platform.ctx.db);
  await seedDemo(platform.ctx.db, config);
}
await platform.app.listen({ port: Number(process.env.CRASH_PORT), host: '127.0.0.1' });

process.on('message', async (m: { cmd: string; paymentId?: string; dossierId?: string }) => {
  try {
    if (m.cmd === 'dossier') {
      const citizen = await citizenClient(tp, CITIZEN);
      const desk = await tp.loginAs('tiepnhan.hongbang');
      const specialist = await tp.loginAs('chuyenvien.hongbang');
      const d = await submittedDossier(tp, citizen, await agencyId(tp, HONG_BANG));
      json(await desk.post(`/api/dossiers/${d.id}/receive`));
      json(await specialist.post(`/api/dossiers/${d.id}/claim`));
      json(await specialist.post(`/api/dossiers/${d.id}/request-payment`, { reason: 'Lệ phí đăng ký lại khai sinh', amountVnd: 16_000 }));
      const payment = json(await citizen.post(`/api/dossiers/${d.id}/payments`, { payment_provider: 'gateway' }, { 'idempotency-key': randomUUID() }), 201);
      process.send!({ cmd: 'dossier', dossierId: d.id, paymentId: payment.payment_id, orderId: payment.provider_id });
    }
    if (m.cmd === 'state') {
      // The receipt comes from the outbox: publish what is pending (twice: the receipt's own event follows).
      await platform.ctx.dispatcher.runOnce();
      await platform.ctx.dispatcher.runOnce();
      const citizen = await citizenClient(tp, CITIZEN);
      const payment = json(await citizen.get(`/api/payments/${m.paymentId}`));
      const events = json(await citizen.get(`/api/payments/${m.paymentId}/events`)).events.map((e: { status: string }) => e.status);
      const dossier = json(await citizen.get(`/api/dossiers/${m.dossierId}`));
      const receipts = await platform.ctx.db.select({ id: paymentReceipts.id }).from(paymentReceipts).where(eq(paymentReceipts.paymentId, m.paymentId!));
      const notifications = await platform.ctx.db.select({ outcome: paymentNotifications.outcome }).from(paymentNotifications).where(eq(paymentNotifications.paymentId, m.paymentId!));
      process.send!({
        cmd: 'state',
        status: payment.state.status,
        events,
        receipts: receipts.length,
        notifications: notifications.map((n) => n.outcome),
        dossierState: dossier.state,
        confirmations: dossier.timeline.filter((t: { type: string }) => t.type === 'confirm_payment').length,
        answers,
      });
    }
  } catch (e) {
    process.send!({ cmd: m.cmd, error: e instanceof Error ? e.stack : String(e) });
  }
});
process.send!({ cmd: 'ready' });
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
