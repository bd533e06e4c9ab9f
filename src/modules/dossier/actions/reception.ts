/** Reception at the one-stop desk (tiếp nhận): the receipt and appointment (form 01), or a refusal (form 03). */
import { appointmentOf, deadlineOfStep, dueSoonAtOf, stepDeadlinesOf } from '../dossier.deadlines';
import type { ActionPlanner } from './planner';

export const receive: ActionPlanner<'receive'> = {
  // Form 01: received now, appointed return time from the version's statutory time and cutoff.
  plan({ cal, version, locked, now }) {
    const a = appointmentOf(cal, version, now);
    const steps = stepDeadlinesOf(cal, version, a);
    return {
      action: { type: 'receive', dueAt: a.due.toISOString(), ...(locked.code ? { receiptNo: locked.code } : {}) },
      set: { receivedAt: now, dueAt: a.due, originalDueAt: a.due, dueSoonAt: dueSoonAtOf(cal, a.due, now), budgetMinutes: steps.budgetMinutes, stepDeadlines: steps.steps },
      stepDueAt: deadlineOfStep(steps.steps, 'receive'),
    };
  },
};

export const refuseReception: ActionPlanner<'refuse_reception'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};
