import { sql } from 'drizzle-orm';
import { DATA_REQUEST_STATUSES, DATA_REQUEST_TYPES, STORE_SOURCES } from '../../shared/api/vault';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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


/**
 * Personal data store (kho quản lý dữ liệu điện tử, Decree 45/2020 Art. 16): documents kept for a citizen (owner
 * type 'person', personal ID) or an organisation ('business', enterprise code) and reused in later dossiers —
 * results issued by agencies, documents the owner chose to keep, digitised papers. Bytes live in the blob store,
 * content-addressed by SHA-256. Deleting marks the row (only uploaded items may be deleted by their owner).
 */
export const storeItems = pgTable(
  'store_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerType: text('owner_type', { enum: ['person', 'business'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    /** Kind of document, e.g. 'marriage-certificate' (a procedure's result.documentType, or chosen at upload). */
    documentType: text('document_type').notNull(),
    title: text('title').notNull(),
    /** Who issued it: the agency's name for a result, as declared for an upload. */
    issuer: text('issuer'),
    issuerAgencyId: uuid('issuer_agency_id'),
    validFrom: date('valid_from'),
    /** Null: no end of validity. */
    validUntil: date('valid_until'),
    source: text('source', { enum: STORE_SOURCES }).notNull(),
    /** The dossier it came from (a result, or an attachment kept from it). */
    dossierId: uuid('dossier_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    createdByAccountId: uuid('created_by_account_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
    /**
     * For an issued result: its status in the issuing agency's register ('valid', 'revoked', 'replaced'), kept in
     * step by the result module's hook; null for other items.
     */
    resultStatus: text('result_status', { enum: ['valid', 'revoked', 'replaced'] }),
    /** For a replaced result: the verification code of the result that replaced it. */
    resultReplacedBy: text('result_replaced_by'),
  },
  (t) => [
    index('store_items_owner_idx').on(t.ownerType, t.ownerId, t.documentType),
    // A dossier's results: the first one and any replacement (each its own signed file).
    uniqueIndex('store_items_result_uq').on(t.dossierId, t.sha256).where(sql`${t.source} = 'result'`),
  ],
);


/**
 * Data-subject requests (Law 91/2025, Decree 356/2025): a copy of the data held, or a correction; answered within
 * 2 working days (due_at computed on the working calendar when received).
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personalId: text('personal_id').notNull(),
    accountId: uuid('account_id').notNull(),
    type: text('type', { enum: DATA_REQUEST_TYPES }).notNull(),
    detail: text('detail').notNull(),
    status: text('status', { enum: DATA_REQUEST_STATUSES }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    answeredByAccountId: uuid('answered_by_account_id'),
    answer: text('answer'),
    refusalReason: text('refusal_reason'),
    /** For an answered copy request: what the platform holds on the person, as exported. */
    export: jsonb('export').$type<Record<string, unknown>>(),
  },
  (t) => [index('data_requests_person_idx').on(t.personalId, t.receivedAt), index('data_requests_status_idx').on(t.status, t.dueAt)],
);

export { DATA_REQUEST_STATUSES, DATA_REQUEST_TYPES, STORE_SOURCES };
export type { StoreSource } from '../../shared/api/vault';
