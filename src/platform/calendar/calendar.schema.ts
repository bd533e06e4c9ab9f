import { date, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Per-year exceptions to the statutory calendar, edited by administrators: extra days off, swapped working days
 * (a Saturday worked to bridge a holiday) and computed days off cancelled by an official decision.
 */
export const calendarExceptions = pgTable(
  'calendar_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    day: date('day').notNull(),
    kind: text('kind', { enum: ['day_off', 'working_day', 'not_day_off'] }).notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    legalBasis: text('legal_basis'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_exceptions_day_uq').on(t.day)],
);
