import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client';
import { appendAudit } from '../../platform/audit/audit.service';
import type { Actor } from '../../platform/auth/actor';
import { exchangeAccessRights, exchangeNonces } from './exchange.schema';
import { exchangeErrors as E } from './exchange.errors';

export type AccessRight = typeof exchangeAccessRights.$inferSelect;

/** Access rights per client subsystem and service, read through a short cache (the gateway asks on every request). */
export class AccessRights {
  private cache: { at: number; set: Set<string> } | null = null;
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2000,
  ) {}

  async allowed(serviceCode: string, client: string): Promise<boolean> {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      const rows = await this.db.select({ s: exchangeAccessRights.serviceCode, c: exchangeAccessRights.client }).from(exchangeAccessRights);
      this.cache = { at: Date.now(), set: new Set(rows.map((r) => `${r.s}\n${r.c}`)) };
    }
    return this.cache.set.has(`${serviceCode}\n${client}`);
  }

  list(db: DbOrTx = this.db): Promise<AccessRight[]> {
    return db.select().from(exchangeAccessRights).orderBy(asc(exchangeAccessRights.serviceCode), asc(exchangeAccessRights.client));
  }

  /** Grants a right (idempotent on service and client), with its audit record in the caller's transaction. */
  async grant(tx: DbOrTx, actor: Actor, serviceCode: string, client: string, now: Date): Promise<AccessRight> {
    const [have] = await tx.select().from(exchangeAccessRights).where(and(eq(exchangeAccessRights.serviceCode, serviceCode), eq(exchangeAccessRights.client, client)));
    if (have) return have;
    const row: AccessRight = { id: randomUUID(), serviceCode, client, grantedAt: now, grantedBy: actor.accountId ?? actor.kind };
    await tx.insert(exchangeAccessRights).values(row);
    await appendAudit(tx, actor, { action: 'exchange.access_granted', targetType: 'exchange_access_right', targetId: row.id, after: { serviceCode, client } }, now);
    this.cache = null;
    return row;
  }

  async revoke(tx: DbOrTx, actor: Actor, id: string, now: Date): Promise<void> {
    const [row] = await tx.delete(exchangeAccessRights).where(eq(exchangeAccessRights.id, id)).returning();
    if (!row) throw E.accessRightNotFound();
    await appendAudit(tx, actor, { action: 'exchange.access_revoked', targetType: 'exchange_access_right', targetId: id, before: { serviceCode: row.serviceCode, client: row.client } }, now);
    this.cache = null;
  }
}

/** Records a nonce; false when the client already used it (a replay). Old nonces (outside the window) are pruned now and then. */
export async function claimNonce(tx: DbOrTx, client: string, nonce: string, at: Date): Promise<boolean> {
  const got = await tx.insert(exchangeNonces).values({ client, nonce, at }).onConflictDoNothing().returning({ n: exchangeNonces.nonce });
  return got.length === 1;
}

export async function pruneNonces(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(exchangeNonces).where(lt(exchangeNonces.at, before));
}
