/**
 * How a request becomes a machine action: each action family (one file each) turns the person's request into the
 * action the machine checks, with the deadlines the server computes and the projection columns the action changes.
 */
import type { Tx } from '../../../platform/db/client';
import type { Principal } from '../../../platform/auth/policy';
import type { Calendar } from '../../../shared/calendar';
import type { Action } from '../../../shared/dossier';
import type { ActionRequestOf, RequestType } from '../../../shared/api/dossier';
import type { DossierContext, ProcedureVersion } from '../dossier.deps';
import type { DossierRow } from '../dossier.repo';

/** What a planner may read: all of it through the action's transaction, the row locked. */
export interface PlanContext {
  ctx: DossierContext;
  tx: Tx;
  locked: DossierRow;
  principal: Principal;
  version: ProcedureVersion;
  cal: Calendar;
  now: Date;
}

export interface Plan {
  action: Action;
  /** Projection columns the action changes besides the machine's projection. */
  set?: Partial<DossierRow>;
  /** The deadline of the step this hand-off ends, when the action knows it (else the workflow's, by state). */
  stepDueAt?: string | null;
  /** Written in the action list's comment column. */
  comment?: string | null;
}

export interface ActionPlanner<T extends RequestType> {
  /** Taken by the consulted agency's officers rather than the handling agency's. */
  byConsultedAgency?: boolean;
  /**
   * The machine action for the request. May refuse what the machine cannot know (the assignee is a specialist of
   * the agency, the new date is a working day); checked before the machine, as the person's input.
   */
  plan(p: PlanContext, req: ActionRequestOf<T>): Plan | Promise<Plan>;
  /** Runs after the action is appended, in the same transaction. */
  after?(p: PlanContext, req: ActionRequestOf<T>, updated: DossierRow): Promise<void>;
}

export type Planners = { [T in RequestType]: ActionPlanner<T> };

/** The text a person wrote with the action (reason, note, opinion…), for the comment column. */
export const said = (text: string | undefined | null): string | null => text ?? null;
