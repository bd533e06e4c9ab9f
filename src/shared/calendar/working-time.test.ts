import { describe, expect, it } from 'vitest';
import {
  Calendar,
  SEEDED_EXCEPTIONS,
  createCalendar,
  fromLocalDateTime,
  localDateTime,
  mergeExceptions,
  toLocalDate,
} from './index';
import { formatDay, parseDateISO } from './dates';

const cal = createCalendar({ exceptions: SEEDED_EXCEPTIONS });
const at = fromLocalDateTime;

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parseDateISO(from); d <= parseDateISO(to); d++) out.push(formatDay(d));
  return out;
}

/** Weekdays off (what changes the working-day count), excluding holidays that fall on a weekend. */
function weekdaysOff(c: Calendar, year: number): string[] {
  return c.daysOff(year).filter((d) => !d.onWeekend).map((d) => d.date);
}

function workingDayCount(c: Calendar, year: number): number {
  return range(`${year}-01-01`, `${year}-12-31`).filter((d) => c.isWorkingDay(d)).length;
}

// -----------------------------------------------------------------------------------------------------------------

describe('local time helpers (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('converts instants to local dates and times', () => {
    expect(toLocalDate(new Date('2026-02-16T17:00:00Z'))).toBe('2026-02-17');
    expect(toLocalDate(new Date('2026-02-16T16:59:59Z'))).toBe('2026-02-16');
    expect(localDateTime(new Date('2026-02-16T16:59:00Z'))).toBe('2026-02-16 23:59');
    expect(fromLocalDateTime('2026-02-17', '00:00').toISOString()).toBe('2026-02-16T17:00:00.000Z');
    expect(fromLocalDateTime('2026-04-24', '15:30').toISOString()).toBe('2026-04-24T08:30:00.000Z');
  });

  it('rejects invalid input', () => {
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
    expect(() => fromLocalDateTime('2026-02-29')).toThrow(RangeError);
    expect(() => fromLocalDateTime('2026-02-20', '8:00')).toThrow(RangeError);
  });
});

describe('days off, 2025 (seeded decisions)', () => {
  it('lists every weekday off', () => {
    expect(weekdaysOff(cal, 2025)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    for (const d of weekdaysOff(cal, 2025)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(workingDayCount(cal, 2025)).toBe(261 - 12 + 1);
  });

  it('Tết Ất Tỵ: off Saturday 25/1 – Sunday 2/2, working on 24/1 and 3/2', () => {
    for (const d of range('2025-01-25', '2025-02-02')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('30/4 – 1/5: off 30/4 – 4/5, Saturday 26/4 worked', () => {
    for (const d of range('2025-04-30', '2025-05-04')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.swappedWorkingDays(2025)).toEqual([expect.objectContaining({ date: '2025-04-26', swappedWith: '2025-05-02' })]);
    expect(cal.dayInfo('2025-04-26')).toMatchObject({ working: true, kind: 'swapped-working' });
    expect(cal.dayInfo('2025-05-02')).toMatchObject({ working: false, kind: 'exception' });
  });

  it('Quốc khánh with 1/9 as the adjacent day: off Saturday 30/8 – Tuesday 2/9', () => {
    for (const d of range('2025-08-30', '2025-09-02')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-09-03')).toBe(true);
    expect(cal.dayInfo('2025-09-01')).toMatchObject({ kind: 'holiday', nameVi: 'Quốc khánh (ngày liền kề)' });
  });
});

describe('days off, 2026 (seeded decisions)', () => {
  it('lists every weekday off', () => {
    expect(weekdaysOff(cal, 2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
      '2026-11-24',
    ]);
    for (const d of weekdaysOff(cal, 2026)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(workingDayCount(cal, 2026)).toBe(261 - 14 + 2);
  });

  it("Tết Dương lịch: off 1–4/1, Saturday 10/1 worked", () => {
    for (const d of range('2026-01-01', '2026-01-04')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
  });

  it('Tết Bính Ngọ: off Saturday 14/2 – Sunday 22/2 (the five days 16–20/2)', () => {
    for (const d of range('2026-02-14', '2026-02-22')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    const tet = cal.daysOff(2026).filter((d) => d.holidayId === 'tet');
    expect(tet.map((d) => d.date)).toEqual(range('2026-02-16', '2026-02-20'));
  });

  it('Hùng Kings on Sunday 26/4 is compensated on Monday 27/4', () => {
    expect(cal.dayInfo('2026-04-26')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.dayInfo('2026-04-27')).toMatchObject({
      working: false,
      kind: 'compensatory',
      nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    });
    expect(cal.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('30/4 – 1/5 on Thursday–Friday: off 30/4 – 3/5', () => {
    for (const d of range('2026-04-30', '2026-05-03')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-05-04')).toBe(true);
  });

  it('Quốc khánh: off Saturday 29/8 – Wednesday 2/9 (31/8 swapped with Saturday 22/8)', () => {
    for (const d of range('2026-08-29', '2026-09-02')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
    expect(cal.swappedWorkingDays(2026).map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('Ngày Văn hóa Việt Nam, Tuesday 24/11/2026, is off', () => {
    expect(cal.dayInfo('2026-11-24')).toMatchObject({ working: false, kind: 'exception', nameEn: 'Vietnamese Culture Day (24 November)' });
  });
});

describe('days off, 2027 (rules only — no decision yet)', () => {
  it('lists every weekday off', () => {
    expect(weekdaysOff(cal, 2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
    expect(workingDayCount(cal, 2027)).toBe(261 - 11);
  });

  it('Tết Đinh Mùi: 29 tháng Chạp (5/2) + mùng 1–4, mùng 1–2 on the weekend compensated on 10–11/2', () => {
    for (const d of range('2027-02-05', '2027-02-11')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
    expect(cal.dayInfo('2027-02-10')).toMatchObject({ kind: 'compensatory' });
  });

  it('1/5 on Saturday → Monday 3/5; 2/9 Thursday with 3/9 Friday as the adjacent day', () => {
    expect(cal.dayInfo('2027-05-03')).toMatchObject({ kind: 'compensatory' });
    expect(cal.dayInfo('2027-09-03')).toMatchObject({ kind: 'holiday', nameEn: 'National Day (adjacent day)' });
  });

  it('a 2027 decision entered by an administrator replaces the default', () => {
    const c = createCalendar({
      exceptions: mergeExceptions(SEEDED_EXCEPTIONS, {
        2027: {
          tetDays: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
          notOff: [],
        },
      }),
    });
    expect(c.isWorkingDay('2027-02-04')).toBe(false);
    expect(c.isWorkingDay('2027-02-11')).toBe(true);
  });
});

// -----------------------------------------------------------------------------------------------------------------

describe('addWorkingDays', () => {
  it('keeps the clock time: Monday 10:15 + 5 working days → next Monday 10:15', () => {
    const r = cal.addWorkingDays(at('2026-03-02', '10:15'), 5);
    expect(r.dueLocal).toBe('2026-03-09 10:15');
    expect(r.dueDate).toBe('2026-03-09');
    expect(r.due.toISOString()).toBe('2026-03-09T03:15:00.000Z');
    expect(r.countFrom).toEqual(at('2026-03-02', '10:15'));
  });

  it('n = 0 gives the effective receipt', () => {
    expect(cal.addWorkingDays(at('2026-03-02', '10:15'), 0).dueLocal).toBe('2026-03-02 10:15');
    expect(cal.addWorkingDays(at('2026-03-07', '10:15'), 0).dueLocal).toBe('2026-03-09 08:00');
  });

  it('received before opening counts from 08:00 that day, due at the close of the Nth day', () => {
    const r = cal.addWorkingDays(at('2026-03-02', '06:30'), 1);
    expect(localDateTime(r.countFrom)).toBe('2026-03-02 08:00');
    expect(r.dueLocal).toBe('2026-03-02 17:00');
    expect(cal.addWorkingDays(at('2026-03-02', '08:00'), 3).dueLocal).toBe('2026-03-04 17:00');
  });

  it('received after hours counts from 08:00 of the next working day', () => {
    const r = cal.addWorkingDays(at('2026-03-02', '18:00'), 1);
    expect(localDateTime(r.countFrom)).toBe('2026-03-03 08:00');
    expect(r.dueLocal).toBe('2026-03-03 17:00');
    expect(cal.addWorkingDays(at('2026-03-02', '17:00'), 1).dueLocal).toBe('2026-03-03 17:00');
  });

  it('received on a rest day counts from the next working day', () => {
    expect(cal.addWorkingDays(at('2026-03-07', '09:00'), 1).dueLocal).toBe('2026-03-09 17:00');
    expect(cal.addWorkingDays(at('2026-02-18', '09:00'), 2).dueLocal).toBe('2026-02-24 17:00');
  });

  it('a period ending on a rest day ends on the next working day (Civil Code Art. 148(5))', () => {
    // Thursday + 2: counting calendar days would end on Saturday; working days end on Monday.
    expect(cal.addWorkingDays(at('2026-03-05', '10:00'), 2).dueLocal).toBe('2026-03-09 10:00');
    // Wednesday 29/4 + 1: 30/4, 1/5 are holidays, 2–3/5 the weekend → Monday 4/5.
    expect(cal.addWorkingDays(at('2026-04-29', '09:00'), 1).dueLocal).toBe('2026-05-04 09:00');
  });

  it('skips Hùng Kings and its compensation day (Friday 24/4/2026 + 1 → Tuesday 28/4)', () => {
    expect(cal.addWorkingDays(at('2026-04-24', '14:00'), 1).dueLocal).toBe('2026-04-28 14:00');
  });

  it('skips the Tết blocks', () => {
    expect(cal.addWorkingDays(at('2025-01-24', '10:00'), 1).dueLocal).toBe('2025-02-03 10:00');
    expect(cal.addWorkingDays(at('2026-02-13', '10:00'), 1).dueLocal).toBe('2026-02-23 10:00');
    expect(cal.addWorkingDays(at('2027-02-04', '10:00'), 1).dueLocal).toBe('2027-02-12 10:00');
  });

  it('skips the 2/9 adjacent day', () => {
    expect(cal.addWorkingDays(at('2025-08-29', '10:00'), 1).dueLocal).toBe('2025-09-03 10:00');
    expect(cal.addWorkingDays(at('2026-08-28', '10:00'), 1).dueLocal).toBe('2026-09-03 10:00');
    expect(cal.addWorkingDays(at('2027-09-01', '10:00'), 1).dueLocal).toBe('2027-09-06 10:00');
  });

  it('counts a swapped Saturday as a working day', () => {
    expect(cal.addWorkingDays(at('2026-08-21', '10:00'), 1).dueLocal).toBe('2026-08-22 10:00');
    expect(cal.addWorkingDays(at('2026-08-21', '10:00'), 2).dueLocal).toBe('2026-08-24 10:00');
    expect(cal.addWorkingDays(at('2025-04-25', '10:00'), 4).dueLocal).toBe('2025-05-05 10:00');
    // Received on the worked Saturday itself: counting starts at once.
    expect(cal.addWorkingDays(at('2026-01-10', '09:00'), 0).dueLocal).toBe('2026-01-10 09:00');
  });

  it('cutoff: received at 15:30 with a 15:00 cutoff counts from the next working day', () => {
    const r = cal.addWorkingDays(at('2026-03-02', '15:30'), 1, { cutoff: '15:00' });
    expect(localDateTime(r.countFrom)).toBe('2026-03-03 08:00');
    expect(r.dueLocal).toBe('2026-03-03 17:00');
    // Without a cutoff, the same receipt is due at 15:30 the next day.
    expect(cal.addWorkingDays(at('2026-03-02', '15:30'), 1).dueLocal).toBe('2026-03-03 15:30');
    // At 15:00 sharp it is not after the cutoff.
    expect(cal.addWorkingDays(at('2026-03-02', '15:00'), 1, { cutoff: '15:00' }).dueLocal).toBe('2026-03-03 15:00');
    // Before opening the cutoff does not matter.
    expect(cal.addWorkingDays(at('2026-03-02', '07:00'), 0, { cutoff: '15:00' }).dueLocal).toBe('2026-03-02 08:00');
  });

  it('cutoff on the Friday before Tết pushes counting after the whole break', () => {
    const r = cal.addWorkingDays(at('2026-02-13', '15:30'), 1, { cutoff: '15:00' });
    expect(localDateTime(r.countFrom)).toBe('2026-02-23 08:00');
    expect(r.dueLocal).toBe('2026-02-23 17:00');
  });

  it('an administrator-added day off shifts the due date', () => {
    const before = cal.addWorkingDays(at('2026-03-02', '10:00'), 1);
    expect(before.dueLocal).toBe('2026-03-03 10:00');
    const edited = createCalendar({
      exceptions: mergeExceptions(SEEDED_EXCEPTIONS, {
        2026: {
          extraDaysOff: [
            {
              date: '2026-03-03',
              reasonVi: 'Nghỉ do thiên tai (quyết định của UBND tỉnh)',
              reasonEn: 'Closed for a natural disaster (provincial decision)',
              legalBasis: 'test',
            },
          ],
        },
      }),
    });
    expect(edited.addWorkingDays(at('2026-03-02', '10:00'), 1).dueLocal).toBe('2026-03-04 10:00');
    expect(edited.daysOff(2026).find((d) => d.date === '2026-03-03')?.kind).toBe('exception');
  });

  it('an administrator can cancel a seeded day off', () => {
    const edited = createCalendar({
      exceptions: mergeExceptions(SEEDED_EXCEPTIONS, { 2026: { notOff: [{ date: '2026-11-24', reason: 'not in force' }] } }),
    });
    expect(edited.isWorkingDay('2026-11-24')).toBe(true);
    expect(cal.addWorkingDays(at('2026-11-23', '10:00'), 1).dueLocal).toBe('2026-11-25 10:00');
    expect(edited.addWorkingDays(at('2026-11-23', '10:00'), 1).dueLocal).toBe('2026-11-24 10:00');
  });

  it('rejects a bad n, cutoff or date', () => {
    expect(() => cal.addWorkingDays(at('2026-03-02', '10:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-03-02', '10:00'), 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-03-02', '10:00'), 1, { cutoff: '3pm' })).toThrow(RangeError);
    expect(() => cal.addWorkingDays(new Date(NaN), 1)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('continues across a night', () => {
    expect(cal.addWorkingHours(at('2026-03-02', '15:00'), 4).dueLocal).toBe('2026-03-03 10:00');
  });

  it('continues across a weekend', () => {
    expect(cal.addWorkingHours(at('2026-03-06', '16:00'), 3).dueLocal).toBe('2026-03-09 10:00');
  });

  it('continues across holidays and a weekend', () => {
    expect(cal.addWorkingHours(at('2026-04-29', '16:00'), 2).dueLocal).toBe('2026-05-04 09:00');
  });

  it('stops at the close when the hours end exactly there', () => {
    expect(cal.addWorkingHours(at('2026-03-02', '08:00'), 9).dueLocal).toBe('2026-03-02 17:00');
    expect(cal.addWorkingHours(at('2026-03-02', '08:00'), 9.5).dueLocal).toBe('2026-03-03 08:30');
  });

  it('normalises the receipt like addWorkingDays (cutoff, after hours)', () => {
    expect(cal.addWorkingHours(at('2026-03-02', '15:30'), 8, { cutoff: '15:00' }).dueLocal).toBe('2026-03-03 16:00');
    expect(cal.addWorkingHours(at('2026-03-02', '20:00'), 1).dueLocal).toBe('2026-03-03 09:00');
    expect(cal.addWorkingHours(at('2026-03-02', '10:00'), 0).dueLocal).toBe('2026-03-02 10:00');
  });

  it('rejects negative or non-finite hours', () => {
    expect(() => cal.addWorkingHours(at('2026-03-02', '10:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(at('2026-03-02', '10:00'), Infinity)).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it('counts minutes within a day', () => {
    expect(cal.workingTimeBetween(at('2026-03-02', '09:00'), at('2026-03-02', '11:30'))).toBe(150);
  });

  it('excludes nights and weekends', () => {
    expect(cal.workingTimeBetween(at('2026-03-02', '16:00'), at('2026-03-03', '09:00'))).toBe(120);
    expect(cal.workingTimeBetween(at('2026-03-06', '16:00'), at('2026-03-09', '09:00'))).toBe(120);
    expect(cal.workingTimeBetween(at('2026-03-07', '09:00'), at('2026-03-08', '18:00'))).toBe(0);
  });

  it('excludes holidays (30/4–1/5/2026) and the Tết break', () => {
    expect(cal.workingTimeBetween(at('2026-04-29', '08:00'), at('2026-05-04', '08:00'))).toBe(540);
    expect(cal.workingTimeBetween(at('2026-02-13', '08:00'), at('2026-02-23', '17:00'))).toBe(1080);
  });

  it('includes a swapped working Saturday', () => {
    expect(cal.workingTimeBetween(at('2026-01-09', '08:00'), at('2026-01-12', '08:00'))).toBe(1080);
  });

  it('is negative when b is before a', () => {
    expect(cal.workingTimeBetween(at('2026-03-02', '11:30'), at('2026-03-02', '09:00'))).toBe(-150);
  });

  it('supports stop-the-clock: processing time minus the applicant’s supplement time', () => {
    const received = at('2026-03-02', '09:00');
    const supplementRequested = at('2026-03-03', '10:00');
    const supplementReceived = at('2026-03-06', '14:00');
    const result = at('2026-03-10', '11:00');
    const total = cal.workingTimeBetween(received, result);
    const applicant = cal.workingTimeBetween(supplementRequested, supplementReceived);
    // Mon 09–17, Tue–Fri and Mon full days, Tue 08–11.
    expect(total).toBe(480 + 5 * 540 + 180);
    // Tue 10–17, Wed, Thu, Fri 08–14.
    expect(applicant).toBe(420 + 2 * 540 + 360);
    // Agency time: Mon 09–17, Tue 08–10, Fri 14–17, Mon, Tue 08–11.
    expect(total - applicant).toBe(480 + 120 + 180 + 540 + 180);
  });
});

describe('subtractWorkingDays', () => {
  it('gives the warning time one working day before the due time', () => {
    expect(localDateTime(cal.subtractWorkingDays(at('2026-03-09', '17:00'), 1))).toBe('2026-03-06 17:00');
    expect(localDateTime(cal.subtractWorkingDays(at('2026-05-04', '10:00'), 1))).toBe('2026-04-29 10:00');
    expect(localDateTime(cal.subtractWorkingDays(at('2026-02-23', '17:00'), 1))).toBe('2026-02-13 17:00');
    expect(localDateTime(cal.subtractWorkingDays(at('2026-04-28', '14:00'), 1))).toBe('2026-04-24 14:00');
  });

  it('moves an instant outside working time back to the last working moment first', () => {
    expect(localDateTime(cal.subtractWorkingDays(at('2026-03-07', '12:00'), 0))).toBe('2026-03-06 17:00');
    expect(localDateTime(cal.subtractWorkingDays(at('2026-03-09', '07:00'), 0))).toBe('2026-03-06 17:00');
    expect(localDateTime(cal.subtractWorkingDays(at('2026-03-09', '19:00'), 1))).toBe('2026-03-06 17:00');
  });

  it('counts a swapped Saturday', () => {
    expect(localDateTime(cal.subtractWorkingDays(at('2026-08-24', '10:00'), 1))).toBe('2026-08-22 10:00');
  });
});

describe('configuration', () => {
  it('supports other working hours and an optional lunch break', () => {
    const c = createCalendar({
      exceptions: SEEDED_EXCEPTIONS,
      workdayStart: '07:30',
      workdayEnd: '16:30',
      lunchBreak: { start: '11:30', end: '13:00' },
    });
    expect(c.workdayMinutes).toBe(450);
    expect(c.addWorkingHours(at('2026-03-02', '10:30'), 2).dueLocal).toBe('2026-03-02 14:00');
    expect(c.addWorkingDays(at('2026-03-02', '12:00'), 1).dueLocal).toBe('2026-03-03 13:00');
    expect(c.addWorkingDays(at('2026-03-02', '07:00'), 1).dueLocal).toBe('2026-03-02 16:30');
    expect(c.workingTimeBetween(at('2026-03-02', '07:00'), at('2026-03-02', '18:00'))).toBe(450);
    expect(localDateTime(c.subtractWorkingDays(at('2026-03-03', '12:00'), 1))).toBe('2026-03-02 11:30');
  });

  it('rejects inconsistent hours and bad exception data', () => {
    expect(() => createCalendar({ exceptions: {}, workdayStart: '17:00', workdayEnd: '08:00' })).toThrow(RangeError);
    expect(() => createCalendar({ exceptions: {}, lunchBreak: { start: '07:00', end: '09:00' } })).toThrow(RangeError);
    expect(() =>
      createCalendar({ exceptions: { 2026: { extraDaysOff: [{ date: '26-03-03', reasonVi: 'x', reasonEn: 'x' }] } } }),
    ).toThrow(RangeError);
  });

  it('fails loudly instead of looping when data leaves no working day', () => {
    const off = (from: string, to: string) => range(from, to).map((date) => ({ date, reasonVi: 'x', reasonEn: 'x' }));
    const c = createCalendar({ exceptions: { 2026: { extraDaysOff: off('2026-01-01', '2026-12-31') }, 2027: { extraDaysOff: off('2027-01-01', '2027-12-31') } } });
    expect(() => c.addWorkingDays(at('2026-03-02', '10:00'), 1)).toThrow(/no working day/);
  });
});

// -----------------------------------------------------------------------------------------------------------------

/** Small deterministic PRNG (xorshift32) so that the property test is reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

describe('properties (random receipts 2025–2027, n in 0..40)', () => {
  const rand = prng(20260424);
  const lo = at('2025-01-01', '00:00').getTime();
  const hi = at('2027-11-30', '00:00').getTime();
  const samples = Array.from({ length: 300 }, () => ({
    from: new Date(lo + Math.floor(rand() * (hi - lo))),
    cutoff: rand() < 0.5 ? '15:00' : undefined,
  }));

  it('due is on a working day, within working hours, never before receipt, and strictly increasing in n', () => {
    for (const { from, cutoff } of samples) {
      let prev = -Infinity;
      for (let n = 0; n <= 40; n++) {
        const r = cal.addWorkingDays(from, n, { cutoff });
        expect(cal.isWorkingDay(r.dueDate)).toBe(true);
        expect(toLocalDate(r.due)).toBe(r.dueDate);
        const hhmm = r.dueLocal.slice(11);
        expect(hhmm >= '08:00' && hhmm <= '17:00').toBe(true);
        expect(r.due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(r.due.getTime()).toBeGreaterThan(prev);
        prev = r.due.getTime();
      }
    }
  });

  it('N working days = N × 9 working hours, and subtracting N working days goes back exactly as much', () => {
    for (const { from, cutoff } of samples.slice(0, 100)) {
      for (const n of [0, 1, 2, 5, 13, 40]) {
        const r = cal.addWorkingDays(from, n, { cutoff });
        expect(cal.workingTimeBetween(r.countFrom, r.due)).toBe(n * 540);
        expect(cal.addWorkingHours(from, 9 * n, { cutoff }).due).toEqual(r.due);
        expect(cal.workingTimeBetween(cal.subtractWorkingDays(r.due, n), r.due)).toBe(n * 540);
      }
    }
  });
});
