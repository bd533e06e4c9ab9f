import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { DEMO_COMMUNES } from '../../seed/demo-province';
import { auditLog } from '../../platform/audit/audit.schema';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const agencyId = async (code: string) => ((await p.anonymous().get('/api/agencies')).json() as any[]).find((a) => a.code === code).id as string;
const key = () => ({ 'idempotency-key': crypto.randomUUID() });
const accountIdOf = async (username: string) => ((await (await p.loginAs('admin')).get('/api/admin/accounts')).json() as any[]).find((a) => a.username === username).id as string;

describe('an officer’s own sessions', () => {
  it('lists my sessions with the current one marked, and ends another one: that session stops working, mine goes on', async () => {
    const phone = await p.loginAs('chuyenvien.tuphap');
    const desk = await p.loginAs('chuyenvien.tuphap');
    const list = (await desk.get('/api/auth/sessions')).json() as Array<{ id: string; current: boolean; kind: string; label: string }>;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const mine = list.find((s) => s.current)!;
    const phoneId = (await phone.get('/api/auth/sessions')).json().find((s: any) => s.current).id as string;
    expect(phoneId).not.toBe(mine.id);

    const ended = await desk.delete(`/api/auth/sessions/${phoneId}`, key());
    expect(ended.statusCode).toBe(204);
    p.clock.advance(6_000); // past the principal cache of a few seconds
    expectProblem(await phone.get('/api/auth/session'), 401);
    expect((await desk.get('/api/auth/session')).statusCode).toBe(200);
    const after = (await desk.get('/api/auth/sessions')).json() as Array<{ id: string }>;
    expect(after.map((s) => s.id)).not.toContain(phoneId);
    const audit = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.session_revoked'), eq(auditLog.targetId, phoneId)));
    expect(audit).toHaveLength(1);
  });

  it('replays the first answer for the same key, and answers 404 for a session that is not mine or already ended', async () => {
    const a = await p.loginAs('lanhdao.tuphap');
    const b = await p.loginAs('lanhdao.tuphap');
    const bId = (await b.get('/api/auth/sessions')).json().find((s: any) => s.current).id as string;
    const k = key();
    expect((await a.delete(`/api/auth/sessions/${bId}`, k)).statusCode).toBe(204);
    const replay = await a.delete(`/api/auth/sessions/${bId}`, k);
    expect(replay.statusCode).toBe(204);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectProblem(await a.delete(`/api/auth/sessions/${bId}`, key()), 404, 'auth.session_not_found');
    const other = await p.loginAs('trakq.tuphap');
    const otherId = (await other.get('/api/auth/sessions')).json().find((s: any) => s.current).id as string;
    expectProblem(await a.delete(`/api/auth/sessions/${otherId}`, key()), 404, 'auth.session_not_found');
    expect((await other.get('/api/auth/session')).statusCode).toBe(200);
    expectProblem(await a.delete('/api/auth/sessions/not-a-uuid', key()), 400);
  });

  it('ending the current session signs me out and clears the cookie', async () => {
    const c = await p.loginAs('tiepnhan.xaydung');
    const id = (await c.get('/api/auth/sessions')).json().find((s: any) => s.current).id as string;
    const res = await c.delete(`/api/auth/sessions/${id}`, key());
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/motcua_session=;/);
    p.clock.advance(6_000);
    expectProblem(await c.get('/api/auth/session'), 401);
  });
});

describe('an administrator ends sessions of the accounts she administers', () => {
  it('lists and ends one session, then all, of an officer in her jurisdiction', async () => {
    const officer1 = await p.loginAs('chuyenvien.hongbang');
    const officer2 = await p.loginAs('chuyenvien.hongbang');
    const id = await accountIdOf('chuyenvien.hongbang');
    const admin = await p.loginAs('qtv.haiphong');
    const list = (await admin.get(`/api/admin/accounts/${id}/sessions`)).json() as Array<{ id: string; current: boolean }>;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.every((s) => !s.current)).toBe(true);
    const firstId = (await officer1.get('/api/auth/sessions')).json().find((s: any) => s.current).id as string;
    expect((await admin.delete(`/api/admin/accounts/${id}/sessions/${firstId}`, key())).statusCode).toBe(204);
    p.clock.advance(6_000);
    expectProblem(await officer1.get('/api/auth/session'), 401);
    expect((await officer2.get('/api/auth/session')).statusCode).toBe(200);

    const all = await admin.post(`/api/admin/accounts/${id}/sessions/revoke-all`, undefined, key());
    expect(all.statusCode).toBe(200);
    expect(all.json().revoked).toBeGreaterThanOrEqual(1);
    p.clock.advance(6_000);
    expectProblem(await officer2.get('/api/auth/session'), 401);
    expect((await admin.get(`/api/admin/accounts/${id}/sessions`)).json()).toEqual([]);
    const audit = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.sessions_revoked'), eq(auditLog.targetId, id)));
    expect(audit.at(-1)?.actorRole).toBe('agency_admin');
  });

  it('refuses outside her jurisdiction, non-administrators, anonymous callers, unknown accounts and sessions', async () => {
    const platformAdmin = await p.loginAs('admin');
    const created = await platformAdmin.post(
      '/api/admin/accounts',
      { kind: 'officer', username: 'qtv.ngoquyen', displayName: 'Quản trị Ngô Quyền', password: 'QuanTri@2026x', grants: [{ role: 'agency_admin', agencyId: await agencyId(DEMO_COMMUNES[1].code) }] },
      key(),
    );
    expect(created.statusCode).toBe(201);
    const wardAdmin = await p.loginAs('qtv.ngoquyen', 'QuanTri@2026x');
    const dept = await accountIdOf('lanhdao.xaydung');
    expectProblem(await wardAdmin.get(`/api/admin/accounts/${dept}/sessions`), 403);
    expectProblem(await wardAdmin.post(`/api/admin/accounts/${dept}/sessions/revoke-all`, undefined, key()), 403);
    const officer = await p.loginAs('tiepnhan.hongbang');
    expectProblem(await officer.get(`/api/admin/accounts/${dept}/sessions`), 403);
    expectProblem(await platformAdmin.get(`/api/admin/accounts/${crypto.randomUUID()}/sessions`), 404, 'account.not_found');
    expectProblem(await platformAdmin.delete(`/api/admin/accounts/${dept}/sessions/${crypto.randomUUID()}`, key()), 404, 'auth.session_not_found');
    expectProblem(await p.anonymous().get(`/api/admin/accounts/${dept}/sessions`), 401);
  });
});
