import { describe, expect, it } from 'vitest';
import {
  classifyHandOff,
  deadlineStatus,
  isDueSoon,
  isExtensionTimely,
  isIsoInstant,
  isOverdue,
  toMillis,
  vnLocalDate,
  warningFrom,
} from './deadline';

const DUE = '2026-11-26T17:00:00+07:00'; // Thursday

describe('instants', () => {
  it('accepts ISO 8601 with an offset, to the minute or finer', () => {
    expect(isIsoInstant('2026-11-24T09:30+07:00')).toBe(true);
    expect(isIsoInstant('2026-11-24T02:30:00.123Z')).toBe(true);
  });

  it('refuses timestamps without an offset, dates alone and impossible dates', () => {
    expect(isIsoInstant('2026-11-24T09:30:00')).toBe(false);
    expect(isIsoInstant('2026-11-24')).toBe(false);
    expect(isIsoInstant('2026-13-45T09:30:00Z')).toBe(false);
    expect(isIsoInstant(123)).toBe(false);
    expect(() => toMillis('yesterday')).toThrow(RangeError);
    expect(() => toMillis(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('takes the Vietnam local date (UTC+7), not the UTC date', () => {
    expect(vnLocalDate('2026-11-24T16:59:00Z')).toBe('2026-11-24');
    expect(vnLocalDate('2026-11-24T17:00:00Z')).toBe('2026-11-25');
    expect(vnLocalDate(new Date('2026-11-24T23:30:00+07:00'))).toBe('2026-11-24');
  });
});

describe('classifyHandOff (form 06: early / on time / late)', () => {
  it('is early on any local date before the due date', () => {
    expect(classifyHandOff('2026-11-25T16:59:00+07:00', DUE)).toBe('early');
    expect(classifyHandOff('2026-11-25T23:59:00+07:00', DUE)).toBe('early');
  });

  it('is on time on the due date up to and including the due minute', () => {
    expect(classifyHandOff('2026-11-26T00:00:00+07:00', DUE)).toBe('on_time');
    expect(classifyHandOff('2026-11-26T08:00:00+07:00', DUE)).toBe('on_time');
    expect(classifyHandOff(DUE, DUE)).toBe('on_time');
  });

  it('is late after the due instant, the same day or later', () => {
    expect(classifyHandOff('2026-11-26T17:01:00+07:00', DUE)).toBe('late');
    expect(classifyHandOff('2026-11-27T08:00:00+07:00', DUE)).toBe('late');
  });

  it('compares local dates across the UTC date line', () => {
    // 00:30 local on the 26th is 17:30 UTC on the 25th: same local date as the due, so on time, not early.
    expect(classifyHandOff('2026-11-25T17:30:00Z', DUE)).toBe('on_time');
    // 23:30 local on the 25th is 16:30 UTC on the 25th: the day before, so early.
    expect(classifyHandOff('2026-11-25T16:30:00Z', DUE)).toBe('early');
  });

  it('handles a due time early in the morning', () => {
    expect(classifyHandOff('2026-11-26T07:59:00+07:00', '2026-11-26T08:00:00+07:00')).toBe('on_time');
    expect(classifyHandOff('2026-11-26T08:01:00+07:00', '2026-11-26T08:00:00+07:00')).toBe('late');
  });
});

describe('due soon / overdue', () => {
  const SOON = '2026-11-25T17:00:00+07:00';

  it('is due soon from dueSoonFrom inclusive', () => {
    expect(isDueSoon('2026-11-25T16:59:00+07:00', SOON)).toBe(false);
    expect(isDueSoon(SOON, SOON)).toBe(true);
    expect(isDueSoon('2026-11-27T09:00:00+07:00', SOON)).toBe(true);
  });

  it('is overdue strictly after dueAt', () => {
    expect(isOverdue(DUE, DUE)).toBe(false);
    expect(isOverdue('2026-11-26T17:00:01+07:00', DUE)).toBe(true);
    expect(isOverdue('2026-11-26T10:00:00Z', DUE)).toBe(false); // the same instant in UTC
    expect(isOverdue('2026-11-26T10:01:00Z', DUE)).toBe(true);
  });

  it('deadlineStatus prefers overdue over due soon', () => {
    expect(deadlineStatus('2026-11-24T09:00:00+07:00', SOON, DUE)).toBe('ok');
    expect(deadlineStatus('2026-11-26T09:00:00+07:00', SOON, DUE)).toBe('due_soon');
    expect(deadlineStatus('2026-11-27T09:00:00+07:00', SOON, DUE)).toBe('overdue');
  });
});

describe('isExtensionTimely (form 04 at the latest one working day before the due date)', () => {
  // Due Monday 30 Nov 17:00; due minus one working day is Friday 27 Nov 17:00.
  const SOON = '2026-11-27T17:00:00+07:00';

  it('allows the whole of the working day before the due date', () => {
    expect(isExtensionTimely('2026-11-26T10:00:00+07:00', SOON)).toBe(true);
    expect(isExtensionTimely('2026-11-27T23:59:00+07:00', SOON)).toBe(true);
  });

  it('refuses from the next local day on', () => {
    expect(isExtensionTimely('2026-11-28T00:00:00+07:00', SOON)).toBe(false);
    expect(isExtensionTimely('2026-11-30T09:00:00+07:00', SOON)).toBe(false);
  });
});

describe('warningFrom', () => {
  it('is due minus one working day, never before the receipt', () => {
    // Received 02/12 02:50, due the same day: due − 1 working day (01/12 17:00) is before the receipt.
    expect(warningFrom('2026-12-01T17:00:00+07:00', '2026-12-02T02:50:00+07:00')).toBe(new Date('2026-12-02T02:50:00+07:00').toISOString());
    expect(warningFrom('2026-12-04T09:00:00+07:00', '2026-12-02T09:00:00+07:00')).toBe(new Date('2026-12-04T09:00:00+07:00').toISOString());
    expect(warningFrom('2026-12-04T09:00:00+07:00', null)).toBe(new Date('2026-12-04T09:00:00+07:00').toISOString());
  });
});
