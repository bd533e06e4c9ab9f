/** RFC 9457 problem details as the API answers them (src/platform/http/problem.ts builds them). */
import { Type, type Static } from 'typebox';

export const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() }, { additionalProperties: false });

export const FieldErrorSchema = Type.Object({ field: Type.String(), code: Type.String(), message: Bilingual });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.String(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    titles: Bilingual,
    details: Type.Optional(Bilingual),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    requestId: Type.String(),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

export type FieldError = Static<typeof FieldErrorSchema>;
export type ProblemBody = Static<typeof ProblemSchema>;
