/**
 * Gateway payments end to end over real HTTP: MotCua listens on a port, a simulated payment gateway (its own
 * process-local HTTP server, sending every notification five times plus a late stale 'failed' event) is configured
 * through PAYMENT_GATEWAY_URL/KEY. The applicant is sent to the gateway's page, pays, comes back through the signed
 * return; the notifications settle nothing more; a declined payment can be paid again; forged and stale
 * notifications and tampered return links are refused; refunds go through the gateway; unpaid payments expire. A
 * second platform checks the built-in simulator (PAYMENT_GATEWAY_SIMULATOR=true). On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier } from '../../../test/support/dossier';
import { dossierAwaitingPayment as awaitingPayment } from './testing/support';
import { freePort } from '../../../test/e2e/support/server';
import { platformActor } from '../../platform/auth/actor';
import { GatewaySimulator } from './index';
import { SIGNATURE_HEADER, signBody, unixSeconds, type NotificationBody } from './gateway/protocol';
import { paymentNotifications, paymentReceipts, payments } from './payment.schema';

const KEY = `gw-e2e-${randomUUID()}`;
const EXPIRY_MINUTES = 30;

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let base: string;
let simUrl: string;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
const sim = new GatewaySimulator({ merchantKey: KEY, duplicates: 5, outOfOrder: true, notifyDelayMs: 10, retryBaseMs: 50, clock: () => p.clock.now() });

const dossierAwaitingPayment = (amountVnd = 16_000) => awaitingPayment(p, hb, { citizen, desk, specialist }, amountVnd);

async function payByGateway(dossierId: string, status = 201) {
  return ok(await citizen.post(`/api/dossiers/${dossierId}/payments`, { payment_provider: 'gateway' }, { 'idempotency-key': randomUUID() }), status);
}

/** The payer's browser: opens the payment page, presses a button, and is sent back to MotCua. */
async function payerClicks(payment: Record<string, any>, action: 'approve' | 'decline') {
  const pageUrl: string = payment._links.next_url.href;
  const page = await fetch(pageUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('16.000\u00a0₫');
  expect(html).toContain(`/pay/${payment.provider_id}/${action}`);
  const clicked = await fetch(new URL(`/pay/${payment.provider_id}/${action}`, pageUrl), { method: 'POST', redirect: 'manual' });
  expect(clicked.status).toBe(303);
  const returnUrl = clicked.headers.get('location')!;
  expect(returnUrl.startsWith(`${base}/api/payments/${payment.payment_id}/return?`)).toBe(true);
  const back = await fetch(returnUrl, { redirect: 'manual' });
  expect(back.status).toBe(303);
  expect(back.headers.get('location')).toBe(`${base}/ho-so/${payment.dossier_id}/thanh-toan`);
  return returnUrl;
}

/** Waits until the gateway has had every copy of every notification of an order acknowledged. */
async function notificationsAcknowledged(orderId: string, copies: number) {
  await expect.poll(() => sim.deliveries().filter((d) => d.orderId === orderId && d.acknowledged).length, { timeout: 20_000, interval: 20 }).toBe(copies);
}

async function events(paymentId: string): Promise<string[]> {
  return ok(await citizen.get(`/api/payments/${paymentId}/events`)).events.map((e: any) => e.status);
}

async function confirmations(dossierId: string): Promise<number> {
  return ok(await citizen.get(`/api/dossiers/${dossierId}`)).timeline.filter((t: any) => t.type === 'confirm_payment').length;
}

function notify(body: NotificationBody, key = KEY, at = p.clock.now()) {
  const raw = JSON.stringify(body);
  return fetch(`${base}/api/payments/notifications/gateway`, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(key, unixSeconds(at), raw) }, body: raw });
}

beforeAll(async () => {
  const { url } = await sim.start();
  simUrl = url;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  p = await startDossierPlatform({ PUBLIC_URL: base, PAYMENT_GATEWAY_URL: url, PAYMENT_GATEWAY_KEY: KEY, PAYMENT_EXPIRY_MINUTES: String(EXPIRY_MINUTES) });
  await p.app.listen({ port, host: '127.0.0.1' });
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
}, 120_000);
afterAll(async () => {
  await sim.stop();
  await p?.close();
});

describe('a dossier paid through the gateway', () => {
  let dossierId: string;
  let payment: Record<string, any>;

  it('sends the payer to the gateway page, and the signed return confirms the payment and the dossier', async () => {
    dossierId = await dossierAwaitingPayment(16_000);
    payment = await payByGateway(dossierId);
    expect(payment).toMatchObject({ amount: 16_000, payment_provider: 'gateway', dossier_id: dossierId, state: { status: 'created', finished: false } });
    // The gateway holds an order for this payment, with MotCua's notify URL.
    const order = sim.order(payment.provider_id)!;
    expect(order).toMatchObject({ paymentId: payment.payment_id, amount: 16_000, status: 'pending', notifyUrl: `${base}/api/payments/notifications/gateway` });
    expect(payment._links.next_url.href).toBe(`${simUrl}/pay/${payment.provider_id}`);

    await payerClicks(payment, 'approve');
    const seen = ok(await citizen.get(`/api/payments/${payment.payment_id}`));
    expect(seen.state).toMatchObject({ status: 'success', finished: true });
    expect(seen._links.next_url).toBeNull();
    expect(seen.paid_date).not.toBeNull();
    const d = ok(await citizen.get(`/api/dossiers/${dossierId}`));
    expect(d.state).toBe('processing');
    expect(await confirmations(dossierId)).toBe(1);
    expect(sim.order(payment.provider_id)!.status).toBe('success');
  });

  it('takes the five copies of the notification and the late stale "failed" one without changing anything', async () => {
    // 5 copies of the success event + 1 stale failure, each acknowledged with a 2xx.
    await notificationsAcknowledged(payment.provider_id, 6);
    const delivered = sim.deliveries().filter((x) => x.orderId === payment.provider_id && x.acknowledged);
    expect(delivered.filter((x) => x.status === 'success')).toHaveLength(5);
    expect(delivered.filter((x) => x.status === 'failed')).toHaveLength(1);
    const evs = await events(payment.payment_id);
    expect(evs.filter((s) => s === 'success')).toHaveLength(1);
    expect(evs).not.toContain('failed');
    expect(evs.at(-1)).toBe('success');
    expect(ok(await citizen.get(`/api/payments/${payment.payment_id}`)).state.status).toBe('success');
    expect(ok(await citizen.get(`/api/dossiers/${dossierId}`)).state).toBe('processing');
    expect(await confirmations(dossierId)).toBe(1);
    // Each distinct event is recorded once: the success (by its transaction reference) and the stale failure.
    const rows = await p.ctx.db.select().from(paymentNotifications).where(eq(paymentNotifications.paymentId, payment.payment_id));
    expect(rows.map((r) => r.outcome).sort()).toEqual(['failed', 'success']);
    expect(rows.find((r) => r.outcome === 'success')!.txnRef).toBe(sim.order(payment.provider_id)!.txnRef);

    // One receipt, from the outbox (running it again issues no second one).
    await p.ctx.dispatcher.runOnce();
    await p.ctx.dispatcher.runOnce();
    await p.ctx.dispatcher.runOnce();
    const receipts = await p.ctx.db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, payment.payment_id));
    expect(receipts).toHaveLength(1);
    expect(ok(await citizen.get(`/api/payments/${payment.payment_id}`)).receipt).toMatchObject({ id: receipts[0].id });
    // Nothing more is owed.
    expect((await citizen.post(`/api/dossiers/${dossierId}/payments`, { payment_provider: 'gateway' }, { 'idempotency-key': randomUUID() })).json().code).toBe('payment.already_paid');
  });

  it('refunds through the gateway', async () => {
    const r = ok(await desk.post(`/api/payments/${payment.payment_id}/refunds`, { amount: 6_000, refund_amount_available: 16_000, reason: 'Hoàn một phần lệ phí' }, { 'idempotency-key': randomUUID() }), 202);
    expect(r).toMatchObject({ amount: 6_000, status: 'success' });
    const at = sim.order(payment.provider_id)!.refunds;
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ refundId: r.refund_id, amount: 6_000, response: { status: 'success' } });
    const after = ok(await citizen.get(`/api/payments/${payment.payment_id}`));
    expect(after.refund_summary).toMatchObject({ amount_available: 10_000 });
    expect((await events(payment.payment_id)).filter((s) => s === 'refund_success')).toHaveLength(1);
  });
});

describe('a payment settled by the notification alone', () => {
  it('succeeds once from five copies and a stale failure; the payer coming back later changes nothing', async () => {
    const dossierId = await dossierAwaitingPayment(16_000);
    const payment = await payByGateway(dossierId);
    // The payer pays but her browser never comes back (closed tab): only the notifications tell MotCua.
    const returnUrl = sim.complete(payment.provider_id, 'success');
    await notificationsAcknowledged(payment.provider_id, 6);
    const seen = ok(await citizen.get(`/api/payments/${payment.payment_id}`));
    expect(seen.state.status).toBe('success');
    const [row] = await p.ctx.db.select().from(payments).where(eq(payments.id, payment.payment_id));
    expect(row.providerTxnRef).toBe(sim.order(payment.provider_id)!.txnRef);
    expect(ok(await citizen.get(`/api/dossiers/${dossierId}`)).state).toBe('processing');
    expect(await confirmations(dossierId)).toBe(1);
    // She comes back later: redirected to her dossier, nothing more happens.
    const back = await fetch(returnUrl, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${base}/ho-so/${dossierId}/thanh-toan`);
    const evs = await events(payment.payment_id);
    expect(evs.filter((s) => s === 'success')).toHaveLength(1);
    expect(evs).not.toContain('failed');
    await p.ctx.dispatcher.runOnce();
    await p.ctx.dispatcher.runOnce();
    expect(await p.ctx.db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, payment.payment_id))).toHaveLength(1);
    expect(await confirmations(dossierId)).toBe(1);
  });
});

describe('a declined payment', () => {
  let dossierId: string;
  let declined: Record<string, any>;
  let second: Record<string, any>;
  let declinedReturn: string;

  it('fails, the dossier still waits for payment, and a new payment can be made', async () => {
    dossierId = await dossierAwaitingPayment(16_000);
    declined = await payByGateway(dossierId);
    declinedReturn = await payerClicks(declined, 'decline');
    await notificationsAcknowledged(declined.provider_id, 6);
    const seen = ok(await citizen.get(`/api/payments/${declined.payment_id}`));
    expect(seen.state).toMatchObject({ status: 'failed', finished: true });
    expect((await events(declined.payment_id)).filter((s) => s === 'failed')).toHaveLength(1);
    expect(ok(await citizen.get(`/api/dossiers/${dossierId}`)).state).toBe('payment_requested');
    expect(await confirmations(dossierId)).toBe(0);
    second = await payByGateway(dossierId, 201);
    expect(second.payment_id).not.toBe(declined.payment_id);
    expect(second.provider_id).not.toBe(declined.provider_id);
    expect(second.state.status).toBe('created');
  });

  it('refuses a forged notification (401) and a stale one (409), and nothing changes', async () => {
    const order = sim.order(second.provider_id)!;
    const body: NotificationBody = { event_id: `evt_${randomUUID()}`, order_id: order.orderId, payment_id: second.payment_id, status: 'success', amount: 16_000, txn_ref: 'FT-FORGED-0001', occurred_at: p.clock.now().toISOString() };
    const forged = await notify(body, 'not-the-merchant-key');
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as any).code).toBe('payment.notification_unauthenticated');
    const stale = await notify(body, KEY, new Date(p.clock.now().getTime() - 10 * 60_000));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as any).code).toBe('payment.notification_replayed');
    expect(ok(await citizen.get(`/api/payments/${second.payment_id}`)).state.status).toBe('created');
    expect(await events(second.payment_id)).toEqual(['created']);
    expect(await p.ctx.db.select().from(paymentNotifications).where(eq(paymentNotifications.paymentId, second.payment_id))).toHaveLength(0);
    expect(ok(await citizen.get(`/api/dossiers/${dossierId}`)).state).toBe('payment_requested');
  });

  it('refuses a tampered return link and one signed for another payment (401), and nothing changes', async () => {
    const tampered = new URL(declinedReturn);
    expect(tampered.searchParams.get('status')).toBe('failed');
    tampered.searchParams.set('status', 'success');
    const r1 = await fetch(tampered, { redirect: 'manual' });
    expect(r1.status).toBe(401);
    expect(((await r1.json()) as any).code).toBe('payment.notification_unauthenticated');
    const other = declinedReturn.replace(`/api/payments/${declined.payment_id}/return`, `/api/payments/${second.payment_id}/return`);
    const r2 = await fetch(other, { redirect: 'manual' });
    expect(r2.status).toBe(401);
    expect(ok(await citizen.get(`/api/payments/${declined.payment_id}`)).state.status).toBe('failed');
    expect(ok(await citizen.get(`/api/payments/${second.payment_id}`)).state.status).toBe('created');
    expect(await events(second.payment_id)).toEqual(['created']);
  });

  it('expires an unpaid payment after PAYMENT_EXPIRY_MINUTES, at MotCua and at the gateway', async () => {
    const actor = platformActor('payment-expiry');
    expect(await p.services.payments.service.expireDue(actor, p.clock.now())).toBe(0);
    p.clock.advance((EXPIRY_MINUTES + 1) * 60_000);
    expect(await p.services.payments.service.expireDue(actor, p.clock.now())).toBe(1);
    // The sessions timed out meanwhile: the applicant signs in again.
    citizen = await citizenClient(p, CITIZEN);
    const seen = ok(await citizen.get(`/api/payments/${second.payment_id}`));
    expect(seen.state).toMatchObject({ status: 'expired', finished: true });
    expect((await events(second.payment_id)).at(-1)).toBe('expired');
    // The gateway's page refuses the expired order too.
    expect((await fetch(second._links.next_url.href)).status).toBe(410);
    // The earlier success and failure stay as they were.
    expect(ok(await citizen.get(`/api/payments/${declined.payment_id}`)).state.status).toBe('failed');
  });
});

describe('the built-in simulated gateway (PAYMENT_GATEWAY_SIMULATOR=true)', () => {
  let q: Awaited<ReturnType<typeof startDossierPlatform>>;
  let qBase: string;

  beforeAll(async () => {
    const port = await freePort();
    qBase = `http://127.0.0.1:${port}`;
    q = await startDossierPlatform({ PUBLIC_URL: qBase, PAYMENT_GATEWAY_SIMULATOR: 'true' });
    await q.app.listen({ port, host: '127.0.0.1' });
  }, 120_000);
  afterAll(() => q?.close());

  it('is started on loopback and takes a payment from page to notification', async () => {
    const builtIn = q.services.payments.simulator!;
    expect(builtIn).not.toBeNull();
    const qCitizen = await citizenClient(q, CITIZEN);
    const qDesk = await q.loginAs('tiepnhan.hongbang');
    const qSpecialist = await q.loginAs('chuyenvien.hongbang');
    const d = await submittedDossier(q, qCitizen, await agencyId(q, HONG_BANG));
    ok(await qDesk.post(`/api/dossiers/${d.id}/receive`));
    ok(await qSpecialist.post(`/api/dossiers/${d.id}/claim`));
    ok(await qSpecialist.post(`/api/dossiers/${d.id}/request-payment`, { reason: 'Lệ phí đăng ký lại khai sinh', amountVnd: 16_000 }));
    const payment = ok(await qCitizen.post(`/api/dossiers/${d.id}/payments`, { payment_provider: 'gateway' }, { 'idempotency-key': randomUUID() }), 201);
    expect(payment._links.next_url.href).toBe(`${q.services.payments.simulatorUrl}/pay/${payment.provider_id}`);
    const page = await fetch(payment._links.next_url.href);
    expect(await page.text()).toContain('16.000\u00a0₫');
    const returnUrl = builtIn.complete(payment.provider_id, 'success');
    const back = await fetch(returnUrl, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${qBase}/ho-so/${d.id}/thanh-toan`);
    await expect.poll(() => builtIn.deliveries().some((x) => x.orderId === payment.provider_id && x.acknowledged && x.statusCode === 200), { timeout: 20_000, interval: 20 }).toBe(true);
    expect(ok(await qCitizen.get(`/api/payments/${payment.payment_id}`)).state.status).toBe('success');
    expect(ok(await qCitizen.get(`/api/payments/${payment.payment_id}/events`)).events.filter((e: any) => e.status === 'success')).toHaveLength(1);
    expect(ok(await qCitizen.get(`/api/dossiers/${d.id}`)).state).toBe('processing');
  });
});
