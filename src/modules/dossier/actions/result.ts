/** The result (kết quả): issued, then returned online, at the counter or by post. */
import type { ActionPlanner } from './planner';

export const issueResult: ActionPlanner<'issue_result'> = {
  plan: (_p, req) => ({ action: req }),
  // Data store (once-only): an electronic result goes to the subject's store, in the same transaction.
  async after({ ctx, tx, version, now }, req, updated) {
    if (req.electronic && ctx.hooks.resultIssued) await ctx.hooks.resultIssued(tx, updated, version, now);
  },
};

export const returnResult: ActionPlanner<'return_result'> = {
  plan: (_p, req) => ({ action: req }),
};
