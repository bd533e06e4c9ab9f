/**
 * The National Public Service Portal adapter: dossier status changes queued from the outbox (in the dispatcher's
 * transaction, keyed by event id), pushed in order per dossier to NATIONAL_PORTAL_URL, retried with back-off
 * (temporary failures) or recorded as failed (the portal refused the record), and the sync rate per agency and
 * period.
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client';
import type { NationalPortalConfig } from '../../../config';
import type { PublishedEvent } from '../../../platform/events/outbox';
import { backoffMs } from '../../../shared/exchange/events';
import { classifyPortalAnswer, isPortalChange, portalRecord, syncRate, type DossierChange, type SyncCounts } from '../../../shared/exchange/portal';
import type { SyncRate, SyncRateQuery } from '../../../shared/exchange/portal/api';
import { portalSync } from './portal.schema';

export interface PortalLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class PortalSync {
  constructor(
    private readonly db: Db,
    private readonly cfg: NationalPortalConfig | null,
    private readonly agencyCode: (agencyId: string, db: DbOrTx) => Promise<string | null>,
    private readonly log: PortalLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Queues the event when it changes the status the portal knows (in the dispatcher's transaction). */
  async queue(db: DbOrTx, event: PublishedEvent): Promise<boolean> {
    if (!this.cfg || !event.type.startsWith('dossier.')) return false;
    const c = event.payload as unknown as DossierChange & { agencyId: string };
    if (!isPortalChange(c) || !c.code) return false;
    const agencyCode = (await this.agencyCode(c.agencyId, db)) ?? c.agencyId;
    const record = portalRecord({ ...c, code: c.code }, agencyCode) as unknown as Record<string, unknown>;
    await db.insert(portalSync).values({ id: event.id, dossierCode: c.code, agencyCode, nationalStatus: c.nationalStatus, record, status: 'pending', changedAt: new Date(c.at) }).onConflictDoNothing();
    return true;
  }

  /** Pushes due rows until none is left (a dossier's next change becomes due once its earlier one is synced). */
  async pushOnce(): Promise<{ synced: number; retried: number; failed: number }> {
    const out = { synced: 0, retried: 0, failed: 0 };
    for (let i = 0; i < 100; i++) {
      const r = await this.pass();
      out.synced += r.synced;
      out.retried += r.retried;
      out.failed += r.failed;
      if (!r.synced && !r.failed) break;
    }
    return out;
  }

  /** One pass: pushes due rows, the oldest first, never a dossier's change before an earlier one of it. */
  private async pass(): Promise<{ synced: number; retried: number; failed: number }> {
    const out = { synced: 0, retried: 0, failed: 0 };
    const cfg = this.cfg;
    if (!cfg) return out;
    const now = this.now();
    const rows = await this.db
      .select()
      .from(portalSync)
      .where(
        and(
          eq(portalSync.status, 'pending'),
          or(isNull(portalSync.nextAttemptAt), lte(portalSync.nextAttemptAt, now)),
          sql`not exists (select 1 from portal_sync e where e.dossier_code = ${portalSync.dossierCode} and e.status = 'pending' and e.changed_at < ${portalSync.changedAt})`,
        ),
      )
      .orderBy(asc(portalSync.changedAt))
      .limit(100);
    for (const r of rows) {
      let status: number | null = null;
      let error = '';
      try {
        const res = await fetch(cfg.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': r.id, ...(cfg.key ? { authorization: `Bearer ${cfg.key}` } : {}) },
          body: JSON.stringify(r.record),
          signal: AbortSignal.timeout(cfg.timeoutMs),
        });
        status = res.status;
        error = res.ok ? '' : `HTTP ${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}`;
      } catch (err) {
        error = String((err as Error)?.message ?? err).slice(0, 300);
      }
      const outcome = classifyPortalAnswer(status);
      const attempts = r.attempts + 1;
      if (outcome === 'synced') {
        await this.db.update(portalSync).set({ status: 'synced', attempts, syncedAt: this.now(), lastError: null }).where(eq(portalSync.id, r.id));
        out.synced += 1;
      } else if (outcome === 'failed' || attempts >= cfg.maxAttempts) {
        await this.db.update(portalSync).set({ status: 'failed', attempts, lastError: error }).where(eq(portalSync.id, r.id));
        this.log.error({ dossier: r.dossierCode, attempts, error }, 'national portal refused a status change');
        out.failed += 1;
      } else {
        await this.db
          .update(portalSync)
          .set({ attempts, lastError: error, nextAttemptAt: new Date(this.now().getTime() + backoffMs(attempts, cfg.retryBaseMs, cfg.retryMaxMs)) })
          .where(eq(portalSync.id, r.id));
        this.log.warn({ dossier: r.dossierCode, attempts, error }, 'national portal push failed; retried later');
        out.retried += 1;
      }
    }
    return out;
  }

  /** Synced / total per agency over a period of local dates (status changes by the time they happened). */
  async rate(q: SyncRateQuery, agencyCodes: readonly string[] | null): Promise<SyncRate> {
    const from = q.from ? new Date(`${q.from}T00:00:00+07:00`) : null;
    const to = q.to ? new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000) : null;
    const codes = q.agency ? (agencyCodes === null || agencyCodes.includes(q.agency) ? [q.agency] : []) : agencyCodes;
    const empty = { total: 0, synced: 0, failed: 0, pending: 0 };
    if (codes && !codes.length) return { enabled: !!this.cfg, from: q.from ?? null, to: q.to ?? null, ...empty, rate: syncRate(empty), agencies: [] };
    const rows = await this.db
      .select({
        agencyCode: portalSync.agencyCode,
        total: sql<number>`count(*)::int`,
        synced: sql<number>`(count(*) filter (where ${portalSync.status} = 'synced'))::int`,
        failed: sql<number>`(count(*) filter (where ${portalSync.status} = 'failed'))::int`,
        pending: sql<number>`(count(*) filter (where ${portalSync.status} = 'pending'))::int`,
      })
      .from(portalSync)
      .where(and(codes ? inArray(portalSync.agencyCode, [...codes]) : undefined, from ? gte(portalSync.changedAt, from) : undefined, to ? lt(portalSync.changedAt, to) : undefined))
      .groupBy(portalSync.agencyCode)
      .orderBy(asc(portalSync.agencyCode));
    const agencies: SyncCounts[] = rows.map((r) => ({ agencyCode: r.agencyCode, total: Number(r.total), synced: Number(r.synced), failed: Number(r.failed), pending: Number(r.pending) }));
    const sum = agencies.reduce((a, c) => ({ total: a.total + c.total, synced: a.synced + c.synced, failed: a.failed + c.failed, pending: a.pending + c.pending }), empty);
    return { enabled: !!this.cfg, from: q.from ?? null, to: q.to ?? null, ...sum, rate: syncRate(sum), agencies: agencies.map((a) => ({ ...a, agencyName: null, rate: syncRate(a) })) };
  }
}
