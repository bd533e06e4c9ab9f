/**
 * The dossier API over HTTP (thin): each route declares its operation, what it does, its request and response
 * schemas (src/shared/api/dossier.ts) and the errors it can answer; every state change runs in one transaction
 * with its Idempotency-Key answer (`runIdempotent`), and the service reads and writes through that transaction.
 */
import multipart from '@fastify/multipart';
import { Type, type TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy, type AccessPolicy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { platformErrors, type ErrorFactory } from '../../platform/http/errors';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { ACTION_SPECS, FORMS, refusalCodesOf, rolesFor, type OfficerRole } from '../../shared/dossier';
import {
  ACTION_BODIES,
  AttachmentParamsSchema,
  AttachmentViewSchema,
  CounterDraftBodySchema,
  CreateDraftBodySchema,
  DOSSIER_EXAMPLES,
  DocumentParamsSchema,
  DocumentQuerySchema,
  DossierDetailSchema,
  DossierViewSchema,
  DeletedDraftSchema,
  DraftViewSchema,
  IdParamsSchema,
  InboxPageSchema,
  InboxQuerySchema,
  MyDossiersPageSchema,
  MyDossiersQuerySchema,
  PATCH_SEMANTICS,
  PatchDraftBodySchema,
  PublicCodeParamsSchema,
  PublicDossierSchema,
  REQUEST_TYPES,
  RegisterQuerySchema,
  RemovedAttachmentSchema,
  type ActionRequest,
  type CounterDraftBody,
  type CreateDraftBody,
  type RequestType,
} from '../../shared/api/dossier';
import { ACTION_PATHS } from '../../shared/api/dossier-paths';
import type { DossierService } from './dossier.service';
import type { DossierDocuments } from './dossier.documents';
import { DOSSIER_OFFICER_ROLES } from './dossier.access';
import { MAX_ATTACHMENT_BYTES, sha256Hex } from './dossier.attachments';
import { inbox, myDossiers } from './dossier.inbox';
import { dossierErrors as E, refusalErrors, tooLargeDetail } from './dossier.errors';
import { authorisationErrors, organisationErrors } from '../identity';
import { registerCsv, registerXlsx, renderFormHtml, renderFormPdf, type DocumentForm } from './documents';

const tags = ['dossiers'];
const principalOf = (req: FastifyRequest): Principal => req.principal!;
const withExamples = <T extends TSchema>(schema: T, examples: unknown[]): T => ({ ...schema, examples });
const Binary = (types: readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: Type.Unsafe<Buffer | string>({ type: 'string', contentEncoding: 'binary' }) }])),
});

/** Who may see a dossier: its applicant and the officers of the handling (or consulted) agency. */
const READ_ERRORS = [E.notFound, E.outOfJurisdiction];

/** What a route of each action does, for its description (the machine gives the label, roles and refusals). */
const ACTION_DESCRIPTIONS: Record<RequestType, string> = {
  receive: 'Receives the submitted dossier at the one-stop desk (tiếp nhận): records the receipt, computes the appointed return time from the procedure’s statutory time, cutoff and the working-day calendar, and each workflow step’s deadline; issues form 01 (receipt and appointment).',
  refuse_reception: 'Refuses to receive the dossier (từ chối tiếp nhận) with a written reason; issues form 03. The dossier is then closed.',
  request_supplement: 'Asks the applicant to supplement or correct the dossier (form 02), once per dossier (Decree 118/2025 Art. 11); the processing clock stops until the applicant resubmits.',
  resubmit_supplement: 'Submits the supplement: the clock restarts and every deadline moves later by the working time the applicant took.',
  assign: 'Assigns the dossier to a specialist of the handling agency (phân công).',
  start_processing: 'Takes up the dossier (nhận xử lý): the assigned specialist starts, or any specialist claims an unassigned one, which becomes theirs.',
  hand_back: 'Hands the dossier back for reassignment (trả lại để phân công lại): only the assigned specialist, while received or processing; the assignee is cleared and the state stays.',
  request_consultation: 'Asks another agency’s opinion (xin ý kiến) with its own step deadline (the working days given, or the workflow’s share for consultation); the consulted agency’s specialists then see it in their consultations queue.',
  answer_consultation: 'Answers a consultation, by a specialist of the consulted agency; the answer is classed early / on time / late against its step deadline.',
  request_payment: 'Asks the applicant to pay the financial obligations (fees, taxes); the clock stops meanwhile.',
  confirm_payment: 'Confirms the financial obligations were paid; processing resumes.',
  propose: 'Proposes a decision (approve or reject) to the approver (trình).',
  approve: 'Approves the proposal (phê duyệt): the decision is issued and the dossier can no longer be withdrawn.',
  reject: 'Rejects the request with a written reason (từ chối giải quyết): the refusal letter is the result.',
  return_to_specialist: 'Sends the proposal back to the specialist with a reason.',
  issue_result: 'Issues the result; an electronic result is also added to the applicant’s data store.',
  return_result: 'Returns the result to the applicant (online, at the counter or by post); the dossier is finished.',
  request_withdrawal: 'Withdraws the dossier (rút hồ sơ): before reception it is withdrawn at once; after, the agency must stop it with a notice (form 05). Not possible once a decision is issued.',
  stop: 'Stops processing after a withdrawal request, with the reason (form 05).',
  extend: 'Apologises and sets a new return date (form 04): once per dossier, at the latest one working day before the due date; the new date must be a working day (due at its close, 17:00).',
  comment: 'Adds a comment to the dossier’s history (any state after filing).',
};

/** The errors an action route can answer: access, the machine's refusals for that action, the planner's own. */
function actionErrors(type: RequestType, hooks: HookErrors = {}): ErrorFactory[] {
  const own: Partial<Record<RequestType, ErrorFactory[]>> = { assign: [E.badAssignee], request_consultation: [E.badConsultedAgency], extend: [E.dueNotWorkingDay] };
  return [...READ_ERRORS, ...refusalCodesOf(type).map((c) => refusalErrors[c]), ...(own[type] ?? []), ...(hooks[type] ?? [])];
}

/** Errors the hooks may answer on an action's route (e.g. the result module's signing errors on issue-result). */
export type HookErrors = Partial<Record<RequestType | 'documents', ErrorFactory[]>>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Who may call an action route: the officer roles the machine allows, and citizens when the applicant may act. */
function actionPolicy(type: RequestType): AccessPolicy {
  const roles = rolesFor(type);
  if (roles.includes('applicant')) return policy.authenticated('citizen', 'officer', 'system');
  return policy.roles(...roles.filter((r): r is OfficerRole => (DOSSIER_OFFICER_ROLES as readonly string[]).includes(r)));
}

export function registerDossierRoutes(app: App, ctx: AppContext, service: DossierService, documents: DossierDocuments, hookErrors: HookErrors = {}) {
  const { db, clock } = ctx;
  const { directory } = service.ctx;
  const officerRoles = [...DOSSIER_OFFICER_ROLES];

  app.post(
    '/api/dossiers',
    {
      config: {
        idempotency: 'key',
        policy: policy.citizen(),
        errors: [
          E.notCitizen, E.procedureNotOffered, E.inPersonOnly, E.applicantTypeNotAllowed, E.invalidData,
          // Filing for someone else (onBehalfOf): the authorisation or the enterprise membership is checked.
          authorisationErrors.none, authorisationErrors.expired, authorisationErrors.notYetValid, authorisationErrors.outOfScope,
          authorisationErrors.noPersonalId, organisationErrors.notMember,
        ],
      },
      schema: {
        operationId: 'createDossierDraft',
        tags,
        summary: 'Start a draft dossier (online)',
        description:
          'Opens a draft of the procedure’s current version at the chosen agency, for the signed-in citizen or, with `onBehalfOf`, for the person who authorised them or the enterprise they represent. Fields bound to a national registry are prefilled (with consent, logged in the data subject’s tracker) and the registry’s value replaces a locked one sent; the data is validated as a draft (wrong values refused, missing ones not). A procedure whose channels exclude online is refused with 422 `dossier.in_person_only`, saying where to file in person (the agency’s one-stop unit and address). Also answers eid.assurance_too_low (level-2 procedures), catalog.procedure_not_found / catalog.not_published and authorisation.* refusals.',
        body: CreateDraftBodySchema,
        response: { 201: withExamples(DraftViewSchema, [DOSSIER_EXAMPLES.draft]) },
      },
    },
    async (req, reply) =>
      runIdempotent(db, req, reply, req.body, clock.now(), async (tx) => ({ status: 201, body: await service.createDraft(tx, principalOf(req), actorOf(req), req.body as CreateDraftBody) })),
  );

  app.post(
    '/api/officer/dossiers',
    {
      config: { policy: policy.roles('receiving_officer'), errors: [E.outOfJurisdiction, E.procedureNotOffered, E.applicantTypeNotAllowed, E.invalidData], idempotency: 'key' as const },
      schema: {
        operationId: 'createCounterDossier',
        tags,
        summary: 'Open a dossier at the counter or for a postal filing',
        description:
          'A receiving officer of the agency opens a draft on the applicant’s behalf, for a filing in person (channel 1) or by post (channel 3); the desk then attaches the papers and submits it. The applicant sees it in their dossiers once filed.',
        body: CounterDraftBodySchema,
        response: { 201: DossierViewSchema },
      },
    },
    async (req, reply) =>
      runIdempotent(db, req, reply, req.body, clock.now(), async (tx) => ({ status: 201, body: await service.createCounterDraft(tx, principalOf(req), actorOf(req), req.body as CounterDraftBody) })),
  );

  // PATCH takes application/json and application/merge-patch+json (RFC 7396), in its own scope.
  app.register(async (scope: App) => {
    scope.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, scope.getDefaultJsonParser('error', 'error'));
    scope.patch(
      '/api/dossiers/:id',
      {
        config: { policy: policy.authenticated('citizen', 'officer'), errors: [...READ_ERRORS, E.notDraft, E.prefillIntegrity, E.invalidData], idempotency: 'key' as const },
        schema: {
          operationId: 'updateDossierDraft',
          tags,
          summary: 'Save the form data of a draft (merge patch)',
          description: `Saves answers of a draft, by its applicant (or, for a counter filing, the agency’s desk). ${PATCH_SEMANTICS}`,
          params: IdParamsSchema,
          body: PatchDraftBodySchema,
          response: { 200: DraftViewSchema },
        },
      },
      async (req, reply) =>
        runIdempotent(db, req, reply, req.body, clock.now(), async (tx) => ({ status: 200, body: await service.updateDraft(tx, principalOf(req), actorOf(req), req.params.id, req.body.data as Record<string, unknown>) })),
    );
  });

  // Uploads in their own scope: only this route parses multipart bodies.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1000 } });
    scope.post(
      '/api/dossiers/:id/attachments',
      {
        config: {
          idempotency: 'key',
          policy: policy.authenticated('citizen', 'officer'),
          errors: [...READ_ERRORS, E.notDraft, E.unknownDocument, E.attachmentMissing, E.attachmentTooLarge, E.attachmentInfected, E.attachmentType, E.badMultipart],
        },
        schema: {
          operationId: 'uploadDossierAttachment',
          tags,
          summary: 'Attach a file to a required document',
          description: `Attaches a file (PDF, JPEG or PNG by its first bytes, at most ${MAX_ATTACHMENT_BYTES / 1048576} MB) to a required document of the procedure: multipart fields documentId, then file. While a draft, or while the applicant supplements. The file is scanned for malware (an infected one is refused and the attempt audited) and kept by its SHA-256.`,
          params: IdParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentViewSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw E.attachmentMissing();
        let documentId: string | undefined;
        let file: { name: string; bytes: Buffer } | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
            else if (part.fieldname === 'documentId' && typeof part.value === 'string') documentId = part.value.slice(0, 100);
          }
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw E.attachmentTooLarge(tooLargeDetail(MAX_ATTACHMENT_BYTES));
          if (typeof code === 'string' && code.startsWith('FST_')) throw E.badMultipart();
          throw e;
        }
        if (!documentId || !file) throw E.attachmentMissing();
        idempotencyKeyOf(req); // a malformed key is refused before the scan
        const input = { documentId, fileName: file.name, bytes: file.bytes };
        const scan = await service.scanUpload(input.bytes);
        if (!scan.clean) throw await service.refuseInfected(principalOf(req), actorOf(req), req.params.id, input, scan.signature);
        const fingerprint = { documentId, fileName: file.name, sha256: sha256Hex(file.bytes) };
        return runIdempotent(db, req, reply, fingerprint, clock.now(), async (tx) => ({ status: 201, body: await service.upload(tx, principalOf(req), actorOf(req), req.params.id, input) }));
      },
    );
  });

  app.delete(
    '/api/dossiers/:id/attachments/:attachmentId',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [...READ_ERRORS, E.attachmentNotFound, E.attachmentNotRemovable, E.attachmentReceived, refusalErrors.role_not_permitted], idempotency: 'key' as const },
      schema: {
        operationId: 'removeDossierAttachment',
        tags,
        summary: 'Remove an attachment (gỡ tệp)',
        description:
          'Removes a file attached by mistake: while a draft, any file; while the applicant supplements, a file added since the request (what the desk received stays, and form 01 lists it). The file no longer counts for the documents or on form 01; the removal is audited and, while supplementing, written to the history. 409 dossier.attachment_not_removable in other states. A retry with the same Idempotency-Key gets the first answer.',
        params: AttachmentParamsSchema,
        response: { 200: RemovedAttachmentSchema },
      },
    },
    async (req, reply) => runIdempotent(db, req, reply, null, clock.now(), async (tx) => ({ status: 200, body: await service.removeAttachment(tx, principalOf(req), actorOf(req), req.params.id, req.params.attachmentId, idempotencyKeyOf(req)) })),
  );

  app.delete(
    '/api/dossiers/:id',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [...READ_ERRORS, E.notDeletable], idempotency: 'key' as const },
      schema: {
        operationId: 'deleteDossierDraft',
        tags,
        summary: 'Delete a draft (xoá bản nháp)',
        description: 'Deletes a draft that was never submitted, with its files, by its applicant (or, for a counter filing, the agency’s desk); audited. 409 dossier.not_deletable once filed. Drafts untouched for DRAFT_EXPIRY_DAYS days are deleted the same way by a background job. A retry with the same Idempotency-Key gets the first answer.',
        params: IdParamsSchema,
        response: { 200: DeletedDraftSchema },
      },
    },
    async (req, reply) => runIdempotent(db, req, reply, null, clock.now(), async (tx) => ({ status: 200, body: await service.deleteDraft(tx, principalOf(req), actorOf(req), req.params.id) })),
  );

  app.get(
    '/api/dossiers/:id/attachments/:attachmentId',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: READ_ERRORS },
      schema: {
        operationId: 'downloadDossierAttachment',
        tags,
        summary: 'Download an attachment',
        description: 'The bytes of a file attached to the dossier, for whoever may read the dossier (as an attachment, never rendered inline). An officer’s download is first written to the data subject’s access log (who, agency, purpose = the dossier code), so it shows in their data tracker.',
        params: AttachmentParamsSchema,
        response: { 200: Binary(['application/pdf', 'image/jpeg', 'image/png'], 'The file') },
      },
    },
    async (req, reply) => {
      const { meta, bytes } = await service.download(principalOf(req), req.params.id, req.params.attachmentId, String(req.id));
      reply.header('content-type', meta.contentType);
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(meta.fileName)}"`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(bytes);
    },
  );

  app.post(
    '/api/dossiers/:id/submit',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [...READ_ERRORS, refusalErrors.state_not_permitted, E.prefillIntegrity, E.invalidData, E.missingDocuments], idempotency: 'key' as const },
      schema: {
        operationId: 'submitDossier',
        tags,
        summary: 'Submit (nộp) a draft',
        description:
          'Files the draft: its data must be complete and valid, the mandatory documents attached and the registry data unchanged; the applicant needs the procedure’s e-ID level. The dossier code <agency>-<YYMMDD>-<seq> is assigned and the dossier waits for the one-stop desk. Everything is read in the submitting transaction, so a draft save arriving meanwhile is refused (409 dossier.not_draft), never lost. A retry with the same Idempotency-Key gets the first answer. Also answers eid.assurance_too_low.',
        params: IdParamsSchema,
        response: { 200: withExamples(DossierViewSchema, [DOSSIER_EXAMPLES.submitted]) },
      },
    },
    async (req, reply) => runIdempotent(db, req, reply, null, clock.now(), async (tx) => ({ status: 200, body: await service.submit(tx, principalOf(req), actorOf(req), req.params.id) })),
  );

  for (const type of REQUEST_TYPES) {
    const body = ACTION_BODIES[type];
    app.post(
      `/api/dossiers/:id/${ACTION_PATHS[type]}`,
      {
        config: { policy: actionPolicy(type), errors: actionErrors(type, hookErrors), idempotency: 'key' as const },
        schema: {
          operationId: `${camel(type)}Dossier`,
          tags,
          summary: `${ACTION_SPECS[type].label.en} (${ACTION_SPECS[type].label.vi})`,
          description: `${ACTION_DESCRIPTIONS[type]} Allowed for: ${rolesFor(type).join(', ')}, as the state machine says; the server adds the deadlines. Answers the dossier with the caller’s next available actions. A retry with the same Idempotency-Key gets the first answer.`,
          params: IdParamsSchema,
          ...(body ? { body } : {}),
          response: { 200: type === 'receive' ? withExamples(DossierViewSchema, [DOSSIER_EXAMPLES.received]) : DossierViewSchema },
        },
      },
      async (req, reply) => {
        const request = { ...((req.body as object | undefined) ?? {}), type } as ActionRequest;
        return runIdempotent(db, req, reply, req.body ?? null, clock.now(), async (tx) => ({ status: 200, body: await service.act(tx, principalOf(req), actorOf(req), req.params.id, request, idempotencyKeyOf(req)) }));
      },
    );
  }

  app.get(
    '/api/dossiers/:id',
    {
      config: { policy: policy.authenticated('citizen', 'officer', 'system'), errors: READ_ERRORS },
      schema: {
        operationId: 'getDossier',
        tags,
        summary: 'A dossier in full',
        description: 'The dossier with its form data, prefilled fields, attachments and history, the actions the caller may take now and the state machine’s facts they were computed from (a draft only for its applicant or the counter desk).',
        params: IdParamsSchema,
        response: { 200: DossierDetailSchema },
      },
    },
    async (req) => service.detail(principalOf(req), req.params.id),
  );

  app.get(
    '/api/my/dossiers',
    {
      config: { policy: policy.citizen(), errors: [E.badCursor] },
      schema: {
        operationId: 'listMyDossiers',
        tags,
        summary: 'My dossiers',
        description: 'The dossiers the citizen filed, that were filed for them, or that they filed as agent, newest first, one page at a time (keyset cursor); `state` and `procedure` narrow it (e.g. the drafts of one procedure, to continue one instead of starting anew).',
        querystring: MyDossiersQuerySchema,
        response: { 200: MyDossiersPageSchema },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const page = await myDossiers(db, p.accountId, p.personalId, req.query.cursor, req.query.limit ?? 20, { state: req.query.state, procedure: req.query.procedure });
      return { items: page.items.map((row) => service.view(row)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/officer/inbox',
    {
      config: { policy: policy.roles(...officerRoles), errors: [E.outOfJurisdiction, E.badCursor] },
      schema: {
        operationId: 'getOfficerInbox',
        tags,
        summary: 'Officer inbox',
        description: 'Counts per work queue (to receive, to process, to approve, to return, due soon, overdue, waiting for the applicant, consultations) over the agencies where the officer holds a role, and one page of a queue by submission time (keyset cursor), with filters (procedure, state, national status, dates, code prefix, applicant name without diacritics, assigned to me).',
        querystring: InboxQuerySchema,
        response: { 200: InboxPageSchema },
      },
    },
    async (req) => {
      const p = principalOf(req);
      let agencyIds = [...(await directory.agenciesFor(p, officerRoles))];
      if (req.query.agencyId) {
        if (!agencyIds.includes(req.query.agencyId)) throw E.outOfJurisdiction();
        agencyIds = [req.query.agencyId];
      }
      const page = await inbox(db, agencyIds, p.accountId, req.query, clock.now());
      return { counts: page.counts, items: page.items.map((row) => service.view(row)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/public/dossiers/:code',
    {
      // Codes are sequential per day: a limit per client address keeps anyone from walking through them.
      config: { policy: policy.public(), rateLimit: { max: ctx.config.publicLookupRateLimitPerMinute, timeWindow: '1 minute' }, errors: [E.notFound, platformErrors.rateLimited] },
      schema: {
        operationId: 'lookUpDossier',
        tags,
        summary: 'Public lookup by dossier code',
        description: 'Anyone with the code (printed on the receipt) sees the dossier’s status — internal and national, in Vietnamese and English — and its history without names, comments or form data.',
        params: PublicCodeParamsSchema,
        response: { 200: PublicDossierSchema },
      },
    },
    async (req) => service.publicLookup(req.params.code),
  );

  app.get(
    '/api/dossiers/:id/documents/:form',
    {
      config: { policy: policy.authenticated('citizen', 'officer', 'system'), errors: [...READ_ERRORS, E.documentNotAvailable, ...(hookErrors.documents ?? [])] },
      schema: {
        operationId: 'getDossierDocument',
        tags,
        summary: 'A national form of the dossier (HTML or PDF; forms 01–05 in PDF are PAdES-signed by the agency)',
        description: `A form of Circular 03/2025 Annex I built from the dossier’s history: ${(['01', '02', '03', '04', '05', '06'] as const).map((f) => `${f} ${FORMS[f].title.en}`).join('; ')}. As self-contained HTML (default) or an A4 PDF; 404 dossier.document_not_available until the step that issues it has happened.`,
        params: DocumentParamsSchema,
        querystring: DocumentQuerySchema,
        response: { 200: Binary(['text/html', 'application/pdf'], 'The form') },
      },
    },
    async (req, reply) => {
      const form = req.params.form as DocumentForm;
      const { code, data, agencyId } = await documents.form(principalOf(req), req.params.id, form);
      const name = `${code}-mau-${form}`;
      if (req.query.format === 'pdf') {
        let pdf = await renderFormPdf(form, data as never);
        // Forms 01–05 come out signed with the receiving agency's certificate (its one-stop unit); 06 grows, unsigned.
        const sign = service.ctx.hooks.signForm;
        if (form !== '06' && sign) pdf = await sign({ pdf, agencyId, form, code }, service.ctx.now());
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
      }
      // The form page embeds its QR code as an image and its own styles.
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return reply.type('text/html; charset=utf-8').send(renderFormHtml(form, data as never));
    },
  );

  app.get(
    '/api/officer/register',
    {
      config: { policy: policy.roles(...officerRoles), errors: [E.outOfJurisdiction] },
      schema: {
        operationId: 'exportDossierRegister',
        tags,
        summary: 'The dossier register (form 07)',
        description: 'The register (sổ theo dõi hồ sơ) of the officer’s agencies, or of one of them, by receipt date (local days, from–to inclusive), as CSV (UTF-8 with BOM) or XLSX.',
        querystring: RegisterQuerySchema,
        response: { 200: Binary(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'The register') },
      },
    },
    async (req, reply) => {
      const rows = await documents.register(principalOf(req), officerRoles, req.query);
      const stamp = clock.now().toISOString().slice(0, 10);
      if (req.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${stamp}.xlsx"`)
          .send(await registerXlsx(rows));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${stamp}.csv"`).send(registerCsv(rows));
    },
  );
}
