import { bigint, boolean, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Which client subsystem may call which of this node's services (granted by the providing agency's admin). */
export const exchangeAccessRights = pgTable(
  'exchange_access_rights',
  {
    id: uuid('id').primaryKey(),
    serviceCode: text('service_code').notNull(),
    /** The client subsystem id `{instance}/{class}/{member}/{subsystem}`. */
    client: text('client').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, precision: 3 }).notNull(),
    grantedBy: text('granted_by').notNull(),
  },
  (t) => [uniqueIndex('exchange_access_rights_service_client').on(t.serviceCode, t.client)],
);

/** Nonces seen per client: a second request with one is a replay. Kept for twice the clock-skew window. */
export const exchangeNonces = pgTable(
  'exchange_nonces',
  {
    client: text('client').notNull(),
    nonce: text('nonce').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('exchange_nonces_pk').on(t.client, t.nonce), index('exchange_nonces_at').on(t.at)],
);

/**
 * The message log (X-Road's messagelog): every request this node sent or served, and every refusal, with both
 * hashes and signatures; its leaf in the transparency log is written in the same transaction.
 */
export const exchangeMessages = pgTable(
  'exchange_messages',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    /** 'in': served by this node as provider; 'out': sent by this node as client. */
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    xRoadId: text('x_road_id').notNull(),
    client: text('client').notNull(),
    service: text('service').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    userId: text('user_id'),
    issue: text('issue'),
    purpose: text('purpose'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    requestHash: text('request_hash').notNull(),
    requestSignature: text('request_signature'),
    requestKey: text('request_key'),
    responseHash: text('response_hash'),
    responseSignature: text('response_signature'),
    status: integer('status').notNull(),
    /** The X-Road-Error type when refused or failed. */
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    /** Bodies only when EXCHANGE_LOG_BODIES=true (default: metadata only). */
    requestBody: bytea('request_body'),
    responseBody: bytea('response_body'),
    bodiesStored: boolean('bodies_stored').notNull().default(false),
  },
  (t) => [index('exchange_messages_at').on(t.at), index('exchange_messages_subject').on(t.subjectType, t.subjectId), uniqueIndex('exchange_messages_seq').on(t.seq)],
);
