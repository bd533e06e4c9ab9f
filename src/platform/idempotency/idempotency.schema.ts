import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Answers to state-changing requests sent with an `Idempotency-Key` header, per caller. The row is written in the
 * same transaction as the effect, so a stored answer exists if and only if the effect committed.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The calling account (keys are per caller: two clients may pick the same key). */
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, route, path parameters and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.key] })],
);
