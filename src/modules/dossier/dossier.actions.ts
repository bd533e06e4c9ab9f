/**
 * One action on a dossier, in the caller's transaction: lock the row, tell who the caller is to it, plan the machine
 * action (with the deadlines the server computes), and append it through the journal — check, action, projection,
 * audit, outbox.
 */
import type { Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { ActionRequest, ActionRequestOf, DossierView, RequestType } from '../../shared/api/dossier';
import type { DossierContext } from './dossier.deps';
import { candidateRoles, accessOf } from './dossier.access';
import { appendAction, lockDossier } from './dossier.journal';
import { dossierView, factsFor } from './dossier.views';
import { PLANNERS, type ActionPlanner, type PlanContext } from './actions';

/** `planner`: another way to plan the same machine action (a consultation of an agency on another node). */
export async function act(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string, req: ActionRequest, idempotencyKey: string | null = null, planner: ActionPlanner<RequestType> = PLANNERS[req.type] as ActionPlanner<RequestType>): Promise<DossierView> {
  const type: RequestType = req.type;
  const locked = await lockDossier(tx, id);
  const access = await accessOf(ctx, tx, principal, locked);
  const candidates = candidateRoles(principal, access, type, !!planner.byConsultedAgency);
  const p: PlanContext = { ctx, tx, locked, principal, version: await ctx.catalog.getVersion(locked.procedureVersionId, tx), cal: await ctx.calendar.calendar(tx), now: ctx.now() };
  const request = req as ActionRequestOf<RequestType>;
  const plan = await planner.plan(p, request);
  const facts = factsFor(locked, principal, p.now);
  const { row } = await appendAction(tx, locked, {
    actor,
    principal,
    candidates,
    action: plan.action,
    facts,
    agencyId: planner.byConsultedAgency ? locked.consultAgencyId : locked.agencyId,
    now: p.now,
    set: plan.set,
    stepDueAt: plan.stepDueAt,
    comment: plan.comment ?? null,
    idempotencyKey,
  });
  await planner.after?.(p, request, row);
  return dossierView(row, p.now, { principal, access });
}
