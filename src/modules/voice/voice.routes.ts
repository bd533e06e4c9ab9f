/**
 * The voice module over HTTP: ratings of finished dossiers, petitions (filing, lookup by code, officer inbox and
 * steps, published answers), and the statistics shown on a procedure's page. Thin: the services hold the rules.
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { Binary, IdParams, NoContent } from '../../platform/http/schemas';
import { platformErrors } from '../../platform/http/errors';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import {
  AssistantAnswerSchema,
  AssistantQuerySchema,
  OfficerAnswerSchema,
  OfficerAssistantQuerySchema,
  EscalationRunSchema,
  MyRatingSchema,
  PetitionActionBodySchema,
  PetitionAttachmentParamsSchema,
  MAX_PETITION_ATTACHMENTS,
  MAX_PETITION_ATTACHMENT_BYTES,
  PetitionBodySchema,
  PetitionCodeParamsSchema,
  PetitionListQuerySchema,
  PetitionListSchema,
  PetitionViewSchema,
  ProcedureVoiceSchema,
  PublishedAnswersQuerySchema,
  PublishedAnswersSchema,
  RatingBodySchema,
  RatingSummaryQuerySchema,
  RatingSummarySchema,
  RatingViewSchema,
  FaqBodySchema,
  FaqEntrySchema,
  FaqListSchema,
  type FaqBody,
  type PetitionActionBody,
  type PetitionBody,
  type RatingBody,
} from '../../shared/api/voice';
import { dossierErrors } from '../dossier';
import { voiceErrors as E } from './voice.errors';
import { ratingView, type RatingService } from './ratings.service';
import type { PetitionService } from './petitions.service';
import type { AssistantService } from './assistant.service';
import type { OfficerAssistant } from './officer-assistant.service';
import type { FaqService } from './faq.service';
import { preferredLanguage } from '../../platform/http/problem';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const READ_DOSSIER = [dossierErrors.notFound, dossierErrors.outOfJurisdiction];

export interface VoiceRouteDeps {
  db: Db;
  now: () => Date;
  ratings: RatingService;
  petitions: PetitionService;
  assistant: AssistantService;
  officerAssistant: OfficerAssistant;
  faq: FaqService;
  /** Public petition filing and lookups per minute and client address (abuse limit). */
  publicRateLimitPerMinute: number;
}

export function registerVoiceRoutes(app: App, d: VoiceRouteDeps): void {
  const { db, now, ratings, petitions } = d;
  const limited = { max: d.publicRateLimitPerMinute, timeWindow: '1 minute' };

  // --- ratings -------------------------------------------------------------------------------------------------
  app.get(
    '/api/dossiers/:id/rating',
    {
      config: { policy: policy.citizen(), errors: READ_DOSSIER },
      schema: {
        operationId: 'getMyDossierRating',
        tags: ['voice'],
        summary: 'My rating of a dossier (đánh giá)',
        description: 'Whether the applicant may rate the dossier now (result returned, or refused, rejected or stopped; not yet rated) and her rating if she gave one.',
        params: IdParams,
        response: { 200: MyRatingSchema },
      },
    },
    async (req) => ratings.mine(principalOf(req), req.params.id, now()),
  );

  app.post(
    '/api/dossiers/:id/rating',
    {
      config: { policy: policy.citizen(), errors: [...READ_DOSSIER, E.notRateable, E.alreadyRated, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'rateDossier',
        tags: ['voice'],
        summary: 'Rate a finished dossier',
        description: 'The applicant rates a dossier once (1–5, reasons ticked, a comment) after its result was returned or it was refused, rejected or stopped; 409 voice.already_rated for a second rating. Takes an Idempotency-Key.',
        params: IdParams,
        body: RatingBodySchema,
        response: { 201: RatingViewSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: RatingBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: ratingView(await ratings.rate(tx, principalOf(req), actorOf(req), req.params.id, req.body, at), at) }));
    },
  );

  app.put(
    '/api/dossiers/:id/rating',
    {
      config: { policy: policy.citizen(), errors: [...READ_DOSSIER, E.notRated, E.ratingLocked, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'changeDossierRating',
        tags: ['voice'],
        summary: 'Change my rating of a dossier',
        description: 'The applicant changes her rating within the edit period (VOICE_RATING_EDIT_DAYS); 409 voice.rating_locked afterwards. Takes an Idempotency-Key.',
        params: IdParams,
        body: RatingBodySchema,
        response: { 200: RatingViewSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: RatingBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 200, body: ratingView(await ratings.edit(tx, principalOf(req), actorOf(req), req.params.id, req.body, at), at) }));
    },
  );

  app.get(
    '/api/voice/ratings/summary',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notHandler] },
      schema: {
        operationId: 'ratingSummary',
        tags: ['voice'],
        summary: 'Satisfaction of an agency’s dossiers (anonymous aggregates)',
        description: 'Counts, averages, negatives and score distributions per procedure and per handling officer (officers with fewer than 3 ratings withheld), and the reasons ticked. No comment and no rater is shown.',
        querystring: RatingSummaryQuerySchema,
        response: { 200: RatingSummarySchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string } }>) => ratings.summary(principalOf(req), req.query.agencyId),
  );

  app.get(
    '/api/public/procedures/:key/voice',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'procedureVoice',
        tags: ['voice'],
        summary: 'Rating and answered petitions of a procedure',
        description: 'For the procedure page: the number and average of ratings and the number of answered petitions.',
        params: Type.Object({ key: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: ProcedureVoiceSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { key: string } }>) => {
      const r = await ratings.procedureStats(req.params.key);
      return { procedureKey: req.params.key, ratingCount: r.count, ratingAverage: r.average, answeredPetitions: await petitions.answeredCount(req.params.key) };
    },
  );

  // --- petitions -----------------------------------------------------------------------------------------------
  app.post(
    '/api/petitions',
    {
      // Room for the files, base64-encoded (a third larger), and the rest of the petition.
      bodyLimit: Math.ceil((MAX_PETITION_ATTACHMENTS * MAX_PETITION_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024,
      config: { policy: policy.public(), rateLimit: limited, errors: [E.contactRequired, E.agencyRequired, E.dossierUnknown, E.attachmentType, E.attachmentTooLarge, E.attachmentInfected, platformErrors.rateLimited, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'filePetition',
        tags: ['voice'],
        summary: 'File a petition (phản ánh, kiến nghị)',
        description:
          'By a signed-in citizen, or anonymously with a name and an e-mail address or phone number; with up to three evidence files (PDF, JPEG or PNG by their first bytes, 5 MB each, scanned for malware before they are kept). A petition naming a dossier code goes to that dossier’s agency, otherwise to the agency chosen. Answers the tracking code and the legal deadlines on the working-day calendar (refuse within 2 working days, ask for more within 5, answer within 15). Limited per client address. Takes an Idempotency-Key.',
        body: PetitionBodySchema,
        response: { 201: PetitionViewSchema },
      },
    },
    async (req: FastifyRequest<{ Body: PetitionBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        const row = await petitions.file(tx, req.principal, actorOf(req), req.body, at);
        return { status: 201, body: await petitions.viewFor(req.principal, row, tx, at) };
      });
    },
  );

  app.get(
    '/api/public/petitions/:code',
    {
      config: { policy: policy.public(), rateLimit: limited, errors: [E.petitionNotFound, platformErrors.rateLimited] },
      schema: {
        operationId: 'lookUpPetition',
        tags: ['voice'],
        summary: 'Follow a petition by its code',
        description: 'Anyone holding the (random) code sees the status, the deadlines, the agency, the steps and, once approved, the answer; never the petitioner’s name or contact.',
        params: PetitionCodeParamsSchema,
        response: { 200: PetitionViewSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { code: string } }>) => petitions.byCode(req.principal, req.params.code),
  );

  app.get(
    '/api/petitions',
    {
      config: { policy: policy.authenticated('officer'), errors: [E.notHandler] },
      schema: {
        operationId: 'petitionInbox',
        tags: ['voice'],
        summary: 'Officer inbox of petitions',
        description: 'The petitions routed or escalated to an agency, soonest answer deadline first, with counts of open, due-soon (within 3 working days) and overdue ones.',
        querystring: PetitionListQuerySchema,
        response: { 200: PetitionListSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: { agencyId: string; filter?: 'open' | 'due_soon' | 'overdue' | 'all' } }>) => petitions.inbox(principalOf(req), req.query.agencyId, req.query.filter ?? 'open', now()),
  );

  app.get(
    '/api/petitions/:id',
    {
      config: { policy: policy.authenticated('officer', 'citizen'), errors: [E.petitionNotFound, E.notHandler] },
      schema: { operationId: 'getPetition', tags: ['voice'], summary: 'A petition', description: 'For its petitioner and the officers of the agency handling it (or escalated to).', params: IdParams, response: { 200: PetitionViewSchema } },
    },
    async (req) => petitions.byId(principalOf(req), req.params.id),
  );

  app.get(
    '/api/petitions/:id/attachments/:index',
    {
      config: { policy: policy.authenticated('officer', 'citizen'), errors: [E.petitionNotFound, E.notHandler, E.attachmentNotFound] },
      schema: {
        operationId: 'downloadPetitionAttachment',
        tags: ['voice'],
        summary: 'A petition’s file',
        description: 'One of the petitioner’s files, for the petitioner and the officers handling the petition; sent as an attachment, never rendered inline.',
        params: PetitionAttachmentParamsSchema,
        response: { 200: Binary(['application/pdf', 'image/jpeg', 'image/png'], 'The file') },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string; index: number } }>, reply) => {
      const { file, bytes } = await petitions.attachment(principalOf(req), req.params.id, req.params.index);
      reply.header('content-type', file.type);
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(bytes);
    },
  );

  app.post(
    '/api/petitions/:id/actions',
    {
      config: { policy: policy.authenticated('officer', 'citizen'), errors: [E.petitionNotFound, E.notHandler, E.actionNotAllowed, E.textRequired, E.agencyRequired, E.sameAgency, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'actOnPetition',
        tags: ['voice'],
        summary: 'A step on a petition',
        description:
          'accept, refuse (with a reason), request_info, reroute (to the competent agency, with a reason: deadlines restart there), propose_answer — by an officer of the handling agency; approve_answer or send_back — by its leader (approver), who may also unpublish a published answer with a reason (moderation); supply_info — by the petitioner. The answer is published (anonymised) only if the petitioner agreed; a signed-in petitioner is notified. 409 voice.action_not_allowed when the status does not allow the step. Takes an Idempotency-Key.',
        params: IdParams,
        body: PetitionActionBodySchema,
        response: { 200: PetitionViewSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: PetitionActionBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        const row = await petitions.act(tx, principalOf(req), actorOf(req), req.params.id, req.body, at);
        return { status: 200, body: await petitions.viewFor(principalOf(req), row, tx, at) };
      });
    },
  );

  app.get(
    '/api/public/petition-answers',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'publishedPetitionAnswers',
        tags: ['voice'],
        summary: 'Published answers to petitions',
        description: 'Answers whose petitioners agreed to publication, anonymised (no name, contact, e-mail, phone, identity number or dossier code), newest first.',
        querystring: PublishedAnswersQuerySchema,
        response: { 200: PublishedAnswersSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: { procedure?: string } }>) => ({ items: await petitions.published(req.query.procedure) }),
  );

  app.get(
    '/api/assistant',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'askAssistant',
        tags: ['voice'],
        summary: 'Ask the virtual assistant (trợ lý ảo)',
        description:
          'Answers a question as people type it (with or without diacritics, colloquial words, typos, some English) from the published catalogue — the procedure, its documents, fees, processing time and where to file, each part cited, with the link to start the procedure —, from the published FAQ (Hỏi đáp) and from published petition answers (kind `passage`, cited by their anchor on /hoi-dap); a dossier code is sent to the lookup. When ASSISTANT_LLM_URL is set, a language model rephrases the answer in the language of Accept-Language from the cited passages only (`phrased: true`; a reply citing nothing it was given is dropped); personal data in the question is masked before it is sent unless ASSISTANT_LLM_PERSONAL_DATA allows it. Nothing is stored.',
        querystring: AssistantQuerySchema,
        response: { 200: AssistantAnswerSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: { q: string } }>) => d.assistant.ask(req.query.q, preferredLanguage(req)),
  );

  app.get(
    '/api/officer/assistant',
    {
      config: { policy: policy.authenticated('officer'), errors: [dossierErrors.notFound, dossierErrors.outOfJurisdiction] },
      schema: {
        operationId: 'askOfficerAssistant',
        tags: ['voice'],
        summary: 'Ask the officers’ assistant (trợ lý ảo cho cán bộ)',
        description:
          'For officers: which procedure and legal basis applies, what a form field means (its guidance, type, whether it is required, the registry it is prefilled from), and — with `dossierId` — what the workflow allows the caller on that dossier now (the state machine’s actions for her roles, with links to their pages). Answered from the published procedure version (the dossier’s own version when a dossier is named), its e-form and the dossier; every answer lists its sources. The dossier is read with the caller’s rights (404/403 as on its page). Nothing is stored.',
        querystring: OfficerAssistantQuerySchema,
        response: { 200: OfficerAnswerSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: { q: string; dossierId?: string } }>) => d.officerAssistant.ask(principalOf(req), req.query.q, req.query.dossierId),
  );

  // --- the FAQ (hỏi đáp) ---------------------------------------------------------------------------------------
  const faq = d.faq;
  app.get(
    '/api/public/faq',
    {
      config: { policy: policy.public(), errors: [] },
      schema: { operationId: 'publishedFaq', tags: ['voice'], summary: 'The published FAQ (hỏi đáp)', description: 'The entries administrators published, oldest first; the assistant answers from them too.', response: { 200: FaqListSchema } },
    },
    async () => ({ items: await faq.list({ publishedOnly: true }) }),
  );

  app.get(
    '/api/admin/faq',
    {
      config: { policy: policy.roles('platform_admin'), errors: [] },
      schema: { operationId: 'listFaq', tags: ['voice'], summary: 'Every FAQ entry, published or not', description: 'The FAQ as the platform administrator edits it: published and withdrawn entries, oldest first.', response: { 200: FaqListSchema } },
    },
    async () => ({ items: await faq.list({ publishedOnly: false }) }),
  );

  app.post(
    '/api/admin/faq',
    {
      config: { policy: policy.roles('platform_admin'), errors: [E.faqProcedureUnknown, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'createFaq',
        tags: ['voice'],
        summary: 'Add an FAQ entry',
        description: 'A question and its answer in Vietnamese and English, keywords people use, optionally the procedure it is about (400 voice.faq_procedure_unknown when no such procedure). Audited; the assistant answers from it at once when published. Takes an Idempotency-Key.',
        body: FaqBodySchema,
        response: { 201: FaqEntrySchema },
      },
    },
    async (req: FastifyRequest<{ Body: FaqBody }>, reply) => {
      idempotencyKeyOf(req);
      await faq.validate(req.body);
      const at = now();
      const out = await runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: await faq.create(tx, actorOf(req), req.body, at) }));
      d.assistant.invalidate();
      return out;
    },
  );

  app.put(
    '/api/admin/faq/:id',
    {
      config: { policy: policy.roles('platform_admin'), errors: [E.faqNotFound, E.faqProcedureUnknown, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'updateFaq', tags: ['voice'], summary: 'Change an FAQ entry', description: 'Replaces the entry (publishing or withdrawing it too). Audited. Takes an Idempotency-Key.', params: IdParams, body: FaqBodySchema, response: { 200: FaqEntrySchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: FaqBody }>, reply) => {
      idempotencyKeyOf(req);
      await faq.validate(req.body);
      const at = now();
      const out = await runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 200, body: await faq.update(tx, actorOf(req), req.params.id, req.body, at) }));
      d.assistant.invalidate();
      return out;
    },
  );

  app.delete(
    '/api/admin/faq/:id',
    {
      config: { policy: policy.roles('platform_admin'), errors: [E.faqNotFound, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'deleteFaq', tags: ['voice'], summary: 'Delete an FAQ entry', description: 'Audited. Takes an Idempotency-Key.', params: IdParams, response: { 204: NoContent } },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      const out = await runIdempotent(db, req, reply, null, at, async (tx) => {
        await faq.remove(tx, actorOf(req), req.params.id, at);
        return { status: 204, body: null };
      });
      d.assistant.invalidate();
      return out;
    },
  );

  app.post(
    '/api/admin/petitions/escalate',
    {
      config: { policy: policy.roles('platform_admin'), errors: [], idempotency: { exempt: 'runs the minute job now; a second run escalates nothing twice (once per routing)' } },
      schema: {
        operationId: 'escalateOverduePetitions',
        tags: ['voice'],
        summary: 'Escalate overdue petitions now',
        description: 'What the minute job does: every open petition past its answer deadline goes to the parent agency’s inbox (once per routing).',
        response: { 200: EscalationRunSchema },
      },
    },
    async () => ({ escalated: await petitions.escalateOverdue(now()) }),
  );
}
