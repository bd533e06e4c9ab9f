/**
 * Actions on a dossier and what each must carry. An action is what a person or system asks for; once the machine
 * accepts it, the server appends it (with who and when) to the dossier's append-only event list.
 */
import { isIsoInstant } from './deadline';
import type { Label } from './states';

export const ACTION_TYPES = [
  'submit', // nộp hồ sơ
  'receive', // tiếp nhận (issues form 01, receipt and appointment)
  'refuse_reception', // từ chối tiếp nhận (form 03)
  'request_supplement', // yêu cầu bổ sung, hoàn thiện (form 02) — once per dossier
  'resubmit_supplement', // nộp bổ sung (by the applicant)
  'assign', // phân công chuyên viên
  'start_processing', // nhận xử lý (a specialist takes up the dossier)
  'hand_back', // trả lại để phân công lại (the assigned specialist gives the dossier back; the assignee is cleared)
  'request_consultation', // xin ý kiến cơ quan khác
  'answer_consultation', // trả lời xin ý kiến
  'request_payment', // yêu cầu thực hiện nghĩa vụ tài chính
  'confirm_payment', // xác nhận đã thực hiện nghĩa vụ tài chính
  'propose', // trình phê duyệt
  'approve', // phê duyệt
  'reject', // từ chối giải quyết (with reason)
  'return_to_specialist', // trả lại chuyên viên
  'issue_result', // phát hành kết quả
  'return_result', // trả kết quả
  'request_withdrawal', // yêu cầu rút hồ sơ
  'stop', // dừng giải quyết (form 05)
  'extend', // xin lỗi và gia hạn (form 04) — once per dossier
  'comment', // ghi chú, trao đổi
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** How the dossier was filed (`KenhThucHien`): 1 in person, 2 online, 3 public postal service. */
export type Channel = 'in_person' | 'online' | 'post';
export const CHANNEL_CODE: Record<Channel, 1 | 2 | 3> = { in_person: 1, online: 2, post: 3 };

/** How the result is handed over. */
export const RETURN_METHODS = ['online', 'counter', 'post'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/**
 * The actions with their payloads. Timestamps are ISO 8601 with an offset. Deadlines in payloads (`dueAt`,
 * `stepDueAt`, `newDueAt`) are computed by the server with the working-day calendar; the machine only stores them.
 */
export type Action =
  | { type: 'submit'; channel: Channel }
  /** `dueAt`: appointed return time written on form 01 (receipt time + statutory working days). */
  | { type: 'receive'; dueAt: string; receiptNo?: string }
  | { type: 'refuse_reception'; reason: string }
  /** `missingItems`: the components to add or correct, as listed on form 02. */
  | { type: 'request_supplement'; reason: string; missingItems: string[] }
  /** `dueAt`: a new appointed time, if the procedure restarts its period on a complete dossier. */
  | { type: 'resubmit_supplement'; note?: string; dueAt?: string }
  | { type: 'assign'; assigneeId: string }
  | { type: 'start_processing' }
  /** The assigned specialist gives the dossier back for reassignment: the assignee is cleared, the state stays. */
  | { type: 'hand_back'; reason?: string }
  /** `agency`: the consulted agency (its electronic identifier or name); `stepDueAt`: the answer's own deadline. */
  | { type: 'request_consultation'; agency: string; question: string; stepDueAt: string }
  | { type: 'answer_consultation'; opinion: string }
  /** `clockRuns`: the procedure lets the processing clock run while the applicant pays (no clock stop). */
  | { type: 'request_payment'; reason: string; amountVnd?: number; clockRuns?: boolean }
  | { type: 'confirm_payment'; reference?: string }
  /** What the specialist recommends; the approver decides. */
  | { type: 'propose'; recommendation: 'approve' | 'reject'; note?: string }
  | { type: 'approve'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'return_to_specialist'; reason: string }
  /** `electronic`: an electronic result was issued (counts for the online-service index, brief §8). */
  | { type: 'issue_result'; electronic: boolean; documentIds?: string[] }
  | { type: 'return_result'; method: ReturnMethod }
  | { type: 'request_withdrawal'; reason?: string }
  | { type: 'stop'; reason: string }
  | { type: 'extend'; reason: string; newDueAt: string }
  | { type: 'comment'; text: string };

export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

type FieldKind = 'text' | 'text_list' | 'instant' | 'boolean' | 'amount' | 'channel' | 'return_method' | 'recommendation';

interface FieldSpec {
  kind: FieldKind;
  required: boolean;
}

export interface ActionSpec {
  label: Label;
  /** Payload fields besides `type`; a required text must be non-blank, a required list non-empty. */
  fields: Record<string, FieldSpec>;
}

const req = (kind: FieldKind): FieldSpec => ({ kind, required: true });
const opt = (kind: FieldKind): FieldSpec => ({ kind, required: false });

/** Labels and payload requirements, for API validation and for the web app's action forms. */
export const ACTION_SPECS: Record<ActionType, ActionSpec> = {
  submit: { label: { vi: 'Nộp hồ sơ', en: 'Submit' }, fields: { channel: req('channel') } },
  receive: { label: { vi: 'Tiếp nhận', en: 'Receive' }, fields: { dueAt: req('instant'), receiptNo: opt('text') } },
  // Refusal always carries a written reason (Decree 118/2025; form 03).
  refuse_reception: { label: { vi: 'Từ chối tiếp nhận', en: 'Refuse to receive' }, fields: { reason: req('text') } },
  request_supplement: {
    label: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request supplement' },
    fields: { reason: req('text'), missingItems: req('text_list') },
  },
  resubmit_supplement: {
    label: { vi: 'Nộp bổ sung', en: 'Submit supplement' },
    fields: { note: opt('text'), dueAt: opt('instant') },
  },
  assign: { label: { vi: 'Phân công', en: 'Assign' }, fields: { assigneeId: req('text') } },
  start_processing: { label: { vi: 'Nhận xử lý', en: 'Start processing' }, fields: {} },
  hand_back: { label: { vi: 'Trả lại để phân công lại', en: 'Hand back for reassignment' }, fields: { reason: opt('text') } },
  request_consultation: {
    label: { vi: 'Xin ý kiến cơ quan khác', en: 'Consult another agency' },
    fields: { agency: req('text'), question: req('text'), stepDueAt: req('instant') },
  },
  answer_consultation: { label: { vi: 'Trả lời xin ý kiến', en: 'Answer consultation' }, fields: { opinion: req('text') } },
  request_payment: {
    label: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment of financial obligations' },
    fields: { reason: req('text'), amountVnd: opt('amount') },
  },
  confirm_payment: { label: { vi: 'Xác nhận đã nộp', en: 'Confirm payment' }, fields: { reference: opt('text') } },
  propose: {
    label: { vi: 'Trình phê duyệt', en: 'Propose for approval' },
    fields: { recommendation: req('recommendation'), note: opt('text') },
  },
  approve: { label: { vi: 'Phê duyệt', en: 'Approve' }, fields: { note: opt('text') } },
  reject: { label: { vi: 'Từ chối giải quyết', en: 'Reject' }, fields: { reason: req('text') } },
  return_to_specialist: { label: { vi: 'Trả lại chuyên viên', en: 'Return to specialist' }, fields: { reason: req('text') } },
  issue_result: {
    label: { vi: 'Phát hành kết quả', en: 'Issue result' },
    fields: { electronic: req('boolean'), documentIds: opt('text_list') },
  },
  return_result: { label: { vi: 'Trả kết quả', en: 'Return result' }, fields: { method: req('return_method') } },
  request_withdrawal: { label: { vi: 'Yêu cầu rút hồ sơ', en: 'Request withdrawal' }, fields: { reason: opt('text') } },
  // The stop notice states why processing stops (form 05).
  stop: { label: { vi: 'Dừng giải quyết', en: 'Stop processing' }, fields: { reason: req('text') } },
  // The apology letter gives the reason and the new return date (form 04).
  extend: { label: { vi: 'Xin lỗi và gia hạn', en: 'Apologise and extend' }, fields: { reason: req('text'), newDueAt: req('instant') } },
  comment: { label: { vi: 'Ghi chú', en: 'Comment' }, fields: { text: req('text') } },
};

export interface PayloadProblem {
  field: string;
  message: Label;
}

const isBlank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

function fieldProblem(kind: FieldKind, value: unknown, required: boolean): Label | null {
  switch (kind) {
    case 'text':
      if (required ? isBlank(value) : typeof value !== 'string') return { vi: 'Không được để trống', en: 'Must not be blank' };
      return null;
    case 'text_list':
      if (!Array.isArray(value) || value.some(isBlank)) return { vi: 'Phải là danh sách mục không trống', en: 'Must be a list of non-blank items' };
      if (required && value.length === 0) return { vi: 'Phải có ít nhất một mục', en: 'Must list at least one item' };
      return null;
    case 'instant':
      return isIsoInstant(value) ? null : { vi: 'Phải là thời điểm ISO 8601 có múi giờ', en: 'Must be an ISO 8601 timestamp with offset' };
    case 'boolean':
      return typeof value === 'boolean' ? null : { vi: 'Phải là đúng/sai', en: 'Must be true or false' };
    case 'amount':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? null
        : { vi: 'Phải là số tiền (đồng) không âm', en: 'Must be a non-negative whole amount in đồng' };
    case 'channel':
      return value === 'in_person' || value === 'online' || value === 'post'
        ? null
        : { vi: 'Kênh nộp không hợp lệ', en: 'Channel must be in_person, online or post' };
    case 'return_method':
      return (RETURN_METHODS as readonly unknown[]).includes(value)
        ? null
        : { vi: 'Hình thức trả không hợp lệ', en: 'Method must be online, counter or post' };
    case 'recommendation':
      return value === 'approve' || value === 'reject' ? null : { vi: 'Đề xuất không hợp lệ', en: 'Recommendation must be approve or reject' };
  }
}

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && (ACTION_TYPES as readonly string[]).includes(value);
}

/**
 * What is wrong with an action's payload; empty when it is complete. Checked at run time (a blank reason is a
 * string to TypeScript). Rules that depend on the dossier (a new due date later than the current one) are checked
 * by the machine.
 */
export function payloadProblems(action: Action): PayloadProblem[] {
  if (!isActionType((action as { type?: unknown })?.type)) {
    return [{ field: 'type', message: { vi: 'Thao tác không hợp lệ', en: 'Unknown action type' } }];
  }
  const problems: PayloadProblem[] = [];
  const record = action as unknown as Record<string, unknown>;
  for (const [field, spec] of Object.entries(ACTION_SPECS[action.type].fields)) {
    const value = record[field];
    if (value === undefined && !spec.required) continue;
    if (value === undefined) {
      problems.push({ field, message: { vi: 'Bắt buộc', en: 'Required' } });
      continue;
    }
    const message = fieldProblem(spec.kind, value, spec.required);
    if (message) problems.push({ field, message });
  }
  return problems;
}

/**
 * Before `hand_back` was an action of its own, a hand-back was stored as a `comment` tagged `kind: 'hand_back'`
 * (with a default text when no reason was given). The action list is append-only, so those rows stay as they are:
 * this reads a stored action, old or new, as the action it is.
 */
export const LEGACY_HAND_BACK_TEXT = 'Trả lại hồ sơ để phân công lại';

export function readStoredAction(stored: unknown): Action {
  const a = stored as { type?: unknown; kind?: unknown; text?: unknown } | null;
  if (a && a.type === 'comment' && a.kind === 'hand_back') {
    const text = typeof a.text === 'string' && a.text.trim() && a.text !== LEGACY_HAND_BACK_TEXT ? a.text : undefined;
    return text === undefined ? { type: 'hand_back' } : { type: 'hand_back', reason: text };
  }
  return stored as Action;
}

/** URL segment of each action's page in the back office (`/can-bo/ho-so/:id/thao-tac/<slug>`). */
export const ACTION_SLUGS: Record<ActionType, string> = {
  submit: 'nop',
  receive: 'tiep-nhan',
  refuse_reception: 'tu-choi-tiep-nhan',
  request_supplement: 'yeu-cau-bo-sung',
  resubmit_supplement: 'nop-bo-sung',
  assign: 'phan-cong',
  start_processing: 'nhan-xu-ly',
  hand_back: 'tra-lai-phan-cong',
  request_consultation: 'xin-y-kien',
  answer_consultation: 'tra-loi-y-kien',
  request_payment: 'yeu-cau-nop-phi',
  confirm_payment: 'xac-nhan-nop-phi',
  propose: 'trinh',
  approve: 'phe-duyet',
  reject: 'tu-choi-giai-quyet',
  return_to_specialist: 'tra-lai',
  issue_result: 'phat-hanh-ket-qua',
  return_result: 'tra-ket-qua',
  request_withdrawal: 'rut-ho-so',
  stop: 'dung-giai-quyet',
  extend: 'gia-han',
  comment: 'ghi-chu',
};
