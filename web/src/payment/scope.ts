/** The agencies an officer acts for with one of some roles: those granted, and with `includeSubAgencies` those below. */
import type { Agency } from '@shared/api/geography';
import type { Session } from '../api/types';

export function agenciesInScope(session: Session | null, agencies: readonly Agency[] | undefined, roles: readonly string[]): string[] {
  const grants = session?.grants.filter((g) => roles.includes(g.role)) ?? [];
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const g of grants) {
    add(g.agencyId);
    if (!g.includeSubAgencies || !agencies) continue;
    // Breadth-first down the tree, in the order the list has them.
    const queue = [g.agencyId];
    while (queue.length) {
      const parent = queue.shift()!;
      for (const a of agencies)
        if (a.parentId === parent && !out.includes(a.id)) {
          add(a.id);
          queue.push(a.id);
        }
    }
  }
  return out;
}
