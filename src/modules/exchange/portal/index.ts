/**
 * Sync to the National Public Service Portal (issue 17, item 7): dossier status changes from the outbox pushed to
 * NATIONAL_PORTAL_URL with the national status codes and field names, retried with back-off, and the sync rate per
 * agency and period for Decision 766. This file is its only public face.
 */
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import type { Principal } from '../../../platform/auth/policy';
import { policy } from '../../../platform/auth/policy';
import type { Role } from '../../../shared/auth/roles';
import type { DbOrTx, Tx } from '../../../platform/db/client';
import { SyncRateQuerySchema, SyncRateSchema, type SyncRateQuery } from '../../../shared/exchange/portal/api';
import { PortalSync } from './portal.service';

export { PortalSync } from './portal.service';

export interface NationalPortalPorts {
  /** `db`: the caller's transaction (PGlite has one connection). */
  agencyCode(agencyId: string, db: DbOrTx): Promise<string | null>;
  agencyName(code: string): Promise<string | null>;
  /** The codes of the agencies where the principal holds one of the roles. */
  agenciesFor(principal: Principal, roles: readonly Role[]): Promise<string[]>;
}

export interface NationalPortalModule {
  sync: PortalSync;
  start(): void;
  stop(): Promise<void>;
}

const READERS: Role[] = ['approver', 'agency_admin', 'inspector', 'platform_admin'];

export function registerNationalPortal(app: App, ctx: AppContext, ports: NationalPortalPorts): NationalPortalModule {
  const { db, config, clock, bus } = ctx;
  const cfg = config.nationalPortal;
  const log = app.log.child({ module: 'national-portal' });
  const sync = new PortalSync(db, cfg, ports.agencyCode, log, () => clock.now());
  bus.subscribe('*', async (event, tx?: Tx) => {
    await sync.queue(tx ?? db, event);
  });

  app.get(
    '/api/exchange/portal/sync-rate',
    {
      config: { policy: policy.roles(...READERS), errors: [] },
      schema: {
        operationId: 'getPortalSyncRate',
        tags: ['exchange'],
        summary: 'Sync rate to the National Public Service Portal',
        description: 'Dossier status changes synced to the National Public Service Portal over those to sync (synced / total), per agency and over a period of local dates (by when the change happened): the "dossiers synced" figure of Decision 766. Over the agencies where the caller is a leader, administrator or inspector.',
        querystring: SyncRateQuerySchema,
        response: { 200: SyncRateSchema },
      },
    },
    async (req: FastifyRequest<{ Querystring: SyncRateQuery }>) => {
      const codes = await ports.agenciesFor(req.principal!, READERS);
      const out = await sync.rate(req.query, codes);
      for (const a of out.agencies) a.agencyName = await ports.agencyName(a.agencyCode);
      return out;
    },
  );

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    sync,
    start() {
      if (!cfg || timer) return;
      timer = setInterval(() => {
        running ??= sync
          .pushOnce()
          .catch((err) => log.error({ err }, 'national portal sync pass failed'))
          .finally(() => (running = null));
      }, cfg.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
