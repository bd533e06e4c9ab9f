import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, ACTION_TYPES, payloadProblems } from './actions';
import type { Action, ActionType } from './actions';
import {
  HTTP_STATUS_OF_REFUSAL,
  REFUSAL_CODES,
  REFUSAL_KINDS,
  refusalCodesOf,
  InvalidHistoryError,
  applyEvent,
  factsOf,
  fold,
  initialProjection,
  MAX_EXTENSIONS,
  MAX_SUPPLEMENT_REQUESTS,
  TRANSITIONS,
  availableActions,
  checkAction,
  rolesFor,
} from './machine';
import type { CheckResult, DossierEvent, DossierFacts, DossierProjection } from './machine';
import { ACTOR_ROLES } from './roles';
import type { ActorRole } from './roles';
import { CLOCK_STOPPED_STATES, DECIDED_STATES, NATIONAL_STATUS, STATES, TERMINAL_STATES } from './states';
import type { State } from './states';
import { permissiveFacts, sampleAction } from './testing';
import { mulberry32 } from '../random';

/**
 * The expected transition table, written out independently of machine.ts on purpose: a change to the machine must
 * be made twice to pass. action → from → [to, roles]. Missing = refused with kind 'state'.
 */
type Row = Partial<Record<State, [State, string]>>;
const all = (from: readonly State[], to: State | 'same', roles: string): Row =>
  Object.fromEntries(from.map((s) => [s, [to === 'same' ? s : to, roles]]));

const BEFORE_DECISION = ['received', 'supplement_requested', 'processing', 'consulting', 'payment_requested', 'pending_approval'] as const;

const EXPECTED: Record<ActionType, Row> = {
  submit: { draft: ['submitted', 'applicant receiving_officer system'] },
  receive: { submitted: ['received', 'receiving_officer system'] },
  refuse_reception: { submitted: ['refused', 'receiving_officer'] },
  request_supplement: {
    submitted: ['supplement_requested', 'receiving_officer'],
    received: ['supplement_requested', 'specialist'],
    processing: ['supplement_requested', 'specialist'],
  },
  // With hasBeenReceived = true; the pre-reception case is tested below.
  resubmit_supplement: { supplement_requested: ['processing', 'applicant receiving_officer'] },
  assign: {
    received: ['received', 'receiving_officer approver agency_admin'],
    ...all(['supplement_requested', 'processing', 'consulting', 'payment_requested'], 'same', 'approver agency_admin'),
  },
  start_processing: { received: ['processing', 'specialist'] },
  hand_back: all(['received', 'processing'], 'same', 'specialist'),
  request_consultation: { processing: ['consulting', 'specialist'] },
  answer_consultation: { consulting: ['processing', 'specialist system'] },
  request_payment: { processing: ['payment_requested', 'specialist'] },
  confirm_payment: { payment_requested: ['processing', 'receiving_officer specialist system'] },
  propose: { processing: ['pending_approval', 'specialist'] },
  approve: { pending_approval: ['approved', 'approver'] },
  reject: { pending_approval: ['rejected', 'approver'] },
  return_to_specialist: { pending_approval: ['processing', 'approver'] },
  issue_result: { approved: ['result_issued', 'specialist result_officer system'] },
  return_result: all(['result_issued', 'rejected'], 'returned', 'result_officer receiving_officer system'),
  request_withdrawal: {
    submitted: ['withdrawn', 'applicant receiving_officer'],
    ...all(BEFORE_DECISION, 'withdrawal_requested', 'applicant receiving_officer'),
  },
  stop: { withdrawal_requested: ['stopped', 'receiving_officer specialist approver agency_admin'] },
  extend: all(['received', 'processing', 'consulting', 'pending_approval', 'approved'], 'same', 'specialist approver agency_admin'),
  comment: all(
    STATES.filter((s) => s !== 'draft'),
    'same',
    'applicant receiving_officer specialist approver result_officer agency_admin',
  ),
};

const SPECIALIST_NEEDS_ASSIGNMENT: ReadonlySet<ActionType> = new Set<ActionType>([
  'start_processing',
  'hand_back',
  'request_supplement',
  'request_consultation',
  'request_payment',
  'confirm_payment',
  'propose',
  'issue_result',
  'stop',
  'extend',
]);

const rolesOf = (row: [State, string] | undefined): string[] => (row ? row[1].split(' ') : []);
const everRoles = (a: ActionType) => new Set(Object.values(EXPECTED[a]).flatMap(rolesOf));

const kindOf = (r: CheckResult) => (r.ok ? 'ok' : r.kind);

describe('transition table', () => {
  it('matches the expected table exactly', () => {
    for (const a of ACTION_TYPES) {
      const actual = Object.fromEntries(
        Object.entries(TRANSITIONS[a]).map(([s, e]) => [s, [...(e?.roles ?? [])].sort().join(' ')]),
      );
      const expected = Object.fromEntries(Object.entries(EXPECTED[a]).map(([s, row]) => [s, rolesOf(row).sort().join(' ')]));
      expect(actual, a).toEqual(expected);
    }
  });

  it('gives platform_admin no dossier action at all', () => {
    for (const a of ACTION_TYPES) expect(rolesFor(a), a).not.toContain('platform_admin');
  });

  it('maps refusal kinds to HTTP statuses', () => {
    expect(HTTP_STATUS_OF_REFUSAL).toEqual({ state: 409, role: 403, payload: 422 });
  });

  it('lists every refusal code with its kind, and refuses only with listed codes', () => {
    expect(REFUSAL_CODES).toHaveLength(new Set(REFUSAL_CODES).size);
    for (const code of REFUSAL_CODES) expect(['state', 'role', 'payload']).toContain(REFUSAL_KINDS[code]);
    const factSets = [
      permissiveFacts(),
      permissiveFacts({ isAssignee: false }),
      permissiveFacts({ supplementRequestedCount: 1, extensionCount: 1, decisionIssued: true }),
      permissiveFacts({ isBeforeDueMinusOneDay: false }),
      permissiveFacts({ dueAt: '2027-01-01T00:00:00Z' }),
      permissiveFacts({ isBeforeDueMinusOneDay: undefined }),
    ];
    const seen = new Set<string>();
    for (const facts of factSets) {
      for (const state of STATES) {
        for (const role of ACTOR_ROLES) {
          for (const a of ACTION_TYPES) {
            for (const action of [sampleAction(a), { ...sampleAction(a), reason: ' ', text: ' ' } as unknown as Action]) {
              const r = checkAction(state, role, action, facts);
              if (r.ok) continue;
              seen.add(r.code);
              expect(r.kind, r.code).toBe(REFUSAL_KINDS[r.code]);
              expect(refusalCodesOf(a), `${a}: ${r.code}`).toContain(r.code);
            }
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(REFUSAL_CODES.filter((c) => c !== 'unknown_action').sort());
  });
});

describe.each(ACTION_TYPES)('checkAction: %s', (action) => {
  it.each(STATES)('from %s, for every role', (state) => {
    const row = EXPECTED[action][state];
    for (const role of ACTOR_ROLES) {
      const facts = permissiveFacts();
      const byType = checkAction(state, role, action, facts);
      const byAction = checkAction(state, role, sampleAction(action), facts);
      expect(byAction, `${role} (with payload)`).toEqual(byType);
      if (!everRoles(action).has(role)) {
        expect(byType, role).toMatchObject({ ok: false, kind: 'role', code: 'role_not_permitted' });
      } else if (!row) {
        expect(byType, role).toMatchObject({ ok: false, kind: 'state', code: 'state_not_permitted' });
      } else if (!rolesOf(row).includes(role)) {
        expect(byType, role).toMatchObject({ ok: false, kind: 'role', code: 'role_not_permitted_in_state' });
      } else {
        expect(byType, role).toEqual({ ok: true, next: row[0] });
      }
      if (!byType.ok) {
        expect(byType.reason.vi.length).toBeGreaterThan(0);
        expect(byType.reason.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('availableActions', () => {
  it('is exactly the actions checkAction accepts, for every state and role', () => {
    for (const state of STATES) {
      for (const role of ACTOR_ROLES) {
        const facts = permissiveFacts();
        const expected = ACTION_TYPES.filter((a) => checkAction(state, role, a, facts).ok);
        expect(availableActions(state, role, facts), `${state}/${role}`).toEqual(expected);
      }
    }
  });

  it('shows the desk what it can do with a new filing', () => {
    expect(availableActions('submitted', 'receiving_officer', permissiveFacts({ hasBeenReceived: false }))).toEqual([
      'receive',
      'refuse_reception',
      'request_supplement',
      'request_withdrawal',
      'comment',
    ]);
  });

  it('shows the assigned specialist the processing buttons', () => {
    expect(availableActions('processing', 'specialist', permissiveFacts())).toEqual([
      'request_supplement',
      'hand_back',
      'request_consultation',
      'request_payment',
      'propose',
      'extend',
      'comment',
    ]);
  });

  it('hides the assignee-only buttons from another specialist', () => {
    expect(availableActions('processing', 'specialist', permissiveFacts({ isAssignee: false }))).toEqual(['comment']);
  });

  it('offers only comments in terminal states', () => {
    for (const state of ['refused', 'returned', 'withdrawn', 'stopped'] as const) {
      for (const role of ACTOR_ROLES) {
        expect(availableActions(state, role, permissiveFacts()).filter((a) => a !== 'comment'), `${state}/${role}`).toEqual([]);
      }
    }
  });

  it('offers nothing on a draft except submitting it', () => {
    expect(availableActions('draft', 'applicant', permissiveFacts())).toEqual(['submit']);
    expect(availableActions('draft', 'approver', permissiveFacts())).toEqual([]);
  });
});

describe('assignment (phân công)', () => {
  it('refuses assignee-bound actions to a specialist who is not the assignee, with kind role', () => {
    for (const action of SPECIALIST_NEEDS_ASSIGNMENT) {
      for (const [state, row] of Object.entries(EXPECTED[action]) as [State, [State, string]][]) {
        if (!rolesOf(row).includes('specialist')) continue;
        const r = checkAction(state, 'specialist', action, permissiveFacts({ isAssignee: false }));
        expect(r, `${action} from ${state}`).toMatchObject({ ok: false, kind: 'role', code: 'not_assignee' });
      }
    }
  });

  it('lets any specialist answer a consultation (the consulted agency answers)', () => {
    expect(checkAction('consulting', 'specialist', 'answer_consultation', permissiveFacts({ isAssignee: false }))).toEqual({
      ok: true,
      next: 'processing',
    });
  });

  it('does not bind other roles to the assignment', () => {
    const facts = permissiveFacts({ isAssignee: false });
    expect(checkAction('withdrawal_requested', 'approver', 'stop', facts).ok).toBe(true);
    expect(checkAction('approved', 'result_officer', 'issue_result', facts).ok).toBe(true);
    expect(checkAction('processing', 'agency_admin', 'extend', facts).ok).toBe(true);
  });

  it('lets a specialist claim an unassigned received dossier', () => {
    const r = checkAction('received', 'specialist', 'start_processing', permissiveFacts({ isAssignee: false, hasAssignee: false }));
    expect(r).toEqual({ ok: true, next: 'processing' });
  });
});

describe('supplement only once (Decree 118/2025 Art. 11)', () => {
  it('allows the first request and refuses any further one with kind state', () => {
    expect(MAX_SUPPLEMENT_REQUESTS).toBe(1);
    for (const [state, role] of [
      ['submitted', 'receiving_officer'],
      ['received', 'specialist'],
      ['processing', 'specialist'],
    ] as const) {
      expect(checkAction(state, role, 'request_supplement', permissiveFacts()).ok).toBe(true);
      for (const count of [1, 2]) {
        expect(checkAction(state, role, 'request_supplement', permissiveFacts({ supplementRequestedCount: count }))).toMatchObject({
          ok: false,
          kind: 'state',
          code: 'supplement_limit_reached',
        });
      }
    }
    expect(availableActions('processing', 'specialist', permissiveFacts({ supplementRequestedCount: 1 }))).not.toContain(
      'request_supplement',
    );
  });

  it('resumes processing after a supplement to a received dossier, and goes back to the desk otherwise', () => {
    expect(checkAction('supplement_requested', 'applicant', 'resubmit_supplement', permissiveFacts({ hasBeenReceived: true }))).toEqual({
      ok: true,
      next: 'processing',
    });
    expect(checkAction('supplement_requested', 'applicant', 'resubmit_supplement', permissiveFacts({ hasBeenReceived: false }))).toEqual({
      ok: true,
      next: 'submitted',
    });
  });

  it('requires the reason and the missing items', () => {
    const r = checkAction('processing', 'specialist', { type: 'request_supplement', reason: 'Thiếu', missingItems: [] }, permissiveFacts());
    expect(r).toMatchObject({ ok: false, kind: 'payload', code: 'invalid_payload' });
  });
});

describe('extension only once and on time (form 04)', () => {
  const DUE = '2026-11-30T17:00:00+07:00'; // Monday
  const SOON = '2026-11-27T17:00:00+07:00'; // Friday: due minus one working day
  const timing = (now: string): Partial<DossierFacts> => ({ isBeforeDueMinusOneDay: undefined, now, dueSoonFrom: SOON, dueAt: DUE });

  it('allows one extension, refuses a second with kind state', () => {
    expect(MAX_EXTENSIONS).toBe(1);
    expect(checkAction('processing', 'specialist', 'extend', permissiveFacts()).ok).toBe(true);
    expect(checkAction('processing', 'specialist', 'extend', permissiveFacts({ extensionCount: 1 }))).toMatchObject({
      ok: false,
      kind: 'state',
      code: 'extension_limit_reached',
    });
  });

  it('is allowed up to the end of the working day before the due date, computed from now and dueSoonFrom', () => {
    expect(checkAction('processing', 'specialist', 'extend', permissiveFacts(timing('2026-11-25T09:00:00+07:00'))).ok).toBe(true);
    expect(checkAction('processing', 'specialist', 'extend', permissiveFacts(timing('2026-11-27T23:59:00+07:00'))).ok).toBe(true);
    for (const now of ['2026-11-28T00:00:00+07:00', '2026-11-30T08:00:00+07:00', '2026-12-01T08:00:00+07:00']) {
      expect(checkAction('processing', 'specialist', 'extend', permissiveFacts(timing(now))), now).toMatchObject({
        ok: false,
        kind: 'state',
        code: 'extension_too_late',
      });
    }
  });

  it('lets the server decide timing with isBeforeDueMinusOneDay, which wins over now/dueSoonFrom', () => {
    const late = permissiveFacts({ ...timing('2026-11-25T09:00:00+07:00'), isBeforeDueMinusOneDay: false });
    expect(checkAction('processing', 'approver', 'extend', late)).toMatchObject({ ok: false, code: 'extension_too_late' });
    const ok = permissiveFacts({ ...timing('2026-12-01T09:00:00+07:00'), isBeforeDueMinusOneDay: true });
    expect(checkAction('processing', 'approver', 'extend', ok).ok).toBe(true);
  });

  it('refuses when the timing cannot be determined', () => {
    const r = checkAction('processing', 'approver', 'extend', permissiveFacts({ isBeforeDueMinusOneDay: undefined }));
    expect(r).toMatchObject({ ok: false, kind: 'state', code: 'extension_timing_unknown' });
    expect(availableActions('processing', 'approver', permissiveFacts({ isBeforeDueMinusOneDay: undefined }))).not.toContain('extend');
  });

  it('is only possible while the agency is working on the dossier', () => {
    const allowed = STATES.filter((s) => checkAction(s, 'approver', 'extend', permissiveFacts()).ok);
    expect(allowed).toEqual(['received', 'processing', 'consulting', 'pending_approval', 'approved']);
  });

  it('requires a reason and a new due date later than the current one', () => {
    const facts = permissiveFacts({ dueAt: DUE });
    expect(checkAction('processing', 'specialist', sampleAction('extend', { reason: ' ' }), facts)).toMatchObject({
      kind: 'payload',
      code: 'invalid_payload',
    });
    expect(checkAction('processing', 'specialist', sampleAction('extend', { newDueAt: DUE }), facts)).toMatchObject({
      kind: 'payload',
      code: 'due_date_not_later',
    });
    expect(checkAction('processing', 'specialist', sampleAction('extend', { newDueAt: '2026-12-04T17:00:00+07:00' }), facts)).toEqual({
      ok: true,
      next: 'processing',
    });
  });
});

describe('withdrawal before a decision only', () => {
  it('withdraws a dossier not yet received at once, and asks for a stop notice afterwards', () => {
    expect(checkAction('submitted', 'applicant', 'request_withdrawal', permissiveFacts())).toEqual({ ok: true, next: 'withdrawn' });
    for (const state of BEFORE_DECISION) {
      expect(checkAction(state, 'applicant', 'request_withdrawal', permissiveFacts()), state).toEqual({
        ok: true,
        next: 'withdrawal_requested',
      });
    }
    expect(checkAction('withdrawal_requested', 'approver', 'stop', permissiveFacts())).toEqual({ ok: true, next: 'stopped' });
  });

  it('refuses once decided, with kind state', () => {
    for (const state of ['approved', 'rejected', 'result_issued', 'returned'] as const) {
      expect(checkAction(state, 'applicant', 'request_withdrawal', permissiveFacts({ decisionIssued: true })), state).toMatchObject({
        ok: false,
        kind: 'state',
      });
    }
  });

  it('refuses when the server knows a decision was issued, whatever the state', () => {
    for (const state of BEFORE_DECISION) {
      expect(checkAction(state, 'applicant', 'request_withdrawal', permissiveFacts({ decisionIssued: true })), state).toMatchObject({
        ok: false,
        kind: 'state',
        code: 'decision_issued',
      });
    }
  });

  it('is asked by the applicant (or the desk on their behalf), not by the agency', () => {
    for (const role of ['specialist', 'approver', 'agency_admin', 'system'] as ActorRole[]) {
      expect(checkAction('processing', role, 'request_withdrawal', permissiveFacts()), role).toMatchObject({ ok: false, kind: 'role' });
    }
  });
});

describe('refusals carry reasons', () => {
  it.each([
    ['submitted', 'receiving_officer', 'refuse_reception'],
    ['pending_approval', 'approver', 'reject'],
    ['pending_approval', 'approver', 'return_to_specialist'],
    ['withdrawal_requested', 'approver', 'stop'],
  ] as const)('%s: %s cannot %s without a reason', (state, role, action) => {
    const r = checkAction(state, role, { type: action, reason: '' } as never, permissiveFacts());
    expect(r).toMatchObject({ ok: false, kind: 'payload' });
    expect(checkAction(state, role, sampleAction(action), permissiveFacts()).ok).toBe(true);
  });

  it('refuses an unknown action as a payload problem', () => {
    expect(checkAction('processing', 'specialist', 'delete' as never, permissiveFacts())).toMatchObject({ kind: 'payload', code: 'unknown_action' });
  });

  it('checks role before state, so an applicant learns nothing about the workflow', () => {
    expect(kindOf(checkAction('draft', 'applicant', 'approve', permissiveFacts()))).toBe('role');
    expect(kindOf(checkAction('draft', 'approver', 'approve', permissiveFacts()))).toBe('state');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-style tests: random walks with a seeded generator (reproducible; the seed is in the test name).
// ---------------------------------------------------------------------------------------------------------------

/** A seeded generator (mulberry32) and a pick from a list. */
function rng(seed: number) {
  const next = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick };
}

/** The oracle: what the checks should say, from the expected table and the rules, independently of machine.ts. */
function oracle(state: State, role: ActorRole, action: ActionType, facts: DossierFacts): 'ok' | 'state' | 'role' {
  if (!everRoles(action).has(role)) return 'role';
  const row = EXPECTED[action][state];
  if (!row) return 'state';
  if (!rolesOf(row).includes(role)) return 'role';
  if (role === 'specialist' && SPECIALIST_NEEDS_ASSIGNMENT.has(action) && !facts.isAssignee) {
    if (!(action === 'start_processing' && !facts.hasAssignee)) return 'role';
  }
  if (action === 'request_supplement' && facts.supplementRequestedCount >= 1) return 'state';
  if (action === 'extend') {
    if (facts.extensionCount >= 1) return 'state';
    if (!facts.now || !facts.dueSoonFrom || facts.now.slice(0, 10) > facts.dueSoonFrom.slice(0, 10)) return 'state';
  }
  if (action === 'request_withdrawal' && facts.decisionIssued) return 'state';
  return 'ok';
}

const SPECIALISTS = ['sp-1', 'sp-2'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A local timestamp `minutes` after 2026-11-02 00:00 (+07:00); all such strings compare by local date. */
function localTime(minutes: number): string {
  const d = new Date(Date.UTC(2026, 10, 2) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}

/** A random action of this type: usually valid, sometimes with its payload broken. */
function randomAction(r: ReturnType<typeof rng>, type: ActionType, minutes: number): Action {
  const action = sampleAction(type) as Action & Record<string, unknown>;
  if (type === 'receive') action.dueAt = localTime(minutes + 60 * 24 * Math.floor(1 + r.next() * 6));
  if (type === 'extend') action.newDueAt = localTime(minutes + 60 * 24 * 20);
  if (type === 'assign') action.assigneeId = r.pick(SPECIALISTS);
  if (r.next() < 0.1) {
    const required = Object.entries(ACTION_SPECS[type].fields).filter(([, f]) => f.required);
    if (required.length > 0) return { ...action, [r.pick(required)[0]]: '' } as Action;
  }
  return action;
}


describe('property: random walks', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: only allowed actions are accepted, and fold agrees', (seed) => {
    const r = rng(seed);
    let totalAccepted = 0;
    const visited = new Set<State>();
    for (let walk = 0; walk < 150; walk++) {
      let p: DossierProjection = initialProjection();
      const log: DossierEvent[] = [];
      let minutes = 8 * 60;
      for (let step = 0; step < 80; step++) {
        minutes += Math.floor(r.next() * 60 * 20);
        const now = localTime(minutes);
        // Bias towards actions that exist from the current state, taken by a role that may take them, and a
        // specialist who is the assignee, so that walks get deep; the rest is uniformly random.
        const biased = r.next() < 0.8;
        // Exits (refusal, withdrawal) are drawn less often, or few walks would get past reception.
        const possible = ACTION_TYPES.filter(
          (a) => EXPECTED[a][p.state] && a !== 'comment' && (!['refuse_reception', 'request_withdrawal'].includes(a) || r.next() < 0.25),
        );
        const type = biased && possible.length > 0 ? r.pick(possible) : r.pick(ACTION_TYPES);
        const edgeRoles = rolesOf(EXPECTED[type][p.state]) as ActorRole[];
        const role = biased && edgeRoles.length > 0 ? r.pick(edgeRoles) : r.pick(ACTOR_ROLES);
        const actorId =
          role !== 'specialist' ? `${role}-1` : biased && p.assigneeId && r.next() < 0.8 ? p.assigneeId : r.pick([...SPECIALISTS, 'sp-3']);
        const dueSoonFrom = p.dueAt ? localTime(minutes + Math.floor((r.next() - 0.3) * 60 * 24 * 4)) : undefined;
        const facts = factsOf(p, { actorId, now, dueSoonFrom });
        const action = randomAction(r, type, minutes);

        const byType = checkAction(p.state, role, type, facts);
        const result = checkAction(p.state, role, action, facts);
        const expected = oracle(p.state, role, type, facts);
        expect(kindOf(byType), `${p.state}/${role}/${type}`).toBe(expected);
        expect(availableActions(p.state, role, facts).includes(type)).toBe(byType.ok);
        if (!byType.ok) expect(result).toEqual(byType);
        else if (payloadProblems(action).length > 0) expect(result).toMatchObject({ ok: false, kind: 'payload' });

        if (!result.ok) continue;
        const expectedNext =
          type === 'resubmit_supplement' ? (facts.hasBeenReceived ? 'processing' : 'submitted') : EXPECTED[type][p.state]![0];
        expect(result.next).toBe(expectedNext);
        const event: DossierEvent = { action, at: now, actor: { role, id: actorId } };
        log.push(event);
        p = applyEvent(p, event);
        totalAccepted++;
        visited.add(p.state);

        // Invariants of every reachable projection.
        expect(STATES).toContain(p.state);
        expect(p.state).toBe(result.next);
        expect(p.nationalStatus).toBe(NATIONAL_STATUS[p.state]);
        expect(p.supplementRequestedCount).toBeLessThanOrEqual(1);
        expect(p.extensionCount).toBeLessThanOrEqual(1);
        const open = p.clockStops.filter((c) => c.to === undefined);
        expect(open.length).toBeLessThanOrEqual(1);
        if (open.length === 1) expect(CLOCK_STOPPED_STATES).toContain(p.state);
        if (CLOCK_STOPPED_STATES.includes(p.state) && p.timestamps.receivedAt) expect(open).toHaveLength(1);
        for (const c of p.clockStops) if (c.to) expect(c.from <= c.to).toBe(true);
        if (DECIDED_STATES.includes(p.state)) expect(p.decisionIssued).toBe(true);
        if (p.decisionIssued) expect([...DECIDED_STATES, 'returned']).toContain(p.state);
        if (TERMINAL_STATES.includes(p.state)) {
          expect(availableActions(p.state, role, factsOf(p, { actorId, now })).filter((a) => a !== 'comment')).toEqual([]);
        }
      }
      // The stored list replays to the same row, and so does every prefix.
      expect(fold(log)).toEqual(p);
      expect(fold(log.slice(0, Math.floor(log.length / 2))).eventCount).toBe(Math.floor(log.length / 2));
    }
    expect(totalAccepted).toBeGreaterThan(1000);
    // The walks reach most states (a smoke check that the generator is useful).
    expect(STATES.filter((s) => !visited.has(s))).toEqual(['draft']); // no action enters draft
  });

  it('fold of arbitrary event lists either throws InvalidHistoryError or yields a known state', () => {
    const r = rng(42);
    let folded = 0;
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(r.next() * 12);
      // Start from a plausible prefix half the time, so that lists get past the first event.
      const events: DossierEvent[] = [];
      let minutes = 0;
      for (let k = 0; k < length; k++) {
        minutes += Math.floor(r.next() * 600) - 30; // occasionally out of order
        const type = k === 0 && r.next() < 0.5 ? 'submit' : r.pick(ACTION_TYPES);
        events.push({ action: randomAction(r, type, Math.max(minutes, 0)), at: localTime(Math.max(minutes, 0)), actor: { role: r.pick(ACTOR_ROLES) } });
      }
      try {
        const p = fold(events);
        folded++;
        expect(STATES).toContain(p.state);
        expect(p.nationalStatus).toBe(NATIONAL_STATUS[p.state]);
        expect(p.eventCount).toBe(events.length);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidHistoryError);
        expect((e as InvalidHistoryError).index).toBeLessThan(events.length);
      }
    }
    expect(folded).toBeGreaterThan(100);
  });
});
