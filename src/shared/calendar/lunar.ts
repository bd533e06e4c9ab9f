/**
 * Vietnamese lunisolar calendar (âm lịch), computed astronomically for the UTC+7 meridian.
 *
 * The rules are the traditional ones (as described by Hồ Ngọc Đức for the Vietnamese calendar):
 *  - a month starts on the local civil day that contains a new moon;
 *  - month 11 is the month containing the December solstice (sun at 270°);
 *  - when 13 new moons start between two consecutive month-11s, the first of them (after month 11) that contains
 *    no major solar term (no crossing of a multiple of 30° of solar longitude) is the leap month and repeats the
 *    number of the month before it.
 * "Local day" is what makes the Vietnamese calendar differ from the Chinese one (UTC+8) in some years, e.g. Tết
 * 1985 (21 Jan in Viet Nam, 20 Feb in China) or Tết 2007 (17 vs 18 Feb). The time zone is therefore a parameter
 * (default 7) so that this difference is testable.
 *
 * Astronomy: new moons from the periodic terms of Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49; solar
 * longitude from the low-precision solar theory of ch. 25. Both are far more accurate (≈ a minute for new moons)
 * than needed here except when a new moon falls within a minute or two of local midnight.
 *
 * Pure: no I/O, no clock. Results are memoised per year because the computation is deterministic.
 */

/** Gregorian date. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** Lunar date; `year` is the lunar year whose month 1 (tháng Giêng) starts in Gregorian `year`. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Time zone of the Vietnamese calendar, hours east of UTC. */
export const VIETNAM_TZ_HOURS = 7;

/** Range in which the astronomical series and the ΔT model are trusted. */
export const MIN_LUNAR_YEAR = 1900;
export const MAX_LUNAR_YEAR = 2199;

const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Julian Ephemeris Day of the mean new moon of 2000-01-06 (k = 0 in Meeus ch. 49). */
const NEW_MOON_EPOCH = 2451550.09766;
/** Julian Day Number of 1970-01-01 (noon-based JD of that civil date). */
const JDN_UNIX_EPOCH = 2440588;
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Day numbers

/** Julian Day Number (integer, the civil day) of a Gregorian date. Date.UTC is used only as pure arithmetic. */
export function jdnFromSolar(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY) + JDN_UNIX_EPOCH;
}

/** Gregorian date of a Julian Day Number. */
export function solarFromJdn(jdn: number): SolarDate {
  const d = new Date((jdn - JDN_UNIX_EPOCH) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isValidSolar(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const back = solarFromJdn(jdnFromSolar(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}

// ---------------------------------------------------------------------------------------------------------------
// Astronomy

/**
 * ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits). New-moon instants come out in TT; the civil day is
 * decided in UT, and ~70 s matters when a new moon falls right at local midnight.
 */
function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear;
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

/** Sine of an angle given in degrees. */
function sind(deg: number): number {
  return Math.sin(deg * DEG);
}

/** Instant (Julian Day, UT) of the true new moon with lunation index k (k = 0: January 2000). */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;

  const E = 1 - 0.002516 * T - 0.0000074 * T2; // eccentricity of Earth's orbit, scales terms involving M
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3; // Sun's mean anomaly
  const Mm = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4; // Moon's
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4; // arg. of latitude
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3; // longitude of ascending node

  const periodic =
    -0.4072 * sind(Mm) +
    0.17241 * E * sind(M) +
    0.01608 * sind(2 * Mm) +
    0.01039 * sind(2 * F) +
    0.00739 * E * sind(Mm - M) -
    0.00514 * E * sind(Mm + M) +
    0.00208 * E * E * sind(2 * M) -
    0.00111 * sind(Mm - 2 * F) -
    0.00057 * sind(Mm + 2 * F) +
    0.00056 * E * sind(2 * Mm + M) -
    0.00042 * sind(3 * Mm) +
    0.00042 * E * sind(M + 2 * F) +
    0.00038 * E * sind(M - 2 * F) -
    0.00024 * E * sind(2 * Mm - M) -
    0.00017 * sind(Om) -
    0.00007 * sind(Mm + 2 * M) +
    0.00004 * sind(2 * Mm - 2 * F) +
    0.00004 * sind(3 * M) +
    0.00003 * sind(Mm + M - 2 * F) +
    0.00003 * sind(2 * Mm + 2 * F) -
    0.00003 * sind(Mm + M + 2 * F) +
    0.00003 * sind(Mm - M + 2 * F) -
    0.00002 * sind(Mm - M - 2 * F) -
    0.00002 * sind(3 * Mm + M) +
    0.00002 * sind(4 * Mm);

  // Planetary perturbations (amplitude, argument) — small, but cheap.
  const planetary =
    0.000325 * sind(299.77 + 0.107408 * k - 0.009173 * T2) +
    0.000165 * sind(251.88 + 0.016321 * k) +
    0.000164 * sind(251.83 + 26.651886 * k) +
    0.000126 * sind(349.42 + 36.412478 * k) +
    0.00011 * sind(84.66 + 18.206239 * k) +
    0.000062 * sind(141.74 + 53.303771 * k) +
    0.00006 * sind(207.14 + 2.453732 * k) +
    0.000056 * sind(154.84 + 7.30686 * k) +
    0.000047 * sind(34.52 + 27.261239 * k) +
    0.000042 * sind(207.19 + 0.121824 * k) +
    0.00004 * sind(291.34 + 1.844379 * k) +
    0.000037 * sind(161.72 + 24.198154 * k) +
    0.000035 * sind(239.56 + 25.513099 * k) +
    0.000023 * sind(331.55 + 3.592518 * k);

  const jde = mean + periodic + planetary;
  const decimalYear = 2000 + (jde - 2451545) / 365.25;
  return jde - deltaTSeconds(decimalYear) / 86400;
}

/** Apparent geocentric longitude of the Sun, degrees in [0, 360), at Julian Day `jd`. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sind(M) +
    (0.019993 - 0.000101 * T) * sind(2 * M) +
    0.000289 * sind(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const apparent = L0 + C - 0.00569 - 0.00478 * sind(omega);
  return ((apparent % 360) + 360) % 360;
}

/** Civil day (JDN) in time zone `tz` on which the k-th new moon happens. */
function newMoonDay(k: number, tz: number): number {
  // JD counts from noon; +0.5 moves the day boundary to midnight UT, +tz/24 to local midnight.
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** Solar longitude at the local midnight that starts civil day `jdn`. */
function sunLongitudeAtDayStart(jdn: number, tz: number): number {
  return sunLongitude(jdn - 0.5 - tz / 24);
}

/** Index (0..11) of the 30° arc the Sun is in; a change between two dates means a major solar term in between. */
function solarSector(jdn: number, tz: number): number {
  return Math.floor(sunLongitudeAtDayStart(jdn, tz) / 30);
}

// ---------------------------------------------------------------------------------------------------------------
// Month tables

interface LunarMonthEntry {
  /** Lunar year the month belongs to. */
  year: number;
  month: number;
  leap: boolean;
  /** JDN of day 1. */
  start: number;
  /** 29 or 30. */
  length: number;
}

/**
 * Lunation index of month 11 of Gregorian year `y`: the last new moon whose day starts before the Sun reaches 270°
 * (so that the month it opens contains the solstice).
 */
function month11Lunation(y: number, tz: number): number {
  // Start from a new moon in October, safely before the solstice month, and walk forward.
  let k = Math.floor((jdnFromSolar(y, 11, 1) - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  for (;;) {
    const lon = sunLongitudeAtDayStart(newMoonDay(k + 1, tz), tz);
    // Past the solstice means ≥ 270°, or wrapped to the spring side.
    if (lon >= 270 || lon < 90) return k;
    k++;
  }
}

const cycleCache = new Map<string, LunarMonthEntry[]>();

/**
 * Months from month 11 of Gregorian year y−1 (inclusive) to month 11 of year y (exclusive): months 11 and 12 of
 * lunar year y−1, then months 1..10 of lunar year y, plus a leap month when there are 13.
 */
function solsticeCycle(y: number, tz: number): LunarMonthEntry[] {
  const key = `${tz}:${y}`;
  const cached = cycleCache.get(key);
  if (cached) return cached;

  const k0 = month11Lunation(y - 1, tz);
  const k1 = month11Lunation(y, tz);
  const count = k1 - k0; // 12 or 13
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(newMoonDay(k0 + i, tz));

  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (solarSector(starts[i], tz) === solarSector(starts[i + 1], tz)) {
        leapIndex = i;
        break;
      }
    }
  }

  const months: LunarMonthEntry[] = [];
  for (let i = 0; i < count; i++) {
    // Ordinal counting month 11 as 11; a leap month takes the number of the month before it.
    const ordinal = 11 + i - (leapIndex !== -1 && i >= leapIndex ? 1 : 0);
    months.push({
      year: ordinal <= 12 ? y - 1 : y,
      month: ((ordinal - 1) % 12) + 1,
      leap: i === leapIndex,
      start: starts[i],
      length: starts[i + 1] - starts[i],
    });
  }
  cycleCache.set(key, months);
  return months;
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`${what} ${year} is outside the supported range ${MIN_LUNAR_YEAR}..${MAX_LUNAR_YEAR}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public conversions

/** Lunar date of a Gregorian date (Vietnamese calendar unless another time zone is given). */
export function solarToLunar(year: number, month: number, day: number, tzHours = VIETNAM_TZ_HOURS): LunarDate {
  if (!isValidSolar(year, month, day)) throw new RangeError(`invalid Gregorian date ${year}-${month}-${day}`);
  checkYear(year, 'year');
  const jdn = jdnFromSolar(year, month, day);
  // Dates on or after this year's month-11 start belong to the next solstice cycle.
  const cycleYear = jdn >= solsticeCycle(year + 1, tzHours)[0].start ? year + 1 : year;
  const months = solsticeCycle(cycleYear, tzHours);
  for (let i = months.length - 1; i >= 0; i--) {
    const m = months[i];
    if (jdn >= m.start) return { year: m.year, month: m.month, day: jdn - m.start + 1, leap: m.leap };
  }
  // Unreachable: month 11 of year−1 always starts before 1 January of year.
  throw new Error(`no lunar month found for ${year}-${month}-${day}`);
}

/** The month entry of a lunar (year, month, leap); RangeError when that month does not exist. */
function findMonth(lunarYear: number, lunarMonth: number, leap: boolean, tzHours: number): LunarMonthEntry {
  checkYear(lunarYear, 'lunar year');
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`invalid lunar month ${lunarMonth}`);
  }
  // Months 1..10 of a lunar year sit in the solstice cycle of the same number; months 11..12 in the next one.
  const months = solsticeCycle(lunarMonth >= 11 ? lunarYear + 1 : lunarYear, tzHours);
  const m = months.find((e) => e.year === lunarYear && e.month === lunarMonth && e.leap === leap);
  if (!m) throw new RangeError(`lunar year ${lunarYear} has no ${leap ? 'leap ' : ''}month ${lunarMonth}`);
  return m;
}

/**
 * Gregorian date of a lunar date. Throws RangeError when the month is not leap that year (leap = true) or the day
 * does not exist (30 in a 29-day month).
 */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
  tzHours = VIETNAM_TZ_HOURS,
): SolarDate {
  const m = findMonth(lunarYear, lunarMonth, leap, tzHours);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > m.length) {
    throw new RangeError(`lunar month ${lunarMonth}${leap ? ' (leap)' : ''}/${lunarYear} has ${m.length} days`);
  }
  return solarFromJdn(m.start + lunarDay - 1);
}

/** Leap month number of a lunar year (0 when the year has none). */
export function leapMonthOf(lunarYear: number, tzHours = VIETNAM_TZ_HOURS): number {
  checkYear(lunarYear, 'lunar year');
  const all = [...solsticeCycle(lunarYear, tzHours), ...solsticeCycle(lunarYear + 1, tzHours)];
  return all.find((m) => m.year === lunarYear && m.leap)?.month ?? 0;
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number, leap = false, tzHours = VIETNAM_TZ_HOURS): number {
  return findMonth(lunarYear, lunarMonth, leap, tzHours).length;
}
