import { bigint, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per DataStore table (kho dữ liệu của một tài nguyên): the table itself is `datastore."<resource id>"`, in
 * the `datastore` schema (migration 0022), which holds nothing else; its columns' types and labels live here, with
 * the row count maintained by every write (an unfiltered `total` is read here, not counted).
 */
export const datastoreTables = pgTable('datastore_tables', {
  resourceId: uuid('resource_id').primaryKey(),
  /** `[{id, type, info?}]` in column order (without `_id`). */
  fields: jsonb('fields').$type<{ id: string; type: string; info?: { label?: string; notes?: string } }[]>().notNull(),
  primaryKey: jsonb('primary_key').$type<string[]>().notNull().default([]),
  rowCount: bigint('row_count', { mode: 'number' }).notNull().default(0),
  /** Bumped by every write (loads, upserts, deletes). */
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
