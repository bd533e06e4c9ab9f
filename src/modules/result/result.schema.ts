import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const RESULT_STATUSES = ['valid', 'revoked', 'replaced'] as const;

/**
 * Signed electronic results (kết quả điện tử): one row per issued document, written in the transaction of the
 * issuing action. The file (blob `blob_key`, SHA-256 `sha256`) is immutable once signed; only the status, its
 * reason and the replacement may change later (revocation, replacement). Holds no personal data beyond the
 * subject's identifier: the verification lookup answers from it.
 */
export const resultDocuments = pgTable(
  'result_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull(),
    /** Random, unguessable, not personal: the QR code's `ma`. */
    verificationCode: text('verification_code').notNull(),
    documentType: text('document_type').notNull(),
    title: text('title').notNull(),
    subjectType: text('subject_type', { enum: ['person', 'business'] }).notNull(),
    /** Personal ID or enterprise code when known (a newborn has none yet). */
    subjectId: text('subject_id'),
    issuerAgencyId: uuid('issuer_agency_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    /** Số: `<seq>/<year>/<symbol>`, counted per agency, type and year. */
    number: text('number'),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, precision: 3 }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    status: text('status', { enum: RESULT_STATUSES }).notNull().default('valid'),
    /** The verification code of the result that replaced this one. */
    replacedBy: text('replaced_by'),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('result_documents_code_uq').on(t.verificationCode),
    uniqueIndex('result_documents_sha256_uq').on(t.sha256),
    uniqueIndex('result_documents_number_uq').on(t.issuerAgencyId, t.documentType, t.year, t.seq),
    index('result_documents_dossier_idx').on(t.dossierId),
    check('result_documents_status_ck', sql`${t.status} in ('valid', 'revoked', 'replaced')`),
  ],
);
