import type { Notifier, OutgoingMessage, SendOutcome } from './notifier';
import { postJson, retryAfterMs } from './notifier';

/**
 * An SMS aggregator's brandname API (JSON over HTTPS), the shape most Vietnamese aggregators offer:
 * `POST {base}/v1/sms` with a bearer key and `{ brandname, to, text, unicode, reference }`; 2xx `{ id, status }`,
 * 429/5xx try again, 4xx with `{ code }` never. The reference is our message id: a second submission with the same
 * reference is answered with the first one's id and not sent again. Delivery reports come to
 * `POST /api/notify/callbacks/sms`. Another aggregator's protocol is another class implementing Notifier.
 */
export class SmsAggregatorNotifier implements Notifier {
  readonly channel = 'sms' as const;
  constructor(private readonly o: { url: string; apiKey: string; unicode: boolean; callbackUrl?: string }) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    try {
      const r = await postJson(
        `${this.o.url}/v1/sms`,
        { brandname: m.from.brandname, to: m.to, text: m.text, unicode: this.o.unicode, reference: m.id, ...(this.o.callbackUrl ? { callback_url: this.o.callbackUrl } : {}) },
        { authorization: `Bearer ${this.o.apiKey}` },
      );
      if (r.status >= 200 && r.status < 300 && r.json?.id) return { kind: 'accepted', carrierRef: String(r.json.id), delivered: r.json.status === 'delivered' };
      if (r.status === 401 || r.status === 403) return { kind: 'technical', reason: `HTTP ${r.status} (API key refused)` };
      if (r.status === 429 || r.status >= 500) return { kind: 'temporary', reason: `HTTP ${r.status}`, retryAfterMs: retryAfterMs(r.headers) };
      return { kind: 'permanent', reason: `HTTP ${r.status} ${String(r.json?.code ?? '').slice(0, 60)}`.trim() };
    } catch (err) {
      return { kind: 'temporary', reason: (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
  }
}
