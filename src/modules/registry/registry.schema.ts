import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Population registry (Cơ sở dữ liệu quốc gia về dân cư), the slice MotCua keeps or mirrors: one row per person,
 * keyed by the 12-digit personal ID number. Residence is an administrative-unit code (5-digit commune) plus the
 * street/house line. Only the primary key is indexed, so a million rows load quickly; lookups are by key.
 */
export const registryPeople = pgTable(
  'registry_people',
  {
    personalId: text('personal_id').primaryKey(),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    /** ISO 3166-1 alpha-2 (quốc tịch). */
    nationality: text('nationality').notNull().default('VN'),
    /** Ethnic group (dân tộc) — sensitive personal data (Law 91/2025: racial or ethnic origin). */
    ethnicity: text('ethnicity').notNull(),
    /** Place of origin (quê quán), commune code. */
    originCommune: text('origin_commune').notNull(),
    /** Permanent residence (nơi thường trú). */
    permanentCommune: text('permanent_commune').notNull(),
    permanentStreet: text('permanent_street').notNull(),
    /** Current residence (nơi ở hiện tại). */
    currentCommune: text('current_commune').notNull(),
    currentStreet: text('current_street').notNull(),
    /** Household (hộ gia đình) number. */
    householdId: text('household_id').notNull(),
    /** Issue date of the chip ID card (căn cước); null before age 14 or never issued. */
    idCardIssuedOn: date('id_card_issued_on'),
    fatherId: text('father_id'),
    motherId: text('mother_id'),
    spouseId: text('spouse_id'),
    /** Reference of the marriage registration (số đăng ký kết hôn). */
    marriageRef: text('marriage_ref'),
    /** VNeID account level (mức độ định danh), null without an account. */
    vneidLevel: smallint('vneid_level'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('registry_people_id_ck', sql`${t.personalId} ~ '^[0-9]{12}$'`),
    check('registry_people_vneid_ck', sql`${t.vneidLevel} in (1, 2)`),
  ],
);

export const BUSINESS_TYPES = ['llc_single', 'llc_multi', 'jsc', 'partnership', 'private'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];
export const BUSINESS_STATUSES = ['active', 'suspended', 'dissolved'] as const;

/** Business registry (Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp), keyed by the 10-digit enterprise code. */
export const registryBusinesses = pgTable(
  'registry_businesses',
  {
    enterpriseCode: text('enterprise_code').primaryKey(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    type: text('type', { enum: BUSINESS_TYPES }).notNull(),
    status: text('status', { enum: BUSINESS_STATUSES }).notNull(),
    communeCode: text('commune_code').notNull(),
    street: text('street').notNull(),
    /** Legal representative (người đại diện theo pháp luật), personal ID. */
    legalRepId: text('legal_rep_id').notNull(),
    /** Charter capital (vốn điều lệ) in VND. */
    charterCapital: bigint('charter_capital', { mode: 'number' }).notNull(),
    /** VSIC 2018 level-4 codes (ngành nghề kinh doanh); the first is the main line. */
    businessLines: text('business_lines').array().notNull(),
    registeredOn: date('registered_on').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('registry_businesses_code_ck', sql`${t.enterpriseCode} ~ '^[0-9]{10}$'`), index('registry_businesses_rep_idx').on(t.legalRepId)],
);
