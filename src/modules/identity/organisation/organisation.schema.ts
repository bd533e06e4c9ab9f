import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** What a member may do for an organisation; the legal representative may do everything. */
export const ORGANISATION_RIGHTS = [
  'file_dossiers', // nộp hồ sơ thay doanh nghiệp
  'view_dossiers', // tra cứu hồ sơ của doanh nghiệp
] as const;
export type OrganisationRight = (typeof ORGANISATION_RIGHTS)[number];

/** Organisation accounts (tài khoản tổ chức), keyed by the 10-digit enterprise code (mã số doanh nghiệp). */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseCode: text('enterprise_code').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_enterprise_code_uq').on(t.enterpriseCode), check('organisations_enterprise_code_ck', sql`${t.enterpriseCode} ~ '^[0-9]{10}$'`)],
);

/** People the legal representative lets act for the organisation, by personal ID number, with their rights. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    personalId: text('personal_id').notNull(),
    fullName: text('full_name').notNull(),
    rights: text('rights', { enum: ORGANISATION_RIGHTS }).array().notNull(),
    addedBy: uuid('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personalId] }), check('organisation_members_personal_id_ck', sql`${t.personalId} ~ '^[0-9]{12}$'`)],
);
