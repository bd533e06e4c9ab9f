import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../../test/support/platform';
import { auditLog } from '../../../platform/audit/audit.schema';
import { accounts } from '../identity.schema';
import { eidProviderStore, eidSecrets, oidcLoginRequests } from './eid.schema';
import { DEMO_EID_PASSWORD } from './demo-citizens';
import { requireAssuranceLevel } from '../assurance';
import { loadOrCreateSecret } from './provider.secrets';
import { tokenHash } from '../../../platform/auth/tokens';
import { Browser, forms, freePort, type Page } from '../../../../test/support/identity/browser';

/**
 * The acceptance flow: the platform listens on 127.0.0.1 (a port the OS chose) with PUBLIC_URL set to it, and a
 * headless browser signs in with the platform's own built-in e-ID provider — code flow with PKCE, login form,
 * consent, callback, session cookie.
 */
let p: TestPlatform;
let base: string;
const AN = { personalId: '031085001234', name: 'Nguyễn Văn An' }; // level 2
const HUY = { personalId: '031201001357', name: 'Đặng Quốc Huy' }; // level 1

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Demo mode without the demo data: the demo citizens answer from their in-memory list (no registry loaded).
  p = await startTestPlatform({ demo: false, env: { SEED_DEMO: 'true', PORT: String(port), PUBLIC_URL: base, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
  await p.app.listen({ port, host: '127.0.0.1' });
});
afterAll(() => p?.close());

const isCallback = (loc: string) => loc.startsWith(`${base}/api/auth/eid/callback`);
const outsideAuth = (loc: string) => !loc.startsWith(`${base}/oidc/`) && !isCallback(loc);

/** From the login link to the provider's login page. */
async function openLogin(b: Browser, returnTo = '/ho-so') {
  const page = await b.follow(`${base}/api/auth/eid/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  return page;
}

/** Login form and consent, stopping at the redirect to the platform's callback (not followed). */
async function upToCallback(b: Browser, who: { personalId: string }): Promise<string> {
  const login = await openLogin(b);
  const consent = await b.submit(login, /\/login$/, { personalId: who.personalId, password: DEMO_EID_PASSWORD });
  expect(consent.body).toContain('Cho phép chia sẻ thông tin');
  const back = await b.submit(consent, /\/confirm$/, {}, isCallback);
  expect(back.location).toBeDefined();
  return back.location!;
}

async function signIn(who: { personalId: string }) {
  const b = new Browser();
  const callback = await upToCallback(b, who);
  const done = await b.follow(callback, {}, outsideAuth);
  expect(done.status, done.body).toBe(303);
  return { b, done };
}

const session = async (b: Browser) => JSON.parse((await b.request(`${base}/api/auth/session`)).body);

describe('e-ID login with the built-in provider (headless, code + PKCE)', () => {
  it('signs a demo citizen in and shows the citizen with its assurance level', async () => {
    const b = new Browser();
    const loginPage = await openLogin(b);
    const [toProvider] = b.visited.slice(1);
    const authorize = new URL(toProvider);
    expect(authorize.pathname).toBe('/oidc/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('response_type')).toBe('code');
    // Only a random binding goes to the browser; state, nonce and verifier stay in the database.
    expect(b.cookie('motcua_oidc')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const consent = await b.submit(loginPage, /\/login$/, { personalId: AN.personalId, password: DEMO_EID_PASSWORD });
    const listed = [...consent.body.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(listed).toEqual(['Số định danh cá nhân', 'Họ, chữ đệm và tên', 'Ngày, tháng, năm sinh', 'Mức độ định danh điện tử (mức 1 hoặc mức 2)']);
    expect(consent.body).toContain(AN.name);

    const done = await b.submit(consent, /\/confirm$/, {}, outsideAuth);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${base}/ho-so`);
    expect(b.cookie('motcua_session')).toBeTruthy();
    expect(b.cookie('motcua_oidc')).toBeUndefined();

    const me = await session(b);
    expect(me).toMatchObject({ kind: 'citizen', displayName: AN.name, personalId: AN.personalId, assuranceLevel: 2 });
    const [acc] = await p.ctx.db.select().from(accounts).where(eq(accounts.personalId, AN.personalId));
    expect(acc).toMatchObject({ kind: 'citizen', birthdate: '1985-03-14', assuranceLevel: 2 });
    const audited = await p.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, acc.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['account.citizen_created', 'auth.login']));
  });

  it('finds the same account at the next login, keyed by the personal ID number', async () => {
    const first = await session((await signIn(AN)).b);
    const second = await session((await signIn(AN)).b);
    expect(second.accountId).toBe(first.accountId);
    expect(await p.ctx.db.select().from(accounts).where(eq(accounts.personalId, AN.personalId))).toHaveLength(1);
  });

  it('records level 1 for a level-1 citizen, whom requireAssuranceLevel(…, 2) refuses', async () => {
    const { b } = await signIn(HUY);
    const me = await session(b);
    expect(me.assuranceLevel).toBe(1);
    const principal = await p.services.identity.resolve(b.cookie('motcua_session')!, 'web');
    expect(principal!.assuranceLevel).toBe(1);
    expect(() => requireAssuranceLevel(principal!, 1)).not.toThrow();
    let err: any;
    try {
      requireAssuranceLevel(principal!, 2);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ status: 403, code: 'eid.assurance_too_low', title: { vi: expect.stringContaining('Mức độ định danh'), en: expect.any(String) } });
    // The same refusal through a route that needs level 2.
    const refused = await fetch(`${base}/api/authorisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, cookie: `motcua_session=${b.cookie('motcua_session')}` },
      body: JSON.stringify({ agentPersonalId: AN.personalId, validUntil: '2099-12-31' }),
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('eid.assurance_too_low');
  });
});

describe('the provider pages', () => {
  it('are in Vietnamese, labelled, with a demo note, and show errors next to the field', async () => {
    const b = new Browser();
    const page = await openLogin(b);
    expect(page.body).toMatch(/<html lang="vi">/);
    expect(page.body).toMatch(/<label for="personalId">Số định danh cá nhân<\/label>/);
    expect(page.body).toMatch(/<label for="password">Mật khẩu<\/label>/);
    expect(page.body).toContain(':focus-visible');
    expect(page.body).toContain(DEMO_EID_PASSWORD);
    expect(page.body).toContain(AN.name);
    expect(page.body).toContain('Mức 1');

    const empty = await b.submit(page, /\/login$/, { personalId: '12ab', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Số định danh cá nhân phải gồm đúng 12 chữ số.');
    expect(empty.body).toContain('Nhập mật khẩu.');
    expect(empty.body).toMatch(/id="personalId"[^>]*aria-invalid="true"/);
    expect(empty.body).toMatch(/aria-describedby="personalId-hint personalId-error"/);
    expect(empty.body).toContain('href="#personalId"');

    const wrong = await b.submit(empty, /\/login$/, { personalId: AN.personalId, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Số định danh cá nhân hoặc mật khẩu không đúng.');
    expect(wrong.body).toContain(`value="${AN.personalId}"`);
    expect(await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'eid.provider_login_failed'))).not.toHaveLength(0);

    const ok = await b.submit(wrong, /\/login$/, { personalId: AN.personalId, password: DEMO_EID_PASSWORD });
    expect(ok.body).toContain('Cho phép chia sẻ thông tin');
  });

  it('switch to English with lang=en', async () => {
    const b = new Browser();
    const page = await openLogin(b);
    const link = /href="([^"]+\?lang=en)"/.exec(page.body)![1];
    const en = await b.request(new URL(link, base).href);
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.body).toContain('Personal identification number');
    expect(forms(en.body)[0].fields.lang).toBe('en');
  });

  it('answer an unknown interaction with an error page, not a crash', async () => {
    const res = await new Browser().request(`${base}/oidc/interaction/abcdefghijklmnop`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Không thể tiếp tục đăng nhập');
  });

  it("show the provider's own errors (an unknown client) on a Vietnamese page", async () => {
    const res = await new Browser().request(`${base}/oidc/auth?client_id=unknown-client&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${base}/x`)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/<html lang="vi">/);
    expect(res.body).toContain('Không thể tiếp tục đăng nhập');
    expect(res.body).toContain('Chi tiết kỹ thuật');
  });

  it('keep the provider artefacts and keys in the database', async () => {
    const models = new Set((await p.ctx.db.select({ model: eidProviderStore.model }).from(eidProviderStore)).map((r) => r.model));
    for (const m of ['Session', 'Grant', 'AuthorizationCode', 'AccessToken']) expect(models).toContain(m);
    const names = (await p.ctx.db.select({ name: eidSecrets.name }).from(eidSecrets)).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['eid.provider.jwks', 'eid.provider.cookie_keys', 'eid.provider.portal_client_secret']));
    // Generated once: a second start reads the same keys.
    const jwks = await loadOrCreateSecret<{ keys: Array<{ kid: string; d?: string }> }>(p.ctx.db, 'eid.provider.jwks', () => ({ keys: [] }));
    expect(jwks.keys[0].d).toBeTruthy();
    const published = JSON.parse((await new Browser().request(`${base}/oidc/jwks`)).body);
    expect(published.keys.map((k: { kid: string }) => k.kid)).toEqual([jwks.keys[0].kid]);
    expect(published.keys[0].d).toBeUndefined();
    const discovery = JSON.parse((await new Browser().request(`${base}/oidc/.well-known/openid-configuration`)).body);
    expect(discovery.issuer).toBe(`${base}/oidc`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
  });
});

describe('refusals at the callback', () => {
  const failures = (reason: string) => p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.eid_login_failed'), eq(auditLog.targetId, reason)));
  const problem = (page: Page, status: number, code: string) => {
    expect(page.status, page.body).toBe(status);
    expect(page.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(page.body).code).toBe(code);
  };

  it('refuses a wrong state, audits it, and the pending login is gone', async () => {
    const b = new Browser();
    const callback = new URL(await upToCallback(b, AN));
    const right = callback.searchParams.get('state')!;
    callback.searchParams.set('state', `${right.slice(0, -2)}xx`);
    problem(await b.request(callback.href), 400, 'eid.state_mismatch');
    expect(await failures('state_mismatch')).not.toHaveLength(0);
    expect(b.cookie('motcua_session')).toBeUndefined();
  });

  it('refuses a replayed authorization code: the provider rejects the second exchange', async () => {
    const b = new Browser();
    const callback = await upToCallback(b, AN);
    const binding = b.cookie('motcua_oidc')!;
    const pending = await p.ctx.db.select().from(oidcLoginRequests).where(eq(oidcLoginRequests.bindingHash, tokenHash(binding)));
    expect(pending).toHaveLength(1);
    expect((await b.follow(callback, {}, outsideAuth)).status).toBe(303);
    // An attacker holding the same pending login (a second, concurrent callback) replays the code.
    await p.ctx.db.insert(oidcLoginRequests).values(pending);
    const replay = await fetch(callback, { headers: { cookie: `motcua_oidc=${binding}` }, redirect: 'manual' });
    problem({ url: callback, status: replay.status, headers: replay.headers, body: await replay.text() }, 401, 'eid.code_rejected');
    expect(await failures('code_rejected')).not.toHaveLength(0);
  });

  it('accepts a callback once, only in the browser that started the login', async () => {
    const b = new Browser();
    const callback = await upToCallback(b, AN);
    problem(await new Browser().request(callback), 400, 'eid.login_request_missing');
    expect(await failures('no_login_request')).not.toHaveLength(0);
  });

  it('reports a cancelled login', async () => {
    const b = new Browser();
    const login = await openLogin(b);
    const back = await b.submit(login, /\/abort$/, {}, isCallback);
    expect(new URL(back.location!).searchParams.get('error')).toBe('access_denied');
    problem(await b.request(back.location!), 401, 'eid.login_cancelled');
  });

  it('sends the browser back only to a path of this site', async () => {
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/ok\nSet-Cookie: x=1']) {
      const res = await p.anonymous().get(`/api/auth/eid/login?returnTo=${encodeURIComponent(target)}`);
      expectProblem(res, 400, 'eid.bad_return_to');
    }
    const ok = await p.anonymous().get(`/api/auth/eid/login?returnTo=${encodeURIComponent('/dich-vu?ma=1.001234#top')}`);
    expect(ok.statusCode).toBe(302);
  });
});

describe('e-ID sessions', () => {
  it('are listed with the login method, and revoked by sign-out everywhere', async () => {
    const { b } = await signIn(AN);
    const me = await session(b);
    const list = JSON.parse((await b.request(`${base}/api/auth/sessions`)).body);
    expect(list.some((s: { label: string }) => s.label === 'eid')).toBe(true);
    const revoked = await b.request(`${base}/api/auth/sessions/revoke-all`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
    expect(JSON.parse(revoked.body).revoked).toBeGreaterThanOrEqual(1);
  });

  it('end with RP-initiated logout at the provider, in Vietnamese', async () => {
    const { b } = await signIn(AN);
    const me = await session(b);
    const out = await b.request(`${base}/api/auth/eid/logout`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
    expect(out.status).toBe(200);
    const { logoutUrl } = JSON.parse(out.body);
    const url = new URL(logoutUrl);
    expect(url.pathname).toBe('/oidc/session/end');
    expect(url.searchParams.get('client_id')).toBe('motcua-portal');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/`);
    expect((await b.request(`${base}/api/auth/session`)).status).toBe(401);
    const confirm = await b.request(logoutUrl);
    expect(confirm.body).toContain('Bạn có muốn đăng xuất khỏi hệ thống định danh điện tử không?');
    const done = await b.submit(confirm, /session\/end\/confirm/, { logout: 'yes' }, (loc) => loc === `${base}/`);
    expect(done.location).toBe(`${base}/`);
  });

  it('expire after the idle timeout like every web session', async () => {
    const { b } = await signIn(AN);
    expect((await b.request(`${base}/api/auth/session`)).status).toBe(200);
    p.clock.advance((p.config.sessionIdleMinutes + 1) * 60_000);
    expect((await b.request(`${base}/api/auth/session`)).status).toBe(401);
  });

  it('expire at the absolute lifetime even when used', async () => {
    p.clock.set(new Date());
    const { b } = await signIn(AN);
    // Used every 20 minutes (within the idle timeout) until the absolute lifetime is reached.
    const steps = (p.config.sessionAbsoluteHours * 60) / 20;
    for (let i = 1; i < steps; i++) {
      p.clock.advance(20 * 60_000);
      expect((await b.request(`${base}/api/auth/session`)).status).toBe(200);
    }
    p.clock.advance(20 * 60_000);
    expect((await b.request(`${base}/api/auth/session`)).status).toBe(401);
  });
});
