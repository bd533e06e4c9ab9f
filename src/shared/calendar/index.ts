/**
 * Working-day calendar of Vietnamese state bodies: lunar calendar, public holidays (Labour Code 2019 Art. 111–112),
 * yearly government decisions, and deadline arithmetic in Asia/Ho_Chi_Minh. Pure; usable by server and browser.
 *
 * Typical use:
 *   const cal = createCalendar({ exceptions: mergeExceptions(SEEDED_EXCEPTIONS, adminEdits) });
 *   const { due, dueDate } = cal.addWorkingDays(receivedAt, procedure.days, { cutoff: procedure.cutoff });
 */
export type { DateISO } from './dates';
export {
  type LunarDate,
  type SolarDate,
  VIETNAM_TZ_HOURS,
  MIN_LUNAR_YEAR,
  MAX_LUNAR_YEAR,
  lunarToSolar,
  solarToLunar,
  leapMonthOf,
  lunarMonthLength,
} from './lunar';
export {
  type CalendarExceptions,
  type DayOff,
  type DayOffKind,
  type ExtraDayOff,
  type FixedHolidayRule,
  type Holiday,
  type HolidayRuleOptions,
  type NationalDayAdjacentRule,
  type NotOffDay,
  type StatutoryHolidayId,
  type SwappedWorkingDay,
  type TetRule,
  type YearCalendar,
  type YearExceptions,
  DEFAULT_TET_RULE,
  VIETNAMESE_CULTURE_DAY,
  compensatoryDays,
  mergeExceptions,
  nationalDayAdjacentDate,
  resolveYear,
  statutoryHolidays,
  tetDates,
  validateYearExceptions,
} from './holidays';
export { SEEDED_EXCEPTIONS } from './exceptions-vn';
export {
  type CalendarOptions,
  type CountOptions,
  type DayInfo,
  type DueResult,
  Calendar,
  VN_UTC_OFFSET_MINUTES,
  createCalendar,
  fromLocalDateTime,
  localDateTime,
  toLocalDate,
} from './working-time';
