/** Withdrawal (rút hồ sơ): before reception it is withdrawn; after, the agency stops it with a notice (form 05). */
import { said, type ActionPlanner } from './planner';

export const requestWithdrawal: ActionPlanner<'request_withdrawal'> = {
  plan: (_p, req) => ({ action: req, comment: said(req.reason) }),
};

export const stop: ActionPlanner<'stop'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};
