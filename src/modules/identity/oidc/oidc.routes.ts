import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { policy } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { SESSION_COOKIE } from '../../../platform/auth/auth.hook';
import { Obj, Redirect } from '../../../platform/http/schemas';
import { platformErrors } from '../../../platform/http/errors';
import { eidErrors, identityErrors } from '../identity.errors';
import { LOGIN_REQUEST_TTL_MS, type OidcAudience, type OidcLoginService } from './oidc-login.service';

/** The browser's half of a pending login: a random secret bound to the server-side request. */
export const OIDC_LOGIN_COOKIE = 'motcua_oidc';
const LOGIN_COOKIE_PATH = '/api/auth';

const LoginQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 1000, description: 'A path of this site to come back to, e.g. /ho-so' })) });
// Providers may add parameters of their own (session_state…): the query stays open, and the relying party reads the raw URL.
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** Citizens: e-ID (VNeID or the built-in provider). Officers: the officers' OpenID provider, when configured. */
export function registerOidcLoginRoutes(app: App, ctx: AppContext, logins: OidcLoginService) {
  const authLimit = { max: ctx.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  const secure = ctx.config.secureCookies;
  const startErrors = [eidErrors.notConfigured, eidErrors.badReturnTo, platformErrors.rateLimited];
  const finishErrors = [
    eidErrors.notConfigured,
    eidErrors.loginRequestMissing,
    eidErrors.stateMismatch,
    eidErrors.loginCancelled,
    eidErrors.codeRejected,
    eidErrors.tokenInvalid,
    eidErrors.claimsInvalid,
    eidErrors.providerUnavailable,
    platformErrors.rateLimited,
  ];

  const start = async (audience: OidcAudience, req: FastifyRequest, reply: FastifyReply) => {
    const { redirectTo, binding } = await logins.begin(audience, (req.query as { returnTo?: string }).returnTo);
    reply.setCookie(OIDC_LOGIN_COOKIE, binding, { path: LOGIN_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: LOGIN_REQUEST_TTL_MS / 1000 });
    return reply.header('cache-control', 'no-store').redirect(redirectTo, 302);
  };

  const finish = async (audience: OidcAudience, req: FastifyRequest, reply: FastifyReply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    // The pending request is consumed whatever the outcome: a callback works once.
    reply.clearCookie(OIDC_LOGIN_COOKIE, { path: LOGIN_COOKIE_PATH });
    const { session, returnTo } = await logins.complete(audience, req.cookies[OIDC_LOGIN_COOKIE], query, String(req.id));
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
    return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
  };

  app.get(
    '/api/auth/eid/login',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: startErrors },
      schema: {
        operationId: 'startCitizenLogin',
        tags: ['auth'],
        summary: 'Start an e-ID login (đăng nhập bằng định danh điện tử)',
        description: 'Starts an OpenID Connect login at the citizens’ identity provider (VNeID, or the built-in e-ID provider): keeps state, nonce and PKCE verifier on the server, binds them to this browser with an HTTP-only cookie and redirects to the provider.',
        querystring: LoginQuery,
        response: { 302: Redirect },
      },
    },
    (req, reply) => start('citizen', req, reply),
  );

  app.get(
    '/api/auth/eid/callback',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: [...finishErrors, identityErrors.accountDisabled] },
      schema: {
        operationId: 'finishCitizenLogin',
        tags: ['auth'],
        summary: 'Where the identity provider sends the browser back',
        description: 'Completes the e-ID login: checks state, exchanges the code, validates the ID token and maps its claims, creates or refreshes the citizen’s account, opens a session and redirects to returnTo. The pending login is consumed whatever the outcome.',
        querystring: CallbackQuery,
        response: { 303: Redirect },
      },
    },
    (req, reply) => finish('citizen', req, reply),
  );

  app.post(
    '/api/auth/eid/logout',
    {
      config: { policy: policy.authenticated(), errors: [], idempotency: { exempt: 'ends this session at MotCua and the e-ID provider: a retry has no session left, and ending it twice changes nothing' } },
      schema: {
        operationId: 'logoutEid',
        tags: ['auth'],
        summary: 'End this session and the identity provider’s',
        description: "Revokes this session and returns the identity provider's logout URL (RP-initiated logout) to send the browser to, if the session came from an e-ID or officer OpenID login.",
        response: { 200: Obj({ logoutUrl: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (req, reply) => {
      const out = await logins.logout(req.principal!, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return out;
    },
  );

  app.get(
    '/api/auth/officer/oidc/login',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: startErrors },
      schema: {
        operationId: 'startOfficerLogin',
        tags: ['auth'],
        summary: "Start an officer login through the officers' OpenID provider",
        description: "When an officers' OpenID provider is configured: starts a login there (state, nonce and PKCE kept on the server) and redirects to it.",
        querystring: LoginQuery,
        response: { 302: Redirect },
      },
    },
    (req, reply) => start('officer', req, reply),
  );

  app.get(
    '/api/auth/officer/oidc/callback',
    {
      config: { policy: policy.public(), rateLimit: authLimit, errors: [...finishErrors, eidErrors.officerNotFound, eidErrors.officerSecondFactorNotChecked] },
      schema: {
        operationId: 'finishOfficerLogin',
        tags: ['auth'],
        summary: "Where the officers' OpenID provider sends the browser back",
        description: 'Completes an officer OpenID login: the identity vouched for must name exactly one active officer account (by username or e-mail); an account holding a role of MFA_REQUIRED_ROLES also needs the provider to say it checked a second factor (ID-token `amr` or `acr`, 403 otherwise); opens a session and redirects to returnTo.',
        querystring: CallbackQuery,
        response: { 303: Redirect },
      },
    },
    (req, reply) => finish('officer', req, reply),
  );
}
