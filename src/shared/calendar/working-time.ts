/**
 * Working-day and working-hour arithmetic for processing deadlines (domain brief §4), in Asia/Ho_Chi_Minh.
 *
 * Viet Nam has used UTC+7 without daylight saving since 1975, so local time is plain offset arithmetic: no Intl,
 * no time-zone database. Everything here is pure — the calendar data (exceptions) is passed in, never read.
 *
 * ## addWorkingDays — the rule
 * 1. Effective receipt: a dossier received on a working day within working hours (and not after the procedure's
 *    cutoff, when it has one) counts from the moment of receipt; received before opening on a working day, from
 *    opening (08:00) that day; received after the cutoff, after closing, or on a rest day, from 08:00 of the next
 *    working day.
 * 2. "N working days" ends at the same local clock time N working days later. When that clock time is the
 *    opening time (08:00), the equivalent, earlier reading is returned: the close (17:00) of the (N−1)th working
 *    day after — so a dossier received after hours on Monday with N = 1 is due at 17:00 on Tuesday.
 * 3. Only working days are counted, so the period always ends on a working day: a period that would end on a rest
 *    day ends on the next working day (Civil Code 2015, Art. 148(5)).
 */
import { type DateISO, formatDay, isWeekendDay, parseClock, parseDateISO, yearOfDay } from './dates';
import {
  type CalendarExceptions,
  type DayOff,
  type HolidayRuleOptions,
  type SwappedWorkingDay,
  resolveYear,
  validateYearExceptions,
} from './holidays';

/** Offset of Asia/Ho_Chi_Minh from UTC. */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Bound on searches for the next working day, so that bad data (everything off) fails instead of looping. */
const MAX_DAYS_WITHOUT_WORK = 366;

export interface CalendarOptions extends HolidayRuleOptions {
  /** Official decisions per year, e.g. `mergeExceptions(SEEDED_EXCEPTIONS, adminEdits)`; `{}` for rules only. */
  exceptions: CalendarExceptions;
  /** Opening time 'HH:MM', default '08:00'. */
  workdayStart?: string;
  /** Closing time 'HH:MM', default '17:00'. */
  workdayEnd?: string;
  /** Optional unpaid break excluded from working time (e.g. 12:00–13:00). Off by default. */
  lunchBreak?: { start: string; end: string } | null;
}

export interface CountOptions {
  /**
   * Per-procedure receipt cutoff 'HH:MM' (often '15:00'): received strictly after it counts as received at the
   * opening of the next working day. Not a general rule (domain brief §4), hence opt-in.
   */
  cutoff?: string;
}

export interface DueResult {
  /** The deadline instant. */
  due: Date;
  /** Local date of the deadline, 'YYYY-MM-DD'. */
  dueDate: DateISO;
  /** Local date and time of the deadline, 'YYYY-MM-DD HH:mm'. */
  dueLocal: string;
  /** Effective receipt instant the period was counted from (after cutoff / working-hours normalisation). */
  countFrom: Date;
}

/** Classification of one civil day. */
export interface DayInfo {
  date: DateISO;
  working: boolean;
  kind: 'working' | 'weekend' | 'swapped-working' | DayOff['kind'];
  nameVi?: string;
  nameEn?: string;
}

interface YearTable {
  off: Map<number, DayOff>;
  worked: Map<number, SwappedWorkingDay>;
  daysOff: DayOff[];
  workingDays: SwappedWorkingDay[];
}

// ---------------------------------------------------------------------------------------------------------------
// Local-time helpers

function checkDate(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what}: invalid Date`);
  return t;
}

/** Milliseconds of local (UTC+7) wall time since 1970-01-01 00:00 local. */
function toLocalMs(d: Date, what = 'date'): number {
  return checkDate(d, what) + OFFSET_MS;
}

function fromLocalMs(local: number): Date {
  return new Date(local - OFFSET_MS);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatLocal(local: number): string {
  const day = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  return `${formatDay(day)} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Local calendar date ('YYYY-MM-DD') of an instant in Asia/Ho_Chi_Minh. */
export function toLocalDate(d: Date): DateISO {
  return formatDay(Math.floor(toLocalMs(d) / DAY_MS));
}

/** Local date and time ('YYYY-MM-DD HH:mm', to the minute) of an instant in Asia/Ho_Chi_Minh. */
export function localDateTime(d: Date): string {
  return formatLocal(toLocalMs(d));
}

/** The instant of a local date and wall-clock time ('HH:MM') in Asia/Ho_Chi_Minh. */
export function fromLocalDateTime(date: DateISO, time = '00:00'): Date {
  return fromLocalMs(parseDateISO(date) * DAY_MS + parseClock(time) * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar

/**
 * A working-day calendar: Monday–Friday minus holidays, compensatory days and decided days off, plus worked
 * Saturdays/Sundays. Immutable; per-year tables are computed on first use and memoised.
 */
export class Calendar {
  private readonly exceptions: CalendarExceptions;
  private readonly rules: HolidayRuleOptions;
  /** Working intervals of a working day, ms from local midnight, sorted and disjoint. */
  private readonly intervals: ReadonlyArray<readonly [number, number]>;
  private readonly openMs: number;
  private readonly closeMs: number;
  private readonly years = new Map<number, YearTable>();

  constructor(options: CalendarOptions) {
    this.exceptions = options.exceptions;
    this.rules = {
      tetRule: options.tetRule,
      nationalDayAdjacent: options.nationalDayAdjacent,
      additionalHolidays: options.additionalHolidays,
    };
    for (const [year, ex] of Object.entries(options.exceptions)) validateYearExceptions(Number(year), ex);

    const open = parseClock(options.workdayStart ?? '08:00', 'workdayStart');
    const close = parseClock(options.workdayEnd ?? '17:00', 'workdayEnd');
    if (open >= close) throw new RangeError('workdayStart must be before workdayEnd');
    this.openMs = open * MINUTE_MS;
    this.closeMs = close * MINUTE_MS;
    if (options.lunchBreak) {
      const ls = parseClock(options.lunchBreak.start, 'lunchBreak.start');
      const le = parseClock(options.lunchBreak.end, 'lunchBreak.end');
      if (!(open < ls && ls < le && le < close)) throw new RangeError('lunchBreak must lie strictly inside working hours');
      this.intervals = [
        [this.openMs, ls * MINUTE_MS],
        [le * MINUTE_MS, this.closeMs],
      ];
    } else {
      this.intervals = [[this.openMs, this.closeMs]];
    }
  }

  /** Length of one working day in minutes (540 for 08:00–17:00 without break). */
  get workdayMinutes(): number {
    return this.intervals.reduce((sum, [a, b]) => sum + (b - a), 0) / MINUTE_MS;
  }

  // --- days ---------------------------------------------------------------------------------------------------

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (!t) {
      const { daysOff, workingDays } = resolveYear(year, this.exceptions, this.rules);
      t = {
        off: new Map(daysOff.map((d) => [parseDateISO(d.date), d])),
        worked: new Map(workingDays.map((w) => [parseDateISO(w.date), w])),
        daysOff,
        workingDays,
      };
      this.years.set(year, t);
    }
    return t;
  }

  private isWorkingDayNumber(day: number): boolean {
    const t = this.table(yearOfDay(day));
    if (t.worked.has(day)) return true;
    if (t.off.has(day)) return false;
    return !isWeekendDay(day);
  }

  private stepWorkingDay(day: number, direction: 1 | -1): number {
    let d = day;
    for (let i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
      d += direction;
      if (this.isWorkingDayNumber(d)) return d;
    }
    throw new Error(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${formatDay(day)}: check the exceptions`);
  }

  /** Working day `n` working days after (n > 0) or before (n < 0) `day`. */
  private moveWorkingDays(day: number, n: number): number {
    let d = day;
    const dir = n < 0 ? -1 : 1;
    for (let i = 0; i < Math.abs(n); i++) d = this.stepWorkingDay(d, dir);
    return d;
  }

  /** True for a working day ('YYYY-MM-DD'): Monday–Friday not off, or a worked (swapped) Saturday/Sunday. */
  isWorkingDay(date: DateISO): boolean {
    return this.isWorkingDayNumber(parseDateISO(date));
  }

  /** What kind of day `date` is, with the holiday name when it is off. */
  dayInfo(date: DateISO): DayInfo {
    const day = parseDateISO(date);
    const t = this.table(yearOfDay(day));
    const worked = t.worked.get(day);
    if (worked) return { date, working: true, kind: 'swapped-working', nameVi: worked.reasonVi, nameEn: worked.reasonEn };
    const off = t.off.get(day);
    if (off) return { date, working: false, kind: off.kind, nameVi: off.nameVi, nameEn: off.nameEn };
    return isWeekendDay(day) ? { date, working: false, kind: 'weekend' } : { date, working: true, kind: 'working' };
  }

  /**
   * Days off of `year`, sorted: holidays (a holiday on a weekend is listed with `onWeekend`), compensatory days
   * and decided exceptions. Ordinary Saturdays/Sundays are not listed.
   */
  daysOff(year: number): DayOff[] {
    return this.table(year).daysOff.map((d) => ({ ...d }));
  }

  /** Saturdays/Sundays worked in `year` (làm bù), sorted. */
  swappedWorkingDays(year: number): SwappedWorkingDay[] {
    return this.table(year).workingDays.map((d) => ({ ...d }));
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: DateISO): DateISO {
    return formatDay(this.stepWorkingDay(parseDateISO(date), 1));
  }

  /** Last working day strictly before `date`. */
  previousWorkingDay(date: DateISO): DateISO {
    return formatDay(this.stepWorkingDay(parseDateISO(date), -1));
  }

  // --- instants -----------------------------------------------------------------------------------------------

  /** Local ms of the effective start of counting for a receipt at local ms `local` (rule 1 in the header). */
  private effectiveStart(local: number, cutoff?: string): number {
    const cutoffMs = cutoff === undefined ? undefined : parseClock(cutoff, 'cutoff') * MINUTE_MS;
    const day = Math.floor(local / DAY_MS);
    const tod = local - day * DAY_MS;
    if (this.isWorkingDayNumber(day) && (cutoffMs === undefined || tod <= cutoffMs)) {
      for (const [a, b] of this.intervals) {
        if (tod < a) return day * DAY_MS + a; // before opening, or in the break
        if (tod < b) return local;
      }
    }
    return this.stepWorkingDay(day, 1) * DAY_MS + this.openMs;
  }

  /**
   * Deadline of a period of `n` working days (integer ≥ 0) from receipt `from`. See the rule in the module
   * header; `n = 0` gives the effective receipt itself.
   */
  addWorkingDays(from: Date, n: number, options: CountOptions = {}): DueResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
    const start = this.effectiveStart(toLocalMs(from, 'from'), options.cutoff);
    const day = Math.floor(start / DAY_MS);
    const tod = start - day * DAY_MS;
    let due: number;
    if (n === 0) due = start;
    else if (tod === this.openMs) due = this.moveWorkingDays(day, n - 1) * DAY_MS + this.closeMs;
    else due = this.moveWorkingDays(day, n) * DAY_MS + tod;
    return this.result(due, start);
  }

  /**
   * Deadline of a period of `hours` working hours (may be fractional, ≥ 0) from receipt `from`, counting only
   * working intervals of working days. Receipt is normalised as for {@link addWorkingDays}; a deadline landing
   * exactly on a closing time stays there rather than moving to the next opening.
   */
  addWorkingHours(from: Date, hours: number, options: CountOptions = {}): DueResult {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
    const start = this.effectiveStart(toLocalMs(from, 'from'), options.cutoff);
    let remaining = Math.round(hours * 60 * MINUTE_MS);
    let day = Math.floor(start / DAY_MS);
    let pos = start;
    for (;;) {
      for (const [a, b] of this.intervals) {
        const lo = Math.max(pos, day * DAY_MS + a);
        const hi = day * DAY_MS + b;
        if (lo >= hi) continue;
        if (remaining <= hi - lo) return this.result(lo + remaining, start);
        remaining -= hi - lo;
      }
      day = this.stepWorkingDay(day, 1);
      pos = day * DAY_MS;
    }
  }

  /**
   * Working minutes between two instants (only working intervals of working days count), for stop-the-clock
   * computations: e.g. processing time = working time from receipt to result minus the applicant's time.
   * Negative when `b` is before `a`.
   */
  workingTimeBetween(a: Date, b: Date): number {
    const la = toLocalMs(a, 'a');
    const lb = toLocalMs(b, 'b');
    if (lb < la) return -this.workingTimeBetween(b, a);
    let total = 0;
    const last = Math.floor(lb / DAY_MS);
    for (let day = Math.floor(la / DAY_MS); day <= last; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      for (const [s, e] of this.intervals) {
        const lo = Math.max(la, day * DAY_MS + s);
        const hi = Math.min(lb, day * DAY_MS + e);
        if (hi > lo) total += hi - lo;
      }
    }
    return total / MINUTE_MS;
  }

  /**
   * The instant `n` working days before `date` at the same local clock time (e.g. warn at due − 1 working day).
   * An instant outside working time is first moved back to the last working moment before it (the previous
   * close, or the start of the break).
   */
  subtractWorkingDays(date: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
    const local = toLocalMs(date, 'date');
    let day = Math.floor(local / DAY_MS);
    let tod = local - day * DAY_MS;
    if (!this.isWorkingDayNumber(day) || tod < this.openMs) {
      day = this.stepWorkingDay(day, -1);
      tod = this.closeMs;
    } else {
      // Clamp into the latest working interval that has started (closing time itself is working time's end).
      let clamped = this.closeMs;
      for (const [s, e] of this.intervals) {
        if (tod >= s) clamped = Math.min(tod, e);
      }
      tod = clamped;
    }
    return fromLocalMs(this.moveWorkingDays(day, -n) * DAY_MS + tod);
  }

  private result(dueLocal: number, startLocal: number): DueResult {
    return {
      due: fromLocalMs(dueLocal),
      dueDate: formatDay(Math.floor(dueLocal / DAY_MS)),
      dueLocal: formatLocal(dueLocal),
      countFrom: fromLocalMs(startLocal),
    };
  }
}

/** Builds a {@link Calendar}; `exceptions` are the official decisions (see `SEEDED_EXCEPTIONS`). */
export function createCalendar(options: CalendarOptions): Calendar {
  return new Calendar(options);
}
