import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { actorOf } from '../../platform/auth/actor';
import { platformErrors } from '../../platform/http/errors';
import { Binary } from '../../platform/http/schemas';
import { ProcedureIdParamsSchema, ProcedureVersionSchema, VersionParamsSchema } from '../../shared/api/catalog';
import {
  ApproveReviewBodySchema,
  BuilderChecksSchema,
  CopyProcedureBodySchema,
  DiffQuerySchema,
  ReturnReviewBodySchema,
  ReviewStatusSchema,
  SheetReportSchema,
  SubmitReviewBodySchema,
  VersionDiffSchema,
} from '../../shared/api/catalog-builder';
import { catalogErrors as E, catalogProblems } from './catalog.errors';
import { parseRows, readWorkbook, sheetTemplate } from './catalog.sheet';
import { procedureVersions } from './catalog.schema';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { CatalogService } from './catalog.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_SHEET_BYTES = 10 * 1024 * 1024;
const tags = ['catalogue builder'];
const admin = (errors: readonly { code: string; status: number }[] = []) => ({ policy: policy.roles('platform_admin', 'agency_admin'), errors });
const adminChange = (errors: readonly { code: string; status: number }[] = []) => ({ ...admin(errors), idempotency: 'key' as const });

/**
 * The procedure builder's routes: copy a procedure, checks while editing, diff, review → approve → publish (now or
 * at a date), and the spreadsheet template and import. Drafts themselves are edited with the catalogue's PUT.
 */
export function registerCatalogBuilderRoutes(app: App, ctx: AppContext, catalog: CatalogService) {
  const { db } = ctx;
  const review = catalog.review;

  app.post(
    '/api/admin/procedures/:id/copy',
    {
      config: adminChange([E.procedureNotFound, E.keyTaken]),
      schema: {
        operationId: 'copyProcedure',
        tags,
        summary: 'Create a new procedure as a copy of another (its latest version becomes the first draft)',
        description: 'Starts a new procedure from an existing one: the latest version of the source (draft included) is copied as the first draft of a new procedure under `key`, with the new name and national code when given. The source is unchanged.',
        params: ProcedureIdParamsSchema,
        body: CopyProcedureBodySchema,
        response: { 201: ProcedureVersionSchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => ({ status: 201, body: await review.createFromCopy(req.principal!, actorOf(req), req.params.id, req.body, now, tx) }));
    },
  );

  app.get(
    '/api/admin/procedure-versions/:versionId/checks',
    {
      config: admin([E.versionNotFound]),
      schema: {
        operationId: 'checkProcedureVersion',
        tags,
        summary: 'The completeness checks publishing runs, while editing, each with the builder part to fix',
        description: 'Runs the checks of publication on any version (a draft while it is edited) and answers every problem with its field path and the part of the builder (identity, fees, documents, e-form, workflow …) where it is fixed. Stores nothing.',
        params: VersionParamsSchema,
        response: { 200: BuilderChecksSchema },
      },
    },
    async (req) => {
      const problems = await review.checks(req.params.versionId);
      return { ready: problems.length === 0, problems };
    },
  );

  app.get(
    '/api/admin/procedure-versions/:versionId/diff',
    {
      config: admin([E.versionNotFound]),
      schema: {
        operationId: 'diffProcedureVersions',
        tags,
        summary: 'What changed from another version (by default the previous one) to this one',
        description: 'A structured list of changes, one per changed value, each with its path and builder part; lists of items with an id (documents, steps) are matched by id and a reordering is one change. `from` defaults to the version before this one.',
        params: VersionParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: VersionDiffSchema },
      },
    },
    async (req) => {
      let from = req.query.from;
      if (!from) {
        const [me] = await db.select().from(procedureVersions).where(eq(procedureVersions.id, req.params.versionId));
        if (!me) throw E.versionNotFound();
        const [prev] = await db.select({ id: procedureVersions.id }).from(procedureVersions).where(and(eq(procedureVersions.procedureId, me.procedureId), lt(procedureVersions.version, me.version))).orderBy(desc(procedureVersions.version)).limit(1);
        from = prev?.id ?? me.id;
      }
      return review.diff(from, req.params.versionId);
    },
  );

  app.get(
    '/api/admin/procedure-versions/:versionId/review',
    {
      config: admin([E.versionNotFound]),
      schema: { operationId: 'getProcedureReview', tags, summary: 'Where a draft is in its review (editing, submitted, approved for a date, published)', description: 'The review state of a version, with who sent it, who approved it and the publication date.', params: VersionParamsSchema, response: { 200: ReviewStatusSchema } },
    },
    async (req) => review.status(req.params.versionId),
  );

  app.post(
    '/api/admin/procedure-versions/:versionId/review/submit',
    {
      config: adminChange([E.versionNotFound, E.versionImmutable, E.incomplete, E.reviewState]),
      schema: {
        operationId: 'submitProcedureReview',
        tags,
        summary: 'Send a draft for approval (it must pass the completeness checks)',
        description: 'The author sends her draft for approval by another administrator. 422 `catalog.incomplete_version` lists what to fix first. Editing the draft afterwards sends it back to editing.',
        params: VersionParamsSchema,
        body: SubmitReviewBodySchema,
        response: { 200: ReviewStatusSchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => ({ status: 200, body: await review.submit(req.principal!, actorOf(req), req.params.versionId, req.body.note, now, tx) }));
    },
  );

  app.post(
    '/api/admin/procedure-versions/:versionId/review/approve',
    {
      config: adminChange([E.versionNotFound, E.versionImmutable, E.incomplete, E.reviewState, E.selfApproval]),
      schema: {
        operationId: 'approveProcedureReview',
        tags,
        summary: 'Approve a submitted draft and publish it now or at a date (not by its author)',
        description: 'Another administrator than the author approves the draft: without `publishAt` (or with a past one) it is published at once; with a future `publishAt` the server publishes it when the time comes. The author answers 403 `catalog.self_approval`.',
        params: VersionParamsSchema,
        body: ApproveReviewBodySchema,
        response: { 200: ReviewStatusSchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      let published: string | null = null;
      const answer = await runIdempotent(db, req, reply, req.body, now, async (tx) => {
        const r = await review.approve(req.principal!, actorOf(req), req.params.versionId, req.body.publishAt ? new Date(req.body.publishAt) : null, now, tx);
        published = r.publishedProcedureId;
        return { status: 200, body: r.review };
      });
      if (published) await catalog.refreshSearch([published]);
      return answer;
    },
  );

  app.post(
    '/api/admin/procedure-versions/:versionId/review/return',
    {
      config: adminChange([E.versionNotFound, E.versionImmutable, E.reviewState]),
      schema: {
        operationId: 'returnProcedureReview',
        tags,
        summary: 'Send a submitted or approved (not yet published) draft back to editing, with the reason',
        description: 'The reviewer returns the draft to its author (or cancels a scheduled publication); the reason is audited.',
        params: VersionParamsSchema,
        body: ReturnReviewBodySchema,
        response: { 200: ReviewStatusSchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => ({ status: 200, body: await review.reject(req.principal!, actorOf(req), req.params.versionId, req.body.reason, now, tx) }));
    },
  );

  app.get(
    '/api/admin/procedures/sheet-template',
    {
      config: admin(),
      schema: {
        operationId: 'getCatalogueSheetTemplate',
        tags,
        summary: 'The spreadsheet template for bulk entry (XLSX, one sheet per part)',
        description: 'An XLSX workbook with one sheet per part of a procedure (procedures, documents, fees, form fields, workflow steps): row 1 the headers in Vietnamese and English (* = required), row 2 the allowed values, then an example procedure.',
        response: { 200: Binary([XLSX], 'The template') },
      },
    },
    async (_req, reply) => {
      reply.header('content-type', XLSX);
      reply.header('content-disposition', 'attachment; filename="mau-nhap-thu-tuc.xlsx"');
      return reply.send(await sheetTemplate());
    },
  );

  // The spreadsheet upload in its own scope: only this route takes a multipart body.
  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    await scope.register(multipart, { limits: { fileSize: MAX_SHEET_BYTES, files: 1, fields: 0, parts: 1 } });
    scope.post(
      '/api/admin/procedures/import-sheet',
      {
        bodyLimit: MAX_SHEET_BYTES + 64 * 1024,
        config: adminChange([E.badSpreadsheet, E.keyTaken, platformErrors.bodyTooLarge, platformErrors.unsupportedMediaType]),
        schema: {
          operationId: 'importCatalogueSheet',
          tags,
          summary: 'Import procedures from the spreadsheet template, row by row, with a line-by-line report',
          description:
            'Reads the filled-in template (multipart, one XLSX file). Every procedure whose rows are all valid is imported as a draft (a new key creates the procedure, a known key gets a new draft); every wrong cell is reported with its sheet, row, A1 cell and the reason in Vietnamese and English, and its procedure is not imported. Nothing is published.',
          consumes: ['multipart/form-data'],
          response: { 200: SheetReportSchema },
        },
      },
      async (req, reply) => {
        let bytes: Buffer | undefined;
        if (req.isMultipart()) {
          try {
            for await (const part of req.parts()) if (part.type === 'file' && !bytes) bytes = await part.toBuffer();
          } catch (e) {
            const code = (e as { code?: string }).code;
            if (code === 'FST_REQ_FILE_TOO_LARGE') throw platformErrors.bodyTooLarge();
            throw catalogProblems.badSpreadsheet('multipart');
          }
        }
        if (!bytes?.length) throw catalogProblems.badSpreadsheet('no file / không có tệp');
        let read: Awaited<ReturnType<typeof readWorkbook>>;
        try {
          read = await readWorkbook(bytes);
        } catch {
          throw catalogProblems.badSpreadsheet('not XLSX / không phải XLSX');
        }
        if (read.missing.length) throw catalogProblems.badSpreadsheet(`missing sheets / thiếu trang: ${read.missing.join(', ')}`);
        const { inputs, problems } = parseRows(read.rows);
        const now = ctx.clock.now();
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return runIdempotent(db, req, reply, { sha256 }, now, async (tx) => {
          const out: Array<{ key: string; versionId: string }> = [];
          await catalog.importAll(req.principal!, actorOf(req), inputs, 'draft', now, tx);
          for (const i of inputs) out.push({ key: i.key, versionId: (await catalog.latestVersionId(i.key, tx))! });
          return { status: 200, body: { imported: inputs.length, rejected: new Set(problems.map((p) => p.key)).size, procedures: out, problems } };
        });
      },
    );
  });
}
