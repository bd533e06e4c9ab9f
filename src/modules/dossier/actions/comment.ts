/** A comment in the dossier's history (ghi chú), in any state after filing. */
import type { ActionPlanner } from './planner';

export const comment: ActionPlanner<'comment'> = {
  plan: (_p, req) => ({ action: req, comment: req.text }),
};
