/** The inspection module over HTTP (kiểm tra trực tuyến). Thin: the service holds the rules. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db, Tx } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf, type Actor } from '../../platform/auth/actor';
import { Binary, IdParams } from '../../platform/http/schemas';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import {
  ConclusionBodySchema,
  DocumentRequestBodySchema,
  FindingBodySchema,
  InspectionBodySchema,
  InspectionFindingParams,
  InspectionListSchema,
  InspectionRequestParams,
  InspectionSchema,
  OnlineShareQuerySchema,
  OnlineShareSchema,
  RemedyDoneBodySchema,
  SessionBodySchema,
  UploadBodySchema,
  type ConclusionBody,
  type DocumentRequestBody,
  type FindingBody,
  type InspectionBody,
  type RemedyDoneBody,
  type SessionBody,
  type UploadBody,
} from '../../shared/inspection/api';
import { inspectionErrors as E } from './inspection.errors';
import type { InspectionService } from './inspection.service';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const SIGNED_IN = policy.authenticated('officer', 'citizen');
const ACCESS = [E.notFound, E.notInAgency];
const TEAM = [...ACCESS, E.notTeam, E.wrongState];
const ENTITY = [...ACCESS, E.notEntity, E.wrongState];
const KEYED = { idempotency: 'key' as const };

export interface InspectionRouteDeps {
  db: Db;
  now: () => Date;
  service: InspectionService;
  signingErrors: readonly { code: string; status: number }[];
  meetingErrors: readonly { code: string; status: number }[];
}

export function registerInspectionRoutes(app: App, d: InspectionRouteDeps): void {
  const { db, now, service } = d;
  const change = <B>(req: FastifyRequest, reply: FastifyReply, body: B, effect: (tx: Tx, p: Principal, a: Actor, at: Date) => Promise<unknown>, status = 200) => {
    const at = now();
    const id = (req.params as { id: string }).id;
    return runIdempotent(db, req, reply, body ?? null, at, async (tx) => {
      await effect(tx, principalOf(req), actorOf(req), at);
      return { status, body: await service.view(principalOf(req), id, at, tx) };
    });
  };
  const post = <P, B>(
    url: string,
    meta: { op: string; summary: string; description: string; errors: readonly { code: string; status: number }[]; params?: unknown; body?: unknown; status?: number },
    effect: (req: FastifyRequest<{ Params: P; Body: B }>, tx: Tx, p: Principal, a: Actor, at: Date) => Promise<unknown>,
  ) =>
    app.post(
      url,
      {
        config: { policy: SIGNED_IN, errors: [...meta.errors, ...IDEMPOTENCY_ERRORS], ...KEYED },
        schema: { operationId: meta.op, tags: ['inspection'], summary: meta.summary, description: `${meta.description} Takes an Idempotency-Key.`, params: meta.params ?? IdParams, ...(meta.body ? { body: meta.body } : {}), response: { [meta.status ?? 200]: InspectionSchema } },
      },
      async (req: FastifyRequest<{ Params: P; Body: B }>, reply) => change(req, reply, req.body, (tx, p, a, at) => effect(req, tx, p, a, at), meta.status ?? 200),
    );

  app.post(
    '/api/inspections',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notInAgency, E.unknownEntity, E.unknownOfficer, E.noLead, E.badDates, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: {
        operationId: 'planInspection',
        tags: ['inspection'],
        summary: 'Plan an inspection (kế hoạch kiểm tra)',
        description: 'A specialist or leader of the agency plans an inspection of an enterprise of the business registry: scope, legal basis, team (one lead), dates. The plan is a draft until a leader other than its author approves it. Takes an Idempotency-Key.',
        body: InspectionBodySchema,
        response: { 201: InspectionSchema },
      },
    },
    async (req: FastifyRequest<{ Body: InspectionBody }>, reply) => {
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, prepared) => {
          const row = await service.plan(tx, principalOf(req), actorOf(req), req.body, prepared, at);
          return { status: 201, body: await service.view(principalOf(req), row.id, at, tx) };
        },
        () => service.preparePlan(principalOf(req), req.body),
      );
    },
  );

  app.get(
    '/api/inspections',
    { config: { policy: SIGNED_IN, errors: [] }, schema: { operationId: 'listInspections', tags: ['inspection'], summary: 'Inspections', description: 'An officer’s: of her agencies and teams. A citizen’s: the inspections of the enterprises she legally represents, from their approval (the portal’s view).', response: { 200: InspectionListSchema } } },
    async (req) => service.list(principalOf(req)),
  );

  app.get(
    '/api/inspections/online-share',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notInAgency] },
      schema: { operationId: 'inspectionOnlineShare', tags: ['inspection'], summary: 'Share of inspections done online', description: 'Of an agency’s inspections whose session started in the period (Vietnam dates, inclusive; cancelled ones left out): how many, how many online (a remote session), and the share.', querystring: OnlineShareQuerySchema, response: { 200: OnlineShareSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string; from: string; to: string } }>) => service.onlineShare(principalOf(req), req.query),
  );

  app.get(
    '/api/inspections/:id',
    { config: { policy: SIGNED_IN, errors: ACCESS }, schema: { operationId: 'getInspection', tags: ['inspection'], summary: 'An inspection', description: 'The plan, its state, the remote session, document requests, findings and remedies, minutes and conclusion; for the team, the agency’s officers and the entity’s legal representative (from the approval).', params: IdParams, response: { 200: InspectionSchema } } },
    async (req: FastifyRequest<{ Params: { id: string } }>) => service.view(principalOf(req), req.params.id, now()),
  );

  post<{ id: string }, undefined>('/api/inspections/:id/approve', { op: 'approveInspection', summary: 'Approve the plan', description: 'A leader (approver) of the agency who is not the plan’s author; the entity is notified (an `inspection.approve` event).', errors: [...ACCESS, E.notLeader, E.wrongState] }, (req, tx, p, a, at) => service.approve(tx, p, a, req.params.id, at));
  post<{ id: string }, SessionBody>('/api/inspections/:id/start', { op: 'startInspection', summary: 'Start: open the remote session', description: 'The team lead starts the inspection: online, a meeting with the team and the entity’s representative (its video link, documents and minutes in the meeting module); or on site.', errors: [...TEAM, E.notLead, E.unknownEntity, ...d.meetingErrors], body: SessionBodySchema }, (req, tx, p, a, at) => service.start(tx, p, a, req.params.id, req.body, at));
  post<{ id: string }, DocumentRequestBody>('/api/inspections/:id/requests', { op: 'requestInspectionDocuments', summary: 'Ask the entity for documents', description: 'A document request with its deadline (the entity uploads until then).', errors: TEAM, body: DocumentRequestBodySchema, status: 201 }, (req, tx, p, a, at) => service.request(tx, p, a, req.params.id, req.body, at));
  post<{ id: string; requestId: string }, UploadBody>('/api/inspections/:id/requests/:requestId/upload', { op: 'uploadInspectionDocuments', summary: 'Upload the documents asked for', description: 'The entity’s legal representative uploads a PDF (base64) before the request’s deadline; at or after it, 409 inspection.request_closed.', errors: [...ENTITY, E.requestNotFound, E.requestClosed, E.notPdf], params: InspectionRequestParams, body: UploadBodySchema }, (req, tx, p, a, at) => service.upload(tx, p, a, req.params.id, req.params.requestId, req.body, at));
  post<{ id: string }, FindingBody>('/api/inspections/:id/findings', { op: 'recordInspectionFinding', summary: 'Record a finding', description: 'While the inspection runs: what the team found and, if any, the remedy asked and its deadline.', errors: TEAM, body: FindingBodySchema, status: 201 }, (req, tx, p, a, at) => service.finding(tx, p, a, req.params.id, req.body, at));
  post<{ id: string }, undefined>('/api/inspections/:id/minutes/team-signature', { op: 'signInspectionMinutesTeam', summary: 'Draw up and sign the minutes (team)', description: 'The team lead draws up the minutes (biên bản kiểm tra: basis, people, documents, findings and remedies) as PDF, signed with the agency’s certificate (PAdES).', errors: [...TEAM, E.notLead, ...d.signingErrors] }, (req, tx, p, a, at) => service.signTeam(tx, p, a, req.params.id, at));
  post<{ id: string }, undefined>('/api/inspections/:id/minutes/entity-signature', { op: 'signInspectionMinutesEntity', summary: 'Countersign the minutes (entity)', description: 'The entity’s legal representative signs the minutes the team signed: a second PAdES signature in an incremental update, the team’s staying valid; logged in the transparency log.', errors: [...ENTITY, ...d.signingErrors] }, (req, tx, p, a, at) => service.signEntity(tx, p, a, req.params.id, at));
  post<{ id: string }, ConclusionBody>('/api/inspections/:id/conclusion', { op: 'concludeInspection', summary: 'Conclude (kết luận kiểm tra)', description: 'A leader of the agency gives the conclusion after the minutes are signed by both parties; logged in the transparency log.', errors: [...ACCESS, E.notLeader, E.wrongState], body: ConclusionBodySchema }, (req, tx, p, a, at) => service.conclude(tx, p, a, req.params.id, req.body, at));
  post<{ id: string; findingId: string }, RemedyDoneBody>('/api/inspections/:id/findings/:findingId/remedy', { op: 'reportInspectionRemedy', summary: 'Report a remedy done', description: 'The entity reports that it remedied a finding, with a note (follow-up); late when past the remedy’s deadline.', errors: [...ENTITY, E.findingNotFound, E.noRemedy], params: InspectionFindingParams, body: RemedyDoneBodySchema }, (req, tx, p, a, at) => service.remedyDone(tx, p, a, req.params.id, req.params.findingId, req.body, at));
  post<{ id: string }, undefined>('/api/inspections/:id/close', { op: 'closeInspection', summary: 'Close the inspection', description: 'The team lead closes a concluded inspection once every remedy is done.', errors: [...TEAM, E.notLead, E.remediesOpen] }, (req, tx, p, a, at) => service.close(tx, p, a, req.params.id, at));

  const pdfHeaders = (reply: FastifyReply, name: string) => {
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    reply.header('cache-control', 'private, no-store');
    reply.header('x-content-type-options', 'nosniff');
  };
  app.get(
    '/api/inspections/:id/minutes.pdf',
    { config: { policy: SIGNED_IN, errors: [...ACCESS, E.wrongState] }, schema: { operationId: 'inspectionMinutesPdf', tags: ['inspection'], summary: 'The signed minutes', description: 'The minutes as signed so far (the team’s signature, then the entity’s).', params: IdParams, response: { 200: Binary(['application/pdf'], 'The signed minutes') } } },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const { code, bytes } = await service.minutesPdf(principalOf(req), req.params.id);
      pdfHeaders(reply, `bien-ban-kiem-tra-${code}.pdf`);
      return reply.send(bytes);
    },
  );
  app.get(
    '/api/inspections/:id/requests/:requestId/file',
    { config: { policy: SIGNED_IN, errors: [...ACCESS, E.requestNotFound] }, schema: { operationId: 'inspectionUploadedFile', tags: ['inspection'], summary: 'A document the entity uploaded', description: 'For the team, the agency and the entity.', params: InspectionRequestParams, response: { 200: Binary(['application/pdf'], 'The uploaded PDF') } } },
    async (req: FastifyRequest<{ Params: { id: string; requestId: string } }>, reply) => {
      const { fileName, bytes } = await service.file(principalOf(req), req.params.id, req.params.requestId);
      pdfHeaders(reply, fileName);
      return reply.send(bytes);
    },
  );
}
