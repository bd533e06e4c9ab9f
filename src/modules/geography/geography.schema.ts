import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Administrative units (đơn vị hành chính) of the two-level local government since 1 July 2025:
 * provinces (2-digit statistics-office code) and communes (5-digit). Units change, so each row has validity dates:
 * a new version of a unit closes the previous row (valid_to) and opens a new one.
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    code: text('code').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    level: text('level', { enum: ['province', 'commune'] }).notNull(),
    provinceCode: text('province_code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    fullName: text('full_name').notNull(),
    fullNameEn: text('full_name_en'),
    /** e.g. Thành phố, Tỉnh, Phường, Xã, Đặc khu */
    unitType: text('unit_type').notNull(),
    unitTypeEn: text('unit_type_en'),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.validFrom] }),
    uniqueIndex('admin_units_current_uq').on(t.code).where(sql`${t.validTo} is null`),
    index('admin_units_province_idx').on(t.provinceCode, t.level),
  ],
);

import { AGENCY_LEVELS } from '../../shared/api/geography';

export { AGENCY_LEVELS };

/**
 * Agencies (cơ quan) as a tree: provincial People's Committee or ministry → departments (sở) → commune People's
 * Committees. `code` is the electronic identifier of Decision 20/2020/QĐ-TTg (A1A2A3.B1B2.C1C2.D1D2D3).
 */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: AGENCY_LEVELS }).notNull(),
    /** What the agency is, e.g. 'province-pc', 'dept-justice', 'commune-pc' — procedures are offered by kind. */
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    /** The administrative unit it serves (province or commune code). */
    adminUnitCode: text('admin_unit_code').notNull(),
    /** Its one-stop-shop unit (bộ phận một cửa / trung tâm phục vụ hành chính công). */
    oneStopUnit: text('one_stop_unit').notNull(),
    oneStopUnitEn: text('one_stop_unit_en'),
    address: text('address'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agencies_code_uq').on(t.code), index('agencies_parent_idx').on(t.parentId)],
);
