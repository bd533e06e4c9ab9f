import { Type, type Static } from 'typebox';

/** Shared request/response schemas. Objects are closed (unknown fields are refused). */
export { Bilingual, FieldErrorSchema, ProblemSchema } from '../../shared/api/problem';

import { Uuid } from '../../shared/api/schema';
export { Uuid };
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export { Obj, Nullable, NoContent, Redirect, LocalizedText, DateTime } from '../../shared/api/schema';

export type { Static };

/** A binary response (a PDF, a CSV…), described for the OpenAPI document. */
export const Binary = (types: readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: Type.Unsafe<Buffer | string>({ type: 'string', contentEncoding: 'binary' }) }])),
});
