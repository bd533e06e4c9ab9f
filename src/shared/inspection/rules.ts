/**
 * Online inspection (kiểm tra trực tuyến): the pure rules — the inspection's states, who may approve a plan, the
 * deadline of a document request and of a remedy, and the share of inspections done online. No I/O.
 */

export const INSPECTION_STATES = ['draft', 'approved', 'in_progress', 'minutes_team_signed', 'minutes_signed', 'concluded', 'closed', 'cancelled'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ACTIONS = ['approve', 'start', 'sign_team', 'sign_entity', 'conclude', 'close', 'cancel'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

const NEXT: Record<InspectionState, Partial<Record<InspectionAction, InspectionState>>> = {
  draft: { approve: 'approved', cancel: 'cancelled' },
  approved: { start: 'in_progress', cancel: 'cancelled' },
  in_progress: { sign_team: 'minutes_team_signed' },
  minutes_team_signed: { sign_entity: 'minutes_signed' },
  minutes_signed: { conclude: 'concluded' },
  concluded: { close: 'closed' },
  closed: {},
  cancelled: {},
};

/** The state after an action, or null when it is not allowed now. */
export function inspectionNext(state: InspectionState, action: InspectionAction): InspectionState | null {
  return NEXT[state][action] ?? null;
}

/** The entity sees its inspection from the plan's approval (it is notified then), never a draft. */
export const visibleToEntity = (state: InspectionState) => state !== 'draft' && state !== 'cancelled';

/** A plan is approved by a leader of the agency who is not its author (bốn mắt: four eyes). */
export function mayApprove(authorId: string, approverId: string, approverIsLeader: boolean): boolean {
  return approverIsLeader && authorId !== approverId;
}

/** Findings, requests and the session belong to the inspection while it runs. */
export const inspectionRunning = (state: InspectionState) => state === 'approved' || state === 'in_progress';

/** An upload answers a document request until its deadline (exclusive). */
export const uploadAccepted = (dueAt: Date, at: Date) => at.getTime() < dueAt.getTime();

export type RemedyStatus = 'open' | 'overdue' | 'done';
/** A remedy (biện pháp khắc phục) not done by its deadline is overdue. */
export function remedyStatus(dueOn: Date, doneAt: Date | null, now: Date): RemedyStatus {
  if (doneAt) return 'done';
  return now.getTime() > dueOn.getTime() ? 'overdue' : 'open';
}

/** All remedies done (or none asked): the inspection may be closed. */
export const remediesComplete = (statuses: readonly RemedyStatus[]) => statuses.every((s) => s === 'done');

export interface OnlineShare {
  total: number;
  online: number;
  /** online / total, 0 when there is none (a share, 0–1, four decimals). */
  share: number;
}

/**
 * The share of inspections done online in a period: inspections whose session started in the period (not drafts,
 * not cancelled), counted online when their session was held remotely (a meeting of the platform).
 */
export function onlineShare(items: ReadonlyArray<{ online: boolean }>): OnlineShare {
  const total = items.length;
  const online = items.filter((i) => i.online).length;
  return { total, online, share: total ? Math.round((online / total) * 10_000) / 10_000 : 0 };
}

/** A calendar year as the inclusive period of the online-share figure: `{ from: 'YYYY-01-01', to: 'YYYY-12-31' }`. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A share (0–1) in per cent, one decimal: 0.3333 → 33.3. */
export const percent = (share: number): number => Math.round(share * 1000) / 10;
