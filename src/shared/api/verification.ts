/** Request and response schemas of the public verification API (xác thực kết quả), shared by the server and the web. */
import { Type } from 'typebox';
import { DateTime, LocalizedText, Nullable, Obj, OneOf, type Static } from './schema';

export const VERDICTS = ['valid', 'invalid', 'revoked', 'replaced', 'unknown_issuer', 'unsigned'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RESULT_STATUSES = ['valid', 'revoked', 'replaced'] as const;

/** What the issuing system's register says about a result (no personal data: what the document itself shows). */
export const IssuedResultStatusSchema = Obj(
  {
    code: Type.String({ description: 'Verification code (printed under the QR code)' }),
    kind: Type.Optional(OneOf(['result', 'certified_copy'] as const, { description: 'A result of a procedure, or an electronic certified copy from an original (bản sao điện tử chứng thực từ bản chính)' })),
    documentType: Type.String({ description: 'Kind of result, e.g. birth-certificate' }),
    title: Type.String({ description: 'Title of the document, e.g. Giấy khai sinh (bản điện tử)' }),
    issuer: Type.String({ description: 'Issuing agency' }),
    number: Nullable(Type.String({ description: 'Số văn bản' })),
    issuedAt: DateTime,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the PDF as issued' }),
    status: OneOf(RESULT_STATUSES),
    replacedBy: Nullable(Type.String({ description: 'Verification code of the result that replaces this one' })),
    reason: Nullable(Type.String({ description: 'Reason of the revocation or replacement' })),
  },
  { description: 'A result in the register of issued results' },
);
export type IssuedResultStatusDto = Static<typeof IssuedResultStatusSchema>;

export const MessageSchema = Obj({
  severity: OneOf(['ok', 'info', 'warning', 'error'] as const),
  code: Type.String({ description: 'Stable code of the finding, e.g. integrity.modified' }),
  text: LocalizedText,
});
export type VerificationMessageDto = Static<typeof MessageSchema>;

export const LEVELS = ['B-B', 'B-T', 'B-LT'] as const;
export const INTEGRITY = ['intact', 'validation_data_added', 'modified', 'content_added', 'not_this_file'] as const;

export const SignatureSummarySchema = Obj({
  subFilter: Nullable(Type.String()),
  integrity: OneOf(INTEGRITY),
  signature: OneOf(['valid', 'invalid', 'unsupported', 'unreadable'] as const),
  trusted: Type.Boolean(),
  certificate: OneOf(['valid', 'expired', 'not_yet_valid', 'unknown'] as const, { description: 'The signer certificate at the time-stamp time (else now)' }),
  revocation: OneOf(['good', 'revoked', 'revoked_after_signing', 'unknown'] as const, { description: 'From the CRLs in the /DSS or the CMS' }),
  revokedAt: Nullable(DateTime),
  timestamp: Nullable(Obj({ valid: Type.Boolean(), trusted: Type.Boolean(), time: Nullable(DateTime), tsa: Nullable(Type.String()) })),
  signer: Nullable(Obj({ organisation: Nullable(Type.String()), commonName: Nullable(Type.String()), identifier: Nullable(Type.String({ description: 'organizationIdentifier (2.5.4.97), e.g. the agency electronic identifier' })) })),
  profile: Obj({
    etsiSubFilter: Type.Boolean({ description: 'SubFilter ETSI.CAdES.detached' }),
    signingCertificateV2: Type.Boolean({ description: 'signing-certificate-v2 present and matching the signer certificate' }),
    signingTimeAbsent: Type.Boolean(),
    timestamp: Type.Boolean({ description: 'A valid RFC 3161 signature time-stamp' }),
    dss: Type.Boolean({ description: 'A Document Security Store (/DSS) in the file' }),
    level: Nullable(OneOf(LEVELS, { description: 'PAdES baseline level reached' })),
  }),
  verdict: OneOf(['valid', 'invalid', 'revoked', 'unknown_issuer'] as const),
});

export const VerificationReportSchema = Obj(
  {
    verdict: OneOf(VERDICTS),
    file: Obj({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), size: Type.Integer({ minimum: 0 }) }),
    integrity: OneOf(INTEGRITY),
    signature: OneOf(['valid', 'invalid'] as const),
    trusted: Type.Boolean({ description: 'The signer certificate chains to the trust list' }),
    timestamp: Nullable(DateTime),
    signer: Nullable(Obj({ organisation: Nullable(Type.String()), commonName: Nullable(Type.String()), identifier: Nullable(Type.String({ description: 'organizationIdentifier (2.5.4.97), e.g. the agency electronic identifier' })) })),
    level: Nullable(OneOf(LEVELS)),
    result: Nullable(IssuedResultStatusSchema),
    signatures: Type.Array(SignatureSummarySchema),
    messages: Type.Array(MessageSchema),
  },
  { description: 'Verification report of a signed PDF: integrity, signature, trust, time-stamp, signer, register status, and what it means in plain words' },
);
export type VerificationReportDto = Static<typeof VerificationReportSchema>;


export const ResultByCodeSchema = Obj({ result: IssuedResultStatusSchema, messages: Type.Array(MessageSchema) });
export type ResultByCodeDto = Static<typeof ResultByCodeSchema>;

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;
export const RESULT_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$';
