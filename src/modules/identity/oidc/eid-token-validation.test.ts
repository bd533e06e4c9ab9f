import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../../test/support/platform';
import { auditLog } from '../../../platform/audit/audit.schema';
import { Browser, freePort } from '../../../../test/support/identity/browser';
import { startCraftedProvider, type CraftedProvider, type Forgery } from '../../../../test/support/identity/crafted-op';

/**
 * ID token validation, through the platform's real callback route and relying party, against a provider that the
 * test controls and that signs whatever it is told to.
 */
let p: TestPlatform;
let op: CraftedProvider;
let base: string;

beforeAll(async () => {
  const [port, opPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  op = await startCraftedProvider({ port: opPort, clientId: 'motcua-test', clientSecret: 'test-secret-1', person: { personal_id: '031190004567', name: 'Trần Thị Bình', birthdate: '1990-07-22' } });
  p = await startTestPlatform({
    demo: false,
    env: {
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      EID_BUILTIN: 'false',
      EID_ISSUER: op.issuer,
      EID_CLIENT_ID: 'motcua-test',
      EID_CLIENT_SECRET: 'test-secret-1',
    },
  });
  await p.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await p?.close();
  await op?.close();
});

/** One login through the crafted provider, stopping at the platform's answer to the callback. */
async function login(forge: Forgery) {
  op.forge = forge;
  const b = new Browser();
  const page = await b.follow(`${base}/api/auth/eid/login?returnTo=/trang-ca-nhan`, {}, (loc) => loc === `${base}/trang-ca-nhan`);
  return { b, page };
}

async function failures(reason: string) {
  return p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.eid_login_failed'), eq(auditLog.targetId, reason)));
}

describe('ID token validation', () => {
  it('accepts a valid token (control), sends a matching PKCE verifier and opens a level-2 session', async () => {
    const { b, page } = await login('none');
    expect(page.status).toBe(303);
    expect(page.location).toBe(`${base}/trang-ca-nhan`);
    expect(op.pkceChecks.at(-1)).toBe(true);
    const me = await b.request(`${base}/api/auth/session`);
    expect(JSON.parse(me.body)).toMatchObject({ kind: 'citizen', personalId: '031190004567', displayName: 'Trần Thị Bình', assuranceLevel: 2 });
  });

  // What each forgery is refused for, as openid-client words it: the test proves the right check caught it.
  const refused: Array<[Forgery, string, RegExp]> = [
    ['tampered_signature', 'a token whose payload (the level) was changed after signing', /signature verification failed/],
    ['unknown_key', 'a token signed by a key the provider does not publish', /signature verification failed/],
    ['alg_none', 'an unsigned token (alg none)', /"alg"/],
    ['wrong_nonce', 'a token with another nonce', /"nonce"/],
    ['wrong_audience', 'a token for another client (audience)', /"aud"/],
    ['expired', 'an expired token', /"exp"/],
    ['wrong_issuer', 'a token from another issuer', /"iss"/],
    ['userinfo_other_subject', 'userinfo about another subject than the ID token', /"sub"/],
  ];
  for (const [forge, what, why] of refused) {
    it(`refuses ${what} with 401 eid.token_invalid, opens no session and audits it`, async () => {
      const before = (await failures('token_invalid')).length;
      const warn = vi.spyOn(p.app.log, 'warn');
      const { b, page } = await login(forge);
      expect(page.status, page.body).toBe(401);
      expect(page.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(page.body).code).toBe('eid.token_invalid');
      expect(b.cookie('motcua_session')).toBeUndefined();
      expect((await failures('token_invalid')).length).toBe(before + 1);
      const logged = warn.mock.calls.map(([obj]) => (obj as { err?: Error }).err).find(Boolean);
      expect(`${logged?.message} ${(logged?.cause as Error | undefined)?.message}`).toMatch(why);
      warn.mockRestore();
    });
  }

  it('refuses a code the provider rejects (invalid_grant) with eid.code_rejected', async () => {
    const { page } = await login('token_error');
    expect(page.status).toBe(401);
    expect(JSON.parse(page.body).code).toBe('eid.code_rejected');
    expect((await failures('code_rejected')).length).toBeGreaterThan(0);
  });

  it('refuses a login whose claims carry no personal ID number with eid.claims_invalid', async () => {
    const { page } = await login('no_personal_id');
    expect(page.status).toBe(401);
    expect(JSON.parse(page.body).code).toBe('eid.claims_invalid');
  });

  it('answers 502 eid.provider_unavailable when the provider cannot be reached', async () => {
    const deadPort = await freePort();
    const q = await startTestPlatform({ demo: false, env: { EID_BUILTIN: 'false', EID_ISSUER: `http://127.0.0.1:${deadPort}`, EID_CLIENT_ID: 'x' } });
    try {
      const res = await q.anonymous().get('/api/auth/eid/login');
      expect(res.statusCode).toBe(502);
      expect(res.json().code).toBe('eid.provider_unavailable');
    } finally {
      await q.close();
    }
  });
});
