import type { Db, DbOrTx } from '../../platform/db/client';
import type { Grant, Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import { agencies } from './geography.schema';

export { AGENCY_CODE_RE, codeExtendsParent } from '../../shared/geography/agency-code';

export type AgencyRow = typeof agencies.$inferSelect;

/**
 * The agency tree held in memory for jurisdiction checks (a province has at most a few hundred agencies).
 * Reloaded after a local change and at most `ttlMs` after a change made by another process.
 */
export class AgencyDirectory {
  private byId = new Map<string, AgencyRow>();
  private children = new Map<string, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
  ) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  /** Records a created or changed agency without reloading the whole tree (a changed parent forces a reload). */
  remember(row: AgencyRow): void {
    const old = this.byId.get(row.id);
    if (!this.loadedAt || (old && old.parentId !== row.parentId)) return this.invalidate();
    this.byId.set(row.id, row);
    if (!old && row.parentId) {
      const siblings = this.children.get(row.parentId);
      if (siblings) siblings.push(row.id);
      else this.children.set(row.parentId, [row.id]);
    }
  }

  /** `db` (in the methods below too): the caller's transaction, to read through it (PGlite has one connection). */
  private async ensure(db: DbOrTx = this.db): Promise<void> {
    if (Date.now() - this.loadedAt < this.ttlMs) return;
    this.loading ??= (async () => {
      const rows = await db.select().from(agencies);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const children = new Map<string, string[]>();
      for (const r of rows) {
        if (!r.parentId) continue;
        const siblings = children.get(r.parentId);
        if (siblings) siblings.push(r.id);
        else children.set(r.parentId, [r.id]);
      }
      this.byId = byId;
      this.children = children;
      this.loadedAt = Date.now();
    })().finally(() => (this.loading = null));
    await this.loading;
  }

  async get(id: string, db?: DbOrTx): Promise<AgencyRow | undefined> {
    await this.ensure(db);
    return this.byId.get(id);
  }

  /** Every agency; `db`: the caller's transaction, when one is open (PGlite has one connection). */
  async all(db?: DbOrTx): Promise<AgencyRow[]> {
    await this.ensure(db);
    return [...this.byId.values()];
  }

  /** The agency and its ancestors, nearest first. */
  async lineage(id: string, db?: DbOrTx): Promise<AgencyRow[]> {
    await this.ensure(db);
    const out: AgencyRow[] = [];
    let cur = this.byId.get(id);
    while (cur && out.length < 32) {
      out.push(cur);
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return out;
  }

  async descendants(id: string, db?: DbOrTx): Promise<string[]> {
    await this.ensure(db);
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const x = stack.pop()!;
      out.push(x);
      stack.push(...(this.children.get(x) ?? []));
    }
    return out;
  }

  /** Does a grant reach this agency (the agency itself, or a sub-agency when the grant includes them)? */
  async grantCovers(grant: Grant, agencyId: string, db?: DbOrTx): Promise<boolean> {
    if (grant.agencyId === agencyId) return true;
    if (!grant.includeSubAgencies) return false;
    return (await this.lineage(agencyId, db)).some((a) => a.id === grant.agencyId);
  }

  /** The first of `roles` the principal holds over `agencyId`, or null. */
  async roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null> {
    if (!principal) return null;
    for (const role of roles) {
      for (const g of principal.grants) {
        if (g.role === role && (await this.grantCovers(g, agencyId, db))) return role;
      }
    }
    return null;
  }

  /** Every agency in which the principal holds one of `roles`. */
  async agenciesFor(principal: Principal, roles: readonly Role[], db?: DbOrTx): Promise<Set<string>> {
    const out = new Set<string>();
    for (const g of principal.grants) {
      if (!roles.includes(g.role)) continue;
      if (g.includeSubAgencies) for (const id of await this.descendants(g.agencyId, db)) out.add(id);
      else out.add(g.agencyId);
    }
    return out;
  }
}
