/**
 * Analytics (phân tích, thống kê): the Decision 766 service-quality index computed from MotCua's own events, with
 * dashboards and exports. Consumes the outbox (every `dossier.*`, `result.*`, `payment.*`, `rating.*`,
 * `petition.*` event) into per-dossier facts and per (agency, procedure, month) counters; never reads another
 * module's tables. Reference data (agencies, published procedures) come through ports wired in main.ts.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/client';
import { indexConfig, type IndexConfig } from '../../shared/analytics';
import { RollupWorker, rebuild } from './analytics.rollup';
import { seedHistory, type HistoryOptions } from './analytics.history';
import { like } from 'drizzle-orm';
import { analyticsDossierFacts, analyticsInbox } from './analytics.schema';
import { AnalyticsService, type AgencyRef, type AnalyticsPorts } from './analytics.service';
import { registerAnalyticsRoutes } from './analytics.routes';
import type { TextPdfPort } from './analytics.report';

export { analyticsErrors } from './analytics.errors';
export { RollupWorker, applyEvents, rebuild, storedCounters, storedFacts, consumes as analyticsConsumes } from './analytics.rollup';
export { AnalyticsService, LEADER_ROLES, type AgencyRef, type AnalyticsPorts, type ProcedureRef } from './analytics.service';
export { seedHistory, historyBatches, type HistoryOptions } from './analytics.history';

export interface AnalyticsDeps extends AnalyticsPorts {
  agencyByCode(code: string): Promise<AgencyRef | undefined>;
  /** The result module's one-page text PDF (the printable report, on the results' fonts). */
  textPdf: TextPdfPort;
  /** Where dashboard reads go (a read replica), default ctx.db. */
  readDb?: Db;
}

export interface AnalyticsModule {
  service: AnalyticsService;
  worker: RollupWorker;
  config: IndexConfig;
  start(): void;
  stop(): Promise<void>;
  /** Publishes pending events and folds them until nothing is left (tests, the CLI). */
  drain(): Promise<number>;
  rebuild(onProgress?: (n: number) => void): Promise<number>;
  /** Whether any dossier fact exists or is queued in the inbox (the demo generates history only once). */
  hasFacts(): Promise<boolean>;
  /** `motcua seed --history N`: generated past dossiers across the agencies offering published procedures. */
  history(opts: Omit<HistoryOptions, 'agencies' | 'procedures'>): Promise<{ dossiers: number; events: number; ms: number }>;
}

export function registerAnalytics(app: App, ctx: AppContext, deps: AnalyticsDeps): AnalyticsModule {
  const { db, clock, config } = ctx;
  const log = app.log.child({ module: 'analytics' });
  const cfg = indexConfig(config.analytics.index as Parameters<typeof indexConfig>[0]);
  const worker = new RollupWorker(db);
  const service = new AnalyticsService({ read: deps.readDb ?? db, ports: { agencies: deps.agencies, procedures: deps.procedures }, config: cfg, now: () => clock.now() });
  let started = false;
  let kickTimer: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  const kick = (delayMs = 20) => {
    if (!started || kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      void worker.drain().catch((err) => log.error({ err }, 'analytics rollup pass failed'));
    }, delayMs);
  };
  ctx.bus.subscribe('*', async (event, tx) => {
    await worker.record(event, tx);
    kick();
  });
  registerAnalyticsRoutes(app, { service, agencyByCode: deps.agencyByCode, publicRateLimitPerMinute: 120, textPdf: deps.textPdf, agency: (id) => deps.agencies.get(id), now: () => clock.now() });
  return {
    service,
    worker,
    config: cfg,
    start() {
      if (started) return;
      started = true;
      poll = setInterval(() => kick(0), Math.max(1000, config.outboxPollMs));
    },
    async stop() {
      started = false;
      if (poll) clearInterval(poll);
      if (kickTimer) clearTimeout(kickTimer);
      await worker.runOnce().catch(() => 0);
    },
    async drain() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const e = await ctx.dispatcher.runOnce();
        const n = await worker.drain();
        total += n;
        if (e + n === 0) break;
      }
      return total;
    },
    rebuild: (onProgress) => rebuild(db, worker, onProgress),
    async hasFacts() {
      const rows = await db.select({ id: analyticsDossierFacts.dossierId }).from(analyticsDossierFacts).limit(1);
      if (rows.length) return true;
      // Events queued for folding (e.g. the rebuild queued by migration 0035) count too: the history is there.
      const queued = await db.select({ id: analyticsInbox.eventId }).from(analyticsInbox).where(like(analyticsInbox.type, 'dossier.%')).limit(1);
      return queued.length > 0;
    },
    async history(opts) {
      const agencies = (await deps.agencies.all()).map((a) => ({ id: a.id, kind: a.kind }));
      const procedures = await deps.procedures();
      return seedHistory(db, { ...opts, agencies, procedures });
    },
  };
}
