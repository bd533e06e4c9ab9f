import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../../test/support/platform';
import { auditLog } from '../../../platform/audit/audit.schema';
import { citizenClient, principalOf } from '../../../../test/support/identity/citizens';

/** Businesses: the legal representative (from the business registry) acts for the enterprise and adds members. */
const AN = '031085001234'; // legal representative of 0201234567
const DUNG = '031195007891';
const PHONG = '079080011111';
const BINH = '031190004567'; // legal representative of another enterprise
const HUY = '031201001357'; // level 1, legal representative of 0204567890
const SON = '031072004444'; // legal representative of a dissolved enterprise
const ENTERPRISE = '0201234567';
const ENTERPRISE_NAME = 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh';

let p: TestPlatform;
let an: TestClient;
let dung: TestClient;
let phong: TestClient;

beforeAll(async () => {
  p = await startTestPlatform();
  [an, dung, phong] = [await citizenClient(p, AN), await citizenClient(p, DUNG), await citizenClient(p, PHONG)];
});
afterAll(() => p?.close());

const fileFor = async (client: TestClient, enterpriseCode: string) =>
  p.services.eid.resolveFilingIdentity(p.ctx.db, await principalOf(p, client), { onBehalfOf: { type: 'business', enterpriseCode }, procedureCode: '1.001612', at: new Date() });

async function refusedWith(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ status: 403, code });
}

describe('organisation accounts', () => {
  it('show the legal representative the enterprises they represent', async () => {
    const res = await an.get('/api/me/organisations');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ enterpriseCode: ENTERPRISE, name: ENTERPRISE_NAME, role: 'legal_representative', rights: ['file_dossiers', 'view_dossiers'] }]);
    expect((await dung.get('/api/me/organisations')).json()).toEqual([]);
  });

  it("let the legal representative file in the enterprise's name, showing who filed", async () => {
    const id = await fileFor(an, ENTERPRISE);
    expect(id.subject).toEqual({ type: 'business', id: ENTERPRISE, name: ENTERPRISE_NAME });
    expect(id.agent).toMatchObject({ personalId: AN, name: 'Nguyễn Văn An' });
  });

  it('refuse a person who is not a member', async () => {
    await refusedWith(fileFor(dung, ENTERPRISE), 'organisation.not_member');
    await refusedWith(fileFor(an, '0202345678'), 'organisation.not_member');
    await refusedWith(fileFor(an, '0999999999'), 'organisation.not_member');
  });

  it('let the representative add members with rights; a member with file_dossiers may file', async () => {
    const added = await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: DUNG, rights: ['file_dossiers', 'view_dossiers'] });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ personalId: DUNG, fullName: 'Phạm Thị Dung', rights: ['file_dossiers', 'view_dossiers'] });
    expect((await dung.get('/api/me/organisations')).json()).toEqual([{ enterpriseCode: ENTERPRISE, name: ENTERPRISE_NAME, role: 'member', rights: ['file_dossiers', 'view_dossiers'] }]);
    const id = await fileFor(dung, ENTERPRISE);
    expect(id.subject.id).toBe(ENTERPRISE);
    expect(id.agent?.personalId).toBe(DUNG);
    const audited = await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.member_added'));
    expect(audited).toHaveLength(1);
    expect(audited[0].targetId).toBe(ENTERPRISE);
  });

  it('refuse filing to a member who may only view', async () => {
    expect((await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: PHONG, rights: ['view_dossiers'] })).statusCode).toBe(201);
    await refusedWith(fileFor(phong, ENTERPRISE), 'authorisation.out_of_scope');
  });

  it('refuse duplicates, the representative as a member, unknown people and bad rights', async () => {
    expectProblem(await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: DUNG, rights: ['file_dossiers'] }), 409, 'organisation.member_exists');
    expectProblem(await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: AN, rights: ['file_dossiers'] }), 422, 'organisation.representative');
    expectProblem(await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: '031999999999', rights: ['file_dossiers'] }), 422, 'identity.person_unknown');
    expectProblem(await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: BINH, rights: ['sign_contracts'] }), 400, 'validation_failed');
    expectProblem(await an.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: BINH, rights: [] }), 400, 'validation_failed');
  });

  it('let only the legal representative manage members', async () => {
    const binh = await citizenClient(p, BINH);
    expectProblem(await binh.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: BINH, rights: ['file_dossiers'] }), 403, 'organisation.not_representative');
    expectProblem(await dung.post(`/api/organisations/${ENTERPRISE}/members`, { personalId: BINH, rights: ['file_dossiers'] }), 403, 'organisation.not_representative');
    expectProblem(await dung.get(`/api/organisations/${ENTERPRISE}/members`), 403, 'organisation.not_representative');
    expectProblem(await dung.delete(`/api/organisations/${ENTERPRISE}/members/${PHONG}`), 403, 'organisation.not_representative');
    expectProblem(await an.get('/api/organisations/0999999999/members'), 404, 'organisation.not_found');
    expectProblem(await (await p.loginAs('admin')).get('/api/me/organisations'), 403);
  });

  it('list and remove members; a removed member can no longer act', async () => {
    const members = (await an.get(`/api/organisations/${ENTERPRISE}/members`)).json();
    expect(members.map((m: { personalId: string }) => m.personalId)).toEqual([DUNG, PHONG]);
    expect((await an.delete(`/api/organisations/${ENTERPRISE}/members/${DUNG}`)).statusCode).toBe(204);
    expectProblem(await an.delete(`/api/organisations/${ENTERPRISE}/members/${DUNG}`), 404, 'organisation.member_not_found');
    await refusedWith(fileFor(dung, ENTERPRISE), 'organisation.not_member');
    expect((await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.member_removed'))).length).toBe(1);
  });

  it('need a level-2 e-ID to add members, but a level-1 representative may still file', async () => {
    const huy = await citizenClient(p, HUY);
    expectProblem(await huy.post('/api/organisations/0204567890/members', { personalId: DUNG, rights: ['file_dossiers'] }), 403, 'eid.assurance_too_low');
    expect((await fileFor(huy, '0204567890')).subject.type).toBe('business');
  });

  it('ignore a dissolved enterprise', async () => {
    const son = await citizenClient(p, SON);
    expect((await son.get('/api/me/organisations')).json()).toEqual([]);
    await refusedWith(fileFor(son, '0209990001'), 'organisation.not_member');
    expectProblem(await son.get('/api/organisations/0209990001/members'), 404, 'organisation.not_found');
  });
});
