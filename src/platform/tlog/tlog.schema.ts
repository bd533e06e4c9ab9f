import { bigint, customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes (hashes, salts): Uint8Array in, Uint8Array out on both PGlite and PostgreSQL. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => (typeof Buffer !== 'undefined' && !(v instanceof Buffer) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v),
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

/**
 * Leaves written with the records they log, in the writer's transaction, not yet in the tree. Identity ids follow
 * insertion, not commit order; the integrator takes whatever has committed and gives it the next tree indices.
 */
export const tlogPending = pgTable(
  'tlog_pending',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** 'audit', 'data_access', 'consent', 'result', … */
    kind: text('kind').notNull(),
    /** The logged record's key in its own table (audit id, access-log seq, consent id, …). */
    ref: text('ref').notNull(),
    /** Canonical JSON (RFC 8785), the leaf's bytes; no personal data in clear (see src/shared/tlog/leaves.ts). */
    data: text('data').notNull(),
    /** SHA-256(0x00 ‖ data). */
    hash: bytea('hash').notNull(),
    /** Opens the commitment in `data`; never published, given only to the data subject. Empty for audit records. */
    salt: bytea('salt').notNull(),
    loggedAt: timestamp('logged_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('tlog_pending_ref_idx').on(t.kind, t.ref)],
);

/** The log's entries in tree order: `idx` is the leaf index (0, 1, 2, …, no gaps). Append-only. */
export const tlogEntries = pgTable(
  'tlog_entries',
  {
    idx: bigint('idx', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    ref: text('ref').notNull(),
    data: text('data').notNull(),
    hash: bytea('hash').notNull(),
    salt: bytea('salt').notNull(),
    loggedAt: timestamp('logged_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('tlog_entries_ref_idx').on(t.kind, t.ref)],
);
