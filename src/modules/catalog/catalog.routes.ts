import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { IdParams, Obj } from '../../platform/http/schemas';
import { errors } from '../../platform/http/errors';
import type { AgencyDirectory, CurrentUnits } from '../geography';
import { AGENCY_KINDS, LIFE_EVENTS, PROCEDURE_FIELDS, type ProcedureVersionInput } from './catalog.types';
import { CatalogFiltersSchema, ProcedureSummarySchema, ProcedureVersionInputSchema, ProcedureVersionSchema } from './catalog.schemas';
import { findProcedure, listCurrent, searchCurrent, taxonomyCounts, versionsOf, type CatalogFilters } from './catalog.repo';
import { catalogErrors } from './catalog.errors';
import type { CatalogService } from './catalog.service';

const admin = { policy: policy.roles('platform_admin', 'agency_admin') };
const VersionParams = Obj({ versionId: Type.String({ format: 'uuid' }) });

export function registerCatalogRoutes(app: App, ctx: AppContext, catalog: CatalogService, directory: AgencyDirectory, units: CurrentUnits) {
  const { db } = ctx;

  /** "offered by agency X" = procedures of X's kind at X's level. */
  async function filtersOf(q: Record<string, string | undefined>): Promise<CatalogFilters> {
    const f: CatalogFilters = { field: q.field, level: q.level, onlineLevel: q.onlineLevel, applicantType: q.applicantType, lifeEvent: q.lifeEvent };
    if (q.agencyId) {
      const a = await directory.get(q.agencyId);
      if (!a) throw errors.notFound({ vi: 'Không có cơ quan này.', en: 'No such agency.' });
      f.agencyKind = a.kind;
      if (!f.level && (a.level === 'commune' || a.level === 'province')) f.level = a.level === 'commune' ? 'commune' : 'province';
      if (a.level === 'department') f.level = 'province';
    }
    return f;
  }

  app.get(
    '/api/procedures',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['catalogue'],
        summary: 'Published procedures, filtered; with q, ranked full-text search that ignores diacritics',
        querystring: Obj({ ...CatalogFiltersSchema, q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })) }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ProcedureSummarySchema) }) },
      },
    },
    async (req) => {
      const f = await filtersOf(req.query as unknown as Record<string, string>);
      const limit = req.query.limit ?? 50;
      if (req.query.q?.trim()) {
        const r = await searchCurrent(db, req.query.q, f, limit);
        return { total: r.total, items: r.items };
      }
      return listCurrent(db, f, limit, req.query.offset ?? 0);
    },
  );

  app.get(
    '/api/procedures/search',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['catalogue'],
        summary: 'Type-ahead search: "cap giay phep xay dung" finds "Cấp giấy phép xây dựng"; the last word matches as a prefix',
        querystring: Obj({ ...CatalogFiltersSchema, q: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }),
        response: { 200: Type.Object({ terms: Type.Array(Type.String()), items: Type.Array(ProcedureSummarySchema) }) },
      },
    },
    async (req) => {
      const r = await searchCurrent(db, req.query.q, await filtersOf(req.query as unknown as Record<string, string>), req.query.limit ?? 10);
      return { terms: r.terms, items: r.items };
    },
  );

  app.get(
    '/api/catalog/taxonomy',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['catalogue'],
        summary: 'Fields (lĩnh vực), life events and agency kinds with vi/en names and counts of published procedures',
        response: { 200: Type.Object({ fields: Type.Array(Type.Object({ key: Type.String(), vi: Type.String(), en: Type.String(), count: Type.Integer() })), lifeEvents: Type.Array(Type.Object({ key: Type.String(), vi: Type.String(), en: Type.String(), count: Type.Integer() })), agencyKinds: Type.Array(Type.Object({ key: Type.String(), vi: Type.String(), en: Type.String() })) }) },
      },
    },
    async () => {
      const counts = await taxonomyCounts(db);
      const n = (list: Array<{ key: string; n: number }>, k: string) => list.find((x) => x.key === k)?.n ?? 0;
      return {
        fields: Object.entries(PROCEDURE_FIELDS).map(([key, t]) => ({ key, ...t, count: n(counts.fields, key) })),
        lifeEvents: Object.entries(LIFE_EVENTS).map(([key, t]) => ({ key, ...t, count: n(counts.lifeEvents, key) })),
        agencyKinds: Object.entries(AGENCY_KINDS).map(([key, t]) => ({ key, ...t })),
      };
    },
  );

  app.get(
    '/api/procedures/:ref',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['catalogue'],
        summary: 'One procedure (by id, catalogue key or national code) with its current version',
        params: Obj({ ref: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9.-]+$' }) }),
        response: { 200: Type.Object({ id: Type.String(), key: Type.String(), nationalCode: Type.Union([Type.String(), Type.Null()]), current: ProcedureVersionSchema, versions: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), status: Type.String() })) }) },
      },
    },
    async (req) => {
      const p = await findProcedure(db, req.params.ref);
      if (!p) throw catalogErrors.procedureNotFound();
      if (!p.currentVersionId) throw catalogErrors.notPublished();
      const versions = (await versionsOf(db, p.id)).filter((v) => v.status !== 'draft');
      return { id: p.id, key: p.key, nationalCode: p.nationalCode, current: await catalog.getVersion(p.currentVersionId), versions };
    },
  );

  app.get(
    '/api/procedure-versions/:versionId',
    { config: { policy: policy.public() }, schema: { tags: ['catalogue'], summary: 'A published (or retired) version; drafts are visible to administrators only', params: VersionParams, response: { 200: ProcedureVersionSchema } } },
    async (req) => {
      const v = await catalog.getVersion(req.params.versionId);
      if (v.status === 'draft' && !req.principal?.grants.some((g) => g.role === 'platform_admin' || g.role === 'agency_admin')) throw catalogErrors.versionNotFound();
      return v;
    },
  );

  app.post(
    '/api/procedure-versions/:versionId/validate',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['catalogue'],
        summary: "Check form data against the version's e-form (what the server will require on submission)",
        params: VersionParams,
        body: Obj({ data: Type.Object({}, { additionalProperties: true }) }),
        response: { 200: Type.Object({ ok: Type.Boolean(), data: Type.Optional(Type.Object({}, { additionalProperties: true })), errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.Object({ vi: Type.String(), en: Type.String() }) }))) }) },
      },
    },
    async (req) => {
      const known = new Set<string>();
      for (const code of collectAdminUnitCodes(req.body.data)) if (await units.has(code)) known.add(code);
      return catalog.validateData(req.params.versionId, req.body.data, { adminUnitExists: (c) => known.has(c) });
    },
  );

  // --- administration
  app.get('/api/admin/procedures/:id/versions', { config: admin, schema: { tags: ['catalogue admin'], summary: 'All versions of a procedure, drafts included', params: IdParams, response: { 200: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), status: Type.String(), createdAt: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), retiredAt: Type.Union([Type.String(), Type.Null()]) })) } } }, async (req) => {
    const p = await findProcedure(db, req.params.id);
    if (!p) throw catalogErrors.procedureNotFound();
    return (await versionsOf(db, p.id)).map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null, retiredAt: v.retiredAt?.toISOString() ?? null }));
  });

  app.post('/api/admin/procedures', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Create a procedure with a first draft version', body: ProcedureVersionInputSchema, response: { 201: ProcedureVersionSchema } } }, async (req, reply) =>
    reply.status(201).send(await catalog.create(req.principal!, actorOf(req), req.body as ProcedureVersionInput, ctx.clock.now())),
  );

  app.put('/api/admin/procedure-versions/:versionId', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Edit a draft version (published versions are immutable)', params: VersionParams, body: ProcedureVersionInputSchema, response: { 200: ProcedureVersionSchema } } }, async (req) =>
    catalog.updateDraft(req.principal!, actorOf(req), req.params.versionId, req.body as ProcedureVersionInput, ctx.clock.now()),
  );

  app.post('/api/admin/procedure-versions/:versionId/publish', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Publish a draft after the completeness checks (422 lists every problem)', params: VersionParams, response: { 200: ProcedureVersionSchema } } }, async (req) =>
    catalog.publish(req.principal!, actorOf(req), req.params.versionId, ctx.clock.now()),
  );

  app.post('/api/admin/procedures/:id/retire', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Withdraw a procedure from the catalogue', params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await catalog.retire(req.principal!, actorOf(req), req.params.id, ctx.clock.now());
    return reply.status(204).send(null);
  });

  app.post('/api/admin/procedures/:id/versions', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Start a new draft version as a copy of the latest one', params: IdParams, response: { 201: ProcedureVersionSchema } } }, async (req, reply) =>
    reply.status(201).send(await catalog.copyToNewVersion(req.principal!, actorOf(req), req.params.id, ctx.clock.now())),
  );

  app.get('/api/admin/procedures/export', { config: admin, schema: { tags: ['catalogue admin'], summary: 'Export the catalogue as JSON (the import format)', response: { 200: Type.Object({ procedures: Type.Array(Type.Object({}, { additionalProperties: true })) }) } } }, async () => ({
    procedures: await catalog.exportAll(),
  }));

  app.post(
    '/api/admin/procedures/import',
    { config: admin, bodyLimit: 20 * 1024 * 1024, schema: { tags: ['catalogue admin'], summary: 'Import procedures as JSON; with publish=true all are published or none', body: Obj({ procedures: Type.Array(ProcedureVersionInputSchema, { minItems: 1, maxItems: 2000 }), publish: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), published: Type.Integer() }) } } },
    async (req) => catalog.importAll(req.principal!, actorOf(req), req.body.procedures as ProcedureVersionInput[], req.body.publish ?? false, ctx.clock.now()),
  );
}

/** Every 5-digit string in the data, to look up as commune codes before validating (the validator is synchronous). */
function collectAdminUnitCodes(data: unknown, out = new Set<string>()): Set<string> {
  if (typeof data === 'string' && /^\d{5}$/.test(data)) out.add(data);
  else if (Array.isArray(data)) for (const x of data) collectAdminUnitCodes(x, out);
  else if (data && typeof data === 'object') for (const x of Object.values(data)) collectAdminUnitCodes(x, out);
  return out;
}
