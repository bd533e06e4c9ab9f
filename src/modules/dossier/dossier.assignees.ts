/**
 * The assignment picker (phân công): the specialists of the dossier's agency, with their open workload, for those
 * who may assign it. The picker sends the chosen account's id, which the assign action checks again.
 */
import { and, count, inArray, isNull, notInArray } from 'drizzle-orm';
import type { App } from '../../platform/http/app';
import type { DbOrTx } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { rolesFor, TERMINAL_STATES, type OfficerRole } from '../../shared/dossier';
import { IdParamsSchema } from '../../shared/api/dossier';
import { AssigneeListSchema, type AssigneeList } from '../../shared/api/dossier-assignees';
import type { DossierContext } from './dossier.deps';
import { candidateRoles, DOSSIER_OFFICER_ROLES, loadReadable } from './dossier.access';
import { dossiers } from './dossier.schema';
import { dossierErrors as E, refusalErrors } from './dossier.errors';

/** Dossiers assigned to each of `ids` that are filed and not finished. */
async function openWorkload(db: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: dossiers.assigneeId, n: count() })
    .from(dossiers)
    .where(and(inArray(dossiers.assigneeId, ids), isNull(dossiers.finishedAt), notInArray(dossiers.state, ['draft', ...TERMINAL_STATES])))
    .groupBy(dossiers.assigneeId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

export async function assigneesOf(ctx: DossierContext, db: DbOrTx, principal: Principal, id: string): Promise<AssigneeList> {
  const { row, access } = await loadReadable(ctx, db, principal, id);
  // Only those the machine lets assign (the desk, leaders, agency administrators) of the handling agency.
  candidateRoles(principal, access, 'assign', false);
  const ids = await ctx.identity.holdersOf(['specialist'], row.agencyId);
  const [names, load] = await Promise.all([ctx.identity.displayNamesOf(ids, db), openWorkload(db, ids)]);
  const items = ids
    .filter((x) => names.has(x))
    .map((x) => ({ id: x, displayName: names.get(x)!, openDossiers: load.get(x) ?? 0, current: row.assigneeId === x }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi') || a.id.localeCompare(b.id));
  return { items };
}

const ASSIGNERS = rolesFor('assign').filter((r): r is OfficerRole => (DOSSIER_OFFICER_ROLES as readonly string[]).includes(r));

export function registerAssigneeRoutes(app: App, ctx: DossierContext) {
  app.get(
    '/api/dossiers/:id/assignees',
    {
      config: { policy: policy.roles(...ASSIGNERS), errors: [E.notFound, E.outOfJurisdiction, refusalErrors.role_not_permitted] },
      schema: {
        operationId: 'listDossierAssignees',
        tags: ['dossiers'],
        summary: 'Specialists the dossier can be assigned to (phân công)',
        description:
          'The active specialists of the handling agency (granted there, or on a parent agency with its sub-agencies), each with their open workload — the filed, unfinished dossiers assigned to them — and whether the dossier is theirs now. For those who may assign it: the desk, the agency’s approvers and administrators. Send the chosen `id` as `assigneeId` to the assign action.',
        params: IdParamsSchema,
        response: { 200: AssigneeListSchema },
      },
    },
    async (req) => assigneesOf(ctx, ctx.db, req.principal!, (req.params as { id: string }).id),
  );
}
