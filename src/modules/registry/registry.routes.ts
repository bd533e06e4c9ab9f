import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import { policy } from '../../platform/auth/policy';
import { Obj } from '../../platform/http/schemas';
import { PERSONAL_ID_PATTERN, ENTERPRISE_CODE_PATTERN } from '../../shared/identity/personal-id';
import { platformErrors } from '../../platform/http/errors';
import { PERSON_FIELDS, REGISTRY_PURPOSES, REGISTRY_READER_ROLES, type RegistryService, type Caller } from './registry.service';
import { registryErrors } from './registry.errors';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Commune = Type.String({ pattern: '^\\d{5}$', description: '5-digit commune code (statistics office)' });
const Address = Obj({ communeCode: Commune, street: Type.String() });
const PersonalId = Type.String({ pattern: PERSONAL_ID_PATTERN, description: '12-digit personal identification number' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const ACCESS_DOC =
  'Officers and system clients holding a dossier-processing role (' +
  REGISTRY_READER_ROLES.join(', ') +
  ') must state `purpose` (400 `registry.purpose_required` otherwise) and may give `dossierId`; both are recorded in the data subject’s access log, which the citizen sees in `GET /api/me/data-access`. ';

/** Access context of a read, in the query string so every client (browser, gateway, curl) can send it. */
const accessQuery = {
  purpose: Type.Optional(Type.Union(REGISTRY_PURPOSES.map((p) => Type.Literal(p)), { description: 'Why the data is read (required for officers and system clients)' })),
  dossierId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:/-]{1,64}$', description: 'Dossier (hồ sơ) or case the read serves' })),
};

const PersonSchema = Obj({
  personalId: PersonalId,
  fullName: Type.Optional(Type.String()),
  birthDate: Type.Optional(Day),
  sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  nationality: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  ethnicity: Type.Optional(Type.String({ description: 'Sensitive personal data' })),
  placeOfOrigin: Type.Optional(Obj({ communeCode: Commune })),
  permanentResidence: Type.Optional(Address),
  currentResidence: Type.Optional(Address),
  householdId: Type.Optional(Type.String()),
  idCardIssuedOn: Type.Optional(Nullable(Day)),
  parents: Type.Optional(Obj({ fatherId: Nullable(PersonalId), motherId: Nullable(PersonalId) })),
  marriage: Type.Optional(Obj({ spouseId: Nullable(PersonalId), marriageRef: Nullable(Type.String()) })),
});

const BusinessSchema = Obj({
  enterpriseCode: Type.String({ pattern: ENTERPRISE_CODE_PATTERN }),
  nameVi: Type.String(),
  nameEn: Nullable(Type.String()),
  type: Type.String({ description: 'llc_single, llc_multi, jsc, partnership, private' }),
  status: Type.String({ description: 'active, suspended, dissolved' }),
  registeredAddress: Address,
  legalRepresentativeId: PersonalId,
  charterCapital: Type.Number({ description: 'VND' }),
  businessLines: Type.Array(Type.String({ description: 'VSIC 2018 code' })),
  registeredOn: Day,
});

const MatchAddress = Obj({ communeCode: Commune, street: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) });
const MatchBody = Obj(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    birthDate: Type.Optional(Day),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    nationality: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    placeOfOrigin: Type.Optional(Commune),
    permanentResidence: Type.Optional(MatchAddress),
    currentResidence: Type.Optional(MatchAddress),
    householdId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    fatherId: Type.Optional(PersonalId),
    motherId: Type.Optional(PersonalId),
    spouseId: Type.Optional(PersonalId),
  },
  { minProperties: 1, description: 'Values to check against the record; the answer says only whether each matches' },
);

const caller = (req: FastifyRequest): Caller => ({ principal: req.principal!, requestId: String(req.id) });

export function registerRegistryRoutes(app: App, service: RegistryService) {
  // Citizens (their own record), officers and system clients; the service makes the finer check.
  const refusals = [registryErrors.notOwnRecord, registryErrors.notReader, registryErrors.purposeRequired];
  const readers = (...errors: { code: string; status: number }[]) => ({ policy: policy.authenticated(), errors: [...refusals, ...errors] });
  const tags = ['registry'];

  app.get(
    '/api/registry/population/:personalId',
    {
      config: readers(registryErrors.unknownField, registryErrors.personNotFound),
      schema: {
        operationId: 'lookupPerson',
        tags,
        summary: 'Look up a person in the population registry',
        description: `${ACCESS_DOC}A citizen may read their own record (logged as self_access). \`fields\` (comma-separated: ${PERSON_FIELDS.join(', ')}) limits what is returned and logged; reading \`ethnicity\` is a read of sensitive data.`,
        params: Obj({ personalId: PersonalId }),
        querystring: Obj({ ...accessQuery, fields: Type.Optional(Type.String({ pattern: '^[A-Za-z]+(,[A-Za-z]+)*$', maxLength: 300 })) }),
        response: { 200: PersonSchema },
      },
    },
    async (req) => service.lookupPerson(caller(req), req.params.personalId, req.query, req.query.fields?.split(',')),
  );

  app.post(
    '/api/registry/population/:personalId/match',
    {
      config: { policy: policy.roles(...REGISTRY_READER_ROLES), errors: [platformErrors.forbidden, ...refusals, registryErrors.personNotFound], idempotency: { exempt: 'a comparison sent as POST (the data stays out of the address): it changes nothing but the access log, which records each read' } },
      schema: {
        operationId: 'matchPerson',
        tags,
        summary: 'Check given values against a person’s record (yes/no per field, no data returned)',
        description: `${ACCESS_DOC}Names and streets are compared after Unicode NFC and whitespace normalisation, ignoring case but not diacritics.`,
        params: Obj({ personalId: PersonalId }),
        querystring: Obj(accessQuery),
        body: MatchBody,
        response: { 200: Obj({ match: Type.Boolean(), fields: Type.Record(Type.String(), Type.Boolean()) }) },
      },
    },
    async (req) => service.matchPerson(caller(req), req.params.personalId, req.query, req.body),
  );

  app.get(
    '/api/registry/business/:enterpriseCode',
    {
      config: readers(registryErrors.businessNotFound),
      schema: {
        operationId: 'lookupBusiness',
        tags,
        summary: 'Look up an enterprise in the business registry',
        description: `${ACCESS_DOC}A citizen may read the enterprises they legally represent. The read is also logged against the legal representative.`,
        params: Obj({ enterpriseCode: Type.String({ pattern: ENTERPRISE_CODE_PATTERN }) }),
        querystring: Obj(accessQuery),
        response: { 200: BusinessSchema },
      },
    },
    async (req) => service.lookupBusiness(caller(req), req.params.enterpriseCode, req.query),
  );
}
