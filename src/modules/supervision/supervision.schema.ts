import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Finding, Frequency, ReportField, ReportFormat, Record_, Rule, DeliveryChannel } from '../../shared/supervision';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export interface SubjectsSpec {
  enterpriseCodes: string[];
  businessLine?: string | null;
  communePrefix?: string | null;
}

/**
 * Reporting obligations (nghĩa vụ báo cáo) an agency defines: who, what (fields with units and ranges), how often,
 * by which day, on which legal basis. `subject_codes` is who is bound: the list plus the registry class as resolved
 * when the obligation was defined (a snapshot, so the dashboard does not move under the agency's feet).
 */
export const supervisionObligations = pgTable(
  'supervision_obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    legalBasis: text('legal_basis').notNull(),
    frequency: text('frequency').$type<Frequency>().notNull(),
    dueDay: integer('due_day').notNull(),
    format: text('format').$type<ReportFormat>().notNull(),
    fields: jsonb('fields').$type<ReportField[]>().notNull(),
    subjects: jsonb('subjects').$type<SubjectsSpec>().notNull(),
    subjectCodes: text('subject_codes').array().notNull(),
    startPeriod: text('start_period').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('supervision_obligations_agency_idx').on(t.agencyId), check('supervision_obligations_due_ck', sql`${t.dueDay} between 1 and 28`)],
);

/** Per-business API keys for deliveries by machine: only the SHA-256 of the key is kept. */
export const supervisionApiKeys = pgTable(
  'supervision_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseCode: text('enterprise_code').notNull(),
    keyHash: text('key_hash').notNull(),
    label: text('label').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('supervision_api_keys_hash_uq').on(t.keyHash), index('supervision_api_keys_enterprise_idx').on(t.enterpriseCode)],
);

/**
 * Deliveries (báo cáo đã nộp), never changed but for `superseded_by`: a corrected delivery for a period is a new
 * version that supersedes the current one (history kept). At most one current version per obligation, enterprise and
 * period (the partial unique index is the rule). Provenance: channel, the account or the API key, the time, the hash.
 */
export const supervisionDeliveries = pgTable(
  'supervision_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    obligationId: uuid('obligation_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    enterpriseCode: text('enterprise_code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    supersedes: uuid('supersedes'),
    supersededBy: uuid('superseded_by'),
    channel: text('channel').$type<DeliveryChannel>().notNull(),
    accountId: uuid('account_id'),
    apiKeyId: uuid('api_key_id'),
    contentSha256: text('content_sha256').notNull(),
    records: jsonb('records').$type<Record_[]>().notNull(),
    receivedAt: ts('received_at').notNull(),
    dueDay: text('due_day').notNull(),
    late: boolean('late').notNull(),
    findings: jsonb('findings').$type<Finding[]>().notNull(),
    receipt: jsonb('receipt').$type<Record<string, unknown>>().notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [
    uniqueIndex('supervision_deliveries_version_uq').on(t.obligationId, t.enterpriseCode, t.period, t.version),
    uniqueIndex('supervision_deliveries_current_uq').on(t.obligationId, t.enterpriseCode, t.period).where(sql`${t.supersededBy} is null`),
    index('supervision_deliveries_hash_idx').on(t.obligationId, t.enterpriseCode, t.period, t.contentSha256),
  ],
);

/** Alerts raised (missing, late, out of range, inconsistent): once per obligation, enterprise, period, rule and delivery. */
export const supervisionAlerts = pgTable(
  'supervision_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    obligationId: uuid('obligation_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    enterpriseCode: text('enterprise_code').notNull(),
    period: text('period').notNull(),
    rule: text('rule').$type<Rule>().notNull(),
    deliveryId: uuid('delivery_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('supervision_alerts_uq').on(t.obligationId, t.enterpriseCode, t.period, t.rule, sql`coalesce(${t.deliveryId}, '00000000-0000-0000-0000-000000000000'::uuid)`), index('supervision_alerts_agency_idx').on(t.agencyId)],
);
