import { Type } from 'typebox';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { policy } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { Obj } from '../../../platform/http/schemas';
import { ENTERPRISE_CODE_PATTERN, PERSONAL_ID_PATTERN } from '../../../shared/identity/personal-id';
import { ORGANISATION_RIGHTS } from './organisation.schema';
import type { OrganisationService } from './organisation.service';

const PersonalId = Type.String({ pattern: PERSONAL_ID_PATTERN, description: '12-digit personal identification number (số định danh cá nhân)' });
const EnterpriseCode = Type.String({ pattern: ENTERPRISE_CODE_PATTERN, description: '10-digit enterprise code (mã số doanh nghiệp)' });
const Right = Type.Union(ORGANISATION_RIGHTS.map((r) => Type.Literal(r)));
const Rights = Type.Array(Right, { minItems: 1, maxItems: ORGANISATION_RIGHTS.length, uniqueItems: true });
const MemberSchema = Type.Object({ personalId: Type.String(), fullName: Type.String(), rights: Type.Array(Type.String()), addedAt: Type.String() });

export function registerOrganisationRoutes(app: App, ctx: AppContext, organisations: OrganisationService) {
  const citizen = { policy: policy.citizen() };

  app.get(
    '/api/me/organisations',
    {
      config: citizen,
      schema: {
        tags: ['organisations'],
        summary: 'Enterprises I can act for: as legal representative (from the business registry) or as a member with rights',
        response: { 200: Type.Array(Type.Object({ enterpriseCode: Type.String(), name: Type.String(), role: Type.String(), rights: Type.Array(Type.String()) })) },
      },
    },
    async (req) => organisations.listMine(ctx.db, req.principal!),
  );

  app.get(
    '/api/organisations/:code/members',
    { config: citizen, schema: { tags: ['organisations'], summary: 'Members of an enterprise (legal representative only)', params: Obj({ code: EnterpriseCode }), response: { 200: Type.Array(MemberSchema) } } },
    async (req) => organisations.listMembers(ctx.db, req.principal!, req.params.code),
  );

  app.post(
    '/api/organisations/:code/members',
    {
      config: citizen,
      schema: {
        tags: ['organisations'],
        summary: 'Let a person act for the enterprise with some rights (legal representative, e-ID level 2)',
        params: Obj({ code: EnterpriseCode }),
        body: Obj({ personalId: PersonalId, rights: Rights }),
        response: { 201: MemberSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await organisations.addMember(ctx.db, req.principal!, actorOf(req), req.params.code, req.body)),
  );

  app.delete(
    '/api/organisations/:code/members/:personalId',
    {
      config: citizen,
      schema: { tags: ['organisations'], summary: 'Remove a member (legal representative only)', params: Obj({ code: EnterpriseCode, personalId: PersonalId }), response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await organisations.removeMember(ctx.db, req.principal!, actorOf(req), req.params.code, req.params.personalId);
      return reply.status(204).send(null);
    },
  );
}
