import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import type { TSchema } from 'typebox';
import { validatorCompiler, ajvErrorsToFields } from '../../platform/http/validation';
import {
  ExportSchema,
  ImportBodySchema,
  ImportResultSchema,
  ProcedureDetailSchema,
  ProcedureListSchema,
  ProcedureSearchResultSchema,
  ProcedureVersionInputSchema,
  ProcedureVersionSchema,
  ValidateDataBodySchema,
  ValidateDataResultSchema,
} from '../../shared/api/catalog';
import { catalogErrors, readCatalogueFiles, type ProcedureVersionInput } from './index';
import { publishProblems } from './catalog.checks';
import { publishThroughReview, withoutCode } from '../../../test/support/catalog';
import { catalogExamples, EXAMPLE_PROCEDURE, EXAMPLE_SEARCH } from './catalog.examples';
import { highlightHtml, highlightRanges } from './catalog.search';

let p: TestPlatform;
let admin: TestClient;
/** A second administrator: a draft is published when another administrator than its author approves it. */
let approver: TestClient;
let DEMO_PROCEDURES: ProcedureVersionInput[];
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.loginAs('admin');
  approver = await p.loginAs('qtv.haiphong');
  DEMO_PROCEDURES = (await readCatalogueFiles()).flatMap((f) => f.procedures);
});
afterAll(() => p.close());

const ok = (res: { statusCode: number; body: string; json(): any }) => {
  expect(res.statusCode, res.body.slice(0, 600)).toBe(200);
  return res.json();
};
const base = () => structuredClone(DEMO_PROCEDURES.find((x) => x.key === 'birth-registration')!);
const fresh = (key: string): ProcedureVersionInput => withoutCode({ ...base(), key });
const publish = (versionId: string) => publishThroughReview(admin, approver, versionId);
const submit = (versionId: string) => admin.post(`/api/admin/procedure-versions/${versionId}/review/submit`, {});

describe('procedure versions', () => {
  it('creates a draft, publishes it through the review, and keeps the published version immutable', async () => {
    const created = await admin.post('/api/admin/procedures', fresh('thu-tuc-thu-nghiem'));
    expect(created.statusCode, created.body).toBe(201);
    const v1 = created.json();
    expect(v1.status).toBe('draft');
    // A draft is not public.
    expectProblem(await p.anonymous().get(`/api/procedure-versions/${v1.id}`), 404);
    const edited = await admin.put(`/api/admin/procedure-versions/${v1.id}`, { ...fresh('thu-tuc-thu-nghiem'), name: { vi: 'Thủ tục thử nghiệm', en: 'Test procedure' } });
    expect(edited.statusCode, edited.body).toBe(200);
    // There is no publishing around the review: the old direct route is gone, and the author cannot approve.
    expectProblem(await admin.post(`/api/admin/procedure-versions/${v1.id}/publish`), 404);
    ok(await submit(v1.id));
    expectProblem(await admin.post(`/api/admin/procedure-versions/${v1.id}/review/approve`, {}), 403, 'catalog.self_approval');
    expectProblem(await p.anonymous().get('/api/procedures/thu-tuc-thu-nghiem'), 409, 'catalog.not_published');
    const pub = await approver.post(`/api/admin/procedure-versions/${v1.id}/review/approve`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');
    expect((await p.anonymous().get('/api/procedures/thu-tuc-thu-nghiem')).json().current.name.vi).toBe('Thủ tục thử nghiệm');

    // Published: no edit, no second review.
    expectProblem(await admin.put(`/api/admin/procedure-versions/${v1.id}`, fresh('thu-tuc-thu-nghiem')), 409, 'catalog.version_immutable');
    expectProblem(await submit(v1.id), 409, 'catalog.version_immutable');
    // Not even with SQL: a trigger guards it.
    await expect(p.ctx.db.execute(sql`update procedure_versions set content = content || '{"cutoffTime":"16:00"}'::jsonb where id = ${v1.id}`)).rejects.toThrow();

    // A new version starts as a copy; publishing it makes it current, the old one stays readable.
    const v2 = (await admin.post(`/api/admin/procedures/${v1.procedureId}/versions`)).json();
    expect(v2.version).toBe(2);
    expectProblem(await admin.post(`/api/admin/procedures/${v1.procedureId}/versions`), 409, 'catalog.draft_exists');
    await admin.put(`/api/admin/procedure-versions/${v2.id}`, { ...fresh('thu-tuc-thu-nghiem'), name: { vi: 'Thủ tục thử nghiệm (sửa đổi)', en: 'Test procedure (amended)' } });
    expect(ok(await publish(v2.id)).status).toBe('published');
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

  it('refuses to send an incomplete version for approval, listing every reason', async () => {
    const bad = fresh('thu-tuc-chua-du');
    bad.eform = { schema: { type: 'object', properties: { a: { type: 'string' } } }, ui: { sections: [{ id: 's', title: { vi: 'Phần', en: 'Part' }, fields: ['missing'] }], fields: {} } } as any;
    bad.workflow = bad.workflow.filter((s) => s.kind !== 'return');
    bad.fees = [{ type: 'fixed', nature: 'le-phi', name: { vi: 'Lệ phí', en: 'Fee' }, legalBasis: [], amountVnd: 10000, onlineAmountVnd: 20000, per: { vi: 'hồ sơ', en: 'dossier' } }];
    const v = (await admin.post('/api/admin/procedures', bad)).json();
    const res = expectProblem(await submit(v.id), 422, 'catalog.incomplete_version');
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

  it('refuses to publish a version offered online without a national code (Decree 42/2022)', async () => {
    const online = { ...base(), key: 'thu-tuc-chua-co-ma', nationalCode: null };
    const draft = (await admin.post('/api/admin/procedures', online)).json();
    const refused = expectProblem(await submit(draft.id), 422, 'catalog.incomplete_version');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'nationalCode', code: 'code_required_online', message: { vi: expect.stringContaining('mã thủ tục'), en: expect.any(String) } })]);
    expectProblem(await p.anonymous().get('/api/procedures/thu-tuc-chua-co-ma'), 409, 'catalog.not_published');
    // The import refuses it too, all or none.
    expectProblem(await admin.post('/api/admin/procedures/import', { procedures: [{ ...online, key: 'thu-tuc-chua-co-ma-2' }], submitForReview: true }), 422, 'catalog.incomplete_version');
    // Offered in person only, it is published; with its code, online again.
    ok(await admin.put(`/api/admin/procedure-versions/${draft.id}`, withoutCode(online)));
    expect(ok(await publish(draft.id)).status).toBe('published');
    // A full-process online service must take dossiers online.
    expect(publishProblems({ ...withoutCode(online), onlineLevel: 'full' }).map((x) => x.code)).toEqual(['full_not_online']);
  });

  it('offers online only procedures with a national code, and still plenty of them in the demo', async () => {
    const online = DEMO_PROCEDURES.filter((x) => x.submission.channels.includes('online'));
    expect(online.length).toBeGreaterThanOrEqual(20);
    expect(online.filter((x) => x.nationalCode === null).map((x) => x.key)).toEqual([]);
    const published = (await p.anonymous().get('/api/procedures?limit=200')).json().items as Array<{ key: string; nationalCode: string | null }>;
    expect(published.filter((x) => x.nationalCode === null).length).toBeGreaterThan(0);
    for (const key of ['unemployment-benefit', 'judicial-record-certificate', 'driving-licence-renewal']) expect(DEMO_PROCEDURES.find((x) => x.key === key)?.submission.channels).toEqual(['in-person']);
  });

  it('exports the catalogue as JSON and imports it back, sent for approval and published by another administrator', async () => {
    const exported = (await admin.get('/api/admin/procedures/export')).json().procedures as ProcedureVersionInput[];
    expect(exported.length).toBeGreaterThanOrEqual(30);
    const one = exported.find((x) => x.key === 'marriage-registration')!;
    one.name = { ...one.name, en: 'Marriage registration (re-imported)' };
    const res = await admin.post('/api/admin/procedures/import', { procedures: [one, withoutCode({ ...one, key: 'marriage-registration-copy' })], submitForReview: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 1, submitted: 2, published: 0 });
    // Nothing is published by the import itself: the public catalogue still shows the old version.
    expect((await p.anonymous().get('/api/procedures/marriage-registration')).json().current.name.en).not.toBe('Marriage registration (re-imported)');
    expectProblem(await p.anonymous().get('/api/procedures/marriage-registration-copy'), 409, 'catalog.not_published');
    for (const key of ['marriage-registration', 'marriage-registration-copy']) {
      const versionId = (await p.services.catalog.latestVersionId(key))!;
      expect(ok(await admin.get(`/api/admin/procedure-versions/${versionId}/review`)).status).toBe('submitted');
      expect(ok(await approver.post(`/api/admin/procedure-versions/${versionId}/review/approve`, {})).status).toBe('published');
    }
    expect((await p.anonymous().get('/api/procedures/marriage-registration')).json().current.name.en).toBe('Marriage registration (re-imported)');
    expect((await p.anonymous().get('/api/procedures/marriage-registration-copy')).statusCode).toBe(200);
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

describe('PUT semantics of a draft', () => {
  it('replaces the whole draft: a field left out is removed, a partial body is refused', async () => {
    const v = (await admin.post('/api/admin/procedures', { ...fresh('thu-tuc-thay-the'), codeNote: 'Mã chưa xác định' })).json();
    expect(v.codeNote).toBe('Mã chưa xác định');
    const replaced = await admin.put(`/api/admin/procedure-versions/${v.id}`, fresh('thu-tuc-thay-the'));
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).not.toHaveProperty('codeNote');
    expect((await admin.get(`/api/procedure-versions/${v.id}`)).json()).not.toHaveProperty('codeNote');
    // No partial update: a body with only the changed field is not a version.
    expectProblem(await admin.put(`/api/admin/procedure-versions/${v.id}`, { name: { vi: 'Chỉ đổi tên', en: 'Only the name' } }), 400, 'validation_failed');
    expect((await admin.get(`/api/procedure-versions/${v.id}`)).json().name.vi).toBe(base().name.vi);
  });
});

describe('errors', () => {
  it('answers an unknown agency filter with catalog.agency_not_found', async () => {
    expectProblem(await p.anonymous().get('/api/procedures?agencyId=00000000-0000-4000-8000-000000000000'), 404, 'catalog.agency_not_found');
    expectProblem(await p.anonymous().get('/api/procedures/search?q=khai+sinh&agencyId=00000000-0000-4000-8000-000000000000'), 404, 'catalog.agency_not_found');
  });
});

describe('API contract (OpenAPI)', () => {
  const catalogueOperations = async () => {
    const doc = (await p.anonymous().get('/api/openapi.json')).json();
    const ops: Array<{ method: string; path: string; op: any }> = [];
    for (const [path, methods] of Object.entries<any>(doc.paths)) for (const [method, op] of Object.entries<any>(methods)) if (op.tags?.some((t: string) => t.startsWith('catalogue'))) ops.push({ method, path, op });
    return { doc, ops };
  };

  it('gives every catalogue operation an operationId, a description, a success schema and its error codes', async () => {
    const { doc, ops } = await catalogueOperations();
    expect(ops.length).toBe(22); // 13 + the procedure builder's 9
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.description?.length, where).toBeGreaterThan(60);
      const success = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s))!;
      expect(success, where).toBeTruthy();
      if (success !== '204') expect((op.responses[success].content['application/json'] ?? Object.values<any>(op.responses[success].content)[0]).schema, where).toBeTruthy(); // the XLSX template is binary
    }
    // Publishing is only the review's: no operation publishes a draft around it.
    expect(ids).not.toContain('publishProcedureVersion');
    const submitOp = ops.find((o) => o.op.operationId === 'submitProcedureReview')!.op;
    // Its own codes, the Idempotency-Key's refusals (it takes one), and the hold on an admin who must enrol a second factor.
    expect(submitOp['x-error-codes']).toEqual(['catalog.incomplete_version', 'catalog.review_state', 'catalog.version_immutable', 'catalog.version_not_found', 'idempotency.bad_key', 'idempotency.in_progress', 'idempotency.key_reused', 'identity.second_factor_required']);
    expect(submitOp.responses['422'].description).toContain('catalog.incomplete_version');
    // Every catalogue code is in the document's error registry, with its status.
    const registry = new Map<string, any>(doc['x-error-codes'].map((e: any) => [e.code, e]));
    for (const e of Object.values(catalogErrors)) expect(registry.get(e.code), e.code).toMatchObject({ status: e.status, title: e.title });
  });

  it('shows examples of the main journeys: search, the procedure page, publishing, import', async () => {
    const { ops } = await catalogueOperations();
    const op = (id: string) => ops.find((o) => o.op.operationId === id)!.op;
    expect(op('searchProcedures').responses['200'].content['application/json'].examples.found.value).toEqual(EXAMPLE_SEARCH);
    expect(op('getProcedure').responses['200'].content['application/json'].examples.page.value.current.key).toBe(EXAMPLE_PROCEDURE.key);
    expect(op('importCatalogue').requestBody.content['application/json'].examples.submit.value.procedures).toHaveLength(1);
  });

  it('keeps every example valid against its schema, and the example procedure publishable', async () => {
    const schemaOf: Record<keyof typeof catalogExamples, TSchema> = {
      search: ProcedureSearchResultSchema,
      list: ProcedureListSchema,
      detail: ProcedureDetailSchema,
      version: ProcedureVersionSchema,
      draft: ProcedureVersionSchema,
      input: ProcedureVersionInputSchema,
      importBody: ImportBodySchema,
      export: ExportSchema,
      importResult: ImportResultSchema,
      validateBody: ValidateDataBodySchema,
      validateResult: ValidateDataResultSchema,
    };
    for (const [name, examples] of Object.entries(catalogExamples)) {
      const check = validatorCompiler({ schema: schemaOf[name as keyof typeof catalogExamples], httpPart: 'body', method: 'POST', url: '/' }) as any;
      for (const [label, { value }] of Object.entries<{ value: unknown }>(examples)) {
        const ok = check(structuredClone(value));
        expect(ok ? [] : ajvErrorsToFields(check.errors, name), `${name}.${label}`).toEqual([]);
      }
    }
    const { key: _key, ...content } = EXAMPLE_PROCEDURE;
    expect(publishProblems(content)).toEqual([]);
    const item = EXAMPLE_SEARCH.items[0];
    const ranges = highlightRanges(item.name.vi, EXAMPLE_SEARCH.terms);
    expect(item.highlight).toEqual({ ranges, html: highlightHtml(item.name.vi, ranges) });
    // The import example works as it is (under a key of its own).
    const res = await admin.post('/api/admin/procedures/import', { procedures: [withoutCode({ ...EXAMPLE_PROCEDURE, key: 'vi-du-trich-luc' })], submitForReview: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 0, submitted: 1, published: 0 });
  });
});
