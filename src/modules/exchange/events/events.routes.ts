/**
 * Events between nodes over HTTP: the remote agencies registry (platform administrators), consultations asked of an
 * agency on another node and their answers (officers), the link's status. Thin: the services hold the rules.
 */
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app';
import type { Db } from '../../../platform/db/client';
import { policy, type Principal } from '../../../platform/auth/policy';
import { actorOf } from '../../../platform/auth/actor';
import { IdParams, NoContent } from '../../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../../platform/idempotency/idempotency.errors';
import {
  AnswerRemoteBodySchema,
  AskRemoteBodySchema,
  EventsStatusSchema,
  RemoteAgencyBodySchema,
  RemoteAgencyListSchema,
  RemoteAgencyParamsSchema,
  RemoteAgencySchema,
  RemoteConsultationListSchema,
  RemoteConsultationQuerySchema,
  RemoteConsultationSchema,
  type AnswerRemoteBody,
  type AskRemoteBody,
  type RemoteAgencyBody,
  RemoteTransferListSchema,
  RemoteTransferQuerySchema,
  RemoteTransferSchema,
  TransferBodySchema,
  type TransferBody,
} from '../../../shared/exchange/events/api';
import { dossierErrors, refusalErrors } from '../../dossier';
import { eventsErrors as E } from './events.errors';
import type { ConsultationService } from './consultations.service';
import type { TransferService } from './transfers.service';
import type { RemoteAgencies } from './remote-agencies';
import type { Static } from 'typebox';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const OFFICERS = policy.roles('receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin');
const ADMINS = policy.roles('platform_admin');

export interface EventsRouteDeps {
  db: Db;
  now: () => Date;
  remote: RemoteAgencies;
  consultations: ConsultationService;
  transfers: TransferService;
  status: () => Promise<Static<typeof EventsStatusSchema>>;
  /** After a commit that queued a message: the relay looks at once. */
  poke: () => void;
}

export function registerEventsRoutes(app: App, d: EventsRouteDeps): void {
  const { db, now, remote, consultations, transfers } = d;

  app.get(
    '/api/exchange/remote-agencies',
    {
      config: { policy: OFFICERS, errors: [] },
      schema: { operationId: 'listRemoteAgencies', tags: ['exchange'], summary: 'Agencies on other nodes', description: 'The registry of agencies hosted on other MotCua nodes (electronic identifier, name, node): where a consultation asked of them goes.', response: { 200: RemoteAgencyListSchema } },
    },
    async () => ({ items: await remote.list() }),
  );

  app.put(
    '/api/exchange/remote-agencies/:code',
    {
      config: { policy: ADMINS, errors: [E.localAgency, E.remoteAgencyNotFound, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'putRemoteAgency', tags: ['exchange'], summary: 'Register an agency on another node', description: 'Adds or updates an agency hosted on another node (platform administrators); an agency of this node is refused (exchange.local_agency). Takes an Idempotency-Key.', params: RemoteAgencyParamsSchema, body: RemoteAgencyBodySchema, response: { 200: RemoteAgencySchema } },
    },
    async (req: FastifyRequest<{ Params: { code: string }; Body: RemoteAgencyBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 200, body: await remote.put(tx, actorOf(req), req.params.code, req.body, at) }));
    },
  );

  app.delete(
    '/api/exchange/remote-agencies/:code',
    {
      config: { policy: ADMINS, errors: [E.remoteAgencyNotFound, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'deleteRemoteAgency', tags: ['exchange'], summary: 'Remove an agency on another node', description: 'Removes an agency from the registry of agencies on other nodes. Takes an Idempotency-Key.', params: RemoteAgencyParamsSchema, response: { 204: NoContent } },
    },
    async (req: FastifyRequest<{ Params: { code: string } }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, {}, at, async (tx) => {
        await remote.remove(tx, actorOf(req), req.params.code, at);
        return { status: 204, body: null };
      });
    },
  );

  app.get(
    '/api/exchange/consultations',
    {
      config: { policy: OFFICERS, errors: [] },
      schema: { operationId: 'listRemoteConsultations', tags: ['exchange'], summary: 'Consultations with agencies on other nodes', description: 'Consultations (xin ý kiến) asked of the officer’s agencies by agencies on other nodes (incoming) and asked by them of agencies on other nodes (outgoing), newest first.', querystring: RemoteConsultationQuerySchema, response: { 200: RemoteConsultationListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { direction?: 'incoming' | 'outgoing'; status?: 'asked' | 'answered' } }>) => ({ items: await consultations.list(principalOf(req), req.query) }),
  );

  app.get(
    '/api/exchange/consultations/:id',
    {
      config: { policy: OFFICERS, errors: [E.consultationNotFound] },
      schema: { operationId: 'getRemoteConsultation', tags: ['exchange'], summary: 'One consultation with an agency on another node', description: 'One consultation of the officer’s agencies (incoming or outgoing).', params: IdParams, response: { 200: RemoteConsultationSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => consultations.get(principalOf(req), req.params.id),
  );

  app.post(
    '/api/exchange/consultations',
    {
      config: { policy: policy.roles('specialist'), errors: [E.eventsOff, E.unknownRemoteAgency, dossierErrors.notFound, dossierErrors.outOfJurisdiction, ...Object.values(refusalErrors), ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'askRemoteConsultation',
        tags: ['exchange'],
        summary: 'Ask an agency on another node (xin ý kiến liên thông)',
        description: 'The dossier’s specialist asks the opinion of an agency hosted on another node: the dossier goes to consulting with the consultation’s own step deadline (the working days given, or the workflow’s share) and a form 06 row; the question travels over NATS JetStream and the answer, when it comes back, returns the dossier to processing. Takes an Idempotency-Key.',
        body: AskRemoteBodySchema,
        response: { 201: RemoteConsultationSchema },
      },
    },
    async (req: FastifyRequest<{ Body: AskRemoteBody }>, reply) => {
      const key = idempotencyKeyOf(req);
      const at = now();
      const out = await runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: await consultations.ask(tx, principalOf(req), actorOf(req), req.body, key, at) }));
      d.poke();
      return out;
    },
  );

  app.post(
    '/api/exchange/consultations/:id/answer',
    {
      config: { policy: policy.roles('specialist'), errors: [E.eventsOff, E.consultationNotFound, E.notConsulted, E.alreadyAnswered, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'answerRemoteConsultation', tags: ['exchange'], summary: 'Answer a consultation from another node', description: 'A specialist of the consulted agency answers a consultation asked by an agency on another node; the answer travels back over NATS JetStream. Takes an Idempotency-Key.', params: IdParams, body: AnswerRemoteBodySchema, response: { 200: RemoteConsultationSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: AnswerRemoteBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      const out = await runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 200, body: await consultations.answer(tx, principalOf(req), actorOf(req), req.params.id, req.body.opinion, at) }));
      d.poke();
      return out;
    },
  );

  app.get(
    '/api/exchange/transfers',
    {
      config: { policy: OFFICERS, errors: [] },
      schema: { operationId: 'listRemoteTransfers', tags: ['exchange'], summary: 'Dossiers transferred to or from agencies on other nodes', description: 'Dossiers transferred (liên thông) by the officer’s agencies to agencies on other nodes (outgoing) and received by them (incoming, with the dossier opened here), newest first.', querystring: RemoteTransferQuerySchema, response: { 200: RemoteTransferListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { direction?: 'incoming' | 'outgoing'; status?: 'sent' | 'received' | 'answered' } }>) => ({ items: await transfers.list(principalOf(req), req.query) }),
  );

  app.get(
    '/api/exchange/transfers/:id',
    {
      config: { policy: OFFICERS, errors: [E.transferNotFound] },
      schema: { operationId: 'getRemoteTransfer', tags: ['exchange'], summary: 'One dossier transferred between nodes', description: 'One transfer of the officer’s agencies (incoming or outgoing), with its outcome once answered.', params: IdParams, response: { 200: RemoteTransferSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => transfers.get(principalOf(req), req.params.id),
  );

  app.post(
    '/api/exchange/transfers',
    {
      config: { policy: policy.roles('specialist'), errors: [E.eventsOff, E.unknownRemoteAgency, dossierErrors.notFound, dossierErrors.outOfJurisdiction, ...Object.values(refusalErrors), ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'transferRemoteDossier',
        tags: ['exchange'],
        summary: 'Transfer a dossier to an agency on another node (liên thông)',
        description: 'The dossier’s specialist transfers it to an agency hosted on another node: the dossier waits (consulting, with the step deadline and a form 06 row) while the receiving agency opens its own dossier with the applicant and the form data; its outcome (result issued, rejected, refused, stopped) comes back over NATS JetStream and returns the dossier to processing. Takes an Idempotency-Key.',
        body: TransferBodySchema,
        response: { 201: RemoteTransferSchema },
      },
    },
    async (req: FastifyRequest<{ Body: TransferBody }>, reply) => {
      const key = idempotencyKeyOf(req);
      const at = now();
      const out = await runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: await transfers.transfer(tx, principalOf(req), actorOf(req), req.body, key, at) }));
      d.poke();
      return out;
    },
  );

  app.get(
    '/api/exchange/events/status',
    {
      config: { policy: ADMINS, errors: [] },
      schema: { operationId: 'getExchangeEventsStatus', tags: ['exchange'], summary: 'The NATS JetStream link', description: 'Whether events between nodes are on and connected, the durable consumers, how many messages wait for the stream’s acknowledgement, the last error.', response: { 200: EventsStatusSchema } },
    },
    async () => d.status(),
  );
}
