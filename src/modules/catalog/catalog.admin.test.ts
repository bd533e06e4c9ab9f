import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../support/platform';
import { DEMO_PROCEDURES } from '../../src/modules/catalog/demo/procedures';
import type { ProcedureVersionInput } from '../../src/modules/catalog/catalog.types';

let p: TestPlatform;
let admin: TestClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.loginAs('admin');
});
afterAll(() => p.close());

const base = () => structuredClone(DEMO_PROCEDURES.find((x) => x.key === 'birth-registration')!) as ProcedureVersionInput;
const fresh = (key: string): ProcedureVersionInput => ({ ...base(), key, nationalCode: null });

describe('procedure versions', () => {
  it('creates a draft, publishes it, and keeps the published version immutable', async () => {
    const created = await admin.post('/api/admin/procedures', fresh('thu-tuc-thu-nghiem'));
    expect(created.statusCode, created.body).toBe(201);
    const v1 = created.json();
    expect(v1.status).toBe('draft');
    // A draft is not public.
    expectProblem(await p.anonymous().get(`/api/procedure-versions/${v1.id}`), 404);
    const edited = await admin.put(`/api/admin/procedure-versions/${v1.id}`, { ...fresh('thu-tuc-thu-nghiem'), name: { vi: 'Thủ tục thử nghiệm', en: 'Test procedure' } });
    expect(edited.statusCode, edited.body).toBe(200);
    const pub = await admin.post(`/api/admin/procedure-versions/${v1.id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');
    expect((await p.anonymous().get('/api/procedures/thu-tuc-thu-nghiem')).json().current.name.vi).toBe('Thủ tục thử nghiệm');

    // Published: no edit, no second publication.
    expectProblem(await admin.put(`/api/admin/procedure-versions/${v1.id}`, fresh('thu-tuc-thu-nghiem')), 409, 'catalog.version_immutable');
    expectProblem(await admin.post(`/api/admin/procedure-versions/${v1.id}/publish`), 409, 'catalog.version_immutable');
    // Not even with SQL: a trigger guards it.
    await expect(p.ctx.db.execute(sql`update procedure_versions set content = content || '{"cutoffTime":"16:00"}'::jsonb where id = ${v1.id}`)).rejects.toThrow();

    // A new version starts as a copy; publishing it makes it current, the old one stays readable.
    const v2 = (await admin.post(`/api/admin/procedures/${v1.procedureId}/versions`)).json();
    expect(v2.version).toBe(2);
    expectProblem(await admin.post(`/api/admin/procedures/${v1.procedureId}/versions`), 409, 'catalog.draft_exists');
    await admin.put(`/api/admin/procedure-versions/${v2.id}`, { ...fresh('thu-tuc-thu-nghiem'), name: { vi: 'Thủ tục thử nghiệm (sửa đổi)', en: 'Test procedure (amended)' } });
    expect((await admin.post(`/api/admin/procedure-versions/${v2.id}/publish`)).statusCode).toBe(200);
    const now = (await p.anonymous().get('/api/procedures/thu-tuc-thu-nghiem')).json();
    expect(now.current.version).toBe(2);
    expect(now.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect((await p.anonymous().get(`/api/procedure-versions/${v1.id}`)).json().name.vi).toBe('Thủ tục thử nghiệm');

    // Retire: gone from the catalogue.
    expect((await admin.post(`/api/admin/procedures/${v1.procedureId}/retire`)).statusCode).toBe(204);
    expectProblem(await p.anonymous().get('/api/procedures/thu-tuc-thu-nghiem'), 409, 'catalog.not_published');
    const found = (await p.anonymous().get('/api/procedures/search?q=thu+tuc+thu+nghiem')).json().items as any[];
    expect(found.filter((x) => x.name.vi.startsWith('Thủ tục thử nghiệm'))).toEqual([]);
  });

  it('refuses to publish an incomplete version, listing every reason', async () => {
    const bad = fresh('thu-tuc-chua-du');
    bad.eform = { schema: { type: 'object', properties: { a: { type: 'string' } } }, ui: { sections: [{ id: 's', title: { vi: 'Phần', en: 'Part' }, fields: ['missing'] }], fields: {} } } as any;
    bad.workflow = bad.workflow.filter((s) => s.kind !== 'return');
    bad.fees = [{ type: 'fixed', nature: 'le-phi', name: { vi: 'Lệ phí', en: 'Fee' }, legalBasis: [], amountVnd: 10000, onlineAmountVnd: 20000, per: { vi: 'hồ sơ', en: 'dossier' } }];
    const v = (await admin.post('/api/admin/procedures', bad)).json();
    const res = expectProblem(await admin.post(`/api/admin/procedure-versions/${v.id}/publish`), 422, 'catalog.incomplete_version');
    const codes = res.errors.map((e: any) => e.code);
    expect(codes.some((c: string) => c.startsWith('eform_'))).toBe(true); // the form does not parse
    expect(codes).toContain('no_end'); // the workflow never reaches an end
    expect(codes).toContain('shares_not_100');
    expect(codes).toContain('online_dearer'); // fees inconsistent
    expect(res.errors.find((e: any) => e.field === 'fees[0].legalBasis')).toBeTruthy();
    for (const e of res.errors) expect(e.message.vi && e.message.en).toBeTruthy();
  });

  it('refuses the admin API to officers without an admin role, and unknown fields', async () => {
    const officer = await p.loginAs('chuyenvien.hongbang');
    expectProblem(await officer.post('/api/admin/procedures', fresh('x-y')), 403);
    expectProblem(await admin.post('/api/admin/procedures', { ...fresh('x-z'), surprise: true }), 400, 'validation_failed');
    expectProblem(await admin.post('/api/admin/procedures', fresh('birth-registration')), 409, 'catalog.key_taken');
  });

  it('exports the catalogue as JSON and imports it back', async () => {
    const exported = (await admin.get('/api/admin/procedures/export')).json().procedures as ProcedureVersionInput[];
    expect(exported.length).toBeGreaterThanOrEqual(30);
    const one = exported.find((x) => x.key === 'marriage-registration')!;
    one.name = { ...one.name, en: 'Marriage registration (re-imported)' };
    const res = await admin.post('/api/admin/procedures/import', { procedures: [one, { ...one, key: 'marriage-registration-copy', nationalCode: null }], publish: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 1, published: 2 });
    expect((await p.anonymous().get('/api/procedures/marriage-registration')).json().current.name.en).toBe('Marriage registration (re-imported)');
  });
});

describe('filters and taxonomy', () => {
  it('filters by field, level, online level, applicant type, life event and agency', async () => {
    const q = async (qs: string) => (await p.anonymous().get(`/api/procedures?limit=200&${qs}`)).json().items as any[];
    const civil = await q('field=civil-status');
    expect(civil.length).toBeGreaterThan(3);
    expect(civil.every((x) => x.field === 'civil-status')).toBe(true);
    const commune = await q('level=commune');
    expect(commune.every((x) => x.implementingLevel === 'commune')).toBe(true);
    expect((await q('onlineLevel=full')).every((x) => x.onlineLevel === 'full')).toBe(true);
    expect((await q('applicantType=business')).every((x) => x.applicantTypes.includes('business'))).toBe(true);
    expect((await q('lifeEvent=birth')).every((x) => x.lifeEvents.includes('birth'))).toBe(true);
    const agencies = (await p.anonymous().get('/api/agencies')).json() as any[];
    const ward = agencies.find((a) => a.kind === 'commune-pc');
    const offered = await q(`agencyId=${ward.id}`);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((x) => x.agencyKind === 'commune-pc' && x.implementingLevel === 'commune')).toBe(true);
    expectProblem(await p.anonymous().get('/api/procedures?field=nonsense'), 400);
  });

  it('lists fields and life events in vi and en with counts', async () => {
    const t = (await p.anonymous().get('/api/catalog/taxonomy')).json();
    const withProcedures = t.fields.filter((f: any) => f.count > 0);
    expect(withProcedures.length).toBeGreaterThanOrEqual(8);
    for (const f of t.fields) expect(f.vi && f.en).toBeTruthy();
  });
});

describe('server-side form validation', () => {
  it('accepts the sample data and refuses each kind of invalid data with vi/en messages', async () => {
    const proc = (await p.anonymous().get('/api/procedures/birth-registration')).json();
    const url = `/api/procedure-versions/${proc.current.id}/validate`;
    const sample = DEMO_PROCEDURES.find((x) => x.key === 'birth-registration')!.sampleData;
    const ok = (await p.anonymous().post(url, { data: sample })).json();
    expect(ok.ok, JSON.stringify(ok.errors)).toBe(true);
    const bad = (await p.anonymous().post(url, { data: { ...sample, unknownField: 'x' } })).json();
    expect(bad.ok).toBe(false);
    expect(bad.errors[0].field).toBe('unknownField');
    expect(bad.errors[0].message.vi).toBeTruthy();
    expect(bad.errors[0].message.en).toBeTruthy();
    expectProblem(await p.anonymous().post(url, { nope: 1 }), 400);
  });
});
