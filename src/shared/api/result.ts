/** The result module's API schemas (signed electronic results), shared with the web. */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Obj, Uuid } from './schema';

export const RESULT_STATUSES = ['valid', 'revoked', 'replaced'] as const;

export const ResultViewSchema = Obj(
  {
    id: Uuid,
    dossierId: Uuid,
    verificationCode: Type.String({ description: 'Random verification code (the QR code’s `ma`)' }),
    kind: Type.Union([Type.Literal('result'), Type.Literal('certified_copy')], { description: 'A result of the procedure, or an electronic certified copy from an original' }),
    documentType: Type.String(),
    title: Type.String(),
    number: Nullable(Type.String({ description: 'Số, e.g. 15/2026/GKS' })),
    issuer: Type.String(),
    issuedAt: DateTime,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    fileName: Type.String(),
    sizeBytes: Type.Integer(),
    status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('replaced')]),
    replacedBy: Nullable(Type.String({ description: 'Verification code of the result that replaced this one' })),
    reason: Nullable(Type.String({ description: 'Why it was revoked or replaced' })),
    verifyUrl: Type.String({ description: 'The public verification address' }),
    downloadUrl: Type.String(),
  },
  { description: 'A signed electronic result (kết quả điện tử)' },
);
export type ResultView = Static<typeof ResultViewSchema>;

export const ResultListSchema = Obj({ items: Type.Array(ResultViewSchema) });
export type ResultList = Static<typeof ResultListSchema>;

/** Most characters of a revocation or replacement reason. */
export const MAX_RESULT_REASON = 2000;
export const ResultStatusChangeBodySchema = Obj({ reason: Type.String({ maxLength: MAX_RESULT_REASON, description: 'Why (lý do), shown by the verifier' }) });
export type ResultStatusChangeBody = Static<typeof ResultStatusChangeBodySchema>;
export const ResultReplacementSchema = Obj({ result: ResultViewSchema, replaced: ResultViewSchema }, { description: 'The new signed result and the one it replaces' });
export type ResultReplacement = Static<typeof ResultReplacementSchema>;

/** Revoke or replace a result (POST). */
export const resultRevokePath = (resultId: string) => `/api/results/${resultId}/revoke`;
export const resultReplacePath = (resultId: string) => `/api/results/${resultId}/replace`;

export const ResultParamsSchema = Type.Object({ id: Uuid, resultId: Uuid }, { additionalProperties: false });

/** Path of the signed file of a result. */
export const resultFilePath = (dossierId: string, resultId: string) => `/api/dossiers/${dossierId}/results/${resultId}/file`;

/** Certify a copy of an original shown at the desk (POST, multipart: confirmed, documentName, scan). */
export const certifiedCopiesPath = (dossierId: string) => `/api/dossiers/${dossierId}/certified-copies`;
/** The document type of certified copies in the register of issued results. */
export const CERTIFIED_COPY_TYPE = 'certified-copy';
