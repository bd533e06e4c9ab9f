import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Several writes sent as ONE statement (data-modifying CTEs): atomic like a transaction, but a single round trip
 * to the database instead of BEGIN … COMMIT around each statement. For writes that need no read-check-write
 * under a row lock (those use a real transaction). The last query's rows are returned.
 */
export async function writeAtomically<T = Record<string, unknown>>(db: DbOrTx, queries: SQLWrapper[]): Promise<T[]> {
  if (!queries.length) return [];
  const head = queries.slice(0, -1);
  const last = queries[queries.length - 1];
  const ctes = head.map((q, i) => sql`${sql.raw(`w${i}`)} as (${q.getSQL()})`);
  const statement: SQL = ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last.getSQL()}` : last.getSQL();
  const res = await db.execute(statement);
  return (res as unknown as { rows: T[] }).rows;
}

/** The PostgreSQL error behind a Drizzle error, if any. */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let e = err as any;
  for (let i = 0; e && i < 3; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
    e = e.cause;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown, constraint?: string) => {
  const e = pgError(err);
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
};

/**
 * A PostgreSQL array literal (NULL for null) to pass as ONE parameter, cast in SQL (`${pgArray(ids)}::uuid[]`), for
 * bulk writes with `unnest` — one parameter per column instead of one per cell.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
