/**
 * Test support for the dossier machine (not re-exported by index.ts): sample actions with valid payloads, an
 * event builder and permissive facts. Other modules' tests may import it to build dossier histories.
 */
import type { Action, ActionOf, ActionType } from './actions';
import type { DossierEvent, DossierFacts } from './machine';
import type { ActorRole } from './roles';

const SAMPLES: { [A in ActionType]: ActionOf<A> } = {
  submit: { type: 'submit', channel: 'online' },
  receive: { type: 'receive', dueAt: '2026-11-27T17:00:00+07:00', receiptNo: '000.00.05.H38-261124-0001' },
  refuse_reception: { type: 'refuse_reception', reason: 'Thủ tục không thuộc thẩm quyền của cơ quan' },
  request_supplement: { type: 'request_supplement', reason: 'Thiếu giấy tờ', missingItems: ['Bản sao giấy khai sinh'] },
  resubmit_supplement: { type: 'resubmit_supplement', note: 'Đã bổ sung' },
  assign: { type: 'assign', assigneeId: 'sp-1' },
  start_processing: { type: 'start_processing' },
  hand_back: { type: 'hand_back', reason: 'Nghỉ phép' },
  request_consultation: {
    type: 'request_consultation',
    agency: '000.00.12.H38',
    question: 'Xin ý kiến về hiện trạng sử dụng đất',
    stepDueAt: '2026-11-26T17:00:00+07:00',
  },
  answer_consultation: { type: 'answer_consultation', opinion: 'Thống nhất' },
  request_payment: { type: 'request_payment', reason: 'Lệ phí trước bạ', amountVnd: 500_000 },
  confirm_payment: { type: 'confirm_payment', reference: 'PAY-1' },
  propose: { type: 'propose', recommendation: 'approve' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: 'Không đủ điều kiện theo quy định' },
  return_to_specialist: { type: 'return_to_specialist', reason: 'Cần làm rõ nguồn gốc đất' },
  issue_result: { type: 'issue_result', electronic: true, documentIds: ['doc-1'] },
  return_result: { type: 'return_result', method: 'online' },
  request_withdrawal: { type: 'request_withdrawal', reason: 'Không còn nhu cầu' },
  stop: { type: 'stop', reason: 'Công dân rút hồ sơ' },
  extend: { type: 'extend', reason: 'Chờ kết quả đo đạc', newDueAt: '2026-12-04T17:00:00+07:00' },
  comment: { type: 'comment', text: 'Ghi chú' },
};

/** A valid action of this type, optionally with some fields replaced. */
export function sampleAction<A extends ActionType>(type: A, patch: Partial<ActionOf<A>> = {}): ActionOf<A> {
  return { ...SAMPLES[type], ...patch } as ActionOf<A>;
}

/** A stored event. */
export function ev(action: Action, at: string, role: ActorRole, id: string | null = null): DossierEvent {
  return { action, at, actor: { role, id } };
}

/** Facts under which every guard passes. */
export function permissiveFacts(patch: Partial<DossierFacts> = {}): DossierFacts {
  return {
    supplementRequestedCount: 0,
    extensionCount: 0,
    decisionIssued: false,
    isAssignee: true,
    hasAssignee: true,
    hasBeenReceived: true,
    isBeforeDueMinusOneDay: true,
    dueAt: null,
    ...patch,
  };
}
