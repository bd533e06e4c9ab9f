import { sql, type SQL } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { VERSION_STATUSES } from '../../shared/catalog/taxonomy';
import type { ProcedureContent } from '../../shared/catalog/procedure';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** An administrative procedure (thủ tục hành chính): a stable identity whose content lives in versions. */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key in this catalogue (kebab-case). */
    key: text('key').notNull(),
    /** National procedure code (mã TTHC), e.g. 1.001193. */
    nationalCode: text('national_code'),
    /** The published version citizens see; null until the first publication or after retirement. */
    currentVersionId: uuid('current_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedures_key_uq').on(t.key), index('procedures_code_idx').on(t.nationalCode)],
);

/**
 * One version of a procedure. Immutable once published (enforced by the service and by a trigger); a dossier
 * records the version it was filed under. `content` holds the whole definition; a few fields are copied out into
 * columns for filtering and full-text search (unaccented, `simple` configuration).
 */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    version: integer('version').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    /** The procedure's current version (what citizens see and search); kept with procedures.current_version_id. */
    isCurrent: boolean('is_current').notNull().default(false),
    content: jsonb('content').$type<ProcedureContent>().notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    nationalCode: text('national_code'),
    field: text('field').notNull(),
    implementingLevel: text('implementing_level').notNull(),
    agencyKind: text('agency_kind').notNull(),
    onlineLevel: text('online_level').notNull(),
    applicantTypes: text('applicant_types').array().notNull(),
    lifeEvents: text('life_events').array().notNull(),
    /** The Vietnamese name folded for search (lower case, no diacritics, đ→d). */
    nameFolded: text('name_folded').generatedAlwaysAs((): SQL => sql`vn_fold(${procedureVersions.nameVi})`),
    /** Weighted: name (A), national code (A), field and result (B), English name (C). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('simple', vn_fold(coalesce(${procedureVersions.nameVi}, ''))), 'A')
        || setweight(to_tsvector('simple', coalesce(${procedureVersions.nationalCode}, '')), 'A')
        || setweight(to_tsvector('simple', vn_fold(coalesce(${procedureVersions.content}->'result'->'name'->>'vi', ''))), 'B')
        || setweight(to_tsvector('simple', vn_fold(coalesce(${procedureVersions.nameEn}, ''))), 'C')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('procedure_versions_version_uq').on(t.procedureId, t.version),
    // At most one draft per procedure at a time.
    uniqueIndex('procedure_versions_one_draft_uq').on(t.procedureId).where(sql`${t.status} = 'draft'`),
    index('procedure_versions_search_idx').using('gin', t.searchVector),
    index('procedure_versions_field_idx').on(t.field, t.status),
    index('procedure_versions_current_idx').on(t.procedureId).where(sql`${t.isCurrent}`),
  ],
);

/**
 * The review of a draft (thẩm định, phê duyệt): the author sends it for approval, another administrator approves it
 * and publishes it now or at a date (`publishAt`, applied by the scheduler). One row per draft under review; an edit
 * of the draft deletes it (the draft goes back to its author). Kept after publication as the record of who approved.
 */
export const procedureReviews = pgTable(
  'procedure_reviews',
  {
    versionId: uuid('version_id')
      .primaryKey()
      .references(() => procedureVersions.id),
    status: text('status', { enum: ['submitted', 'approved', 'published'] }).notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    note: text('note'),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** When the approved version is to be published; null = published at approval. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
  },
  (t) => [index('procedure_reviews_due_idx').on(t.publishAt).where(sql`${t.status} = 'approved'`)],
);
