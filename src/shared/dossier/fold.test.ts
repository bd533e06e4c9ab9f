import { describe, expect, it } from 'vitest';
import { readStoredAction, type Action } from './actions';
import { InvalidHistoryError, applyEvent, checkAction, factsOf, fold, initialProjection } from './machine';
import type { DossierEvent, DossierProjection } from './machine';
import type { ActorRole } from './roles';
import { ev, sampleAction } from './testing';

const t = (day: number, hhmm: string) => `2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+07:00`;
const DUE = t(27, '17:00');

/** Builds a history step by step, checking each action as the server would before appending it. */
class Dossier {
  events: DossierEvent[] = [];
  p: DossierProjection = initialProjection();

  act(action: Action, at: string, role: ActorRole, id: string | null = null, viewer: { dueSoonFrom?: string } = {}): this {
    const r = checkAction(this.p.state, role, action, factsOf(this.p, { actorId: id, now: at, ...viewer }));
    if (!r.ok) throw new Error(`${role} cannot ${action.type} in ${this.p.state}: ${r.code}`);
    const e = ev(action, at, role, id);
    this.events.push(e);
    this.p = applyEvent(this.p, e);
    expect(this.p.state).toBe(r.next);
    return this;
  }

  /** Received and taken up by sp-1 on 24 Nov. */
  static processing(): Dossier {
    return new Dossier()
      .act(sampleAction('submit'), t(24, '08:05'), 'applicant', 'citizen-1')
      .act(sampleAction('receive', { dueAt: DUE }), t(24, '08:30'), 'receiving_officer', 'desk-1')
      .act(sampleAction('assign', { assigneeId: 'sp-1' }), t(24, '09:00'), 'approver', 'lead-1')
      .act(sampleAction('start_processing'), t(24, '10:00'), 'specialist', 'sp-1');
  }
}

describe('fold: happy path', () => {
  const d = Dossier.processing()
    .act(sampleAction('propose'), t(25, '15:00'), 'specialist', 'sp-1')
    .act(sampleAction('approve'), t(26, '09:00'), 'approver', 'lead-1')
    .act(sampleAction('issue_result', { electronic: true }), t(26, '10:00'), 'specialist', 'sp-1')
    .act(sampleAction('return_result', { method: 'online' }), t(26, '10:05'), 'system');
  const p = fold(d.events);

  it('equals the step-by-step projection', () => {
    expect(p).toEqual(d.p);
  });

  it('ends returned, national code 10, approved', () => {
    expect(p.state).toBe('returned');
    expect(p.nationalStatus).toBe(10);
    expect(p.decision).toBe('approved');
    expect(p.decisionIssued).toBe(true);
    expect(p.eventCount).toBe(8);
    expect(p.channel).toBe('online');
    expect(p.assigneeId).toBe('sp-1');
    expect(p.resultElectronic).toBe(true);
    expect(p.returnMethod).toBe('online');
  });

  it('keeps the deadline and no clock stops', () => {
    expect(p.dueAt).toBe(DUE);
    expect(p.originalDueAt).toBe(DUE);
    expect(p.clockStops).toEqual([]);
    expect(p.supplementRequestedCount).toBe(0);
    expect(p.extensionCount).toBe(0);
  });

  it('records the timestamps of key steps', () => {
    expect(p.timestamps).toMatchObject({
      submittedAt: t(24, '08:05'),
      receivedAt: t(24, '08:30'),
      processingStartedAt: t(24, '10:00'),
      proposedAt: t(25, '15:00'),
      decidedAt: t(26, '09:00'),
      resultIssuedAt: t(26, '10:00'),
      returnedAt: t(26, '10:05'),
      refusedAt: null,
      stoppedAt: null,
    });
    expect(p.lastEventAt).toBe(t(26, '10:05'));
    expect(p.stateSince).toBe(t(26, '10:05'));
  });

  it('folds the empty list to a draft', () => {
    expect(fold([])).toEqual(initialProjection());
    expect(fold([]).state).toBe('draft');
  });

  it('does not mutate the projection it is given', () => {
    const before = structuredClone(d.p);
    applyEvent(d.p, ev(sampleAction('comment'), t(27, '08:00'), 'applicant'));
    expect(d.p).toEqual(before);
  });
});

describe('fold: supplement and resubmission', () => {
  const d = Dossier.processing()
    .act(sampleAction('request_supplement', { missingItems: ['Sơ đồ thửa đất'] }), t(24, '14:00'), 'specialist', 'sp-1')
    .act(sampleAction('resubmit_supplement', { dueAt: t(30, '17:00') }), t(25, '16:00'), 'applicant', 'citizen-1')
    .act(sampleAction('propose'), t(26, '09:00'), 'specialist', 'sp-1');

  it('gives one closed clock-stopped interval for the applicant’s time', () => {
    expect(d.p.clockStops).toEqual([{ kind: 'supplement', from: t(24, '14:00'), to: t(25, '16:00') }]);
    expect(fold(d.events)).toEqual(d.p);
  });

  it('counts the request, keeps the missing items and the new appointment', () => {
    expect(d.p.supplementRequestedCount).toBe(1);
    expect(d.p.supplementRequest?.missingItems).toEqual(['Sơ đồ thửa đất']);
    expect(d.p.dueAt).toBe(t(30, '17:00'));
    expect(d.p.originalDueAt).toBe(DUE);
    expect(d.p.timestamps.supplementRequestedAt).toBe(t(24, '14:00'));
    expect(d.p.timestamps.supplementResubmittedAt).toBe(t(25, '16:00'));
  });

  it('leaves the interval open while waiting, with national code 5', () => {
    const waiting = fold(d.events.slice(0, 5));
    expect(waiting.state).toBe('supplement_requested');
    expect(waiting.nationalStatus).toBe(5);
    expect(waiting.clockStops).toEqual([{ kind: 'supplement', from: t(24, '14:00') }]);
  });

  it('refuses a second request, live and in replay', () => {
    const back = fold(d.events.slice(0, 6)); // processing again
    const second = sampleAction('request_supplement');
    expect(checkAction(back.state, 'specialist', second, factsOf(back, { actorId: 'sp-1' }))).toMatchObject({
      ok: false,
      kind: 'state',
      code: 'supplement_limit_reached',
    });
    const forged = [...d.events.slice(0, 6), ev(second, t(26, '08:00'), 'specialist', 'sp-1')];
    expect(() => fold(forged)).toThrow(InvalidHistoryError);
    try {
      fold(forged);
    } catch (e) {
      expect((e as InvalidHistoryError).index).toBe(6);
      expect((e as InvalidHistoryError).code).toBe('supplement_limit_reached');
    }
  });

  it('does not stop a clock before reception, and counts that request too', () => {
    const early = new Dossier()
      .act(sampleAction('submit'), t(24, '08:05'), 'applicant')
      .act(sampleAction('request_supplement'), t(24, '09:00'), 'receiving_officer')
      .act(sampleAction('resubmit_supplement'), t(24, '11:00'), 'applicant')
      .act(sampleAction('receive'), t(24, '14:00'), 'receiving_officer');
    expect(early.events.map((e) => e.action.type)).toHaveLength(4);
    expect(fold(early.events.slice(0, 3)).state).toBe('submitted');
    expect(early.p.state).toBe('received');
    expect(early.p.clockStops).toEqual([]);
    expect(early.p.supplementRequestedCount).toBe(1);
  });

  it('closes the wait if the applicant withdraws instead', () => {
    const w = Dossier.processing()
      .act(sampleAction('request_supplement'), t(24, '14:00'), 'specialist', 'sp-1')
      .act(sampleAction('request_withdrawal'), t(25, '09:00'), 'applicant')
      .act(sampleAction('stop'), t(25, '10:00'), 'approver');
    expect(w.p.clockStops).toEqual([{ kind: 'supplement', from: t(24, '14:00'), to: t(25, '09:00') }]);
    expect(w.p.state).toBe('stopped');
    expect(w.p.nationalStatus).toBe(8);
  });
});

describe('fold: consultation (xin ý kiến)', () => {
  const d = Dossier.processing()
    .act(sampleAction('request_consultation', { agency: 'A', stepDueAt: t(26, '17:00') }), t(24, '11:00'), 'specialist', 'sp-1')
    .act(sampleAction('answer_consultation'), t(25, '16:00'), 'system')
    .act(sampleAction('request_consultation', { agency: 'B', stepDueAt: t(26, '17:00') }), t(25, '16:30'), 'specialist', 'sp-1')
    .act(sampleAction('answer_consultation'), t(27, '09:00'), 'specialist', 'sp-other')
    .act(sampleAction('propose'), t(27, '10:00'), 'specialist', 'sp-1');

  it('records each consultation and classifies its answer against the step deadline', () => {
    expect(d.p.consultationCount).toBe(2);
    expect(d.p.consultations).toEqual([
      { agency: 'A', question: expect.any(String), requestedAt: t(24, '11:00'), stepDueAt: t(26, '17:00'), answeredAt: t(25, '16:00'), handOff: 'early' },
      { agency: 'B', question: expect.any(String), requestedAt: t(25, '16:30'), stepDueAt: t(26, '17:00'), answeredAt: t(27, '09:00'), handOff: 'late' },
    ]);
    expect(d.p.state).toBe('pending_approval');
    expect(fold(d.events)).toEqual(d.p);
  });

  it('is national code 4 while waiting, with an open consultation and no clock stop', () => {
    const waiting = fold(d.events.slice(0, 5));
    expect(waiting.state).toBe('consulting');
    expect(waiting.nationalStatus).toBe(4);
    expect(waiting.consultations[0].answeredAt).toBeNull();
    expect(waiting.clockStops).toEqual([]);
  });
});

describe('fold: other paths', () => {
  it('financial obligation: code 6 and a clock stop of its own kind', () => {
    const d = Dossier.processing()
      .act(sampleAction('request_payment'), t(24, '11:00'), 'specialist', 'sp-1')
      .act(sampleAction('confirm_payment'), t(25, '08:00'), 'system');
    expect(fold(d.events.slice(0, 5)).nationalStatus).toBe(6);
    expect(d.p.clockStops).toEqual([{ kind: 'financial_obligation', from: t(24, '11:00'), to: t(25, '08:00') }]);
    expect(d.p.state).toBe('processing');
  });

  it('financial obligation of a procedure whose clock runs while the applicant pays: no clock stop', () => {
    const d = Dossier.processing()
      .act(sampleAction('request_payment', { clockRuns: true }), t(24, '11:00'), 'specialist', 'sp-1')
      .act(sampleAction('confirm_payment'), t(25, '08:00'), 'system');
    expect(fold(d.events.slice(0, 5)).nationalStatus).toBe(6);
    expect(d.p.clockStops).toEqual([]);
    expect(d.p.state).toBe('processing');
  });

  it('extension: new due date once, the original kept', () => {
    const d = Dossier.processing().act(
      sampleAction('extend', { newDueAt: t(30, '17:00'), reason: 'Chờ đo đạc' }),
      t(26, '09:00'),
      'specialist',
      'sp-1',
      { dueSoonFrom: t(26, '17:00') },
    );
    expect(d.p.dueAt).toBe(t(30, '17:00'));
    expect(d.p.originalDueAt).toBe(DUE);
    expect(d.p.extensionCount).toBe(1);
    expect(d.p.extension).toEqual({ reason: 'Chờ đo đạc', previousDueAt: DUE, newDueAt: t(30, '17:00') });
    expect(d.p.timestamps.extendedAt).toBe(t(26, '09:00'));
    const again = [...d.events, ev(sampleAction('extend', { newDueAt: t(30, '17:30') }), t(26, '10:00'), 'approver')];
    expect(() => fold(again)).toThrow(/extension_limit_reached/);
  });

  it('rejection: code 9, reason kept, then the letter is returned (code 10)', () => {
    const d = Dossier.processing()
      .act(sampleAction('propose', { recommendation: 'reject' }), t(25, '09:00'), 'specialist', 'sp-1')
      .act(sampleAction('return_to_specialist'), t(25, '10:00'), 'approver')
      .act(sampleAction('propose', { recommendation: 'reject' }), t(25, '14:00'), 'specialist', 'sp-1')
      .act(sampleAction('reject', { reason: 'Không đủ điều kiện' }), t(25, '15:00'), 'approver');
    expect(d.p.state).toBe('rejected');
    expect(d.p.nationalStatus).toBe(9);
    expect(d.p.decision).toBe('rejected');
    expect(d.p.refusalReason).toBe('Không đủ điều kiện');
    expect(d.p.timestamps.proposedAt).toBe(t(25, '14:00'));
    d.act(sampleAction('return_result', { method: 'counter' }), t(26, '08:00'), 'result_officer');
    expect(d.p.nationalStatus).toBe(10);
    expect(d.p.returnMethod).toBe('counter');
  });

  it('refusal at reception: code 3 with the reason', () => {
    const d = new Dossier()
      .act(sampleAction('submit', { channel: 'post' }), t(24, '08:00'), 'applicant')
      .act(sampleAction('refuse_reception', { reason: 'Sai thẩm quyền' }), t(24, '09:00'), 'receiving_officer');
    expect(d.p).toMatchObject({ state: 'refused', nationalStatus: 3, refusalReason: 'Sai thẩm quyền', channel: 'post' });
    expect(d.p.timestamps.refusedAt).toBe(t(24, '09:00'));
  });

  it('withdrawal before reception: withdrawn at once, code 7', () => {
    const d = new Dossier()
      .act(sampleAction('submit'), t(24, '08:00'), 'applicant')
      .act(sampleAction('request_withdrawal', { reason: 'Nộp nhầm' }), t(24, '08:10'), 'applicant');
    expect(d.p).toMatchObject({ state: 'withdrawn', nationalStatus: 7, withdrawalReason: 'Nộp nhầm' });
    expect(d.p.timestamps.withdrawnAt).toBe(t(24, '08:10'));
  });

  it('withdrawal during processing: code 7 until the stop notice, then 8', () => {
    const d = Dossier.processing().act(sampleAction('request_withdrawal'), t(25, '09:00'), 'applicant');
    expect(d.p.nationalStatus).toBe(7);
    d.act(sampleAction('stop', { reason: 'Công dân rút hồ sơ' }), t(25, '10:00'), 'specialist', 'sp-1');
    expect(d.p).toMatchObject({ state: 'stopped', nationalStatus: 8, stopReason: 'Công dân rút hồ sơ' });
  });

  it('an unassigned dossier taken up by a specialist becomes theirs', () => {
    const d = new Dossier()
      .act(sampleAction('submit'), t(24, '08:00'), 'applicant')
      .act(sampleAction('receive'), t(24, '08:30'), 'system')
      .act(sampleAction('start_processing'), t(24, '09:00'), 'specialist', 'sp-9');
    expect(d.p.assigneeId).toBe('sp-9');
    expect(factsOf(d.p, { actorId: 'sp-9' }).isAssignee).toBe(true);
    expect(factsOf(d.p, { actorId: 'sp-1' }).isAssignee).toBe(false);
    expect(factsOf(d.p).isAssignee).toBe(false);
  });

  it('a hand-back clears the assignee and keeps the state; only the assignee may hand back', () => {
    const d = Dossier.processing();
    expect(checkAction('processing', 'specialist', sampleAction('hand_back'), factsOf(d.p, { actorId: 'sp-2' }))).toMatchObject({ ok: false, code: 'not_assignee', kind: 'role' });
    d.act(sampleAction('hand_back', { reason: 'Nghỉ phép' }), t(24, '11:00'), 'specialist', 'sp-1');
    expect(d.p).toMatchObject({ state: 'processing', assigneeId: null });
    expect(checkAction('processing', 'specialist', sampleAction('hand_back'), factsOf(d.p, { actorId: 'sp-1' }))).toMatchObject({ ok: false, code: 'not_assignee' });
    // An approver reassigns it.
    d.act(sampleAction('assign', { assigneeId: 'sp-2' }), t(24, '11:30'), 'approver', 'lead-1');
    expect(d.p.assigneeId).toBe('sp-2');
  });

  it('reads an old hand-back, stored as a tagged comment, as a hand-back', () => {
    const d = Dossier.processing();
    const legacy = { type: 'comment', text: 'Trả lại hồ sơ để phân công lại', kind: 'hand_back' } as unknown as Action;
    const p = applyEvent(d.p, ev(legacy, t(24, '11:00'), 'specialist', 'sp-1'));
    expect(p).toMatchObject({ state: 'processing', assigneeId: null, eventCount: d.p.eventCount + 1 });
    expect(fold([...d.events, ev(legacy, t(24, '11:00'), 'specialist', 'sp-1')])).toEqual(p);
    expect(readStoredAction(legacy)).toEqual({ type: 'hand_back' });
    expect(readStoredAction({ type: 'comment', text: 'Nghỉ phép', kind: 'hand_back' })).toEqual({ type: 'hand_back', reason: 'Nghỉ phép' });
    expect(readStoredAction({ type: 'comment', text: 'Ghi chú' })).toEqual({ type: 'comment', text: 'Ghi chú' });
  });
});

describe('fold: impossible histories', () => {
  const code = (events: DossierEvent[]) => {
    try {
      fold(events);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidHistoryError);
      return (e as InvalidHistoryError).code;
    }
  };

  it('refuses a transition that does not exist', () => {
    expect(code([ev(sampleAction('approve'), t(24, '08:00'), 'approver')])).toBe('state_not_permitted');
  });

  it('refuses events out of time order', () => {
    expect(code([ev(sampleAction('submit'), t(24, '09:00'), 'applicant'), ev(sampleAction('receive'), t(24, '08:00'), 'system')])).toBe(
      'out_of_order',
    );
  });

  it('refuses malformed events and payloads', () => {
    expect(code([{ action: { type: 'fly' }, at: t(24, '08:00'), actor: { role: 'system' } } as never])).toBe('invalid_event');
    expect(code([ev(sampleAction('submit'), '24/11/2026', 'applicant')])).toBe('invalid_event');
    expect(code([ev({ type: 'submit' } as never, t(24, '08:00'), 'applicant')])).toBe('invalid_payload');
  });

  it('refuses withdrawal after a decision', () => {
    const d = Dossier.processing()
      .act(sampleAction('propose'), t(25, '09:00'), 'specialist', 'sp-1')
      .act(sampleAction('approve'), t(25, '10:00'), 'approver');
    expect(code([...d.events, ev(sampleAction('request_withdrawal'), t(25, '11:00'), 'applicant')])).toBe('state_not_permitted');
  });

  it('does not re-check roles on replay (policy may change; roles were checked when appended)', () => {
    expect(code([ev(sampleAction('submit'), t(24, '08:00'), 'platform_admin')])).toBe('ok');
  });
});
