import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Access log of personal data (nhật ký truy cập dữ liệu cá nhân): one row per read of a data subject's registry
 * record, written in the request that reads it. Append-only (a trigger refuses UPDATE and DELETE); the citizen's
 * data tracker reads it by subject.
 */
export const dataAccessLog = pgTable(
  'data_access_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    /** 'person' (personal ID) or 'business' (enterprise code). */
    subjectType: text('subject_type', { enum: ['person', 'business'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    /** Which registry was read, e.g. 'population', 'business'. */
    source: text('source').notNull(),
    /** 'lookup' returns data; 'match' only says whether given values match. */
    operation: text('operation', { enum: ['lookup', 'match'] }).notNull(),
    accountId: uuid('account_id'),
    accountKind: text('account_kind').notNull(),
    agencyId: uuid('agency_id'),
    /** The system the read came through (a system client's name, or the MotCua back office). */
    client: text('client').notNull(),
    purpose: text('purpose').notNull(),
    dossierId: text('dossier_id'),
    fields: text('fields').array().notNull(),
    sensitive: boolean('sensitive').notNull(),
    requestId: text('request_id'),
  },
  (t) => [index('data_access_log_subject_idx').on(t.subjectId, t.at.desc(), t.seq.desc())],
);

/** Consent notices (thông báo xử lý dữ liệu cá nhân), one per purpose and version. */
export const consentNotices = pgTable(
  'consent_notices',
  {
    purpose: text('purpose').notNull(),
    version: integer('version').notNull(),
    textVi: text('text_vi').notNull(),
    textEn: text('text_en').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.purpose, t.version] }), check('consent_notices_version_ck', sql`${t.version} > 0`)],
);

/**
 * Consent records (Law 91/2025): each give or withdraw is a new row; rows of one citizen form a hash chain
 * (seq 1, 2, …; hash = SHA-256(prev_hash ‖ canonical content)), so a changed or removed record is detectable.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: uuid('id').primaryKey(),
    personalId: text('personal_id').notNull(),
    seq: integer('seq').notNull(),
    purpose: text('purpose').notNull(),
    noticeVersion: integer('notice_version').notNull(),
    /** SHA-256 of the notice text the citizen was shown. */
    noticeDigest: text('notice_digest').notNull(),
    given: boolean('given').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    accountId: uuid('account_id'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('consent_records_chain_uq').on(t.personalId, t.seq), index('consent_records_purpose_idx').on(t.personalId, t.purpose, t.at)],
);
