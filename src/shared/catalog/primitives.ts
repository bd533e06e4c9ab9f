import { Type } from 'typebox';

/** Building blocks of the catalogue's schemas. */

/** A closed object: unknown fields are a validation error, not silently dropped (as `Obj` in platform/http). */
export { Obj } from '../../platform/http/schemas';

/** One of a list of strings, typed as their union (the JSON schema is an `anyOf` of constants). */
export const oneOf = <T extends string>(values: readonly T[], opts: { description?: string } = {}) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), opts));

export const Text = (max = 2000, opts: { description?: string } = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });

/** Vietnamese and English text (both required). */
export const BilingualText = (max = 2000, opts: { description?: string } = {}) =>
  Type.Object({ vi: Text(max), en: Text(max) }, { additionalProperties: false, ...opts });

/** Whole đồng, never negative. */
export const Money = (opts: { description?: string } = {}) => Type.Integer({ minimum: 0, maximum: 10_000_000_000, ...opts });

/** Legal texts by number, e.g. `Thông tư 226/2016/TT-BTC`. */
export const LegalTexts = (description?: string) => Type.Array(Text(500), { maxItems: 30, ...(description ? { description } : {}) });
