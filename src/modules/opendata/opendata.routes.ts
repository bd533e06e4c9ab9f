/**
 * The open-data module's own routes (problem+json, as the platform's): the publication workflow steps and API
 * tokens for an agency's staff, and the list of the agency's datasets in every state. Reading and writing
 * metadata otherwise goes through the CKAN Action API (ckan/ckan.routes.ts).
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { IdParams } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { CkanError } from './ckan/action';
import { opendataErrors as E } from './opendata.errors';
import { EDIT_ROLES, PUBLISH_ROLES, type OpendataService, type Publisher, type Transition } from './opendata.service';
import type { OpendataPorts } from './opendata.ports';
import { countsCsv, publishedCounts, type CountRow } from '../../shared/opendata/statistics';

const StepBody = Type.Object({ step: Type.Union([Type.Literal('submit'), Type.Literal('publish'), Type.Literal('return'), Type.Literal('retire')], { description: 'submit (draft → review), publish (review → published), return (review → draft), retire (published → retired).' }) }, { additionalProperties: false });
const TokenBody = Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const DatasetState = Type.Object({ id: Type.String(), name: Type.String(), title: Type.String(), state: Type.String(), agencyId: Type.String(), metadataModified: Type.String() });
const TokenView = Type.Object({ id: Type.String(), token: Type.String({ description: 'Shown once: send it in the Authorization header of CKAN write actions.' }), agencyIds: Type.Array(Type.String()) });

export async function publisherOf(ports: OpendataPorts, principal: Principal): Promise<Publisher> {
  const admin = principal.grants.some((g) => g.role === 'platform_admin');
  return {
    accountId: principal.accountId,
    editAgencies: await ports.agencies.agenciesFor(principal, EDIT_ROLES),
    publishAgencies: await ports.agencies.agenciesFor(principal, PUBLISH_ROLES),
    admin,
  };
}

/**
 * The roles a CKAN caller carries (CkanCaller has one flat list for all its agencies): the publishing roles only
 * when the account may publish for every agency of the token, so that a token never publishes where its owner
 * only prepares data.
 */
export function callerRoles(principal: Principal, p: Publisher): string[] {
  const all = [...new Set(principal.grants.map((g) => g.role as string))];
  const publishesEverywhere = [...p.editAgencies].every((a) => p.publishAgencies.has(a));
  return p.admin || publishesEverywhere ? all : all.filter((r) => !(PUBLISH_ROLES as readonly string[]).includes(r));
}

/** A CKAN error of the service as the declared problem of these routes. */
function asProblem(err: unknown): unknown {
  if (!(err instanceof CkanError)) return err;
  if (err.type === 'Not Found Error') return E.datasetNotFound();
  if (err.type === 'Authorization Error') return E.notPublisher();
  return E.badTransition({ vi: err.message, en: err.message });
}

export function registerOpendataRoutes(app: App, d: { db: Db; svc: OpendataService; ports: OpendataPorts; now: () => Date }): void {
  const { db, svc, ports, now } = d;
  const staff = policy.roles(...EDIT_ROLES, 'platform_admin');

  app.get(
    '/api/opendata/my-datasets',
    {
      config: { policy: staff, errors: [] },
      schema: {
        operationId: 'listMyOpenDatasets',
        tags: ['opendata'],
        summary: 'Datasets of my agencies, in every state',
        description: 'The open datasets of the agencies the officer prepares data for (drafts, in review, published, retired), newest change first.',
        response: { 200: Type.Array(DatasetState) },
      },
    },
    async (req) => {
      const p = await publisherOf(ports, req.principal!);
      const agencyIds = p.admin ? (await ports.agencies.all()).map((a) => a.id) : [...p.editAgencies];
      return (await svc.ofAgencies(agencyIds)).map((r) => ({ id: r.id, name: r.name, title: r.titleVi, state: r.state, agencyId: r.agencyId, metadataModified: r.metadataModified.toISOString() }));
    },
  );

  // Dossier statistics MotCua publishes itself, always current (cells under 5 suppressed, no personal data).
  const counts = async (): Promise<CountRow[]> => {
    const rows = (await ports.dossierCounts?.()) ?? [];
    const agencies = new Map((await ports.agencies.all()).map((a) => [a.id, a]));
    return rows.map((r) => ({ month: r.month, agencyCode: agencies.get(r.agencyId)?.code ?? '', agencyName: agencies.get(r.agencyId)?.name ?? '', procedureKey: r.procedureKey, channel: r.channel, received: r.received, finished: r.finished, onTime: r.onTime, late: r.late }));
  };
  const CountSchema = Type.Object({
    month: Type.String(),
    agencyCode: Type.String(),
    agencyName: Type.String(),
    procedureKey: Type.String(),
    channel: Type.String(),
    received: Type.Union([Type.Integer(), Type.Null()]),
    finished: Type.Union([Type.Integer(), Type.Null()]),
    onTime: Type.Union([Type.Integer(), Type.Null()]),
    late: Type.Union([Type.Integer(), Type.Null()]),
  });
  app.get(
    '/api/opendata/statistics/dossiers.json',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'openDossierStatisticsJson',
        tags: ['opendata'],
        summary: 'Dossier counts per month, agency, procedure and channel (open data, JSON)',
        description: 'Dossiers received, finished, on time and late per month (Vietnam time), agency, procedure and channel. A count under 5 (other than 0) is published as null, so that no cell points at a person.',
        response: { 200: Type.Array(CountSchema) },
      },
    },
    async () => publishedCounts(await counts()),
  );
  app.get(
    '/api/opendata/statistics/dossiers.csv',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'openDossierStatisticsCsv',
        tags: ['opendata'],
        summary: 'Dossier counts per month, agency, procedure and channel (open data, CSV)',
        description: 'The same counts as CSV (UTF-8 with BOM; a count under 5 other than 0 is left empty; text cells that look like formulas are neutralised).',
        response: { 200: Type.String() },
      },
    },
    async (_req, reply) => reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="thong-ke-ho-so.csv"').send(countsCsv(publishedCounts(await counts()))),
  );

  app.post(
    '/api/opendata/datasets/:id/steps',
    {
      config: { policy: staff, errors: [E.datasetNotFound, E.notPublisher, E.badTransition], idempotency: 'key' as const },
      schema: {
        operationId: 'stepOpenDataset',
        tags: ['opendata'],
        summary: 'A step of the publication workflow',
        description: 'Moves a dataset draft → review (submit, by its agency’s staff), review → published or back to draft (publish, return: agency_admin or approver), published → retired (retire). One transaction with its audit record, outbox event and activity entry. Takes an Idempotency-Key.',
        params: IdParams,
        body: StepBody,
        response: { 200: DatasetState },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: { step: Transition } }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      const p = await publisherOf(ports, req.principal!);
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        try {
          const r = await svc.transition(tx, p, actorOf(req), req.params.id, req.body.step, at);
          return { status: 200, body: { id: r.id, name: r.name, title: r.titleVi, state: r.state, agencyId: r.agencyId, metadataModified: r.metadataModified.toISOString() } };
        } catch (err) {
          throw asProblem(err);
        }
      });
    },
  );

  app.post(
    '/api/opendata/tokens',
    {
      config: { policy: staff, errors: [E.noAgency], idempotency: { exempt: 'The answer carries a secret shown once; a replay must not hand it out again' } },
      schema: {
        operationId: 'createOpenDataToken',
        tags: ['opendata'],
        summary: 'An API token for the CKAN write actions',
        description: 'Issues an API token for the agencies the officer prepares data for (package_create, package_patch, resource_create and the DataStore writes). Only its SHA-256 is kept; the token is shown once.',
        body: TokenBody,
        response: { 201: TokenView },
      },
    },
    async (req: FastifyRequest<{ Body: { label: string } }>, reply) => {
      const principal = req.principal!;
      const p = await publisherOf(ports, principal);
      const agencyIds = [...p.editAgencies];
      if (!agencyIds.length && !p.admin) throw E.noAgency();
      const roles = callerRoles(principal, p);
      const at = now();
      const out = await db.transaction((tx) => svc.createToken(tx, actorOf(req), { accountId: principal.accountId, label: req.body.label.normalize('NFC').trim(), agencyIds, roles }, at));
      return reply.code(201).send({ id: out.id, token: out.token, agencyIds });
    },
  );
}
