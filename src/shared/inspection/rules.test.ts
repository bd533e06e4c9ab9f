import { describe, expect, it } from 'vitest';
import { inspectionNext, mayApprove, onlineShare, percent, remedyStatus, remediesComplete, uploadAccepted, visibleToEntity, yearRange, type InspectionAction, type InspectionState } from './rules';

describe('inspection states', () => {
  it.each<[InspectionState, InspectionAction, InspectionState | null]>([
    ['draft', 'approve', 'approved'],
    ['draft', 'start', null],
    ['approved', 'start', 'in_progress'],
    ['in_progress', 'sign_entity', null],
    ['in_progress', 'sign_team', 'minutes_team_signed'],
    ['minutes_team_signed', 'sign_entity', 'minutes_signed'],
    ['minutes_signed', 'conclude', 'concluded'],
    ['concluded', 'close', 'closed'],
    ['in_progress', 'cancel', null],
  ])('%s + %s → %s', (s, a, n) => expect(inspectionNext(s, a)).toBe(n));
  it('hides drafts from the entity', () => {
    expect(visibleToEntity('draft')).toBe(false);
    expect(visibleToEntity('approved')).toBe(true);
  });
  it.each<[string, string, boolean, boolean]>([
    ['a', 'b', true, true],
    ['a', 'a', true, false],
    ['a', 'b', false, false],
  ])('author %s, approver %s, leader %s: %s', (author, approver, leader, ok) => expect(mayApprove(author, approver, leader)).toBe(ok));
});

describe('deadlines', () => {
  const due = new Date('2026-05-10T10:00:00Z');
  it('accepts uploads before the deadline only', () => {
    expect(uploadAccepted(due, new Date('2026-05-10T09:00:00Z'))).toBe(true);
    expect(uploadAccepted(due, due)).toBe(false);
  });
  it.each<[string | null, string, string]>([
    [null, '2026-05-09T00:00:00Z', 'open'],
    [null, '2026-05-11T00:00:00Z', 'overdue'],
    ['2026-05-11T00:00:00Z', '2026-05-12T00:00:00Z', 'done'],
  ])('remedy done %s, now %s: %s', (done, now, s) => expect(remedyStatus(due, done ? new Date(done) : null, new Date(now))).toBe(s));
  it('closes when all remedies are done', () => {
    expect(remediesComplete([])).toBe(true);
    expect(remediesComplete(['done', 'open'])).toBe(false);
  });
});

describe('online share', () => {
  it.each<[boolean[], number, number, number]>([
    [[], 0, 0, 0],
    [[true, false], 2, 1, 0.5],
    [[true, true, false], 3, 2, 0.6667],
  ])('%j', (flags, total, online, share) => expect(onlineShare(flags.map((online) => ({ online })))).toEqual({ total, online, share }));
});

describe('the online share of a year', () => {
  it('spans the calendar year, in per cent with one decimal', () => {
    expect(yearRange(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(percent(0.6667)).toBe(66.7);
    expect(percent(0.5)).toBe(50);
    expect(percent(0)).toBe(0);
  });
});
