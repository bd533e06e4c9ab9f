import { Type } from 'typebox';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { runIdempotent } from '../../../platform/idempotency/idempotency';
import { policy } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { IdParams, NoContent, Obj } from '../../../platform/http/schemas';
import { AuthorisationSchema } from '../../../shared/api/identity';
import { authorisationErrors, identityErrors } from '../identity.errors';
import { PERSONAL_ID_PATTERN } from '../../../shared/identity/personal-id';
import type { AuthorisationService } from './authorisation.service';

/** A national procedure code (mã thủ tục hành chính), e.g. 1.001234. */
export const ProcedureCode = Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$', description: 'National procedure code (mã thủ tục hành chính), e.g. 1.001234' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Ho_Chi_Minh)' });
export function registerAuthorisationRoutes(app: App, ctx: AppContext, service: AuthorisationService) {
  const citizen = (...errors: { code: string; status: number }[]) => ({ policy: policy.citizen(), errors: [authorisationErrors.noPersonalId, ...errors] });

  app.post(
    '/api/authorisations',
    {
      config: { ...citizen(authorisationErrors.self, authorisationErrors.badDates, authorisationErrors.personUnknown, identityErrors.assuranceTooLow), idempotency: 'key' as const },
      schema: {
        operationId: 'createAuthorisation',
        tags: ['authorisations'],
        summary: 'Authorise (ủy quyền) another person to file in my name',
        description: 'With a level-2 e-ID, a citizen lets another person (known to the population registry) file one procedure, or every procedure, in their name from a date (today by default) until a date, inclusive.',
        body: Obj({
          agentPersonalId: Type.String({ pattern: PERSONAL_ID_PATTERN, description: "The agent's 12-digit personal ID number" }),
          procedureCode: Type.Optional(Type.Union([ProcedureCode, Type.Null()])),
          validFrom: Type.Optional(CalendarDate),
          validUntil: CalendarDate,
        }),
        response: { 201: AuthorisationSchema },
      },
    },
    async (req, reply) => runIdempotent(ctx.db, req, reply, req.body, ctx.clock.now(), async (tx) => ({ status: 201, body: await service.create(tx, req.principal!, actorOf(req), req.body) })),
  );

  app.get(
    '/api/authorisations',
    {
      config: citizen(),
      schema: {
        operationId: 'listMyAuthorisations',
        tags: ['authorisations'],
        summary: 'Authorisations I gave and received',
        description: 'The authorisations I gave and those given to me, newest first, each with its status today (active, not yet valid, expired, revoked).',
        response: { 200: Obj({ given: Type.Array(AuthorisationSchema), received: Type.Array(AuthorisationSchema) }) },
      },
    },
    async (req) => service.list(ctx.db, req.principal!),
  );

  app.delete(
    '/api/authorisations/:id',
    {
      config: { ...citizen(authorisationErrors.notFound, authorisationErrors.alreadyRevoked), idempotency: 'key' as const },
      schema: { operationId: 'revokeAuthorisation', tags: ['authorisations'], summary: 'Revoke an authorisation I gave', description: 'Ends an authorisation I gave; to anyone else it does not exist (404).', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => {
        await service.revoke(tx, req.principal!, actorOf(req), req.params.id);
        return { status: 204, body: null };
      });
      return reply.send(null);
    },
  );
}
