/** The registry of agencies hosted on other nodes (which node an event for an agency goes to). */
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client';
import type { Actor } from '../../../platform/auth/actor';
import { appendAudit } from '../../../platform/audit/audit.service';
import type { RemoteAgency, RemoteAgencyBody } from '../../../shared/exchange/events/api';
import { isAgencyCode } from '../../../shared/exchange/events';
import { exchangeRemoteAgencies } from './events.schema';
import { eventsErrors as E } from './events.errors';

type Row = typeof exchangeRemoteAgencies.$inferSelect;
const view = (r: Row): RemoteAgency => ({ code: r.code, name: r.name, node: r.node, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export class RemoteAgencies {
  constructor(
    private readonly db: Db,
    /** Whether an agency code is one of this node's own agencies (those cannot be registered as remote). */
    private readonly isLocal: (code: string, db: DbOrTx) => Promise<boolean>,
  ) {}

  async list(db: DbOrTx = this.db): Promise<RemoteAgency[]> {
    return (await db.select().from(exchangeRemoteAgencies).orderBy(asc(exchangeRemoteAgencies.code))).map(view);
  }

  async get(code: string, db: DbOrTx = this.db): Promise<RemoteAgency | undefined> {
    const [r] = await db.select().from(exchangeRemoteAgencies).where(eq(exchangeRemoteAgencies.code, code));
    return r ? view(r) : undefined;
  }

  /** Adds or updates one (create-or-replace by code), with its audit record. */
  async put(tx: Tx, actor: Actor, code: string, body: RemoteAgencyBody, now: Date): Promise<RemoteAgency> {
    if (!isAgencyCode(code)) throw E.remoteAgencyNotFound();
    if (await this.isLocal(code, tx)) throw E.localAgency();
    const before = await this.get(code, tx);
    const [r] = await tx
      .insert(exchangeRemoteAgencies)
      .values({ code, name: body.name, node: body.node, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: exchangeRemoteAgencies.code, set: { name: body.name, node: body.node, updatedAt: now } })
      .returning();
    await appendAudit(tx, actor, { action: before ? 'exchange.remote_agency_updated' : 'exchange.remote_agency_added', targetType: 'exchange_remote_agency', targetId: code, before: before ?? null, after: { name: body.name, node: body.node } }, now);
    return view(r);
  }

  async remove(tx: Tx, actor: Actor, code: string, now: Date): Promise<void> {
    const [r] = await tx.delete(exchangeRemoteAgencies).where(eq(exchangeRemoteAgencies.code, code)).returning();
    if (!r) throw E.remoteAgencyNotFound();
    await appendAudit(tx, actor, { action: 'exchange.remote_agency_removed', targetType: 'exchange_remote_agency', targetId: code, before: view(r) }, now);
  }
}
