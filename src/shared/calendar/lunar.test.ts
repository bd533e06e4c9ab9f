import { describe, expect, it } from 'vitest';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar';
import { dayNumber, formatDay, parseDateISO } from './dates';

const iso = (s: { year: number; month: number; day: number }) => formatDay(dayNumber(s.year, s.month, s.day));
const tet = (year: number, tz?: number) => iso(lunarToSolar(year, 1, 1, false, tz));

describe('lunarToSolar — Tết (mùng 1 tháng Giêng)', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
  ])('Tết %i is %s', (year, expected) => {
    expect(tet(year)).toBe(expected);
  });

  it('Tết 2030 is 2 February in Viet Nam (new moon 2 Feb 16:07 UTC = 23:07 UTC+7), 3 February in China', () => {
    // 2030 is one of the years where Vietnamese and Chinese New Year differ by a day because of the meridian
    // (scienceinfo.net, "Why is the Vietnamese and Chinese New Year a day different?": "in 2030 and 2053, Vietnam
    // will eat Tet sooner than China"). 3 February is the Chinese date.
    expect(tet(2030)).toBe('2030-02-02');
    expect(tet(2030, 8)).toBe('2030-02-03');
  });

  it.each([
    [1968, '1968-01-29', '1968-01-30'],
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
  ])('Tết %i differs between UTC+7 (%s) and UTC+8 (%s)', (year, vn, cn) => {
    expect(tet(year)).toBe(vn);
    expect(tet(year, 8)).toBe(cn);
  });
});

describe('lunarToSolar — Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('%i is %s', (year, expected) => {
    expect(iso(lunarToSolar(year, 3, 10))).toBe(expected);
  });
});

describe('leap months', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2024, 0],
    [2025, 6],
    [2026, 0],
    [2027, 0],
    [2028, 5],
  ])('lunar year %i has leap month %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('2025 has tháng 6 nhuận from 25 July to 22 August', () => {
    expect(iso(lunarToSolar(2025, 6, 1, true))).toBe('2025-07-25');
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(solarToLunar(2025, 8, 22)).toMatchObject({ month: 6, leap: true });
    expect(solarToLunar(2025, 8, 23)).toEqual({ year: 2025, month: 7, day: 1, leap: false });
  });

  it('rejects a leap month that does not exist', () => {
    expect(() => lunarToSolar(2026, 6, 1, true)).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it('maps days around Tết to the old lunar year', () => {
    expect(solarToLunar(2026, 2, 16)).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(solarToLunar(2026, 2, 17)).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    expect(solarToLunar(2025, 1, 27)).toEqual({ year: 2024, month: 12, day: 28, leap: false });
    expect(solarToLunar(2026, 4, 26)).toEqual({ year: 2026, month: 3, day: 10, leap: false });
  });

  it('handles dates after month 11 starts (late December belongs to lunar month 11 or 12)', () => {
    const l = solarToLunar(2026, 12, 31);
    expect(l.year).toBe(2026);
    expect([11, 12]).toContain(l.month);
    expect(iso(lunarToSolar(l.year, l.month, l.day, l.leap))).toBe('2026-12-31');
  });

  it('round-trips every day from 2019 to 2031 and advances one lunar day per solar day', () => {
    let prev = solarToLunar(2018, 12, 31);
    for (let day = parseDateISO('2019-01-01'); day <= parseDateISO('2031-12-31'); day++) {
      const [y, m, d] = formatDay(day).split('-').map(Number);
      const l = solarToLunar(y, m, d);
      expect(iso(lunarToSolar(l.year, l.month, l.day, l.leap))).toBe(formatDay(day));
      if (l.day === 1) {
        expect([29, 30]).toContain(prev.day);
      } else {
        expect(l.day).toBe(prev.day + 1);
        expect(l.month).toBe(prev.month);
      }
      prev = l;
    }
  });

  it('gives lunar years of 353–355 or 383–385 days', () => {
    for (let y = 2000; y <= 2040; y++) {
      const len = parseDateISO(tet(y + 1)) - parseDateISO(tet(y));
      expect([353, 354, 355, 383, 384, 385]).toContain(len);
      expect(len > 370).toBe(leapMonthOf(y) !== 0);
    }
  });
});

describe('validation', () => {
  it('rejects day 30 of a 29-day month', () => {
    // Month 12 of Giáp Thìn (31/12/2024 – 28/1/2025) has 29 days.
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(iso(lunarToSolar(2024, 12, 29))).toBe('2025-01-28');
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
  });

  it('rejects invalid input', () => {
    expect(() => lunarToSolar(2026, 13, 1)).toThrow(RangeError);
    expect(() => lunarToSolar(2026, 1, 0)).toThrow(RangeError);
    expect(() => solarToLunar(2026, 2, 30)).toThrow(RangeError);
    expect(() => solarToLunar(1800, 1, 1)).toThrow(RangeError);
    expect(() => lunarToSolar(2300, 1, 1)).toThrow(RangeError);
  });
});
