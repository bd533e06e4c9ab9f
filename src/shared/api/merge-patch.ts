/**
 * JSON Merge Patch (RFC 7396): how `PATCH` changes a JSON document. A member set to `null` is removed, an object is
 * merged member by member, anything else (arrays included) replaces the old value. Pure, used by the server to apply
 * a patch and by the web app to compute the patch between what it loaded and what it now has.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The document after the patch (RFC 7396 §2); neither argument is changed. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The smallest merge patch that turns `from` into `to` (objects at the top: a member of `from` missing from `to`
 * becomes `null`). A `null` value in `to` cannot be expressed by a merge patch; it is sent as a removal.
 */
export function createMergePatch(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to) || to[k] === undefined) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (v === undefined) continue;
    const old = from[k];
    if (isObject(old) && isObject(v)) {
      const inner = createMergePatch(old, v);
      if (Object.keys(inner).length) patch[k] = inner;
    } else if (!same(old, v)) patch[k] = v;
  }
  return patch;
}
