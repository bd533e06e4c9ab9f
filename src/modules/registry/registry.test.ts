import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient, principalOf } from '../../../test/support/identity/citizens';
import { RegistryBusinessDirectory, RegistryCitizenDirectory } from './registry.directory';

const AN = '031085001234'; // Nguyễn Văn An, married to Trần Thị Bình
const BINH = '031190004567';
const HUY = '031201001357';

let p: TestPlatform;
let officer: TestClient;
let system: TestClient;
let rootAgency: string;
let communeAgency: string;

/** The reads of this file's requests: the demo seed's own reads (the supervision seed looks up its enterprises in
 * the business register, logged against them) came before `since`. */
let since = 0;
async function accessLog(subjectId: string) {
  const res = await p.ctx.db.execute(sql`select * from data_access_log where subject_id = ${subjectId} and seq > ${since} order by seq`);
  return (res as unknown as { rows: any[] }).rows;
}

beforeAll(async () => {
  p = await startTestPlatform();
  officer = await p.loginAs('tiepnhan.hongbang');
  const admin = await p.loginAs('admin');
  const agencies = (await p.anonymous().get('/api/agencies')).json() as any[];
  rootAgency = agencies.find((a) => !a.parentId).id;
  communeAgency = (await principalOf(p, officer)).grants[0].agencyId;
  const acc = await admin.post('/api/admin/accounts', { kind: 'system', username: 'civil.status.system', displayName: 'Phần mềm hộ tịch', grants: [{ role: 'specialist', agencyId: rootAgency, includeSubAgencies: false }] });
  expect(acc.statusCode).toBe(201);
  system = new TestClient(p, { bearer: (await admin.post(`/api/admin/accounts/${acc.json().id}/tokens`, { label: 'hotich' })).json().token });
  since = Number(((await p.ctx.db.execute(sql`select coalesce(max(seq), 0) as s from data_access_log`)) as unknown as { rows: Array<{ s: number | string }> }).rows[0].s);
});
afterAll(() => p.close());

describe('population registry', () => {
  it('has the demo population loaded, with the demo citizens', async () => {
    const n = (await p.ctx.db.execute(sql`select count(*)::int as n from registry_people`)) as unknown as { rows: Array<{ n: number }> };
    expect(n.rows[0].n).toBeGreaterThanOrEqual(10_000);
    const b = (await p.ctx.db.execute(sql`select count(*)::int as n from registry_businesses`)) as unknown as { rows: Array<{ n: number }> };
    expect(b.rows[0].n).toBeGreaterThanOrEqual(1_000);
  });

  it('looks up a person for an officer, with purpose and dossier id logged against the subject', async () => {
    const res = await officer.get(`/api/registry/population/${AN}?purpose=dossier_processing&dossierId=HS-2026-000123`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ personalId: AN, fullName: 'Nguyễn Văn An', birthDate: '1985-03-14', sex: 'male', nationality: 'VN' });
    expect(body.permanentResidence.communeCode).toMatch(/^\d{5}$/);
    expect(body.marriage.spouseId).toBe(BINH);
    const log = await accessLog(AN);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ purpose: 'dossier_processing', dossier_id: 'HS-2026-000123', operation: 'lookup', source: 'population', account_kind: 'officer', client: 'MotCua back office', sensitive: true });
    expect(log[0].agency_id).toBe(communeAgency);
    expect(log[0].fields).toContain('ethnicity');
  });

  it('returns and logs only the fields asked for; non-sensitive reads are not marked', async () => {
    const res = await system.get(`/api/registry/population/${BINH}?purpose=prefill&fields=fullName,birthDate,permanentResidence`);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['birthDate', 'fullName', 'permanentResidence', 'personalId']);
    const [entry] = await accessLog(BINH);
    expect(entry).toMatchObject({ purpose: 'prefill', dossier_id: null, account_kind: 'system', client: 'Phần mềm hộ tịch', sensitive: false, agency_id: rootAgency });
    expect(entry.fields).toEqual(['fullName', 'birthDate', 'permanentResidence']);
    expectProblem(await system.get(`/api/registry/population/${BINH}?purpose=prefill&fields=password`), 400, 'registry.unknown_field');
  });

  it('refuses a read without a purpose (400) and logs nothing', async () => {
    const before = (await accessLog(HUY)).length;
    expectProblem(await officer.get(`/api/registry/population/${HUY}`), 400, 'registry.purpose_required');
    expectProblem(await system.post(`/api/registry/population/${HUY}/match`, { fullName: 'Đặng Quốc Huy' }), 400, 'registry.purpose_required');
    expectProblem(await officer.get(`/api/registry/population/${HUY}?purpose=curiosity`), 400, 'validation_failed');
    expect((await accessLog(HUY)).length).toBe(before);
  });

  it('matches values without returning data, per field and overall', async () => {
    const ok = await system.post(`/api/registry/population/${HUY}/match?purpose=verification&dossierId=HS-7`, { fullName: '  đặng quốc   HUY ', birthDate: '2001-12-05', sex: 'male' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ match: true, fields: { fullName: true, birthDate: true, sex: true } });
    const bad = await system.post(`/api/registry/population/${HUY}/match?purpose=verification`, { fullName: 'Dang Quoc Huy', birthDate: '2001-12-05' });
    expect(bad.json()).toEqual({ match: false, fields: { fullName: false, birthDate: true } });
    const log = await accessLog(HUY);
    expect(log.map((l) => [l.operation, l.purpose, l.dossier_id])).toEqual([
      ['match', 'verification', 'HS-7'],
      ['match', 'verification', null],
    ]);
    expect(log[0].fields).toEqual(['fullName', 'birthDate', 'sex']);
    expectProblem(await system.post(`/api/registry/population/${HUY}/match?purpose=verification`, {}), 400);
  });

  it('lets a citizen read their own record, not another’s, and not match', async () => {
    const an = await citizenClient(p, AN);
    const own = await an.get(`/api/registry/population/${AN}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().fullName).toBe('Nguyễn Văn An');
    expect((await accessLog(AN)).at(-1)).toMatchObject({ purpose: 'self_access', account_kind: 'citizen' });
    const before = (await accessLog(BINH)).length;
    expectProblem(await an.get(`/api/registry/population/${BINH}`), 403, 'registry.not_own_record');
    expectProblem(await an.get(`/api/registry/population/999999999999`), 403, 'registry.not_own_record');
    expectProblem(await an.post(`/api/registry/population/${BINH}/match?purpose=verification`, { fullName: 'Trần Thị Bình' }), 403);
    expect((await accessLog(BINH)).length).toBe(before);
  });

  it('refuses officers without a dossier-processing role and anonymous callers', async () => {
    const admin = await p.loginAs('qtv.haiphong');
    expectProblem(await admin.get(`/api/registry/population/${AN}?purpose=inspection`), 403, 'registry.not_reader');
    expectProblem(await p.anonymous().get(`/api/registry/population/${AN}?purpose=inspection`), 401);
  });

  it('answers 404 for an unknown person and 400 for a malformed ID', async () => {
    expectProblem(await officer.get(`/api/registry/population/031999999999?purpose=verification`), 404, 'registry.person_not_found');
    expectProblem(await officer.get(`/api/registry/population/12345?purpose=verification`), 400);
    expectProblem(await officer.get(`/api/registry/population/${AN}?purpose=verification&dossierId=${'x'.repeat(80)}`), 400);
    expectProblem(await officer.get(`/api/registry/population/${AN}?purpose=verification&unknown=1`), 400);
  });
});

describe('business registry', () => {
  it('looks up an enterprise, logging the read against it and its legal representative', async () => {
    const res = await officer.get('/api/registry/business/0201234567?purpose=dossier_processing&dossierId=HS-9');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enterpriseCode: '0201234567', nameVi: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', status: 'active', legalRepresentativeId: AN });
    expect(res.json().businessLines.length).toBeGreaterThan(0);
    const biz = await accessLog('0201234567');
    expect(biz[0]).toMatchObject({ subject_type: 'business', purpose: 'dossier_processing', dossier_id: 'HS-9' });
    expect((await accessLog(AN)).at(-1)).toMatchObject({ subject_type: 'person', source: 'business', fields: ['legalRepresentativeOf'] });
    expectProblem(await officer.get('/api/registry/business/0200000000?purpose=verification'), 404, 'registry.business_not_found');
    expectProblem(await officer.get('/api/registry/business/0201234567'), 400, 'registry.purpose_required');
  });

  it('lets a legal representative read their enterprise, nobody else’s', async () => {
    const an = await citizenClient(p, AN);
    expect((await an.get('/api/registry/business/0201234567')).statusCode).toBe(200);
    expectProblem(await an.get('/api/registry/business/0202345678'), 403, 'registry.not_own_record');
    expectProblem(await an.get('/api/registry/business/0200000000'), 403, 'registry.not_own_record');
  });
});

describe('directory adapters for the identity module', () => {
  it('back CitizenDirectory and BusinessDirectory with the registries', async () => {
    const citizens = new RegistryCitizenDirectory(p.ctx.db, p.clock);
    expect(await citizens.findByPersonalId(HUY)).toEqual({ personalId: HUY, fullName: 'Đặng Quốc Huy', birthdate: '2001-12-05', sex: 'male', assuranceLevel: 1 });
    expect(await citizens.findByPersonalId('031999999999')).toBeNull();
    const businesses = new RegistryBusinessDirectory(p.ctx.db, p.clock);
    expect(await businesses.findByCode('0209990001')).toEqual({ enterpriseCode: '0209990001', name: 'Công ty TNHH Thương mại Lê Chân', legalRepresentativePersonalId: '031072004444', status: 'dissolved' });
    expect((await businesses.findByLegalRepresentative(AN)).map((b) => b.enterpriseCode)).toEqual(['0201234567']);
    expect((await accessLog(HUY)).at(-1)).toMatchObject({ account_kind: 'platform', purpose: 'verification', client: 'MotCua identity' });
  });
});

describe('access log', () => {
  it('is append-only', async () => {
    await expect(p.ctx.db.execute(sql`update data_access_log set purpose = 'x'`)).rejects.toThrow();
    await expect(p.ctx.db.execute(sql`delete from data_access_log`)).rejects.toThrow();
  });
});
