/**
 * The result module over HTTP: the results of a dossier and their signed files (for the dossier's readers), and
 * the built-in RFC 3161 time-stamping endpoint of the demo trust setup.
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import { policy, type Principal } from '../../platform/auth/policy';
import { IdParams } from '../../platform/http/schemas';
import { ResultListSchema, ResultParamsSchema, resultFilePath, type ResultView } from '../../shared/api/result';
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
    verifyUrl: `${publicUrl}/xac-thuc?ma=${r.verificationCode}`,
    downloadUrl: resultFilePath(r.dossierId, r.id),
  };
}

export function registerResultRoutes(app: App, service: ResultService, trust: Trust, publicUrl: string): void {
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
        config: { policy: policy.public(), errors: [resultErrors.badTimeStampQuery, resultErrors.tsaDisabled] },
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
