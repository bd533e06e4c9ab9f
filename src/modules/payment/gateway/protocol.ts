/**
 * The wire protocol of the payment gateway (cổng thanh toán), shared by MotCua's adapter (provider.ts) and the
 * simulated gateway (simulator.ts). No I/O here: body types, signing and verification only.
 *
 * The national payment platform's own specification is not public, so this is the protocol our simulator speaks,
 * modelled on what card and e-wallet gateways commonly do:
 *
 * - Every server-to-server call (MotCua → gateway) and every notification (gateway → MotCua) carries
 *   `X-Gateway-Signature: t=<unix seconds>,v1=<hex>`, an HMAC-SHA256 with the merchant key (khóa bí mật của đơn vị)
 *   over `${t}.${rawBody}` — the exact bytes sent, never a re-serialisation.
 * - A GET has no body; its MAC is over `${t}.${method} ${pathAndQuery}`, e.g. `1764700000.GET /api/v1/orders/GW1`.
 * - A signature older or newer than {@link MAX_SKEW_SECONDS} is refused as replayed.
 * - The payer's browser comes back to the return URL with `order_id, payment_id, status, amount, t, sig`, where `sig`
 *   is the HMAC over the canonical query string of the other five (sorted by name, `name=encodeURIComponent(value)`
 *   joined by `&`). Other query parameters of the return URL are not signed and are ignored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header (as node lower-cases it). */
export const SIGNATURE_HEADER = 'x-gateway-signature';
/** How far a signature's timestamp may be from the receiver's clock, in seconds. */
export const MAX_SKEW_SECONDS = 300;

export type GatewayOrderStatus = 'pending' | 'success' | 'failed' | 'cancelled';
/** The final states an order reaches (and a notification reports). */
export type GatewayFinalStatus = Exclude<GatewayOrderStatus, 'pending'>;

/** `POST /api/v1/orders` */
export interface CreateOrderBody {
  /** MotCua's payment id; the same id again returns the same order (a retried create). */
  payment_id: string;
  /** Whole VND. */
  amount: number;
  currency: 'VND';
  reference: string;
  description: string;
  return_url: string;
  notify_url: string;
  /** ISO 8601; the order cannot be paid afterwards. */
  expires_at: string;
}

export interface CreateOrderResponse {
  order_id: string;
  pay_url: string;
  status: GatewayOrderStatus;
}

/** `GET /api/v1/orders/:id` */
export interface OrderStatusBody {
  order_id: string;
  payment_id: string;
  status: GatewayOrderStatus;
  amount: number;
  /** The gateway's transaction reference (mã giao dịch), once paid. */
  txn_ref?: string;
  /** ISO 8601, once paid. */
  paid_at?: string;
}

/** A server-to-server notification (POST to notify_url). */
export interface NotificationBody {
  /** Unique per event; the copies of one event (duplicates, retries) share it. */
  event_id: string;
  order_id: string;
  payment_id: string;
  status: GatewayFinalStatus;
  amount: number;
  /** The transaction reference of a successful payment; null for a failure or a cancellation. */
  txn_ref: string | null;
  /** ISO 8601: when the event happened at the gateway (not when it was sent). */
  occurred_at: string;
}

/** `POST /api/v1/orders/:id/refunds` */
export interface RefundBody {
  /** MotCua's refund id; the same id again returns the first answer. */
  refund_id: string;
  amount: number;
  reason: string;
}

export interface RefundResponse {
  refund_ref: string;
  status: 'success' | 'submitted' | 'error';
  reason?: string;
}

/** The query the payer's browser brings back to the return URL. */
export interface ReturnQuery {
  order_id: string;
  payment_id: string;
  status: GatewayOrderStatus;
  amount: string;
  t: string;
  sig: string;
}

export const RETURN_FIELDS = ['amount', 'order_id', 'payment_id', 'status', 't'] as const;

const hmacHex = (key: string, parts: (string | Buffer)[]) => {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** Unix seconds of a date. */
export const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The MAC of a request or notification body: over `${t}.${rawBody}`. */
export function bodyMac(key: string, t: number, rawBody: string | Buffer): string {
  return hmacHex(key, [`${t}.`, rawBody]);
}

/** The MAC of a body-less request: over `${t}.${method} ${pathAndQuery}`. */
export function requestMac(key: string, t: number, method: string, pathAndQuery: string): string {
  return hmacHex(key, [`${t}.${method.toUpperCase()} ${pathAndQuery}`]);
}

/** `t=<t>,v1=<mac>` for a body (POST, notification). */
export function signBody(key: string, t: number, rawBody: string | Buffer): string {
  return `t=${t},v1=${bodyMac(key, t, rawBody)}`;
}

/** `t=<t>,v1=<mac>` for a GET (no body). */
export function signRequest(key: string, t: number, method: string, pathAndQuery: string): string {
  return `t=${t},v1=${requestMac(key, t, method, pathAndQuery)}`;
}

/** Reads `t=…,v1=…` (in any order; other members ignored). Null when malformed. */
export function parseSignatureHeader(header: string | string[] | undefined): { t: number; v1: string } | null {
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  if (!value) return null;
  let t: number | undefined;
  let v1: string | undefined;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v)) v1 = v.toLowerCase();
  }
  return t === undefined || v1 === undefined ? null : { t, v1 };
}

/** Constant-time comparison of two hex MACs. */
export function macEquals(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export type SignatureCheck = { ok: true; t: number } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

function check(header: string | string[] | undefined, nowSeconds: number, mac: (t: number) => string): SignatureCheck {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const sig = parseSignatureHeader(header);
  if (!sig) return { ok: false, reason: 'malformed' };
  // The MAC first: a forged message is unauthenticated whatever its timestamp; an authentic old one is replayed.
  if (!macEquals(mac(sig.t), sig.v1)) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - sig.t) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  return { ok: true, t: sig.t };
}

/** Checks the signature header of a body (POST, notification) against the exact raw bytes. */
export function verifyBody(key: string, header: string | string[] | undefined, rawBody: string | Buffer, nowSeconds: number): SignatureCheck {
  return check(header, nowSeconds, (t) => bodyMac(key, t, rawBody));
}

/** Checks the signature header of a body-less request. */
export function verifyRequest(key: string, header: string | string[] | undefined, method: string, pathAndQuery: string, nowSeconds: number): SignatureCheck {
  return check(header, nowSeconds, (t) => requestMac(key, t, method, pathAndQuery));
}

/** The canonical string the return signature covers: the five signed fields, sorted, URI-encoded. */
export function canonicalReturnQuery(q: Partial<Record<(typeof RETURN_FIELDS)[number], string>>): string {
  return RETURN_FIELDS.map((k) => `${k}=${encodeURIComponent(q[k] ?? '')}`).join('&');
}

/** The signed return query for the payer's browser. */
export function signReturn(key: string, fields: Omit<ReturnQuery, 'sig' | 't'>, t: number): ReturnQuery {
  const q = { ...fields, t: String(t) };
  return { ...q, sig: hmacHex(key, [canonicalReturnQuery(q)]) };
}

/** True when `sig` matches the five signed fields of the query. */
export function returnSignatureValid(key: string, query: Record<string, string | undefined>): boolean {
  const sig = query.sig;
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/i.test(sig)) return false;
  for (const k of RETURN_FIELDS) if (typeof query[k] !== 'string') return false;
  return macEquals(hmacHex(key, [canonicalReturnQuery(query)]), sig.toLowerCase());
}
