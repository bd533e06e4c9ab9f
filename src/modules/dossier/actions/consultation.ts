/** Asking another agency's opinion (xin ý kiến), with its own step deadline, and its answer. */
import { consultMinutes, forwardingStartOf, shiftByWorkingMinutes } from '../dossier.deadlines';
import { dossierErrors } from '../dossier.errors';
import type { ActionPlanner } from './planner';

export const requestConsultation: ActionPlanner<'request_consultation'> = {
  async plan({ ctx, tx, locked, cal, version, now }, req) {
    const consulted = await ctx.directory.get(req.agencyId, tx);
    if (!consulted || !consulted.active || consulted.id === locked.agencyId) throw dossierErrors.badConsultedAgency();
    // Forwarded after the procedure's cutoff (or after hours), the consultation counts from the next working day.
    const from = forwardingStartOf(cal, version, now);
    const stepDue = req.workingDays ? cal.addWorkingDays(from, req.workingDays).due : shiftByWorkingMinutes(cal, from, consultMinutes(version, locked.budgetMinutes ?? 540));
    return {
      action: { type: 'request_consultation', agency: consulted.code, question: req.question, stepDueAt: stepDue.toISOString() },
      set: { consultAgencyId: consulted.id },
      comment: req.question,
    };
  },
};

/**
 * Asking an agency hosted on another MotCua node (its electronic identifier and name from the exchange module's
 * registry): the same action, its own step deadline, no local consulted agency (the answer comes back by the
 * system, from the other node).
 */
export function remoteConsultation(agency: { code: string; name: string }): ActionPlanner<'request_consultation'> {
  return {
    plan({ cal, version, now, locked }, req) {
      const from = forwardingStartOf(cal, version, now);
      const stepDue = req.workingDays ? cal.addWorkingDays(from, req.workingDays).due : shiftByWorkingMinutes(cal, from, consultMinutes(version, locked.budgetMinutes ?? 540));
      return {
        action: { type: 'request_consultation', agency: agency.code, question: req.question, stepDueAt: stepDue.toISOString() },
        set: { consultAgencyId: null },
        comment: req.question,
      };
    },
  };
}

export const answerConsultation: ActionPlanner<'answer_consultation'> = {
  byConsultedAgency: true,
  plan: ({ locked }, req) => ({
    action: req,
    set: { consultAgencyId: null },
    comment: req.opinion,
    // The answer is a hand-off against the consultation's own deadline.
    stepDueAt: locked.projection.consultations.at(-1)?.stepDueAt ?? null,
  }),
};
