import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
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
 * (agency, day) counter row: concurrent submissions to the same agency on the same day queue on that row for the
 * length of this one statement, others never wait — there is no global lock. Called outside the submitting
 * transaction, so a submission that then fails leaves a gap in the day's sequence; codes are never reused.
 * `dossiers.code` is also UNIQUE, as a last line of defence.
 */
export async function nextDossierCode(tx: DbOrTx, agencyCode: string, at: Date): Promise<string> {
  const day = codeDay(at);
  const [row] = await tx
    .insert(dossierCodeCounters)
    .values({ agencyCode, day, lastSeq: 1 })
    .onConflictDoUpdate({ target: [dossierCodeCounters.agencyCode, dossierCodeCounters.day], set: { lastSeq: sql`${dossierCodeCounters.lastSeq} + 1` } })
    .returning({ seq: dossierCodeCounters.lastSeq });
  return `${agencyCode}-${day}-${String(row.seq).padStart(CODE_SEQUENCE_DIGITS, '0')}`;
}
