import { describe, expect, it } from 'vitest';
import {
  type CalendarExceptions,
  VIETNAMESE_CULTURE_DAY,
  compensatoryDays,
  mergeExceptions,
  nationalDayAdjacentDate,
  resolveYear,
  statutoryHolidays,
  tetDates,
  validateYearExceptions,
} from './holidays';
import { SEEDED_EXCEPTIONS } from './exceptions-vn';
import { isWeekendDay, parseDateISO } from './dates';

const dates = (list: readonly { date: string }[]) => list.map((d) => d.date);

describe('tetDates', () => {
  it('defaults to the last day of the old lunar year + mùng 1–4', () => {
    expect(tetDates(2025)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    expect(tetDates(2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tetDates(2027)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
  });

  it('is configurable: 2 days before gives the 2025 decision (28 tháng Chạp – mùng 3)', () => {
    expect(tetDates(2025, { daysBefore: 2 })).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(tetDates(2026, { daysBefore: 0 })[0]).toBe('2026-02-17');
  });

  it('rejects a nonsensical rule', () => {
    expect(() => tetDates(2026, { daysBefore: 6 })).toThrow(RangeError);
    expect(() => tetDates(2026, { daysBefore: 1.5 })).toThrow(RangeError);
  });
});

describe('nationalDayAdjacentDate', () => {
  it.each([
    [2021, '2021-09-03'], // 2/9 Thursday → Friday
    [2022, '2022-09-01'], // Friday → Thursday (3/9 would be a Saturday)
    [2023, '2023-09-01'], // Saturday → Friday
    [2024, '2024-09-03'], // Monday → Tuesday (1/9 is a Sunday)
    [2025, '2025-09-01'], // Tuesday → Monday
    [2026, '2026-09-01'], // Wednesday → 1/9 by default
    [2027, '2027-09-03'], // Thursday → Friday
  ])("'auto' reproduces the decided adjacent day of %i (%s)", (year, expected) => {
    expect(nationalDayAdjacentDate(year)).toBe(expected);
  });

  it('can be forced before or after', () => {
    expect(nationalDayAdjacentDate(2027, 'before')).toBe('2027-09-01');
    expect(nationalDayAdjacentDate(2025, 'after')).toBe('2025-09-03');
  });
});

describe('statutoryHolidays (Labour Code Art. 112)', () => {
  it('gives the 11 days of 2026 with vi/en names', () => {
    const h = statutoryHolidays(2026);
    expect(h).toHaveLength(11);
    expect(dates(h)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(h.find((x) => x.id === 'hung-kings')).toMatchObject({
      nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: "Hùng Kings' Commemoration Day",
    });
    expect(h.find((x) => x.date === '2026-02-16')?.nameVi).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(h.find((x) => x.date === '2026-02-17')?.nameVi).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
  });

  it('uses the decided Tết days and adjacent day when given', () => {
    const h = statutoryHolidays(2027, {}, {
      tetDays: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
      nationalDayAdjacent: '2027-09-01',
    });
    expect(dates(h.filter((x) => x.id === 'tet'))).toEqual(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(h.find((x) => x.id === 'national-day-adjacent')?.date).toBe('2027-09-01');
  });

  it('rejects a decided adjacent day other than 1 or 3 September', () => {
    expect(() => statutoryHolidays(2027, {}, { nationalDayAdjacent: '2027-09-04' })).toThrow(RangeError);
  });

  it('adds further fixed holidays within their years only', () => {
    expect(statutoryHolidays(2025, { additionalHolidays: [VIETNAMESE_CULTURE_DAY] })).toHaveLength(11);
    const h = statutoryHolidays(2027, { additionalHolidays: [VIETNAMESE_CULTURE_DAY] });
    expect(h).toHaveLength(12);
    expect(h.at(-1)).toMatchObject({ date: '2027-11-24', id: 'culture-day', nameVi: 'Ngày Văn hóa Việt Nam' });
  });
});

describe('compensatoryDays (Art. 111(3))', () => {
  it('moves a Sunday holiday to Monday: Hùng Kings 2026 (26/4) → 27/4', () => {
    const comp = compensatoryDays(statutoryHolidays(2026));
    expect(comp).toEqual([
      expect.objectContaining({ date: '2026-04-27', kind: 'compensatory', compensates: '2026-04-26', holidayId: 'hung-kings' }),
    ]);
    expect(comp[0].nameVi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  });

  it('puts compensation after the whole holiday block (Tết 2027: mùng 1–2 on the weekend → 10 and 11/2)', () => {
    expect(dates(compensatoryDays(statutoryHolidays(2027)))).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('skips a Monday that is itself a holiday (2022: 30/4 Sat and 1/5 Sun → 2/5 and 3/5)', () => {
    // 2022 as decided: 1/1 Sat → 3/1; Hùng Kings 10/4 Sun → 11/4; 30/4 + 1/5 → 2/5 + 3/5.
    expect(dates(compensatoryDays(statutoryHolidays(2022)))).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
  });

  it('matches 2023: 2/9 on Saturday with 1/9 adjacent → Monday 4/9', () => {
    const h = statutoryHolidays(2023);
    expect(h.find((x) => x.id === 'national-day-adjacent')?.date).toBe('2023-09-01');
    expect(dates(compensatoryDays(h))).toContain('2023-09-04');
  });

  it('skips days already off by decision', () => {
    const comp = compensatoryDays(statutoryHolidays(2026), new Set([parseDateISO('2026-04-27')]));
    expect(dates(comp)).toEqual(['2026-04-28']);
  });

  it('compensates a new fixed holiday on a weekend (24/11/2029 is a Saturday)', () => {
    const comp = compensatoryDays(statutoryHolidays(2029, { additionalHolidays: [VIETNAMESE_CULTURE_DAY] }));
    expect(comp.find((c) => c.compensates === '2029-11-24')?.date).toBe('2029-11-26');
  });
});

describe('resolveYear: rules + exceptions', () => {
  it('applies the 2025 decisions: Tết 27–31/1, so no compensation for Saturday 1/2', () => {
    const { daysOff, workingDays } = resolveYear(2025, SEEDED_EXCEPTIONS);
    expect(dates(daysOff)).not.toContain('2025-02-03');
    expect(dates(daysOff)).toContain('2025-01-27');
    expect(dates(workingDays)).toEqual(['2025-04-26']);
  });

  it('without the decisions, 2025 follows the default rule (1/2 Saturday → Monday 3/2)', () => {
    const { daysOff } = resolveYear(2025, {});
    expect(daysOff.find((d) => d.date === '2025-02-03')).toMatchObject({ kind: 'compensatory', compensates: '2025-02-01' });
  });

  it('lets notOff remove a computed day, extra days off replace it, and working days beat everything', () => {
    const ex: CalendarExceptions = {
      2026: {
        notOff: [{ date: '2026-04-27', reason: 'test: compensation moved by decision' }],
        extraDaysOff: [
          { date: '2026-04-28', reasonVi: 'Nghỉ bù (theo quyết định)', reasonEn: 'Compensation (decided)' },
          { date: '2026-05-01', reasonVi: 'Tên khác', reasonEn: 'Other name' },
        ],
        workingDays: [{ date: '2026-04-30', reasonVi: 'Trực', reasonEn: 'On duty' }],
      },
    };
    const { daysOff, workingDays } = resolveYear(2026, ex);
    const byDate = new Map(daysOff.map((d) => [d.date, d]));
    expect(byDate.has('2026-04-27')).toBe(false);
    expect(byDate.get('2026-04-28')).toMatchObject({ kind: 'exception', nameEn: 'Compensation (decided)' });
    expect(byDate.get('2026-05-01')).toMatchObject({ kind: 'exception', nameVi: 'Tên khác' });
    expect(byDate.has('2026-04-30')).toBe(false);
    expect(dates(workingDays)).toEqual(['2026-04-30']);
  });

  it('lists a holiday that falls on a weekend, flagged, next to its compensation', () => {
    const { daysOff } = resolveYear(2026, SEEDED_EXCEPTIONS);
    expect(daysOff.find((d) => d.date === '2026-04-26')).toMatchObject({ kind: 'holiday', onWeekend: true });
    expect(daysOff.find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory' });
  });
});

describe('exception data', () => {
  it('validates dates and conflicts', () => {
    expect(() => validateYearExceptions(2026, { extraDaysOff: [{ date: '2026-02-30', reasonVi: 'x', reasonEn: 'x' }] })).toThrow(RangeError);
    expect(() => validateYearExceptions(2026, { tetDays: ['2026-02-16'] })).toThrow(RangeError);
    expect(() =>
      validateYearExceptions(2026, {
        extraDaysOff: [{ date: '2026-03-07', reasonVi: 'x', reasonEn: 'x' }],
        workingDays: [{ date: '2026-03-07', reasonVi: 'x', reasonEn: 'x' }],
      }),
    ).toThrow(/also an extra day off/);
  });

  it('mergeExceptions layers admin edits on the seeded decisions', () => {
    const merged = mergeExceptions(SEEDED_EXCEPTIONS, {
      2026: { extraDaysOff: [{ date: '2026-03-03', reasonVi: 'Nghỉ đột xuất', reasonEn: 'Ad-hoc closure' }] },
      2027: { tetDays: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'] },
    });
    expect(dates(merged[2026].extraDaysOff ?? [])).toEqual(['2026-01-02', '2026-08-31', '2026-11-24', '2026-03-03']);
    expect(merged[2026].tetDays).toEqual(SEEDED_EXCEPTIONS[2026].tetDays);
    expect(merged[2027].tetDays?.[0]).toBe('2027-02-04');
    expect(merged[2025]).toBe(SEEDED_EXCEPTIONS[2025]);
  });

  it('seeded decisions are consistent: swaps pair a weekday off with a worked weekend day', () => {
    for (const [year, ex] of Object.entries(SEEDED_EXCEPTIONS)) {
      validateYearExceptions(Number(year), ex);
      expect(ex.sources?.length).toBeGreaterThan(0);
      for (const w of ex.workingDays ?? []) {
        expect(isWeekendDay(parseDateISO(w.date))).toBe(true);
        const partner = ex.extraDaysOff?.find((e) => e.date === w.swappedWith);
        expect(partner?.swappedWith).toBe(w.date);
      }
      for (const e of ex.extraDaysOff ?? []) {
        expect(isWeekendDay(parseDateISO(e.date))).toBe(false);
        expect(e.legalBasis).toBeTruthy();
      }
      for (const d of ex.tetDays ?? []) expect(d.startsWith(year)).toBe(true);
    }
  });
});
