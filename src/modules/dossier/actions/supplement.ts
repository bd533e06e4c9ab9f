/** Supplement (bổ sung, form 02): requested once; the clock stops while the applicant supplements. */
import type { StepDeadline } from '../dossier.schema';
import { dueSoonAtOf, shiftByWorkingMinutes } from '../dossier.deadlines';
import { said, type ActionPlanner } from './planner';

export const requestSupplement: ActionPlanner<'request_supplement'> = {
  plan: (_p, req) => ({ action: req, comment: req.reason }),
};

export const resubmitSupplement: ActionPlanner<'resubmit_supplement'> = {
  plan({ locked, cal, now }, req) {
    const note = req.note ? { note: req.note } : {};
    if (!locked.receivedAt || !locked.dueAt) return { action: { type: 'resubmit_supplement', ...note }, comment: said(req.note) };
    // The clock stopped while the applicant supplemented: move every deadline by the working time they took.
    const since = locked.projection.timestamps.supplementRequestedAt;
    const waited = since ? Math.max(0, Math.round(cal.workingTimeBetween(new Date(since), now))) : 0;
    const due = shiftByWorkingMinutes(cal, locked.dueAt, waited);
    return {
      action: { type: 'resubmit_supplement', dueAt: due.toISOString(), ...note },
      set: {
        dueAt: due,
        dueSoonAt: dueSoonAtOf(cal, due, locked.receivedAt),
        stepDeadlines: locked.stepDeadlines.map((s: StepDeadline) => (since && s.dueAt > since ? { ...s, dueAt: shiftByWorkingMinutes(cal, new Date(s.dueAt), waited).toISOString() } : s)),
      },
      comment: said(req.note),
    };
  },
};
