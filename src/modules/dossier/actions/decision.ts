/** The decision: the specialist proposes (trình), the approver approves, rejects or sends it back. */
import { said, type ActionPlanner } from './planner';

export const propose: ActionPlanner<'propose'> = {
  plan: (_p, req) => ({ action: req, comment: said(req.note) }),
};

export const approve: ActionPlanner<'approve'> = {
  plan: (_p, req) => ({ action: req, comment: said(req.note) }),
};

export const reject: ActionPlanner<'reject'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};

export const returnToSpecialist: ActionPlanner<'return_to_specialist'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};
