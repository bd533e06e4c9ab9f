/** Financial obligations (nghĩa vụ tài chính): requested, then confirmed; the clock stops meanwhile. */
import type { ActionPlanner } from './planner';

export const requestPayment: ActionPlanner<'request_payment'> = {
  // The procedure says whether the processing clock runs on while the applicant pays (it stops by default).
  plan: (p, req) => ({ action: { ...req, ...(p.version.paymentClock === 'runs' ? { clockRuns: true } : {}) }, comment: req.reason }),
};

export const confirmPayment: ActionPlanner<'confirm_payment'> = {
  plan: (_p, req) => ({ action: req }),
};
