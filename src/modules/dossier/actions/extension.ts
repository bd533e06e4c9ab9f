/** Apology and a new return date (xin lỗi và hẹn lại, form 04): once, at the latest one working day before due. */
import { fromLocalDateTime } from '../../../shared/calendar';
import { dueSoonAtOf } from '../dossier.deadlines';
import { dossierErrors } from '../dossier.errors';
import type { ActionPlanner } from './planner';

export const extend: ActionPlanner<'extend'> = {
  plan({ cal, locked }, req) {
    if (!cal.isWorkingDay(req.newDueDate)) throw dossierErrors.dueNotWorkingDay();
    // Form 04: the new return date, at the close of that working day.
    const due = fromLocalDateTime(req.newDueDate, '17:00');
    return { action: { type: 'extend', reason: req.reason, newDueAt: due.toISOString() }, set: { dueAt: due, dueSoonAt: dueSoonAtOf(cal, due, locked.receivedAt) }, comment: req.reason };
  },
};
