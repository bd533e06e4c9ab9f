/**
 * The gateway adapter against the simulated gateway, over real HTTP on loopback: the order, the payer's page and the
 * signed return, the signed notifications (forged, replayed, duplicated, out of order, retried until acknowledged),
 * status, refunds, expiry and unsigned calls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors';
import type { ProviderCreateRequest, VerifiedNotification } from '../payment.provider';
import { SIGNATURE_HEADER, signBody, signRequest, unixSeconds, type NotificationBody } from './protocol';
import { GatewayProvider } from './provider';
import { runGatewaySimulateCommand } from './simulate.cli';
import { GatewaySimulator, type GatewaySimulatorOptions } from './simulator';

const KEY = 'test-merchant-key-0123456789';
const RETURN_URL = 'https://motcua.test/thanh-toan/ket-qua?lang=vi';

/** A notify_url receiver: verifies with the provider and answers 200, the error's status, or a scripted status. */
class Receiver {
  readonly received: { raw: Buffer; headers: http.IncomingHttpHeaders }[] = [];
  readonly verified: VerifiedNotification[] = [];
  /** Statuses to answer before verifying (one used per request). */
  script: number[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      this.received.push({ raw, headers: req.headers });
      const scripted = this.script.shift();
      if (scripted !== undefined) return void res.writeHead(scripted).end();
      this.provider!.verifyNotification({ headers: req.headers, rawBody: raw }).then(
        (v) => (this.verified.push(v), res.writeHead(200).end('ok')),
        (e: AppError) => res.writeHead(e.status ?? 500).end(e.code),
      );
    });
  });
  provider: GatewayProvider | null = null;
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payments/notifications/gateway`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function waitUntil<T>(what: string, fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function expectAppError(p: Promise<unknown> | (() => unknown), code: string, status: number) {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).status).toBe(status);
}

let seq = 0;
const request = (over: Partial<ProviderCreateRequest> = {}): ProviderCreateRequest => ({
  paymentId: `pay_${++seq}_${Date.now()}`,
  code: 'MC0000000000',
  amountVnd: 16_000,
  reference: 'H31.29-251203-0001',
  description: 'Lệ phí cấp bản sao trích lục khai sinh',
  returnUrl: RETURN_URL,
  agencyId: 'agency-hong-bang',
  expiresAt: new Date(Date.now() + 15 * 60_000),
  ...over,
});

const receiver = new Receiver();
const sims: GatewaySimulator[] = [];

async function setup(opts: Partial<GatewaySimulatorOptions> = {}) {
  const sim = new GatewaySimulator({ merchantKey: KEY, notifyDelayMs: 10, retryBaseMs: 10, ...opts });
  sims.push(sim);
  const { url } = await sim.start();
  const provider = new GatewayProvider({ baseUrl: url, merchantKey: KEY, notifyUrl: receiver.url, timeoutMs: 5000 });
  receiver.provider = provider;
  return { sim, url, provider };
}

beforeAll(() => receiver.start());
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
  receiver.received.length = 0;
  receiver.verified.length = 0;
  receiver.script = [];
});
afterAll(() => receiver.stop());

describe('gateway provider against the simulated gateway', () => {
  it('creates an order, shows the Vietnamese payment page, redirects back signed and notifies signed', async () => {
    const { sim, url, provider } = await setup();
    const req = request();
    const created = await provider.create(req);
    expect(created.next.kind).toBe('redirect');
    const payUrl = created.next.kind === 'redirect' ? created.next.url : '';
    expect(payUrl).toBe(`${url}/pay/${created.providerRef}`);
    expect(sim.orders()).toMatchObject([{ orderId: created.providerRef, paymentId: req.paymentId, amount: 16_000, status: 'pending', returnUrl: RETURN_URL, notifyUrl: receiver.url }]);

    // A retried create (lost answer) gives the same order.
    expect((await provider.create(req)).providerRef).toBe(created.providerRef);
    expect(await provider.status(req.paymentId, created.providerRef)).toEqual({ status: 'pending' });

    const page = await fetch(payUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<main>');
    expect(html).toContain('16.000\u00a0₫');
    expect(html).toContain('Cổng thanh toán mô phỏng');
    expect(html).toContain('Lệ phí cấp bản sao trích lục khai sinh');
    for (const [action, label] of [['approve', 'Thanh toán'], ['decline', 'Từ chối'], ['cancel', 'Hủy']]) {
      expect(html).toMatch(new RegExp(`<form method="post" action="/pay/${created.providerRef}/${action}"><button type="submit"[^>]*>${label}</button></form>`));
    }

    const approved = await fetch(`${url}/pay/${created.providerRef}/approve`, { method: 'POST', redirect: 'manual' });
    expect(approved.status).toBe(303);
    const location = new URL(approved.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://motcua.test/thanh-toan/ket-qua');
    const query = Object.fromEntries(location.searchParams);
    expect(query.lang).toBe('vi');
    expect(provider.verifyReturn(query)).toEqual({ paymentId: req.paymentId, orderId: created.providerRef, status: 'success', amountVnd: 16_000 });
    // Tampered: another status, another amount, a missing signature.
    await expectAppError(() => provider.verifyReturn({ ...query, status: 'failed' }), 'payment.notification_unauthenticated', 401);
    await expectAppError(() => provider.verifyReturn({ ...query, amount: '1000' }), 'payment.notification_unauthenticated', 401);
    const { sig: _sig, ...unsigned } = query;
    await expectAppError(() => provider.verifyReturn(unsigned), 'payment.notification_unauthenticated', 401);

    // The server-to-server notification reached the receiver, which verified it.
    const [v] = await waitUntil('the notification', () => receiver.verified.length > 0 && receiver.verified);
    const order = sim.order(created.providerRef)!;
    expect(order.status).toBe('success');
    expect(order.txnRef).toMatch(/^FT\d{6}/);
    expect(v).toEqual({ providerTxnRef: order.txnRef, paymentId: req.paymentId, providerRef: created.providerRef, outcome: 'success', amountVnd: 16_000, occurredAt: new Date(order.paidAt!) });
    expect(sim.deliveries()).toMatchObject([{ orderId: created.providerRef, status: 'success', attempt: 1, copy: 1, statusCode: 200, acknowledged: true }]);

    // A forged signature over the same body, and an authentic but old one.
    const { raw } = receiver.received[0];
    const body = JSON.parse(raw.toString('utf8')) as NotificationBody;
    expect(body.txn_ref).toBe(order.txnRef);
    const now = unixSeconds(new Date());
    await expectAppError(provider.verifyNotification({ headers: { [SIGNATURE_HEADER]: signBody('not-the-key', now, raw) }, rawBody: raw }), 'payment.notification_unauthenticated', 401);
    await expectAppError(provider.verifyNotification({ headers: { [SIGNATURE_HEADER]: signBody(KEY, now, raw) }, rawBody: Buffer.from(raw.toString('utf8').replace('16000', '1600')) }), 'payment.notification_unauthenticated', 401);
    await expectAppError(provider.verifyNotification({ headers: {}, rawBody: raw }), 'payment.notification_unauthenticated', 401);
    await expectAppError(provider.verifyNotification({ headers: { [SIGNATURE_HEADER]: signBody(KEY, now - 301, raw) }, rawBody: raw }), 'payment.notification_replayed', 409);
    // Header names in any case; a signed body that is not a notification is malformed.
    expect((await provider.verifyNotification({ headers: { 'X-Gateway-Signature': signBody(KEY, now - 299, raw) }, rawBody: raw })).providerTxnRef).toBe(order.txnRef);
    const junk = Buffer.from(JSON.stringify({ ...body, amount: -1 }));
    await expectAppError(provider.verifyNotification({ headers: { [SIGNATURE_HEADER]: signBody(KEY, now, junk) }, rawBody: junk }), 'payment.notification_invalid', 400);

    // status() and refunds.
    expect(await provider.status(req.paymentId, created.providerRef)).toEqual({ status: 'success', amountVnd: 16_000, providerTxnRef: order.txnRef, paidAt: new Date(order.paidAt!) });
    const refund = { paymentId: req.paymentId, providerRef: created.providerRef, providerTxnRef: order.txnRef!, reason: 'Hồ sơ bị từ chối' };
    expect(await provider.refund({ ...refund, refundId: 'rf-1', amountVnd: 16_001 })).toEqual({ status: 'error', reason: 'amount_exceeds_paid' });
    const ok = await provider.refund({ ...refund, refundId: 'rf-2', amountVnd: 10_000 });
    expect(ok).toMatchObject({ status: 'success', providerRefundRef: expect.stringMatching(/^RF/) });
    expect(await provider.refund({ ...refund, refundId: 'rf-2', amountVnd: 10_000 })).toEqual(ok);
    expect(await provider.refund({ ...refund, refundId: 'rf-3', amountVnd: 6_001 })).toEqual({ status: 'error', reason: 'amount_exceeds_paid' });
    expect(await provider.refund({ ...refund, refundId: 'rf-4', amountVnd: 6_000 })).toMatchObject({ status: 'success' });

    // The page of a finished order has no buttons, and it cannot be paid twice.
    const again = await fetch(`${url}/pay/${created.providerRef}/approve`, { method: 'POST', redirect: 'manual' });
    expect(again.status).toBe(409);
    expect(await again.text()).not.toContain('<button');
  });

  it('declines and cancels: the return and the notification carry the outcome, keyed by the event', async () => {
    const { sim, provider } = await setup();
    const a = await provider.create(request());
    const b = await provider.create(request());
    const declined = new URL(sim.complete(a.providerRef, 'failed'));
    expect(provider.verifyReturn(Object.fromEntries(declined.searchParams))).toMatchObject({ status: 'failed', orderId: a.providerRef });
    sim.complete(b.providerRef, 'cancelled');
    const got = await waitUntil('two notifications', () => receiver.verified.length === 2 && receiver.verified);
    const byRef = new Map(got.map((v) => [v.providerRef, v]));
    const events = new Map(sim.deliveries().map((d) => [d.orderId, d.eventId]));
    expect(byRef.get(a.providerRef)).toMatchObject({ outcome: 'failed', providerTxnRef: events.get(a.providerRef), amountVnd: 16_000 });
    expect(byRef.get(b.providerRef)).toMatchObject({ outcome: 'cancelled', providerTxnRef: events.get(b.providerRef) });
    expect(await provider.status('', a.providerRef).catch((e: AppError) => e.code)).toBe('payment.provider_unavailable');
    expect(await provider.status(got[0].paymentId!, got[0].providerRef!)).toEqual(got[0].outcome === 'failed' ? { status: 'failed', reason: 'declined' } : { status: 'cancelled' });
    // Nothing to refund on an unpaid order.
    expect(await provider.refund({ paymentId: 'x', providerRef: a.providerRef, providerTxnRef: 'x', amountVnd: 1, refundId: 'r', reason: 'r' })).toEqual({ status: 'error', reason: 'order_not_paid' });
  });

  it('duplicates: the same event N times, with the same txn_ref; out of order: a stale event after the final one', async () => {
    const { sim, provider } = await setup({ duplicates: 3, outOfOrder: true });
    const req = request({ amountVnd: 250_000 });
    const created = await provider.create(req);
    sim.complete(created.providerRef, 'success');
    const got = await waitUntil('four notifications', () => receiver.verified.length === 4 && receiver.verified);
    const txnRef = sim.order(created.providerRef)!.txnRef;
    expect(got.slice(0, 3).map((v) => [v.outcome, v.providerTxnRef, v.amountVnd])).toEqual([
      ['success', txnRef, 250_000],
      ['success', txnRef, 250_000],
      ['success', txnRef, 250_000],
    ]);
    const d = sim.deliveries();
    expect(new Set(d.slice(0, 3).map((x) => x.eventId)).size).toBe(1);
    expect(d.map((x) => x.copy)).toEqual([1, 2, 3, 1]);
    // The stale event: another event, an earlier attempt, sent last.
    const stale = got[3];
    expect(stale.outcome).toBe('failed');
    expect(stale.providerTxnRef).toBe(d[3].eventId);
    expect(d[3].eventId).not.toBe(d[0].eventId);
    expect(stale.occurredAt.getTime()).toBeLessThan(got[0].occurredAt.getTime());
    expect(stale.paymentId).toBe(req.paymentId);
  });

  it('retries a notification with back-off until the receiver acknowledges it', async () => {
    const { sim, provider } = await setup();
    receiver.script = [500, 500];
    const created = await provider.create(request());
    sim.complete(created.providerRef, 'success');
    await waitUntil('the acknowledged notification', () => receiver.verified.length === 1);
    const d = sim.deliveries();
    expect(d.map((x) => [x.attempt, x.statusCode, x.acknowledged])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(new Set(d.map((x) => x.eventId)).size).toBe(1);
    expect(receiver.received).toHaveLength(3);
  });

  it('failFirstNotifications: an acknowledgement lost on the way back is retried regardless of the answer', async () => {
    const { sim, provider } = await setup({ failFirstNotifications: 1 });
    const created = await provider.create(request());
    sim.complete(created.providerRef, 'success');
    await waitUntil('two verified copies', () => receiver.verified.length === 2);
    expect(sim.deliveries().map((x) => [x.attempt, x.statusCode, x.forcedFailure ?? false, x.acknowledged])).toEqual([
      [1, 200, true, false],
      [2, 200, false, true],
    ]);
    expect(receiver.verified[0].providerTxnRef).toBe(receiver.verified[1].providerTxnRef);
  });

  it('a receiver that cannot be reached is retried too (network error logged)', async () => {
    const { sim, url, provider } = await setup({ maxRetries: 2 });
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const lost = new GatewayProvider({ baseUrl: url, merchantKey: KEY, notifyUrl: `http://127.0.0.1:${port}/gone` });
    const created = await lost.create(request());
    sim.complete(created.providerRef, 'success');
    const d = await waitUntil('three attempts', () => sim.deliveries().length === 3 && sim.deliveries());
    expect(d.map((x) => [x.attempt, x.statusCode, x.acknowledged])).toEqual([
      [1, null, false],
      [2, null, false],
      [3, null, false],
    ]);
    expect(d[0].error).toBeTruthy();
    expect(provider.kind).toBe('gateway');
  });

  it('an expired order cannot be paid', async () => {
    let now = Date.now();
    const { sim, url, provider } = await setup({ clock: () => new Date(now) });
    const created = await provider.create(request({ expiresAt: new Date(now + 60_000) }));
    now += 61_000;
    const page = await fetch(`${url}/pay/${created.providerRef}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('Giao dịch đã hết hạn');
    expect(html).not.toContain('<button');
    const post = await fetch(`${url}/pay/${created.providerRef}/approve`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(410);
    expect(() => sim.complete(created.providerRef, 'success')).toThrow(/expired/);
    expect(sim.order(created.providerRef)!.status).toBe('pending');
    expect(sim.deliveries()).toEqual([]);
  });

  it('refuses unsigned or wrongly signed API calls; a gateway that is down is provider_unavailable', async () => {
    const { url, provider } = await setup();
    const body = JSON.stringify({ payment_id: 'p1', amount: 1000, currency: 'VND', reference: 'r', description: 'd', return_url: RETURN_URL, notify_url: receiver.url, expires_at: new Date(Date.now() + 60_000).toISOString() });
    const unsigned = await fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const now = unixSeconds(new Date());
    const wrong = await fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signBody('wrong', now, body) }, body });
    expect(wrong.status).toBe(401);
    const old = await fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signBody(KEY, now - 600, body) }, body });
    expect(old.status).toBe(401);
    const signed = await fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signBody(KEY, now, body) }, body });
    expect(signed.status).toBe(201);
    const { order_id } = (await signed.json()) as { order_id: string };
    expect((await fetch(`${url}/api/v1/orders/${order_id}`)).status).toBe(401);
    // A GET signature covers the path: it cannot be reused for another order.
    const otherPath = signRequest(KEY, now, 'GET', '/api/v1/orders/GW-other');
    expect((await fetch(`${url}/api/v1/orders/${order_id}`, { headers: { [SIGNATURE_HEADER]: otherPath } })).status).toBe(401);
    expect((await fetch(`${url}/api/v1/orders/${order_id}`, { headers: { [SIGNATURE_HEADER]: signRequest(KEY, now, 'GET', `/api/v1/orders/${order_id}`) } })).status).toBe(200);
    expect((await fetch(`${url}/api/v1/orders/${order_id}/refunds`, { method: 'POST', body: '{}' })).status).toBe(401);

    // A provider with another key is refused by the gateway: provider_unavailable (and says 401).
    const misconfigured = new GatewayProvider({ baseUrl: url, merchantKey: 'other', notifyUrl: receiver.url });
    const err = await misconfigured.create(request()).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('payment.provider_unavailable');
    expect((err as AppError).detail?.en).toContain('401');

    await Promise.all(sims.splice(0).map((s) => s.stop()));
    await expectAppError(provider.create(request()), 'payment.provider_unavailable', 503);
  });

  it('a gateway that answers 5xx or too slowly is provider_unavailable', async () => {
    const slow = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/orders/slow')) return void setTimeout(() => res.writeHead(200).end('{}'), 2000);
      res.writeHead(502).end('bad gateway');
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    try {
      const p = new GatewayProvider({ baseUrl: base, merchantKey: KEY, notifyUrl: receiver.url, timeoutMs: 50 });
      await expectAppError(p.create(request()), 'payment.provider_unavailable', 503);
      const err = await p.status('pay', 'slow').catch((e: AppError) => e);
      expect((err as AppError).code).toBe('payment.provider_unavailable');
      expect((err as AppError).detail?.en).toContain('timeout');
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});

describe('motcua payment gateway-simulate', () => {
  it('starts the simulator, prints the environment for MotCua and stops on SIGTERM', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const done = runGatewaySimulateCommand(['--port', '0', '--key', 'cli-key'], out);
    const url = await waitUntil('the printed URL', () => /PAYMENT_GATEWAY_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]);
    expect(text).toContain('PAYMENT_GATEWAY_KEY=cli-key');
    const p = new GatewayProvider({ baseUrl: url, merchantKey: 'cli-key', notifyUrl: receiver.url });
    const created = await p.create(request());
    expect(created.next).toMatchObject({ kind: 'redirect', url: `${url}/pay/${created.providerRef}` });
    process.emit('SIGTERM');
    expect(await done).toBe(0);
    await expectAppError(p.create(request()), 'payment.provider_unavailable', 503);
  });

  it('refuses a bad port', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    expect(await runGatewaySimulateCommand(['--port', 'abc'], out)).toBe(2);
    expect(text).toContain('--port');
  });
});
