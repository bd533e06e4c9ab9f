import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { expectProblem, startTestPlatform, TestClient, type TestPlatform } from '../../../../test/support/platform';
import { DEMO_PASSWORD } from '../../../seed/demo-province';
import { loadConfig } from '../../../config';
import { auditLog } from '../../../platform/audit/audit.schema';
import { accounts } from '../identity.schema';
import { mfaChallenges, mfaRecoveryCodes, mfaTotp } from './mfa.schema';
import { totpAt } from './totp';

/** Issue 23 item 1: officers' second factor — TOTP enrolment, login with a code or a recovery code, lock-out, required roles. */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_MAX_FAILURES: '5', MFA_REQUIRED_ROLES: 'platform_admin,agency_admin' } });
});
afterAll(() => p?.close());

const anon = () => p.anonymous();
const accountOf = async (username: string) => (await p.ctx.db.select().from(accounts).where(eq(accounts.username, username)))[0];
const auditOf = async (accountId: string, actions: string[]) => p.ctx.db.select().from(auditLog).where(and(inArray(auditLog.action, actions), eq(auditLog.targetId, accountId)));
const clientOf = (res: { cookies: { name: string; value: string }[]; json(): any }) => {
  const cookie = res.cookies.find((c) => c.name === 'motcua_session');
  if (!cookie) throw new Error('no session cookie');
  return new TestClient(p, { cookie: `motcua_session=${cookie.value}`, csrf: res.json().csrfToken });
};

/** Enrols an authenticator app for a signed-in officer: the secret shown and the recovery codes. */
async function enrol(officer: TestClient) {
  const started = await officer.post('/api/auth/second-factor/totp');
  expect(started.statusCode).toBe(201);
  const { secret, otpauthUri } = started.json() as { secret: string; otpauthUri: string };
  const confirmed = await officer.post('/api/auth/second-factor/totp/confirm', { code: totpAt(secret, p.clock.now()) });
  expect(confirmed.statusCode).toBe(200);
  return { secret, otpauthUri, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
}

/** The password step: a challenge, no session. */
async function passwordStep(username: string) {
  const res = await anon().post('/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(200);
  expect(res.cookies.find((c) => c.name === 'motcua_session')).toBeUndefined();
  const body = res.json() as { secondFactor: { challengeId: string; methods: string[]; expiresAt: string }; account?: unknown };
  expect(body.account).toBeUndefined();
  expect(body.secondFactor.methods).toEqual(['totp', 'recovery']);
  return body.secondFactor.challengeId;
}
const secondStep = (challengeId: string, code: string) => anon().post('/api/auth/login/second-factor', { challengeId, code });
/** The clock moves to the next 30-second step, so a fresh code is not a replay of the enrolment one. */
const nextStep = () => p.clock.advance(30_000);

describe('enrolment', () => {
  it('gives a base32 secret and an otpauth:// URI, refuses a wrong first code, confirms with a right one and answers 10 recovery codes kept hashed', async () => {
    const officer = await p.loginAs('tiepnhan.hongbang');
    expect((await officer.get('/api/auth/second-factor')).json()).toEqual({ totp: { enrolled: false, enrolledAt: null }, recoveryCodesLeft: 0, passkeys: [], required: false });
    expectProblem(await officer.post('/api/auth/second-factor/totp/confirm', { code: '123456' }), 409, 'identity.second_factor_enrolment_not_started');
    const started = (await officer.post('/api/auth/second-factor/totp')).json() as { secret: string; otpauthUri: string };
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(started.secret);
    expect(uri.searchParams.get('issuer')).toBe('MotCua');
    // A wrong code confirms nothing.
    const wrong = totpAt(started.secret, new Date(p.clock.now().getTime() + 10 * 60_000));
    expectProblem(await officer.post('/api/auth/second-factor/totp/confirm', { code: wrong }), 422, 'identity.second_factor_enrolment_code_wrong');
    const acc = await accountOf('tiepnhan.hongbang');
    expect((await p.ctx.db.select().from(mfaTotp).where(eq(mfaTotp.accountId, acc.id)))[0].confirmedAt).toBeNull();

    const confirmed = await officer.post('/api/auth/second-factor/totp/confirm', { code: totpAt(started.secret, p.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    const codes = (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const stored = await p.ctx.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.accountId, acc.id));
    expect(stored).toHaveLength(10);
    for (const s of stored) expect(codes.some((c) => s.codeHash.includes(c) || s.codeHash.includes(c.replace('-', '')))).toBe(false);
    const status = (await officer.get('/api/auth/second-factor')).json();
    expect(status).toMatchObject({ totp: { enrolled: true }, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status)).not.toContain(started.secret);
    // Enrolled: no second secret, and the secret is in no audit record.
    expectProblem(await officer.post('/api/auth/second-factor/totp'), 409, 'identity.second_factor_enrolled');
    const audits = await p.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, acc.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.second_factor_enrolment_started', 'auth.second_factor_enrolled']));
    expect(JSON.stringify(audits)).not.toContain(started.secret);
  });
});

describe('login with a second factor', () => {
  let secret: string;
  let recoveryCodes: string[];
  const username = 'chuyenvien.hongbang';
  beforeAll(async () => {
    ({ secret, recoveryCodes } = await enrol(await p.loginAs(username)));
  });

  it('asks for a code after the password, opens the session with it, and refuses the same code again (replay)', async () => {
    nextStep();
    const challengeId = await passwordStep(username);
    const code = totpAt(secret, p.clock.now());
    const ok = await secondStep(challengeId, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.username).toBe(username);
    const officer = clientOf(ok);
    expect((await officer.get('/api/auth/session')).json()).toMatchObject({ displayName: 'Trần Văn Minh', secondFactorRequired: false });
    // The challenge is spent.
    expectProblem(await secondStep(challengeId, totpAt(secret, new Date(p.clock.now().getTime() + 30_000))), 401, 'identity.second_factor_challenge_invalid');
    // The same code (same time step) with a new challenge: a replay.
    const again = await passwordStep(username);
    expectProblem(await secondStep(again, code), 401, 'identity.second_factor_replayed');
    // The code of the previous step (still within the window) is older than the one used: refused too.
    expectProblem(await secondStep(again, totpAt(secret, new Date(p.clock.now().getTime() - 30_000))), 401, 'identity.second_factor_replayed');
    // The next step's code works.
    nextStep();
    expect((await secondStep(again, totpAt(secret, p.clock.now()))).statusCode).toBe(200);
    const acc = await accountOf(username);
    expect(acc.failedLogins).toBe(0); // a successful login resets the failures the replays counted
    const audits = await auditOf(acc.id, ['auth.login_failed', 'auth.second_factor_used']);
    expect(audits.filter((a) => a.action === 'auth.login_failed')).toHaveLength(2); // the two replays
    expect(audits.filter((a) => a.action === 'auth.second_factor_used')).toHaveLength(2);
  });

  it('refuses a wrong code, counting it as a failed login', async () => {
    nextStep();
    const challengeId = await passwordStep(username);
    const wrong = totpAt(secret, new Date(p.clock.now().getTime() + 5 * 60_000));
    expectProblem(await secondStep(challengeId, wrong), 401, 'identity.second_factor_invalid');
    expectProblem(await secondStep(challengeId, 'AAAAA-AAAAA'), 401, 'identity.second_factor_invalid');
    expect((await accountOf(username)).failedLogins).toBe(2);
    // The challenge stays usable until it expires; the right code still opens the session.
    expect((await secondStep(challengeId, totpAt(secret, p.clock.now()))).statusCode).toBe(200);
    expect((await accountOf(username)).failedLogins).toBe(0);
  });

  it('accepts a recovery code once', async () => {
    const first = await passwordStep(username);
    const ok = await secondStep(first, recoveryCodes[3].toLowerCase().replace('-', ' '));
    expect(ok.statusCode).toBe(200);
    const officer = clientOf(ok);
    expect((await officer.get('/api/auth/second-factor')).json()).toMatchObject({ recoveryCodesLeft: 9 });
    const second = await passwordStep(username);
    expectProblem(await secondStep(second, recoveryCodes[3]), 401, 'identity.second_factor_invalid');
    expect((await secondStep(second, recoveryCodes[4])).statusCode).toBe(200);
  });

  it('expires the challenge after five minutes', async () => {
    nextStep();
    const challengeId = await passwordStep(username);
    p.clock.advance(5 * 60_000 + 1_000);
    expectProblem(await secondStep(challengeId, totpAt(secret, p.clock.now())), 401, 'identity.second_factor_challenge_invalid');
    expectProblem(await secondStep('not-a-challenge', '123456'), 401, 'identity.second_factor_challenge_invalid');
  });
});

describe('lock-out', () => {
  it('locks the account after repeated wrong second-factor codes, in the same count as passwords (423)', async () => {
    const username = 'lanhdao.hongbang';
    const { secret } = await enrol(await p.loginAs(username));
    nextStep();
    // One wrong password, then wrong codes: five failures in all lock the account.
    expectProblem(await anon().post('/api/auth/login', { username, password: 'wrong-password-1' }), 401, 'auth.invalid_credentials');
    const challengeId = await passwordStep(username);
    const wrong = totpAt(secret, new Date(p.clock.now().getTime() + 7 * 60_000));
    for (let i = 0; i < 3; i++) expectProblem(await secondStep(challengeId, wrong), 401, 'identity.second_factor_invalid');
    const locked = expectProblem(await secondStep(challengeId, wrong), 423, 'auth.account_locked');
    expect(locked.lockedUntil).toBeTruthy();
    // Locked: even the right code, and the password, are refused.
    expectProblem(await secondStep(challengeId, totpAt(secret, p.clock.now())), 423, 'auth.account_locked');
    expectProblem(await anon().post('/api/auth/login', { username, password: DEMO_PASSWORD }), 423, 'auth.account_locked');
    const acc = await accountOf(username);
    expect(acc.failedLogins).toBe(5);
    expect(await auditOf(acc.id, ['auth.account_locked'])).toHaveLength(1);
    // The lock passes: password and code open a session again.
    p.clock.advance(16 * 60_000);
    const fresh = await passwordStep(username);
    expect((await secondStep(fresh, totpAt(secret, p.clock.now()))).statusCode).toBe(200);
  });
});

describe('roles that require a second factor (MFA_REQUIRED_ROLES)', () => {
  it('lets an administrator without one only enrol (403 identity.second_factor_required elsewhere), then everything after enrolling', async () => {
    const admin = await p.loginAs('admin');
    expect((await admin.get('/api/auth/session')).json()).toMatchObject({ secondFactorRequired: true });
    const refused = expectProblem(await admin.get('/api/admin/accounts'), 403, 'identity.second_factor_required');
    expect(refused.title).toBeTruthy();
    expectProblem(await admin.get('/api/auth/sessions'), 403, 'identity.second_factor_required');
    expectProblem(await admin.get('/api/auth/sessions', { 'accept-language': 'en' }), 403, 'identity.second_factor_required');
    expect((await admin.get('/api/auth/second-factor')).json()).toMatchObject({ totp: { enrolled: false }, required: true });
    // An officer whose roles do not require it is not held back.
    expect((await (await p.loginAs('tiepnhan.xaydung')).get('/api/auth/sessions')).statusCode).toBe(200);

    await enrol(admin);
    expect((await admin.get('/api/admin/accounts')).statusCode).toBe(200);
    expect((await admin.get('/api/auth/session')).json()).toMatchObject({ secondFactorRequired: false });
    // Its next login asks for the code.
    nextStep();
    await passwordStep('admin');
  });

  it('lets an administrator without one log out', async () => {
    const qtv = await p.loginAs('qtv.haiphong');
    expectProblem(await qtv.get('/api/admin/accounts'), 403, 'identity.second_factor_required');
    expect((await qtv.post('/api/auth/logout')).statusCode).toBe(204);
    expectProblem(await qtv.get('/api/auth/session'), 401, 'unauthenticated');
  });

  it('reads MFA_REQUIRED_ROLES: administrators by default, none with the demo data, exactly the list when set', () => {
    expect(loadConfig({ SEED_DEMO: 'false' }).mfaRequiredRoles).toEqual(['platform_admin', 'agency_admin']);
    expect(loadConfig({ SEED_DEMO: 'true' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ SEED_DEMO: 'true', MFA_REQUIRED_ROLES: 'approver, platform_admin' }).mfaRequiredRoles).toEqual(['approver', 'platform_admin']);
    expect(loadConfig({ SEED_DEMO: 'false', MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'platform_admin,boss' })).toThrow(/MFA_REQUIRED_ROLES/);
  });
});

it('keeps only hashes of challenges', async () => {
  const rows = await p.ctx.db.select().from(mfaChallenges);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.tokenHash).toMatch(/^[0-9a-f]{64}$/);
});

describe('passkeys (refusals; the ceremonies themselves run in Chromium, test/e2e/mfa.test.ts)', () => {
  it('refuses an answer without options, a forged answer, and passkey login for an account without one', async () => {
    const officer = await p.loginAs('trakq.hongbang');
    expectProblem(await officer.post('/api/auth/second-factor/passkeys', { name: 'x', credential: { id: 'abc' } }), 409, 'identity.second_factor_enrolment_not_started');
    const options = (await officer.post('/api/auth/second-factor/passkeys/options', undefined, { host: 'motcua.example.vn' })).json() as { rp: { id: string; name: string }; challenge: string; user: { name: string } };
    expect(options.rp).toEqual({ id: 'motcua.example.vn', name: 'MotCua' });
    expect(options.challenge.length).toBeGreaterThan(20);
    const forged = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: 'https://evil.example' })).toString('base64url'), attestationObject: 'AA' }, clientExtensionResults: {} };
    expectProblem(await officer.post('/api/auth/second-factor/passkeys', { name: 'x', credential: forged }, { host: 'motcua.example.vn' }), 422, 'identity.passkey_rejected');
    expect((await officer.get('/api/auth/second-factor')).json()).toMatchObject({ passkeys: [] });

    // With only a TOTP app, no passkey is offered; a forged passkey answer counts as a failed login.
    const { secret } = await enrol(officer);
    expect(secret).toBeTruthy();
    nextStep();
    const challengeId = await passwordStep('trakq.hongbang');
    expectProblem(await anon().post('/api/auth/login/passkey/options', { challengeId }), 409, 'identity.no_passkey');
    expectProblem(await anon().post('/api/auth/login/passkey', { challengeId, credential: { id: 'abc' } }), 401, 'identity.second_factor_invalid');
    expect((await accountOf('trakq.hongbang')).failedLogins).toBe(1);
  });
});
