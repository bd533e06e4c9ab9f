/**
 * A simulated payment gateway (cổng thanh toán mô phỏng) on loopback, speaking protocol.ts: the merchant API
 * (create an order, read it, refund it — every call signed with the merchant key), a Vietnamese payment page the
 * payer's browser is sent to, the signed redirect back to MotCua's return URL, and signed server-to-server
 * notifications to the notify URL, delivered the way real gateways do: late, more than once, out of order, and
 * retried with back-off until the receiver acknowledges them (any 2xx).
 *
 * Used by the gateway tests, by `motcua payment gateway-simulate` and by the demo. Test hooks: `complete()` (as if
 * the payer clicked), `orders()`, `deliveries()`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  SIGNATURE_HEADER,
  signBody,
  signReturn,
  unixSeconds,
  verifyBody,
  verifyRequest,
  type CreateOrderBody,
  type CreateOrderResponse,
  type GatewayFinalStatus,
  type GatewayOrderStatus,
  type NotificationBody,
  type OrderStatusBody,
  type RefundBody,
  type RefundResponse,
} from './protocol';

export interface GatewaySimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default): any free port. */
  port?: number;
  /** The secret shared with MotCua (PAYMENT_GATEWAY_KEY). */
  merchantKey: string;
  /** Wait before the first notification of an event is sent (default 20 ms). */
  notifyDelayMs?: number;
  /** Send each notification this many times (each copy acknowledged separately; default 1). */
  duplicates?: number;
  /**
   * After the final event, also send a stale one: an earlier declined attempt (status 'failed', its own event_id,
   * occurred_at before the final event's). A receiver must not let it undo the final state. Default false.
   */
  outOfOrder?: boolean;
  /**
   * The first N delivery attempts (over the simulator's life) count as failed whatever the receiver answers, as if
   * the acknowledgement were lost on the way back: they are retried like a non-2xx, so the receiver sees the same
   * event again. Default 0.
   */
  failFirstNotifications?: number;
  /** Retry back-off base: attempt k+1 waits retryBaseMs × 2^k (default 200 ms). */
  retryBaseMs?: number;
  /** Retries after the first attempt (default 8). */
  maxRetries?: number;
  /** The gateway's clock (signatures, expiry, paid_at, occurred_at). Default: the system clock. */
  clock?: () => Date;
}

export interface SimRefund {
  refundId: string;
  amount: number;
  reason: string;
  response: RefundResponse;
}

export interface SimOrder {
  orderId: string;
  paymentId: string;
  amount: number;
  reference: string;
  description: string;
  returnUrl: string;
  notifyUrl: string;
  expiresAt: string;
  createdAt: string;
  status: GatewayOrderStatus;
  txnRef?: string;
  paidAt?: string;
  /** When the order reached its final state. */
  completedAt?: string;
  refunds: SimRefund[];
}

/** One attempt to deliver one copy of a notification. */
export interface SimDelivery {
  orderId: string;
  eventId: string;
  status: GatewayFinalStatus;
  /** Which copy (1…duplicates; the stale event of outOfOrder is a copy of its own event). */
  copy: number;
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number;
  /** The receiver's HTTP status; null on a network error or timeout. */
  statusCode: number | null;
  error?: string;
  /** Counted as failed by failFirstNotifications whatever the answer. */
  forcedFailure?: boolean;
  acknowledged: boolean;
  at: string;
  body: NotificationBody;
}

export type PayerAction = 'approve' | 'decline' | 'cancel';
const ACTION_STATUS: Record<PayerAction, GatewayFinalStatus> = { approve: 'success', decline: 'failed', cancel: 'cancelled' };

const MAX_BODY = 64 * 1024;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** 16000 → "16.000 ₫" (dấu chấm phân cách hàng nghìn, non-breaking space before the sign). */
export const formatVnd = (amount: number) => `${String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export class GatewaySimulator {
  private readonly byId = new Map<string, SimOrder>();
  private readonly byPayment = new Map<string, SimOrder>();
  private readonly log: SimDelivery[] = [];
  private server: http.Server | null = null;
  private life = new AbortController();
  private inflight = new Set<Promise<void>>();
  private attempts = 0;
  private seq = 0;
  private baseUrl = '';

  constructor(private readonly o: GatewaySimulatorOptions) {
    if (!o.merchantKey) throw new Error('GatewaySimulator: merchantKey is required');
  }

  private now(): Date {
    return this.o.clock ? this.o.clock() : new Date();
  }

  /** Listens on loopback; the URL is the base of both the API and the payment pages. */
  async start(): Promise<{ url: string }> {
    if (this.server) return { url: this.baseUrl };
    this.life = new AbortController();
    const host = this.o.host ?? '127.0.0.1';
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.o.port ?? 0, host, () => resolve());
    });
    const port = (this.server.address() as AddressInfo).port;
    this.baseUrl = `http://${host}:${port}`;
    return { url: this.baseUrl };
  }

  /** Stops listening and abandons the notifications not yet acknowledged. */
  async stop(): Promise<void> {
    this.life.abort();
    await Promise.allSettled([...this.inflight]);
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())));
  }

  /** A copy of every order, oldest first. */
  orders(): SimOrder[] {
    return [...this.byId.values()].map((x) => ({ ...x, refunds: x.refunds.map((r) => ({ ...r })) }));
  }

  order(orderId: string): SimOrder | undefined {
    const x = this.byId.get(orderId);
    return x && { ...x, refunds: x.refunds.map((r) => ({ ...r })) };
  }

  /** Every notification attempt so far, in the order they were made. */
  deliveries(): SimDelivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  /**
   * As if the payer clicked a button of the payment page: marks the order and schedules its notifications. Returns the
   * signed return URL the browser would be redirected to. Throws when the order is unknown, expired or already final.
   */
  complete(orderId: string, status: GatewayFinalStatus): string {
    const order = this.byId.get(orderId);
    if (!order) throw new Error(`gateway simulator: no order ${orderId}`);
    if (this.expired(order)) throw new Error(`gateway simulator: order ${orderId} has expired`);
    if (order.status !== 'pending') throw new Error(`gateway simulator: order ${orderId} is already ${order.status}`);
    return this.finish(order, status);
  }

  // --- State ---------------------------------------------------------------------------------------------------------

  private expired(order: SimOrder): boolean {
    return order.status === 'pending' && this.now().getTime() > Date.parse(order.expiresAt);
  }

  private finish(order: SimOrder, status: GatewayFinalStatus): string {
    const at = this.now();
    order.status = status;
    order.completedAt = at.toISOString();
    if (status === 'success') {
      order.txnRef = `FT${at.toISOString().slice(2, 10).replace(/-/g, '')}${String(++this.seq).padStart(6, '0')}${randomBytes(2).toString('hex').toUpperCase()}`;
      order.paidAt = at.toISOString();
    }
    const final: NotificationBody = { event_id: `evt_${randomUUID()}`, order_id: order.orderId, payment_id: order.paymentId, status, amount: order.amount, txn_ref: order.txnRef ?? null, occurred_at: at.toISOString() };
    const copies: NotificationBody[] = Array.from({ length: Math.max(1, this.o.duplicates ?? 1) }, () => final);
    if (this.o.outOfOrder) {
      // An earlier declined attempt, reported late: between the order's creation and its final state.
      const created = Date.parse(order.createdAt);
      let earlier = Math.max(created, at.getTime() - 1000);
      if (earlier >= at.getTime()) earlier = at.getTime() - 1;
      copies.push({ event_id: `evt_${randomUUID()}`, order_id: order.orderId, payment_id: order.paymentId, status: 'failed', amount: order.amount, txn_ref: null, occurred_at: new Date(earlier).toISOString() });
    }
    this.track(this.deliverAll(order.notifyUrl, copies));
    const q = signReturn(this.o.merchantKey, { order_id: order.orderId, payment_id: order.paymentId, status, amount: String(order.amount) }, unixSeconds(at));
    const url = new URL(order.returnUrl);
    for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
    return url.toString();
  }

  private track(p: Promise<void>) {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  // --- Notifications -------------------------------------------------------------------------------------------------

  private async deliverAll(url: string, bodies: NotificationBody[]): Promise<void> {
    try {
      await delay(this.o.notifyDelayMs ?? 20, undefined, { signal: this.life.signal });
      const copyOf = new Map<string, number>();
      for (const body of bodies) {
        const copy = (copyOf.get(body.event_id) ?? 0) + 1;
        copyOf.set(body.event_id, copy);
        await this.deliver(url, body, copy);
      }
    } catch {
      /* stopped */
    }
  }

  /** Delivers one copy, retrying with back-off until acknowledged or out of retries. Rejects when stopped. */
  private async deliver(url: string, body: NotificationBody, copy: number): Promise<void> {
    const raw = JSON.stringify(body);
    const maxRetries = this.o.maxRetries ?? 8;
    const base = this.o.retryBaseMs ?? 200;
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      if (this.life.signal.aborted) throw new Error('stopped');
      const forced = this.attempts++ < (this.o.failFirstNotifications ?? 0);
      let statusCode: number | null = null;
      let error: string | undefined;
      try {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(this.o.merchantKey, unixSeconds(this.now()), raw) },
          body: raw,
          signal: AbortSignal.any([this.life.signal, AbortSignal.timeout(5000)]),
        });
        statusCode = r.status;
        await r.arrayBuffer().catch(() => undefined);
      } catch (e) {
        if (this.life.signal.aborted) throw e;
        error = e instanceof Error ? e.message : String(e);
      }
      const acknowledged = !forced && statusCode !== null && statusCode >= 200 && statusCode < 300;
      this.log.push({ orderId: body.order_id, eventId: body.event_id, status: body.status, copy, attempt, statusCode, ...(error ? { error } : {}), ...(forced ? { forcedFailure: true } : {}), acknowledged, at: this.now().toISOString(), body });
      if (acknowledged) return;
      if (attempt <= maxRetries) await delay(base * 2 ** (attempt - 1), undefined, { signal: this.life.signal });
    }
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      const raw = await readBody(req);
      const target = req.url ?? '/';
      const url = new URL(target, 'http://gateway');
      const method = req.method ?? 'GET';
      let m: RegExpExecArray | null;
      if (method === 'POST' && url.pathname === '/api/v1/orders') return json(...this.createOrder(req, raw));
      if (method === 'GET' && (m = /^\/api\/v1\/orders\/([^/]+)$/.exec(url.pathname))) return json(...this.readOrder(req, target, decodeURIComponent(m[1])));
      if (method === 'POST' && (m = /^\/api\/v1\/orders\/([^/]+)\/refunds$/.exec(url.pathname))) return json(...this.refund(req, raw, decodeURIComponent(m[1])));
      if (method === 'GET' && (m = /^\/pay\/([^/]+)$/.exec(url.pathname))) return this.payPage(res, decodeURIComponent(m[1]));
      if (method === 'POST' && (m = /^\/pay\/([^/]+)\/(approve|decline|cancel)$/.exec(url.pathname))) return this.payerAction(res, decodeURIComponent(m[1]), m[2] as PayerAction);
      json(404, { code: 'NOT_FOUND' });
    } catch (e) {
      if (e instanceof HttpError) return json(e.status, { code: e.code });
      json(400, { code: 'BAD_REQUEST' });
    }
  }

  private authenticate(ok: ReturnType<typeof verifyBody>) {
    if (!ok.ok) throw new HttpError(401, ok.reason === 'stale' ? 'SIGNATURE_EXPIRED' : 'UNAUTHORIZED');
  }

  private createOrder(req: http.IncomingMessage, raw: Buffer): [number, CreateOrderResponse | { code: string }] {
    this.authenticate(verifyBody(this.o.merchantKey, req.headers[SIGNATURE_HEADER], raw, unixSeconds(this.now())));
    const b = JSON.parse(raw.toString('utf8')) as Partial<CreateOrderBody>;
    const str = (v: unknown) => typeof v === 'string' && v.length > 0;
    if (!str(b.payment_id) || !Number.isSafeInteger(b.amount) || b.amount! <= 0 || b.currency !== 'VND' || !str(b.return_url) || !str(b.notify_url) || !str(b.expires_at) || Number.isNaN(Date.parse(b.expires_at!))) {
      return [400, { code: 'INVALID_ORDER' }];
    }
    if (!isHttpUrl(b.return_url!) || !isHttpUrl(b.notify_url!)) return [400, { code: 'INVALID_URL' }];
    const seen = this.byPayment.get(b.payment_id!);
    if (seen) {
      // A retried create (the first answer was lost): the same order; another amount is a different request.
      if (seen.amount !== b.amount) return [409, { code: 'PAYMENT_ID_REUSED' }];
      return [200, { order_id: seen.orderId, pay_url: this.payUrl(seen), status: seen.status }];
    }
    const order: SimOrder = {
      orderId: `GW${String(++this.seq).padStart(6, '0')}${randomBytes(3).toString('hex').toUpperCase()}`,
      paymentId: b.payment_id!,
      amount: b.amount!,
      reference: String(b.reference ?? ''),
      description: String(b.description ?? ''),
      returnUrl: b.return_url!,
      notifyUrl: b.notify_url!,
      expiresAt: new Date(b.expires_at!).toISOString(),
      createdAt: this.now().toISOString(),
      status: 'pending',
      refunds: [],
    };
    this.byId.set(order.orderId, order);
    this.byPayment.set(order.paymentId, order);
    return [201, { order_id: order.orderId, pay_url: this.payUrl(order), status: order.status }];
  }

  private payUrl(order: SimOrder) {
    return `${this.baseUrl}/pay/${encodeURIComponent(order.orderId)}`;
  }

  private readOrder(req: http.IncomingMessage, target: string, orderId: string): [number, OrderStatusBody | { code: string }] {
    this.authenticate(verifyRequest(this.o.merchantKey, req.headers[SIGNATURE_HEADER], 'GET', target, unixSeconds(this.now())));
    const order = this.byId.get(orderId);
    if (!order) return [404, { code: 'ORDER_NOT_FOUND' }];
    return [200, { order_id: order.orderId, payment_id: order.paymentId, status: order.status, amount: order.amount, ...(order.txnRef ? { txn_ref: order.txnRef } : {}), ...(order.paidAt ? { paid_at: order.paidAt } : {}) }];
  }

  private refund(req: http.IncomingMessage, raw: Buffer, orderId: string): [number, RefundResponse | { code: string }] {
    this.authenticate(verifyBody(this.o.merchantKey, req.headers[SIGNATURE_HEADER], raw, unixSeconds(this.now())));
    const order = this.byId.get(orderId);
    if (!order) return [404, { code: 'ORDER_NOT_FOUND' }];
    const b = JSON.parse(raw.toString('utf8')) as Partial<RefundBody>;
    if (typeof b.refund_id !== 'string' || !b.refund_id || typeof b.amount !== 'number') return [400, { code: 'INVALID_REFUND' }];
    const again = order.refunds.find((r) => r.refundId === b.refund_id);
    if (again) return [200, again.response];
    const refunded = order.refunds.filter((r) => r.response.status !== 'error').reduce((s, r) => s + r.amount, 0);
    const ref = `RF${String(++this.seq).padStart(6, '0')}`;
    let response: RefundResponse;
    if (order.status !== 'success') response = { refund_ref: ref, status: 'error', reason: 'order_not_paid' };
    else if (!Number.isSafeInteger(b.amount) || b.amount <= 0) response = { refund_ref: ref, status: 'error', reason: 'invalid_amount' };
    else if (refunded + b.amount > order.amount) response = { refund_ref: ref, status: 'error', reason: 'amount_exceeds_paid' };
    else response = { refund_ref: ref, status: 'success' };
    order.refunds.push({ refundId: b.refund_id, amount: b.amount, reason: String(b.reason ?? ''), response });
    return [200, response];
  }

  // --- The payer's pages ---------------------------------------------------------------------------------------------

  /** `formTargets`: origins a form of the page may end up at (browsers apply form-action to the redirect after the post too). */
  private html(res: http.ServerResponse, status: number, title: string, body: string, formTargets: string[] = []) {
    const formAction = ["'self'", ...formTargets].join(' ');
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}`, 'cache-control': 'no-store' });
    res.end(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Cổng thanh toán mô phỏng</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#0b0c0c;background:#f3f2f1}main{max-width:32rem;margin:2rem auto;background:#fff;padding:1.5rem;border-top:.4rem solid #b10e1e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}dd{margin:0}.amount{font-size:1.5rem;font-weight:700}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}form{margin:0}button{font:inherit;padding:.6rem 1.2rem;border:2px solid #0b0c0c;background:#fff;cursor:pointer}
button.pay{background:#00703c;border-color:#00703c;color:#fff}button:focus-visible{outline:3px solid #fd0;outline-offset:2px}.note{color:#505a5f;font-size:.9rem}</style></head>
<body><main><p class="note">Cổng thanh toán mô phỏng / Simulated payment gateway</p>${body}</main></body></html>`);
  }

  private details(order: SimOrder) {
    return `<dl>
<dt>Số tiền</dt><dd class="amount">${escapeHtml(formatVnd(order.amount))}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(order.description)}</dd>
<dt>Mã tham chiếu</dt><dd>${escapeHtml(order.reference)}</dd>
<dt>Mã đơn hàng</dt><dd>${escapeHtml(order.orderId)}</dd>
<dt>Hết hạn lúc</dt><dd><time datetime="${escapeHtml(order.expiresAt)}">${escapeHtml(order.expiresAt.replace('T', ' ').slice(0, 19))} UTC</time></dd>
</dl>`;
  }

  private payPage(res: http.ServerResponse, orderId: string) {
    const order = this.byId.get(orderId);
    if (!order) return this.html(res, 404, 'Không tìm thấy giao dịch', '<h1>Không tìm thấy giao dịch</h1><p>Đường dẫn thanh toán không đúng hoặc đã bị xóa.</p>');
    if (this.expired(order)) return this.html(res, 410, 'Giao dịch đã hết hạn', `<h1>Giao dịch đã hết hạn</h1>${this.details(order)}<p>Vui lòng quay lại Cổng dịch vụ công để tạo yêu cầu thanh toán mới.</p>`);
    if (order.status !== 'pending') return this.html(res, 409, 'Giao dịch đã được xử lý', `<h1>Giao dịch đã được xử lý</h1>${this.details(order)}<p>Trạng thái: ${escapeHtml(statusVi(order.status))}.</p>`);
    const action = (a: PayerAction) => `/pay/${encodeURIComponent(order.orderId)}/${a}`;
    this.html(
      res,
      200,
      'Thanh toán',
      `<h1>Cổng thanh toán mô phỏng</h1>${this.details(order)}
<div class="actions" role="group" aria-label="Chọn thao tác thanh toán">
<form method="post" action="${action('approve')}"><button type="submit" class="pay">Thanh toán</button></form>
<form method="post" action="${action('decline')}"><button type="submit">Từ chối</button></form>
<form method="post" action="${action('cancel')}"><button type="submit">Hủy</button></form>
</div>`,
      // The post answers 303 to MotCua's return address: without its origin here the browser blocks that redirect.
      [new URL(order.returnUrl).origin],
    );
  }

  private payerAction(res: http.ServerResponse, orderId: string, action: PayerAction) {
    const order = this.byId.get(orderId);
    if (!order) return this.html(res, 404, 'Không tìm thấy giao dịch', '<h1>Không tìm thấy giao dịch</h1>');
    if (this.expired(order)) return this.html(res, 410, 'Giao dịch đã hết hạn', `<h1>Giao dịch đã hết hạn</h1>${this.details(order)}<p>Giao dịch không thể thanh toán.</p>`);
    if (order.status !== 'pending') return this.html(res, 409, 'Giao dịch đã được xử lý', `<h1>Giao dịch đã được xử lý</h1>${this.details(order)}`);
    const location = this.finish(order, ACTION_STATUS[action]);
    res.writeHead(303, { location, 'cache-control': 'no-store' });
    res.end();
  }
}

const statusVi = (s: GatewayOrderStatus) => ({ pending: 'đang chờ thanh toán', success: 'đã thanh toán', failed: 'bị từ chối', cancelled: 'đã hủy' })[s];

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'BODY_TOO_LARGE');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
