import { Type, type Static, type TSchema } from 'typebox';

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

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** A closed object: unknown fields are a validation error, not silently dropped. */
export const Obj = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) =>
  Type.Object(props, { additionalProperties: false, ...opts });

export type { Static };
