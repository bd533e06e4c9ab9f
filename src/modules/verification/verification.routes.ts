import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy } from '../../platform/auth/policy';
import { platformErrors } from '../../platform/http/errors';
import { MAX_VERIFY_BYTES, RESULT_CODE_PATTERN, ResultByCodeSchema, VerificationReportSchema } from '../../shared/api/verification';
import { verificationErrors as E } from './verification.errors';
import { buildReport, resultMessages, type IssuedResultLookup } from './verification.service';
import type { TrustAnchors } from './verification.trust';

declare module 'fastify' {
  interface FastifyRequest {
    pdfUpload?: Buffer;
  }
}

export function registerVerificationRoutes(app: App, ctx: AppContext, trust: TrustAnchors, lookup: IssuedResultLookup) {
  const tags = ['verification'];
  const limit = { max: ctx.config.verification.rateLimitPerMinute, timeWindow: '1 minute' };

  // Uploads in their own scope: only this route takes PDF bytes or a multipart body, and nothing else.
  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    await scope.register(multipart, { limits: { fileSize: MAX_VERIFY_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 200 } });
    // Raw bytes: kept beside the request (the route declares no JSON body).
    for (const type of ['application/pdf', 'application/octet-stream']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_VERIFY_BYTES + 1 }, (req, body, done) => {
        req.pdfUpload = body as Buffer;
        done(null, undefined);
      });
    }
    scope.post(
      '/api/verification',
      {
        bodyLimit: MAX_VERIFY_BYTES + 64 * 1024,
        config: {
          policy: policy.public(),
          rateLimit: limit,
          errors: [E.notPdf, E.tooLarge, E.noSignature, E.empty, E.badMultipart, platformErrors.rateLimited, platformErrors.bodyTooLarge, platformErrors.unsupportedMediaType],
          idempotency: { exempt: 'a check of an uploaded file sent as POST: it stores nothing' },
        },
        schema: {
          operationId: 'verifySignedPdf',
          tags,
          summary: 'Verify a signed PDF (xác thực văn bản điện tử): integrity, signature, trust, time-stamp, register status',
          description: `Anyone may send a PDF (at most ${MAX_VERIFY_BYTES / 1048576} MB), either as the raw body (Content-Type: application/pdf) or as multipart/form-data with one file. Every signature is checked: the byte range covers the whole file except the signature value (a change, an appended update that changes content, or a signature copied from another file is reported), the CMS signature, the chain to the trust list, revocation from the CRLs in the file, the RFC 3161 time-stamp, and the PAdES baseline level. The SHA-256 of the file is looked up in the register of issued results (valid, revoked, replaced). Nothing is stored. Rate-limited per client address.`,
          consumes: ['application/pdf', 'multipart/form-data'],
          response: { 200: VerificationReportSchema },
        },
      },
      async (req) => {
        let bytes = req.pdfUpload;
        if (!bytes && req.isMultipart()) {
          try {
            for await (const part of req.parts()) if (part.type === 'file' && !bytes) bytes = await part.toBuffer();
          } catch (e) {
            const code = (e as { code?: string }).code;
            if (code === 'FST_REQ_FILE_TOO_LARGE') throw E.tooLarge();
            if (typeof code === 'string' && code.startsWith('FST_')) throw E.badMultipart();
            throw e;
          }
        }
        if (!bytes || bytes.length === 0) throw E.empty();
        if (bytes.length > MAX_VERIFY_BYTES) throw E.tooLarge();
        const doc = trust.verifier().verify(bytes);
        if (!doc.pdf) throw E.notPdf({ vi: 'Tệp tải lên không bắt đầu bằng tiêu đề PDF.', en: 'The uploaded file does not start with a PDF header.' });
        if (doc.signatures.length === 0) {
          throw E.noSignature({ vi: 'Tệp PDF này không có chữ ký số nào nên không xác thực được.', en: 'This PDF carries no digital signature, so it cannot be verified.' }, { extra: { verdict: 'unsigned', sha256: doc.sha256 } });
        }
        return buildReport(doc, await lookup.byHash(doc.sha256));
      },
    );
  });

  app.get(
    '/api/verification/results/:code',
    {
      config: { policy: policy.public(), errors: [E.resultNotFound] },
      schema: {
        operationId: 'getIssuedResultStatus',
        tags,
        summary: 'Status of an issued result by its verification code (the QR code on the document)',
        description: 'What the register of issued results says about the result with this code: its kind, title, issuing agency, number, date, the SHA-256 of the file as issued, and whether it is valid, revoked or replaced (and by which). No personal data beyond what the document shows.',
        params: Type.Object({ code: Type.String({ pattern: RESULT_CODE_PATTERN }) }, { additionalProperties: false }),
        response: { 200: ResultByCodeSchema },
      },
    },
    async (req) => {
      const result = await lookup.byCode(req.params.code);
      if (!result) throw E.resultNotFound({ vi: 'Mã xác thực này không có trong sổ kết quả của hệ thống.', en: 'This verification code is not in the system’s register of results.' });
      return { result, messages: resultMessages(result) };
    },
  );
}
