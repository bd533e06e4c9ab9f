/**
 * Internal states of a dossier (hồ sơ) and their mapping to the national status codes (`TrangThaiHoSo`) used when
 * syncing with the National Public Service Portal. The platform may have finer states than the portal, but each
 * must map to exactly one national code (domain brief §3).
 */

/** A text shown to people, in Vietnamese and English. */
export interface Label {
  vi: string;
  en: string;
}

export const STATES = [
  'draft', // bản nháp: being filled in by the applicant, not yet filed
  'submitted', // mới đăng ký: filed (online, post or at the desk), waiting for the one-stop desk
  'received', // đã tiếp nhận: receipt and appointment issued (form 01), not yet taken up by a specialist
  'refused', // từ chối tiếp nhận: refused at reception (form 03)
  'supplement_requested', // yêu cầu bổ sung, hoàn thiện hồ sơ (form 02): waiting for the applicant
  'processing', // đang xử lý: a specialist works on it
  'consulting', // đang xin ý kiến: waiting for another agency's opinion (own step deadline)
  'payment_requested', // yêu cầu thực hiện nghĩa vụ tài chính: waiting for fees/taxes to be paid
  'pending_approval', // chờ phê duyệt: proposed to the approver (lãnh đạo)
  'approved', // đã phê duyệt: decision approved, result document not yet issued
  'rejected', // từ chối giải quyết: request refused with a written reason (the refusal letter is the result)
  'result_issued', // đã có kết quả: result document issued, waiting to be returned
  'returned', // đã trả kết quả: result handed over (online, at the counter or by post)
  'withdrawal_requested', // công dân yêu cầu rút hồ sơ: waiting for the agency's stop notice
  'withdrawn', // đã rút: withdrawn before reception, nothing to stop
  'stopped', // dừng giải quyết: stop notice issued (form 05)
] as const;
export type State = (typeof STATES)[number];

/** National status codes 1–10 (`TrangThaiHoSo`). */
export const NATIONAL_STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type NationalStatusCode = (typeof NATIONAL_STATUS_CODES)[number];

export const NATIONAL_STATUS_LABELS: Record<NationalStatusCode, Label> = {
  1: { vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Citizen asked to withdraw' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing finished' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/**
 * Each internal state → exactly one national code. Choices worth knowing:
 * - `draft` maps to 1 only so that the mapping is total; drafts are not synced (see `isSyncedToNationalPortal`).
 * - `consulting` and `pending_approval` are still "processing" (4) for the portal.
 * - `approved` stays 4 until the result document is issued: "processing finished" (9) is when a result exists,
 *   which is also the instant the on-time computation compares with the appointed date (domain brief §8).
 * - `rejected` is 9: the signed refusal letter is the result, returned to the applicant like any other result.
 * - `withdrawn` (withdrawn before reception, no stop notice needed) stays 7, the applicant's request.
 */
export const NATIONAL_STATUS: Record<State, NationalStatusCode> = {
  draft: 1,
  submitted: 1,
  received: 2,
  refused: 3,
  supplement_requested: 5,
  processing: 4,
  consulting: 4,
  payment_requested: 6,
  pending_approval: 4,
  approved: 4,
  rejected: 9,
  result_issued: 9,
  returned: 10,
  withdrawal_requested: 7,
  withdrawn: 7,
  stopped: 8,
};

export const STATE_LABELS: Record<State, Label> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Mới đăng ký, chờ tiếp nhận', en: 'Submitted, awaiting reception' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused at reception' },
  supplement_requested: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Supplement requested' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  consulting: { vi: 'Đang xin ý kiến cơ quan khác', en: "Awaiting another agency's opinion" },
  payment_requested: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting payment of financial obligations' },
  pending_approval: { vi: 'Chờ lãnh đạo phê duyệt', en: 'Pending approval' },
  approved: { vi: 'Đã phê duyệt, chờ phát hành kết quả', en: 'Approved, result not yet issued' },
  rejected: { vi: 'Từ chối giải quyết', en: 'Request rejected' },
  result_issued: { vi: 'Đã có kết quả, chờ trả', en: 'Result issued, awaiting return' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  withdrawal_requested: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  stopped: { vi: 'Dừng giải quyết', en: 'Processing stopped' },
};

/** States no action leaves (comments aside). */
export const TERMINAL_STATES: readonly State[] = ['refused', 'returned', 'withdrawn', 'stopped'];

/**
 * States in which the applicant is the one to act and the processing clock does not run: applicant time is
 * excluded from the on-time computation (Decree 118/2025 Art. 11 for supplements; the financial-obligation wait is
 * recorded the same way and the server decides, per procedure, whether it is excluded).
 */
export const CLOCK_STOPPED_STATES: readonly State[] = ['supplement_requested', 'payment_requested'];

/** States after which a decision exists: the applicant can no longer withdraw (domain brief §3). */
export const DECIDED_STATES: readonly State[] = ['approved', 'rejected', 'result_issued', 'returned'];

export function isState(value: unknown): value is State {
  return typeof value === 'string' && (STATES as readonly string[]).includes(value);
}

export function isTerminal(state: State): boolean {
  return TERMINAL_STATES.includes(state);
}

export function nationalStatusOf(state: State): NationalStatusCode {
  return NATIONAL_STATUS[state];
}

/** Drafts exist only on this platform; every other state is synced to the national portal. */
export function isSyncedToNationalPortal(state: State): boolean {
  return state !== 'draft';
}
