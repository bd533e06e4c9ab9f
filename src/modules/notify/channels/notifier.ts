/**
 * One interface for every channel: the sender hands a message to the channel's Notifier and gets an outcome back.
 * Adapters translate to a carrier's protocol (SMTP, an SMS aggregator's HTTP API, Zalo ZNS); the in-app channel
 * needs none (its messages are delivered when they are created).
 */
import http from 'node:http';
import https from 'node:https';
import type { ExternalChannel } from '../../../shared/notify';

export interface OutgoingMessage {
  /** The message id: the carrier's reference (de-duplication), the e-mail Message-ID's left part. */
  id: string;
  channel: ExternalChannel;
  to: string;
  subject?: string | null;
  text: string;
  html?: string | null;
  /** E-mail: display name and address; SMS: brandname; Zalo: official account id. */
  from: { email?: string; replyTo?: string | null; brandname?: string; oaId?: string | null };
  /** RFC 8058 one-click unsubscribe (non-mandatory e-mail only). */
  unsubscribeUrl?: string | null;
  zalo?: { templateId: string; data: Record<string, string> };
}

export type SendOutcome =
  /** Taken by the carrier; `delivered` when its answer already means delivered (an SMTP relay's 250). */
  | { kind: 'accepted'; carrierRef: string; delivered: boolean }
  /** Worth retrying later (carrier busy or unreachable, SMTP 4xx, rate limited). */
  | { kind: 'temporary'; reason: string; retryAfterMs?: number }
  /** Will never succeed (invalid number, mailbox does not exist). */
  | { kind: 'permanent'; reason: string }
  /** Our side: configuration, credentials, a bug. */
  | { kind: 'technical'; reason: string };

export interface Notifier {
  readonly channel: ExternalChannel;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close?(): Promise<void>;
}

/** Response headers, by lower-case name. */
export interface HeaderBag {
  get(name: string): string | null;
}

// Connections to the carriers are kept open and reused (one TCP/TLS handshake per connection, not per message).
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 128 }), https: new https.Agent({ keepAlive: true, maxSockets: 128 }) };

/**
 * POST JSON with a timeout over a kept-alive connection (node:http: far less CPU per request than fetch); network
 * errors and timeouts (`TimeoutError`) become temporary outcomes in the adapters.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs = 10_000, retried = false): Promise<{ status: number; json: any; headers: HeaderBag }> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      u,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          const h = res.headers;
          resolve({ status: res.statusCode ?? 0, json, headers: { get: (name) => { const v = h[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v); } } });
        });
      },
    );
    const timer = setTimeout(() => {
      const err = new Error('carrier timeout');
      err.name = 'TimeoutError';
      req.destroy(err);
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A kept-alive connection the carrier closed as we reused it: once more on a fresh one (the carriers take the
      // message id as their reference, so a request that did arrive is not sent twice).
      if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(postJson(url, body, headers, timeoutMs, true));
      else reject(err);
    });
    req.end(payload);
  });
}

export function retryAfterMs(h: HeaderBag): number | undefined {
  const v = h.get('retry-after');
  if (!v) return undefined;
  const s = Number(v);
  return Number.isFinite(s) ? s * 1000 : undefined;
}
