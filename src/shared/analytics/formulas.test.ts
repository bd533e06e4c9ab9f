import { describe, expect, it } from 'vitest';
import { RollupModel, addCounters, zeroCounters, type AnalyticsEvent, type Counters } from './facts';
import { computeIndex, indexConfig, indicatorOf, monthsOf, type ProcedureStats } from './formulas';

const A = '00000000-0000-4000-8000-00000000000a';
const P: ProcedureStats = { published: 10, publishedOnTime: 9, nationalPublic: 8, complete: 10, online: 6, onlineWithDossiers: 3, withFee: 4, payable: 2 };
let seq = 0;
const ev = (type: string, id: string, at: string, payload: Record<string, unknown> = {}): AnalyticsEvent => ({ type, aggregateId: id, occurredAt: at, payload: { agencyId: A, at, ...payload, seq: seq++ } });

/** Events of a dossier: filed, received with an appointed time, finished at `done`. */
function dossier(id: string, o: { channel?: string; received: string; due: string; done?: string; result?: boolean; eresult?: boolean; supplements?: Array<[string, string]>; fee?: 'online' | 'counter'; prefilled?: boolean; fromStore?: number; eid?: boolean; rating?: boolean }): AnalyticsEvent[] {
  const out = [ev('dossier.submitted', id, o.received, { to: 'submitted', procedureKey: 'p1', channel: o.channel ?? 'online', code: `C-${id}`, prefilled: o.prefilled ?? false, fromStore: o.fromStore ?? 0, eid: o.eid ?? false }), ev('dossier.received', id, o.received, { to: 'received', dueAt: o.due })];
  for (const [req, back] of o.supplements ?? []) out.push(ev('dossier.supplement_requested', id, req, { to: 'supplement_requested' }), ev('dossier.supplement_resubmitted', id, back, { to: 'received' }));
  if (o.fee) {
    out.push(ev('dossier.payment_requested', id, o.received, { to: 'payment_requested' }));
    if (o.fee === 'online') out.push(ev('payment.success', `pay-${id}`, o.received, { dossierId: id, provider: 'vietqr' }));
    out.push(ev('dossier.payment_confirmed', id, o.received, { to: 'processing' }));
  }
  if (o.done) {
    out.push(ev(o.result === false ? 'dossier.rejected' : 'dossier.result_issued', id, o.done, { to: o.result === false ? 'rejected' : 'result_issued' }));
    if (o.result !== false && o.eresult !== false) out.push(ev('result.issued', `r-${id}`, o.done, { dossierId: id }));
  }
  if (o.rating !== undefined) out.push(ev('rating.created', id, o.done ?? o.received, { negative: o.rating === false }));
  return out;
}

function rollup(events: AnalyticsEvent[]) {
  const m = new RollupModel();
  for (const e of events) m.apply(e);
  const c = zeroCounters();
  for (const row of m.counters.values()) addCounters(c, row.counters);
  return { m, c };
}
const ids = (m: RollupModel, pred: (id: string) => boolean) => [...m.dossiers.keys()].filter(pred);

describe('Decision 766 index: hand-computed fixtures', () => {
  // d1 on time; d2 late; d3 two supplements (late although early); d4 a supplement whose 3 days are excluded; d5
  // online filing with a paper result; d6 at the counter, paid at the counter, prefilled.
  const events = [
    ...dossier('d1', { received: '2026-03-02T02:00:00Z', due: '2026-03-06T10:00:00Z', done: '2026-03-05T03:00:00Z', fee: 'online', eid: true, fromStore: 1, rating: true }),
    ...dossier('d2', { received: '2026-03-02T02:00:00Z', due: '2026-03-04T10:00:00Z', done: '2026-03-06T03:00:00Z', eid: true, rating: false }),
    ...dossier('d3', { received: '2026-03-02T02:00:00Z', due: '2026-03-20T10:00:00Z', done: '2026-03-10T03:00:00Z', supplements: [['2026-03-03T02:00:00Z', '2026-03-04T02:00:00Z'], ['2026-03-05T02:00:00Z', '2026-03-06T02:00:00Z']] }),
    ...dossier('d4', { received: '2026-03-02T02:00:00Z', due: '2026-03-06T10:00:00Z', done: '2026-03-09T03:00:00Z', supplements: [['2026-03-03T02:00:00Z', '2026-03-06T02:00:00Z']] }),
    ...dossier('d5', { received: '2026-03-02T02:00:00Z', due: '2026-03-06T10:00:00Z', done: '2026-03-05T03:00:00Z', eresult: false }),
    ...dossier('d6', { channel: 'in_person', received: '2026-03-02T02:00:00Z', due: '2026-03-06T10:00:00Z', done: '2026-03-05T03:00:00Z', fee: 'counter', prefilled: true }),
  ];
  const { m, c } = rollup(events);

  it('progress: two supplements count late, applicant time excluded', () => {
    expect(c.finished).toBe(6);
    expect(c.on_time).toBe(4); // d1, d4 (9th minus 3 days ≤ 6th), d5, d6
    expect(c.late).toBe(2); // d2, d3
    const r = computeIndex({ counters: c, procedures: P, against: { onTime: ids(m, (id) => ['d2', 'd3'].includes(id)) } });
    const onTime = indicatorOf(r, 'onTime');
    expect(onTime.score).toBeCloseTo((20 * 4) / 6, 2);
    expect(onTime.against).toEqual(['d2', 'd3']);
    expect(onTime.formula.vi).toContain('bổ sung quá 1 lần');
    expect(onTime.inputs).toMatchObject({ onTime: 4, finished: 6 });
  });

  it('online: an online filing with a paper result is not online', () => {
    expect(c.filed_online).toBe(5);
    expect(c.online).toBe(4); // d5 left out
    const r = computeIndex({ counters: c, procedures: P });
    // min(6, 6 × (4/6) / 0.5) = 6; min(2, 2 × 0.6 / 0.8) = 1.5; 4 × 3/6 = 2
    expect(indicatorOf(r, 'dossiersOnline').score).toBe(6);
    expect(indicatorOf(r, 'proceduresOnline').score).toBe(1.5);
    expect(indicatorOf(r, 'onlineServicesUsed').score).toBe(2);
    expect(r.groups.find((g) => g.id === 'online')!.score).toBe(9.5);
  });

  it('payment, digitisation and transparency', () => {
    const r = computeIndex({ counters: c, procedures: P });
    expect(indicatorOf(r, 'paidOnline').score).toBe(3); // 6 × 1/2
    expect(indicatorOf(r, 'proceduresPayable').score).toBe(1.25); // min(2, 2 × 0.5 / 0.8)
    expect(indicatorOf(r, 'paymentsReconciled').score).toBe(2);
    expect(indicatorOf(r, 'electronicResult').score).toBe(5); // 6 × 5/6
    expect(indicatorOf(r, 'digitisedComponents').score).toBe(3.33); // 4 × 5/6
    expect(indicatorOf(r, 'certifiedCopies').score).toBe(2); // none asked: full
    expect(indicatorOf(r, 'dataReuse').score).toBe(0.83); // min(2, 2 × (2/6) / 0.8)
    expect(indicatorOf(r, 'filesFromStore').score).toBe(0.67); // 4 × 1/6
    expect(indicatorOf(r, 'eidLogin').score).toBe(0.8); // 2 × 2/5
    expect(indicatorOf(r, 'populationData').score).toBe(0.33); // 2 × 1/6
    expect(indicatorOf(r, 'publishedOnTime').score).toBe(5.4);
    expect(indicatorOf(r, 'nationalPublic').score).toBe(3.2);
    expect(indicatorOf(r, 'componentsComplete').score).toBe(2);
    expect(indicatorOf(r, 'synced').score).toBe(6);
  });

  it('satisfaction: no petitions gives full marks for both petition items; late and negative lower the third', () => {
    const r = computeIndex({ counters: c, procedures: P });
    expect(indicatorOf(r, 'petitionsOnTime')).toMatchObject({ score: 6, rate: null });
    expect(indicatorOf(r, 'petitionSatisfaction')).toMatchObject({ score: 6, rate: null });
    // 100% − (2/6 + 1/6) = 50%; 6 × 0.5 / 0.9 = 3.33
    expect(indicatorOf(r, 'procedureSatisfaction').score).toBe(3.33);
  });

  it('petitions: on time per their legal limits', () => {
    const p = [
      ev('petition.filed', 'p1', '2026-03-02T02:00:00Z'),
      ev('petition.refuse', 'p1', '2026-03-04T02:00:00Z', { toStatus: 'refused' }), // 2 working days
      ev('petition.filed', 'p2', '2026-03-02T02:00:00Z'),
      ev('petition.accept', 'p2', '2026-03-03T02:00:00Z', { toStatus: 'processing' }),
      ev('petition.approve_answer', 'p2', '2026-03-30T02:00:00Z', { toStatus: 'answered' }), // 20 working days: late
      ev('petition.filed', 'p3', '2026-03-06T02:00:00Z'),
      ev('petition.approve_answer', 'p3', '2026-03-13T02:00:00Z', { toStatus: 'answered' }),
    ];
    const { c: pc } = rollup(p);
    expect(pc).toMatchObject({ petitions: 3, petitions_handled: 3, petitions_on_time: 2, petitions_satisfied: 2 });
    const r = computeIndex({ counters: pc, procedures: P });
    expect(indicatorOf(r, 'petitionsOnTime').score).toBe(4);
    expect(indicatorOf(r, 'petitionSatisfaction').score).toBe(4);
  });

  it('weights and thresholds from configuration change the score', () => {
    const base = computeIndex({ counters: c, procedures: P });
    const cfg = indexConfig({ weights: { onTime: 30, synced: 0 }, thresholds: { dataReuseFull: 0.2 } });
    const r = computeIndex({ counters: c, procedures: P }, cfg);
    expect(indicatorOf(r, 'onTime').score).toBe(20);
    expect(indicatorOf(r, 'synced').score).toBe(0);
    expect(indicatorOf(r, 'dataReuse').score).toBe(2);
    expect(r.score).not.toBe(base.score);
    expect(r.max).toBe(104);
    expect(base.max).toBe(100);
  });

  it('the total is the sum of its groups', () => {
    const r = computeIndex({ counters: c, procedures: P });
    expect(r.score).toBeCloseTo(r.groups.reduce((s, g) => s + g.score, 0), 5);
    expect(r.groups.map((g) => g.max)).toEqual([18, 20, 12, 10, 22, 18]);
  });

  it('an empty scope scores full marks, nothing counting against it', () => {
    const r = computeIndex({ counters: zeroCounters() as Counters, procedures: { published: 0, publishedOnTime: 0, nationalPublic: 0, complete: 0, online: 0, onlineWithDossiers: 0, withFee: 0, payable: 0 } });
    expect(r.score).toBe(100);
  });

  it('periods', () => {
    expect(monthsOf('quarter', '2026-05')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOf('year', '2026-05')).toHaveLength(12);
  });
});
