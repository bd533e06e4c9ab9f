import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Transactional inbox: each event the module consumes is written here in the outbox dispatcher's transaction (so it
 * is recorded if and only if the event is marked published), then planned into messages outside it.
 */
export const notifyInbox = pgTable(
  'notify_inbox',
  {
    eventId: uuid('event_id').primaryKey(),
    /** The outbox sequence number: events are planned in order. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: ts('occurred_at').notNull(),
    status: text('status', { enum: ['pending', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** A planner working on it until then (another process takes it over afterwards). */
    claimedUntil: ts('claimed_until'),
    lastError: text('last_error'),
  },
  (t) => [index('notify_inbox_pending_idx').on(t.seq).where(sql`${t.status} = 'pending'`)],
);

export interface SenderSnapshot {
  emailFrom?: string;
  replyTo?: string | null;
  smsBrandname?: string;
  zaloOaId?: string | null;
}

/**
 * One message to one recipient by one channel. The id is derived from (event id, recipient, channel), so planning
 * the same event twice cannot make a second message; carriers get it as their reference and de-duplicate.
 * Addresses and bodies of external messages are erased after the retention period (masked address and HMAC stay).
 */
export const notifyMessages = pgTable(
  'notify_messages',
  {
    id: uuid('id').primaryKey(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    kind: text('kind').notNull(),
    mandatory: boolean('mandatory').notNull().default(false),
    dossierId: uuid('dossier_id'),
    dossierCode: text('dossier_code'),
    agencyId: uuid('agency_id'),
    recipientAccountId: uuid('recipient_account_id'),
    recipientKind: text('recipient_kind', { enum: ['citizen', 'officer', 'address'] }).notNull(),
    channel: text('channel', { enum: ['email', 'sms', 'zalo', 'inapp'] }).notNull(),
    language: text('language', { enum: ['vi', 'en'] }).notNull(),
    templateVersion: integer('template_version').notNull(),
    /** 'default' (built in), 'national', or the agency id whose version was used. */
    templateScope: text('template_scope').notNull(),
    toAddress: text('to_address'),
    toMasked: text('to_masked'),
    /** HMAC-SHA-256 of the address with the module's key: lets logs and support match an address without showing it. */
    toHash: text('to_hash'),
    subject: text('subject'),
    body: text('body'),
    /** E-mail: the HTML part; Zalo: the template id and its data. */
    extra: jsonb('extra').$type<{ html?: string; unsubscribeUrl?: string; zaloTemplateId?: string; zaloData?: Record<string, string> }>(),
    sender: jsonb('sender').$type<SenderSnapshot>(),
    smsSegments: integer('sms_segments'),
    status: text('status', { enum: ['created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure', 'technical-failure'] }).notNull(),
    statusReason: text('status_reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    sendingSince: ts('sending_since'),
    carrierRef: text('carrier_ref'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    failedAt: ts('failed_at'),
    readAt: ts('read_at'),
    erasedAt: ts('erased_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('notify_messages_due_idx')
      .on(t.channel, t.nextAttemptAt)
      .where(sql`${t.status} in ('created', 'temporary-failure') and ${t.nextAttemptAt} is not null`),
    index('notify_messages_sending_idx').on(t.channel, t.sendingSince).where(sql`${t.status} = 'sending' and ${t.carrierRef} is null`),
    index('notify_messages_inbox_idx').on(t.recipientAccountId, t.createdAt).where(sql`${t.channel} = 'inapp'`),
    index('notify_messages_dossier_idx').on(t.dossierId, t.createdAt),
  ],
);

/** Published template versions (nationally or for one agency); version 1 of each is built in (templates.default.ts). */
export const notifyTemplates = pgTable(
  'notify_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    channel: text('channel', { enum: ['email', 'sms', 'zalo', 'inapp'] }).notNull(),
    language: text('language', { enum: ['vi', 'en'] }).notNull(),
    /** 'national' or an agency id. */
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    zaloTemplateId: text('zalo_template_id'),
    createdAt: ts('created_at').notNull(),
    createdByAccountId: uuid('created_by_account_id'),
  },
  (t) => [uniqueIndex('notify_templates_version_uq').on(t.kind, t.channel, t.language, t.scope, t.version)],
);

/** Who a message comes from, per agency (e-mail From and Reply-To, SMS brandname, Zalo official account). */
export const notifySenders = pgTable('notify_senders', {
  agencyId: uuid('agency_id').primaryKey(),
  emailFromName: text('email_from_name'),
  emailFromAddress: text('email_from_address'),
  replyTo: text('reply_to'),
  smsBrandname: text('sms_brandname'),
  zaloOaId: text('zalo_oa_id'),
  updatedAt: ts('updated_at').notNull(),
});

/** The person's choices: language, addresses, channels; `emailOptOut` after an unsubscribe link (non-mandatory mail). */
export const notifyPreferences = pgTable('notify_preferences', {
  accountId: uuid('account_id').primaryKey(),
  language: text('language', { enum: ['vi', 'en'] }).notNull().default('vi'),
  email: text('email'),
  phone: text('phone'),
  byEmail: boolean('by_email').notNull().default(false),
  bySms: boolean('by_sms').notNull().default(false),
  byZalo: boolean('by_zalo').notNull().default(false),
  emailOptOut: boolean('email_opt_out').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
});

/** Messages handed to each channel per local day (Asia/Ho_Chi_Minh), against the daily quotas. */
export const notifyQuota = pgTable(
  'notify_quota',
  {
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channel, t.day] })],
);

/** What the module knows of each open dossier from its events (for the due-tomorrow digest and overdue alerts). */
export const notifyWatch = pgTable(
  'notify_watch',
  {
    dossierId: uuid('dossier_id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    code: text('code'),
    procedureName: jsonb('procedure_name').$type<{ vi: string; en: string }>().notNull(),
    assigneeId: uuid('assignee_id'),
    dueAt: ts('due_at'),
    /** The due time the agency leader was last told was passed (a new due time after an extension resets it). */
    overdueNotifiedFor: ts('overdue_notified_for'),
    /** The legal clock runs (not stopped for a supplement or a payment, not finished). */
    running: boolean('running').notNull(),
    lastSeq: integer('last_seq').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('notify_watch_due_idx').on(t.dueAt).where(sql`${t.running}`)],
);

/** Daily jobs already run (name, local day): the digest goes once a working day, whichever process runs it. */
export const notifyJobs = pgTable(
  'notify_jobs',
  {
    name: text('name').notNull(),
    day: text('day').notNull(),
    ranAt: ts('ran_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.day] })],
);

/** Keys the module generates once (address HMAC, unsubscribe links, carrier callback signatures) unless configured. */
export const notifyKeys = pgTable('notify_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: ts('created_at').notNull(),
});
