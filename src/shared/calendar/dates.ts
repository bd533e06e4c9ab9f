/**
 * Civil-date arithmetic on 'YYYY-MM-DD' strings and integer day numbers (days since 1970-01-01).
 * Day numbers make "next day" and weekday computations exact and independent of any time zone.
 */

/** A civil date written 'YYYY-MM-DD'. */
export type DateISO = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a Gregorian date. Date.UTC is plain arithmetic here (no clock, no time zone). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Day number of 'YYYY-MM-DD'; throws RangeError on anything that is not a real date. */
export function parseDateISO(date: DateISO): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`expected a date 'YYYY-MM-DD', got '${date}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumber(y, mo, d);
  if (formatDay(n) !== date) throw new RangeError(`no such date '${date}'`);
  return n;
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDay(day: number): DateISO {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Gregorian year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday: the weekly rest days of state bodies (Decision 188/1999/QĐ-TTg). */
export function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/** Time of day 'HH:MM' (00:00–24:00) as minutes since midnight. */
export function parseClock(hhmm: string, what = 'time'): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || h > 24 || min > 59 || (h === 24 && min !== 0)) {
    throw new RangeError(`${what}: expected 'HH:MM', got '${hhmm}'`);
  }
  return h * 60 + min;
}
