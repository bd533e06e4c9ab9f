import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Role } from '../auth/roles';
import { ACTOR_ROLES, OFFICER_ROLES, ROLE_LABELS } from './roles';
import type { OfficerRole } from './roles';
import {
  DECIDED_STATES,
  NATIONAL_STATUS,
  NATIONAL_STATUS_CODES,
  NATIONAL_STATUS_LABELS,
  STATE_LABELS,
  STATES,
  TERMINAL_STATES,
  isState,
  isSyncedToNationalPortal,
  isTerminal,
  nationalStatusOf,
} from './states';

describe('national status mapping (TrangThaiHoSo)', () => {
  it('maps every state to exactly one code in 1..10', () => {
    expect(Object.keys(NATIONAL_STATUS).sort()).toEqual([...STATES].sort());
    for (const s of STATES) {
      const code = nationalStatusOf(s);
      expect(Number.isInteger(code), s).toBe(true);
      expect(code, s).toBeGreaterThanOrEqual(1);
      expect(code, s).toBeLessThanOrEqual(10);
    }
  });

  it('uses every national code, so the portal can see every situation', () => {
    const used = new Set(STATES.map(nationalStatusOf));
    expect([...used].sort((a, b) => a - b)).toEqual([...NATIONAL_STATUS_CODES]);
  });

  it.each([
    ['submitted', 1],
    ['received', 2],
    ['refused', 3],
    ['processing', 4],
    ['consulting', 4],
    ['pending_approval', 4],
    ['approved', 4],
    ['supplement_requested', 5],
    ['payment_requested', 6],
    ['withdrawal_requested', 7],
    ['withdrawn', 7],
    ['stopped', 8],
    ['rejected', 9],
    ['result_issued', 9],
    ['returned', 10],
  ] as const)('%s → %i', (state, code) => {
    expect(NATIONAL_STATUS[state]).toBe(code);
  });

  it('labels every code and every state in Vietnamese and English', () => {
    for (const c of NATIONAL_STATUS_CODES) {
      expect(NATIONAL_STATUS_LABELS[c].vi.length).toBeGreaterThan(0);
      expect(NATIONAL_STATUS_LABELS[c].en.length).toBeGreaterThan(0);
    }
    for (const s of STATES) {
      expect(STATE_LABELS[s].vi.length, s).toBeGreaterThan(0);
      expect(STATE_LABELS[s].en.length, s).toBeGreaterThan(0);
    }
  });
});

describe('state helpers', () => {
  it('recognises states', () => {
    expect(isState('processing')).toBe(true);
    expect(isState('closed')).toBe(false);
    expect(isState(4)).toBe(false);
  });

  it('terminal states are refused, returned, withdrawn and stopped; a rejected dossier still has a letter to return', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['refused', 'returned', 'stopped', 'withdrawn']);
    expect(isTerminal('rejected')).toBe(false);
    expect(DECIDED_STATES.some(isTerminal)).toBe(true);
  });

  it('does not sync drafts', () => {
    expect(isSyncedToNationalPortal('draft')).toBe(false);
    expect(STATES.filter(isSyncedToNationalPortal)).toHaveLength(STATES.length - 1);
  });
});

describe('roles', () => {
  it('officer roles are exactly the identity module roles', () => {
    expectTypeOf<OfficerRole>().toEqualTypeOf<Role>();
    expect(OFFICER_ROLES).toHaveLength(7);
  });

  it('adds applicant and system, all labelled', () => {
    expect(ACTOR_ROLES).toContain('applicant');
    expect(ACTOR_ROLES).toContain('system');
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ACTOR_ROLES].sort());
  });
});
