import { describe, expect, it } from 'vitest';
import { NOT_JUDGED_STATES, PROCESSED_STATES, progressOf } from './progress';

const due = '2026-03-09T09:00:00+07:00';

describe('progress (Decision 766)', () => {
  it('processing finishes in the states of national status 9', () => {
    expect([...PROCESSED_STATES].sort()).toEqual(['rejected', 'result_issued']);
  });

  it('judges processing finished against the appointed time', () => {
    expect(progressOf({ state: 'returned', finishedAt: '2026-03-05T10:00:00+07:00', dueAt: due })).toBe('early');
    expect(progressOf({ state: 'returned', finishedAt: '2026-03-09T09:00:00+07:00', dueAt: due })).toBe('on_time');
    expect(progressOf({ state: 'result_issued', finishedAt: '2026-03-09T09:01:00+07:00', dueAt: due })).toBe('late');
    expect(progressOf({ state: 'rejected', finishedAt: '2026-03-06T09:00:00+07:00', dueAt: due })).toBe('early');
  });

  it('counts more than one supplement request as late', () => {
    expect(progressOf({ state: 'returned', finishedAt: '2026-03-05T10:00:00+07:00', dueAt: due, supplementRequests: 2 })).toBe('late');
    expect(progressOf({ state: 'returned', finishedAt: '2026-03-05T10:00:00+07:00', dueAt: due, supplementRequests: 1 })).toBe('early');
  });

  it('labels neither on time nor late what never finished processing', () => {
    expect(progressOf({ state: 'processing', finishedAt: null, dueAt: due })).toBeNull();
    for (const state of NOT_JUDGED_STATES) expect(progressOf({ state, finishedAt: '2026-03-05T10:00:00+07:00', dueAt: due })).toBeNull();
    expect([...NOT_JUDGED_STATES].sort()).toEqual(['refused', 'stopped', 'withdrawal_requested', 'withdrawn']);
  });
});
