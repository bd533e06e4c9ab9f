import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PlanItem, PlanStage } from '../../shared/opendata/plan';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const DATASET_STATES = ['draft', 'review', 'published', 'retired'] as const;
export type DatasetState = (typeof DATASET_STATES)[number];

export const RESOURCE_FORMATS = ['CSV', 'XLSX', 'JSON', 'GeoJSON', 'API'] as const;

/**
 * Open datasets (bộ dữ liệu mở) of an agency (the CKAN organisation). Published and not private: public, in
 * `package_search` and the DCAT catalogue. Tags, groups and resource formats are kept on the row as well (the
 * search reads one table); `search_text` is the folded (no diacritics, lower case) text the search matches.
 */
export const opendataDatasets = pgTable(
  'opendata_datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** CKAN `name`: a URL slug, lower case letters, digits, `-` and `_`. */
    name: text('name').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    notesVi: text('notes_vi'),
    notesEn: text('notes_en'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** Group (topic) names the dataset is in. */
    groups: jsonb('groups').$type<string[]>().notNull().default([]),
    /** The formats of its resources (upper-case CKAN `res_format` values). */
    formats: jsonb('formats').$type<string[]>().notNull().default([]),
    licenseId: text('license_id').notNull().default('cc-by-4.0'),
    temporalStart: date('temporal_start'),
    temporalEnd: date('temporal_end'),
    /** Administrative unit codes (mã đơn vị hành chính) the data covers. */
    spatial: jsonb('spatial').$type<string[]>().notNull().default([]),
    /** An EU frequency authority code: DAILY, WEEKLY, MONTHLY, QUARTERLY, ANNUAL, IRREG, UNKNOWN … */
    updateFrequency: text('update_frequency'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    version: text('version'),
    state: text('state', { enum: DATASET_STATES }).notNull().default('draft'),
    private: boolean('private').notNull().default(false),
    agencyId: uuid('agency_id').notNull(),
    /** CKAN extras: free key/value pairs. */
    extras: jsonb('extras').$type<{ key: string; value: string }[]>().notNull().default([]),
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    metadataCreated: ts('metadata_created').notNull(),
    metadataModified: ts('metadata_modified').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [
    uniqueIndex('opendata_datasets_name_uq').on(t.name),
    index('opendata_datasets_agency_idx').on(t.agencyId, t.state),
    index('opendata_datasets_modified_idx').on(t.metadataModified),
    check('opendata_datasets_name_ck', sql`${t.name} ~ '^[a-z0-9_-]{2,100}$'`),
  ],
);

/** A dataset's resources (tài nguyên): a stored file or a link (URL, API). */
export const opendataResources = pgTable(
  'opendata_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => opendataDatasets.id, { onDelete: 'cascade' }),
    position: bigint('position', { mode: 'number' }).notNull().default(0),
    name: text('name').notNull(),
    description: text('description'),
    format: text('format').notNull(),
    url: text('url'),
    /** The stored file (blob key) when uploaded here rather than linked. */
    fileRef: text('file_ref'),
    size: bigint('size', { mode: 'number' }),
    mimetype: text('mimetype'),
    datastoreActive: boolean('datastore_active').notNull().default(false),
    created: ts('created').notNull(),
    lastModified: ts('last_modified').notNull(),
  },
  (t) => [index('opendata_resources_dataset_idx').on(t.datasetId, t.position)],
);

/** Groups (nhóm chủ đề): topics datasets are filed under, across agencies. */
export const opendataGroups = pgTable(
  'opendata_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    descriptionVi: text('description_vi'),
    /** The EU data theme (http://publications.europa.eu/resource/authority/data-theme/…) for DCAT. */
    theme: text('theme'),
    created: ts('created').notNull(),
  },
  (t) => [uniqueIndex('opendata_groups_name_uq').on(t.name)],
);

/** Tags (từ khoá) by dataset, for `tag_list` and the facets (the dataset row carries them too). */
export const opendataTags = pgTable(
  'opendata_tags',
  {
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => opendataDatasets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.name] }), index('opendata_tags_name_idx').on(t.name)],
);

/** API tokens for the CKAN write actions: only the SHA-256 is kept; scoped to agencies. */
export const opendataApiTokens = pgTable(
  'opendata_api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    accountId: uuid('account_id').notNull(),
    label: text('label').notNull(),
    agencyIds: jsonb('agency_ids').$type<string[]>().notNull(),
    roles: jsonb('roles').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('opendata_api_tokens_hash_uq').on(t.tokenHash), index('opendata_api_tokens_account_idx').on(t.accountId)],
);

/** Activity stream (CKAN `recently_changed_packages_activity_list`). */
export const opendataActivity = pgTable(
  'opendata_activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => opendataDatasets.id, { onDelete: 'cascade' }),
    activityType: text('activity_type').notNull(),
    accountId: uuid('account_id'),
    at: ts('at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('opendata_activity_at_idx').on(t.at)],
);

/**
 * An agency's open-data plan (kế hoạch mở dữ liệu) for a year: the list of data to open, the schedule and the
 * minimum level per stage (src/shared/opendata/plan.ts). Progress is never stored: it is computed from the catalogue.
 */
export const opendataPlans = pgTable(
  'opendata_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The decision that issued the plan (số, ký hiệu văn bản), and its date. */
    decisionRef: text('decision_ref'),
    issuedOn: date('issued_on'),
    stages: jsonb('stages').$type<PlanStage[]>().notNull(),
    items: jsonb('items').$type<PlanItem[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('opendata_plans_agency_year_uq').on(t.agencyId, t.year)],
);

/** The catalogue of an agency's databases (danh mục cơ sở dữ liệu), exported as open data for the data map. */
export const opendataDatabases = pgTable(
  'opendata_databases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['national', 'ministry', 'province', 'internal'] }).notNull(),
    /** The agency in charge (cơ quan chủ quản). */
    owner: text('owner').notNull(),
    legalBasis: text('legal_basis').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    access: text('access', { enum: ['open', 'shared', 'closed'] }).notNull(),
    /** The catalogue name of the open dataset published from it, when open. */
    datasetName: text('dataset_name'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('opendata_databases_code_uq').on(t.agencyId, t.code), index('opendata_databases_agency_idx').on(t.agencyId)],
);
