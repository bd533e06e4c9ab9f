import { and, asc, eq, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client';
import { auditLog } from '../../platform/audit/audit.schema';
import { auditEntryFields } from '../../platform/audit/audit.service';
import { auditLeaf, leafData, type JsonValue } from '../../shared/tlog';
import type { LeafSource } from './tlog.verify';

type AuditRow = typeof auditLog.$inferSelect;
export const auditPrivate = (r: AuditRow) => auditEntryFields(r);

/** Audit records: the leaf commits to the entry-hash fields (salt-free: the record's random id does that job). */
export const auditLeafSource: LeafSource = {
  kind: 'audit',
  async *records(db: DbOrTx) {
    // Keyset on the id alone: `at` has microseconds in PostgreSQL, milliseconds in JavaScript.
    let last: string | null = null;
    for (;;) {
      const rows: AuditRow[] = await db.select().from(auditLog).where(last ? gt(auditLog.id, last) : sql`true`).orderBy(asc(auditLog.id)).limit(5000);
      if (!rows.length) return;
      for (const r of rows) {
        const c = auditLeaf(auditPrivate(r));
        yield { ref: r.id, leaf: (salt: Uint8Array) => leafData('audit', c.fields, c.private, salt) };
      }
      last = rows[rows.length - 1].id;
    }
  },
};

/** Audit records about one target (e.g. a dossier's actions), oldest first. */
export async function auditAbout(db: DbOrTx, targetType: string, targetId: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId))).orderBy(asc(auditLog.at), asc(auditLog.id)).limit(500);
}

/**
 * A module's logged records as the verifier reads them: the rows of `table` where `loggedWhen` is set (the column
 * written in the transaction that appended the leaf), keyset-paged on `id`, each turned back into its leaf's
 * fields and private part exactly as the module appended them.
 */
export function rowLeafSource<T extends PgTable, R extends T['$inferSelect'] & { id: string }>(
  kind: string,
  table: T,
  columns: { id: PgColumn; loggedWhen?: PgColumn },
  leaf: (row: R) => { fields: Record<string, JsonValue>; private: unknown },
): LeafSource {
  return {
    kind,
    async *records(db: DbOrTx) {
      let last: string | null = null;
      for (;;) {
        const conds: SQL[] = [];
        if (last) conds.push(gt(columns.id, last));
        if (columns.loggedWhen) conds.push(isNotNull(columns.loggedWhen));
        const rows = (await db
          .select()
          .from(table as PgTable)
          .where(conds.length ? and(...conds) : sql`true`)
          .orderBy(asc(columns.id))
          .limit(2000)) as unknown as R[];
        if (!rows.length) return;
        for (const r of rows) {
          const c = leaf(r);
          yield { ref: r.id, leaf: (salt: Uint8Array) => leafData(kind, c.fields, c.private, salt) };
        }
        last = rows[rows.length - 1].id;
      }
    },
  };
}
