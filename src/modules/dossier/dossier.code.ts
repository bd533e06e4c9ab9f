import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { toLocalDate } from '../../shared/calendar';
import { dossierCodeCounters } from './dossier.schema';

/** Minimum width of the daily sequence in a dossier code (it grows beyond 9999 if needed). */
export const CODE_SEQUENCE_DIGITS = 4;

/** YYMMDD of the local (Asia/Ho_Chi_Minh) date of an instant. */
export function codeDay(at: Date): string {
  return toLocalDate(at).slice(2).replaceAll('-', '');
}

/**
 * The next dossier code `<agency electronic identifier>-<YYMMDD>-<seq>` (domain brief §3). One upsert on the
 * (agency, day) counter row, in the submitting transaction: a submission that fails gives its number back, so the
 * day's sequence has no gaps. Concurrent submissions to the same agency on the same day queue on that row until the
 * first commits — so the submission draws its code as its last step before writing; others never wait (there is
 * no global lock). `dossiers.code` is also UNIQUE, as a last line of defence.
 */
export async function nextDossierCode(tx: Tx, agencyCode: string, at: Date): Promise<string> {
  const day = codeDay(at);
  const [row] = await tx
    .insert(dossierCodeCounters)
    .values({ agencyCode, day, lastSeq: 1 })
    .onConflictDoUpdate({ target: [dossierCodeCounters.agencyCode, dossierCodeCounters.day], set: { lastSeq: sql`${dossierCodeCounters.lastSeq} + 1` } })
    .returning({ seq: dossierCodeCounters.lastSeq });
  return `${agencyCode}-${day}-${String(row.seq).padStart(CODE_SEQUENCE_DIGITS, '0')}`;
}
