/**
 * The national forms of Circular 03/2025/TT-VPCP, Annex I (guiding Decree 118/2025/NĐ-CP), and which dossier
 * actions produce them. Forms 01–05 are documents issued to the applicant; 06 and 07 are records the system keeps
 * up to date automatically.
 */
import type { ActionType } from './actions';
import type { Label } from './states';

export const FORM_NUMBERS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

export interface FormInfo {
  number: FormNumber;
  title: Label;
  /** `document`: issued to the applicant; `record`: kept by the agency and updated as the dossier moves. */
  kind: 'document' | 'record';
  /** The actions that issue the document or add an entry to the record. */
  producedBy: readonly ActionType[];
}

/**
 * Every step in which the dossier changes hands or its step ends, written on the process control sheet with who,
 * when and early / on time / late (domain brief §3, §4). Form 06 lists exactly these.
 */
export const HAND_OFFS: readonly ActionType[] = [
  'receive',
  'assign',
  'start_processing',
  'hand_back',
  'request_supplement',
  'resubmit_supplement',
  'request_consultation',
  'answer_consultation',
  'request_payment',
  'confirm_payment',
  'propose',
  'approve',
  'reject',
  'return_to_specialist',
  'issue_result',
  'return_result',
  'extend',
  'stop',
];

export const FORMS: Record<FormNumber, FormInfo> = {
  '01': {
    number: '01',
    title: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment for result' },
    kind: 'document',
    producedBy: ['receive'],
  },
  '02': {
    number: '02',
    title: { vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Request to supplement or complete the dossier' },
    kind: 'document',
    producedBy: ['request_supplement'],
  },
  '03': {
    number: '03',
    title: { vi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'Refusal to receive the dossier' },
    kind: 'document',
    producedBy: ['refuse_reception'],
  },
  '04': {
    number: '04',
    title: { vi: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', en: 'Apology and extension of the processing time' },
    kind: 'document',
    producedBy: ['extend'],
  },
  '05': {
    number: '05',
    title: { vi: 'Thông báo dừng giải quyết hồ sơ', en: 'Notice of stopping the processing of the dossier' },
    kind: 'document',
    producedBy: ['stop'],
  },
  '06': {
    number: '06',
    title: { vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'Process control sheet' },
    kind: 'record',
    producedBy: HAND_OFFS,
  },
  '07': {
    number: '07',
    title: { vi: 'Sổ theo dõi hồ sơ', en: 'Dossier register' },
    kind: 'record',
    // An entry when the dossier is received, completed when it leaves the agency (result returned or stopped).
    producedBy: ['receive', 'return_result', 'stop'],
  },
};

/** The forms an accepted action issues or updates, in form-number order. */
export function formsProducedBy(action: ActionType): FormNumber[] {
  return FORM_NUMBERS.filter((n) => FORMS[n].producedBy.includes(action));
}
