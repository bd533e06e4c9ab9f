import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { DEMO_COMMUNES, DEMO_PROVINCE } from '../../seed/demo-province';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const agencyId = async (code: string) => ((await p.anonymous().get('/api/agencies')).json() as any[]).find((a) => a.code === code).id as string;

describe('password login and sessions', () => {
  it('logs in, sets an HTTP-only SameSite cookie, and reports who I am', async () => {
    const res = await p.anonymous().post('/api/auth/login', { username: 'tiepnhan.hongbang', password: 'MotCua@2026' });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/motcua_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await (await p.loginAs('tiepnhan.hongbang')).get('/api/auth/session');
    expect(me.statusCode).toBe(200);
    expect(me.json().grants[0].role).toBe('receiving_officer');
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const res = await p.anonymous().post('/api/auth/login', { username: 'chuyenvien.hongbang', password: 'wrong-password-1' });
    expectProblem(res, 401, 'auth.invalid_credentials');
    const unknown = await p.anonymous().post('/api/auth/login', { username: 'nobody.here', password: 'whatever123' });
    expectProblem(unknown, 401, 'auth.invalid_credentials');
    const { auditLog } = await import('../../platform/audit/audit.schema');
    const { eq } = await import('drizzle-orm');
    const rows = await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('locks an account after repeated failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) expectProblem(await p.anonymous().post('/api/auth/login', { username: 'trakq.hongbang', password: `bad-${i}-xxxxxx` }), 401);
    expectProblem(await p.anonymous().post('/api/auth/login', { username: 'trakq.hongbang', password: 'bad-5-xxxxxx' }), 423, 'auth.account_locked');
    expectProblem(await p.anonymous().post('/api/auth/login', { username: 'trakq.hongbang', password: 'MotCua@2026' }), 423, 'auth.account_locked');
    p.clock.advance(16 * 60_000);
    expect((await p.anonymous().post('/api/auth/login', { username: 'trakq.hongbang', password: 'MotCua@2026' })).statusCode).toBe(200);
  });

  it('requires the CSRF token on state-changing requests made with a cookie session', async () => {
    const admin = await p.loginAs('admin');
    const body = { code: '000.00.31.H38', name: 'Thử CSRF', nameEn: 'CSRF test', level: 'commune', kind: 'commune-pc', parentId: await agencyId(DEMO_PROVINCE.code), adminUnitCode: '10615', oneStopUnit: 'Bộ phận một cửa' };
    const noCsrf = await p.app.inject({ method: 'POST', url: '/api/agencies', payload: body, headers: { cookie: admin.creds.cookie! } });
    expectProblem(noCsrf, 403);
    expect(noCsrf.json().reason).toBe('csrf');
    const ok = await admin.post('/api/agencies', body);
    expect(ok.statusCode).toBe(201);
  });

  it('expires idle web sessions and lists and revokes my sessions', async () => {
    const s1 = await p.loginAs('lanhdao.hongbang');
    const s2 = await p.loginAs('lanhdao.hongbang');
    const list = await s1.get('/api/auth/sessions');
    expect(list.json().length).toBeGreaterThanOrEqual(2);
    const revoked = await s1.post('/api/auth/sessions/revoke-all');
    expect(revoked.json().revoked).toBeGreaterThanOrEqual(2);
    expectProblem(await s2.get('/api/auth/session'), 401);

    const s3 = await p.loginAs('lanhdao.hongbang');
    expect((await s3.get('/api/auth/session')).statusCode).toBe(200);
    p.clock.advance(31 * 60_000);
    expectProblem(await s3.get('/api/auth/session'), 401);
  });

  it('issues bearer tokens to system clients, which need no CSRF token', async () => {
    const admin = await p.loginAs('admin');
    const acc = await admin.post('/api/admin/accounts', { kind: 'system', username: 'lgsp.client', displayName: 'LGSP client', grants: [{ role: 'agency_admin', agencyId: await agencyId(DEMO_PROVINCE.code), includeSubAgencies: true }] });
    expect(acc.statusCode).toBe(201);
    const tok = await admin.post(`/api/admin/accounts/${acc.json().id}/tokens`, { label: 'test' });
    expect(tok.statusCode).toBe(201);
    const res = await p.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${tok.json().token}` } });
    expect(res.json().kind).toBe('system');
    expectProblem(await p.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: 'Bearer nope' } }), 401);
  });
});

describe('roles and jurisdiction', () => {
  it('refuses a route to a signed-in officer without the role (403) and to anonymous callers (401)', async () => {
    expectProblem(await p.anonymous().get('/api/admin/accounts'), 401, 'unauthenticated');
    const officer = await p.loginAs('chuyenvien.tuphap');
    expectProblem(await officer.get('/api/admin/accounts'), 403, 'forbidden');
  });

  it('lets an agency admin act only within the agencies under its grant', async () => {
    const admin = await p.loginAs('admin');
    const hongbang = await agencyId(DEMO_COMMUNES[0].code);
    const baichay = await agencyId(DEMO_COMMUNES[1].code);
    const created = await admin.post('/api/admin/accounts', { kind: 'officer', username: 'qtv.hongbang', displayName: 'Quản trị Hồng Bàng', password: 'Matkhau12345', grants: [{ role: 'agency_admin', agencyId: hongbang }] });
    expect(created.statusCode).toBe(201);
    const local = await p.loginAs('qtv.hongbang', 'Matkhau12345');
    expect((await local.patch(`/api/agencies/${hongbang}`, { address: 'Số 1 đường Hồng Bàng' })).statusCode).toBe(200);
    expectProblem(await local.patch(`/api/agencies/${baichay}`, { address: 'x' }), 403);
    const grant = await local.post('/api/admin/accounts', { kind: 'officer', username: 'cv2.baichay', displayName: 'X', password: 'Matkhau12345', grants: [{ role: 'specialist', agencyId: baichay }] });
    expectProblem(grant, 403);
    const ownGrant = await local.post('/api/admin/accounts', { kind: 'officer', username: 'cv2.hongbang', displayName: 'Y', password: 'Matkhau12345', grants: [{ role: 'specialist', agencyId: hongbang }] });
    expect(ownGrant.statusCode).toBe(201);
    expectProblem(await local.post('/api/admin/accounts', { kind: 'officer', username: 'weak.pw', displayName: 'Y', password: 'short', grants: [{ role: 'specialist', agencyId: hongbang }] }), 422, 'account.weak_password');
  });
});
