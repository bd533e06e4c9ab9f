import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';

/** Channels (KenhThucHien): a procedure offered in person only is filed at the desk, never online. */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
const IN_PERSON_ONLY = 'certified-copy-from-original';

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
});
afterAll(() => p.close());

describe('a procedure offered in person only', () => {
  it('refuses an online draft, saying where to file, and creates nothing', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const version = await p.services.catalog.currentVersion(IN_PERSON_ONLY);
    expect(version.submission.channels).toEqual(['in-person']);
    const agency = (await p.anonymous().get('/api/agencies')).json().find((a: { id: string }) => a.id === hb);
    const before = ok(await citizen.get('/api/my/dossiers')).items.length;
    const problem = expectProblem(await citizen.post('/api/dossiers', { procedure: IN_PERSON_ONLY, agencyId: hb, data: await sampleData(p, IN_PERSON_ONLY) }), 422, 'dossier.in_person_only');
    expect(problem.detail).toContain('nộp hồ sơ trực tiếp');
    expect(problem.detail).toContain(agency.oneStopUnit);
    expect(problem.oneStopUnit).toBe(agency.oneStopUnit);
    // Also for an enterprise's representative, and nothing was stored.
    expectProblem(await citizen.post('/api/dossiers', { procedure: IN_PERSON_ONLY, agencyId: hb, onBehalfOf: { type: 'business', enterpriseCode: '0201234567' } }), 422, 'dossier.in_person_only');
    expect(ok(await citizen.get('/api/my/dossiers')).items.length).toBe(before);
  });

  it('is still filed at the desk on the citizen’s behalf, submitted and received', async () => {
    p.clock.set(vn('2026-03-02T10:00'));
    const d = ok(
      await desk.post('/api/officer/dossiers', { procedure: IN_PERSON_ONLY, agencyId: hb, channel: 'in_person', applicant: { type: 'citizen', personalId: CITIZEN, fullName: 'Nguyễn Văn An' }, data: await sampleData(p, IN_PERSON_ONLY) }),
      201,
    );
    expect(d).toMatchObject({ state: 'draft', channel: 'in_person', filedByOfficer: true });
    ok(await upload(desk, d.id, 'original'), 201);
    expect(ok(await desk.post(`/api/dossiers/${d.id}/submit`)).state).toBe('submitted');
    expect(ok(await desk.post(`/api/dossiers/${d.id}/receive`)).state).toBe('received');
    expect(ok(await citizen.get('/api/my/dossiers')).items.map((x: { id: string }) => x.id)).toContain(d.id);
  });

  it('an online procedure is still filed online', async () => {
    p.clock.set(vn('2026-03-02T11:00'));
    ok(await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: hb, data: await sampleData(p) }), 201);
  });
});
