/** The payment module's tables (thanh toán không dùng tiền mặt), private to it. Amounts are whole VND. */
import { bigint, bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ProviderNextStep } from './payment.provider';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const vnd = (name: string) => bigint(name, { mode: 'number' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** How each agency collects: its bank account for VietQR transfers and the provider offered first. */
export const paymentAccounts = pgTable('payment_accounts', {
  agencyId: uuid('agency_id').primaryKey(),
  /** The providers offered to payers, first = default. */
  providers: jsonb('providers').$type<string[]>().notNull(),
  bankBin: text('bank_bin'),
  accountNumber: text('account_number'),
  accountName: text('account_name'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: uuid('updated_by'),
});

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    /** The short matching code in the transfer text (mã thanh toán), with its check character. */
    code: text('code').notNull(),
    dossierId: uuid('dossier_id'),
    /** The dossier code or the integrator's reference. */
    reference: text('reference').notNull(),
    description: text('description').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    agencyId: uuid('agency_id').notNull(),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref'),
    status: text('status').notNull(),
    returnUrl: text('return_url').notNull(),
    metadata: jsonb('metadata').$type<Record<string, string | number | boolean>>().notNull().default({}),
    next: jsonb('next').$type<ProviderNextStep>(),
    /** Who created it (the payer's account, or the system client). */
    createdBy: uuid('created_by'),
    payerName: text('payer_name').notNull(),
    /** The fee lines charged (for the receipt). */
    lines: jsonb('lines').$type<{ label: string; amountVnd: number }[]>().notNull(),
    /** The provider's (bank's) transaction reference of the money received: one per payment. */
    providerTxnRef: text('provider_txn_ref'),
    paidAt: ts('paid_at'),
    failure: text('failure'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_code_uq').on(t.code),
    index('payments_dossier_idx').on(t.dossierId, t.createdAt),
    index('payments_agency_idx').on(t.agencyId, t.createdAt),
    index('payments_open_idx').on(t.status, t.expiresAt),
  ],
);

/** The GOV.UK-Pay-style event list of each payment (append-only). */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    status: text('status').notNull(),
    at: ts('at').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId, t.id)],
);

export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    providerRefundRef: text('provider_refund_ref'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('payment_refunds_payment_idx').on(t.paymentId)],
);

/**
 * Money seen arriving on an agency's account (a bank's balance-change notification or a statement line), one row
 * per bank reference: the de-duplication of both sources. What could not be matched waits in the officers' queue.
 */
export const paymentCredits = pgTable(
  'payment_credits',
  {
    id: uuid('id').primaryKey(),
    bankRef: text('bank_ref').notNull(),
    agencyId: uuid('agency_id'),
    accountNumber: text('account_number'),
    amountVnd: vnd('amount_vnd').notNull(),
    text: text('text').notNull(),
    bookedAt: ts('booked_at').notNull(),
    source: text('source', { enum: ['notification', 'statement'] }).notNull(),
    outcome: text('outcome').notNull(),
    code: text('code'),
    paymentId: uuid('payment_id'),
    differenceVnd: vnd('difference_vnd'),
    /** none = settled automatically; open = waits for an officer; matched / refunded / rejected = resolved. */
    queue: text('queue', { enum: ['none', 'open', 'matched', 'refunded', 'rejected'] }).notNull(),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: ts('resolved_at'),
    resolution: text('resolution'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('payment_credits_ref_uq').on(t.bankRef), index('payment_credits_queue_idx').on(t.queue, t.createdAt)],
);

/** Gateway notifications applied, by the provider's transaction reference (a replay changes nothing). */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    provider: text('provider').notNull(),
    txnRef: text('txn_ref').notNull(),
    paymentId: uuid('payment_id'),
    outcome: text('outcome').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.txnRef] })],
);

/** Electronic receipts (biên lai điện tử): one per successful payment, numbered per agency and series. */
export const paymentReceipts = pgTable(
  'payment_receipts',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    form: text('form').notNull(),
    series: text('series').notNull(),
    number: integer('number').notNull(),
    issuer: text('issuer').notNull(),
    payerName: text('payer_name').notNull(),
    totalVnd: vnd('total_vnd').notNull(),
    sha256: text('sha256').notNull(),
    pdf: bytea('pdf').notNull(),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [uniqueIndex('payment_receipts_payment_uq').on(t.paymentId), uniqueIndex('payment_receipts_number_uq').on(t.agencyId, t.series, t.number)],
);

/** The next receipt number per agency and series. */
export const paymentReceiptCounters = pgTable(
  'payment_receipt_counters',
  {
    agencyId: uuid('agency_id').notNull(),
    series: text('series').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.series] })],
);

/** The module's secrets (the bank notification key when not configured), generated once per installation. */
export const paymentKeys = pgTable('payment_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Integrators' endpoints told of every change of an agency's payments (GOV.UK Pay's webhooks). */
export const paymentWebhooks = pgTable(
  'payment_webhooks',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull(),
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signing (second header) until `previousUntil`. */
    previousSecret: text('previous_secret'),
    previousUntil: ts('previous_until'),
    active: text('active', { enum: ['active', 'disabled'] }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('payment_webhooks_agency_idx').on(t.agencyId)],
);

/** One event for one webhook: posted until acknowledged (2xx), with back-off; the delivery log. */
export const paymentWebhookDeliveries = pgTable(
  'payment_webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    webhookId: uuid('webhook_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    paymentId: uuid('payment_id'),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: ts('next_at').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [uniqueIndex('payment_webhook_deliveries_uq').on(t.webhookId, t.eventId), index('payment_webhook_deliveries_due_idx').on(t.status, t.nextAt)],
);
