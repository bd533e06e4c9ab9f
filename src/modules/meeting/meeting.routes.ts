/** The meeting module over HTTP (họp không gặp mặt). Thin: the service holds the rules. */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db, Tx } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf, type Actor } from '../../platform/auth/actor';
import { Binary, IdParams, NoContent } from '../../platform/http/schemas';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import {
  AgencyQuerySchema,
  BallotBodySchema,
  ColleagueListSchema,
  DocumentReadsSchema,
  MeetingBodySchema,
  MeetingDocParams,
  MeetingDocumentBodySchema,
  MeetingListSchema,
  MeetingSchema,
  MeetingVoteParams,
  MinutesBodySchema,
  OpinionBodySchema,
  VoteBodySchema,
  VoteSchema,
  type BallotBody,
  type MeetingBody,
  type MeetingDocumentBody,
  type MinutesBody,
  type OpinionBody,
  type VoteBody,
} from '../../shared/meeting/api';
import { meetingErrors as E } from './meeting.errors';
import type { MeetingService } from './meeting.service';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const SIGNED_IN = policy.authenticated('officer', 'citizen');
const ACCESS = [E.notFound, E.notParticipant];
const ORGANISE = [E.notFound, E.notParticipant, E.notOrganiser, E.wrongState];
const KEYED = { idempotency: 'key' as const };

export interface MeetingRouteDeps {
  db: Db;
  now: () => Date;
  service: MeetingService;
  /** What signing the minutes may answer (the result module's errors). */
  signingErrors: readonly { code: string; status: number }[];
}

export function registerMeetingRoutes(app: App, d: MeetingRouteDeps): void {
  const { db, now, service } = d;
  /** A state change: one transaction through runIdempotent, then the meeting's view. */
  const change = <B>(req: FastifyRequest, reply: FastifyReply, body: B, effect: (tx: Tx, p: Principal, a: Actor, at: Date) => Promise<unknown>, status = 200) => {
    const at = now();
    const id = (req.params as { id: string }).id;
    return runIdempotent(db, req, reply, body ?? null, at, async (tx) => {
      await effect(tx, principalOf(req), actorOf(req), at);
      return { status, body: await service.view(principalOf(req), id, at, tx) };
    });
  };

  app.post(
    '/api/meetings',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notInAgency, E.badTimes, E.unknownOfficer, E.duplicateParticipant, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: {
        operationId: 'createMeeting',
        tags: ['meeting'],
        summary: 'Create a paperless meeting (họp không gặp mặt)',
        description: 'An officer of the agency sets the agenda, the times and the participants: officers (by account) and outsiders who sign in as citizens (by personal ID). Each participant is invited (a `meeting.invited` event, for the notifications). Takes an Idempotency-Key.',
        body: MeetingBodySchema,
        response: { 201: MeetingSchema },
      },
    },
    async (req: FastifyRequest<{ Body: MeetingBody }>, reply) => {
      const at = now();
      return runIdempotent(
        db,
        req,
        reply,
        req.body,
        at,
        async (tx, names) => {
          const m = await service.create(tx, actorOf(req), principalOf(req).accountId, req.body, names, at);
          return { status: 201, body: await service.view(principalOf(req), m.id, at, tx) };
        },
        () => service.prepareCreate(principalOf(req), req.body),
      );
    },
  );

  app.get(
    '/api/meetings',
    {
      config: { policy: SIGNED_IN, errors: [] },
      schema: { operationId: 'listMyMeetings', tags: ['meeting'], summary: 'My meetings', description: 'The meetings the caller is invited to (or organised), newest first.', response: { 200: MeetingListSchema } },
    },
    async (req) => service.mine(principalOf(req)),
  );

  app.get(
    '/api/meetings/officers',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notInAgency] },
      schema: { operationId: 'listMeetingOfficers', tags: ['meeting'], summary: 'Officers one may invite', description: 'The active officers of the agency (or of its parents, granted with the sub-agencies), by name: whom an officer of the agency may invite to a meeting or put on an inspection team.', querystring: AgencyQuerySchema, response: { 200: ColleagueListSchema } },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string } }>) => service.colleagues(principalOf(req), req.query.agencyId),
  );

  app.get(
    '/api/meetings/:id',
    {
      config: { policy: SIGNED_IN, errors: ACCESS },
      schema: {
        operationId: 'getMeeting',
        tags: ['meeting'],
        summary: 'A meeting',
        description: 'Agenda, participants and attendance, documents (with the deadline of written opinions and the caller’s own), votes (the caller’s ballot, the tally once closed), the video link (MEETING_VIDEO_URL_TEMPLATE) for participants, and the signed minutes. Officers of the agency see it without taking part.',
        params: IdParams,
        response: { 200: MeetingSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => service.view(principalOf(req), req.params.id, now()),
  );

  for (const [action, op, summary] of [
    ['open', 'openMeeting', 'Open the meeting'],
    ['close', 'closeMeeting', 'Close the meeting (no vote may be open)'],
    ['cancel', 'cancelMeeting', 'Cancel a scheduled meeting'],
  ] as const) {
    app.post(
      `/api/meetings/:id/${action}`,
      {
        config: { policy: SIGNED_IN, errors: [...ORGANISE, ...(action === 'close' ? [E.votesOpen] : []), ...IDEMPOTENCY_ERRORS], ...KEYED },
        schema: { operationId: op, tags: ['meeting'], summary, description: `${summary}: by the chair or the secretary (or the officer who created it). Takes an Idempotency-Key.`, params: IdParams, response: { 200: MeetingSchema } },
      },
      async (req: FastifyRequest<{ Params: { id: string } }>, reply) => change(req, reply, null, (tx, p, a, at) => service.move(tx, p, a, req.params.id, action, at)),
    );
  }

  app.post(
    '/api/meetings/:id/remind',
    {
      config: { policy: SIGNED_IN, errors: [...ORGANISE, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: { operationId: 'remindMeeting', tags: ['meeting'], summary: 'Remind the participants', description: 'A `meeting.reminder` event for every participant who has not joined yet or has not answered a document whose opinions are still collected (with the earliest such deadline), sent by the notifications; the hourly check does the same once, within a day of the meeting or of a deadline. Takes an Idempotency-Key.', params: IdParams, response: { 200: MeetingSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => change(req, reply, null, (tx, p, a, at) => service.remind(tx, p, a, req.params.id, at)),
  );

  app.post(
    '/api/meetings/:id/attendance',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.wrongState, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: { operationId: 'attendMeeting', tags: ['meeting'], summary: 'Join the meeting (attendance)', description: 'Records that the caller joined the open meeting (điểm danh), once. Takes an Idempotency-Key.', params: IdParams, response: { 200: MeetingSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => change(req, reply, null, (tx, p, a, at) => service.attend(tx, p, a, req.params.id, at)),
  );

  app.post(
    '/api/meetings/:id/documents',
    {
      config: { policy: SIGNED_IN, errors: [...ORGANISE, E.notPdf, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: {
        operationId: 'addMeetingDocument',
        tags: ['meeting'],
        summary: 'Distribute a document',
        description: 'A PDF (base64 in the body) for the participants; with `opinionDeadline`, written opinions are collected on it until then (lấy ý kiến bằng văn bản). Takes an Idempotency-Key.',
        params: IdParams,
        body: MeetingDocumentBodySchema,
        response: { 201: MeetingSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: MeetingDocumentBody }>, reply) => change(req, reply, req.body, (tx, p, a, at) => service.addDocument(tx, p, a, req.params.id, req.body, at), 201),
  );

  app.get(
    '/api/meetings/:id/documents/:documentId',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.documentNotFound] },
      schema: {
        operationId: 'readMeetingDocument',
        tags: ['meeting'],
        summary: 'Read a document (watermarked copy)',
        description: 'The participant’s own copy: every page stamped with her name and the time; the read is logged (with the copy’s SHA-256) and audited before the bytes go out.',
        params: MeetingDocParams,
        response: { 200: Binary(['application/pdf'], 'The watermarked PDF') },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string; documentId: string } }>, reply) => {
      const { fileName, bytes } = await service.read(principalOf(req), actorOf(req), req.params.id, req.params.documentId, now());
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
      reply.header('cache-control', 'private, no-store');
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(bytes);
    },
  );

  app.get(
    '/api/meetings/:id/documents/:documentId/reads',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.notOrganiser] },
      schema: { operationId: 'meetingDocumentReads', tags: ['meeting'], summary: 'Who read a document', description: 'The access log of a document (participant, time, digest of the copy), for the chair and the secretary.', params: MeetingDocParams, response: { 200: DocumentReadsSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string; documentId: string } }>) => service.reads(principalOf(req), req.params.id, req.params.documentId),
  );

  app.post(
    '/api/meetings/:id/documents/:documentId/opinions',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.documentNotFound, E.noOpinionAsked, E.opinionClosed, E.alreadyGiven, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: {
        operationId: 'giveMeetingOpinion',
        tags: ['meeting'],
        summary: 'Give a written opinion on a document',
        description: 'Once per participant and document, before the document’s deadline; at or after it, 409 meeting.opinion_closed. Takes an Idempotency-Key.',
        params: MeetingDocParams,
        body: OpinionBodySchema,
        response: { 201: MeetingSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string; documentId: string }; Body: OpinionBody }>, reply) => change(req, reply, req.body, (tx, p, a, at) => service.opinion(tx, p, a, req.params.id, req.params.documentId, req.body, at), 201),
  );

  app.post(
    '/api/meetings/:id/votes',
    {
      config: { policy: SIGNED_IN, errors: [...ORGANISE, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: { operationId: 'openMeetingVote', tags: ['meeting'], summary: 'Put a question to the vote', description: 'In an open meeting, with its quorum and majority rules. Takes an Idempotency-Key.', params: IdParams, body: VoteBodySchema, response: { 201: MeetingSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: VoteBody }>, reply) => change(req, reply, req.body, (tx, p, a, at) => service.openVote(tx, p, a, req.params.id, req.body, at), 201),
  );

  app.post(
    '/api/meetings/:id/votes/:voteId/ballots',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.notVoting, E.voteNotFound, E.voteClosed, E.alreadyGiven, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: { operationId: 'castMeetingBallot', tags: ['meeting'], summary: 'Vote', description: 'One ballot per voting participant while the vote is open: yes, no or abstain. Takes an Idempotency-Key.', params: MeetingVoteParams, body: BallotBodySchema, response: { 201: MeetingSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string; voteId: string }; Body: BallotBody }>, reply) => change(req, reply, req.body, (tx, p, a, at) => service.ballot(tx, p, a, req.params.id, req.params.voteId, req.body, at), 201),
  );

  app.post(
    '/api/meetings/:id/votes/:voteId/close',
    {
      config: { policy: SIGNED_IN, errors: [...ORGANISE, E.voteNotFound, E.voteClosed, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: { operationId: 'closeMeetingVote', tags: ['meeting'], summary: 'Close a vote', description: 'Counts the ballots against the voting members: without quorum nothing is decided (`no_quorum`), else `adopted` or `rejected` by the majority rule. Takes an Idempotency-Key.', params: MeetingVoteParams, response: { 200: VoteSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string; voteId: string } }>, reply) => {
      const at = now();
      return runIdempotent(db, req, reply, null, at, async (tx) => ({ status: 200, body: await service.closeVote(tx, principalOf(req), actorOf(req), req.params.id, req.params.voteId, at) }));
    },
  );

  app.post(
    '/api/meetings/:id/minutes',
    {
      config: { policy: SIGNED_IN, errors: [...ORGANISE, ...d.signingErrors, ...IDEMPOTENCY_ERRORS], ...KEYED },
      schema: {
        operationId: 'signMeetingMinutes',
        tags: ['meeting'],
        summary: 'Draw up and sign the minutes (biên bản họp)',
        description: 'After the meeting closed: the minutes (attendance, agenda, documents and opinions, votes, the conclusion given) as PDF, signed with the agency’s certificate (PAdES), audited and logged in the transparency log. Takes an Idempotency-Key.',
        params: IdParams,
        body: MinutesBodySchema,
        response: { 200: MeetingSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: MinutesBody }>, reply) => change(req, reply, req.body, (tx, p, a, at) => service.signMinutes(tx, p, a, req.params.id, req.body, at)),
  );

  app.get(
    '/api/meetings/:id/minutes.pdf',
    {
      config: { policy: SIGNED_IN, errors: [...ACCESS, E.wrongState] },
      schema: { operationId: 'meetingMinutesPdf', tags: ['meeting'], summary: 'The signed minutes', description: 'The signed PDF of the minutes, byte for byte.', params: IdParams, response: { 200: Binary(['application/pdf'], 'The signed minutes') } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const { bytes } = await service.minutesPdf(principalOf(req), req.params.id);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', 'attachment; filename="bien-ban-hop.pdf"');
      reply.header('cache-control', 'private, no-store');
      return reply.send(bytes);
    },
  );
  void Type;
  void NoContent;
}
