import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../../test/support/platform';
import { auditLog } from '../../../platform/audit/audit.schema';
import { Browser, freePort } from '../../../../test/support/identity/browser';
import { startExternalProvider, type ExternalProvider } from '../../../../test/support/identity/external-op';
import { DEMO_OFFICERS } from '../../../seed/demo-province';

/**
 * The same flow against a second, separate oidc-provider playing an external identity provider, with its own claim
 * names (so_dinh_danh, ho_ten, ngay_sinh, muc_dinh_danh) and the platform configured only by EID_* variables. The
 * same provider also serves officers (OFFICER_OIDC_*), matched to existing officer accounts by username.
 */
let p: TestPlatform;
let op: ExternalProvider;
let base: string;
const officer = DEMO_OFFICERS.find((o) => o.roles.includes('receiving_officer'))!;

beforeAll(async () => {
  const [port, opPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  op = await startExternalProvider({
    port: opPort,
    clients: [
      { client_id: 'cong-dvc', client_secret: 'bi-mat-cong-dan', redirect_uris: [`${base}/api/auth/eid/callback`], post_logout_redirect_uris: [`${base}/`], response_types: ['code'], grant_types: ['authorization_code'] },
      { client_id: 'cong-dvc-can-bo', client_secret: 'bi-mat-can-bo', redirect_uris: [`${base}/api/auth/officer/oidc/callback`], response_types: ['code'], grant_types: ['authorization_code'] },
    ],
    people: {
      'cd-0001': { so_dinh_danh: '036175009876', ho_ten: 'Bùi Thị Lan', ngay_sinh: '25/04/1975', muc_dinh_danh: 'MUC_2' },
      'cd-0002': { so_dinh_danh: '031303002222', ho_ten: 'Lý Thị Ngọc', ngay_sinh: '28/10/2003', muc_dinh_danh: 'MUC_1' },
      'cd-0003': { so_dinh_danh: '1234', ho_ten: 'Số sai', ngay_sinh: '01/01/2000', muc_dinh_danh: 'MUC_2' },
      [officer.username]: { preferred_username: officer.username.toUpperCase(), name: officer.displayName },
      'nobody.here': { preferred_username: 'nobody.here', name: 'Không có tài khoản' },
      // Administrators: one whose provider login checked a one-time code (RFC 8176 `amr`), one with a password only.
      'qtv.haiphong': { preferred_username: 'qtv.haiphong', name: 'Phạm Thu Hà', amr: ['pwd', 'otp'] },
      admin: { preferred_username: 'admin', name: 'Quản trị hệ thống', amr: ['pwd'] },
    },
  });
  p = await startTestPlatform({
    env: {
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      EID_BUILTIN: 'false',
      EID_ISSUER: op.issuer,
      EID_CLIENT_ID: 'cong-dvc',
      EID_CLIENT_SECRET: 'bi-mat-cong-dan',
      EID_SCOPES: 'openid cong_dan',
      EID_CLAIM_PERSONAL_ID: 'so_dinh_danh',
      EID_CLAIM_NAME: 'ho_ten',
      EID_CLAIM_BIRTHDATE: 'ngay_sinh',
      EID_CLAIM_LEVEL: 'muc_dinh_danh',
      EID_LEVEL1_VALUES: 'MUC_1',
      EID_LEVEL2_VALUES: 'MUC_2',
      OFFICER_OIDC_ISSUER: op.issuer,
      OFFICER_OIDC_CLIENT_ID: 'cong-dvc-can-bo',
      OFFICER_OIDC_CLIENT_SECRET: 'bi-mat-can-bo',
      OFFICER_OIDC_SCOPES: 'openid profile',
      MFA_REQUIRED_ROLES: 'platform_admin,agency_admin',
    },
  });
  await p.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await p?.close();
  await op?.close();
});

/** Through the external provider's (development) login and consent pages to the platform's answer. */
async function signIn(path: string, login: string) {
  const b = new Browser();
  const page = await b.follow(`${base}${path}?returnTo=/ho-so`);
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  const consent = await b.submit(page, /\/interaction\//, { login, password: 'any' });
  const done = await b.submit(consent, /\/interaction\//, {}, (loc) => loc.startsWith(`${base}/`) && !loc.includes('/callback'));
  return { b, done };
}
const me = async (b: Browser) => {
  const res = await b.request(`${base}/api/auth/session`);
  return { status: res.status, body: JSON.parse(res.body) };
};

describe('e-ID login with an external provider configured by EID_*', () => {
  it('maps its own claim names and level values, and keeps the built-in provider off', async () => {
    const { b, done } = await signIn('/api/auth/eid/login', 'cd-0001');
    expect(done.status, done.body).toBe(303);
    expect(done.location).toBe(`${base}/ho-so`);
    expect(b.visited.some((u) => u.startsWith(op.issuer))).toBe(true);
    expect((await me(b)).body).toMatchObject({ kind: 'citizen', displayName: 'Bùi Thị Lan', personalId: '036175009876', assuranceLevel: 2 });
    const acc = await p.services.identity.resolve(b.cookie('motcua_session')!, 'web');
    expect(acc?.assuranceLevel).toBe(2);
    expect((await new Browser().request(`${base}/oidc/.well-known/openid-configuration`)).status).toBe(404);
  });

  it('normalises the date of birth and maps level 1', async () => {
    const { b } = await signIn('/api/auth/eid/login', 'cd-0002');
    expect((await me(b)).body).toMatchObject({ personalId: '031303002222', assuranceLevel: 1 });
    const { accounts } = await import('../identity.schema');
    const [row] = await p.ctx.db.select().from(accounts).where(eq(accounts.personalId, '031303002222'));
    expect(row.birthdate).toBe('2003-10-28');
  });

  it('refuses a personal ID number that is not 12 digits', async () => {
    const { done } = await signIn('/api/auth/eid/login', 'cd-0003');
    expect(done.status).toBe(401);
    expect(JSON.parse(done.body).code).toBe('eid.claims_invalid');
  });

  it("gives the external provider's logout URL", async () => {
    const { b } = await signIn('/api/auth/eid/login', 'cd-0001');
    const csrf = (await me(b)).body.csrfToken;
    const out = JSON.parse((await b.request(`${base}/api/auth/eid/logout`, { method: 'POST', headers: { 'x-csrf-token': csrf } })).body);
    expect(out.logoutUrl.startsWith(`${op.issuer}/session/end`)).toBe(true);
    expect(new URL(out.logoutUrl).searchParams.get('client_id')).toBe('cong-dvc');
  });
});

describe('officer login through OFFICER_OIDC_*', () => {
  it('signs in an existing officer account named by the claim, with its roles', async () => {
    const { b, done } = await signIn('/api/auth/officer/oidc/login', officer.username);
    expect(done.status, done.body).toBe(303);
    const { body } = await me(b);
    expect(body).toMatchObject({ kind: 'officer', assuranceLevel: null, personalId: null });
    expect(body.grants[0].role).toBe('receiving_officer');
    const sessions = JSON.parse((await b.request(`${base}/api/auth/sessions`)).body);
    expect(sessions.map((s: { label: string }) => s.label)).toContain('oidc');
  });

  it('refuses an identity that matches no officer account, and audits it', async () => {
    const { done } = await signIn('/api/auth/officer/oidc/login', 'nobody.here');
    expect(done.status).toBe(403);
    expect(JSON.parse(done.body).code).toBe('auth.oidc_account_not_found');
    const rows = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.oidc_login_failed'), eq(auditLog.targetId, 'no_account')));
    expect(rows).toHaveLength(1);
  });

  it('lets an administrator in by single sign-on only when the provider checked a second factor (amr), and audits a refusal', async () => {
    const { b, done } = await signIn('/api/auth/officer/oidc/login', 'qtv.haiphong');
    expect(done.status, done.body).toBe(303);
    // A session the provider vouched two factors for is not held on MotCua's own enrolment.
    expect((await b.request(`${base}/api/admin/accounts`)).status).toBe(200);
    const sessions = JSON.parse((await b.request(`${base}/api/auth/sessions`)).body);
    expect(sessions.map((s: { label: string }) => s.label)).toContain('oidc-mfa');

    const refused = await signIn('/api/auth/officer/oidc/login', 'admin');
    expect(refused.done.status).toBe(403);
    expect(JSON.parse(refused.done.body).code).toBe('auth.oidc_second_factor_missing');
    expect((await me(refused.b)).status).toBe(401);
    const rows = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.oidc_login_failed'), eq(auditLog.targetId, 'second_factor_not_checked')));
    expect(rows).toHaveLength(1);
  });

  it('decides from `amr` methods or configured `acr` values', async () => {
    const { providerCheckedSecondFactor } = await import('./oidc-login.service');
    const login = { mfaAmr: ['mfa', 'otp', 'hwk'], mfaAcr: ['urn:example:mfa'] };
    expect(providerCheckedSecondFactor({ amr: ['pwd', 'otp'] }, login)).toBe(true);
    expect(providerCheckedSecondFactor({ amr: ['hwk'] }, login)).toBe(true);
    expect(providerCheckedSecondFactor({ amr: ['pwd'] }, login)).toBe(false);
    expect(providerCheckedSecondFactor({ amr: 'otp' }, login)).toBe(false);
    expect(providerCheckedSecondFactor({ acr: 'urn:example:mfa' }, login)).toBe(true);
    expect(providerCheckedSecondFactor({ acr: 'urn:example:pwd' }, login)).toBe(false);
    expect(providerCheckedSecondFactor({}, login)).toBe(false);
  });

  it('keeps password login for officers', async () => {
    const client = await p.loginAs(officer.username);
    expect((await client.get('/api/auth/session')).json().kind).toBe('officer');
  });
});
