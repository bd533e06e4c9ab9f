/**
 * The supervision module over HTTP: obligations and the compliance dashboard for officers; deliveries by the web
 * app (a signed-in person acting for an enterprise) or by API with the enterprise's key; receipts; the receipt key
 * and the aggregate feed in public. Thin: the service holds the rules.
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { Binary, IdParams, NoContent } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import {
  AggregateSchema,
  AlertListSchema,
  ApiDeliveryBodySchema,
  ApiKeyBodySchema,
  ApiKeyListSchema,
  DashboardQuerySchema,
  DashboardSchema,
  DeliveryBodySchema,
  DeliveryListSchema,
  DeliverySchema,
  EnterpriseQuerySchema,
  MyObligationsSchema,
  NewApiKeySchema,
  ObligationBodySchema,
  ObligationListSchema,
  ObligationSchema,
  ReceiptKeySchema,
  type ApiDeliveryBody,
  type DeliveryBody,
  type ObligationBody,
} from '../../shared/api/supervision';
import { Uuid } from '../../shared/api/schema';
import { EnterpriseCodeSchema } from '../../shared/api/dossier';
import { supervisionErrors as E } from './supervision.errors';
import type { SupervisionService } from './supervision.service';
import type { ReceiptSigner } from './receipt';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const TAGS = ['supervision'];
const DELIVERY_ERRORS = [E.obligationNotFound, E.notSubject, E.badPeriod, E.malformed, ...IDEMPOTENCY_ERRORS];

export function registerSupervisionRoutes(app: App, d: { db: Db; now: () => Date; service: SupervisionService; signer: ReceiptSigner }): void {
  const { db, now, service } = d;

  // --- officers -------------------------------------------------------------------------------------------------
  app.post(
    '/api/supervision/obligations',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notAgencyOfficer, E.badDefinition, E.noSubjects, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'defineReportingObligation',
        tags: TAGS,
        summary: 'Define a reporting obligation (nghĩa vụ báo cáo)',
        description:
          'A specialist, approver or administrator of the agency defines who must report (enterprises by tax code and/or a class of active enterprises of the business registry: main business line prefix, commune code prefix — resolved now), what (fields with units, ranges and the largest change against the last period), how often (monthly, quarterly, yearly; due on a day of the month after the period, moved to the next working day when it is a day off) and the legal basis. Takes an Idempotency-Key.',
        body: ObligationBodySchema,
        response: { 201: ObligationSchema },
      },
    },
    async (req: FastifyRequest<{ Body: ObligationBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, subjects: string[]) => ({ status: 201, body: await service.view(await service.define(tx, principalOf(req), actorOf(req), req.body, subjects, at), tx) }),
        () => service.resolveSubjects(req.body),
      );
    },
  );

  app.get(
    '/api/supervision/obligations',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notAgencyOfficer] },
      schema: { operationId: 'listReportingObligations', tags: TAGS, summary: 'An agency’s reporting obligations', description: 'For the officers of the agency, newest first.', querystring: Type.Object({ agencyId: Uuid }, { additionalProperties: false }), response: { 200: ObligationListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string } }>) => service.list(principalOf(req), req.query.agencyId),
  );

  app.get(
    '/api/supervision/obligations/:id',
    {
      config: { policy: policy.authenticated('officer', 'citizen'), errors: [E.obligationNotFound, E.notAgencyOfficer] },
      schema: { operationId: 'getReportingObligation', tags: TAGS, summary: 'A reporting obligation', description: 'For the officers of its agency and the people who may act for an enterprise it binds.', params: IdParams, response: { 200: ObligationSchema } },
    },
    async (req) => service.getFor(principalOf(req), req.params.id),
  );

  app.get(
    '/api/supervision/obligations/:id/dashboard',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.obligationNotFound, E.notAgencyOfficer] },
      schema: {
        operationId: 'supervisionDashboard',
        tags: TAGS,
        summary: 'Compliance dashboard of an obligation',
        description: 'Per enterprise and period (the last 12 by default): on time, late, missing or not yet due, and the rules its current delivery broke (out of range, inconsistent with the last period); totals and the late share.',
        params: IdParams,
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>) => service.dashboard(principalOf(req), req.params.id, now(), req.query),
  );

  app.get(
    '/api/supervision/obligations/:id/deliveries',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.obligationNotFound, E.notAgencyOfficer] },
      schema: { operationId: 'supervisionHistory', tags: TAGS, summary: 'Deliveries of an obligation (history)', description: 'Every version, superseded ones included, newest period first; optionally of one enterprise.', params: IdParams, querystring: Type.Object({ enterpriseCode: Type.Optional(EnterpriseCodeSchema) }, { additionalProperties: false }), response: { 200: DeliveryListSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Querystring: { enterpriseCode?: string } }>) => service.history(principalOf(req), req.params.id, req.query.enterpriseCode),
  );

  app.get(
    '/api/supervision/obligations/:id/export',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.obligationNotFound, E.notAgencyOfficer] },
      schema: { operationId: 'exportSupervision', tags: TAGS, summary: 'Export the deliveries as CSV', description: 'Every version with its provenance (channel, time, hash), due day, lateness, rules broken and column totals; UTF-8 with BOM.', params: IdParams, response: { 200: Binary(['text/csv'], 'The deliveries') } },
    },
    async (req, reply) => {
      const csv = await service.exportCsv(principalOf(req), req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="giam-sat-${req.params.id.slice(0, 8)}.csv"`).send(csv);
    },
  );

  app.get(
    '/api/supervision/alerts',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notAgencyOfficer] },
      schema: { operationId: 'supervisionAlerts', tags: TAGS, summary: 'Alerts raised for an agency', description: 'Missing, late, out of range, inconsistent — newest first.', querystring: Type.Object({ agencyId: Uuid }, { additionalProperties: false }), response: { 200: AlertListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string } }>) => service.alerts(principalOf(req), req.query.agencyId),
  );

  // --- enterprises ----------------------------------------------------------------------------------------------
  app.get(
    '/api/supervision/mine',
    {
      config: { policy: policy.citizen(), errors: [E.notForEnterprise] },
      schema: { operationId: 'myReportingObligations', tags: TAGS, summary: 'The obligations of an enterprise I act for', description: 'With the next period to deliver, its due day, and the deliveries made (receipts).', querystring: EnterpriseQuerySchema, response: { 200: MyObligationsSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { enterpriseCode: string } }>) => service.mine(principalOf(req), req.query.enterpriseCode, now()),
  );

  app.post(
    '/api/supervision/obligations/:id/deliveries',
    {
      config: { policy: policy.citizen(), errors: [E.notForEnterprise, ...DELIVERY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'deliverReport',
        tags: TAGS,
        summary: 'Deliver a report from the web app',
        description:
          'A person who may act for the enterprise (its legal representative, or a member allowed to file) uploads the period’s report (JSON or CSV text). A malformed report is a 422 naming each record and field. The same content again for the period answers the earlier delivery (200, duplicate: true); other content supersedes it (history kept). Answers the delivery with its signed receipt. Takes an Idempotency-Key.',
        params: IdParams,
        body: DeliveryBodySchema,
        response: { 200: DeliverySchema, 201: DeliverySchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: DeliveryBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      const p = principalOf(req);
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, recipients) => {
          const out = await service.deliver(tx, p, actorOf(req), { obligationId: req.params.id, enterpriseCode: req.body.enterpriseCode, period: req.body.period, content: req.body.content, channel: 'web', accountId: p.accountId, apiKeyId: null }, recipients, at);
          return { status: out.duplicate ? 200 : 201, body: out };
        },
        () => service.recipients(req.params.id, req.body.enterpriseCode, p.accountId),
      );
    },
  );

  app.post(
    '/api/supervision/api/obligations/:id/deliveries',
    {
      config: { policy: policy.public(), errors: [E.badApiKey, ...DELIVERY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'deliverReportByApi',
        tags: TAGS,
        summary: 'Deliver a report by API (the enterprise’s key)',
        description:
          'The enterprise’s system sends `Authorization: Bearer mcs_…` (a key issued on the business page) and the period’s report. Same validation, duplicates and corrections as the web delivery; answers the delivery with its signed receipt (verify offline with the key at /api/public/supervision/receipt-key). Takes an Idempotency-Key (scoped to the API key).',
        params: IdParams,
        body: ApiDeliveryBodySchema,
        response: { 200: DeliverySchema, 201: DeliverySchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: ApiDeliveryBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      const key = await service.resolveKey(req.headers.authorization, at);
      return runIdempotent(
        db,
        req,
        reply,
        // The key's id is part of what makes two requests the same: another key never replays this answer.
        { apiKey: key.id, body: req.body },
        at,
        async (tx, recipients) => {
          const out = await service.deliver(tx, null, { accountId: null, kind: 'system', role: null, agencyId: null, requestId: String(req.id) }, { obligationId: req.params.id, enterpriseCode: key.enterpriseCode, period: req.body.period, content: req.body.content, channel: 'api', accountId: null, apiKeyId: key.id }, recipients, at);
          return { status: out.duplicate ? 200 : 201, body: out };
        },
        () => service.recipients(req.params.id, key.enterpriseCode, null),
      );
    },
  );

  app.get(
    '/api/supervision/deliveries/:id',
    {
      config: { policy: policy.authenticated('officer', 'citizen'), errors: [E.deliveryNotFound, E.notAgencyOfficer] },
      schema: { operationId: 'getDelivery', tags: TAGS, summary: 'A delivery and its receipt (biên nhận)', description: 'For the people who may act for the enterprise and the officers of the agency.', params: IdParams, response: { 200: DeliverySchema } },
    },
    async (req) => service.delivery(principalOf(req), req.params.id),
  );

  app.post(
    '/api/supervision/keys',
    {
      config: { policy: policy.citizen(), errors: [E.notForEnterprise, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'createSupervisionApiKey', tags: TAGS, summary: 'Issue an API key for an enterprise', description: 'For a system of the enterprise that delivers its reports; the key is shown once, only its hash is kept. Takes an Idempotency-Key.', body: ApiKeyBodySchema, response: { 201: NewApiKeySchema } },
    },
    async (req: FastifyRequest<{ Body: { enterpriseCode: string; label: string } }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: await service.createKey(tx, principalOf(req), actorOf(req), req.body.enterpriseCode, req.body.label, at) }));
    },
  );

  app.get(
    '/api/supervision/keys',
    {
      config: { policy: policy.citizen(), errors: [E.notForEnterprise] },
      schema: { operationId: 'listSupervisionApiKeys', tags: TAGS, summary: 'An enterprise’s API keys', description: 'Labels, dates, last use; never the keys.', querystring: EnterpriseQuerySchema, response: { 200: ApiKeyListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { enterpriseCode: string } }>) => service.listKeys(principalOf(req), req.query.enterpriseCode),
  );

  app.delete(
    '/api/supervision/keys/:id',
    {
      config: { policy: policy.citizen(), errors: [E.badApiKey, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'revokeSupervisionApiKey', tags: TAGS, summary: 'Revoke an API key', description: 'The key stops working at once. Takes an Idempotency-Key.', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, null, at, async (tx) => {
        await service.revokeKey(tx, principalOf(req), actorOf(req), req.params.id, at);
        return { status: 204, body: null };
      });
    },
  );

  // --- public ---------------------------------------------------------------------------------------------------
  app.get(
    '/api/public/supervision/receipt-key',
    {
      config: { policy: policy.public(), errors: [] },
      schema: { operationId: 'supervisionReceiptKey', tags: TAGS, summary: 'The public key of the receipts', description: 'Ed25519 public key (SPKI PEM) that signs delivery receipts, to verify them offline.', response: { 200: ReceiptKeySchema } },
    },
    async () => ({
      keyId: d.signer.keyId,
      algorithm: 'Ed25519' as const,
      publicKeyPem: d.signer.publicKeyPem,
      howToVerify: 'Serialise the receipt as JSON with object keys sorted at every level and no whitespace (UTF-8); verify the base64url signature over those bytes with this Ed25519 key.',
    }),
  );

  app.get(
    '/api/public/supervision/obligations/:id/aggregate',
    {
      config: { policy: policy.public(), errors: [E.obligationNotFound] },
      schema: { operationId: 'supervisionAggregate', tags: TAGS, summary: 'Aggregated figures of an obligation (open data)', description: 'Per closed period: the number of reporting enterprises and the totals of the numeric fields, suppressed (null) when fewer than 3 enterprises reported.', params: IdParams, response: { 200: AggregateSchema } },
    },
    async (req) => service.aggregateFeed(req.params.id, now()),
  );
}
