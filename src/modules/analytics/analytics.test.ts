import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, NGO_QUYEN, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';
import { RollupModel, isZero, type Contribution } from '../../shared/analytics';
import { randomEvents } from '../../shared/analytics/testing';
import { storedCounters, storedFacts } from './analytics.rollup';
import { analyticsInbox } from './analytics.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;
const act = (c: TestClient, id: string, path: string, body?: unknown) => c.post(`/api/dossiers/${id}/${path}`, body);
const drain = () => p.services.analytics.drain();
const only = (m: Map<string, Contribution>, agencies: Set<string>) => new Map([...m].filter(([, v]) => agencies.has(v.agencyId)));

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  p.clock.set(vn('2026-03-02T08:30'));
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
});
afterAll(() => p?.close());

describe('analytics from the dossier module’s events', () => {
  let open: string;
  it('folds a real journey into the index, explains it, exports it, and shows it publicly', async () => {
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    ok(await act(specialist, d.id, 'propose', { recommendation: 'approve' }));
    ok(await act(approver, d.id, 'approve', {}));
    ok(await act(resultOfficer, d.id, 'issue-result', { electronic: true }));
    ok(await act(resultOfficer, d.id, 'return-result', { method: 'online' }));
    expect(d.id).toBeTruthy();
    const o = await submittedDossier(p, citizen, hb);
    ok(await act(desk, o.id, 'receive'));
    open = o.id;
    await drain();

    const idx = ok(await approver.get('/api/analytics/index?period=month&at=2026-03'));
    expect(idx.scope.months).toEqual(['2026-03']);
    const onTime = idx.groups.flatMap((g: { indicators: unknown[] }) => g.indicators).find((i: { id: string }) => i.id === 'onTime');
    expect(onTime.inputs).toMatchObject({ onTime: 1, finished: 1, received: 2 });
    expect(onTime.score).toBe(20);
    const online = idx.groups.find((g: { id: string }) => g.id === 'online').indicators.find((i: { id: string }) => i.id === 'dossiersOnline');
    expect(online.inputs).toMatchObject({ online: 2, filedOnline: 2 });
    expect(idx.max).toBe(100);

    // Explanation: the VNeID indicator lists no dossier (the citizen signed in with VNeID); the population one
    // lists those not prefilled, if any; paging works.
    const eid = ok(await approver.get('/api/analytics/index/explain?at=2026-03&indicator=eidLogin'));
    expect(eid).toMatchObject({ kind: 'dossier', total: 0, items: [] });
    const digit = ok(await approver.get('/api/analytics/index/explain?at=2026-03&indicator=proceduresOnline&limit=2'));
    expect(digit.kind).toBe('procedure');
    expect(digit.items.length).toBeLessThanOrEqual(2);

    // Late: the open dossier passes its appointed time; the dashboard shows it overdue now, and after it finishes
    // late it is listed behind the on-time number.
    p.clock.set(vn('2026-04-20T09:00'));
    approver = await p.loginAs('lanhdao.hongbang');
    const dash = ok(await approver.get('/api/analytics/dashboard?at=2026-03'));
    expect(dash.status).toMatchObject({ received: 2, finished: 1, onTime: 1, open: 1, overdueNow: 1 });
    expect(dash.backlogByStep).toEqual([{ state: 'received', open: 1, overdue: 1 }]);
    expect(dash.trend).toHaveLength(1);
    expect(dash.topByVolume[0]).toMatchObject({ key: 'birth-re-registration', received: 2 });
    specialist = await p.loginAs('chuyenvien.hongbang');
    resultOfficer = await p.loginAs('trakq.hongbang');
    ok(await act(specialist, open, 'claim'));
    ok(await act(specialist, open, 'propose', { recommendation: 'approve' }));
    ok(await act(approver, open, 'approve', {}));
    ok(await act(resultOfficer, open, 'issue-result', { electronic: true }));
    await drain();
    const late = ok(await approver.get('/api/analytics/index/explain?at=2026-03&indicator=onTime'));
    expect(late).toMatchObject({ kind: 'dossier', total: 1 });
    expect(late.items[0]).toMatchObject({ id: open, state: 'result_issued' });
    expect(late.indicator.inputs).toMatchObject({ onTime: 1, late: 1, finished: 2 });

    const csv = await approver.get('/api/analytics/index/export?at=2026-03&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Hồ sơ giải quyết đúng hạn');
    const xlsx = await approver.get('/api/analytics/index/export?at=2026-03&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ số 766', 'Thủ tục']);
    expect(wb.worksheets[0].rowCount).toBe(23); // header, 21 indicators, total

    const pub = ok(await p.anonymous().get(`/api/public/agencies/${HONG_BANG}/index?at=2026-03`));
    expect(pub).toMatchObject({ agency: { code: HONG_BANG }, received: 2, finished: 2, onTime: 1, onTimeRate: 0.5 });
    expect(JSON.stringify(pub)).not.toContain(open);
    expect(ok(await p.anonymous().get('/api/public/agencies/000.00.99.H99/index'), 404).code).toBe('analytics.agency_not_found');
  });

  it('refuses outside the jurisdiction and to officers without a leader role', async () => {
    const nq = await agencyId(p, NGO_QUYEN);
    desk = await p.loginAs('tiepnhan.hongbang');
    citizen = await citizenClient(p, CITIZEN);
    expect(ok(await approver.get(`/api/analytics/index?agency=${nq}`), 403).code).toBe('analytics.out_of_jurisdiction');
    expect((await desk.get('/api/analytics/index')).statusCode).toBe(403);
    expect((await citizen.get('/api/analytics/dashboard')).statusCode).toBe(403);
  });

  it('generated history and a rebuild from the outbox give the same rollups', async () => {
    const r = await p.services.analytics.history({ dossiers: 300, end: vn('2026-04-01T00:00'), months: 6, seed: 5 });
    expect(r.events).toBeGreaterThan(1500);
    const before = await storedCounters(p.ctx.db);
    const n = await p.services.analytics.rebuild();
    expect(n).toBeGreaterThanOrEqual(r.events);
    expect(await storedCounters(p.ctx.db)).toEqual(before);
    const { dossiers, petitions } = await storedFacts(p.ctx.db);
    expect(RollupModel.recompute(dossiers, petitions)).toEqual(before);
    expect(dossiers.length).toBeGreaterThanOrEqual(302);
  });

  it('random events through the inbox and worker equal the in-memory model and a full recomputation', async () => {
    const events = randomEvents(3_000, 11);
    // Through the inbox, as the bus handler records them, in batches of the worker's size.
    for (let i = 0; i < events.length; i += 1000) {
      await p.ctx.db.insert(analyticsInbox).values(events.slice(i, i + 1000).map((e, j) => ({ eventId: randomUUID(), seq: 10_000_000 + i + j, type: e.type, aggregateId: e.aggregateId, payload: e.payload, occurredAt: new Date(e.occurredAt) })));
    }
    await p.services.analytics.worker.drain();
    const model = new RollupModel();
    for (const e of events) model.apply(e);
    const agencies = new Set(['a1', 'a2', 'a3']);
    const stored = only(await storedCounters(p.ctx.db), agencies);
    expect(stored).toEqual(new Map([...model.counters].filter(([, v]) => !isZero(v.counters))));
    const { dossiers, petitions } = await storedFacts(p.ctx.db);
    expect(only(RollupModel.recompute(dossiers, petitions), agencies)).toEqual(stored);
    const res = (await p.ctx.db.execute(sql`select count(*)::int as n from analytics_inbox`)) as unknown as { rows: Array<{ n: number }> };
    expect(res.rows[0].n).toBe(0);
  });
});
