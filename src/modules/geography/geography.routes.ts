import { Type } from 'typebox';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { platformErrors } from '../../platform/http/errors';
import { IdParams, Obj, Uuid } from '../../platform/http/schemas';
import { AdminUnitSchema, AgencyCreateSchema, AgencyPatchSchema, AgencySchema, UnitVersionsSchema, type Agency } from '../../shared/api/geography';
import { adminUnits, agencies } from './geography.schema';
import { geographyErrors } from './geography.errors';
import type { AgencyService } from './agency.service';

const toAgency = (a: typeof agencies.$inferSelect): Agency => ({
  id: a.id,
  code: a.code,
  name: a.name,
  nameEn: a.nameEn,
  level: a.level,
  kind: a.kind,
  parentId: a.parentId,
  adminUnitCode: a.adminUnitCode,
  oneStopUnit: a.oneStopUnit,
  oneStopUnitEn: a.oneStopUnitEn,
  address: a.address,
  active: a.active,
});
const toUnit = ({ source: _source, ...u }: typeof adminUnits.$inferSelect) => u;

export function registerGeographyRoutes(app: App, ctx: AppContext, agencyService: AgencyService) {
  const { db } = ctx;
  const pub = (...errors: { code: string; status: number }[]) => ({ policy: policy.public(), errors });
  const admin = (...errors: { code: string; status: number }[]) => ({ policy: policy.roles('platform_admin', 'agency_admin'), errors: [platformErrors.forbidden, ...errors] });

  app.get(
    '/api/geography/provinces',
    {
      config: pub(),
      schema: {
        operationId: 'listProvinces',
        tags: ['geography'],
        summary: 'Provinces and centrally run cities (current)',
        description: 'The 34 provincial-level units in force (two-level local government since 1 July 2025), by statistics-office code.',
        response: { 200: Type.Array(AdminUnitSchema) },
      },
    },
    async () => (await db.select().from(adminUnits).where(and(eq(adminUnits.level, 'province'), isNull(adminUnits.validTo))).orderBy(asc(adminUnits.code))).map(toUnit),
  );

  app.get(
    '/api/geography/provinces/:code/communes',
    {
      config: pub(geographyErrors.unitNotFound),
      schema: {
        operationId: 'listCommunes',
        tags: ['geography'],
        summary: 'Communes (phường, xã, đặc khu) of a province',
        description: 'The communes in force of one province, in Vietnamese alphabetical order.',
        params: Obj({ code: Type.String({ pattern: '^\\d{2}$' }) }),
        response: { 200: Type.Array(AdminUnitSchema) },
      },
    },
    async (req) => {
      const rows = await db.select().from(adminUnits).where(and(eq(adminUnits.provinceCode, req.params.code), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo))).orderBy(asc(adminUnits.name));
      if (!rows.length) throw geographyErrors.unitNotFound(req.params.code);
      return rows.sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(toUnit);
    },
  );

  app.get(
    '/api/geography/units/:code',
    {
      config: pub(geographyErrors.unitNotFound),
      schema: {
        operationId: 'getAdminUnit',
        tags: ['geography'],
        summary: 'One unit with all its versions (validity dates)',
        description: 'A province (2 digits) or commune (5 digits) with every version it had: a merged or renamed unit keeps its history, and `current` is the version in force (null for a unit no longer in force).',
        params: Obj({ code: Type.String({ pattern: '^(\\d{2}|\\d{5})$' }) }),
        response: { 200: UnitVersionsSchema },
      },
    },
    async (req) => {
      const versions = (await db.select().from(adminUnits).where(eq(adminUnits.code, req.params.code)).orderBy(asc(adminUnits.validFrom))).map(toUnit);
      if (!versions.length) throw geographyErrors.unitNotFound(req.params.code);
      return { current: versions.find((v) => v.validTo === null) ?? null, versions };
    },
  );

  app.get(
    '/api/agencies',
    {
      config: pub(),
      schema: {
        operationId: 'listAgencies',
        tags: ['agencies'],
        summary: 'Agencies (cơ quan), flat list with parent links',
        description: 'Every agency of the installation by electronic identifier, each with its parent: build the tree from `parentId`. Filter by parent or by kind (what procedures the agency offers).',
        querystring: Obj({ parentId: Type.Optional(Uuid), kind: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Array(AgencySchema) },
      },
    },
    async (req) => {
      const conds = [];
      if (req.query.parentId) conds.push(eq(agencies.parentId, req.query.parentId));
      if (req.query.kind) conds.push(eq(agencies.kind, req.query.kind));
      const rows = await db.select().from(agencies).where(conds.length ? and(...conds) : undefined).orderBy(asc(agencies.code));
      return rows.map(toAgency);
    },
  );

  app.get(
    '/api/agencies/:id',
    {
      config: pub(geographyErrors.agencyNotFound),
      schema: { operationId: 'getAgency', tags: ['agencies'], summary: 'One agency', description: 'An agency with its electronic identifier, level, parent and one-stop-shop unit.', params: IdParams, response: { 200: AgencySchema } },
    },
    async (req) => {
      const [row] = await db.select().from(agencies).where(eq(agencies.id, req.params.id));
      if (!row) throw geographyErrors.agencyNotFound();
      return toAgency(row);
    },
  );

  app.post(
    '/api/agencies',
    {
      config: { ...admin(geographyErrors.agencyNotFound, geographyErrors.agencyCodeInvalid, geographyErrors.agencyCodeTaken, geographyErrors.unitNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'createAgency',
        tags: ['agencies'],
        summary: 'Create an agency',
        description: 'Adds an agency to the tree. Platform administrators add anywhere; agency administrators only under an agency they administer. The identifier must extend its parent’s (Decision 20/2020/QĐ-TTg) and be unused; the unit served must be in force.',
        body: AgencyCreateSchema,
        response: { 201: AgencySchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(ctx.db, req, reply, req.body, now, async (tx) => ({ status: 201, body: toAgency(await agencyService.create(req.principal!, actorOf(req), req.body, now, tx)) }));
    },
  );

  app.patch(
    '/api/agencies/:id',
    {
      config: { ...admin(geographyErrors.agencyNotFound, geographyErrors.agencyCodeInvalid, geographyErrors.agencyCodeTaken, geographyErrors.parentCycle, geographyErrors.unitNotFound), idempotency: 'key' as const },
      schema: {
        operationId: 'updateAgency',
        tags: ['agencies'],
        summary: 'Change an agency',
        description: 'Partial update: the fields sent replace the agency’s, the others stay as they are. Moving an agency checks its new identifier against the new parent and refuses a cycle.',
        params: IdParams,
        body: AgencyPatchSchema,
        response: { 200: AgencySchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(ctx.db, req, reply, req.body, now, async (tx) => ({ status: 200, body: toAgency(await agencyService.update(req.principal!, actorOf(req), req.params.id, req.body, now, tx)) }));
    },
  );
}
