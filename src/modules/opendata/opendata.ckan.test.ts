import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { expectProblem, startTestPlatform, TestClock, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { platformActor } from '../../platform/auth/actor';

/**
 * The CKAN Action API as real clients use it: a harvester paging package_search by id and incrementally by
 * metadata_modified, a ckanapi-like client POSTing JSON, token-protected writes, and the publication workflow
 * with its audit trail.
 */
let p: TestPlatform;
let specialist: TestClient;
let approver: TestClient;
let token: string;
const XAYDUNG = '000-00-02-h38';
const TUPHAP = '000-00-01-h38';

const action = (name: string, query = '') => p.anonymous().get(`/api/3/action/${name}${query ? `?${query}` : ''}`);
const post = (name: string, body: unknown, auth?: string) => p.app.inject({ method: 'POST', url: `/api/action/${name}`, payload: body as object, headers: auth ? { authorization: auth } : {} });
const result = (res: { statusCode: number; json(): any; body: string }) => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  const b = res.json();
  expect(b.success).toBe(true);
  expect(typeof b.help).toBe('string');
  return b.result;
};
const failure = (res: { statusCode: number; json(): any; body: string; headers: Record<string, unknown> }, status: number, type: string) => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const b = res.json();
  expect(b.success).toBe(false);
  expect(typeof b.error).toBe('object');
  expect(b.error.__type).toBe(type);
  expect(typeof b.error.message).toBe('string');
  return b.error;
};

beforeAll(async () => {
  // The clock starts now: the demo datasets of the template were seeded a moment ago.
  p = await startTestPlatform({ clock: new TestClock() });
  specialist = await p.loginAs('chuyenvien.xaydung');
  approver = await p.loginAs('lanhdao.xaydung');
  const res = await specialist.post('/api/opendata/tokens', { label: 'Công cụ đồng bộ' });
  expect(res.statusCode, res.body).toBe(201);
  token = res.json().token;
});
afterAll(() => p?.close());

describe('reads', () => {
  it('answers status_show and lists the demo datasets, organisations, groups and tags', async () => {
    expect(result(await action('status_show')).site_url).toBe(p.config.publicUrl);
    const names = result(await action('package_list'));
    expect(names).toEqual(expect.arrayContaining(['danh-muc-thu-tuc-hanh-chinh', 'don-vi-hanh-chinh', 'thong-ke-ho-so-theo-thang']));
    expect(names).not.toContain('giay-phep-xay-dung'); // in review, not public
    const orgs = result(await action('organization_list', 'all_fields=true'));
    expect(orgs.find((o: any) => o.name === XAYDUNG)).toMatchObject({ title: 'Sở Xây dựng', is_organization: true });
    const org = result(await p.anonymous().get(`/api/3/action/organization_show?id=000-00-00-h38&include_datasets=true`));
    expect(org.packages.map((x: any) => x.name)).toContain('danh-muc-thu-tuc-hanh-chinh');
    expect(result(await action('group_list'))).toEqual(expect.arrayContaining(['hanh-chinh-cong', 'dia-gioi-hanh-chinh']));
    expect(result(await action('group_show', 'id=hanh-chinh-cong')).package_count).toBe(1);
    expect(result(await action('tag_list', 'query=thu tuc'))).toEqual(['thủ tục hành chính']);
  });

  it('shows a package in CKAN’s shape, by name or id', async () => {
    const pkg = result(await action('package_show', 'id=danh-muc-thu-tuc-hanh-chinh'));
    expect(pkg).toMatchObject({ name: 'danh-muc-thu-tuc-hanh-chinh', license_id: 'cc-by-4.0', license_title: 'Creative Commons Attribution 4.0', state: 'active', private: false, num_resources: 2, num_tags: 3 });
    expect(pkg.organization).toMatchObject({ name: '000-00-00-h38', type: 'organization' });
    expect(pkg.tags[0]).toHaveProperty('name');
    expect(pkg.groups[0]).toMatchObject({ name: 'hanh-chinh-cong' });
    expect(pkg.resources[0]).toMatchObject({ format: 'JSON', datastore_active: false, package_id: pkg.id });
    expect(pkg.metadata_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(result(await action('package_show', `id=${pkg.id}`)).name).toBe(pkg.name);
    expect(result(await action('resource_show', `id=${pkg.resources[0].id}`)).id).toBe(pkg.resources[0].id);
  });

  it('searches without diacritics, with fq filters and facets', async () => {
    const r = result(await action('package_search', `q=thu tuc hanh chinh&facet.field=${encodeURIComponent('["organization","tags","res_format","groups"]')}`));
    expect(r.count).toBe(1);
    expect(r.results[0].name).toBe('danh-muc-thu-tuc-hanh-chinh');
    expect(r.search_facets.organization.items[0]).toMatchObject({ name: '000-00-00-h38', count: 1 });
    expect(r.search_facets.res_format.items.map((i: any) => i.name).sort()).toEqual(['API', 'JSON']);
    expect(result(await action('package_search', `fq=${encodeURIComponent('tags:"đơn vị hành chính"')}`)).results.map((x: any) => x.name)).toEqual(['don-vi-hanh-chinh']);
    expect(result(await action('package_search', 'fq=groups:dia-gioi-hanh-chinh res_format:JSON')).count).toBe(1);
    expect(result(await action('package_search', 'q=*:*&rows=0')).results).toEqual([]);
  });

  it('answers CKAN’s errors as error objects: unknown action, bad query, missing id, GET on a write action', async () => {
    const unknown = await action('no_such_action');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ success: false, error: { __type: 'Bad request - Action name not known' } });
    failure(await action('package_search', `fq=${encodeURIComponent('metadata_modified:[yesterday TO *]')}`), 400, 'Search Query Error');
    failure(await action('package_search', 'sort=popularity desc'), 400, 'Search Query Error');
    failure(await action('package_search', 'rows=5000'), 409, 'Validation Error');
    failure(await action('package_show', 'id=khong-co'), 404, 'Not Found Error');
    const missing = failure(await action('package_show'), 409, 'Validation Error');
    expect(missing.id).toEqual(['Missing value']);
    expect((await action('package_create')).statusCode).toBe(400);
  });

  it('a ckanapi-style client POSTs JSON to /api/action/… and gets an error object on a missing id', async () => {
    const ok = result(await post('package_show', { id: 'don-vi-hanh-chinh' }));
    expect(ok.name).toBe('don-vi-hanh-chinh');
    const err = failure(await post('package_show', { id: randomUUID() }), 404, 'Not Found Error');
    expect(err).not.toBeNull();
    // A body that is not a JSON object is refused before any action runs (the platform's problem+json).
    expectProblem(await p.app.inject({ method: 'POST', url: '/api/action/package_show', payload: '[1]', headers: { 'content-type': 'application/json' } }), 400);
  });
});

describe('form-encoded POSTs (curl -d, requests data=…, the old ckanclient)', () => {
  const form = (name: string, body: string, auth?: string) =>
    p.app.inject({ method: 'POST', url: `/api/action/${name}`, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) } });

  it('reads the fields of a form as CKAN does: strings, a repeated field as a list', async () => {
    expect(result(await form('package_show', 'id=don-vi-hanh-chinh')).name).toBe('don-vi-hanh-chinh');
    const r = result(await form('package_search', `q=${encodeURIComponent('thu tuc hanh chinh')}&rows=5&facet.field=organization&facet.field=res_format`));
    expect(r.count).toBe(1);
    expect(r.results.map((x: any) => x.name)).toEqual(['danh-muc-thu-tuc-hanh-chinh']);
    expect(Object.keys(r.search_facets).sort()).toEqual(['organization', 'res_format']);
    expect(result(await form('package_search', 'rows=0')).results).toEqual([]);
    // An error of the action is still CKAN's error object.
    failure(await form('package_show', `id=${randomUUID()}`), 404, 'Not Found Error');
  });

  it('reads JSON sent with the form media type: raw (curl -d), or quoted into one field (the old ckanclient)', async () => {
    expect(result(await form('package_show', JSON.stringify({ id: 'don-vi-hanh-chinh' }))).name).toBe('don-vi-hanh-chinh');
    // The raw JSON keeps its `+` and `&` (a form decoder would have read them as a space and a new field).
    const raw = result(await form('package_search', JSON.stringify({ q: 'thu tuc+hanh chinh', fq: 'res_format:JSON', rows: 1 })));
    expect(raw.results.map((x: any) => x.name)).toEqual(['danh-muc-thu-tuc-hanh-chinh']);
    expect(result(await form('package_show', encodeURIComponent(JSON.stringify({ id: 'don-vi-hanh-chinh' })))).name).toBe('don-vi-hanh-chinh');
    expect(result(await form('package_show', `${encodeURIComponent(JSON.stringify({ id: 'don-vi-hanh-chinh' }))}=1`)).name).toBe('don-vi-hanh-chinh');
    // Broken JSON, or JSON that is not an object, is refused before any action runs.
    expectProblem(await form('package_show', encodeURIComponent('{"id": ')), 400);
    expectProblem(await form('package_show', '[1,2]'), 400);
  });

  it('takes a write as a form with the token, and refuses it without one', async () => {
    const fields = new URLSearchParams({ name: 'bieu-mau-gui-bang-form', title: 'Biểu mẫu gửi bằng form', notes: 'Gửi bằng application/x-www-form-urlencoded.', owner_org: XAYDUNG });
    failure(await form('package_create', fields.toString()), 403, 'Authorization Error');
    const pkg = result(await form('package_create', fields.toString(), token));
    expect(pkg).toMatchObject({ name: 'bieu-mau-gui-bang-form', title: 'Biểu mẫu gửi bằng form', state: 'draft', owner_org: expect.any(String) });
    const shown = result(await p.app.inject({ method: 'GET', url: `/api/3/action/package_show?id=${pkg.id}`, headers: { authorization: token } }));
    expect(shown.notes).toBe('Gửi bằng application/x-www-form-urlencoded.');
    // A media type that is neither JSON nor a form is still refused as the platform's problem.
    expectProblem(await p.app.inject({ method: 'POST', url: '/api/action/package_show', payload: '<id/>', headers: { 'content-type': 'application/xml' } }), 415);
  });
});

describe('statistics MotCua publishes itself', () => {
  it('serves dossier counts per month as JSON and as CSV with a BOM, small cells suppressed', async () => {
    const json = await p.anonymous().get('/api/opendata/statistics/dossiers.json');
    expect(json.statusCode).toBe(200);
    for (const r of json.json() as Record<string, number | null>[]) for (const k of ['received', 'finished', 'onTime', 'late']) expect(r[k] === null || r[k] === 0 || (r[k] as number) >= 5).toBe(true);
    const csv = await p.anonymous().get('/api/opendata/statistics/dossiers.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFthang,ma_co_quan,co_quan,thu_tuc,kenh_nop,tiep_nhan,da_giai_quyet,dung_han,tre_han')).toBe(true);
    const pkg = result(await action('package_show', 'id=thong-ke-ho-so-theo-thang'));
    expect(pkg.resources.map((r: any) => r.format)).toEqual(['CSV', 'JSON']);
  });
});

describe('writes with an API token and the publication workflow', () => {
  let id: string;

  it('refuses writes without a token, or for another agency, and validates like CKAN', async () => {
    failure(await post('package_create', { name: 'x-1', title: 'X', owner_org: XAYDUNG }), 403, 'Authorization Error');
    failure(await post('package_create', { name: 'x-1', title: 'X', owner_org: XAYDUNG }, 'not-a-token'), 403, 'Authorization Error');
    failure(await post('package_create', { name: 'x-2', title: 'X', owner_org: TUPHAP }, token), 403, 'Authorization Error');
    // A specialist's token prepares drafts; it cannot publish at once (state: active).
    failure(await post('package_create', { name: 'x-3', title: 'X', owner_org: XAYDUNG, state: 'active' }, token), 403, 'Authorization Error');
    const v = failure(await post('package_create', { name: 'Tên Sai', owner_org: XAYDUNG, license_id: 'proprietary' }, token), 409, 'Validation Error');
    expect(Object.keys(v).sort()).toEqual(['__type', 'license_id', 'message', 'name', 'title']);
  });

  it('creates a draft (raw token, as CKAN sends it), adds a URL resource, patches it (Bearer)', async () => {
    const pkg = result(await post('package_create', { name: 'so-lieu-cap-phep-xay-dung', title: 'Số liệu cấp phép xây dựng nhà ở', notes: 'Theo tháng.', owner_org: XAYDUNG, tags: [{ name: 'nhà ở' }], groups: [{ name: 'xay-dung-do-thi' }] }, token));
    id = pkg.id;
    expect(pkg).toMatchObject({ state: 'draft', workflow_state: 'draft', license_id: 'cc-by-4.0', num_resources: 0 });
    failure(await action('package_show', `id=${id}`), 403, 'Authorization Error');
    failure(await post('package_create', { name: 'so-lieu-cap-phep-xay-dung', title: 'Again', owner_org: XAYDUNG }, token), 409, 'Validation Error');
    const res = result(await post('resource_create', { package_id: id, url: 'https://dulieu.haiphong.gov.vn/xay-dung/2026.csv', name: 'Năm 2026' }, token));
    expect(res).toMatchObject({ format: 'CSV', package_id: id });
    const patched = result(await post('package_patch', { id, notes: 'Số giấy phép theo tháng và xã, phường.' }, `Bearer ${token}`));
    expect(patched).toMatchObject({ notes: 'Số giấy phép theo tháng và xã, phường.', title: 'Số liệu cấp phép xây dựng nhà ở', num_resources: 1 });
    expect(await p.services.opendata.resourceAccess(res.id, null, false)).toBe('forbidden');
    expect(await p.services.opendata.resourceAccess(randomUUID(), null, false)).toBe('not_found');
  });

  it('goes draft → review → published with audit and outbox, publishing only by an approver', async () => {
    const step = (c: TestClient, s: string) => c.post(`/api/opendata/datasets/${id}/steps`, { step: s }, { 'idempotency-key': randomUUID() });
    expectProblem(await step(approver, 'publish'), 409, 'opendata.bad_transition'); // a draft is submitted first
    expect((await step(specialist, 'submit')).json().state).toBe('review');
    expectProblem(await step(specialist, 'publish'), 403, 'opendata.not_publisher');
    expectProblem(await step(await p.loginAs('chuyenvien.tuphap'), 'return'), 403, 'opendata.not_publisher');
    p.clock.advance(1000);
    expect((await step(approver, 'publish')).json().state).toBe('published');
    const audits = await p.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(['opendata.dataset.changed', 'opendata.dataset.created', 'opendata.dataset.published', 'opendata.dataset.submitted']);
    const events = await p.ctx.db.select({ type: outboxEvents.type }).from(outboxEvents).where(and(eq(outboxEvents.aggregateId, id), like(outboxEvents.type, 'opendata.%')));
    expect(events.length).toBeGreaterThanOrEqual(5);
    // Now public: anonymous reads, search without diacritics, the activity stream.
    expect(result(await action('package_show', `id=${id}`)).state).toBe('active');
    expect(result(await action('package_search', 'q=cap phep xay dung nha o')).results[0].id).toBe(id);
    const activity = result(await action('recently_changed_packages_activity_list', 'limit=5'));
    expect(activity[0]).toMatchObject({ object_id: id, activity_type: 'changed package' });
    const resId = result(await action('package_show', `id=${id}`)).resources[0].id;
    expect(await p.services.opendata.resourceAccess(resId, null, false)).toBe('ok');
    expect(await p.services.opendata.resourceAccess(resId, null, true)).toBe('forbidden');
    expect(await p.services.opendata.resourceAccess(resId, await p.services.opendata.resolveToken(token), true)).toBe('ok');
  });

  it('serves the DataStore through the same dispatcher: an uploaded CSV, searched by anyone, its dump; writes need the token', async () => {
    const resId = result(await action('package_show', `id=${id}`)).resources[0].id;
    const csv = 'xa,thang,so_giay_phep\nPhường Hồng Bàng,2026-10,12\nPhường Lê Chân,2026-10,7\nPhường Hồng Bàng,2026-11,15\n';
    const upload = (auth?: string) => p.app.inject({ method: 'PUT', url: `/api/opendata/datastore/${resId}`, payload: csv, headers: { 'content-type': 'text/csv', ...(auth ? { authorization: auth } : {}) } });
    const anon = await upload();
    expect(anon.statusCode, anon.body).toBe(403);
    const loaded = await upload(token);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ rows: 3 });
    // The load marked the catalogue's resource in its transaction.
    expect(result(await action('resource_show', `id=${resId}`)).datastore_active).toBe(true);
    const found = result(await action('datastore_search', `resource_id=${resId}&filters=${encodeURIComponent(JSON.stringify({ xa: 'Phường Hồng Bàng' }))}&sort=thang asc`));
    expect(found.total).toBe(2);
    expect(found.records.map((r: any) => Number(r.so_giay_phep))).toEqual([12, 15]);
    expect(found._links.start).toContain('datastore_search');
    expect(result(await action('datastore_search', `resource_id=${resId}&q=le chan`)).total).toBe(1);
    failure(await post('datastore_upsert', { resource_id: resId, records: [{ xa: 'X', thang: '2026-12', so_giay_phep: 1 }], method: 'insert' }), 403, 'Authorization Error');
    expect(result(await post('datastore_upsert', { resource_id: resId, records: [{ xa: 'Phường Ngô Quyền', thang: '2026-12', so_giay_phep: 4 }], method: 'insert' }, token))).toBeTruthy();
    expect(result(await action('datastore_search', `resource_id=${resId}&limit=0`)).total).toBe(4);
    failure(await post('datastore_search_sql', { sql: `delete from "${resId}"` }), 409, 'Validation Error');
    const dump = await p.anonymous().get(`/api/opendata/datastore/${resId}/dump?format=csv`);
    expect(dump.statusCode).toBe(200);
    expect(dump.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(dump.body).toContain('Phường Lê Chân');
  });

  it('answers the download URL a harvester follows from resources[].url with the CSV, and 404 problems for unknown resources', async () => {
    // A DataStore resource (no file of its own, as the publishing screen creates it), then its CSV.
    const created = result(await post('resource_create', { package_id: id, name: 'Số liệu theo xã', format: 'CSV', url_type: 'datastore' }, token));
    const csv = 'xa,thang,so_giay_phep\nPhường Hồng Bàng,2026-10,12\nPhường Lê Chân,2026-10,7\nPhường Ngô Quyền,2026-11,=1+2\n';
    const put = await p.app.inject({ method: 'PUT', url: `/api/opendata/datastore/${created.id}`, payload: csv, headers: { 'content-type': 'text/csv', authorization: token } });
    expect(put.statusCode, put.body).toBe(200);
    const pkg = result(await action('package_show', `id=${id}`));
    const res = pkg.resources.find((r: any) => r.id === created.id);
    expect(res).toMatchObject({ datastore_active: true, url_type: 'datastore', url: `${p.config.publicUrl}/dataset/${pkg.name}/resource/${res.id}/download` });
    const path = new URL(res.url).pathname;
    const got = await p.anonymous().get(path);
    expect(got.statusCode, got.body).toBe(200);
    expect(String(got.headers['content-type'])).toMatch(/^text\/csv/);
    expect(got.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(got.body.slice(1).split('\r\n')[0]).toBe('xa,thang,so_giay_phep');
    expect(got.body).toContain("Phường Ngô Quyền,2026-11,'=1+2");
    // CKAN's form with the upload's file name, and .json choosing JSON.
    const named = await p.anonymous().get(`${path}/so-lieu.csv`);
    expect(named.statusCode).toBe(200);
    expect(String(named.headers['content-disposition'])).toContain('filename="so-lieu.csv"');
    expect(named.body).toBe(got.body);
    const json = await p.anonymous().get(`${path}/so-lieu.json`);
    expect(json.json().map((r: any) => r.xa)).toContain('Phường Lê Chân');
    // Unknown resource, a resource of another dataset's name, a malformed id, a resource without data.
    expectProblem(await p.anonymous().get(`/dataset/${pkg.name}/resource/${randomUUID()}/download`), 404, 'datastore.resource_not_found');
    expectProblem(await p.anonymous().get(`/dataset/khong-co/resource/${res.id}/download`), 404, 'datastore.resource_not_found');
    expectProblem(await p.anonymous().get(`/dataset/${pkg.name}/resource/abc/download/x.csv`), 404, 'datastore.resource_not_found');
    const empty = result(await post('resource_create', { package_id: id, name: 'Chưa có số liệu', format: 'CSV', url_type: 'datastore' }, token));
    expectProblem(await p.anonymous().get(`/dataset/${pkg.name}/resource/${empty.id}/download`), 404, 'datastore.not_found');
    // A resource that is only a link is redirected to it.
    const link = result(await post('resource_create', { package_id: id, url: 'https://dulieu.haiphong.gov.vn/xay-dung/2025.csv', name: 'Năm 2025' }, token));
    const moved = await p.anonymous().get(`/dataset/${pkg.name}/resource/${link.id}/download`);
    expect(moved.statusCode).toBe(302);
    expect(moved.headers.location).toBe(link.url);
  });

  it('lets the DataStore add a stored file and mark its data as loaded, in its own transaction', async () => {
    const od = p.services.opendata;
    const caller = (await od.resolveToken(token))!;
    const at = p.clock.now();
    const { id: rid } = await p.ctx.db.transaction(async (tx) => {
      const r = await od.addStoredResource(tx, caller, { package_id: id, name: 'Bảng số liệu 2026', format: 'CSV', fileRef: 'blob:abc', size: 1234, mimetype: 'text/csv' }, at);
      await od.setDatastoreActive(tx, r.id, true, at);
      return r;
    });
    const res = result(await action('resource_show', `id=${rid}`));
    expect(res).toMatchObject({ datastore_active: true, url_type: 'upload', format: 'CSV', size: 1234, url: `${p.config.publicUrl}/dataset/so-lieu-cap-phep-xay-dung/resource/${rid}/download` });
    expect(await od.resourceInfo(rid)).toMatchObject({ datasetName: 'so-lieu-cap-phep-xay-dung', fileRef: 'blob:abc', datasetState: 'published' });
  });
});

describe('harvesters', () => {
  it('pages package_search?rows=100&start=N&sort=id asc to an empty page, then harvests incrementally by metadata_modified', async () => {
    const svc = p.services.opendata.service;
    const admin = { accountId: '', editAgencies: new Set<string>(), publishAgencies: new Set<string>(), admin: true };
    const hb = (await svc.orgOf(TUPHAP))!.id;
    await p.ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 130; i++) await svc.create(tx, admin, platformActor('test'), { name: `bo-du-lieu-${String(i).padStart(3, '0')}`, title: `Bộ dữ liệu số ${i}`, notes: 'Dữ liệu thử.', owner_org: hb, state: 'active' }, p.clock.now());
    });
    const total = result(await action('package_search', 'rows=0')).count;
    expect(total).toBeGreaterThanOrEqual(133);
    const seen: string[] = [];
    let previous = '';
    for (let start = 0; ; start += 100) {
      const page = result(await action('package_search', `rows=100&start=${start}&sort=${encodeURIComponent('id asc')}`));
      const ids = page.results.map((x: any) => x.id);
      if (!ids.length) break;
      expect(ids.join()).not.toBe(previous); // the harvester aborts on two identical pages
      previous = ids.join();
      seen.push(...ids);
      expect(start).toBeLessThan(1000);
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);

    // Incremental: what changed since the last run.
    const since = new Date(p.clock.now().getTime() + 1000);
    p.clock.set(new Date(since.getTime() + 60_000));
    result(await post('package_patch', { id: 'so-lieu-cap-phep-xay-dung', version: '2' }, token));
    const fq = encodeURIComponent(`metadata_modified:[${since.toISOString().replace(/\.\d{3}Z$/, 'Z')} TO *]`);
    const changed = result(await action('package_search', `fq=${fq}&rows=100&sort=${encodeURIComponent('metadata_modified desc')}`));
    expect(changed.results.map((x: any) => x.name)).toEqual(['so-lieu-cap-phep-xay-dung']);
    expect(result(await action('package_search', `fq=${encodeURIComponent('metadata_modified:[* TO 2000-01-01T00:00:00Z]')}`)).count).toBe(0);
  });
});
