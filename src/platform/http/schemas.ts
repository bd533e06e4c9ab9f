import { Type, type Static } from 'typebox';

/** Shared request/response schemas. Objects are closed (unknown fields are refused). */
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

import { Uuid } from '../../shared/api/schema';
export { Uuid };
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export { Obj, Nullable, NoContent, Redirect, LocalizedText, DateTime } from '../../shared/api/schema';

export type { Static };
