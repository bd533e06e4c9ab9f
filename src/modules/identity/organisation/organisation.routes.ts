import { Type } from 'typebox';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { runIdempotent } from '../../../platform/idempotency/idempotency';
import { policy } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { NoContent, Obj } from '../../../platform/http/schemas';
import { MemberSchema, MyOrganisationSchema } from '../../../shared/api/identity';
import { authorisationErrors, identityErrors, organisationErrors } from '../identity.errors';
import { ENTERPRISE_CODE_PATTERN, PERSONAL_ID_PATTERN } from '../../../shared/identity/personal-id';
import { ORGANISATION_RIGHTS } from './organisation.schema';
import type { OrganisationService } from './organisation.service';

const PersonalId = Type.String({ pattern: PERSONAL_ID_PATTERN, description: '12-digit personal identification number (số định danh cá nhân)' });
const EnterpriseCode = Type.String({ pattern: ENTERPRISE_CODE_PATTERN, description: '10-digit enterprise code (mã số doanh nghiệp)' });
const Right = Type.Union(ORGANISATION_RIGHTS.map((r) => Type.Literal(r)));
const Rights = Type.Array(Right, { minItems: 1, maxItems: ORGANISATION_RIGHTS.length, uniqueItems: true });

export function registerOrganisationRoutes(app: App, ctx: AppContext, organisations: OrganisationService) {
  const citizen = (...errors: { code: string; status: number }[]) => ({ policy: policy.citizen(), errors: [authorisationErrors.noPersonalId, ...errors] });

  app.get(
    '/api/me/organisations',
    {
      config: citizen(),
      schema: {
        operationId: 'listMyOrganisations',
        tags: ['organisations'],
        summary: 'Enterprises I can act for',
        description: 'The enterprises I legally represent (from the business registry, asked each time) and those whose representative added me as a member, with my rights; dissolved enterprises are left out.',
        response: { 200: Type.Array(MyOrganisationSchema) },
      },
    },
    async (req) => organisations.listMine(ctx.db, req.principal!),
  );

  app.get(
    '/api/organisations/:code/members',
    {
      config: citizen(organisationErrors.notFound, organisationErrors.notRepresentative),
      schema: {
        operationId: 'listOrganisationMembers',
        tags: ['organisations'],
        summary: 'Members of an enterprise',
        description: 'For the legal representative only: the people allowed to act for the enterprise, with their rights.',
        params: Obj({ code: EnterpriseCode }),
        response: { 200: Type.Array(MemberSchema) },
      },
    },
    async (req) => organisations.listMembers(ctx.db, req.principal!, req.params.code),
  );

  app.post(
    '/api/organisations/:code/members',
    {
      config: { ...citizen(organisationErrors.notFound, organisationErrors.notRepresentative, organisationErrors.representativeIsMember, organisationErrors.memberExists, authorisationErrors.personUnknown, identityErrors.assuranceTooLow), idempotency: 'key' as const },
      schema: {
        operationId: 'addOrganisationMember',
        tags: ['organisations'],
        summary: 'Let a person act for the enterprise with some rights',
        description: 'The legal representative, signed in with a level-2 e-ID, lets a person (by personal ID, known to the population registry) file or view dossiers for the enterprise.',
        params: Obj({ code: EnterpriseCode }),
        body: Obj({ personalId: PersonalId, rights: Rights }),
        response: { 201: MemberSchema },
      },
    },
    async (req, reply) => runIdempotent(ctx.db, req, reply, req.body, ctx.clock.now(), async (tx) => ({ status: 201, body: await organisations.addMember(tx, req.principal!, actorOf(req), req.params.code, req.body) })),
  );

  app.delete(
    '/api/organisations/:code/members/:personalId',
    {
      config: { ...citizen(organisationErrors.notFound, organisationErrors.notRepresentative, organisationErrors.memberNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'removeOrganisationMember',
        tags: ['organisations'],
        summary: 'Remove a member',
        description: 'For the legal representative only: the person may no longer act for the enterprise.',
        params: Obj({ code: EnterpriseCode, personalId: PersonalId }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await runIdempotent(ctx.db, req, reply, null, ctx.clock.now(), async (tx) => {
        await organisations.removeMember(tx, req.principal!, actorOf(req), req.params.code, req.params.personalId);
        return { status: 204, body: null };
      });
      return reply.send(null);
    },
  );
}
