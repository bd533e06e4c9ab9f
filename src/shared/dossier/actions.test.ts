import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, ACTION_TYPES, CHANNEL_CODE, isActionType, payloadProblems } from './actions';
import type { Action } from './actions';
import { sampleAction } from './testing';

const fields = (a: unknown) => payloadProblems(a as Action).map((p) => p.field);

describe('action specs', () => {
  it('describes every action type, with labels', () => {
    expect(Object.keys(ACTION_SPECS).sort()).toEqual([...ACTION_TYPES].sort());
    for (const t of ACTION_TYPES) {
      expect(ACTION_SPECS[t].label.vi.length, t).toBeGreaterThan(0);
      expect(ACTION_SPECS[t].label.en.length, t).toBeGreaterThan(0);
    }
  });

  it.each(ACTION_TYPES)('sample %s is valid', (t) => {
    expect(payloadProblems(sampleAction(t))).toEqual([]);
  });

  it('recognises action types', () => {
    expect(isActionType('extend')).toBe(true);
    expect(isActionType('delete')).toBe(false);
    expect(fields({ type: 'delete' })).toEqual(['type']);
    expect(fields(null)).toEqual(['type']);
  });

  it('maps channels to KenhThucHien codes', () => {
    expect(CHANNEL_CODE).toEqual({ in_person: 1, online: 2, post: 3 });
  });
});

describe('payload requirements', () => {
  it.each(['refuse_reception', 'reject', 'stop', 'return_to_specialist', 'request_payment'] as const)(
    '%s requires a non-blank reason',
    (t) => {
      expect(fields({ type: t })).toContain('reason');
      expect(fields({ ...sampleAction(t), reason: '   ' })).toEqual(['reason']);
    },
  );

  it('request_supplement requires a reason and at least one missing item', () => {
    expect(fields({ type: 'request_supplement', reason: 'x' })).toEqual(['missingItems']);
    expect(fields({ type: 'request_supplement', reason: 'x', missingItems: [] })).toEqual(['missingItems']);
    expect(fields({ type: 'request_supplement', reason: 'x', missingItems: ['a', ' '] })).toEqual(['missingItems']);
    expect(fields({ type: 'request_supplement', reason: '', missingItems: ['a'] })).toEqual(['reason']);
  });

  it('extend requires a reason and a new due date with offset', () => {
    expect(fields({ type: 'extend', reason: 'x', newDueAt: '2026-12-04' })).toEqual(['newDueAt']);
    expect(fields({ type: 'extend', newDueAt: '2026-12-04T17:00:00+07:00' })).toEqual(['reason']);
  });

  it('receive requires the appointed time; request_consultation its step deadline', () => {
    expect(fields({ type: 'receive' })).toEqual(['dueAt']);
    expect(fields({ ...sampleAction('request_consultation'), stepDueAt: undefined })).toEqual(['stepDueAt']);
    expect(fields({ type: 'request_consultation', stepDueAt: '2026-11-26T17:00:00Z' })).toEqual(['agency', 'question']);
  });

  it('return_result requires online, counter or post', () => {
    expect(fields({ type: 'return_result' })).toEqual(['method']);
    expect(fields({ type: 'return_result', method: 'email' })).toEqual(['method']);
    for (const method of ['online', 'counter', 'post']) expect(fields({ type: 'return_result', method })).toEqual([]);
  });

  it('checks the remaining typed fields', () => {
    expect(fields({ type: 'submit' })).toEqual(['channel']);
    expect(fields({ type: 'submit', channel: 'fax' })).toEqual(['channel']);
    expect(fields({ type: 'assign', assigneeId: '' })).toEqual(['assigneeId']);
    expect(fields({ type: 'issue_result' })).toEqual(['electronic']);
    expect(fields({ type: 'issue_result', electronic: 'yes' })).toEqual(['electronic']);
    expect(fields({ type: 'propose', recommendation: 'maybe' })).toEqual(['recommendation']);
    expect(fields({ type: 'request_payment', reason: 'x', amountVnd: -1 })).toEqual(['amountVnd']);
    expect(fields({ type: 'request_payment', reason: 'x', amountVnd: 1.5 })).toEqual(['amountVnd']);
    expect(fields({ type: 'comment', text: '' })).toEqual(['text']);
    expect(fields({ type: 'resubmit_supplement', dueAt: 'soon' })).toEqual(['dueAt']);
    expect(fields({ type: 'request_withdrawal', reason: 5 })).toEqual(['reason']);
  });

  it('accepts actions with only optional fields omitted', () => {
    for (const t of ['start_processing', 'approve', 'confirm_payment', 'request_withdrawal', 'resubmit_supplement'] as const) {
      expect(fields({ type: t }), t).toEqual([]);
    }
  });
});
