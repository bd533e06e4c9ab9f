import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DossierProjection } from '../../shared/dossier';
import type { PrefillSkip, StepDeadline } from '../../shared/api/dossier';
import { foreignTable } from '../../platform/db/foreign';

const agencies = foreignTable('agencies');

export type { PrefillSkip, StepDeadline };

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One field prefilled from a national registry (see vault/prefill.ts). */
export interface PrefilledField {
  source: 'population' | 'business';
  /** The e-form's registryBinding, e.g. `parent.mother.fullName`. */
  binding: string;
  /** False: locked, a different value is refused (`registry_mismatch`). */
  editable: boolean;
  value: unknown;
}
export interface StoredPrefill {
  at: string;
  fields: Record<string, PrefilledField>;
  skipped: PrefillSkip[];
}

/**
 * Dossiers (hồ sơ): the projection of each dossier's action list, with the columns the inbox filters on. The
 * machine's own projection is kept whole in `projection`; the other columns are copies for queries.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Mã hồ sơ `<agency code>-<YYMMDD>-<seq>`, assigned at submission. */
    code: text('code'),
    procedureId: uuid('procedure_id').notNull(),
    /** The version of the procedure the dossier was filed under (rules, e-form, deadlines). */
    procedureVersionId: uuid('procedure_version_id').notNull(),
    procedureKey: text('procedure_key').notNull(),
    procedureCode: text('procedure_code'),
    procedureName: jsonb('procedure_name').$type<{ vi: string; en: string }>().notNull(),
    /** The handling agency (cơ quan giải quyết). */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyCode: text('agency_code').notNull(),
    channel: text('channel', { enum: ['in_person', 'online', 'post'] }).notNull(),
    state: text('state').notNull(),
    nationalStatus: integer('national_status').notNull(),
    /** Whose dossier: a citizen (personal ID) or a business (enterprise code). */
    subjectType: text('subject_type', { enum: ['citizen', 'business'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    /** foldVi(subjectName): search without diacritics. */
    subjectNameFolded: text('subject_name_folded').notNull(),
    /** The citizen account filing online (the subject or their agent); null for a counter filing. */
    ownerAccountId: uuid('owner_account_id'),
    agentAccountId: uuid('agent_account_id'),
    agentName: text('agent_name'),
    createdByAccountId: uuid('created_by_account_id').notNull(),
    /** Filed at the counter (or by post) by a receiving officer on the applicant's behalf. */
    filedByOfficer: boolean('filed_by_officer').notNull().default(false),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    submittedAt: ts('submitted_at'),
    receivedAt: ts('received_at'),
    /** Appointed return time in force (hẹn trả), and the one written on form 01. */
    dueAt: ts('due_at'),
    originalDueAt: ts('original_due_at'),
    /** Due minus one working day: officials are warned from then on. */
    dueSoonAt: ts('due_soon_at'),
    /** Statutory working time in minutes between the effective receipt and the due time. */
    budgetMinutes: integer('budget_minutes'),
    stepDeadlines: jsonb('step_deadlines').$type<StepDeadline[]>().notNull().default([]),
    assigneeId: uuid('assignee_id'),
    /** The agency asked for an opinion while consulting (xin ý kiến). */
    consultAgencyId: uuid('consult_agency_id'),
    /** Processing finished (national status 9, "đã xử lý xong"): the result or the refusal letter exists. */
    finishedAt: ts('finished_at'),
    /** The result returned (national status 10). Stopped, withdrawn and refused dossiers have neither moment. */
    returnedAt: ts('returned_at'),
    eventCount: integer('event_count').notNull().default(0),
    projection: jsonb('projection').$type<DossierProjection>().notNull(),
    // --- Once-only prefill (vault module): what was read from the registries when the draft was created, and
    // SHA-256 of the canonical JSON of the prefilled values, checked on every update and at submission.
    prefill: jsonb('prefill').$type<StoredPrefill>(),
    prefillHash: text('prefill_hash'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dossiers_code_uq').on(t.code),
    index('dossiers_agency_state_idx').on(t.agencyId, t.state, t.submittedAt, t.id),
    index('dossiers_owner_idx').on(t.ownerAccountId, t.createdAt),
    index('dossiers_subject_idx').on(t.subjectId),
  ],
);

/** The append-only action list of each dossier (nhật ký xử lý); never updated nor deleted. */
export const dossierActions = pgTable(
  'dossier_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** Index in the dossier's list, from 0. */
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    /** The machine action as accepted (with the deadlines the server computed). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name'),
    /** The agency in whose name the actor acted. */
    agencyId: uuid('agency_id'),
    at: ts('at').notNull(),
    comment: text('comment'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    /** The step's own deadline and the hand-off against it (form 06: early / on time / late). */
    stepDueAt: ts('step_due_at'),
    handOff: text('hand_off', { enum: ['early', 'on_time', 'late'] }),
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [uniqueIndex('dossier_actions_seq_uq').on(t.dossierId, t.seq)],
);

/** Files attached to a dossier, one or more per required document (thành phần hồ sơ). */
export const dossierAttachments = pgTable(
  'dossier_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** The required document's id in the procedure version (e.g. `personal-records`). */
    documentId: text('document_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Where the bytes are in the blob store. */
    blobKey: text('blob_key').notNull(),
    uploadedByAccountId: uuid('uploaded_by_account_id').notNull(),
    uploadedAt: ts('uploaded_at').notNull(),
    removedAt: ts('removed_at'),
    // --- Data store reuse: 'store' when taken from the owner's data store (sync field DuocLayTuKhoDMQG), with the item.
    source: text('source', { enum: ['upload', 'store'] }).notNull().default('upload'),
    storeItemId: uuid('store_item_id'),
  },
  (t) => [index('dossier_attachments_dossier_idx').on(t.dossierId)],
);

/**
 * Daily sequence per agency for dossier codes: the last number handed out (or reserved, by a block) for the
 * (agency, day), incremented with INSERT … ON CONFLICT DO UPDATE … RETURNING. See dossier.code.ts: gapless in the
 * submitting transaction on PGlite; reserved by blocks per process on PostgreSQL (unique, with gaps).
 */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    agencyCode: text('agency_code').notNull(),
    /** Local date YYMMDD. */
    day: text('day').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);
