import { Type } from 'typebox';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { IdParams, Obj, Uuid } from '../../platform/http/schemas';
import { adminUnits, agencies, AGENCY_LEVELS } from './geography.schema';
import { geographyErrors } from './geography.errors';
import type { AgencyService } from './agency.service';

const Unit = Type.Object({
  code: Type.String(),
  level: Type.String(),
  provinceCode: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  fullName: Type.String(),
  fullNameEn: Type.Union([Type.String(), Type.Null()]),
  unitType: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

const Agency = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'Electronic identifier (Decision 20/2020/QĐ-TTg)' }),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  adminUnitCode: Type.String(),
  oneStopUnit: Type.String(),
  oneStopUnitEn: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const agencyFields = {
  code: Type.String({ pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9A-Z]{2}$', description: 'A1A2A3.B1B2.C1C2.D1D2D3, e.g. 000.00.05.H38' }),
  name: Text(300),
  nameEn: Text(300),
  level: Type.Union(AGENCY_LEVELS.map((l) => Type.Literal(l))),
  kind: Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' }),
  parentId: Type.Union([Uuid, Type.Null()]),
  adminUnitCode: Type.String({ pattern: '^(\\d{2}|\\d{5})$' }),
  oneStopUnit: Text(300),
  oneStopUnitEn: Type.Union([Text(300), Type.Null()]),
  address: Type.Union([Text(500), Type.Null()]),
};
const AgencyCreate = Obj({
  ...agencyFields,
  parentId: Type.Optional(agencyFields.parentId),
  oneStopUnitEn: Type.Optional(agencyFields.oneStopUnitEn),
  address: Type.Optional(agencyFields.address),
});
const AgencyPatch = Obj({ ...Object.fromEntries(Object.entries(agencyFields).map(([k, v]) => [k, Type.Optional(v)])), active: Type.Optional(Type.Boolean()) } as Record<string, any>, { minProperties: 1 });

const toAgency = (a: typeof agencies.$inferSelect) => ({ ...a, createdAt: undefined, updatedAt: undefined });

export function registerGeographyRoutes(app: App, ctx: AppContext, agencyService: AgencyService) {
  const { db } = ctx;
  const pub = { policy: policy.public() };

  app.get('/api/geography/provinces', { config: pub, schema: { tags: ['geography'], summary: 'Provinces and centrally run cities (current)', response: { 200: Type.Array(Unit) } } }, async () =>
    db.select().from(adminUnits).where(and(eq(adminUnits.level, 'province'), isNull(adminUnits.validTo))).orderBy(asc(adminUnits.code)),
  );

  app.get(
    '/api/geography/provinces/:code/communes',
    { config: pub, schema: { tags: ['geography'], summary: 'Communes (phường, xã, đặc khu) of a province', params: Obj({ code: Type.String({ pattern: '^\\d{2}$' }) }), response: { 200: Type.Array(Unit) } } },
    async (req) => {
      const rows = await db.select().from(adminUnits).where(and(eq(adminUnits.provinceCode, req.params.code), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo))).orderBy(asc(adminUnits.name));
      if (!rows.length) throw geographyErrors.unitNotFound(req.params.code);
      return rows.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
  );

  app.get(
    '/api/geography/units/:code',
    { config: pub, schema: { tags: ['geography'], summary: 'One unit with all its versions (validity dates)', params: Obj({ code: Type.String({ pattern: '^(\\d{2}|\\d{5})$' }) }), response: { 200: Obj({ current: Type.Union([Unit, Type.Null()]), versions: Type.Array(Unit) }) } } },
    async (req) => {
      const versions = await db.select().from(adminUnits).where(eq(adminUnits.code, req.params.code)).orderBy(asc(adminUnits.validFrom));
      if (!versions.length) throw geographyErrors.unitNotFound(req.params.code);
      return { current: versions.find((v) => v.validTo === null) ?? null, versions };
    },
  );

  app.get(
    '/api/agencies',
    { config: pub, schema: { tags: ['agencies'], summary: 'Agencies (cơ quan), flat list with parent links', querystring: Obj({ parentId: Type.Optional(Uuid), kind: Type.Optional(Type.String({ maxLength: 64 })) }), response: { 200: Type.Array(Agency) } } },
    async (req) => {
      const conds = [];
      if (req.query.parentId) conds.push(eq(agencies.parentId, req.query.parentId));
      if (req.query.kind) conds.push(eq(agencies.kind, req.query.kind));
      const rows = await db.select().from(agencies).where(conds.length ? and(...conds) : undefined).orderBy(asc(agencies.code));
      return rows.map(toAgency);
    },
  );

  app.get('/api/agencies/:id', { config: pub, schema: { tags: ['agencies'], params: IdParams, response: { 200: Agency } } }, async (req) => {
    const [row] = await db.select().from(agencies).where(eq(agencies.id, req.params.id));
    if (!row) throw geographyErrors.agencyNotFound();
    return toAgency(row);
  });

  app.post(
    '/api/agencies',
    { config: { policy: policy.roles('platform_admin', 'agency_admin') }, schema: { tags: ['agencies'], summary: 'Create an agency', body: AgencyCreate, response: { 201: Agency } } },
    async (req, reply) => {
      const row = await agencyService.create(req.principal!, actorOf(req), req.body as any, ctx.clock.now());
      return reply.status(201).send(toAgency(row));
    },
  );

  app.patch(
    '/api/agencies/:id',
    { config: { policy: policy.roles('platform_admin', 'agency_admin') }, schema: { tags: ['agencies'], summary: 'Change an agency', params: IdParams, body: AgencyPatch, response: { 200: Agency } } },
    async (req) => toAgency(await agencyService.update(req.principal!, actorOf(req), req.params.id, req.body as any, ctx.clock.now())),
  );
}
