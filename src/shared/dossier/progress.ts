/**
 * Progress as Decision 766/QĐ-TTg judges it (domain brief §8): a dossier is on time when processing finished
 * (national status 9, "đã xử lý xong": the result — or the refusal letter — exists) at or before the appointed return
 * time, applicant supplement time being excluded (the appointed time is moved by it); more than one supplement
 * request counts as late. Two moments are kept apart: processing finished, and the result returned (status 10).
 * Dossiers refused at reception, withdrawn or stopped never finished processing: they are not labelled at all.
 */
import { classifyHandOff, type HandOffClass, type Instant } from './deadline';
import { NATIONAL_STATUS, type State } from './states';

/** States whose dossiers are not judged on time or late: processing never finished (or cannot any more). */
export const NOT_JUDGED_STATES: readonly State[] = ['refused', 'withdrawal_requested', 'withdrawn', 'stopped'];

/** The states in which processing is finished (status 9): the moment of entering one is `finishedAt`. */
export const PROCESSED_STATES: readonly State[] = (Object.keys(NATIONAL_STATUS) as State[]).filter((s) => NATIONAL_STATUS[s] === 9);

export interface ProgressFacts {
  state: State;
  /** Processing finished (status 9), or null. */
  finishedAt: Instant | null;
  /** The appointed return time in force. */
  dueAt: Instant | null;
  supplementRequests?: number;
}

/** Early / on time / late (the register's "trước hạn, đúng hạn, quá hạn"), or null when the dossier is not judged. */
export function progressOf(d: ProgressFacts): HandOffClass | null {
  if (NOT_JUDGED_STATES.includes(d.state) || !d.finishedAt || !d.dueAt) return null;
  if ((d.supplementRequests ?? 0) > 1) return 'late';
  return classifyHandOff(d.finishedAt, d.dueAt);
}
