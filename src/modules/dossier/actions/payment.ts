/** Financial obligations (nghĩa vụ tài chính): requested, then confirmed; the clock stops meanwhile. */
import type { ActionPlanner } from './planner';

export const requestPayment: ActionPlanner<'request_payment'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};

export const confirmPayment: ActionPlanner<'confirm_payment'> = {
  plan: (_p, req) => ({ action: req }),
};
