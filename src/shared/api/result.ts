/** The result module's API schemas (signed electronic results), shared with the web. */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Obj, Uuid } from './schema';

export const RESULT_STATUSES = ['valid', 'revoked', 'replaced'] as const;

export const ResultViewSchema = Obj(
  {
    id: Uuid,
    dossierId: Uuid,
    verificationCode: Type.String({ description: 'Random verification code (the QR code’s `ma`)' }),
    documentType: Type.String(),
    title: Type.String(),
    number: Nullable(Type.String({ description: 'Số, e.g. 15/2026/GKS' })),
    issuer: Type.String(),
    issuedAt: DateTime,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    fileName: Type.String(),
    sizeBytes: Type.Integer(),
    status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('replaced')]),
    verifyUrl: Type.String({ description: 'The public verification address' }),
    downloadUrl: Type.String(),
  },
  { description: 'A signed electronic result (kết quả điện tử)' },
);
export type ResultView = Static<typeof ResultViewSchema>;

export const ResultListSchema = Obj({ items: Type.Array(ResultViewSchema) });
export type ResultList = Static<typeof ResultListSchema>;

export const ResultParamsSchema = Type.Object({ id: Uuid, resultId: Uuid }, { additionalProperties: false });

/** Path of the signed file of a result. */
export const resultFilePath = (dossierId: string, resultId: string) => `/api/dossiers/${dossierId}/results/${resultId}/file`;
