import { describe, expect, it } from 'vitest';
import { createCalendar, localDateTime, SEEDED_EXCEPTIONS } from '../calendar';
import { anonymise, nextStatus, petitionActions, petitionDeadlines, petitionUrgency, PETITION_STATUSES } from './petition';

const cal = createCalendar({ exceptions: SEEDED_EXCEPTIONS });
const vn = (local: string) => new Date(`${local}+07:00`);
const local = (d: Date) => localDateTime(d);

describe('petition deadlines on the working-day calendar', () => {
  it('counts over Tết: filed Friday 13 Feb 2026 before Tết (16–20 Feb off), the periods resume on Monday 23 Feb', () => {
    const d = petitionDeadlines(cal, vn('2026-02-13T09:30'), '15:00');
    expect(local(d.countFrom)).toBe('2026-02-13 09:30');
    expect(local(d.refuseBy)).toBe('2026-02-24 09:30'); // 13 Feb + 2 working days: 23, 24 Feb (Tết and weekends skipped)
    expect(local(d.requestInfoBy)).toBe('2026-02-27 09:30');
    expect(local(d.answerBy)).toBe('2026-03-13 09:30'); // 15 working days, none of them in Tết
  });

  it('filed on the afternoon before Tết after the cutoff: counting starts at the opening of the next working day', () => {
    const d = petitionDeadlines(cal, vn('2026-02-12T16:00'), '15:00');
    expect(local(d.countFrom)).toBe('2026-02-13 08:00');
    expect(local(d.refuseBy)).toBe('2026-02-23 17:00'); // 13 Feb and 23 Feb are the two working days
    expect(local(d.answerBy)).toBe('2026-03-12 17:00');
  });

  it('filed on a Friday after the 15:00 cutoff: counted from Monday 08:00', () => {
    const d = petitionDeadlines(cal, vn('2026-03-06T15:30'), '15:00');
    expect(local(d.countFrom)).toBe('2026-03-09 08:00');
    expect(local(d.refuseBy)).toBe('2026-03-10 17:00');
    expect(local(d.requestInfoBy)).toBe('2026-03-13 17:00');
    expect(local(d.answerBy)).toBe('2026-03-27 17:00');
  });

  it('the same Friday before the cutoff counts from the filing instant; without a cutoff, a late filing counts the same day', () => {
    expect(local(petitionDeadlines(cal, vn('2026-03-06T14:30'), '15:00').refuseBy)).toBe('2026-03-10 14:30');
    expect(local(petitionDeadlines(cal, vn('2026-03-06T15:30'), null).refuseBy)).toBe('2026-03-10 15:30');
  });

  it('a petition filed on a Sunday counts from Monday opening, and 30 April / 1 May 2026 are skipped', () => {
    const d = petitionDeadlines(cal, vn('2026-04-26T10:00'), '15:00'); // Sunday, Hùng Kings' day (compensated on Monday 27)
    expect(local(d.countFrom)).toBe('2026-04-28 08:00');
    expect(local(d.refuseBy)).toBe('2026-04-29 17:00');
    expect(local(d.requestInfoBy)).toBe('2026-05-06 17:00'); // 28, 29 Apr, 4, 5, 6 May
  });

  it('marks due-soon within 3 working days of the answer deadline and overdue after it', () => {
    const answerBy = vn('2026-03-27T17:00');
    expect(petitionUrgency(cal, 'processing', answerBy, vn('2026-03-20T10:00'))).toBe('on_track');
    expect(petitionUrgency(cal, 'processing', answerBy, vn('2026-03-24T17:00'))).toBe('due_soon');
    expect(petitionUrgency(cal, 'processing', answerBy, vn('2026-03-27T17:01'))).toBe('overdue');
    expect(petitionUrgency(cal, 'answered', answerBy, vn('2026-04-27T17:01'))).toBe('closed');
  });
});

describe('what may happen to a petition', () => {
  it('lets handlers take up, refuse, ask or re-route a new one, only a leader approve an answer, the petitioner supply information', () => {
    expect(petitionActions('received', ['handler'])).toEqual(['accept', 'refuse', 'request_info', 'reroute']);
    expect(petitionActions('answer_proposed', ['handler'])).toEqual([]);
    expect(petitionActions('answer_proposed', ['handler', 'leader'])).toEqual(['send_back', 'approve_answer']);
    expect(petitionActions('info_requested', ['petitioner'])).toEqual(['supply_info']);
    expect(petitionActions('received', ['petitioner'])).toEqual([]);
    for (const s of ['answered', 'refused'] as const) expect(petitionActions(s, ['handler', 'leader', 'petitioner'])).toEqual([]);
    // Moderation: only a leader takes a published answer down.
    expect(petitionActions('answered', ['handler', 'leader'], { published: true })).toEqual(['unpublish']);
    expect(petitionActions('answered', ['handler'], { published: true })).toEqual([]);
    expect(nextStatus('reroute', 'processing')).toBe('received');
    expect(nextStatus('approve_answer', 'answer_proposed')).toBe('answered');
    // Every status is either final or has a way forward for someone.
    for (const s of PETITION_STATUSES) if (s !== 'answered' && s !== 'refused') expect(petitionActions(s, ['handler', 'leader', 'petitioner']).length, s).toBeGreaterThan(0);
  });

  it('anonymises what would identify people in a published answer', () => {
    const t = anonymise('Tôi là chị Hoa, số 031085001234, gọi 0912 345 678 hoặc hoa.nguyen@example.vn, hồ sơ 000.00.21.H38-260302-0001');
    expect(t).toBe('Tôi là chị Hoa, số [số định danh], gọi [số điện thoại] hoặc [email], hồ sơ [mã hồ sơ]');
  });
});
