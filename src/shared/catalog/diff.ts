/**
 * What changed between two versions of a procedure (pure): a structured list of changes, one per leaf value, by
 * path, grouped by the part of the procedure they belong to (identity, fees, documents, e-form …). Lists of items
 * with an `id` (documents, workflow steps, tiers) are matched by id, so that a reordering or an insertion does not
 * read as every later item changed; other lists are compared position by position.
 */

export type DiffKind = 'added' | 'removed' | 'changed';
export interface VersionChange {
  /** The part of the procedure, as the builder's tabs name them (see `partOf`). */
  part: BuilderPart;
  /** Dotted path with [index] or [id=…] for list items, e.g. `documents[id=to-khai].copies`. */
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

export const BUILDER_PARTS = ['identity', 'legal', 'time', 'fees', 'documents', 'eform', 'workflow', 'result', 'other'] as const;
export type BuilderPart = (typeof BUILDER_PARTS)[number];

const PART_OF_KEY: Record<string, BuilderPart> = {
  key: 'identity',
  nationalCode: 'identity',
  codeNote: 'identity',
  name: 'identity',
  field: 'identity',
  lifeEvents: 'identity',
  implementingLevel: 'identity',
  agencyKind: 'identity',
  decidingAuthority: 'identity',
  applicantTypes: 'identity',
  onlineLevel: 'identity',
  eIdLevel: 'identity',
  submission: 'identity',
  legalBases: 'legal',
  requirements: 'legal',
  sourceNote: 'legal',
  effectiveFrom: 'legal',
  steps: 'legal',
  processingTime: 'time',
  extendedProcessingTime: 'time',
  cutoffTime: 'time',
  fees: 'fees',
  paymentClock: 'fees',
  documents: 'documents',
  eform: 'eform',
  sampleData: 'eform',
  workflow: 'workflow',
  result: 'result',
};

/** The builder part a field path belongs to (`fees[0].amountVnd` → `fees`, `eform.schema…` → `eform`). */
export function partOf(path: string): BuilderPart {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  return PART_OF_KEY[head] ?? 'other';
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const hasIds = (xs: unknown[]) => xs.length > 0 && xs.every((x) => isObj(x) && typeof x.id === 'string') && new Set(xs.map((x) => (x as { id: string }).id)).size === xs.length;

/** Every change from `before` to `after` (two version contents, or any JSON values), in a stable order. */
export function diffVersions(before: unknown, after: unknown): VersionChange[] {
  const out: VersionChange[] = [];
  const push = (path: string, kind: DiffKind, b: unknown, a: unknown) => {
    const c: VersionChange = { part: partOf(path), path, kind };
    if (kind !== 'added') c.before = b;
    if (kind !== 'removed') c.after = a;
    out.push(c);
  };
  const walk = (path: string, b: unknown, a: unknown) => {
    if (b === undefined && a === undefined) return;
    if (b === undefined) return push(path, 'added', b, a);
    if (a === undefined) return push(path, 'removed', b, a);
    if (Array.isArray(b) && Array.isArray(a)) {
      if (hasIds(b) && hasIds(a)) {
        const byId = new Map(b.map((x) => [(x as { id: string }).id, x]));
        const seen = new Set<string>();
        for (const x of a) {
          const id = (x as { id: string }).id;
          seen.add(id);
          walk(`${path}[id=${id}]`, byId.get(id), x);
        }
        for (const x of b) if (!seen.has((x as { id: string }).id)) walk(`${path}[id=${(x as { id: string }).id}]`, x, undefined);
        const order = (xs: unknown[]) => xs.map((x) => (x as { id: string }).id).filter((id) => byId.has(id) && a.some((y) => (y as { id: string }).id === id));
        const ob = order(b);
        const oa = order(a);
        if (ob.join('\u0000') !== oa.join('\u0000')) push(`${path}#order`, 'changed', ob, oa);
        return;
      }
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) walk(`${path}[${i}]`, b[i], a[i]);
      return;
    }
    if (isObj(b) && isObj(a)) {
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
      for (const k of keys) walk(path ? `${path}.${k}` : k, b[k], a[k]);
      return;
    }
    if (JSON.stringify(b) !== JSON.stringify(a)) push(path, 'changed', b, a);
  };
  walk('', before, after);
  return out;
}

/** Counts of changes per part, for a summary line. */
export function diffSummary(changes: readonly VersionChange[]): Partial<Record<BuilderPart, number>> {
  const s: Partial<Record<BuilderPart, number>> = {};
  for (const c of changes) s[c.part] = (s[c.part] ?? 0) + 1;
  return s;
}
