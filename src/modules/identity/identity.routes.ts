import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { SESSION_COOKIE } from '../../platform/auth/auth.hook';
import { IdParams, Obj, Uuid } from '../../platform/http/schemas';
import { ROLES } from './identity.schema';
import type { IdentityService } from './identity.service';

const GrantSchema = Obj({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), agencyId: Uuid, includeSubAgencies: Type.Optional(Type.Boolean()) });
const AccountSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  grants: Type.Array(Type.Object({ role: Type.String(), agencyId: Uuid, includeSubAgencies: Type.Boolean() })),
});
const SessionSchema = Type.Object({ id: Uuid, kind: Type.String(), label: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), lastSeenAt: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) });
const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' });

export function registerIdentityRoutes(app: App, ctx: AppContext, identity: IdentityService) {
  const authLimit = { max: ctx.config.authRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/api/auth/login',
    {
      config: { policy: policy.public(), rateLimit: authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Officer password login; sets an HTTP-only session cookie and returns the CSRF token',
        body: Obj({ username: Username, password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ account: AccountSchema, csrfToken: Type.String(), expiresAt: Type.String() }) },
      },
    },
    async (req, reply) => {
      const s = await identity.passwordLogin(req.body.username, req.body.password, String(req.id));
      reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: s.expiresAt });
      return { account: s.account, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  app.post('/api/auth/logout', { config: { policy: policy.authenticated() }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } } }, async (req, reply) => {
    await identity.logout(req.principal!, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get(
    '/api/auth/session',
    {
      config: { policy: policy.authenticated() },
      schema: {
        tags: ['auth'],
        summary: 'Who am I; the CSRF token to send as X-CSRF-Token',
        response: {
          200: Type.Object({
            accountId: Uuid,
            kind: Type.String(),
            displayName: Type.String(),
            personalId: Type.Union([Type.String(), Type.Null()], { description: 'Citizens: 12-digit personal ID number' }),
            assuranceLevel: Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()], { description: 'VNeID level of this e-ID session; null for other logins' }),
            grants: AccountSchema.properties.grants,
            csrfToken: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      return { accountId: p.accountId, kind: p.kind, displayName: p.displayName, personalId: p.personalId, assuranceLevel: p.assuranceLevel, grants: p.grants, csrfToken: p.csrfToken };
    },
  );

  app.get('/api/auth/sessions', { config: { policy: policy.authenticated() }, schema: { tags: ['auth'], summary: 'My open sessions', response: { 200: Type.Array(SessionSchema) } } }, async (req) => identity.listSessions(req.principal!.accountId));

  app.post('/api/auth/sessions/revoke-all', { config: { policy: policy.authenticated() }, schema: { tags: ['auth'], summary: 'Sign out everywhere', response: { 200: Type.Object({ revoked: Type.Integer() }) } } }, async (req, reply) => {
    const revoked = await identity.revokeAll(req.principal!.accountId, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { revoked };
  });

  const admin = { policy: policy.roles('platform_admin', 'agency_admin') };

  app.get('/api/admin/accounts', { config: admin, schema: { tags: ['accounts'], summary: 'Officer and system accounts I administer', response: { 200: Type.Array(AccountSchema) } } }, async (req) => identity.listAccounts(req.principal!));

  app.post(
    '/api/admin/accounts',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Create an officer or system account with its roles',
        body: Obj({
          kind: Type.Union([Type.Literal('officer'), Type.Literal('system')]),
          username: Username,
          displayName: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
          grants: Type.Array(GrantSchema, { maxItems: 50 }),
        }),
        response: { 201: AccountSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await identity.createAccount(req.principal!, actorOf(req), req.body)),
  );

  app.put(
    '/api/admin/accounts/:id/grants',
    { config: admin, schema: { tags: ['accounts'], summary: 'Replace the roles of an account', params: IdParams, body: Obj({ grants: Type.Array(GrantSchema, { maxItems: 50 }) }), response: { 200: AccountSchema } } },
    async (req) => identity.setGrants(req.principal!, actorOf(req), req.params.id, req.body.grants),
  );

  app.post('/api/admin/accounts/:id/unlock', { config: admin, schema: { tags: ['accounts'], summary: 'Unlock an account locked after failed logins', params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await identity.unlock(req.principal!, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/admin/accounts/:id/tokens',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Issue a bearer token for a system client (shown once)',
        params: IdParams,
        body: Obj({ label: Type.String({ minLength: 1, maxLength: 100 }), expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])) }),
        response: { 201: Type.Object({ id: Uuid, token: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await identity.issueToken(req.principal!, actorOf(req), req.params.id, req.body.label, req.body.expiresAt ? new Date(req.body.expiresAt) : null)),
  );
}
