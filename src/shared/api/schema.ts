/**
 * Building blocks of the API's request and response schemas. The schemas in this folder are the single source of
 * the API's types: the server validates and documents with them, the web app imports their `Static<>` types.
 */
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from 'typebox';

/** A closed object: unknown fields are a validation error, not silently dropped. */
export const Obj = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) => Type.Object(props, { additionalProperties: false, ...opts });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const DateTime = Type.String({ format: 'date-time', description: 'RFC 3339 date-time' });
/** Vietnamese and English text of the same thing. */
export const LocalizedText = Obj({ vi: Type.String(), en: Type.String() });
/** The answer of a route that answers nothing (204). */
export const NoContent = Type.Null({ description: 'No content' });
/** The answer of a route that sends the browser elsewhere (302/303, `Location` header). */
export const Redirect = Type.Null({ description: 'Redirect: see the Location header' });

/**
 * A free text of several lines (a reason, a note, a comment): tab and line feed are accepted in it. Every other
 * string is one line: no control character, no invisible or direction-changing character (src/platform/http/validation.ts).
 * A string with maxLength ≥ 1000 (and no pattern or format) is multi-line unless it says `'x-multiline': false`.
 */
export const MultilineText = (opts: { minLength?: number; maxLength?: number; description?: string } = {}) => Type.String({ ...opts, 'x-multiline': true });

export type { Static };

/** One of a list of strings (a union of literals whose static type is that union). */
export const OneOf = <const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), opts) as unknown as TUnion<[TLiteral<T[number]>]>;
