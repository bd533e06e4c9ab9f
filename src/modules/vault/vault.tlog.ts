/**
 * The vault's records in the transparency log: reads of a person's data (the data tracker) and consent decisions.
 * Their leaves are written by database triggers (drizzle/…_tlog_custom.sql) in the same statement as the record;
 * here: what each record's leaf must be (for `motcua log verify`) and who may open its commitment (the subject).
 */
import { asc, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { accessLeaf, consentLeaf, leafData } from '../../shared/tlog';
import { consentRecords, dataAccessLog } from './vault.schema';

type AccessRow = typeof dataAccessLog.$inferSelect;
type ConsentRow = typeof consentRecords.$inferSelect;

const accessContent = (r: AccessRow) => accessLeaf({ ...r, at: r.at.toISOString(), fields: [...r.fields] });
const consentContent = (r: ConsentRow) => consentLeaf({ ...r, at: r.at.toISOString() });

export interface LeafSourceDef {
  kind: string;
  records(db: DbOrTx): AsyncIterable<{ ref: string; leaf: (salt: Uint8Array) => string }>;
}

export interface ProofAudience {
  kind: string;
  /** The private values the principal may see, by ref (refs not returned are refused). */
  disclose(db: DbOrTx, principal: Principal, refs: string[]): Promise<Map<string, unknown>>;
}

export const vaultLeafSources: LeafSourceDef[] = [
  {
    kind: 'data_access',
    async *records(db) {
      for (let after = 0; ; ) {
        const rows = await db.select().from(dataAccessLog).where(gtSeq(after)).orderBy(asc(dataAccessLog.seq)).limit(5000);
        if (!rows.length) return;
        for (const r of rows) {
          const c = accessContent(r);
          yield { ref: String(r.seq), leaf: (salt) => leafData('data_access', c.fields, c.private, salt) };
        }
        after = rows[rows.length - 1].seq;
      }
    },
  },
  {
    kind: 'consent',
    async *records(db) {
      const rows = await db.select().from(consentRecords).orderBy(asc(consentRecords.at), asc(consentRecords.id));
      for (const r of rows) {
        const c = consentContent(r);
        yield { ref: r.id, leaf: (salt) => leafData('consent', c.fields, c.private, salt) };
      }
    },
  },
];

const gtSeq = (after: number) => gt(dataAccessLog.seq, after);

/** Only the data subject opens the commitment of a read of her data or of her consent. */
export const vaultProofAudiences: ProofAudience[] = [
  {
    kind: 'data_access',
    async disclose(db, principal, refs) {
      const out = new Map<string, unknown>();
      const seqs = refs.filter((r) => /^\d{1,18}$/.test(r)).map(Number);
      if (!principal.personalId || !seqs.length) return out;
      const rows = await db.select().from(dataAccessLog).where(inArray(dataAccessLog.seq, seqs));
      for (const r of rows) if (r.subjectType === 'person' && r.subjectId === principal.personalId) out.set(String(r.seq), accessContent(r).private);
      return out;
    },
  },
  {
    kind: 'consent',
    async disclose(db, principal, refs) {
      const out = new Map<string, unknown>();
      const ids = refs.filter((r) => /^[0-9a-f-]{36}$/.test(r));
      if (!principal.personalId || !ids.length) return out;
      const rows = await db.select().from(consentRecords).where(inArray(consentRecords.id, ids));
      for (const r of rows) if (r.personalId === principal.personalId) out.set(r.id, consentContent(r).private);
      return out;
    },
  },
];
