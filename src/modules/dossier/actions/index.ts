/** Every action's planner, by request type (one file per action family). */
import type { Planners } from './planner';
import { receive, refuseReception } from './reception';
import { requestSupplement, resubmitSupplement } from './supplement';
import { assign, handBack, startProcessing } from './assignment';
import { answerConsultation, requestConsultation } from './consultation';
import { confirmPayment, requestPayment } from './payment';
import { approve, propose, reject, returnToSpecialist } from './decision';
import { issueResult, returnResult } from './result';
import { requestWithdrawal, stop } from './withdrawal';
import { extend } from './extension';
import { comment } from './comment';

export type { ActionPlanner, Plan, PlanContext } from './planner';

export const PLANNERS: Planners = {
  receive,
  refuse_reception: refuseReception,
  request_supplement: requestSupplement,
  resubmit_supplement: resubmitSupplement,
  assign,
  start_processing: startProcessing,
  hand_back: handBack,
  request_consultation: requestConsultation,
  answer_consultation: answerConsultation,
  request_payment: requestPayment,
  confirm_payment: confirmPayment,
  propose,
  approve,
  reject,
  return_to_specialist: returnToSpecialist,
  issue_result: issueResult,
  return_result: returnResult,
  request_withdrawal: requestWithdrawal,
  stop,
  extend,
  comment,
};
