import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { actorOf } from '../../platform/auth/actor';
import type { AgencyDirectory, CurrentUnits } from '../geography';
import { AGENCY_KINDS, LIFE_EVENTS, PROCEDURE_FIELDS } from '../../shared/catalog';
import {
  AdminVersionListSchema,
  ExportSchema,
  ImportBodySchema,
  ImportResultSchema,
  ProcedureDetailSchema,
  ProcedureIdParamsSchema,
  ProcedureListQuerySchema,
  ProcedureListSchema,
  ProcedureRefParamsSchema,
  ProcedureSearchQuerySchema,
  ProcedureSearchResultSchema,
  ProcedureVersionInputSchema,
  ProcedureVersionSchema,
  TaxonomySchema,
  ValidateDataBodySchema,
  ValidateDataResultSchema,
  VersionParamsSchema,
  type ProcedureListQuery,
} from '../../shared/api/catalog';
import { findProcedure, listCurrent, taxonomyCounts, versionsOf, type CatalogFilters } from './catalog.repo';
import { catalogErrors, catalogProblems } from './catalog.errors';
import { catalogExamples as ex, withExamples } from './catalog.examples';
import type { CatalogService } from './catalog.service';
import { registerCatalogBuilderRoutes } from './catalog.builder.routes';

const admin = (errors: readonly { code: string; status: number }[] = []) => ({ policy: policy.roles('platform_admin', 'agency_admin'), errors });
/** An administration change: one transaction with its Idempotency-Key answer. */
const adminChange = (errors: readonly { code: string; status: number }[] = []) => ({ ...admin(errors), idempotency: 'key' as const });
const pub = (errors: readonly { code: string; status: number }[] = []) => ({ policy: policy.public(), errors });
const E = catalogErrors;

export function registerCatalogRoutes(app: App, ctx: AppContext, catalog: CatalogService, directory: AgencyDirectory, units: CurrentUnits) {
  const { db } = ctx;

  // Procedure events delivered to this process (written by it or by another): the search index reads the procedure
  // again once the dispatcher's transaction is over (not awaited: on PGlite the read waits for that transaction).
  for (const type of ['procedure.published', 'procedure.retired']) {
    ctx.bus.subscribe(type, (event) => {
      void catalog.searchIndex.refresh([event.aggregateId]).catch((err) => app.log.warn({ err }, 'search index refresh failed'));
    });
  }

  /** "offered by agency X" = procedures of X's kind at X's level. */
  async function filtersOf(q: Omit<ProcedureListQuery, 'q' | 'limit' | 'offset'>): Promise<CatalogFilters> {
    const f: CatalogFilters = { field: q.field, level: q.level, onlineLevel: q.onlineLevel, applicantType: q.applicantType, lifeEvent: q.lifeEvent };
    if (q.agencyId) {
      const a = await directory.get(q.agencyId);
      if (!a) throw catalogProblems.agencyNotFound();
      f.agencyKind = a.kind;
      if (!f.level && (a.level === 'commune' || a.level === 'province')) f.level = a.level === 'commune' ? 'commune' : 'province';
      if (a.level === 'department') f.level = 'province';
    }
    return f;
  }

  app.get(
    '/api/procedures',
    {
      config: pub([E.agencyNotFound]),
      schema: {
        operationId: 'listProcedures',
        tags: ['catalogue'],
        summary: 'Published procedures, filtered; with q, ranked full-text search that ignores diacritics',
        description:
          'Lists the current version of every published procedure that matches the filters, in Vietnamese alphabetical order, a page at a time. With `q`, the answer is ranked by relevance instead (as `/api/procedures/search`, without paging). `agencyId` keeps the procedures that agency offers: its kind of agency at its level.',
        querystring: ProcedureListQuerySchema,
        response: { 200: withExamples(ProcedureListSchema, ex.list) },
      },
    },
    async (req) => {
      const f = await filtersOf(req.query);
      const limit = req.query.limit ?? 50;
      if (req.query.q?.trim()) {
        const r = await catalog.search(req.query.q, f, limit);
        return { total: r.total, items: r.items };
      }
      return listCurrent(db, f, limit, req.query.offset ?? 0);
    },
  );

  app.get(
    '/api/procedures/search',
    {
      config: pub([E.agencyNotFound]),
      schema: {
        operationId: 'searchProcedures',
        tags: ['catalogue'],
        summary: 'Type-ahead search: "cap giay phep xay dung" finds "Cấp giấy phép xây dựng"; the last word matches as a prefix',
        description:
          'Searches the published procedures by name, national code, result and English name, ignoring diacritics, case and đ/d. Every word must match (the last as a prefix, for type-ahead); when none does, any word may. Answers the best matches first, each with the matched words of its Vietnamese name highlighted as safe HTML.',
        querystring: ProcedureSearchQuerySchema,
        response: { 200: withExamples(ProcedureSearchResultSchema, ex.search) },
      },
    },
    async (req) => {
      const r = await catalog.search(req.query.q, await filtersOf(req.query), req.query.limit ?? 10);
      return { terms: r.terms, items: r.items };
    },
  );

  app.get(
    '/api/catalog/taxonomy',
    {
      config: pub(),
      schema: {
        operationId: 'getCatalogTaxonomy',
        tags: ['catalogue'],
        summary: 'Fields (lĩnh vực), life events and agency kinds with vi/en names and counts of published procedures',
        description: 'The vocabularies to browse the catalogue by: every field and life event with the number of published procedures in it, and the kinds of implementing agency.',
        response: { 200: TaxonomySchema },
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
      config: pub([E.procedureNotFound, E.notPublished]),
      schema: {
        operationId: 'getProcedure',
        tags: ['catalogue'],
        summary: 'One procedure (by id, catalogue key or national code) with its current version',
        description:
          'The procedure page: the current published version in full (fees, required documents, steps, legal bases, the e-form and the workflow) and the list of earlier versions, which stay readable. A retired procedure answers 409 `catalog.not_published`.',
        params: ProcedureRefParamsSchema,
        response: { 200: withExamples(ProcedureDetailSchema, ex.detail) },
      },
    },
    async (req) => {
      const p = await findProcedure(db, req.params.ref);
      if (!p) throw E.procedureNotFound();
      if (!p.currentVersionId) throw E.notPublished();
      const versions = (await versionsOf(db, p.id)).filter((v) => v.status !== 'draft');
      return { id: p.id, key: p.key, nationalCode: p.nationalCode, current: await catalog.getVersion(p.currentVersionId), versions };
    },
  );

  app.get(
    '/api/procedure-versions/:versionId',
    {
      config: pub([E.versionNotFound]),
      schema: {
        operationId: 'getProcedureVersion',
        tags: ['catalogue'],
        summary: 'A published (or retired) version; drafts are visible to administrators only',
        description: 'One version in full, e.g. the version a dossier was filed under. A draft answers 404 to anyone but a catalogue administrator.',
        params: VersionParamsSchema,
        response: { 200: withExamples(ProcedureVersionSchema, ex.version) },
      },
    },
    async (req) => {
      const v = await catalog.getVersion(req.params.versionId);
      if (v.status === 'draft' && !req.principal?.grants.some((g) => g.role === 'platform_admin' || g.role === 'agency_admin')) throw E.versionNotFound();
      return v;
    },
  );

  app.post(
    '/api/procedure-versions/:versionId/validate',
    {
      config: { ...pub([E.versionNotFound, E.incomplete]), idempotency: { exempt: 'a check sent as POST: it stores nothing' } },
      schema: {
        operationId: 'validateProcedureData',
        tags: ['catalogue'],
        summary: "Check form data against the version's e-form (what the server will require on submission)",
        description:
          "Checks form data against the version's e-form exactly as a submission will be checked (types, formats, conditional fields, commune codes that exist) and answers either the normalised data or every problem, one per field, in Vietnamese and English. Stores nothing.",
        params: VersionParamsSchema,
        body: withExamples(ValidateDataBodySchema, ex.validateBody),
        response: { 200: withExamples(ValidateDataResultSchema, ex.validateResult) },
      },
    },
    async (req) => {
      const known = new Set<string>();
      for (const code of collectAdminUnitCodes(req.body.data)) if (await units.has(code)) known.add(code);
      return catalog.validateData(req.params.versionId, req.body.data, { adminUnitExists: (c) => known.has(c) });
    },
  );

  // --- administration
  app.get(
    '/api/admin/procedures/:id/versions',
    {
      config: admin([E.procedureNotFound]),
      schema: {
        operationId: 'listProcedureVersions',
        tags: ['catalogue admin'],
        summary: 'All versions of a procedure, drafts included',
        description: 'Every version of the procedure, oldest first, with when each was created, published and retired.',
        params: ProcedureIdParamsSchema,
        response: { 200: AdminVersionListSchema },
      },
    },
    async (req) => {
      const p = await findProcedure(db, req.params.id);
      if (!p) throw E.procedureNotFound();
      return (await versionsOf(db, p.id)).map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null, retiredAt: v.retiredAt?.toISOString() ?? null }));
    },
  );

  app.post(
    '/api/admin/procedures',
    {
      config: adminChange([E.keyTaken]),
      schema: {
        operationId: 'createProcedure',
        tags: ['catalogue admin'],
        summary: 'Create a procedure with a first draft version',
        description: 'Creates a procedure under a new catalogue key, with the body as its first version, a draft. Nothing is public until the draft is published.',
        body: withExamples(ProcedureVersionInputSchema, ex.input),
        response: { 201: withExamples(ProcedureVersionSchema, ex.draft) },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => ({ status: 201, body: await catalog.create(req.principal!, actorOf(req), req.body, now, tx) }));
    },
  );

  app.put(
    '/api/admin/procedure-versions/:versionId',
    {
      config: adminChange([E.versionNotFound, E.versionImmutable, E.keyTaken]),
      schema: {
        operationId: 'updateProcedureDraft',
        tags: ['catalogue admin'],
        summary: 'Edit a draft version (published versions are immutable)',
        description:
          'Replaces the whole content of a draft with the body (PUT semantics: a field left out, e.g. `codeNote`, is removed; there is no partial update). A changed `key` renames the procedure. A published or retired version answers 409 `catalog.version_immutable`: copy it to a new version instead.',
        params: VersionParamsSchema,
        body: withExamples(ProcedureVersionInputSchema, ex.input),
        response: { 200: withExamples(ProcedureVersionSchema, ex.draft) },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => ({ status: 200, body: await catalog.updateDraft(req.principal!, actorOf(req), req.params.versionId, req.body, now, tx) }));
    },
  );

  app.post(
    '/api/admin/procedures/:id/retire',
    {
      config: adminChange([E.procedureNotFound, E.notPublished]),
      schema: {
        operationId: 'retireProcedure',
        tags: ['catalogue admin'],
        summary: 'Withdraw a procedure from the catalogue',
        description: 'Retires the current version: the procedure leaves the catalogue and search; its versions stay readable and dossiers filed under them are kept.',
        params: ProcedureIdParamsSchema,
        response: { 204: Type.Null({ description: 'Retired' }) },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      await runIdempotent(db, req, reply, null, now, async (tx) => {
        await catalog.retire(req.principal!, actorOf(req), req.params.id, now, tx);
        return { status: 204, body: null };
      });
      await catalog.refreshSearch([req.params.id]);
      return reply.send(null);
    },
  );

  app.post(
    '/api/admin/procedures/:id/versions',
    {
      config: adminChange([E.procedureNotFound, E.draftExists]),
      schema: {
        operationId: 'copyProcedureVersion',
        tags: ['catalogue admin'],
        summary: 'Start a new draft version as a copy of the latest one',
        description: 'Starts the next version of a procedure as a draft copy of its latest version. A procedure has at most one draft: 409 `catalog.draft_exists` otherwise.',
        params: ProcedureIdParamsSchema,
        response: { 201: withExamples(ProcedureVersionSchema, ex.draft) },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, null, now, async (tx) => ({ status: 201, body: await catalog.copyToNewVersion(req.principal!, actorOf(req), req.params.id, now, tx) }));
    },
  );

  app.get(
    '/api/admin/procedures/export',
    {
      config: admin(),
      schema: {
        operationId: 'exportCatalogue',
        tags: ['catalogue admin'],
        summary: 'Export the catalogue as JSON (the import format)',
        description: 'The latest version (draft included) of every procedure, by catalogue key, in the import format: the answer can be imported into another installation as it is.',
        response: { 200: withExamples(ExportSchema, ex.export) },
      },
    },
    async () => ({ procedures: await catalog.exportAll() }),
  );

  app.post(
    '/api/admin/procedures/import',
    {
      config: adminChange([E.incomplete, E.keyTaken]),
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        operationId: 'importCatalogue',
        tags: ['catalogue admin'],
        summary: 'Import procedures as JSON; with submitForReview=true all are sent for approval or none',
        description:
          'Imports procedures in the export format, in one transaction: a new key creates a procedure, a known key gets a new draft (replacing its open draft). With `submitForReview`, every imported draft is sent for approval, or none is: one incomplete version aborts the import with 422, its problems prefixed with its key. An import never publishes: as for any draft, another administrator approves each one (`/review/approve`), now or at a date.',
        body: withExamples(ImportBodySchema, ex.importBody),
        response: { 200: withExamples(ImportResultSchema, ex.importResult) },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      let touched: string[] = [];
      const result = await runIdempotent(db, req, reply, req.body, now, async (tx) => {
        const { touched: changed, ...counts } = await catalog.importAll(req.principal!, actorOf(req), req.body.procedures, req.body.submitForReview ? 'submit' : 'draft', now, tx);
        touched = changed;
        return { status: 200, body: counts };
      });
      if (touched.length) await catalog.refreshSearch(touched);
      return result;
    },
  );

  registerCatalogBuilderRoutes(app, ctx, catalog);
}

/** Every 5-digit string in the data, to look up as commune codes before validating (the validator is synchronous). */
function collectAdminUnitCodes(data: unknown, out = new Set<string>()): Set<string> {
  if (typeof data === 'string' && /^\d{5}$/.test(data)) out.add(data);
  else if (Array.isArray(data)) for (const x of data) collectAdminUnitCodes(x, out);
  else if (data && typeof data === 'object') for (const x of Object.values(data)) collectAdminUnitCodes(x, out);
  return out;
}
