/**
 * One interface for every channel: the sender hands a message to the channel's Notifier and gets an outcome back.
 * Adapters translate to a carrier's protocol (SMTP, an SMS aggregator's HTTP API, Zalo ZNS); the in-app channel
 * needs none (its messages are delivered when they are created).
 */
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

/** Fetch with a timeout; network errors and timeouts become temporary outcomes in the adapters. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs = 10_000): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, headers: res.headers };
}

export function retryAfterMs(h: Headers): number | undefined {
  const v = h.get('retry-after');
  if (!v) return undefined;
  const s = Number(v);
  return Number.isFinite(s) ? s * 1000 : undefined;
}
