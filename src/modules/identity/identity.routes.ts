import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { SESSION_COOKIE } from '../../platform/auth/auth.hook';
import { platformErrors } from '../../platform/http/errors';
import { IdParams, NoContent, Obj, Uuid } from '../../platform/http/schemas';
import {
  AccountCreateSchema,
  AccountSchema,
  GrantInputSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  OpenSessionSchema,
  PasskeyLoginSchema,
  PasskeyRegisterSchema,
  PasskeySchema,
  RecoveryCodesSchema,
  SecondFactorChallengeSchema,
  SecondFactorLoginRequestSchema,
  SecondFactorStatusSchema,
  SessionSchema,
  TotpConfirmSchema,
  TotpEnrolmentSchema,
  WebAuthnJsonSchema,
  type Session,
} from '../../shared/api/identity';
import { identityErrors, mfaErrors } from './identity.errors';
import type { IdentityService } from './identity.service';

export function registerIdentityRoutes(app: App, ctx: AppContext, identity: IdentityService) {
  const authLimit = { max: ctx.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  const signedIn = (...errors: { code: string; status: number }[]) => ({ policy: policy.authenticated(), errors });
  /** Open to an officer who must still enrol a second factor (see the auth hook). */
  const beforeSecondFactor = true as const;
  const setSessionCookie = (reply: { setCookie: (name: string, value: string, opts: object) => unknown }, s: { token: string; expiresAt: Date }) =>
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: s.expiresAt });

  app.post(
    '/api/auth/login',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: [identityErrors.badCredentials, identityErrors.locked, platformErrors.rateLimited], idempotency: { exempt: 'a login: a stored answer would hand the session to whoever replays the key' } },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Officer password login',
        description:
          'Checks an officer’s or system client’s username and password, opens a web session (HTTP-only SameSite cookie) and returns the account and the CSRF token to send as X-CSRF-Token. When the account has a second factor enrolled, no session is opened yet: the answer is `secondFactor` with a challenge to send with the code to /api/auth/login/second-factor. Failures are audited; repeated failures lock the account for a while (423).',
        body: LoginRequestSchema,
        response: { 200: Type.Union([LoginResponseSchema, SecondFactorChallengeSchema]) },
      },
    },
    async (req, reply) => {
      const s = await identity.passwordLoginStep(req.body.username, req.body.password, String(req.id));
      if ('secondFactor' in s) return { secondFactor: s.secondFactor! };
      setSessionCookie(reply, s);
      return { account: s.account, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: {
        policy: policy.public(),
        rateLimit: authLimit,
        errors: [mfaErrors.codeWrong, mfaErrors.codeReplayed, mfaErrors.challengeInvalid, identityErrors.locked, platformErrors.rateLimited],
        idempotency: { exempt: 'a login: a stored answer would hand the session to whoever replays the key' },
      },
      schema: {
        operationId: 'loginSecondFactor',
        tags: ['auth'],
        summary: 'Second step of an officer login',
        description:
          'Sends the 6-digit code of the authenticator app (TOTP), or a one-time recovery code, for the challenge a correct password answered; opens the web session as /api/auth/login does. A code of a time step already used is refused; a wrong code counts in the same lock-out as a wrong password (423).',
        body: SecondFactorLoginRequestSchema,
        response: { 200: LoginResponseSchema },
      },
    },
    async (req, reply) => {
      const s = await identity.secondFactorLogin(req.body.challengeId, req.body.code, String(req.id));
      setSessionCookie(reply, s);
      return { account: s.account, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  /** The relying party of a passkey ceremony: the host this request came to, and its origin. */
  const relyingParty = (req: { protocol: string; host: string; hostname: string }) => ({ rpID: req.hostname, origin: `${req.protocol}://${req.host}` });

  app.post(
    '/api/auth/login/passkey/options',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: [mfaErrors.challengeInvalid, mfaErrors.noPasskey, platformErrors.rateLimited], idempotency: { exempt: 'a new WebAuthn challenge each time' } },
      schema: {
        operationId: 'passkeyLoginOptions',
        tags: ['auth'],
        summary: 'Passkey options for the second step of a login',
        description: 'For the challenge a correct password answered: the options for navigator.credentials.get() (the account’s passkeys for this host, a fresh WebAuthn challenge kept with the login step).',
        body: Obj({ challengeId: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: WebAuthnJsonSchema },
      },
    },
    async (req) => identity.passkeyLoginOptions(req.body.challengeId, relyingParty(req), String(req.id)) as unknown as Record<string, unknown>,
  );

  app.post(
    '/api/auth/login/passkey',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: [mfaErrors.codeWrong, mfaErrors.challengeInvalid, identityErrors.locked, platformErrors.rateLimited], idempotency: { exempt: 'a login: a stored answer would hand the session to whoever replays the key' } },
      schema: {
        operationId: 'loginPasskey',
        tags: ['auth'],
        summary: 'Second step of an officer login with a passkey',
        description: 'The browser’s signed answer to the passkey options of this login step; the origin must be this host’s and the signature counter must grow. Opens the web session as /api/auth/login does; a refused answer counts in the same lock-out as a wrong password (423).',
        body: PasskeyLoginSchema,
        response: { 200: LoginResponseSchema },
      },
    },
    async (req, reply) => {
      const s = await identity.passkeyLogin(req.body.challengeId, req.body.credential, relyingParty(req), String(req.id));
      setSessionCookie(reply, s);
      return { account: s.account, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  const officer = (...errors: { code: string; status: number }[]) => ({ policy: policy.authenticated('officer'), errors: [platformErrors.forbidden, ...errors], beforeSecondFactor });

  app.get(
    '/api/auth/second-factor',
    {
      config: officer(),
      schema: { operationId: 'getSecondFactor', tags: ['auth'], summary: 'My second factor', description: 'Whether an authenticator app (TOTP) is enrolled, how many recovery codes are left, and whether a role of mine requires a second factor.', response: { 200: SecondFactorStatusSchema } },
    },
    async (req) => ({ ...(await identity.mfa.status(req.principal!.accountId)), required: req.principal!.grants.some((g) => ctx.config.mfaRequiredRoles.includes(g.role)) }),
  );

  app.post(
    '/api/auth/second-factor/totp',
    {
      config: { ...officer(mfaErrors.alreadyEnrolled), idempotency: { exempt: 'a new secret each time, shown once: a stored answer would keep the secret' } },
      schema: {
        operationId: 'startTotpEnrolment',
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app',
        description: 'Creates a TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) waiting for its first code and returns it as base32 text and as an otpauth:// URI (issuer MotCua) to show as a QR code. Starting again replaces a secret not yet confirmed; refused once enrolled.',
        response: { 201: TotpEnrolmentSchema },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      return reply.status(201).send(await identity.mfa.startTotp({ ...actorOf(req), accountId: p.accountId }, p.displayName));
    },
  );

  app.post(
    '/api/auth/second-factor/passkeys/options',
    {
      config: { ...officer(), idempotency: { exempt: 'a new WebAuthn challenge each time' } },
      schema: {
        operationId: 'passkeyRegistrationOptions',
        tags: ['auth'],
        summary: 'Start registering a passkey',
        description: 'The options for navigator.credentials.create() for this host (relying party = the host of the request); the challenge waits five minutes for the answer.',
        response: { 200: WebAuthnJsonSchema },
      },
    },
    async (req) => {
      const p = req.principal!;
      return (await identity.mfa.webauthn.registrationOptions(p.accountId, p.displayName, p.displayName, relyingParty(req))) as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/api/auth/second-factor/passkeys',
    {
      config: { ...officer(mfaErrors.enrolmentNotStarted, mfaErrors.passkeyRejected), idempotency: { exempt: 'the registration challenge is spent by the first answer; a retry is refused' } },
      schema: {
        operationId: 'registerPasskey',
        tags: ['auth'],
        summary: 'Register a passkey as a second factor',
        description: 'Verifies the browser’s answer to the registration options (challenge, origin of this host, relying party) and keeps the credential with its public key and signature counter.',
        body: PasskeyRegisterSchema,
        response: { 201: PasskeySchema },
      },
    },
    async (req, reply) => {
      const out = await identity.mfa.webauthn.register({ ...actorOf(req), accountId: req.principal!.accountId }, req.body.credential, req.body.name, relyingParty(req));
      identity.forget(req.principal!.accountId);
      return reply.status(201).send(out);
    },
  );

  app.post(
    '/api/auth/second-factor/totp/confirm',
    {
      config: { ...officer(mfaErrors.alreadyEnrolled, mfaErrors.enrolmentNotStarted, mfaErrors.enrolmentCodeWrong), idempotency: { exempt: 'answers the recovery codes once: a stored answer would keep them' } },
      schema: {
        operationId: 'confirmTotpEnrolment',
        tags: ['auth'],
        summary: 'Confirm the authenticator app with its first code',
        description: 'The first valid code confirms the secret: from now on a password login asks for a code. Answers 10 one-time recovery codes, shown this once (only their hashes are kept).',
        body: TotpConfirmSchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (req) => {
      const out = await identity.mfa.confirmTotp({ ...actorOf(req), accountId: req.principal!.accountId }, req.body.code);
      identity.forget(req.principal!.accountId); // committed: the next request no longer needs enrolment
      return out;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { ...signedIn(), beforeSecondFactor, idempotency: { exempt: 'ends this session: a retry has no session left to act under, and ending it twice changes nothing' } }, schema: { operationId: 'logout', tags: ['auth'], summary: 'End this session', description: 'Revokes the current session and clears its cookie.', response: { 204: NoContent } } },
    async (req, reply) => {
      await identity.logout(req.principal!, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { ...signedIn(), beforeSecondFactor },
      schema: {
        operationId: 'getSession',
        tags: ['auth'],
        summary: 'Who am I',
        description: 'The signed-in account: kind, name, personal ID (citizens), e-ID assurance level of this session, roles per agency, and the CSRF token to send as X-CSRF-Token.',
        response: { 200: SessionSchema },
      },
    },
    async (req): Promise<Session> => {
      const p = req.principal!;
      return { accountId: p.accountId, kind: p.kind, displayName: p.displayName, personalId: p.personalId, assuranceLevel: p.assuranceLevel, grants: p.grants, csrfToken: p.csrfToken, secondFactorRequired: !!p.secondFactorMissing };
    },
  );

  app.get(
    '/api/auth/sessions',
    { config: signedIn(), schema: { operationId: 'listMySessions', tags: ['auth'], summary: 'My open sessions', description: 'The sessions and tokens of my account that are neither revoked nor expired.', response: { 200: Type.Array(OpenSessionSchema) } } },
    async (req) => identity.listSessions(req.principal!.accountId, req.principal!.sessionId),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { ...signedIn(identityErrors.sessionNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'revokeMySession',
        tags: ['auth'],
        summary: 'End one of my sessions',
        description: 'Ends one open session or token of my account — a phone left signed in, a browser elsewhere. Ending the current session also clears its cookie. Audited.',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => {
        await identity.revokeSession(p.accountId, req.params.id, actorOf(req), tx);
        return { status: 204, body: null };
      });
      identity.forget(p.accountId);
      if (req.params.id === p.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.send(null);
    },
  );

  app.post(
    '/api/auth/sessions/revoke-all',
    { config: { ...signedIn(), idempotency: { exempt: 'revokes this session too: a retry has no session left to act under, and revoking twice changes nothing' } }, schema: { operationId: 'revokeMySessions', tags: ['auth'], summary: 'Sign out everywhere', description: 'Revokes every open session of my account, this one included.', response: { 200: Obj({ revoked: Type.Integer() }) } } },
    async (req, reply) => {
      const revoked = await identity.revokeAll(req.principal!.accountId, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { revoked };
    },
  );

  const admin = (...errors: { code: string; status: number }[]) => ({ policy: policy.roles('platform_admin', 'agency_admin'), errors: [platformErrors.forbidden, ...errors] });

  app.get(
    '/api/admin/accounts',
    {
      config: admin(),
      schema: {
        operationId: 'listAccounts',
        tags: ['accounts'],
        summary: 'Officer and system accounts I administer',
        description: 'Platform administrators see every officer and system account; agency administrators those with a role in an agency under their grant.',
        response: { 200: Type.Array(AccountSchema) },
      },
    },
    async (req) => identity.listAccounts(req.principal!),
  );

  app.post(
    '/api/admin/accounts',
    {
      config: { ...admin(identityErrors.usernameTaken, identityErrors.weakPassword), idempotency: 'key' as const },
      schema: {
        operationId: 'createAccount',
        tags: ['accounts'],
        summary: 'Create an officer or system account with its roles',
        description: 'Creates an account with roles in agencies. Agency administrators may grant roles (not platform_admin) only within their jurisdiction. A password must have at least 10 characters with letters and digits.',
        body: AccountCreateSchema,
        response: { 201: AccountSchema },
      },
    },
    // The password stays out of the request's fingerprint (kept with the key): nothing derived from it is stored there.
    async (req, reply) => runIdempotent(ctx.db, req, reply, { ...req.body, password: null }, ctx.clock.now(), async (tx) => ({ status: 201, body: await identity.createAccount(req.principal!, actorOf(req), req.body, tx) })),
  );

  app.put(
    '/api/admin/accounts/:id/grants',
    {
      config: { ...admin(identityErrors.accountNotFound, platformErrors.referenceNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'setAccountGrants',
        tags: ['accounts'],
        summary: 'Replace the roles of an account',
        description: 'Replaces every role of an officer or system account; an agency administrator must administer the agencies of the old roles as well as the new.',
        params: IdParams,
        body: Obj({ grants: Type.Array(GrantInputSchema, { maxItems: 50 }) }),
        response: { 200: AccountSchema },
      },
    },
    async (req, reply) => {
      const account = await runIdempotent(ctx.db, req, reply, req.body, ctx.clock.now(), async (tx) => ({ status: 200, body: await identity.setGrants(req.principal!, actorOf(req), req.params.id, req.body.grants, tx) }));
      identity.forget(req.params.id); // committed: its next request loads the new roles
      return account;
    },
  );

  app.post(
    '/api/admin/accounts/:id/unlock',
    {
      config: { ...admin(identityErrors.accountNotFound), idempotency: 'key' as const },
      schema: { operationId: 'unlockAccount', tags: ['accounts'], summary: 'Unlock an account locked after failed logins', description: 'Lifts the lock set after repeated failed logins and resets the failure count.', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => {
        await identity.unlock(req.principal!, actorOf(req), req.params.id, tx);
        return { status: 204, body: null };
      });
      return reply.send(null);
    },
  );

  app.post(
    '/api/admin/accounts/:id/tokens',
    {
      config: { ...admin(identityErrors.accountNotFound), idempotency: { exempt: 'a new secret each time, returned once and kept only as a hash: a stored answer would keep the secret' } },
      schema: {
        operationId: 'issueSystemToken',
        tags: ['accounts'],
        summary: 'Issue a bearer token for a system client',
        description: 'Issues a bearer token to a system account, optionally expiring. The secret is returned once; only its hash is kept.',
        params: IdParams,
        body: Obj({ label: Type.String({ minLength: 1, maxLength: 100 }), expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])) }),
        response: { 201: Obj({ id: Uuid, token: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await identity.issueToken(req.principal!, actorOf(req), req.params.id, req.body.label, req.body.expiresAt ? new Date(req.body.expiresAt) : null)),
  );

  app.get(
    '/api/admin/accounts/:id/sessions',
    {
      config: admin(identityErrors.accountNotFound),
      schema: {
        operationId: 'listAccountSessions',
        tags: ['accounts'],
        summary: 'Open sessions of an account I administer',
        description: 'The open web sessions and bearer tokens of an officer or system account within my jurisdiction, newest use first.',
        params: IdParams,
        response: { 200: Type.Array(OpenSessionSchema) },
      },
    },
    async (req) => {
      await identity.administered(req.principal!, req.params.id);
      return identity.listSessions(req.params.id, req.principal!.sessionId);
    },
  );

  app.delete(
    '/api/admin/accounts/:id/sessions/:sessionId',
    {
      config: { ...admin(identityErrors.accountNotFound, identityErrors.sessionNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'revokeAccountSession',
        tags: ['accounts'],
        summary: 'End a session of an account I administer',
        description: 'Ends one open session or token of an officer or system account within my jurisdiction (a suspected compromise, a lost device). Takes effect within seconds on every server. Audited.',
        params: Obj({ id: Uuid, sessionId: Uuid }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const role = await identity.administered(req.principal!, req.params.id);
      await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => {
        await identity.revokeSession(req.params.id, req.params.sessionId, { ...actorOf(req), role }, tx);
        return { status: 204, body: null };
      });
      identity.forget(req.params.id);
      return reply.send(null);
    },
  );

  app.post(
    '/api/admin/accounts/:id/sessions/revoke-all',
    {
      config: { ...admin(identityErrors.accountNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'revokeAccountSessions',
        tags: ['accounts'],
        summary: 'End every session of an account I administer',
        description: 'Ends every open session and token of an officer or system account within my jurisdiction. Audited.',
        params: IdParams,
        response: { 200: Obj({ revoked: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const role = await identity.administered(req.principal!, req.params.id);
      const out = await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => ({ status: 200, body: { revoked: await identity.revokeAll(req.params.id, { ...actorOf(req), role }, tx) } }));
      identity.forget(req.params.id);
      return out;
    },
  );
}
