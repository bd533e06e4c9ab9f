import { Type } from 'typebox';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { policy } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { IdParams, Obj } from '../../../platform/http/schemas';
import { PERSONAL_ID_PATTERN } from '../../../shared/identity/personal-id';
import type { AuthorisationService } from './authorisation.service';

/** A national procedure code (mã thủ tục hành chính), e.g. 1.001234. */
export const ProcedureCode = Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$', description: 'National procedure code (mã thủ tục hành chính), e.g. 1.001234' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Ho_Chi_Minh)' });
const Person = Type.Object({ personalId: Type.String(), name: Type.String() });
const AuthorisationSchema = Type.Object({
  id: Type.String(),
  grantor: Person,
  agent: Person,
  procedureCode: Type.Union([Type.String(), Type.Null()], { description: 'null = every procedure' }),
  validFrom: Type.String(),
  validUntil: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('not_yet_valid'), Type.Literal('expired'), Type.Literal('revoked')]),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export function registerAuthorisationRoutes(app: App, ctx: AppContext, service: AuthorisationService) {
  const citizen = { policy: policy.citizen() };

  app.post(
    '/api/authorisations',
    {
      config: citizen,
      schema: {
        tags: ['authorisations'],
        summary: 'Authorise (ủy quyền) another person to file one procedure, or every procedure, in my name until a date (e-ID level 2)',
        body: Obj({
          agentPersonalId: Type.String({ pattern: PERSONAL_ID_PATTERN, description: "The agent's 12-digit personal ID number" }),
          procedureCode: Type.Optional(Type.Union([ProcedureCode, Type.Null()])),
          validFrom: Type.Optional(CalendarDate),
          validUntil: CalendarDate,
        }),
        response: { 201: AuthorisationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.create(ctx.db, req.principal!, actorOf(req), req.body)),
  );

  app.get(
    '/api/authorisations',
    {
      config: citizen,
      schema: { tags: ['authorisations'], summary: 'Authorisations I gave and received', response: { 200: Type.Object({ given: Type.Array(AuthorisationSchema), received: Type.Array(AuthorisationSchema) }) } },
    },
    async (req) => service.list(ctx.db, req.principal!),
  );

  app.delete(
    '/api/authorisations/:id',
    { config: citizen, schema: { tags: ['authorisations'], summary: 'Revoke an authorisation I gave', params: IdParams, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await service.revoke(ctx.db, req.principal!, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
