import { DossierDocuments, registerDossierDocumentRoutes } from './dossier.documents';
import path from 'node:path';
import { Type, type TSchema } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy, type AccessPolicy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { errors } from '../../platform/http/errors';
import { IdParams, IsoDate, Obj, Uuid } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { OFFICER_ROLES, STATES, rolesFor, type OfficerRole } from '../../shared/dossier';
import type { Role } from '../identity/identity.schema';
import { DossierService, machineTypeOf, type ActionRequest, type Commit, type DossierDeps, type RequestType } from './dossier.service';
import { EicarScanner, FsBlobStore, MAX_ATTACHMENT_BYTES, sha256Hex } from './dossier.attachments';
import { QUEUES, inbox, myDossiers } from './dossier.inbox';
import { dossierErrors } from './dossier.errors';

const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max = 2000) => Type.Optional(Text(max));
const FormData = Type.Object({}, { additionalProperties: true, description: 'E-form data (validated against the procedure version’s e-form)' });
const PersonalId = Type.String({ pattern: '^\\d{12}$', description: 'Personal identification number (số định danh cá nhân)' });
const EnterpriseCode = Type.String({ pattern: '^\\d{10}(-\\d{3})?$' });
const DossierCode = Type.String({ pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9A-Z]{2}-\\d{6}-\\d{4,}$', description: 'Dossier code <agency>-<YYMMDD>-<seq>' });
const AttachmentParams = Obj({ id: Uuid, attachmentId: Uuid });

/** Dossier roles of officers (platform administrators have none). */
const DOSSIER_ROLES = OFFICER_ROLES.filter((r) => r !== 'platform_admin') as OfficerRole[];

interface ActionRoute {
  path: string;
  type: RequestType;
  summary: string;
  body?: TSchema;
}

/** One route per action; the body carries what the person decides, the server adds the deadlines. */
const ACTION_ROUTES: ActionRoute[] = [
  { path: 'receive', type: 'receive', summary: 'Receive (tiếp nhận): issues the receipt and appointment (form 01) with the computed due time' },
  { path: 'refuse-reception', type: 'refuse_reception', summary: 'Refuse to receive, with a written reason (form 03)', body: Obj({ reason: Text() }) },
  { path: 'request-supplement', type: 'request_supplement', summary: 'Request a supplement (form 02), once per dossier; the clock stops', body: Obj({ reason: Text(), missingItems: Type.Array(Text(500), { minItems: 1, maxItems: 50 }) }) },
  { path: 'resubmit-supplement', type: 'resubmit_supplement', summary: 'Submit the supplement; the clock restarts and the due time moves by the applicant’s time', body: Obj({ note: OptText() }) },
  { path: 'assign', type: 'assign', summary: 'Assign to a specialist (phân công)', body: Obj({ assigneeId: Uuid }) },
  { path: 'claim', type: 'start_processing', summary: 'Take up the dossier (nhận xử lý); an unassigned one becomes the caller’s' },
  { path: 'hand-back', type: 'hand_back', summary: 'Hand the dossier back for reassignment (assigned specialist only)', body: Obj({ reason: OptText() }) },
  { path: 'request-consultation', type: 'request_consultation', summary: 'Ask another agency’s opinion, with its own step deadline', body: Obj({ agencyId: Uuid, question: Text(), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })) }) },
  { path: 'answer-consultation', type: 'answer_consultation', summary: 'Answer a consultation (specialist of the consulted agency)', body: Obj({ opinion: Text() }) },
  { path: 'request-payment', type: 'request_payment', summary: 'Request payment of financial obligations', body: Obj({ reason: Text(), amountVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13 })) }) },
  { path: 'confirm-payment', type: 'confirm_payment', summary: 'Confirm the financial obligations were paid', body: Obj({ reference: OptText(200) }) },
  { path: 'propose', type: 'propose', summary: 'Propose a decision to the approver (trình)', body: Obj({ recommendation: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), note: OptText() }) },
  { path: 'approve', type: 'approve', summary: 'Approve (phê duyệt)', body: Obj({ note: OptText() }) },
  { path: 'reject', type: 'reject', summary: 'Reject the request, with a written reason', body: Obj({ reason: Text() }) },
  { path: 'return-to-specialist', type: 'return_to_specialist', summary: 'Send the proposal back to the specialist', body: Obj({ reason: Text() }) },
  { path: 'issue-result', type: 'issue_result', summary: 'Issue the result', body: Obj({ electronic: Type.Boolean(), documentIds: Type.Optional(Type.Array(Text(200), { maxItems: 20 })) }) },
  { path: 'return-result', type: 'return_result', summary: 'Return the result (online, at the counter or by post)', body: Obj({ method: Type.Union([Type.Literal('online'), Type.Literal('counter'), Type.Literal('post')]) }) },
  { path: 'withdraw', type: 'request_withdrawal', summary: 'Withdraw (rút hồ sơ): before reception it is withdrawn; after, the agency issues a stop notice', body: Obj({ reason: OptText() }) },
  { path: 'stop', type: 'stop', summary: 'Stop processing after a withdrawal request (form 05)', body: Obj({ reason: Text() }) },
  { path: 'extend', type: 'extend', summary: 'Apologise and set a new return date (form 04), once, at the latest one working day before due', body: Obj({ reason: Text(), newDueDate: IsoDate }) },
  { path: 'comments', type: 'comment', summary: 'Add a comment to the dossier’s history', body: Obj({ text: Text() }) },
];

/** Who may call an action route: the officer roles the machine allows, and citizens when the applicant may act. */
function actionPolicy(type: RequestType): AccessPolicy {
  const roles = rolesFor(machineTypeOf(type));
  const officer = roles.filter((r): r is OfficerRole => (DOSSIER_ROLES as string[]).includes(r));
  if (roles.includes('applicant')) return policy.authenticated('citizen', 'officer', 'system');
  if (type === 'hand_back') return policy.roles('specialist');
  return policy.roles(...(officer as Role[]));
}

const principalOf = (req: FastifyRequest): Principal => req.principal!;

/** Builds the dossier service (file blob store under DATA_DIR/blobs, EICAR scanner) and registers its routes. */
export function registerDossiers(app: App, ctx: AppContext, deps: Pick<DossierDeps, 'catalog' | 'calendar' | 'directory' | 'identity' | 'filing'> & Partial<Pick<DossierDeps, 'blobs' | 'scanner'>>): DossierService {
  const service = new DossierService({
    db: ctx.db,
    clock: ctx.clock,
    blobs: deps.blobs ?? new FsBlobStore(path.join(ctx.config.dataDir, 'blobs')),
    scanner: deps.scanner ?? new EicarScanner(),
    ...deps,
  });
  registerDossierRoutes(app, ctx, service, deps.directory);
  registerDossierDocumentRoutes(app, new DossierDocuments(ctx, service, deps.catalog, deps.directory), DOSSIER_ROLES as Role[]);
  return service;
}

export function registerDossierRoutes(app: App, ctx: AppContext, service: DossierService, directory: DossierDeps['directory']) {
  const { db } = ctx;
  const tags = ['dossiers'];
  /** Plans outside the transaction, then commits (with the Idempotency-Key answer) in one transaction. */
  const commit = async <T>(req: FastifyRequest, reply: FastifyReply, status: number, fingerprint: unknown, plan: () => Promise<Commit<T>>) => {
    idempotencyKeyOf(req); // a malformed key is refused before any work
    const run = await plan();
    return runIdempotent(db, req, reply, fingerprint, ctx.clock.now(), async (tx) => ({ status, body: await run(tx) }));
  };

  app.post(
    '/api/dossiers',
    {
      config: { policy: policy.citizen() },
      schema: {
        tags,
        summary: 'Start a draft dossier (online); as agent with onBehalfOf (authorisation or business)',
        body: Obj({
          procedure: Type.String({ minLength: 1, maxLength: 100, description: 'Procedure key, national code or id' }),
          agencyId: Uuid,
          data: Type.Optional(FormData),
          onBehalfOf: Type.Optional(Type.Union([Obj({ type: Type.Literal('citizen'), personalId: PersonalId }), Obj({ type: Type.Literal('business'), enterpriseCode: EnterpriseCode })])),
        }),
      },
    },
    async (req, reply) => commit(req, reply, 201, req.body, () => service.createDraft(principalOf(req), actorOf(req), req.body as any)),
  );

  app.post(
    '/api/officer/dossiers',
    {
      config: { policy: policy.roles('receiving_officer') },
      schema: {
        tags,
        summary: 'Open a dossier at the counter (channel 1) or for a postal filing (channel 3) on the applicant’s behalf',
        body: Obj({
          procedure: Type.String({ minLength: 1, maxLength: 100 }),
          agencyId: Uuid,
          channel: Type.Union([Type.Literal('in_person'), Type.Literal('post')]),
          applicant: Type.Union([
            Obj({ type: Type.Literal('citizen'), personalId: PersonalId, fullName: Text(200) }),
            Obj({ type: Type.Literal('business'), enterpriseCode: EnterpriseCode, name: Text(300) }),
          ]),
          data: Type.Optional(FormData),
        }),
      },
    },
    async (req, reply) => commit(req, reply, 201, req.body, () => service.createCounterDraft(principalOf(req), actorOf(req), req.body as any)),
  );

  app.patch(
    '/api/dossiers/:id',
    { config: { policy: policy.authenticated('citizen', 'officer') }, schema: { tags, summary: 'Save the form data of a draft', params: IdParams, body: Obj({ data: FormData }) } },
    async (req, reply) => commit(req, reply, 200, req.body, () => service.updateDraft(principalOf(req), actorOf(req), req.params.id, req.body.data as Record<string, unknown>)),
  );

  // Uploads in their own scope: only this route parses multipart bodies.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1000 } });
    scope.post(
      '/api/dossiers/:id/attachments',
      {
        config: { policy: policy.authenticated('citizen', 'officer') },
        schema: { tags, summary: `Attach a file (PDF, JPEG or PNG, at most ${MAX_ATTACHMENT_BYTES / 1048576} MB) to a required document: multipart fields documentId, then file`, params: IdParams, consumes: ['multipart/form-data'] },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw dossierErrors.attachmentMissing();
        let documentId: string | undefined;
        let file: { name: string; bytes: Buffer } | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
            else if (part.fieldname === 'documentId' && typeof part.value === 'string') documentId = part.value.slice(0, 100);
          }
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw dossierErrors.attachmentTooLarge(MAX_ATTACHMENT_BYTES);
          if (typeof code === 'string' && code.startsWith('FST_')) throw errors.badRequest('dossier.bad_multipart', { vi: 'Nội dung multipart không hợp lệ.', en: 'Malformed multipart body.' });
          throw e;
        }
        if (!documentId || !file) throw dossierErrors.attachmentMissing();
        const input = { documentId, fileName: file.name, bytes: file.bytes };
        return commit(req, reply, 201, { documentId, fileName: file.name, sha256: sha256Hex(file.bytes) }, () => service.upload(principalOf(req), actorOf(req), req.params.id, input));
      },
    );
  });

  app.get(
    '/api/dossiers/:id/attachments/:attachmentId',
    { config: { policy: policy.authenticated('citizen', 'officer') }, schema: { tags, summary: 'Download an attachment', params: AttachmentParams } },
    async (req, reply) => {
      const { meta, bytes } = await service.download(principalOf(req), req.params.id, req.params.attachmentId);
      reply.header('content-type', meta.contentType);
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(meta.fileName)}"`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(bytes);
    },
  );

  app.post(
    '/api/dossiers/:id/submit',
    { config: { policy: policy.authenticated('citizen', 'officer') }, schema: { tags, summary: 'Submit (nộp): complete data and mandatory documents; the dossier code is assigned', params: IdParams } },
    async (req, reply) => commit(req, reply, 200, null, () => service.submit(principalOf(req), actorOf(req), req.params.id)),
  );

  for (const r of ACTION_ROUTES) {
    app.post(
      `/api/dossiers/:id/${r.path}`,
      { config: { policy: actionPolicy(r.type) }, schema: { tags, summary: r.summary, params: IdParams, ...(r.body ? { body: r.body } : {}) } },
      async (req, reply) => {
        const request = { ...((req.body as object | undefined) ?? {}), type: r.type } as ActionRequest;
        return commit(req, reply, 200, req.body ?? null, () => service.act(principalOf(req), actorOf(req), req.params.id, request, idempotencyKeyOf(req)));
      },
    );
  }

  app.get(
    '/api/dossiers/:id',
    { config: { policy: policy.authenticated('citizen', 'officer', 'system') }, schema: { tags, summary: 'A dossier with its data, attachments, timeline and the actions the caller may take', params: IdParams } },
    async (req) => service.detail(principalOf(req), req.params.id),
  );

  app.get(
    '/api/my/dossiers',
    {
      config: { policy: policy.citizen() },
      schema: { tags, summary: 'My dossiers (filed by me, for me, or as agent), newest first', querystring: Obj({ cursor: Type.Optional(Type.String({ maxLength: 300 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }) },
    },
    async (req) => {
      const p = principalOf(req);
      const page = await myDossiers(db, p.accountId, p.personalId, req.query.cursor, req.query.limit ?? 20);
      return { items: page.items.map((row) => service.viewOf(row)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/officer/inbox',
    {
      config: { policy: policy.roles(...(DOSSIER_ROLES as Role[])) },
      schema: {
        tags,
        summary: 'Officer inbox: counts per queue and one page (keyset cursor) of a queue, with filters',
        querystring: Obj({
          agencyId: Type.Optional(Uuid),
          queue: Type.Optional(Type.Union(QUEUES.map((q) => Type.Literal(q)))),
          procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          state: Type.Optional(Type.Union(STATES.map((s) => Type.Literal(s)))),
          nationalStatus: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          code: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
          applicant: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Applicant name, diacritics optional' })),
          mine: Type.Optional(Type.Boolean()),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      let agencyIds = [...(await directory.agenciesFor(p, DOSSIER_ROLES as Role[]))];
      if (req.query.agencyId) {
        if (!agencyIds.includes(req.query.agencyId)) throw dossierErrors.outOfJurisdiction();
        agencyIds = [req.query.agencyId];
      }
      const page = await inbox(db, agencyIds, p.accountId, req.query, ctx.clock.now());
      return { counts: page.counts, items: page.items.map((row) => service.viewOf(row)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/public/dossiers/:code',
    { config: { policy: policy.public() }, schema: { tags, summary: 'Public lookup by dossier code: status (vi/en, national code) and timeline, no personal data', params: Obj({ code: DossierCode }) } },
    async (req) => service.publicLookup(req.params.code),
  );
}
