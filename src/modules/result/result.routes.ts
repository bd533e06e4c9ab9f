/**
 * The result module over HTTP: the results of a dossier and their signed files (for the dossier's readers), and
 * the built-in RFC 3161 time-stamping endpoint of the demo trust setup.
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import { policy, type Principal } from '../../platform/auth/policy';
import { IdParams } from '../../platform/http/schemas';
import { ResultListSchema, ResultParamsSchema, ResultReplacementSchema, ResultStatusChangeBodySchema, ResultViewSchema, resultFilePath, type ResultStatusChangeBody, type ResultView } from '../../shared/api/result';
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

export function resultView(r: ResultRow, publicUrl: string): ResultView {
  return {
    id: r.id,
    dossierId: r.dossierId,
    verificationCode: r.verificationCode,
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
      config: { policy: policy.roles('approver', 'result_officer'), errors: [...CHANGE_ERRORS, ...READ_ERRORS, resultErrors.tsaUnavailable, resultErrors.signingUnavailable], idempotency: 'key' as const },
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
