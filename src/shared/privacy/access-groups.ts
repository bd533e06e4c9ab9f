/**
 * The data tracker ("ai đã xem dữ liệu của tôi") as a person reads it: each login verifies the citizen's identity
 * against the population registry with several reads in a row (purpose `verification`), which would otherwise fill
 * the page with identical entries. Reads of that purpose by the same accessor, client, agency and dossier within a
 * few minutes of each other form one group; every other read stays its own entry. Nothing is dropped: a group keeps
 * its reads (the page lets them be expanded, each with its proof).
 */
export interface AccessLike {
  at: string;
  purpose: string;
  accessorKind: string;
  client: string;
  agency: { id: string } | null;
  dossierId: string | null;
}

export type AccessGroup<T> = { kind: 'single'; item: T } | { kind: 'verification'; items: T[] };

/** Reads closer than this to the first read of a group join it. */
export const VERIFICATION_WINDOW_MS = 5 * 60_000;

const sameSource = (a: AccessLike, b: AccessLike) => a.accessorKind === b.accessorKind && a.client === b.client && (a.agency?.id ?? null) === (b.agency?.id ?? null) && a.dossierId === b.dossierId;

/** Groups a list of reads (in the order given, newest first as the API answers) without reordering it. */
export function groupAccesses<T extends AccessLike>(items: readonly T[], windowMs = VERIFICATION_WINDOW_MS): AccessGroup<T>[] {
  const out: AccessGroup<T>[] = [];
  let open: T[] | null = null;
  for (const item of items) {
    if (item.purpose === 'verification') {
      const first = open?.[0];
      if (open && first && sameSource(first, item) && Math.abs(Date.parse(first.at) - Date.parse(item.at)) <= windowMs) {
        open.push(item);
        continue;
      }
      open = [item];
      out.push({ kind: 'verification', items: open });
      continue;
    }
    open = null;
    out.push({ kind: 'single', item });
  }
  // A lone verification read is shown as any other read.
  return out.map((g) => (g.kind === 'verification' && g.items.length === 1 ? { kind: 'single', item: g.items[0] } : g));
}
