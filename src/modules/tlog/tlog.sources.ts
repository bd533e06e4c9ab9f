import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { auditLog } from '../../platform/audit/audit.schema';
import { auditEntryFields } from '../../platform/audit/audit.service';
import { auditLeaf, leafData } from '../../shared/tlog';
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
