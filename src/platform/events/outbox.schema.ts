import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Transactional outbox: events written with the change, published afterwards by the dispatcher. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending', 'published', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: due at once; set after a failed attempt (back-off). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.seq).where(sql`${t.status} = 'pending'`)],
);
