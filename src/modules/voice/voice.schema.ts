import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Ratings of finished dossiers (đánh giá mức độ hài lòng): at most one per dossier (the unique index is the rule,
 * not a read before the write). Aggregates are read by procedure, agency and handling officer; the rater is kept
 * only so that she can edit her own rating, and is never shown.
 */
export const voiceRatings = pgTable(
  'voice_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull(),
    procedureKey: text('procedure_key').notNull(),
    procedureName: text('procedure_name').notNull(),
    agencyId: uuid('agency_id').notNull(),
    /** The officer the dossier was assigned to (chuyên viên xử lý), if any. */
    officerAccountId: uuid('officer_account_id'),
    raterAccountId: uuid('rater_account_id').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    editableUntil: ts('editable_until').notNull(),
  },
  (t) => [
    uniqueIndex('voice_ratings_dossier_uq').on(t.dossierId),
    index('voice_ratings_agency_idx').on(t.agencyId),
    index('voice_ratings_procedure_idx').on(t.procedureKey),
    check('voice_ratings_score_ck', sql`${t.score} between 1 and 5`),
  ],
);

export interface PetitionHistoryEntry {
  action: string;
  at: string;
  fromStatus: string;
  toStatus: string;
  text: string | null;
  agencyId: string | null;
  actorAccountId: string | null;
}

/**
 * Petitions (phản ánh, kiến nghị). The contact columns are personal data: never in an event, a log, a lookup or a
 * published answer. Deadlines are recomputed when the petition is re-routed to the competent agency.
 */
/** A file attached to a petition: stored in the blob store by its SHA-256 once its type was recognised and it was scanned. */
export interface PetitionAttachment {
  fileName: string;
  type: string;
  bytes: number;
  sha256: string;
}

export const voicePetitions = pgTable(
  'voice_petitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['regulation', 'conduct'] }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    status: text('status').notNull(),
    agencyId: uuid('agency_id').notNull(),
    escalatedToAgencyId: uuid('escalated_to_agency_id'),
    escalatedAt: ts('escalated_at'),
    dossierId: uuid('dossier_id'),
    dossierCode: text('dossier_code'),
    procedureKey: text('procedure_key'),
    petitionerAccountId: uuid('petitioner_account_id'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    consentPublish: boolean('consent_publish').notNull(),
    filedAt: ts('filed_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    refuseBy: ts('refuse_by').notNull(),
    requestInfoBy: ts('request_info_by').notNull(),
    answerBy: ts('answer_by').notNull(),
    /** Whether the closing step (refusal, request for information, answer) was within its period. */
    onTime: boolean('on_time'),
    draftAnswer: text('draft_answer'),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    publishedAt: ts('published_at'),
    history: jsonb('history').$type<PetitionHistoryEntry[]>().notNull().default([]),
    /** The petitioner's files (evidence); seen by the petitioner and the handling officers, never published. */
    attachments: jsonb('attachments').$type<PetitionAttachment[]>().notNull().default([]),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('voice_petitions_code_uq').on(t.code),
    index('voice_petitions_agency_idx').on(t.agencyId, t.status),
    index('voice_petitions_escalated_idx').on(t.escalatedToAgencyId),
    index('voice_petitions_due_idx').on(t.answerBy),
    check('voice_petitions_publish_ck', sql`${t.publishedAt} is null or ${t.consentPublish}`),
  ],
);

/**
 * The FAQ (hỏi đáp) that administrators edit: shown on the portal's Hỏi đáp page and one of the assistant's sources.
 */
export const voiceFaq = pgTable(
  'voice_faq',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionVi: text('question_vi').notNull(),
    questionEn: text('question_en').notNull(),
    answerVi: text('answer_vi').notNull(),
    answerEn: text('answer_en').notNull(),
    keywords: jsonb('keywords').$type<string[]>().notNull(),
    procedureKey: text('procedure_key'),
    published: boolean('published').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('voice_faq_published_idx').on(t.published)],
);
