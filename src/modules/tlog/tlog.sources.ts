import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
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
    let last: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: AuditRow[] = await db
        .select()
        .from(auditLog)
        .where(last ? or(gt(auditLog.at, last.at), and(eq(auditLog.at, last.at), gt(auditLog.id, last.id))) : sql`true`)
        .orderBy(asc(auditLog.at), asc(auditLog.id))
        .limit(5000);
      if (!rows.length) return;
      for (const r of rows) {
        const c = auditLeaf(auditPrivate(r));
        yield { ref: r.id, leaf: (salt: Uint8Array) => leafData('audit', c.fields, c.private, salt) };
      }
      const end = rows[rows.length - 1];
      last = { at: end.at, id: end.id };
    }
  },
};

/** Audit records about one target (e.g. a dossier's actions), oldest first. */
export async function auditAbout(db: DbOrTx, targetType: string, targetId: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId))).orderBy(asc(auditLog.at), asc(auditLog.id)).limit(500);
}
