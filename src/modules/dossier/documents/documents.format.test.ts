import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanData,
  cleanText,
  formatDate,
  formatDateTime,
  formatProcessingTime,
  formatTimeAndDate,
  placeDateLine,
  upperVi,
} from './documents.format';
import { vn } from './documents.fixture';

describe('dates in Asia/Ho_Chi_Minh', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('reads an instant in UTC+7 whatever the host time zone', () => {
    // 17:30 UTC is already the next day in Vietnam.
    const late = new Date('2026-11-24T17:30:00Z');
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
      process.env.TZ = tz;
      expect(formatDate(late)).toBe('25/11/2026');
      expect(formatDateTime(late)).toBe('25/11/2026 00:30');
      expect(formatTimeAndDate(late)).toBe('00 giờ 30 phút, ngày 25/11/2026');
    }
  });

  it('writes times to the minute with hours and minutes padded', () => {
    expect(formatTimeAndDate(vn('2026-11-24T09:05'))).toBe('09 giờ 05 phút, ngày 24/11/2026');
    expect(formatDateTime(new Date('2026-11-24T02:30:59.999Z'))).toBe('24/11/2026 09:30');
  });

  it('writes the place-and-date line as Decree 30/2020 asks (zero before days < 10 and months 1, 2)', () => {
    expect(placeDateLine('Quảng Ninh', vn('2026-11-24T09:30'))).toBe('Quảng Ninh, ngày 24 tháng 11 năm 2026');
    expect(placeDateLine('Quảng Ninh', vn('2027-02-05T08:00'))).toBe('Quảng Ninh, ngày 05 tháng 02 năm 2027');
    expect(placeDateLine('Hà Nội', vn('2027-03-09T08:00'))).toBe('Hà Nội, ngày 09 tháng 3 năm 2027');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('text', () => {
  it('normalises to NFC and drops control characters, keeping line breaks', () => {
    const decomposed = 'Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t';
    expect(cleanText(decomposed)).toBe('Nguyễn Thị Ánh Tuyết');
    expect(cleanText('a\u0000b\u0007c\nd\te')).toBe('abc\nd\te');
  });

  it('cleans every string of nested data and keeps Dates', () => {
    const at = new Date('2026-11-24T02:30:00Z');
    const out = cleanData({ a: ['Ho\u0300a'], b: { at, n: 2 } });
    expect(out).toEqual({ a: ['Hòa'], b: { at, n: 2 } });
    expect(out.b.at).toBeInstanceOf(Date);
  });

  it('upper-cases Vietnamese', () => {
    expect(upperVi('Ủy ban nhân dân phường Hạ Long')).toBe('ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG');
  });

  it('writes the statutory processing time', () => {
    expect(formatProcessingTime({ value: 5, unit: 'working_days' })).toBe('05 ngày làm việc');
    expect(formatProcessingTime({ value: 12, unit: 'working_hours' })).toBe('12 giờ làm việc');
  });
});
