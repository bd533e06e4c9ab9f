import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { platformErrors } from '../../platform/http/errors';
import { IdParams, NoContent, Obj, Uuid } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import { MAX_FILE_BYTES } from '../../shared/files/file-types';
import {
  DATA_REQUEST_STATUSES,
  DATA_REQUEST_TYPES,
  DataRequestListSchema,
  DataRequestSchema,
  DocumentTypeSchema,
  EnterpriseCodeQuery,
  OfficerDataRequestListSchema,
  StoreItemSchema,
  StoreListSchema,
  StoreSuggestionsSchema,
} from '../../shared/api/vault';
import { dataRequestView, type DataRequests } from './data-requests';
import { storeItemView, type DataStore } from './store.service';
import type { StoreReuse } from './store.reuse';
import { dataRequestErrors, storeErrors, vaultErrors } from './vault.errors';
import { dossierErrors, sha256Hex } from '../dossier';

const FileSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file, with its type in Content-Type and its SHA-256 in X-Content-SHA256' });

function personalIdOf(req: FastifyRequest): string {
  const pid = req.principal?.personalId;
  if (!pid) throw vaultErrors.noPersonalId();
  return pid;
}

export interface StoreRouteDeps {
  store: DataStore;
  reuse: StoreReuse;
  requests: DataRequests;
}

/** The data store (kho dữ liệu), its use in dossiers, and data-subject requests. Always scoped to the caller. */
export function registerStoreRoutes(app: App, ctx: AppContext, deps: StoreRouteDeps) {
  const { db, clock } = ctx;
  const { store, reuse, requests } = deps;
  const tags = ['vault'];
  /** Citizens only; the store of an enterprise only for its legal representative. */
  const citizen = (...errors: { code: string; status: number }[]) => ({ policy: policy.citizen(), errors: [vaultErrors.noPersonalId, ...errors] });
  const owned = [storeErrors.notRepresentative];
  const now = () => new Date(Math.floor(clock.now().getTime()));

  app.get(
    '/api/me/store',
    {
      config: citizen(...owned),
      schema: {
        operationId: 'listMyStore',
        tags,
        summary: 'My data store (kho dữ liệu): results, kept and digitised documents',
        description: 'Lists the documents kept in my data store, newest first: results issued to me by agencies, documents I kept from my dossiers and papers I uploaded. With `enterpriseCode`, the store of an enterprise I legally represent. `documentType` narrows the list.',
        querystring: Obj({ documentType: Type.Optional(DocumentTypeSchema), enterpriseCode: Type.Optional(EnterpriseCodeQuery) }),
        response: { 200: StoreListSchema },
      },
    },
    async (req) => {
      const owner = await reuse.ownerOf(req.principal!, req.query.enterpriseCode);
      const rows = await store.list([owner], req.query.documentType ? [req.query.documentType] : undefined);
      return { items: rows.map(storeItemView) };
    },
  );

  app.get(
    '/api/me/store/:id',
    {
      config: citizen(...owned, storeErrors.notFound),
      schema: {
        operationId: 'downloadStoreItem',
        tags,
        summary: 'Download an item of my data store',
        description: 'Sends the file of one of my store items as an attachment, with its SHA-256. Another person’s item is answered 404, as if it did not exist.',
        params: IdParams,
        querystring: Obj({ enterpriseCode: Type.Optional(EnterpriseCodeQuery) }),
        response: { 200: FileSchema },
      },
    },
    async (req, reply) => {
      const row = await store.get([await reuse.ownerOf(req.principal!, req.query.enterpriseCode)], req.params.id);
      const bytes = await store.bytes(row);
      reply.header('content-type', row.contentType);
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(row.fileName)}"`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-content-sha256', row.sha256);
      return reply.send(bytes);
    },
  );

  app.delete(
    '/api/me/store/:id',
    {
      config: { ...citizen(...owned, storeErrors.notFound, storeErrors.notDeletable), idempotency: 'key' as const },
      schema: {
        operationId: 'deleteStoreItem',
        tags,
        summary: 'Delete an item I uploaded',
        description: 'Removes a document I uploaded from my store (it stays in the audit trail). Results issued by an agency and registry data cannot be deleted: 409 `store.not_deletable`.',
        params: IdParams,
        querystring: Obj({ enterpriseCode: Type.Optional(EnterpriseCodeQuery) }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const owner = await reuse.ownerOf(req.principal!, req.query.enterpriseCode);
      const at = now();
      await runIdempotent(db, req, reply, null, at, async (tx) => {
        await store.remove([owner], req.params.id, actorOf(req), at, tx);
        return { status: 204, body: null };
      });
      return reply.send(null);
    },
  );

  app.post(
    '/api/me/store/keep',
    {
      config: { ...citizen(...owned, storeErrors.notFound, storeErrors.empty, storeErrors.tooLarge, storeErrors.badType, storeErrors.infected), idempotency: 'key' as const },
      schema: {
        operationId: 'keepDossierAttachment',
        tags,
        summary: 'Keep an attachment of one of my dossiers in my data store',
        description: 'Copies a file I attached to one of my dossiers into the store of the dossier’s subject (mine, or the enterprise’s I represent), so later dossiers can reuse it without a new upload.',
        body: Obj({ dossierId: Uuid, attachmentId: Uuid, documentType: Type.Optional(DocumentTypeSchema), title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }),
        response: { 201: StoreItemSchema },
      },
    },
    async (req, reply) => {
      const at = now();
      return runIdempotent(
        db, req, reply, req.body, at,
        async (tx, kept) => ({ status: 201, body: storeItemView(await reuse.keepAttachment(req.principal!, actorOf(req), at, req.body, kept, tx)) }),
        () => reuse.prepareKeep(req.principal!, req.body),
      );
    },
  );

  // Uploads in their own scope: only this route parses multipart bodies.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 8, parts: 9, fieldSize: 1000 } });
    scope.post(
      '/api/me/store',
      {
        config: { ...citizen(...owned, storeErrors.empty, storeErrors.tooLarge, storeErrors.badType, storeErrors.infected, storeErrors.badMultipart), idempotency: 'key' as const },
        schema: {
          operationId: 'uploadToMyStore',
          tags,
          summary: 'Add a document to my data store',
          description: `Uploads a paper into my store (PDF, JPEG or PNG, at most ${MAX_FILE_BYTES / 1048576} MB), checked like a dossier attachment (size, malware, real type). Multipart fields: documentType, title?, issuer?, validFrom?, validUntil?, enterpriseCode?, then file.`,
          consumes: ['multipart/form-data'],
          response: { 201: StoreItemSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw storeErrors.empty();
        const fields: Record<string, string> = {};
        let file: { name: string; bytes: Buffer } | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') file = { name: part.filename, bytes: await part.toBuffer() };
            else if (typeof part.value === 'string') fields[part.fieldname] = part.value.slice(0, 300);
          }
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw storeErrors.tooLarge();
          if (typeof code === 'string' && code.startsWith('FST_')) throw storeErrors.badMultipart();
          throw e;
        }
        if (!file || !fields.documentType) throw storeErrors.empty();
        if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(fields.documentType)) throw storeErrors.badField('documentType');
        for (const f of ['validFrom', 'validUntil']) if (fields[f] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fields[f])) throw storeErrors.badField(f);
        if (fields.enterpriseCode !== undefined && !/^\d{10}$/.test(fields.enterpriseCode)) throw storeErrors.badField('enterpriseCode');
        const owner = await reuse.ownerOf(req.principal!, fields.enterpriseCode);
        const at = now();
        const upload = file;
        // The fingerprint of a multipart request: its fields and the file's digest.
        const fingerprint = { fields, fileName: upload.name, sha256: sha256Hex(upload.bytes) };
        return runIdempotent(db, req, reply, fingerprint, at, async (tx) => {
          const item = await store.upload(
            owner, req.principal!, actorOf(req), at,
            { documentType: fields.documentType, title: fields.title?.trim() || undefined, issuer: fields.issuer?.trim() || undefined, validFrom: fields.validFrom, validUntil: fields.validUntil, fileName: upload.name, bytes: upload.bytes },
            tx,
          );
          return { status: 201, body: storeItemView(item) };
        });
      },
    );
  });

  // --- Reuse in dossiers --------------------------------------------------------------------------------------------

  app.get(
    '/api/dossiers/:id/store-suggestions',
    {
      config: citizen(platformErrors.notFound),
      schema: {
        operationId: 'suggestStoreItemsForDossier',
        tags: ['dossiers', 'vault'],
        summary: 'For each required document that may come from the data store, my matching store items',
        description: 'Once-only: for every required document of the dossier that the data store may hold, the applicant’s items of the matching types (theirs, and the enterprise’s for a business filing), and whether one is already attached from the store.',
        params: IdParams,
        response: { 200: StoreSuggestionsSchema },
      },
    },
    async (req) => ({ documents: await reuse.suggestions(req.principal!, req.params.id) }),
  );

  app.post(
    '/api/dossiers/:id/attachments/from-store',
    {
      config: { ...citizen(storeErrors.notFound, dossierErrors.unknownDocument, dossierErrors.documentNotFromStore, ...IDEMPOTENCY_ERRORS), idempotency: 'key' as const },
      schema: {
        operationId: 'attachStoreItemToDossier',
        tags: ['dossiers', 'vault'],
        summary: 'Attach an item of my data store to a required document',
        description: 'One click, no upload: the store item’s file becomes the attachment of a required document of my draft (or of a dossier awaiting a supplement), flagged as taken from the store. Takes an Idempotency-Key.',
        params: IdParams,
        body: Obj({ documentId: Type.String({ minLength: 1, maxLength: 100 }), storeItemId: Uuid }),
        response: { 201: Type.Object({}, { additionalProperties: true, description: 'The attachment, as the dossier API shows it' }) },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: { documentId: string; storeItemId: string } }>, reply: FastifyReply) => {
      idempotencyKeyOf(req);
      return runIdempotent(db, req, reply, req.body, clock.now(), async (tx) => ({ status: 201, body: await reuse.attachToDossier(tx, req.principal!, actorOf(req), req.params.id, req.body) }));
    },
  );

  // --- Data-subject requests ----------------------------------------------------------------------------------------

  app.post(
    '/api/me/data-requests',
    {
      config: { ...citizen(), idempotency: 'key' as const },
      schema: {
        operationId: 'createDataRequest',
        tags,
        summary: 'Ask for a copy of my personal data or its correction',
        description: 'Files a data-subject request (Law 91/2025): a copy of what the platform holds on me, or a correction. It is due within 2 working days on the working calendar.',
        body: Obj({ type: Type.Union(DATA_REQUEST_TYPES.map((x) => Type.Literal(x))), detail: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 201: DataRequestSchema },
      },
    },
    async (req, reply) => {
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 201, body: dataRequestView(await requests.create(tx, req.principal!, actorOf(req), personalIdOf(req), req.body, at), at) }));
    },
  );

  app.get(
    '/api/me/data-requests',
    {
      config: citizen(),
      schema: { operationId: 'listMyDataRequests', tags, summary: 'My data-subject requests, newest first', description: 'Lists my copy and correction requests with their status, due time and answer.', response: { 200: DataRequestListSchema } },
    },
    async (req) => ({ items: (await requests.mine(personalIdOf(req))).map((r) => dataRequestView(r, now())) }),
  );

  app.get(
    '/api/me/data-requests/:id',
    {
      config: citizen(dataRequestErrors.notFound),
      schema: {
        operationId: 'getMyDataRequest',
        tags,
        summary: 'One of my data-subject requests',
        description: 'One of my requests, with the JSON export of my data when a copy request was answered.',
        params: IdParams,
        response: { 200: DataRequestSchema },
      },
    },
    async (req) => dataRequestView(await requests.own(personalIdOf(req), req.params.id), now(), true),
  );

  const admins = { policy: policy.roles('platform_admin', 'agency_admin') };
  app.get(
    '/api/officer/data-requests',
    {
      config: { ...admins, errors: [] },
      schema: {
        operationId: 'listDataRequests',
        tags,
        summary: 'Data-subject requests to answer, by due time',
        description: 'For platform and agency administrators: the requests received (or of a status), soonest due first, with the requester’s personal ID.',
        querystring: Obj({ status: Type.Optional(Type.Union(DATA_REQUEST_STATUSES.map((x) => Type.Literal(x)))) }),
        response: { 200: OfficerDataRequestListSchema },
      },
    },
    async (req) => ({ items: (await requests.list(req.query.status)).map((r) => ({ ...dataRequestView(r, now()), personalId: r.personalId })) }),
  );

  app.post(
    '/api/officer/data-requests/:id/answer',
    {
      config: { ...admins, errors: [dataRequestErrors.notFound, dataRequestErrors.alreadyAnswered], idempotency: 'key' as const },
      schema: {
        operationId: 'answerDataRequest',
        tags,
        summary: 'Answer a data-subject request',
        description: 'Answers a request; a copy request gets the JSON export of what the platform holds on the person (registry record, dossiers, store items, access log, consents), the registry read logged against them.',
        params: IdParams,
        body: Obj({ answer: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 200: DataRequestSchema },
      },
    },
    async (req, reply) => {
      const at = now();
      const decision = { outcome: 'answered' as const, answer: req.body.answer };
      return runIdempotent(
        db, req, reply, req.body, at,
        async (tx, prepared) => ({ status: 200, body: dataRequestView(await requests.decide(tx, req.principal!, actorOf(req), req.params.id, decision, prepared, at), at) }),
        () => requests.prepareDecision(req.principal!, req.params.id, decision.outcome, at),
      );
    },
  );

  app.post(
    '/api/officer/data-requests/:id/refuse',
    {
      config: { ...admins, errors: [dataRequestErrors.notFound, dataRequestErrors.alreadyAnswered], idempotency: 'key' as const },
      schema: {
        operationId: 'refuseDataRequest',
        tags,
        summary: 'Refuse a data-subject request, with the reason',
        description: 'Refuses a request that is still open; the reason is shown to the person.',
        params: IdParams,
        body: Obj({ reason: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 200: DataRequestSchema },
      },
    },
    async (req, reply) => {
      const at = now();
      const decision = { outcome: 'refused' as const, reason: req.body.reason };
      return runIdempotent(
        db, req, reply, req.body, at,
        async (tx, prepared) => ({ status: 200, body: dataRequestView(await requests.decide(tx, req.principal!, actorOf(req), req.params.id, decision, prepared, at), at) }),
        () => requests.prepareDecision(req.principal!, req.params.id, decision.outcome, at),
      );
    },
  );
}
