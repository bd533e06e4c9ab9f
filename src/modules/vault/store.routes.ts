import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { AppError, errors } from '../../platform/http/errors';
import { IdParams, Obj, Uuid } from '../../platform/http/schemas';
import { runIdempotent, idempotencyKeyOf } from '../../platform/idempotency/idempotency';
import type { CatalogService } from '../catalog/catalog.service';
import type { BusinessDirectory } from '../identity/organisation/business-directory';
import { MAX_ATTACHMENT_BYTES, type DossierService } from '../dossier';
import { DataRequests, dataRequestView } from './data-requests';
import { DataStore, storeErrors, storeItemView, storeTypesFor, type StoreOwner } from './store.service';
import { vaultErrors } from './vault.errors';
import { DATA_REQUEST_STATUSES, DATA_REQUEST_TYPES } from './vault.schema';

const DocType = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'Document type, e.g. marriage-certificate' });
const EnterpriseCode = Type.String({ pattern: '^\\d{10}$', description: 'Act for this enterprise’s store (legal representative only)' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Bilingual = Obj({ vi: Type.String(), en: Type.String() });
const StoreItem = Obj({
  id: Uuid,
  documentType: Type.String(),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  source: Type.String({ description: 'uploaded, result (issued by an agency), registry' }),
  dossierId: Nullable(Uuid),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
  deletable: Type.Boolean({ description: 'Only items the owner uploaded can be deleted' }),
});
const DataRequest = Obj({
  id: Uuid,
  type: Type.String(),
  typeLabel: Bilingual,
  detail: Type.String(),
  status: Type.String({ description: 'received, answered, refused' }),
  statusLabel: Bilingual,
  receivedAt: Type.String(),
  dueAt: Type.String({ description: '2 working days after receipt' }),
  overdue: Type.Boolean(),
  answeredAt: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  refusalReason: Nullable(Type.String()),
  hasExport: Type.Boolean(),
  export: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
});

function personalIdOf(req: FastifyRequest): string {
  const pid = req.principal?.personalId;
  if (!pid) throw vaultErrors.noPersonalId();
  return pid;
}

export interface StoreRouteDeps {
  store: DataStore;
  requests: DataRequests;
  dossiers: DossierService;
  catalog: CatalogService;
  businesses: BusinessDirectory;
}

/** The data store (kho dữ liệu), its use in dossiers, and data-subject requests. Always scoped to the caller. */
export function registerStoreRoutes(app: App, ctx: AppContext, deps: StoreRouteDeps) {
  const { db, clock } = ctx;
  const { store, requests, dossiers, catalog, businesses } = deps;
  const citizen = { policy: policy.citizen() };
  const tags = ['vault'];

  /** The store the caller acts on: their own, or an enterprise's they legally represent. */
  const ownerOf = async (req: FastifyRequest, enterpriseCode?: string): Promise<StoreOwner> => {
    const pid = personalIdOf(req);
    if (!enterpriseCode) return { type: 'person', id: pid };
    const b = await businesses.findByCode(enterpriseCode);
    if (!b || b.legalRepresentativePersonalId !== pid || b.status === 'dissolved') {
      throw new AppError(403, 'store.not_representative', { vi: 'Không có quyền với kho dữ liệu của doanh nghiệp', en: 'Not the enterprise’s representative' }, { vi: 'Chỉ người đại diện theo pháp luật dùng được kho dữ liệu của doanh nghiệp.', en: 'Only the legal representative may use the enterprise’s store.' });
    }
    return { type: 'business', id: enterpriseCode };
  };
  const now = () => new Date(Math.floor(clock.now().getTime()));

  app.get(
    '/api/me/store',
    {
      config: citizen,
      schema: {
        tags,
        summary: 'My data store (kho dữ liệu): results, kept and digitised documents',
        querystring: Obj({ documentType: Type.Optional(DocType), enterpriseCode: Type.Optional(EnterpriseCode) }),
        response: { 200: Obj({ items: Type.Array(StoreItem) }) },
      },
    },
    async (req) => {
      const owner = await ownerOf(req, req.query.enterpriseCode);
      const rows = await store.list([owner], req.query.documentType ? [req.query.documentType] : undefined);
      return { items: rows.map(storeItemView) };
    },
  );

  app.get(
    '/api/me/store/:id',
    { config: citizen, schema: { tags, summary: 'Download an item of my data store', params: IdParams, querystring: Obj({ enterpriseCode: Type.Optional(EnterpriseCode) }) } },
    async (req, reply) => {
      const row = await store.get([await ownerOf(req, req.query.enterpriseCode)], req.params.id);
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
    { config: citizen, schema: { tags, summary: 'Delete an item I uploaded (results issued by an agency cannot be deleted: 409)', params: IdParams, querystring: Obj({ enterpriseCode: Type.Optional(EnterpriseCode) }) } },
    async (req, reply) => {
      await store.remove([await ownerOf(req, req.query.enterpriseCode)], req.params.id, actorOf(req), now());
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/me/store/keep',
    {
      config: citizen,
      schema: {
        tags,
        summary: 'Keep an attachment of one of my dossiers in my data store',
        body: Obj({ dossierId: Uuid, attachmentId: Uuid, documentType: Type.Optional(DocType), title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }),
        response: { 201: StoreItem },
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const { meta, bytes } = await dossiers.download(principal, req.body.dossierId, req.body.attachmentId);
      const { row } = await dossiers.readable(principal, req.body.dossierId);
      // Kept in the dossier subject's store (the caller's own, or the represented enterprise's).
      const owner: StoreOwner = row.subjectType === 'business' ? await ownerOf(req, row.subjectId) : { type: 'person', id: personalIdOf(req) };
      if (owner.type === 'person' && row.subjectId !== owner.id) throw storeErrors.notFound();
      const documentType = req.body.documentType ?? storeTypesFor(meta.documentId)[0];
      const item = await store.upload(owner, principal, actorOf(req), now(), { documentType, title: req.body.title, fileName: meta.fileName, bytes, dossierId: row.id });
      return reply.code(201).send(storeItemView(item));
    },
  );

  // Uploads in their own scope: only this route parses multipart bodies.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 8, parts: 9, fieldSize: 1000 } });
    scope.post(
      '/api/me/store',
      {
        config: citizen,
        schema: {
          tags,
          summary: `Add a document to my data store (PDF, JPEG or PNG, at most ${MAX_ATTACHMENT_BYTES / 1048576} MB): multipart fields documentType, title?, issuer?, validFrom?, validUntil?, enterpriseCode?, then file`,
          consumes: ['multipart/form-data'],
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
          if (typeof code === 'string' && code.startsWith('FST_')) throw errors.badRequest('store.bad_multipart', { vi: 'Nội dung multipart không hợp lệ.', en: 'Malformed multipart body.' });
          throw e;
        }
        const bad = (f: string) => errors.validation([{ field: f, code: 'format', message: { vi: `Trường ${f} không hợp lệ.`, en: `Invalid ${f}.` } }]);
        if (!file || !fields.documentType) throw storeErrors.empty();
        if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(fields.documentType)) throw bad('documentType');
        for (const f of ['validFrom', 'validUntil']) if (fields[f] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fields[f])) throw bad(f);
        if (fields.enterpriseCode !== undefined && !/^\d{10}$/.test(fields.enterpriseCode)) throw bad('enterpriseCode');
        const owner = await ownerOf(req, fields.enterpriseCode);
        const item = await store.upload(owner, req.principal!, actorOf(req), now(), {
          documentType: fields.documentType,
          title: fields.title?.trim() || undefined,
          issuer: fields.issuer?.trim() || undefined,
          validFrom: fields.validFrom,
          validUntil: fields.validUntil,
          fileName: file.name,
          bytes: file.bytes,
        });
        return reply.code(201).send(storeItemView(item));
      },
    );
  });

  // --- Reuse in dossiers --------------------------------------------------------------------------------------------

  /** The stores a dossier may take items from: the caller's own, and the enterprise's for a business filing. */
  const ownersFor = (principal: Principal, row: { subjectType: string; subjectId: string }): StoreOwner[] => {
    const owners: StoreOwner[] = [];
    if (principal.personalId) owners.push({ type: 'person', id: principal.personalId });
    if (row.subjectType === 'business') owners.push({ type: 'business', id: row.subjectId });
    return owners;
  };

  app.get(
    '/api/dossiers/:id/store-suggestions',
    {
      config: citizen,
      schema: {
        tags: ['dossiers', 'vault'],
        summary: 'For each required document that may come from the data store, my matching store items',
        params: IdParams,
        response: {
          200: Obj({
            documents: Type.Array(
              Obj({
                documentId: Type.String(),
                name: Bilingual,
                requirement: Type.String(),
                storeTypes: Type.Array(Type.String()),
                attachedFromStore: Type.Boolean(),
                items: Type.Array(StoreItem),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const principal = req.principal!;
      const { row, access } = await dossiers.readable(principal, req.params.id);
      if (!access.applicant) throw errors.notFound();
      const version = await catalog.getVersion(row.procedureVersionId);
      const detail = await dossiers.detail(principal, row.id);
      const owners = ownersFor(principal, row);
      const documents = [];
      for (const d of version.documents.filter((x) => x.fromDataStore)) {
        const types = storeTypesFor(d.id);
        const items = owners.length ? await store.list(owners, types) : [];
        documents.push({
          documentId: d.id,
          name: d.name,
          requirement: d.requirement,
          storeTypes: [...types],
          attachedFromStore: detail.attachments.some((a) => a.documentId === d.id && a.source === 'store'),
          items: items.map(storeItemView),
        });
      }
      return { documents };
    },
  );

  app.post(
    '/api/dossiers/:id/attachments/from-store',
    {
      config: citizen,
      schema: {
        tags: ['dossiers', 'vault'],
        summary: 'Attach an item of my data store to a required document (one click, no upload); flagged as taken from the store',
        params: IdParams,
        body: Obj({ documentId: Type.String({ minLength: 1, maxLength: 100 }), storeItemId: Uuid }),
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: { documentId: string; storeItemId: string } }>, reply: FastifyReply) => {
      idempotencyKeyOf(req);
      const principal = req.principal!;
      const { row } = await dossiers.readable(principal, req.params.id);
      const item = await store.get(ownersFor(principal, row), req.body.storeItemId);
      return runIdempotent(db, req, reply, req.body, clock.now(), async (tx) => ({ status: 201, body: await dossiers.attachFromStore(tx, principal, actorOf(req), row.id, { documentId: req.body.documentId, item }) }));
    },
  );

  // --- Data-subject requests ----------------------------------------------------------------------------------------

  app.post(
    '/api/me/data-requests',
    {
      config: citizen,
      schema: {
        tags,
        summary: 'Ask for a copy of my personal data or its correction (answered within 2 working days)',
        body: Obj({ type: Type.Union(DATA_REQUEST_TYPES.map((x) => Type.Literal(x))), detail: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 201: DataRequest },
      },
    },
    async (req, reply) => {
      const row = await requests.create(req.principal!, actorOf(req), personalIdOf(req), req.body, now());
      return reply.code(201).send(dataRequestView(row, now()));
    },
  );

  app.get(
    '/api/me/data-requests',
    { config: citizen, schema: { tags, summary: 'My data-subject requests, newest first', response: { 200: Obj({ items: Type.Array(DataRequest) }) } } },
    async (req) => ({ items: (await requests.mine(personalIdOf(req))).map((r) => dataRequestView(r, now())) }),
  );

  app.get(
    '/api/me/data-requests/:id',
    { config: citizen, schema: { tags, summary: 'One of my data-subject requests, with the export when a copy was answered', params: IdParams, response: { 200: DataRequest } } },
    async (req) => dataRequestView(await requests.own(personalIdOf(req), req.params.id), now(), true),
  );

  const admins = { policy: policy.roles('platform_admin', 'agency_admin') };
  app.get(
    '/api/officer/data-requests',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Data-subject requests to answer (platform and agency administrators), by due time',
        querystring: Obj({ status: Type.Optional(Type.Union(DATA_REQUEST_STATUSES.map((x) => Type.Literal(x)))) }),
        response: { 200: Obj({ items: Type.Array(Obj({ ...DataRequest.properties, personalId: Type.String() })) }) },
      },
    },
    async (req) => ({ items: (await requests.list(req.query.status)).map((r) => ({ ...dataRequestView(r, now()), personalId: r.personalId })) }),
  );

  app.post(
    '/api/officer/data-requests/:id/answer',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Answer a data-subject request (a copy request gets the JSON export of what the platform holds on the person)',
        params: IdParams,
        body: Obj({ answer: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 200: DataRequest },
      },
    },
    async (req) => dataRequestView(await requests.decide(req.principal!, actorOf(req), req.params.id, { outcome: 'answered', answer: req.body.answer }, now()), now()),
  );

  app.post(
    '/api/officer/data-requests/:id/refuse',
    {
      config: admins,
      schema: { tags, summary: 'Refuse a data-subject request, with the reason', params: IdParams, body: Obj({ reason: Type.String({ minLength: 1, maxLength: 4000 }) }), response: { 200: DataRequest } },
    },
    async (req) => dataRequestView(await requests.decide(req.principal!, actorOf(req), req.params.id, { outcome: 'refused', reason: req.body.reason }, now()), now()),
  );
}

