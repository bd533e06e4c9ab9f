/**
 * The exchange over HTTP: the X-Road REST endpoint `/r1/…` (provider side for signed requests from other nodes,
 * client side for local consumers), `/listClients`, the authority's `/exchange/globalconf`, and the providing
 * agency's admin API for access rights.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db } from '../../platform/db/client';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { IdParams, NoContent } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import { parseSubsystemId } from '../../shared/exchange';
import type { Gateway, GatewayResponse } from './exchange.gateway';
import type { Authority } from './exchange.globalconf';
import { exchangeErrors as E } from './exchange.errors';

const ADMIN = policy.roles('platform_admin', 'agency_admin');
const tags = ['exchange'];

const AccessRightSchema = Type.Object({ id: Type.String(), serviceCode: Type.String(), client: Type.String(), grantedAt: Type.String({ format: 'date-time' }), grantedBy: Type.String() }, { additionalProperties: false });
const GrantBody = Type.Object(
  {
    serviceCode: Type.String({ minLength: 1, maxLength: 100, description: 'A service code this node offers (see /api/admin/exchange/status)' }),
    client: Type.String({ minLength: 7, maxLength: 300, description: 'The client subsystem id {instance}/{class}/{member}/{subsystem}' }),
  },
  { additionalProperties: false },
);
const StatusSchema = Type.Object(
  {
    id: Type.String(),
    globalConf: Type.Union([Type.Object({ version: Type.Integer(), instance: Type.String(), issuedAt: Type.String(), expiresAt: Type.String(), members: Type.Integer() }, { additionalProperties: false }), Type.Null()]),
    lastRefusal: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }, { additionalProperties: false }), Type.Null()]),
    authority: Type.Boolean(),
    services: Type.Array(Type.Object({ code: Type.String(), title: Type.Object({ vi: Type.String(), en: Type.String() }), personalData: Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

function send(reply: FastifyReply, res: GatewayResponse) {
  reply.code(res.status);
  for (const [k, v] of Object.entries(res.headers)) reply.header(k, v);
  return reply.send(res.body);
}

export function registerExchangeRoutes(app: App, d: { db: Db; gateway: Gateway; authority: Authority; now: () => Date }): void {
  const { db, gateway, authority, now } = d;

  // The protocol endpoint: raw bodies (hashed and signed as bytes), any content type.
  void app.register(async (r1) => {
    r1.removeAllContentTypeParsers();
    r1.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    r1.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/r1/*',
      config: { policy: policy.public(), streamedBody: true, errors: [], idempotency: { exempt: 'the X-Road protocol endpoint: replays are refused by the signed nonce, not an Idempotency-Key' } },
      schema: { hide: true, operationId: 'xroadRequest', description: 'X-Road REST: a signed request from another node (provider side) or a local consumer’s request forwarded to the provider node (client side).' },
      handler: async (req: FastifyRequest, reply) => {
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
        const g = { method: req.method, url: req.url, headers, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
        const res = headers['x-motcua-signature'] !== undefined || headers['x-motcua-key'] !== undefined ? await gateway.serve(g) : await gateway.forwardLocal(g, req.ip);
        return send(reply, res);
      },
    });
  });

  app.get(
    '/listClients',
    {
      config: { policy: policy.public(), errors: [] },
      schema: { hide: true, operationId: 'xroadListClients', description: 'X-Road metaservice: the members and subsystems of the global configuration this node holds.' },
    },
    async (_req, reply) => {
      const c = gateway.conf.conf;
      return reply.header('content-type', 'application/json; charset=utf-8').send({
        member: (c?.members ?? []).map((m) => {
          const id = parseSubsystemId(m.id)!;
          return { id: { object_type: 'SUBSYSTEM', xroad_instance: id.instance, member_class: id.memberClass, member_code: id.memberCode, subsystem_code: id.subsystem }, name: m.name, status: m.status };
        }),
      });
    },
  );

  app.get(
    '/exchange/globalconf',
    {
      config: { policy: policy.public(), errors: [] },
      schema: { hide: true, operationId: 'exchangeGlobalConf', description: 'The signed global configuration, when this node is the configuration authority (404 otherwise).' },
    },
    async (_req, reply) => {
      const text = authority.published();
      if (!text) return reply.code(404).header('content-type', 'application/json').send({ error: 'not_the_authority' });
      return reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(text);
    },
  );

  // ─── Admin API of the providing agency ─────────────────────────────────────────────────────────────────────
  app.get(
    '/api/admin/exchange/status',
    {
      config: { policy: ADMIN, errors: [] },
      schema: { operationId: 'exchangeStatus', tags, summary: 'This node in the data exchange', description: 'The node’s subsystem id, the global configuration it holds (version, expiry), why the last fetched one was refused if it was, and the services it offers.', response: { 200: StatusSchema } },
    },
    async () => {
      const c = gateway.conf.conf;
      return {
        id: gateway.id,
        globalConf: c ? { version: c.version, instance: c.instance, issuedAt: c.issuedAt, expiresAt: c.expiresAt, members: c.members.length } : null,
        lastRefusal: gateway.conf.lastRefusal,
        authority: authority.exists(),
        services: [...gateway.services.values()].map((s) => ({ code: s.code, title: s.title, personalData: s.personalData })),
      };
    },
  );

  app.get(
    '/api/admin/exchange/access-rights',
    {
      config: { policy: ADMIN, errors: [] },
      schema: { operationId: 'listExchangeAccessRights', tags, summary: 'Access rights to this node’s exchange services', description: 'Which client subsystem may call which service of this node.', response: { 200: Type.Array(AccessRightSchema) } },
    },
    async () => (await gateway.access.list()).map((r) => ({ ...r, grantedAt: r.grantedAt.toISOString() })),
  );

  app.post(
    '/api/admin/exchange/access-rights',
    {
      config: { policy: ADMIN, errors: [E.unknownService, E.badClientId, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'grantExchangeAccessRight', tags, summary: 'Grant a client subsystem access to a service', description: 'The providing agency’s admin lets another agency’s subsystem call one of this node’s services; granting an existing right answers it. Audited. Takes an Idempotency-Key.', body: GrantBody, response: { 201: AccessRightSchema } },
    },
    async (req: FastifyRequest<{ Body: { serviceCode: string; client: string } }>, reply) => {
      idempotencyKeyOf(req);
      if (!gateway.services.has(req.body.serviceCode)) throw E.unknownService();
      if (!parseSubsystemId(req.body.client)) throw E.badClientId();
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        const r = await gateway.access.grant(tx, actorOf(req), req.body.serviceCode, req.body.client, at);
        return { status: 201, body: { ...r, grantedAt: r.grantedAt.toISOString() } };
      });
    },
  );

  app.delete(
    '/api/admin/exchange/access-rights/:id',
    {
      config: { policy: ADMIN, errors: [E.accessRightNotFound, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'revokeExchangeAccessRight', tags, summary: 'Revoke an access right', description: 'The client subsystem may no longer call the service (its next request is refused with Server.ServerProxy.AccessDenied). Audited. Takes an Idempotency-Key.', params: IdParams, response: { 204: NoContent } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      await runIdempotent(db, req, reply, null, at, async (tx) => {
        await gateway.access.revoke(tx, actorOf(req), req.params.id, at);
        return { status: 204, body: null };
      });
      return reply.send(null);
    },
  );
}
