/**
 * Citizens' items 9 and 10 of issue 10 through the API: the documents a submission needs follow the answers
 * (`requiredIf`), form 01 lists only the papers that apply, and a date of birth in the future is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
});
afterAll(() => p.close());

const BORN_AT_HOME = { childBirthPlaceType: 'other', childBirthFacility: null, birthNoticeNumber: null, childBirthAddress: 'Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng' };

async function draft(data: Record<string, unknown>) {
  const base = await sampleData(p, 'birth-registration');
  const merged = Object.fromEntries(Object.entries({ ...base, ...data }).filter(([, v]) => v !== null));
  return ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: merged }), 201);
}

describe('required documents follow the answers', () => {
  it('born at home: the witness statement is required, the birth notice is not; form 01 lists what applies', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const d = await draft(BORN_AT_HOME);
    const refused = expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 422, 'dossier.missing_documents');
    expect(refused.errors.map((e: any) => e.field)).toEqual(['documents.birth-witness']);
    expect(refused.errors[0].message.vi).toContain('người làm chứng');
    ok(await upload(citizen, d.id, 'birth-witness'), 201);
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
    p.clock.set(vn('2026-03-02T09:00'));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    const html = await desk.get(`/api/dossiers/${d.id}/documents/01?format=html`);
    expect(html.statusCode, html.body.slice(0, 300)).toBe(200);
    expect(html.body).toContain('Văn bản xác nhận của người làm chứng');
    expect(html.body).not.toContain('Giấy chứng sinh do cơ sở');
    expect(html.body).not.toContain('Văn bản ủy quyền');
  });

  it('filing under an authorisation: the authorisation letter is required as well', async () => {
    p.clock.set(vn('2026-03-02T10:00'));
    const d = await draft({ applicantRelation: 'authorised' });
    ok(await upload(citizen, d.id, 'birth-certificate'), 201);
    const refused = expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 422, 'dossier.missing_documents');
    expect(refused.errors.map((e: any) => e.field)).toEqual(['documents.authorisation']);
    ok(await upload(citizen, d.id, 'authorisation'), 201);
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
  });
});

describe('validation of the answers', () => {
  it('refuses a date of birth after today (the platform clock, Vietnam time), with a Vietnamese message', async () => {
    p.clock.set(vn('2026-03-02T10:30'));
    const res = await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: { ...(await sampleData(p, 'birth-registration')), childDateOfBirth: '2099-01-01' } });
    const problem = expectProblem(res, 422);
    const e = problem.errors.find((x: any) => x.field === 'data.childDateOfBirth' || x.field === 'childDateOfBirth');
    expect(e, JSON.stringify(problem.errors)).toMatchObject({ code: 'date_after', message: { vi: '“Ngày, tháng, năm sinh” không được sau ngày hôm nay (02/03/2026).' } });
    // The day itself is accepted.
    ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: { ...(await sampleData(p, 'birth-registration')), childDateOfBirth: '2026-03-02' } }), 201);
  });

  it('refuses an ethnicity outside the 54 groups and a nationality outside the country list', async () => {
    const res = await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: { ...(await sampleData(p, 'birth-registration')), childEthnicity: '😀', childNationality: 'Atlantis' } });
    const problem = expectProblem(res, 422);
    expect(problem.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/childEthnicity:enum$/), expect.stringMatching(/childNationality:enum$/)]));
  });
});
