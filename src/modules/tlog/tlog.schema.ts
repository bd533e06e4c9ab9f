import { bigint, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/tlog/tlog.schema';

/**
 * The Merkle tree as C2SP tiles: (level, index) → the concatenated 32-byte hashes, `width` of them (a partial tile
 * grows until it has 256, then never changes). Appending touches one tile per level; any proof reads a few tiles.
 */
export const tlogTiles = pgTable(
  'tlog_tiles',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    width: smallint('width').notNull(),
    hashes: bytea('hashes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** The integrated tree: its size and root (one row), updated with the tiles in the integrator's transaction. */
export const tlogHead = pgTable('tlog_head', {
  id: smallint('id').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  root: bytea('root').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Every checkpoint the log signed (C2SP signed note), one per tree size. */
export const tlogCheckpoints = pgTable('tlog_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  root: bytea('root').notNull(),
  /** The signed note as published (log signature only; cosignatures are kept apart). */
  note: text('note').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Witness cosignatures (C2SP tlog-cosignature) received for a checkpoint. */
export const tlogCosignatures = pgTable(
  'tlog_cosignatures',
  {
    size: bigint('size', { mode: 'number' }).notNull(),
    witness: text('witness').notNull(),
    /** The signature line as the witness returned it. */
    line: text('line').notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.size, t.witness] })],
);
