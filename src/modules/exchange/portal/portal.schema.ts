import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Status changes of dossiers to push to the National Public Service Portal (đồng bộ Cổng DVC quốc gia), one row per
 * dossier event that changed the national status, keyed by the outbox event id (written in the dispatcher's
 * transaction, so each change is queued once). `synced` rows count in the sync rate; `failed` ones were refused
 * for good by the portal.
 */
export const portalSync = pgTable(
  'portal_sync',
  {
    id: uuid('id').primaryKey(),
    dossierCode: text('dossier_code').notNull(),
    agencyCode: text('agency_code').notNull(),
    nationalStatus: integer('national_status').notNull(),
    record: jsonb('record').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'synced', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    changedAt: ts('changed_at').notNull(),
    syncedAt: ts('synced_at'),
  },
  (t) => [index('portal_sync_pending_idx').on(t.status, t.nextAttemptAt), index('portal_sync_agency_idx').on(t.agencyCode, t.changedAt)],
);
