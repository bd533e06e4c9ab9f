/**
 * The result module over HTTP: the results of a dossier and their signed files (for the dossier's readers), and
 * the built-in RFC 3161 time-stamping endpoint of the demo trust setup.
 */
import multipart from '@fastify/multipart';
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import { policy, type Principal } from '../../platform/auth/policy';
import { IdParams } from '../../platform/http/schemas';
import { ResultListSchema, ResultParamsSchema, ResultReplacementSchema, ResultStatusChangeBodySchema, ResultViewSchema, resultFilePath, type ResultStatusChangeBody, type ResultView, CERTIFIED_COPY_TYPE } from '../../shared/api/result';
import { actorOf } from '../../platform/auth/actor';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import type { Db } from '../../platform/db/client';
import { dossierErrors } from '../dossier';
import { RESULT_ERROR_DETAILS, resultErrors } from './result.errors';
import type { ResultRow, ResultService } from './result.service';
import type { Trust } from './pki/trust';

const tags = ['results'];
const principalOf = (req: FastifyRequest): Principal => req.principal!;
const Binary = (types: readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: Type.Unsafe<Buffer | string>({ type: 'string', contentEncoding: 'binary' }) }])),
});
const READ_ERRORS = [dossierErrors.notFound, dossierErrors.outOfJurisdiction];
/** A TimeStampReq is about a hundred bytes; anything large is not one. */
const TSA_BODY_LIMIT = 16 * 1024;
/** Largest scan for a certified copy. */
const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export function resultView(r: ResultRow, publicUrl: string): ResultView {
  return {
    id: r.id,
    dossierId: r.dossierId,
    verificationCode: r.verificationCode,
    kind: r.documentType === CERTIFIED_COPY_TYPE ? 'certified_copy' : 'result',
    documentType: r.documentType,
    title: r.title,
    number: r.number,
    issuer: r.issuerName,
    issuedAt: r.issuedAt.toISOString(),
    sha256: r.sha256,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    status: r.status,
    replacedBy: r.replacedBy,
    reason: r.reason,
    verifyUrl: `${publicUrl}/xac-thuc?ma=${r.verificationCode}`,
    downloadUrl: resultFilePath(r.dossierId, r.id),
  };
}

const CHANGE_ERRORS = [resultErrors.notFound, resultErrors.notAllowed, resultErrors.alreadyRevoked, resultErrors.alreadyReplaced, resultErrors.reasonRequired, ...IDEMPOTENCY_ERRORS];
type ChangeRequest = FastifyRequest<{ Params: { id: string }; Body: ResultStatusChangeBody }>;

export function registerResultRoutes(app: App, service: ResultService, trust: Trust, publicUrl: string, db: Db, now: () => Date): void {
  app.post(
    '/api/results/:id/revoke',
    {
      config: { policy: policy.roles('approver', 'result_officer'), errors: CHANGE_ERRORS, idempotency: 'key' as const },
      schema: {
        operationId: 'revokeResult',
        tags,
        summary: 'Revoke a signed result (thu hồi)',
        description: 'The approver (lãnh đạo) or result officer of the issuing agency revokes a result still in force, with a reason: the register, the public verifier and the subject’s data store then show it revoked. The signed file is kept as issued. Takes an Idempotency-Key.',
        params: IdParams,
        body: ResultStatusChangeBodySchema,
        response: { 200: ResultViewSchema },
      },
    },
    async (req: ChangeRequest, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => ({ status: 200, body: resultView(await service.revoke(tx, principalOf(req), actorOf(req), req.params.id, req.body.reason, at), publicUrl) }));
    },
  );

  app.post(
    '/api/results/:id/replace',
    {
      config: { policy: policy.roles('approver', 'result_officer'), errors: [...CHANGE_ERRORS, ...READ_ERRORS, resultErrors.tsaUnavailable, resultErrors.signingUnavailable, resultErrors.copyNotReplaceable], idempotency: 'key' as const },
      schema: {
        operationId: 'replaceResult',
        tags,
        summary: 'Replace a signed result (cấp lại)',
        description: 'The approver (lãnh đạo) or result officer of the issuing agency issues a new signed result for the same dossier (re-rendered, new number and verification code, PAdES B-LT) in place of one still in force, with a reason; the old one is marked replaced by the new code, and the new file joins the subject’s data store. Takes an Idempotency-Key.',
        params: IdParams,
        body: ResultStatusChangeBodySchema,
        response: { 201: ResultReplacementSchema },
      },
    },
    async (req: ChangeRequest, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        const { result, replaced } = await service.replace(tx, principalOf(req), actorOf(req), req.params.id, req.body.reason, at);
        return { status: 201, body: { result: resultView(result, publicUrl), replaced: resultView(replaced, publicUrl) } };
      });
    },
  );

  app.get(
    '/api/dossiers/:id/results',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: READ_ERRORS },
      schema: {
        operationId: 'listDossierResults',
        tags,
        summary: 'Signed electronic results of a dossier',
        description: 'The signed results issued on the dossier (newest first), for whoever may read the dossier: number, issuer, status, hash, verification code and download address.',
        params: IdParams,
        response: { 200: ResultListSchema },
      },
    },
    async (req) => ({ items: (await service.listFor(principalOf(req), req.params.id)).map((r) => resultView(r, publicUrl)) }),
  );

  app.get(
    '/api/dossiers/:id/results/:resultId/file',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [...READ_ERRORS, resultErrors.notFound] },
      schema: {
        operationId: 'downloadDossierResult',
        tags,
        summary: 'Download a signed result',
        description: 'The signed PDF (PAdES) of a result, byte for byte as issued, for whoever may read the dossier.',
        params: ResultParamsSchema,
        response: { 200: Binary(['application/pdf'], 'The signed PDF') },
      },
    },
    async (req, reply) => {
      const { row, bytes } = await service.download(principalOf(req), req.params.id, req.params.resultId);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename="${row.fileName}"`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      return reply.send(bytes);
    },
  );

  // Certified copies (multipart: the scan file and its fields), in their own scope.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_SCAN_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1000 } });
    scope.post(
      '/api/dossiers/:id/certified-copies',
      {
        config: {
          idempotency: 'key',
          policy: policy.roles('receiving_officer'),
          errors: [
            ...READ_ERRORS,
            resultErrors.notCertification,
            resultErrors.copyNotAllowed,
            resultErrors.copyWrongState,
            resultErrors.copyConfirmationMissing,
            resultErrors.scanMissing,
            resultErrors.scanTooLarge,
            resultErrors.unsupportedScan,
            resultErrors.tsaUnavailable,
            resultErrors.signingUnavailable,
            ...IDEMPOTENCY_ERRORS,
          ],
        },
        schema: {
          operationId: 'certifyCopy',
          tags,
          summary: 'Certify an electronic copy from an original (chứng thực bản sao điện tử từ bản chính)',
          description:
            'For a dossier of the certified-copy procedure, received at the desk: the receiving officer of its agency uploads the scan of the original shown at the desk (multipart fields `confirmed` = true — the officer confirms the scan matches the original —, optional `documentName`, then the file `scan`: PDF, JPEG or PNG by its first bytes, at most 10 MB). MotCua signs the scan’s pages plus a certification page (number and book, date, officer, agency, QR code) PAdES B-LT with the agency’s certificate, records it in the register of issued results (verification and revocation), audits the confirmation and puts the copy in the subject’s data store, in one transaction. Takes an Idempotency-Key.',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: ResultViewSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw resultErrors.scanMissing(RESULT_ERROR_DETAILS.scanMissing);
        let confirmed = false;
        let documentName: string | null = null;
        let scan: Buffer | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') scan = await part.toBuffer();
            else if (part.fieldname === 'confirmed' && typeof part.value === 'string') confirmed = ['true', 'on', '1'].includes(part.value);
            else if (part.fieldname === 'documentName' && typeof part.value === 'string') documentName = part.value.slice(0, 200);
          }
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw resultErrors.scanTooLarge(RESULT_ERROR_DETAILS.scanTooLarge);
          if (typeof code === 'string' && code.startsWith('FST_')) throw resultErrors.scanMissing(RESULT_ERROR_DETAILS.scanMissing);
          throw e;
        }
        if (!scan || scan.length === 0) throw resultErrors.scanMissing(RESULT_ERROR_DETAILS.scanMissing);
        idempotencyKeyOf(req);
        const at = now();
        const input = { scan, confirmed, documentName };
        const fingerprint = { confirmed, documentName, sha256: createHash('sha256').update(scan).digest('hex') };
        const { id } = req.params as { id: string };
        return runIdempotent(db, req, reply, fingerprint, at, async (tx) => ({ status: 201, body: resultView(await service.certifyCopy(tx, principalOf(req), actorOf(req), id, input, at), publicUrl) }));
      },
    );
  });

  app.register(async (scope) => {
    // The DER query is kept aside, not as a JSON-schema body (like multipart uploads, the route declares `consumes`).
    const queries = new WeakMap<FastifyRequest, Buffer>();
    scope.addContentTypeParser('application/timestamp-query', { parseAs: 'buffer', bodyLimit: TSA_BODY_LIMIT }, (req, body, done) => {
      queries.set(req, body as Buffer);
      done(null, undefined);
    });
    scope.post(
      '/api/tsa',
      {
        config: { policy: policy.public(), errors: [resultErrors.badTimeStampQuery, resultErrors.tsaDisabled], idempotency: { exempt: 'an RFC 3161 time-stamp request: the protocol carries its own nonce, and a time-stamp changes no state' } },
        schema: {
          operationId: 'timeStamp',
          tags,
          summary: 'RFC 3161 time-stamping (demo TSA)',
          description:
            'The built-in time-stamping authority of the demo trust setup: the body is a DER TimeStampReq (`application/timestamp-query`, SHA-256 imprints), the answer a DER TimeStampResp (`application/timestamp-reply`). Only in demo mode (PKI_DEMO); production uses TSA_URL.',
          consumes: ['application/timestamp-query'],
          response: { 200: Binary(['application/timestamp-reply'], 'TimeStampResp (DER)') },
        },
      },
      async (req, reply) => {
        const tsa = trust.builtInTsa();
        if (!tsa) throw resultErrors.tsaDisabled();
        const body = queries.get(req);
        if (!body || body.length === 0) throw resultErrors.badTimeStampQuery(RESULT_ERROR_DETAILS.badTimeStampQuery);
        reply.header('content-type', 'application/timestamp-reply');
        return reply.send(Buffer.from(tsa.respond(new Uint8Array(body))));
      },
    );
  });
}
