/**
 * The open-data plan and the database catalogue (issue 18, item 5). Public reads: an agency's plans with their
 * progress computed from the catalogue and their late items; the catalogue of databases, also as a CSV/JSON
 * export the data map harvests. Writes by the agency's publishers (agency_admin, approver), each one transaction
 * with its audit record and outbox event, replayable with an Idempotency-Key.
 */
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db, Tx } from '../../platform/db/client';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { IdParams, IsoDate, Uuid } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { DATABASE_ACCESS, DATABASE_KINDS, OPEN_LEVELS, databasesCsv, planProblems, type PlanProgress } from '../../shared/opendata/plan';
import { opendataErrors as E } from './opendata.errors';
import { PUBLISH_ROLES } from './opendata.service';
import { publisherOf } from './opendata.routes';
import type { OpendataPorts } from './opendata.ports';
import type { DatabaseRow, PlanRow, PlanService } from './plan.service';

const Level = Type.Union(
  OPEN_LEVELS.map((l) => Type.Literal(l)),
  { description: 'Openness level 1–5: 1 open licence, 2 spreadsheet, 3 open format (CSV, JSON, GeoJSON), 4 queryable (API or DataStore), 5 linked data.' },
);
const Slug = Type.String({ pattern: '^[a-z0-9_-]{2,100}$', description: 'A catalogue name (lower case letters, digits, - and _).' });
const Stage = Type.Object(
  { key: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }), name: Type.String({ minLength: 1, maxLength: 200 }), until: IsoDate, minLevel: Level },
  { additionalProperties: false, description: 'A stage of the schedule: its end date and the minimum level of what it publishes.' },
);
const Item = Type.Object(
  { datasetName: Slug, title: Type.String({ minLength: 1, maxLength: 300 }), stage: Type.String({ minLength: 1, maxLength: 40 }), due: IsoDate, minLevel: Type.Optional(Level) },
  { additionalProperties: false, description: 'A dataset to open: the catalogue name it will be published as, its stage and due date.' },
);
const PlanFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  decisionRef: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'Number and symbol of the decision that issued the plan.' })),
  issuedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  stages: Type.Array(Stage, { minItems: 1, maxItems: 20 }),
  items: Type.Array(Item, { maxItems: 1000 }),
};
const PlanCreate = Type.Object({ agencyId: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2100 }), ...PlanFields }, { additionalProperties: false });
const PlanUpdate = Type.Object(PlanFields, { additionalProperties: false });
type PlanCreateBody = Static<typeof PlanCreate>;
type PlanUpdateBody = Static<typeof PlanUpdate>;

const Summary = Type.Object({ items: Type.Integer(), done: Type.Integer(), late: Type.Integer(), percent: Type.Number() });
const PlanHead = {
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  agencyCode: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  decisionRef: Type.Union([Type.String(), Type.Null()]),
  issuedOn: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
};
const PlanListEntry = Type.Object({ ...PlanHead, progress: Summary });
const StageView = Type.Object({ key: Type.String(), name: Type.String(), until: Type.String(), minLevel: Type.Integer(), items: Type.Integer(), done: Type.Integer(), late: Type.Integer(), percent: Type.Number() });
const ItemView = Type.Object({
  datasetName: Type.String(),
  title: Type.String(),
  stage: Type.String(),
  due: Type.String(),
  minLevel: Type.Optional(Type.Integer()),
  requiredLevel: Type.Integer(),
  status: Type.Union([Type.Literal('done'), Type.Literal('below_level'), Type.Literal('pending'), Type.Literal('late')], { description: 'done; below_level (published, under the required level); pending; late (due date passed, not done).' }),
  late: Type.Boolean(),
  doneLate: Type.Boolean(),
  level: Type.Union([Type.Integer(), Type.Null()]),
  publishedOn: Type.Union([Type.String(), Type.Null()]),
});
const PlanView = Type.Object({ ...PlanHead, progress: Summary, stages: Type.Array(StageView), items: Type.Array(ItemView) });

const DatabaseFields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  kind: Type.Union(
    DATABASE_KINDS.map((k) => Type.Literal(k)),
    { description: 'national (quốc gia), ministry (dùng chung của bộ, ngành), province (dùng chung của tỉnh), internal (nội bộ).' },
  ),
  owner: Type.String({ minLength: 1, maxLength: 300, description: 'The agency in charge (cơ quan chủ quản).' }),
  legalBasis: Type.String({ minLength: 1, maxLength: 1000, description: 'The legal basis (căn cứ pháp lý) for the database.' }),
  fields: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, description: 'Its main data fields.' }),
  access: Type.Union(
    DATABASE_ACCESS.map((k) => Type.Literal(k)),
    { description: 'open (published as open data), shared (through the data exchange platform), closed.' },
  ),
  datasetName: Type.Optional(Type.Union([Slug, Type.Null()])),
};
const DatabaseCreate = Type.Object({ agencyId: Uuid, code: Type.String({ pattern: '^[a-z0-9_-]{2,60}$' }), ...DatabaseFields }, { additionalProperties: false });
const DatabaseUpdate = Type.Object(DatabaseFields, { additionalProperties: false });
type DatabaseCreateBody = Static<typeof DatabaseCreate>;
type DatabaseUpdateBody = Static<typeof DatabaseUpdate>;
const DatabaseView = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  installation: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  owner: Type.String(),
  legalBasis: Type.String(),
  fields: Type.Array(Type.String()),
  access: Type.String(),
  datasetName: Type.Union([Type.String(), Type.Null()]),
  datasetUrl: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
});
const AgencyQuery = Type.Object({ agencyId: Type.Optional(Uuid) }, { additionalProperties: false });

export function registerPlanRoutes(app: App, d: { db: Db; plans: PlanService; ports: OpendataPorts; now: () => Date; baseUrl: string }): void {
  const { db, plans, ports, now, baseUrl } = d;
  const publishers = policy.roles(...PUBLISH_ROLES, 'platform_admin');
  const agencyMap = async () => new Map((await ports.agencies.all()).map((a) => [a.id, a]));
  const head = (r: PlanRow, agencies: Map<string, { name: string; code: string }>) => ({
    id: r.id,
    agencyId: r.agencyId,
    agencyName: agencies.get(r.agencyId)?.name ?? '',
    agencyCode: agencies.get(r.agencyId)?.code ?? '',
    year: r.year,
    title: r.title,
    decisionRef: r.decisionRef,
    issuedOn: r.issuedOn,
    updatedAt: r.updatedAt.toISOString(),
  });
  const summary = (p: PlanProgress) => ({ items: p.items, done: p.done, late: p.late, percent: p.percent });
  type Agencies = Map<string, { name: string; code: string }>;
  const view = async (r: PlanRow, agencies: Agencies, handle: Db | Tx = db) => {
    const p = (await plans.progressOf([r], now(), handle)).get(r.id)!;
    return { ...head(r, agencies), progress: summary(p), stages: p.stages, items: p.itemProgress };
  };
  const mayPublish = async (req: FastifyRequest, agencyId: string) => {
    const p = await publisherOf(ports, req.principal!);
    if (!p.admin && !p.publishAgencies.has(agencyId)) throw E.notPublisher();
  };
  const checkPlan = (body: PlanUpdateBody) => {
    const problems = planProblems(body);
    if (problems.length) throw E.planInvalid(undefined, { fields: problems.map((x) => ({ field: x.path, code: 'plan', message: { vi: x.vi, en: x.en } })) });
  };
  const dbView = (r: DatabaseRow, agencies: Map<string, { name: string; code: string }>) => ({
    id: r.id,
    agencyId: r.agencyId,
    installation: baseUrl,
    agencyCode: agencies.get(r.agencyId)?.code ?? '',
    agencyName: agencies.get(r.agencyId)?.name ?? '',
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    kind: r.kind,
    owner: r.owner,
    legalBasis: r.legalBasis,
    fields: r.fields,
    access: r.access,
    datasetName: r.datasetName,
    datasetUrl: r.datasetName ? `${baseUrl}/du-lieu-mo/${r.datasetName}` : null,
    updatedAt: r.updatedAt.toISOString(),
  });

  app.get(
    '/api/opendata/plans',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'listOpenDataPlans',
        tags: ['opendata'],
        summary: 'Open-data plans of the agencies, with their progress',
        description: 'The agencies’ open-data plans (kế hoạch mở dữ liệu), oldest year first, each with its progress computed now from what the agency has published in the catalogue: items done, late (due date passed and not published at the required level) and the share done.',
        querystring: AgencyQuery,
        response: { 200: Type.Array(PlanListEntry) },
      },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId?: string } }>) => {
      const rows = await plans.plans(req.query.agencyId);
      const progress = await plans.progressOf(rows, now());
      const agencies = await agencyMap();
      return rows.map((r) => ({ ...head(r, agencies), progress: summary(progress.get(r.id)!) }));
    },
  );

  app.get(
    '/api/opendata/plans/:id',
    {
      config: { policy: policy.public(), errors: [E.planNotFound] },
      schema: {
        operationId: 'showOpenDataPlan',
        tags: ['opendata'],
        summary: 'An open-data plan with its progress and late items',
        description: 'The plan’s three contents — the list of data to open, the schedule (stages and due dates) and the minimum level per stage — with each item’s status computed from the catalogue (done, below the required level, pending, late) and the progress per stage.',
        params: IdParams,
        response: { 200: PlanView },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const row = await plans.plan(req.params.id);
      if (!row) throw E.planNotFound();
      return view(row, await agencyMap());
    },
  );

  app.post(
    '/api/opendata/plans',
    {
      config: { policy: publishers, errors: [E.notPublisher, E.planExists, E.planInvalid], idempotency: 'key' as const },
      schema: {
        operationId: 'createOpenDataPlan',
        tags: ['opendata'],
        summary: 'Issue the agency’s open-data plan for a year',
        description: 'Records an agency’s open-data plan for a year (by its agency_admin or approver): stages with their end dates and minimum levels, and the datasets to open with their due dates. One transaction with its audit record and outbox event. Takes an Idempotency-Key.',
        body: PlanCreate,
        response: { 201: PlanView },
      },
    },
    async (req: FastifyRequest<{ Body: PlanCreateBody }>, reply) => {
      idempotencyKeyOf(req);
      const { agencyId, year, ...content } = req.body;
      await mayPublish(req, agencyId);
      checkPlan(content);
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, agencies) => {
          const r = await plans.createPlan(tx, actorOf(req), agencyId, year, content, at);
          if (r === 'exists') throw E.planExists();
          return { status: 201, body: await view(r, agencies, tx) };
        },
        agencyMap,
      );
    },
  );

  app.put(
    '/api/opendata/plans/:id',
    {
      config: { policy: publishers, errors: [E.planNotFound, E.notPublisher, E.planInvalid], idempotency: 'key' as const },
      schema: {
        operationId: 'updateOpenDataPlan',
        tags: ['opendata'],
        summary: 'Amend an open-data plan',
        description: 'Replaces the plan’s title, decision, stages and items (an amended plan). One transaction with its audit record (before and after) and outbox event. Takes an Idempotency-Key.',
        params: IdParams,
        body: PlanUpdate,
        response: { 200: PlanView },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: PlanUpdateBody }>, reply) => {
      idempotencyKeyOf(req);
      const before = await plans.plan(req.params.id);
      if (!before) throw E.planNotFound();
      await mayPublish(req, before.agencyId);
      checkPlan(req.body);
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, agencies) => {
          const cur = await plans.plan(req.params.id, tx);
          if (!cur) throw E.planNotFound();
          return { status: 200, body: await view(await plans.updatePlan(tx, actorOf(req), cur, req.body, at), agencies, tx) };
        },
        agencyMap,
      );
    },
  );

  app.get(
    '/api/opendata/databases',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'listAgencyDatabases',
        tags: ['opendata'],
        summary: 'The catalogue of the agencies’ databases (JSON)',
        description: 'Every database of the agencies (danh mục cơ sở dữ liệu): national, shared by a ministry or a province, or internal; the agency in charge, the legal basis, the main data fields, and whether it is open, shared through the data exchange or closed. Each row names this installation so that catalogues of many installations can be merged into one data map.',
        querystring: AgencyQuery,
        response: { 200: Type.Array(DatabaseView) },
      },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId?: string } }>) => {
      const agencies = await agencyMap();
      return (await plans.databases(req.query.agencyId)).map((r) => dbView(r, agencies));
    },
  );

  app.get(
    '/api/opendata/databases.csv',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'exportAgencyDatabasesCsv',
        tags: ['opendata'],
        summary: 'The catalogue of the agencies’ databases (open data, CSV)',
        description: 'The same catalogue as CSV (UTF-8 with BOM; main data fields joined with “; ”; text cells that look like formulas are neutralised), the resource of the open dataset “danh-muc-co-so-du-lieu”.',
        response: { 200: Type.String() },
      },
    },
    async (_req, reply) => reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="danh-muc-co-so-du-lieu.csv"').send(databasesCsv(await plans.exportRows())),
  );

  app.post(
    '/api/opendata/databases',
    {
      config: { policy: publishers, errors: [E.notPublisher, E.databaseExists], idempotency: 'key' as const },
      schema: {
        operationId: 'createAgencyDatabase',
        tags: ['opendata'],
        summary: 'Add a database to the agency’s catalogue',
        description: 'Adds a database to the agency’s catalogue of databases (by its agency_admin or approver). One transaction with its audit record and outbox event. Takes an Idempotency-Key.',
        body: DatabaseCreate,
        response: { 201: DatabaseView },
      },
    },
    async (req: FastifyRequest<{ Body: DatabaseCreateBody }>, reply) => {
      idempotencyKeyOf(req);
      const { agencyId, ...input } = req.body;
      await mayPublish(req, agencyId);
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, agencies) => {
          const r = await plans.createDatabase(tx, actorOf(req), agencyId, input, at);
          if (r === 'exists') throw E.databaseExists();
          return { status: 201, body: dbView(r, agencies) };
        },
        agencyMap,
      );
    },
  );

  app.put(
    '/api/opendata/databases/:id',
    {
      config: { policy: publishers, errors: [E.databaseNotFound, E.notPublisher], idempotency: 'key' as const },
      schema: {
        operationId: 'updateAgencyDatabase',
        tags: ['opendata'],
        summary: 'Change a database of the agency’s catalogue',
        description: 'Replaces the description of a database in the catalogue (its code stays). One transaction with its audit record (before and after) and outbox event. Takes an Idempotency-Key.',
        params: IdParams,
        body: DatabaseUpdate,
        response: { 200: DatabaseView },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: DatabaseUpdateBody }>, reply) => {
      idempotencyKeyOf(req);
      const before = await plans.database(req.params.id);
      if (!before) throw E.databaseNotFound();
      await mayPublish(req, before.agencyId);
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, agencies) => {
          const cur = await plans.database(req.params.id, tx);
          if (!cur) throw E.databaseNotFound();
          return { status: 200, body: dbView(await plans.updateDatabase(tx, actorOf(req), cur, req.body, at), agencies) };
        },
        agencyMap,
      );
    },
  );
}
