import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, TestClock, type TestClient, type TestPlatform } from '../../../../test/support/platform';
import { auditLog } from '../../../platform/audit/audit.schema';
import type { FilingRequest } from './authorisation.service';
import { citizenClient, principalOf } from '../../../../test/support/identity/citizens';

/** Authorisations (ủy quyền): an agent files for a principal only within the scope and the dates, until revoked. */
const NOW = new Date('2026-11-20T03:00:00Z'); // 10:00 in Hà Nội
const AN = '031085001234';
const DUNG = '031195007891';
const BINH = '031190004567';
const HUY = '031201001357'; // level 1
const PROCEDURE = '1.001234';

let p: TestPlatform;
let an: TestClient;
let dung: TestClient;
let binh: TestClient;

beforeAll(async () => {
  p = await startTestPlatform({ clock: new TestClock(NOW) });
  an = await citizenClient(p, AN);
  dung = await citizenClient(p, DUNG);
  binh = await citizenClient(p, BINH);
});
afterAll(() => p?.close());

const resolve = async (client: TestClient, request: Partial<FilingRequest> & { onBehalfOf?: FilingRequest['onBehalfOf'] }) =>
  p.services.eid.resolveFilingIdentity(p.ctx.db, await principalOf(p, client), { procedureCode: PROCEDURE, at: NOW, ...request });

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { status: number; code: string; title: { vi: string; en: string } };
    expect(err.title.vi).toBeTruthy();
    expect(err.title.en).toBeTruthy();
    return { status: err.status, code: err.code };
  }
  throw new Error('expected a refusal');
}

describe('giving authorisations', () => {
  it('lets a level-2 citizen authorise another person for one procedure until a date', async () => {
    const res = await an.post('/api/authorisations', { agentPersonalId: DUNG, procedureCode: PROCEDURE, validUntil: '2026-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ grantor: { personalId: AN, name: 'Nguyễn Văn An' }, agent: { personalId: DUNG, name: 'Phạm Thị Dung' }, procedureCode: PROCEDURE, validFrom: '2026-11-20', validUntil: '2026-12-31', status: 'active' });
    const audited = await p.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, res.json().id));
    expect(audited.map((a) => a.action)).toEqual(['authorisation.created']);
    expect((await an.get('/api/authorisations')).json().given.map((a: { id: string }) => a.id)).toContain(res.json().id);
    expect((await dung.get('/api/authorisations')).json().received.map((a: { id: string }) => a.id)).toContain(res.json().id);
  });

  it('refuses to authorise oneself, an unknown person, a past end date or an impossible date', async () => {
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: AN, validUntil: '2026-12-31' }), 422, 'authorisation.self');
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: '031999999999', validUntil: '2026-12-31' }), 422, 'identity.person_unknown');
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: DUNG, validUntil: '2026-11-19' }), 422, 'authorisation.bad_dates');
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: DUNG, validFrom: '2026-12-10', validUntil: '2026-12-01' }), 422, 'authorisation.bad_dates');
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: DUNG, validUntil: '2026-02-30' }), 400, 'validation_failed');
    expectProblem(await an.post('/api/authorisations', { agentPersonalId: '12345', validUntil: '2026-12-31' }), 400, 'validation_failed');
  });

  it('needs a level-2 e-ID to authorise, and a citizen account', async () => {
    const huy = await citizenClient(p, HUY);
    expectProblem(await huy.post('/api/authorisations', { agentPersonalId: DUNG, validUntil: '2026-12-31' }), 403, 'eid.assurance_too_low');
    const officer = await p.loginAs('admin');
    expectProblem(await officer.post('/api/authorisations', { agentPersonalId: DUNG, validUntil: '2026-12-31' }), 403);
    expectProblem(await p.anonymous().get('/api/authorisations'), 401);
  });
});

describe('filing in the principal’s name (resolveFilingIdentity)', () => {
  it('files for oneself without an agent', async () => {
    expect(await resolve(dung, {})).toEqual({ subject: { type: 'citizen', id: DUNG, name: 'Phạm Thị Dung' }, agent: null });
    expect(await resolve(dung, { onBehalfOf: { type: 'citizen', personalId: DUNG } })).toMatchObject({ agent: null });
  });

  it("files in the principal's name, showing the agent, within scope and dates", async () => {
    const id = await resolve(dung, { onBehalfOf: { type: 'citizen', personalId: AN } });
    expect(id.subject).toEqual({ type: 'citizen', id: AN, name: 'Nguyễn Văn An' });
    expect(id.agent).toMatchObject({ personalId: DUNG, name: 'Phạm Thị Dung' });
    expect(id.agent!.accountId).toBe((await principalOf(p, dung)).accountId);
  });

  it('refuses another procedure than the one authorised', async () => {
    expect(await refusal(resolve(dung, { onBehalfOf: { type: 'citizen', personalId: AN }, procedureCode: '2.000999' }))).toEqual({ status: 403, code: 'authorisation.out_of_scope' });
  });

  it('counts the last day whole, in Vietnam time, and refuses after it', async () => {
    const behalf = { onBehalfOf: { type: 'citizen' as const, personalId: AN } };
    expect((await resolve(dung, { ...behalf, at: new Date('2026-12-31T16:59:59Z') })).subject.id).toBe(AN); // 23:59:59 on 31/12
    expect(await refusal(resolve(dung, { ...behalf, at: new Date('2026-12-31T17:00:00Z') }))).toEqual({ status: 403, code: 'authorisation.expired' });
  });

  it('refuses before the first day', async () => {
    const later = await binh.post('/api/authorisations', { agentPersonalId: DUNG, validFrom: '2027-01-01', validUntil: '2027-01-31' });
    expect(later.statusCode).toBe(201);
    expect(later.json().status).toBe('not_yet_valid');
    expect(await refusal(resolve(dung, { onBehalfOf: { type: 'citizen', personalId: BINH } }))).toEqual({ status: 403, code: 'authorisation.not_yet_valid' });
    expect((await resolve(dung, { onBehalfOf: { type: 'citizen', personalId: BINH }, at: new Date('2027-01-15T02:00:00Z') })).subject.id).toBe(BINH);
  });

  it('refuses when there is no authorisation at all', async () => {
    expect(await refusal(resolve(binh, { onBehalfOf: { type: 'citizen', personalId: AN } }))).toEqual({ status: 403, code: 'authorisation.none' });
  });

  it('lets an authorisation for every procedure cover any procedure', async () => {
    const all = await binh.post('/api/authorisations', { agentPersonalId: AN, procedureCode: null, validUntil: '2026-11-20' });
    expect(all.statusCode).toBe(201);
    expect((await resolve(an, { onBehalfOf: { type: 'citizen', personalId: BINH }, procedureCode: '2.000999' })).subject.id).toBe(BINH);
  });

  it('stops counting a revoked authorisation; only the grantor revokes, once', async () => {
    const given = (await an.get('/api/authorisations')).json().given.find((a: { agent: { personalId: string } }) => a.agent.personalId === DUNG);
    expectProblem(await dung.delete(`/api/authorisations/${given.id}`), 404, 'authorisation.not_found');
    expect((await an.delete(`/api/authorisations/${given.id}`)).statusCode).toBe(204);
    expectProblem(await an.delete(`/api/authorisations/${given.id}`), 409, 'authorisation.already_revoked');
    expect(await refusal(resolve(dung, { onBehalfOf: { type: 'citizen', personalId: AN } }))).toEqual({ status: 403, code: 'authorisation.none' });
    const listed = (await dung.get('/api/authorisations')).json().received.find((a: { id: string }) => a.id === given.id);
    expect(listed.status).toBe('revoked');
    const audited = await p.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, given.id));
    expect(audited.map((a) => a.action).sort()).toEqual(['authorisation.created', 'authorisation.revoked']);
  });

  it('needs a personal identity: an officer cannot file through it', async () => {
    const officer = await p.loginAs('admin');
    const principal = await p.services.identity.resolve(officer.creds.cookie!.replace('motcua_session=', ''), 'web');
    expect(await refusal(p.services.eid.resolveFilingIdentity(p.ctx.db, principal!, { procedureCode: PROCEDURE, at: NOW }))).toEqual({ status: 403, code: 'identity.no_personal_id' });
  });
});
