import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, TestClock, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';

/**
 * The agency's open-data plan and the catalogue of its databases: the demo plan's progress is computed from the
 * catalogue (publishing a planned dataset moves it), late items are flagged, writes are for the agency's
 * publishers with their audit record and outbox event and replay with an Idempotency-Key; the databases are
 * exported as open data (CSV with a BOM, JSON).
 */
let p: TestPlatform;
let approver: TestClient;
let specialist: TestClient;
let construction: string;
const XAYDUNG = '000-00-02-h38';
const key = () => ({ 'idempotency-key': randomUUID() });
const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  p = await startTestPlatform({ clock: new TestClock() });
  approver = await p.loginAs('lanhdao.xaydung');
  specialist = await p.loginAs('chuyenvien.xaydung');
  construction = (await p.services.opendata.service.orgOf(XAYDUNG))!.id;
});
afterAll(() => p?.close());

describe('the open-data plan', () => {
  it('shows the demo plan with progress from the catalogue and its late item', async () => {
    const list = await p.anonymous().get('/api/opendata/plans');
    expect(list.statusCode, list.body).toBe(200);
    const [plan] = list.json();
    expect(plan).toMatchObject({ agencyName: 'Ủy ban nhân dân thành phố Hải Phòng', progress: { items: 5, done: 3, late: 1, percent: 60 } });
    const one = await p.anonymous().get(`/api/opendata/plans/${plan.id}`);
    expect(one.statusCode, one.body).toBe(200);
    const body = one.json();
    expect(body.items.map((i: any) => [i.datasetName, i.status])).toEqual([
      ['danh-muc-thu-tuc-hanh-chinh', 'done'],
      ['thong-ke-ho-so-theo-thang', 'done'],
      ['danh-muc-co-so-du-lieu', 'done'],
      ['diem-tiep-nhan-ho-so', 'late'],
      ['ket-qua-danh-gia-chat-luong-phuc-vu', 'pending'],
    ]);
    expect(body.stages.map((s: any) => [s.key, s.minLevel, s.done, s.items, s.late])).toEqual([
      ['giai-doan-1', 3, 3, 4, 1],
      ['giai-doan-2', 4, 0, 1, 0],
    ]);
    expectProblem(await p.anonymous().get(`/api/opendata/plans/${randomUUID()}`), 404, 'opendata.plan_not_found');
  });

  it('lets the agency’s approver issue and amend a plan, audited, replayable; progress follows publication', async () => {
    const body = {
      agencyId: construction,
      year: 2030,
      title: 'Kế hoạch mở dữ liệu năm 2030 của Sở Xây dựng',
      decisionRef: '12/QĐ-SXD',
      issuedOn: day(-1),
      stages: [{ key: 'gd1', name: 'Giai đoạn 1', until: day(300), minLevel: 3 }],
      items: [{ datasetName: 'giay-phep-xay-dung', title: 'Giấy phép xây dựng đã cấp', stage: 'gd1', due: day(200) }],
    };
    expectProblem(await specialist.post('/api/opendata/plans', body, key()), 403);
    expectProblem(await approver.post('/api/opendata/plans', { ...body, items: [{ ...body.items[0], stage: 'gd9' }] }, key()), 422, 'opendata.plan_invalid');
    const k = key();
    const created = await approver.post('/api/opendata/plans', body, k);
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    // The dataset is in review, not published: pending.
    expect(plan.items[0]).toMatchObject({ status: 'pending', requiredLevel: 3, late: false });
    const again = await approver.post('/api/opendata/plans', body, k);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(plan.id);
    expectProblem(await approver.post('/api/opendata/plans', body, key()), 409, 'opendata.plan_exists');
    const audit = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'opendata.plan.created'), eq(auditLog.targetId, plan.id)));
    expect(audit).toHaveLength(1);
    expect(await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'opendata.plan.created'), eq(outboxEvents.aggregateId, plan.id)))).toHaveLength(1);

  });

  it('moves an item to done when the agency publishes it at the required level', async () => {
    const [plan] = (await p.anonymous().get(`/api/opendata/plans?agencyId=${construction}`)).json();
    const mine = (await approver.get('/api/opendata/my-datasets')).json().find((d: any) => d.name === 'giay-phep-xay-dung');
    const published = await approver.post(`/api/opendata/datasets/${mine.id}/steps`, { step: 'publish' }, key());
    expect(published.statusCode, published.body).toBe(200);
    let view = (await p.anonymous().get(`/api/opendata/plans/${plan.id}`)).json();
    expect(view.items[0]).toMatchObject({ status: 'below_level', level: 1, requiredLevel: 3 });
    // An amended plan asks level 1 of this stage.
    const amended = await approver.put(
      `/api/opendata/plans/${plan.id}`,
      { title: view.title, decisionRef: view.decisionRef, issuedOn: view.issuedOn, stages: [{ key: 'gd1', name: 'Giai đoạn 1', until: view.stages[0].until, minLevel: 1 }], items: [{ datasetName: 'giay-phep-xay-dung', title: 'Giấy phép xây dựng đã cấp', stage: 'gd1', due: view.items[0].due }] },
      key(),
    );
    expect(amended.statusCode, amended.body).toBe(200);
    view = amended.json();
    expect(view.items[0]).toMatchObject({ status: 'done', level: 1 });
    expect(view.progress).toMatchObject({ done: 1, percent: 100 });
    expect(await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'opendata.plan.updated'), eq(auditLog.targetId, plan.id)))).toHaveLength(1);
  });
});

describe('the catalogue of databases', () => {
  it('lists the demo databases and exports them as CSV and JSON for the data map', async () => {
    const json = await p.anonymous().get('/api/opendata/databases');
    expect(json.statusCode, json.body).toBe(200);
    const rows = json.json();
    expect(rows.map((r: any) => r.kind).sort()).toEqual(['internal', 'ministry', 'national', 'province', 'province']);
    expect(rows.find((r: any) => r.code === 'csdl-thu-tuc-hanh-chinh')).toMatchObject({ access: 'open', installation: p.config.publicUrl, datasetUrl: `${p.config.publicUrl}/du-lieu-mo/danh-muc-thu-tuc-hanh-chinh` });
    const csv = await p.anonymous().get('/api/opendata/databases.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('csdl-can-bo-cong-chuc');
    // The export is a resource of an open dataset.
    const pkg = await p.anonymous().get('/api/3/action/package_show?id=danh-muc-co-so-du-lieu');
    expect(pkg.json().result.resources.map((r: any) => r.url)).toEqual([`${p.config.publicUrl}/api/opendata/databases.csv`, `${p.config.publicUrl}/api/opendata/databases`]);
  });

  it('lets the agency’s approver add and change a database, audited, with an outbox event', async () => {
    const body = { agencyId: construction, code: 'csdl-quy-hoach', name: 'Cơ sở dữ liệu quy hoạch xây dựng', kind: 'province', owner: 'Sở Xây dựng', legalBasis: 'Luật Quy hoạch 2017', fields: ['Mã đồ án', 'Tên đồ án', 'Tỷ lệ'], access: 'closed' };
    expectProblem(await specialist.post('/api/opendata/databases', body, key()), 403);
    const created = await approver.post('/api/opendata/databases', body, key());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expectProblem(await approver.post('/api/opendata/databases', body, key()), 409, 'opendata.database_exists');
    const { agencyId: _a, code: _c, ...rest } = body;
    const changed = await approver.put(`/api/opendata/databases/${id}`, { ...rest, access: 'open', datasetName: 'quy-hoach-xay-dung' }, key());
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ access: 'open', datasetUrl: `${p.config.publicUrl}/du-lieu-mo/quy-hoach-xay-dung` });
    expectProblem(await approver.put(`/api/opendata/databases/${randomUUID()}`, rest, key()), 404, 'opendata.database_not_found');
    const audit = await p.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(['opendata.database.created', 'opendata.database.updated']);
    expect(await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id))).toHaveLength(2);
  });
});
