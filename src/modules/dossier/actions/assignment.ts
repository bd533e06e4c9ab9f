/** Who works on the dossier: assignment (phân công), taking it up (nhận xử lý) and handing it back (trả lại). */
import type { Principal } from '../../../platform/auth/policy';
import { dossierErrors } from '../dossier.errors';
import { said, type ActionPlanner } from './planner';

export const assign: ActionPlanner<'assign'> = {
  async plan({ ctx, tx, locked }, req) {
    // The assignee must be a specialist of the handling agency: their grants, read in this transaction.
    const grants = await ctx.identity.grantsOf(req.assigneeId, tx).catch(() => []);
    const assignee = { grants } as unknown as Principal;
    if (!(await ctx.directory.roleIn(assignee, ['specialist'], locked.agencyId, tx))) throw dossierErrors.badAssignee();
    return { action: { type: 'assign', assigneeId: req.assigneeId } };
  },
};

export const startProcessing: ActionPlanner<'start_processing'> = {
  plan: (_p, req) => ({ action: req }),
};

/** The machine clears the assignee; the dossier goes back to the pool for reassignment. */
export const handBack: ActionPlanner<'hand_back'> = {
  plan: (_p, req) => ({ action: req.reason ? { type: 'hand_back', reason: req.reason } : { type: 'hand_back' }, comment: said(req.reason) }),
};
