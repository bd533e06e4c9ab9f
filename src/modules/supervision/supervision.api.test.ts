import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { expectProblem } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, ok, startDossierPlatform, vn } from '../../../test/support/dossier';
import { auditLog } from '../../platform/audit/audit.schema';
import { tlogPending } from '../../platform/tlog/tlog.schema';
import { verifyReceipt } from './index';
import { DEMO_SUPERVISION_TITLE } from './supervision.seed';
import { supervisionObligations } from './supervision.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let officer: TestClient;
let business: TestClient;
let xd: string;
const XAY_DUNG = '000.00.02.H38';
const AN_COMPANY = '0201234567'; // legal representative: Nguyễn Văn An (CITIZEN)
const HUY_COMPANY = '0204567890'; // legal representative: Đặng Quốc Huy (CITIZEN_L1)
const key = () => ({ 'idempotency-key': randomUUID() });

const obligation = (over: Record<string, unknown> = {}) => ({
  agencyId: xd,
  title: 'Báo cáo quan trắc nước thải',
  legalBasis: 'Luật Bảo vệ môi trường 2020, Điều 111',
  frequency: 'monthly',
  dueDay: 10,
  format: 'csv',
  fields: [
    { key: 'diem', label: 'Điểm quan trắc', type: 'string', required: true },
    { key: 'luu_luong', label: 'Lưu lượng', type: 'number', unit: 'm³/ngày', required: true, min: 0, max: 1000, maxChangePct: 50 },
    { key: 'cod', label: 'COD', type: 'number', unit: 'mg/L', required: false, min: 0, max: 150 },
  ],
  subjects: { enterpriseCodes: [AN_COMPANY, HUY_COMPANY] },
  startPeriod: '2026-01',
  ...over,
});
const csv = (flow: number, cod = 40) => `diem,luu_luong,cod\r\nCửa xả 1,${flow},${cod}\r\n`;

beforeAll(async () => {
  p = await startDossierPlatform();
  xd = await agencyId(p, XAY_DUNG);
  p.clock.set(vn('2026-03-05T09:00'));
  officer = await p.loginAs('chuyenvien.xaydung');
  business = await citizenClient(p, CITIZEN);
});
afterAll(() => p?.close());

describe('supervision', () => {
  let id: string;

  it('an officer defines an obligation; bad definitions and other agencies are refused', async () => {
    const o = ok(await officer.post('/api/supervision/obligations', obligation(), key()), 201);
    expect(o).toMatchObject({ agencyId: xd, frequency: 'monthly', subjectCount: 2, legalBasis: 'Luật Bảo vệ môi trường 2020, Điều 111' });
    id = o.id;
    expectProblem(await officer.post('/api/supervision/obligations', obligation({ fields: [{ key: 'a', label: 'A', type: 'string', required: true, min: 1 }] }), key()), 422, 'supervision.bad_definition');
    expectProblem(await officer.post('/api/supervision/obligations', obligation({ subjects: { enterpriseCodes: ['0999999999'] } }), key()), 422, 'supervision.bad_definition');
    const other = await p.loginAs('chuyenvien.tuphap');
    expectProblem(await other.post('/api/supervision/obligations', obligation(), key()), 403, 'supervision.not_agency_officer');
    expect(ok(await officer.get(`/api/supervision/obligations?agencyId=${xd}`)).map((x: { id: string }) => x.id)).toContain(id);
    const audit = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'supervision.obligation.defined'), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
  });

  it('a class of the business registry binds its active enterprises', async () => {
    const o = ok(await officer.post('/api/supervision/obligations', obligation({ subjects: { enterpriseCodes: [], businessLine: '41' } }), key()), 201);
    expect(o.subjectCount).toBeGreaterThan(0);
  });

  it('a business delivers on time (signed receipt, tlog leaf), then a duplicate and a correction', async () => {
    p.clock.set(vn('2026-02-06T10:00'));
    business = await citizenClient(p, CITIZEN);
    const d = ok(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: csv(500) }, key()), 201);
    expect(d).toMatchObject({ period: '2026-01', version: 1, late: false, findings: [], channel: 'web', duplicate: false, dueDay: '2026-02-10' });
    const pub = ok(await p.anonymous().get('/api/public/supervision/receipt-key'));
    expect(verifyReceipt(d.receipt, d.signature, pub.publicKeyPem)).toBe(true);
    expect(verifyReceipt({ ...d.receipt, late: true }, d.signature, pub.publicKeyPem)).toBe(false);
    const leaves = await p.ctx.db.select().from(tlogPending).where(and(eq(tlogPending.kind, 'supervision_receipt'), eq(tlogPending.ref, d.id)));
    expect(leaves).toHaveLength(1);
    // The same content again: the same delivery and receipt, nothing new.
    const dup = ok(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: 'diem;luu_luong;cod\nCửa xả 1;500;40\n' }, key()), 200);
    expect(dup).toMatchObject({ id: d.id, duplicate: true, signature: d.signature });
    // A corrected delivery supersedes, the history keeps both.
    const fixed = ok(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: csv(520) }, key()), 201);
    expect(fixed).toMatchObject({ version: 2, supersedes: d.id, current: true });
    const hist = ok(await officer.get(`/api/supervision/obligations/${id}/deliveries?enterpriseCode=${AN_COMPANY}`));
    expect(hist.map((x: { version: number; current: boolean }) => [x.version, x.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(ok(await business.get(`/api/supervision/deliveries/${fixed.id}`)).receipt.supersedes).toBe(d.id);
  });

  it('malformed reports are refused with the record, the field and the reason in Vietnamese', async () => {
    const bad = expectProblem(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: 'diem,luu_luong,cod\r\nCửa xả 1,nhiều,40\r\n' }, key()), 422, 'supervision.malformed_report');
    expect(bad.errors[0]).toMatchObject({ field: 'content[1].luu_luong' });
    expect(bad.errors[0].message.vi).toContain('không phải là số');
    const missingCol = expectProblem(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: 'diem,cod\r\nA,1\r\n' }, key()), 422, 'supervision.malformed_report');
    expect(missingCol.errors.map((f: { field: string }) => f.field)).toContain('content[0].luu_luong');
    expectProblem(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-13', content: csv(1) }, key()), 400);
    expectProblem(await business.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-05', content: csv(1) }, key()), 422, 'supervision.bad_period');
    // Another person cannot deliver for the enterprise.
    const huy = await citizenClient(p, CITIZEN_L1);
    expectProblem(await huy.post(`/api/supervision/obligations/${id}/deliveries`, { enterpriseCode: AN_COMPANY, period: '2026-01', content: csv(1) }, key()), 403, 'supervision.not_for_enterprise');
  });

  it('by API with a business key: late and out of range, inconsistent with the last period; alerts to the entity and the agency', async () => {
    const k = ok(await business.post('/api/supervision/keys', { enterpriseCode: AN_COMPANY, label: 'Hệ thống quan trắc tự động' }, key()), 201);
    expect(k.key).toMatch(/^mcs_/);
    expectProblem(await p.app.inject({ method: 'POST', url: `/api/supervision/api/obligations/${id}/deliveries`, payload: { period: '2026-02', content: csv(1) }, headers: { authorization: 'Bearer mcs_nope' } }), 401, 'supervision.bad_api_key');
    // 2026-02 is due on 10 March 2026 (a Tuesday); delivered on the 12th: late; 990 is +90% on January's 520 and 160 mg/L is above 150.
    p.clock.set(vn('2026-03-12T08:00'));
    const res = await p.app.inject({ method: 'POST', url: `/api/supervision/api/obligations/${id}/deliveries`, payload: { period: '2026-02', content: csv(990, 160) }, headers: { authorization: `Bearer ${k.key}`, ...key() } });
    const d = ok(res, 201);
    expect(d.channel).toBe('api');
    expect(d.late).toBe(true);
    expect(d.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['inconsistent', 'late', 'out_of_range']);
    expect(d.findings.find((f: { rule: string }) => f.rule === 'inconsistent')).toMatchObject({ field: 'luu_luong', previous: 520, value: 990 });
    await p.services.notify.drain();
    // In the in-app inboxes of the enterprise's representative and of the agency's specialists.
    business = await citizenClient(p, CITIZEN);
    officer = await p.loginAs('chuyenvien.xaydung');
    const inbox = async (c: TestClient) => ok(await c.get('/api/me/notifications')).items.map((x: { kind: string }) => x.kind);
    expect(await inbox(business)).toContain('supervision_alert');
    expect(await inbox(officer)).toContain('supervision_officer_alert');
    // A revoked key stops working.
    expect((await business.delete(`/api/supervision/keys/${k.id}`, key())).statusCode).toBe(204);
    expectProblem(await p.app.inject({ method: 'POST', url: `/api/supervision/api/obligations/${id}/deliveries`, payload: { period: '2026-02', content: csv(1) }, headers: { authorization: `Bearer ${k.key}` } }), 401, 'supervision.bad_api_key');
  });

  it('missing reports are alerted once; the dashboard, the export and the aggregate', async () => {
    p.clock.set(vn('2026-03-12T09:00'));
    const raised = await p.services.supervision.service.sweepMissing(p.clock.now());
    expect(raised).toBeGreaterThanOrEqual(2); // Huy's company: January and February
    expect(await p.services.supervision.service.sweepMissing(p.clock.now())).toBe(0);
    officer = await p.loginAs('chuyenvien.xaydung');
    business = await citizenClient(p, CITIZEN);
    const dash = ok(await officer.get(`/api/supervision/obligations/${id}/dashboard`));
    expect(dash.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(dash.summary).toMatchObject({ subjects: 2, duePeriods: 2, expected: 4, delivered: 2, late: 1, missing: 2, outOfRange: 1, inconsistent: 1, lateShare: 0.5 });
    const huy = dash.rows.filter((r: { enterpriseCode: string }) => r.enterpriseCode === HUY_COMPANY);
    expect(huy.map((r: { status: string }) => r.status)).toEqual(['missing', 'missing', 'not_due']);
    const alerts = ok(await officer.get(`/api/supervision/alerts?agencyId=${xd}`));
    expect(alerts.filter((a: { obligationId: string; rule: string }) => a.obligationId === id && a.rule === 'missing')).toHaveLength(2);
    const exp = await officer.get(`/api/supervision/obligations/${id}/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('text/csv');
    expect(exp.body.split('\r\n').filter(Boolean)).toHaveLength(4); // header + 3 versions
    const agg = ok(await p.anonymous().get(`/api/public/supervision/obligations/${id}/aggregate`));
    expect(agg.periods.every((x: { suppressed: boolean; entities: number | null }) => x.suppressed && x.entities === null)).toBe(true);
    // The business sees its obligation and its receipts.
    const mine = ok(await business.get(`/api/supervision/mine?enterpriseCode=${AN_COMPANY}`));
    expect(mine.find((m: { obligation: { id: string } }) => m.obligation.id === id)).toMatchObject({ nextPeriod: '2026-03' });
  });

  it('the seeded year: the dashboard figures of 2025', async () => {
    const [o] = await p.ctx.db.select().from(supervisionObligations).where(eq(supervisionObligations.title, DEMO_SUPERVISION_TITLE));
    const dash = ok(await officer.get(`/api/supervision/obligations/${o.id}/dashboard?from=2025-01&to=2025-12`));
    expect(dash.summary).toEqual({ subjects: 4, duePeriods: 12, expected: 48, delivered: 45, late: 6, missing: 3, outOfRange: 2, inconsistent: 5, lateShare: 0.133 });
    console.log('seeded 2025 dashboard', JSON.stringify(dash.summary));
    const agg = ok(await p.anonymous().get(`/api/public/supervision/obligations/${o.id}/aggregate`));
    expect(agg.periods).toHaveLength(12);
    expect(agg.periods.filter((x: { suppressed: boolean }) => !x.suppressed)).toHaveLength(12);
  });
});
