import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. Each record is written in the same transaction as the change it describes, with
 * `entry_hash` = SHA-256 of its canonical content. A sealer then links records into a hash chain in the order it
 * sequences them (`chain_seq`, `chain_hash` = SHA-256(prev chain_hash ‖ entry_hash)), so writers never wait on a
 * global lock; `motcua audit verify` recomputes both.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 6 }).notNull(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind').notNull(),
    actorRole: text('actor_role'),
    agencyId: text('agency_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    requestId: text('request_id'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    entryHash: text('entry_hash').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    chainHash: text('chain_hash'),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_uq').on(t.chainSeq),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_at_idx').on(t.at),
  ],
);
