import { fromLocalDateTime, toLocalDate, type Calendar } from '../../shared/calendar';
import type { ProcedureVersion } from '../catalog/index';
import { warningFrom, type State } from '../../shared/dossier';
import type { StepDeadline } from './dossier.schema';

/** Close of the working day, local time (Decision 188/1999: 08:00–17:00). */
const CLOSE = '17:00';
const MINUTES_PER_DAY = 24 * 60;

export interface Appointment {
  /** Effective receipt (after the cutoff rule). */
  countFrom: Date;
  /** Appointed return time (hẹn trả, form 01). */
  due: Date;
}

/** The appointed return time for a dossier received at `receivedAt`, from the version's statutory time and cutoff. */
export function appointmentOf(cal: Calendar, version: Pick<ProcedureVersion, 'processingTime' | 'cutoffTime'>, receivedAt: Date): Appointment {
  const cutoff = version.cutoffTime ? { cutoff: version.cutoffTime } : {};
  const t = version.processingTime;
  switch (t.kind) {
    case 'working-days': {
      const r = cal.addWorkingDays(receivedAt, t.days, cutoff);
      return { countFrom: r.countFrom, due: r.due };
    }
    case 'working-hours': {
      const r = cal.addWorkingHours(receivedAt, t.hours, cutoff);
      return { countFrom: r.countFrom, due: r.due };
    }
    case 'same-day': {
      // By the close of the (effective) day of receipt.
      const r = cal.addWorkingDays(receivedAt, 0, cutoff);
      return { countFrom: r.countFrom, due: fromLocalDateTime(r.dueDate, CLOSE) };
    }
    case 'calendar-days': {
      // Plain days; a period ending on a rest day ends at the close of the next working day (Civil Code Art. 148(5)).
      const r = cal.addWorkingDays(receivedAt, 0, cutoff);
      const end = new Date(r.countFrom.getTime() + t.days * MINUTES_PER_DAY * 60_000);
      const day = toLocalDate(end);
      return { countFrom: r.countFrom, due: cal.isWorkingDay(day) ? end : fromLocalDateTime(cal.nextWorkingDay(day), CLOSE) };
    }
  }
}

/**
 * When officials are warned (cảnh báo sắp đến hạn): due minus one working day, never before the receipt (a dossier
 * due within a working day of its receipt is due soon from the moment it is received).
 */
export function dueSoonAtOf(cal: Calendar, due: Date, receivedAt: Date | null | undefined): Date {
  return new Date(warningFrom(cal.subtractWorkingDays(due, 1), receivedAt ?? null));
}

/**
 * When a hand-off to another agency (xin ý kiến) starts counting: inter-agency forwarding after the procedure's
 * cutoff moves to the next working day (domain brief §4), as does one outside working hours.
 */
export function forwardingStartOf(cal: Calendar, version: Pick<ProcedureVersion, 'cutoffTime'>, at: Date): Date {
  return cal.addWorkingDays(at, 0, version.cutoffTime ? { cutoff: version.cutoffTime } : {}).countFrom;
}

/** `from` moved later by `minutes` of working time (0 = unchanged). */
export function shiftByWorkingMinutes(cal: Calendar, from: Date, minutes: number): Date {
  if (minutes <= 0) return from;
  return cal.addWorkingHours(from, minutes / 60).due;
}

/**
 * Each workflow step's own deadline: the steps share the statutory working time by `sharePercent`, in order, from
 * the effective receipt; the last step ends at the appointed time.
 */
export function stepDeadlinesOf(cal: Calendar, version: Pick<ProcedureVersion, 'workflow'>, a: Appointment): { budgetMinutes: number; steps: StepDeadline[] } {
  const budgetMinutes = Math.max(0, Math.round(cal.workingTimeBetween(a.countFrom, a.due)));
  let cumulative = 0;
  const steps = version.workflow.map((s, i) => {
    cumulative += s.sharePercent;
    const last = i === version.workflow.length - 1 || cumulative >= 100;
    const dueAt = last ? a.due : shiftByWorkingMinutes(cal, a.countFrom, Math.round((budgetMinutes * cumulative) / 100));
    return { stepId: s.id, kind: s.kind, role: s.role, dueAt: dueAt.toISOString() };
  });
  return { budgetMinutes, steps };
}

/** The workflow step a dossier is in, by state (none while waiting for the applicant or once finished). */
export function stepKindOf(state: State): StepDeadline['kind'] | null {
  switch (state) {
    case 'submitted':
      return 'receive';
    case 'received':
    case 'processing':
    case 'payment_requested':
      return 'process';
    case 'consulting':
      return 'consult';
    case 'pending_approval':
      return 'approve';
    case 'approved':
    case 'result_issued':
    case 'rejected':
      return 'return';
    default:
      return null;
  }
}

const ORDER: StepDeadline['kind'][] = ['receive', 'process', 'consult', 'approve', 'return'];

/** The deadline of the step of this kind, or of the next step the workflow has when it has none of this kind. */
export function deadlineOfStep(steps: StepDeadline[], kind: StepDeadline['kind']): string | null {
  for (const k of ORDER.slice(ORDER.indexOf(kind))) {
    const s = steps.find((x) => x.kind === k);
    if (s) return s.dueAt;
  }
  return steps.length ? steps[steps.length - 1].dueAt : null;
}

/** The share of the statutory time given to the workflow's consultation step, in working minutes (default 20 %). */
export function consultMinutes(version: Pick<ProcedureVersion, 'workflow'>, budgetMinutes: number): number {
  const share = version.workflow.find((s) => s.kind === 'consult')?.sharePercent ?? 20;
  return Math.max(60, Math.round((budgetMinutes * share) / 100));
}
