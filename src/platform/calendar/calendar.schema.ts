import { integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import type { YearExceptions } from '../../shared/calendar';

/**
 * The per-year exceptions to the statutory calendar that administrators edit (extra days off, swapped working days,
 * the Tết days and the 2/9 adjacent day as decided, computed days off cancelled): one document per year.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  exceptions: jsonb('exceptions').$type<YearExceptions>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
