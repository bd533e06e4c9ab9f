/**
 * The payment gateway adapter (kênh cổng thanh toán): MotCua's PaymentProvider over the protocol in protocol.ts.
 * The payer is redirected to the gateway's page; the outcome arrives as a signed server-to-server notification (the
 * truth) and as a signed browser return (only a hint of what to show: the notification or `status()` decides).
 *
 * Any failure to get a usable answer from the gateway (network error, timeout, 5xx, an unexpected 4xx such as a
 * refused signature, or a malformed body) is `payment.provider_unavailable`; the detail says which.
 */
import { paymentErrors } from '../payment.errors';
import type {
  PaymentProvider,
  ProviderCreated,
  ProviderCreateRequest,
  ProviderNotification,
  ProviderRefundRequest,
  ProviderRefundResult,
  ProviderStatus,
  VerifiedNotification,
} from '../payment.provider';
import {
  returnSignatureValid,
  SIGNATURE_HEADER,
  signBody,
  signRequest,
  unixSeconds,
  verifyBody,
  type CreateOrderBody,
  type CreateOrderResponse,
  type GatewayOrderStatus,
  type NotificationBody,
  type OrderStatusBody,
  type RefundBody,
  type RefundResponse,
} from './protocol';

export interface GatewayProviderOptions {
  /** The gateway's base URL (PAYMENT_GATEWAY_URL), e.g. http://127.0.0.1:4030. */
  baseUrl: string;
  /** The merchant key shared with the gateway (PAYMENT_GATEWAY_KEY). */
  merchantKey: string;
  /** Where the gateway posts its notifications (MotCua's public notification endpoint). */
  notifyUrl: string;
  /** Signatures and freshness checks. Default: the system clock. */
  clock?: () => Date;
  /** Per call to the gateway (default 10 000 ms). */
  timeoutMs?: number;
}

/** What the payer's browser brought back, once its signature is checked. */
export interface VerifiedReturn {
  paymentId: string;
  orderId: string;
  status: GatewayOrderStatus;
  amountVnd: number;
}

const STATUSES: readonly GatewayOrderStatus[] = ['pending', 'success', 'failed', 'cancelled'];
const bi = (vi: string, en: string) => ({ vi, en });
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function header(headers: ProviderNotification['headers'], name: string): string | string[] | undefined {
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export class GatewayProvider implements PaymentProvider {
  readonly kind = 'gateway' as const;
  private readonly base: string;

  constructor(private readonly o: GatewayProviderOptions) {
    if (!o.merchantKey) throw new Error('GatewayProvider: merchantKey is required');
    this.base = o.baseUrl.replace(/\/+$/, '');
  }

  private now(): Date {
    return this.o.clock ? this.o.clock() : new Date();
  }

  async create(req: ProviderCreateRequest): Promise<ProviderCreated> {
    const body: CreateOrderBody = {
      payment_id: req.paymentId,
      amount: req.amountVnd,
      currency: 'VND',
      reference: req.reference,
      description: req.description,
      return_url: req.returnUrl,
      notify_url: this.o.notifyUrl,
      expires_at: req.expiresAt.toISOString(),
    };
    const r = await this.call<CreateOrderResponse>('POST', '/api/v1/orders', body);
    if (!isStr(r.order_id) || !isStr(r.pay_url) || !/^https?:\/\//.test(r.pay_url)) throw this.unusable('create');
    return { providerRef: r.order_id, next: { kind: 'redirect', url: r.pay_url } };
  }

  async status(paymentId: string, providerRef: string): Promise<ProviderStatus> {
    const r = await this.call<OrderStatusBody>('GET', `/api/v1/orders/${encodeURIComponent(providerRef)}`);
    if (r.order_id !== providerRef || r.payment_id !== paymentId || !STATUSES.includes(r.status)) throw this.unusable('status');
    switch (r.status) {
      case 'pending':
        return { status: 'pending' };
      case 'failed':
        return { status: 'failed', reason: 'declined' };
      case 'cancelled':
        return { status: 'cancelled' };
      case 'success': {
        const paidAt = new Date(r.paid_at ?? '');
        if (!isAmount(r.amount) || !isStr(r.txn_ref) || Number.isNaN(paidAt.getTime())) throw this.unusable('status');
        return { status: 'success', amountVnd: r.amount, providerTxnRef: r.txn_ref, paidAt };
      }
    }
  }

  async refund(req: ProviderRefundRequest): Promise<ProviderRefundResult> {
    const body: RefundBody = { refund_id: req.refundId, amount: req.amountVnd, reason: req.reason };
    const r = await this.call<RefundResponse>('POST', `/api/v1/orders/${encodeURIComponent(req.providerRef)}/refunds`, body);
    if (r.status === 'error') return { status: 'error', reason: typeof r.reason === 'string' && r.reason ? r.reason : 'refused' };
    if ((r.status === 'success' || r.status === 'submitted') && isStr(r.refund_ref)) return { status: r.status, providerRefundRef: r.refund_ref };
    throw this.unusable('refund');
  }

  async verifyNotification(n: ProviderNotification): Promise<VerifiedNotification> {
    const check = verifyBody(this.o.merchantKey, header(n.headers, SIGNATURE_HEADER), n.rawBody, unixSeconds(this.now()));
    if (!check.ok) {
      if (check.reason === 'stale') throw paymentErrors.notificationReplayed(bi('Chữ ký của thông báo đã quá 5 phút', 'The notification signature is more than 5 minutes off'));
      throw paymentErrors.notificationUnauthenticated(
        check.reason === 'mismatch' ? bi('Chữ ký của thông báo không khớp', 'The notification signature does not match') : bi('Thiếu hoặc sai định dạng chữ ký X-Gateway-Signature', 'The X-Gateway-Signature header is missing or malformed'),
      );
    }
    let b: Partial<NotificationBody>;
    try {
      b = JSON.parse(n.rawBody.toString('utf8')) as Partial<NotificationBody>;
    } catch {
      throw paymentErrors.notificationInvalid(bi('Nội dung thông báo không phải JSON', 'The notification body is not JSON'));
    }
    const occurredAt = new Date(typeof b?.occurred_at === 'string' ? b.occurred_at : '');
    const outcome = b?.status;
    if (
      !b ||
      typeof b !== 'object' ||
      !isStr(b.event_id) ||
      !isStr(b.order_id) ||
      !isStr(b.payment_id) ||
      (outcome !== 'success' && outcome !== 'failed' && outcome !== 'cancelled') ||
      !isAmount(b.amount) ||
      Number.isNaN(occurredAt.getTime()) ||
      (outcome === 'success' && !isStr(b.txn_ref))
    ) {
      throw paymentErrors.notificationInvalid(bi('Thông báo thiếu trường hoặc sai kiểu dữ liệu', 'The notification lacks a field or has a wrong type'));
    }
    return {
      // A payment's one success is keyed by its transaction reference; other outcomes have none, so by their event.
      providerTxnRef: outcome === 'success' ? b.txn_ref! : b.event_id,
      paymentId: b.payment_id,
      providerRef: b.order_id,
      outcome,
      amountVnd: b.amount,
      occurredAt,
    };
  }

  /**
   * Checks the query the payer's browser brought back to the return URL. It tells what to show the payer while the
   * notification is on its way; it never settles a payment. Its age is not checked (a payer may come back late).
   */
  verifyReturn(query: Record<string, string>): VerifiedReturn {
    if (!returnSignatureValid(this.o.merchantKey, query)) {
      throw paymentErrors.notificationUnauthenticated(bi('Chữ ký của đường dẫn trả về không khớp', 'The return link signature does not match'));
    }
    const status = query.status as GatewayOrderStatus;
    const amount = /^\d{1,15}$/.test(query.amount) ? Number(query.amount) : NaN;
    if (!STATUSES.includes(status) || !isAmount(amount) || !isStr(query.order_id) || !isStr(query.payment_id)) {
      throw paymentErrors.notificationInvalid(bi('Đường dẫn trả về sai định dạng', 'The return link is malformed'));
    }
    return { paymentId: query.payment_id, orderId: query.order_id, status, amountVnd: amount };
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------------

  private unusable(what: string) {
    return paymentErrors.providerUnavailable(bi(`Cổng thanh toán trả lời không hợp lệ (${what})`, `The gateway gave an unusable answer (${what})`));
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const t = unixSeconds(this.now());
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const signature = raw === undefined ? signRequest(this.o.merchantKey, t, method, path) : signBody(this.o.merchantKey, t, raw);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { accept: 'application/json', [SIGNATURE_HEADER]: signature, ...(raw === undefined ? {} : { 'content-type': 'application/json' }) },
        body: raw,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      text = await res.text();
    } catch (e) {
      const why = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timeout' : 'network';
      throw paymentErrors.providerUnavailable(bi(`Không kết nối được cổng thanh toán (${why})`, `Could not reach the payment gateway (${why})`));
    }
    if (!res.ok) {
      throw paymentErrors.providerUnavailable(bi(`Cổng thanh toán trả lời mã ${res.status}`, `The payment gateway answered ${res.status}`));
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
      return parsed as T;
    } catch {
      throw this.unusable(`${method} ${path.split('/').slice(0, 4).join('/')}`);
    }
  }
}
