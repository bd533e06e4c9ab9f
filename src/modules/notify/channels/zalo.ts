import type { Notifier, OutgoingMessage, SendOutcome } from './notifier';
import { postJson } from './notifier';

/**
 * Zalo Notification Service (ZNS): a template approved by Zalo for the official account, sent to a phone number
 * (`84…`) with its data: `POST {base}/message/template`, header `access_token`, body `{ phone, template_id,
 * template_data, tracking_id }`; the answer is always HTTP 200 with `error` 0 (and `data.msg_id`) or a negative
 * code. `tracking_id` is our message id. Delivery comes back as the `user_received_message` webhook event.
 */
export class ZaloZnsNotifier implements Notifier {
  readonly channel = 'zalo' as const;
  constructor(private readonly o: { url: string; accessToken: string }) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    if (!m.zalo) return { kind: 'technical', reason: 'no ZNS template' };
    try {
      const r = await postJson(`${this.o.url}/message/template`, { phone: m.to, template_id: m.zalo.templateId, template_data: m.zalo.data, tracking_id: m.id }, { access_token: this.o.accessToken });
      if (r.status === 429 || r.status >= 500) return { kind: 'temporary', reason: `HTTP ${r.status}` };
      const code = Number(r.json?.error);
      if (r.status === 200 && code === 0 && r.json?.data?.msg_id) return { kind: 'accepted', carrierRef: String(r.json.data.msg_id), delivered: false };
      return classifyZnsError(Number.isFinite(code) ? code : -100);
    } catch (err) {
      return { kind: 'temporary', reason: (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
  }
}

/**
 * ZNS error classes (check the codes against Zalo's current list before production): invalid phone, no Zalo
 * account, user refusing OA messages or template/data problems never succeed; an invalid token is ours to fix;
 * an exhausted quota or an unknown error is worth retrying later.
 */
const PERMANENT = new Set([-108, -112, -118, -131, -139, -141]);
const TECHNICAL = new Set([-124, -1, -2, -3, -4, -5, -6]);
export function classifyZnsError(code: number): SendOutcome {
  const reason = `ZNS ${code}`;
  if (PERMANENT.has(code)) return { kind: 'permanent', reason };
  if (TECHNICAL.has(code)) return { kind: 'technical', reason };
  return { kind: 'temporary', reason };
}
