/** The path of each action's route, `POST /api/dossiers/:id/<path>` (server routes and web client alike). */
import type { RequestType } from './dossier';

export const ACTION_PATHS: Record<RequestType, string> = {
  receive: 'receive',
  refuse_reception: 'refuse-reception',
  request_supplement: 'request-supplement',
  resubmit_supplement: 'resubmit-supplement',
  assign: 'assign',
  start_processing: 'claim',
  hand_back: 'hand-back',
  request_consultation: 'request-consultation',
  answer_consultation: 'answer-consultation',
  request_payment: 'request-payment',
  confirm_payment: 'confirm-payment',
  propose: 'propose',
  approve: 'approve',
  reject: 'reject',
  return_to_specialist: 'return-to-specialist',
  issue_result: 'issue-result',
  return_result: 'return-result',
  request_withdrawal: 'withdraw',
  stop: 'stop',
  extend: 'extend',
  comment: 'comments',
};
