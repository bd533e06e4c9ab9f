/**
 * Outgoing webhooks (GOV.UK Pay's shape): an integrator registers an endpoint for an agency's payments and is told
 * of every change — a JSON event with the payment resource, header `Pay-Signature` = hex HMAC-SHA-256 of the body
 * with the webhook's secret (and, for a day after a rotation, `Pay-Signature-Previous` with the old one). Deliveries
 * are recorded in the outbox's dispatcher transaction (never lost), posted until a 2xx answer with back-off, and
 * kept as the delivery log. Events may arrive out of order: each carries the payment's state at that moment.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import type { PublishedEvent } from '../../platform/events/outbox';
import { paymentErrors as E } from './payment.errors';
import { paymentWebhookDeliveries, paymentWebhooks, payments } from './payment.schema';
import { FINANCE_ROLES, type PaymentService } from './payment.service';

export type WebhookRow = typeof paymentWebhooks.$inferSelect;
export type DeliveryRow = typeof paymentWebhookDeliveries.$inferSelect;

/** Attempts before a delivery is given up (failed, kept in the log). */
export const MAX_ATTEMPTS = 10;
/** How long the previous secret still signs after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const TIMEOUT_MS = 15_000;

export const signWebhook = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export class Webhooks {
  constructor(
    private readonly db: Db,
    private readonly payments: PaymentService,
    private readonly opts: { now: () => Date; backoffBaseMs?: number; fetch?: typeof fetch },
  ) {}

  async create(tx: Tx, principal: Principal, actor: Actor, body: { agency_id: string; url: string; description: string }, now: Date): Promise<WebhookRow> {
    await this.payments.requireRole(principal, ['agency_admin'], body.agency_id, tx);
    const [row] = await tx.insert(paymentWebhooks).values({ id: randomUUID(), agencyId: body.agency_id, url: body.url, description: body.description.normalize('NFC').trim(), secret: newSecret(), active: 'active', createdBy: principal.accountId, createdAt: now }).returning();
    await appendAudit(tx, actor, { action: 'payment.webhook_created', targetType: 'payment_webhook', targetId: row.id, after: { url: row.url, agencyId: row.agencyId }, agencyId: row.agencyId }, now);
    return row;
  }

  async list(principal: Principal, agencyId: string): Promise<WebhookRow[]> {
    await this.payments.requireRole(principal, FINANCE_ROLES, agencyId);
    return this.db.select().from(paymentWebhooks).where(eq(paymentWebhooks.agencyId, agencyId)).orderBy(asc(paymentWebhooks.createdAt));
  }

  private async mine(principal: Principal, id: string, db: DbOrTx, roles = FINANCE_ROLES): Promise<WebhookRow> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id) ? await db.select().from(paymentWebhooks).where(eq(paymentWebhooks.id, id)) : [];
    if (!row) throw E.notFound({ vi: 'Không tìm thấy webhook.', en: 'Webhook not found.' });
    await this.payments.requireRole(principal, roles, row.agencyId, db);
    return row;
  }

  /** A new secret; the old one keeps signing (a second header) for a day, so the receiver can switch without a gap. */
  async rotate(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<WebhookRow> {
    const row = await this.mine(principal, id, tx, ['agency_admin']);
    const [updated] = await tx.update(paymentWebhooks).set({ secret: newSecret(), previousSecret: row.secret, previousUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS) }).where(eq(paymentWebhooks.id, id)).returning();
    await appendAudit(tx, actor, { action: 'payment.webhook_secret_rotated', targetType: 'payment_webhook', targetId: id, agencyId: row.agencyId }, now);
    return updated;
  }

  async deliveries(principal: Principal, id: string): Promise<DeliveryRow[]> {
    await this.mine(principal, id, this.db);
    return this.db.select().from(paymentWebhookDeliveries).where(eq(paymentWebhookDeliveries.webhookId, id)).orderBy(desc(paymentWebhookDeliveries.createdAt)).limit(200);
  }

  /** Records the deliveries of a payment event for the agency's endpoints (in the dispatcher's transaction). */
  async record(event: PublishedEvent, tx: DbOrTx): Promise<number> {
    if (!event.type.startsWith('payment.') || event.aggregateType !== 'payment') return 0;
    const agencyId = String(event.payload.agencyId ?? '');
    if (!agencyId) return 0;
    const hooks = await tx.select().from(paymentWebhooks).where(and(eq(paymentWebhooks.agencyId, agencyId), eq(paymentWebhooks.active, 'active')));
    if (!hooks.length) return 0;
    const [p] = await tx.select().from(payments).where(eq(payments.id, event.aggregateId));
    if (!p) return 0;
    const now = this.opts.now();
    const body = {
      webhook_message_id: event.id,
      created_date: now.toISOString(),
      event_type: event.type,
      resource_id: p.id,
      resource_type: 'payment',
      resource: { payment_id: p.id, amount: p.amountVnd, reference: p.reference, description: p.description, payment_provider: p.provider, state: { status: String(event.payload.status ?? p.status) }, metadata: p.metadata, created_date: p.createdAt.toISOString() },
    };
    await tx
      .insert(paymentWebhookDeliveries)
      .values(hooks.map((h) => ({ id: randomUUID(), webhookId: h.id, eventId: event.id, eventType: event.type, paymentId: p.id, body: body as Record<string, unknown>, status: 'pending' as const, nextAt: now, createdAt: now })))
      .onConflictDoNothing();
    return hooks.length;
  }

  /** Posts the deliveries that are due; returns how many were acknowledged. */
  async runOnce(limit = 50): Promise<number> {
    const now = this.opts.now();
    const due = await this.db.select().from(paymentWebhookDeliveries).where(and(eq(paymentWebhookDeliveries.status, 'pending'), lte(paymentWebhookDeliveries.nextAt, now))).orderBy(asc(paymentWebhookDeliveries.nextAt)).limit(limit);
    let ok = 0;
    await Promise.all(
      due.map(async (d) => {
        const [hook] = await this.db.select().from(paymentWebhooks).where(eq(paymentWebhooks.id, d.webhookId));
        if (!hook) return;
        const raw = JSON.stringify(d.body);
        const headers: Record<string, string> = { 'content-type': 'application/json', 'pay-signature': signWebhook(hook.secret, raw) };
        if (hook.previousSecret && hook.previousUntil && hook.previousUntil.getTime() > now.getTime()) headers['pay-signature-previous'] = signWebhook(hook.previousSecret, raw);
        let status: number | null = null;
        let error: string | null = null;
        try {
          const res = await (this.opts.fetch ?? fetch)(hook.url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
          status = res.status;
          await res.arrayBuffer().catch(() => undefined);
        } catch (e) {
          error = (e as Error).name === 'TimeoutError' ? 'timeout' : 'network_error';
        }
        const attempts = d.attempts + 1;
        const delivered = status !== null && status >= 200 && status < 300;
        const at = this.opts.now();
        const backoff = Math.min((this.opts.backoffBaseMs ?? 1000) * 2 ** (attempts - 1), 3_600_000);
        await this.db
          .update(paymentWebhookDeliveries)
          .set({ attempts, lastStatusCode: status, lastError: delivered ? null : (error ?? `http_${status}`), status: delivered ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', nextAt: new Date(at.getTime() + backoff), deliveredAt: delivered ? at : null })
          .where(eq(paymentWebhookDeliveries.id, d.id));
        if (delivered) ok++;
      }),
    );
    return ok;
  }
}

/**
 * The operator's rotation (`motcua keys rotate-webhooks`): every active webhook, or those of one agency, gets a new
 * secret with the same day of overlap as the API's rotation. Returns the rotated webhooks' ids and agencies.
 */
export async function rotateWebhookSecrets(db: Db, actor: Actor, agencyId: string | null, now: Date): Promise<Array<{ id: string; agencyId: string }>> {
  return db.transaction(async (tx) => {
    const active = eq(paymentWebhooks.active, 'active');
    const rows = await tx.select().from(paymentWebhooks).where(agencyId ? and(active, eq(paymentWebhooks.agencyId, agencyId)) : active);
    for (const row of rows) {
      await tx.update(paymentWebhooks).set({ secret: newSecret(), previousSecret: row.secret, previousUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS) }).where(eq(paymentWebhooks.id, row.id));
      await appendAudit(tx, actor, { action: 'payment.webhook_secret_rotated', targetType: 'payment_webhook', targetId: row.id, agencyId: row.agencyId }, now);
    }
    return rows.map((r) => ({ id: r.id, agencyId: r.agencyId }));
  });
}
