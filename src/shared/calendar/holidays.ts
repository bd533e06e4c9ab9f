/**
 * Public holidays of Viet Nam and the per-year exceptions decided by the government.
 *
 * Rule part (computed, any year):
 *  - Labour Code 2019 (45/2019/QH14), Art. 112(1): 1 January; Tết Nguyên đán 5 days; Hùng Kings' Commemoration
 *    10/3 lunar; 30 April; 1 May; 2 September plus one adjacent day (1 or 3 September).
 *  - Art. 111(3): a holiday falling on a weekly rest day is compensated on the next working day. State bodies rest
 *    on Saturday and Sunday (Decision 188/1999/QĐ-TTg), so both count as weekly rest days.
 *  - Which 5 days make Tết and which day is adjacent to 2/9 is fixed each year by the Prime Minister; the defaults
 *    below are configurable and the yearly decision, entered as {@link YearExceptions}, always wins.
 *
 * Exception part (data): days off and worked Saturdays decided each year (hoán đổi ngày làm việc), new ad-hoc days
 * off, and corrections of a computed day — see {@link CalendarExceptions}. Seeded decisions: `exceptions-vn.ts`.
 */
import { lunarToSolar, solarToLunar } from './lunar';
import { type DateISO, dayNumber, formatDay, isWeekendDay, parseDateISO, weekdayOfDay, yearOfDay } from './dates';

export type { DateISO } from './dates';

// ---------------------------------------------------------------------------------------------------------------
// Types

/** Identifiers of the Art. 112 holidays; additional rules use their own id. */
export type StatutoryHolidayId =
  | 'new-year'
  | 'tet'
  | 'hung-kings'
  | 'victory-day'
  | 'labour-day'
  | 'national-day'
  | 'national-day-adjacent';

/** One holiday date produced by the rules (it may fall on a weekend: then it is compensated). */
export interface Holiday {
  date: DateISO;
  id: StatutoryHolidayId | string;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
}

/** Why a weekday is not worked. Plain Saturdays/Sundays are not listed as days off. */
export type DayOffKind = 'holiday' | 'compensatory' | 'exception';

export interface DayOff {
  date: DateISO;
  kind: DayOffKind;
  nameVi: string;
  nameEn: string;
  /** Rule id for `holiday`/`compensatory` days. */
  holidayId?: string;
  /** For `compensatory` days: the holiday (on a weekend) that this day makes up for. */
  compensates?: DateISO;
  /** A `holiday` that falls on Saturday/Sunday: listed for completeness, its compensation is a separate entry. */
  onWeekend?: boolean;
  /** For an `exception` day off given in exchange for a worked Saturday: that Saturday. */
  swappedWith?: DateISO;
  legalBasis?: string;
}

/** An extra day off decided for one year (bridging day of a swap, a new holiday, a one-off closure…). */
export interface ExtraDayOff {
  date: DateISO;
  reasonVi: string;
  reasonEn: string;
  /** The weekend day worked in exchange, when the day off comes from a swap. */
  swappedWith?: DateISO;
  /** Decision / official letter number and date. */
  legalBasis?: string;
}

/** A Saturday or Sunday that is worked (làm bù), usually in exchange for a bridging day off. */
export interface SwappedWorkingDay {
  date: DateISO;
  reasonVi: string;
  reasonEn: string;
  /** The weekday taken off in exchange. */
  swappedWith?: DateISO;
  legalBasis?: string;
}

/** A day that the rules would make a day off but the official decision does not (e.g. a default compensation). */
export interface NotOffDay {
  date: DateISO;
  reason: string;
  legalBasis?: string;
}

/** Official decisions for one calendar year. Every field is optional; absent fields leave the rules in charge. */
export interface YearExceptions {
  /** The five statutory Tết days as decided (replaces {@link TetRule} for this year). */
  tetDays?: readonly DateISO[];
  /** The day adjacent to 2 September as decided ('YYYY-09-01' or 'YYYY-09-03'). */
  nationalDayAdjacent?: DateISO;
  extraDaysOff?: readonly ExtraDayOff[];
  workingDays?: readonly SwappedWorkingDay[];
  notOff?: readonly NotOffDay[];
  /** Free-text list of the decisions this year's data comes from. */
  sources?: readonly string[];
}

/** Per-year official decisions, keyed by Gregorian year. Editable by an administrator (stored as JSON). */
export type CalendarExceptions = Readonly<Record<number, YearExceptions>>;

/**
 * Which 5 days are Tết by default: `daysBefore` days at the end of the old lunar year (ending on its last day),
 * then the first `5 − daysBefore` days of the new year. The default 1 (last day + mùng 1–4) is what the
 * government decided for civil servants in most recent years (e.g. 2026: 16–20 February).
 */
export interface TetRule {
  daysBefore: number;
}

/**
 * Default choice of the day adjacent to 2 September when no decision is entered:
 *  - 'before' = 1 September, 'after' = 3 September;
 *  - 'auto' (default): avoid a weekend day, and prefer the candidate that touches a weekend (Monday or Friday) so
 *    the holiday forms one block; when neither or both do, 1 September. This reproduces every decision 2021–2026
 *    (2021 3/9, 2022 1/9, 2023 1/9, 2024 3/9, 2025 1/9, 2026 1/9).
 */
export type NationalDayAdjacentRule = 'auto' | 'before' | 'after';

/**
 * A further fixed-date holiday treated like an Art. 112 day (compensated when on a weekend) — the way to add a
 * new statutory holiday once the law is amended, e.g. {@link VIETNAMESE_CULTURE_DAY}.
 */
export interface FixedHolidayRule {
  id: string;
  month: number;
  day: number;
  nameVi: string;
  nameEn: string;
  fromYear?: number;
  toYear?: number;
  legalBasis: string;
}

export interface HolidayRuleOptions {
  tetRule?: TetRule;
  nationalDayAdjacent?: NationalDayAdjacentRule;
  additionalHolidays?: readonly FixedHolidayRule[];
}

export const DEFAULT_TET_RULE: TetRule = Object.freeze({ daysBefore: 1 });

const LABOUR_CODE_112 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';
const LABOUR_CODE_111 = 'Bộ luật Lao động 2019, Điều 111 khoản 3';

/**
 * Ngày Văn hóa Việt Nam (24/11). The Politburo chose it as a paid day off (Resolution 80-NQ/TW, 7 Jan 2026); the
 * government's action programme (Resolution 30/NQ-CP, 2026) tasks amending Art. 112. Not part of the default rules
 * until that amendment is in force — add it to `additionalHolidays` then. 2026 is seeded as an exception.
 */
export const VIETNAMESE_CULTURE_DAY: FixedHolidayRule = Object.freeze({
  id: 'culture-day',
  month: 11,
  day: 24,
  nameVi: 'Ngày Văn hóa Việt Nam',
  nameEn: 'Vietnamese Culture Day',
  fromYear: 2026,
  legalBasis: 'Nghị quyết 80-NQ/TW ngày 07/01/2026 của Bộ Chính trị; Nghị quyết 30/NQ-CP (2026)',
});

// ---------------------------------------------------------------------------------------------------------------
// Rules

function iso(year: number, month: number, day: number): DateISO {
  return formatDay(dayNumber(year, month, day));
}

/** Vietnamese wording of a lunar date around Tết ('29 tháng Chạp', 'mùng 1 tháng Giêng'). */
function lunarLabel(date: DateISO): { vi: string; en: string } {
  const [y, m, d] = date.split('-').map(Number);
  const l = solarToLunar(y, m, d);
  const monthVi = l.month === 1 ? 'Giêng' : l.month === 12 ? 'Chạp' : String(l.month);
  const dayVi = l.day <= 10 ? `mùng ${l.day}` : String(l.day);
  return { vi: `${dayVi} tháng ${monthVi}`, en: `lunar ${l.day}/${l.month}` };
}

/** The five Tết days of Gregorian `year` under `rule` (not the official decision — see YearExceptions.tetDays). */
export function tetDates(year: number, rule: TetRule = DEFAULT_TET_RULE): DateISO[] {
  const { daysBefore } = rule;
  if (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > 5) {
    throw new RangeError(`tetRule.daysBefore must be an integer 0..5, got ${daysBefore}`);
  }
  const newYear = lunarToSolar(year, 1, 1);
  const first = dayNumber(newYear.year, newYear.month, newYear.day) - daysBefore;
  return Array.from({ length: 5 }, (_, i) => formatDay(first + i));
}

/** Adjacent day to 2 September chosen by `rule` (see {@link NationalDayAdjacentRule}). */
export function nationalDayAdjacentDate(year: number, rule: NationalDayAdjacentRule = 'auto'): DateISO {
  const before = dayNumber(year, 9, 1);
  const after = dayNumber(year, 9, 3);
  if (rule === 'before') return formatDay(before);
  if (rule === 'after') return formatDay(after);
  const score = (d: number): number => {
    if (isWeekendDay(d)) return 0;
    const w = weekdayOfDay(d);
    return w === 1 || w === 5 ? 2 : 1;
  };
  return formatDay(score(after) > score(before) ? after : before);
}

/**
 * Holidays of Art. 112 (and `additionalHolidays`) dated in `year`, including those falling on a weekend. The
 * official decision in `decided` fixes the Tết days and the 2/9 adjacent day when present.
 */
export function statutoryHolidays(year: number, options: HolidayRuleOptions = {}, decided: YearExceptions = {}): Holiday[] {
  const out: Holiday[] = [];
  const add = (date: DateISO, id: string, nameVi: string, nameEn: string, legalBasis = LABOUR_CODE_112): void => {
    out.push({ date, id, nameVi, nameEn, legalBasis });
  };

  add(iso(year, 1, 1), 'new-year', 'Tết Dương lịch', "New Year's Day");

  const tet = decided.tetDays ?? tetDates(year, options.tetRule ?? DEFAULT_TET_RULE);
  if (tet.length !== 5) throw new RangeError(`Tết ${year}: expected 5 days, got ${tet.length}`);
  for (const date of tet) {
    parseDateISO(date);
    const label = lunarLabel(date);
    add(date, 'tet', `Tết Nguyên đán (${label.vi})`, `Lunar New Year – Tết (${label.en})`);
  }

  const hung = lunarToSolar(year, 3, 10);
  add(iso(hung.year, hung.month, hung.day), 'hung-kings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day");
  add(iso(year, 4, 30), 'victory-day', 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)');
  add(iso(year, 5, 1), 'labour-day', 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)');
  add(iso(year, 9, 2), 'national-day', 'Quốc khánh (2/9)', 'National Day (2 September)');

  const adjacent = decided.nationalDayAdjacent ?? nationalDayAdjacentDate(year, options.nationalDayAdjacent ?? 'auto');
  if (adjacent !== iso(year, 9, 1) && adjacent !== iso(year, 9, 3)) {
    throw new RangeError(`National Day adjacent day ${year} must be 1 or 3 September, got ${adjacent}`);
  }
  add(adjacent, 'national-day-adjacent', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)');

  for (const rule of options.additionalHolidays ?? []) {
    if ((rule.fromYear ?? -Infinity) > year || (rule.toYear ?? Infinity) < year) continue;
    add(iso(year, rule.month, rule.day), rule.id, rule.nameVi, rule.nameEn, rule.legalBasis);
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Compensatory days (Art. 111(3)): each holiday on Saturday/Sunday, in date order, takes the next Monday–Friday that
 * is neither a holiday, nor already a compensatory day, nor in `blocked` (days already off by decision).
 */
export function compensatoryDays(holidays: readonly Holiday[], blocked: ReadonlySet<number> = new Set()): DayOff[] {
  const holidayDays = new Set(holidays.map((h) => parseDateISO(h.date)));
  const taken = new Set<number>();
  const out: DayOff[] = [];
  for (const h of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    const day = parseDateISO(h.date);
    if (!isWeekendDay(day)) continue;
    let d = day + 1;
    while (isWeekendDay(d) || holidayDays.has(d) || taken.has(d) || blocked.has(d)) d++;
    taken.add(d);
    out.push({
      date: formatDay(d),
      kind: 'compensatory',
      nameVi: `Nghỉ bù ${h.nameVi}`,
      nameEn: `Compensatory day off for ${h.nameEn}`,
      holidayId: h.id,
      compensates: h.date,
      legalBasis: LABOUR_CODE_111,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Putting rules and exceptions together

export interface YearCalendar {
  /** Days off dated in the year, sorted: holidays (weekend ones flagged), compensatory days, exceptions. */
  daysOff: DayOff[];
  /** Saturdays/Sundays worked in the year, sorted. */
  workingDays: SwappedWorkingDay[];
}

function inYear(date: DateISO, year: number): boolean {
  return yearOfDay(parseDateISO(date)) === year;
}

/** Checks one year's exception data; throws RangeError with a precise message on the first problem. */
export function validateYearExceptions(year: number, ex: YearExceptions): void {
  const where = (what: string): string => `exceptions ${year}.${what}`;
  // Every day listed under a year belongs to that year (a swapped partner day may fall in the next or previous one).
  const inYear = (what: string, d: DateISO): void => {
    parseDateISO(d);
    if (!d.startsWith(`${year}-`)) throw new RangeError(`${where(what)}: ${d} is not in ${year}`);
  };
  for (const d of ex.tetDays ?? []) inYear('tetDays', d);
  if (ex.tetDays && ex.tetDays.length !== 5) throw new RangeError(`${where('tetDays')}: expected 5 days`);
  if (ex.nationalDayAdjacent) {
    inYear('nationalDayAdjacent', ex.nationalDayAdjacent);
    if (!/-09-0[13]$/.test(ex.nationalDayAdjacent)) throw new RangeError(`${where('nationalDayAdjacent')}: must be 1 or 3 September`);
  }
  const off = new Set<string>();
  for (const e of ex.extraDaysOff ?? []) {
    inYear('extraDaysOff', e.date);
    if (e.swappedWith) parseDateISO(e.swappedWith);
    off.add(e.date);
  }
  for (const e of ex.workingDays ?? []) {
    inYear('workingDays', e.date);
    if (e.swappedWith) parseDateISO(e.swappedWith);
    if (off.has(e.date)) throw new RangeError(`${where('workingDays')}: ${e.date} is also an extra day off`);
  }
  for (const e of ex.notOff ?? []) inYear('notOff', e.date);
}

/**
 * All days off and swapped working days of `year`. Precedence, strongest first: a swapped working day; `notOff`
 * (removes a computed holiday/compensation, or an extra day off — how an administrator cancels a seeded day);
 * an extra day off (replaces a computed entry on the same date); the computed rules.
 */
export function resolveYear(year: number, exceptions: CalendarExceptions = {}, options: HolidayRuleOptions = {}): YearCalendar {
  const byDate = new Map<string, DayOff>();
  const put = (d: DayOff): void => {
    if (!byDate.has(d.date)) byDate.set(d.date, d);
  };

  const allYears = Object.values(exceptions) as YearExceptions[];
  const cancelled = new Set(allYears.flatMap((ex) => (ex.notOff ?? []).map((n) => n.date)));
  // A compensatory day must be a day that would otherwise be worked, so days already off by decision are skipped.
  const blocked = new Set(
    allYears.flatMap((ex) => (ex.extraDaysOff ?? []).filter((e) => !cancelled.has(e.date)).map((e) => parseDateISO(e.date))),
  );

  // Compensation can spill over New Year's Eve, so the previous year's rules are evaluated as well.
  for (const y of [year - 1, year]) {
    const holidays = statutoryHolidays(y, options, exceptions[y] ?? {});
    for (const h of holidays) {
      if (!inYear(h.date, year)) continue;
      const onWeekend = isWeekendDay(parseDateISO(h.date));
      put({ date: h.date, kind: 'holiday', nameVi: h.nameVi, nameEn: h.nameEn, holidayId: h.id, legalBasis: h.legalBasis, ...(onWeekend ? { onWeekend } : {}) });
    }
    for (const c of compensatoryDays(holidays, blocked)) if (inYear(c.date, year)) put(c);
  }

  // Exceptions are keyed by the year they were decided for, but act on whatever date they name.
  for (const ex of allYears) {
    for (const e of ex.extraDaysOff ?? []) {
      if (!inYear(e.date, year) || cancelled.has(e.date)) continue;
      byDate.set(e.date, {
        date: e.date,
        kind: 'exception',
        nameVi: e.reasonVi,
        nameEn: e.reasonEn,
        ...(e.swappedWith ? { swappedWith: e.swappedWith } : {}),
        ...(e.legalBasis ? { legalBasis: e.legalBasis } : {}),
      });
    }
  }
  for (const date of cancelled) byDate.delete(date);
  const workingDays: SwappedWorkingDay[] = [];
  for (const ex of allYears) {
    for (const w of ex.workingDays ?? []) {
      if (!inYear(w.date, year)) continue;
      byDate.delete(w.date);
      workingDays.push(w);
    }
  }

  return {
    daysOff: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    workingDays: workingDays.sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/**
 * Layers `override` on `base` (e.g. administrator edits on top of {@link SEEDED_EXCEPTIONS}): lists are
 * concatenated, `tetDays`/`nationalDayAdjacent` of the override replace the base ones.
 */
export function mergeExceptions(base: CalendarExceptions, override: CalendarExceptions): CalendarExceptions {
  const out: Record<number, YearExceptions> = { ...base };
  for (const [key, o] of Object.entries(override) as [string, YearExceptions][]) {
    const year = Number(key);
    const b = out[year] ?? {};
    out[year] = {
      tetDays: o.tetDays ?? b.tetDays,
      nationalDayAdjacent: o.nationalDayAdjacent ?? b.nationalDayAdjacent,
      extraDaysOff: [...(b.extraDaysOff ?? []), ...(o.extraDaysOff ?? [])],
      workingDays: [...(b.workingDays ?? []), ...(o.workingDays ?? [])],
      notOff: [...(b.notOff ?? []), ...(o.notOff ?? [])],
      sources: [...(b.sources ?? []), ...(o.sources ?? [])],
    };
  }
  return out;
}
