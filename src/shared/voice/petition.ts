/**
 * Petitions (phản ánh, kiến nghị) about administrative regulations and about how a dossier or an officer was handled
 * (Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP): kinds, statuses, what may happen now, and the legal
 * deadlines counted on the working-day calendar. Pure; used by the server (to refuse with 409) and the web (buttons).
 */
import type { Calendar } from '../calendar';

export const PETITION_KINDS = ['regulation', 'conduct'] as const; // về quy định hành chính | về hành vi, việc xử lý
export type PetitionKind = (typeof PETITION_KINDS)[number];

export const PETITION_STATUSES = [
  'received', // mới tiếp nhận: waiting for the competent agency to take it up, refuse it or ask for more
  'info_requested', // đề nghị bổ sung thông tin: waiting for the petitioner
  'processing', // đang xử lý (thụ lý)
  'answer_proposed', // dự thảo trả lời chờ lãnh đạo duyệt
  'answered', // đã trả lời (approved by a leader)
  'refused', // từ chối tiếp nhận, with a reason
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export const FINAL_PETITION_STATUSES: readonly PetitionStatus[] = ['answered', 'refused'];

export const PETITION_ACTIONS = ['accept', 'refuse', 'request_info', 'supply_info', 'reroute', 'propose_answer', 'send_back', 'approve_answer', 'unpublish'] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/** Who acts on a petition: its petitioner, or an officer of the agency it is routed (or escalated) to. */
export type PetitionActor = 'petitioner' | 'handler' | 'leader';

const ALLOWED: Record<PetitionStatus, Partial<Record<PetitionAction, readonly PetitionActor[]>>> = {
  received: { accept: ['handler', 'leader'], refuse: ['handler', 'leader'], request_info: ['handler', 'leader'], reroute: ['handler', 'leader'] },
  info_requested: { supply_info: ['petitioner'], refuse: ['handler', 'leader'] },
  processing: { propose_answer: ['handler', 'leader'], reroute: ['handler', 'leader'] },
  answer_proposed: { approve_answer: ['leader'], send_back: ['leader'] },
  // Moderation (kiểm duyệt): a leader may take a published answer down, with a reason; the answer itself stands.
  answered: { unpublish: ['leader'] },
  refused: {},
};

/** The actions `actors` may take on a petition in `status` (the one answer server and web share). */
export function petitionActions(status: PetitionStatus, actors: readonly PetitionActor[], facts: { published?: boolean } = {}): PetitionAction[] {
  const allowed = ALLOWED[status];
  return PETITION_ACTIONS.filter((a) => (allowed[a] ?? []).some((r) => actors.includes(r)) && (a !== 'unpublish' || !!facts.published));
}

export function nextStatus(action: PetitionAction, status: PetitionStatus): PetitionStatus {
  switch (action) {
    case 'accept':
    case 'supply_info':
    case 'send_back':
      return 'processing';
    case 'refuse':
      return 'refused';
    case 'request_info':
      return 'info_requested';
    case 'reroute':
      return 'received';
    case 'propose_answer':
      return 'answer_proposed';
    case 'approve_answer':
    case 'unpublish':
      return 'answered';
  }
  return status;
}

/**
 * The periods the service-quality index counts (Decision 766/QĐ-TTg, domain brief §8): refuse within 2 working days,
 * ask for more information within 5, answer within 15 — all from the competent agency's receipt.
 */
export const PETITION_PERIODS = { refuse: 2, requestInfo: 5, answer: 15 } as const;

export interface PetitionDeadlines {
  /** When counting starts (after the cutoff and working-hours normalisation). */
  countFrom: Date;
  refuseBy: Date;
  requestInfoBy: Date;
  answerBy: Date;
}

/**
 * The deadlines of a petition received at `receivedAt` by the competent agency. A petition received after `cutoff`
 * ('HH:MM', local time) on a working day, or on a rest day, counts from the next working day's opening.
 */
export function petitionDeadlines(calendar: Calendar, receivedAt: Date, cutoff?: string | null): PetitionDeadlines {
  const opts = cutoff ? { cutoff } : {};
  const refuse = calendar.addWorkingDays(receivedAt, PETITION_PERIODS.refuse, opts);
  return {
    countFrom: refuse.countFrom,
    refuseBy: refuse.due,
    requestInfoBy: calendar.addWorkingDays(receivedAt, PETITION_PERIODS.requestInfo, opts).due,
    answerBy: calendar.addWorkingDays(receivedAt, PETITION_PERIODS.answer, opts).due,
  };
}

/** Working days before the answer deadline from which a petition shows as "due soon" in the officer inbox. */
export const DUE_SOON_WORKING_DAYS = 3;

export type PetitionUrgency = 'overdue' | 'due_soon' | 'on_track' | 'closed';

export function petitionUrgency(calendar: Calendar, status: PetitionStatus, answerBy: Date, now: Date): PetitionUrgency {
  if (FINAL_PETITION_STATUSES.includes(status)) return 'closed';
  if (now.getTime() > answerBy.getTime()) return 'overdue';
  if (calendar.subtractWorkingDays(answerBy, DUE_SOON_WORKING_DAYS).getTime() <= now.getTime()) return 'due_soon';
  return 'on_track';
}

/**
 * Text of a published answer without what identifies people: e-mail addresses, phone numbers, 9–12 digit
 * identity numbers and dossier codes are masked (the petitioner's name and contact are never published).
 */
export function anonymise(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]')
    .replace(/\b\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}\b/g, '[mã hồ sơ]')
    .replace(/\b\d{12}\b/g, '[số định danh]')
    .replace(/(?<![\p{N}])(?:\+84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu, '[số điện thoại]')
    .replace(/\b\d{9}\b/g, '[số định danh]');
}

/** Petition code: `PA-<YYMMDD>-<8 Crockford base32>`; random, so that a code cannot be guessed from another. */
export const PETITION_CODE_RE = /^PA-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/;
