import type { Config } from './config';
import { openDatabase, migrateDatabase, type Database } from './platform/db/client';
import { systemClock, type AppContext, type Clock } from './platform/context';
import { InProcessEventBus, OutboxDispatcher } from './platform/events/outbox';
import { createHttpServer, type App, type RouteInfo } from './platform/http/app';
import { registerAuthHook } from './platform/auth/auth.hook';
import { sealAll } from './platform/audit/audit.service';
import { registerHealthRoutes } from './platform/http/health.routes';
import { AgencyDirectory } from './modules/geography/agency.directory';
import { AgencyService } from './modules/geography/agency.service';
import { CurrentUnits } from './modules/geography/geography.import';
import { registerGeographyRoutes } from './modules/geography/geography.routes';
import { IdentityService } from './modules/identity/identity.service';
import { registerIdentityRoutes } from './modules/identity/identity.routes';
import { registerElectronicIdentity, type ElectronicIdentity } from './modules/identity/electronic-identity';
import { CalendarService } from './platform/calendar/calendar.service';
import { CatalogService } from './modules/catalog/catalog.service';
import { registerCatalogRoutes } from './modules/catalog/catalog.routes';
import { registerCalendarRoutes } from './platform/calendar/calendar.routes';
import { registerDossiers, type DossierService } from './modules/dossier';
import { registerWebApp } from './platform/http/web';
import { RegistryBusinessDirectory, RegistryCitizenDirectory } from './modules/registry/registry.directory';
import { DemoCitizenDirectory } from './modules/identity/eid/demo-citizens';
import { DemoBusinessDirectory } from './modules/identity/organisation/demo-businesses';

export interface Platform {
  ctx: AppContext;
  app: App;
  routes: RouteInfo[];
  services: {
    directory: AgencyDirectory;
    agencies: AgencyService;
    units: CurrentUnits;
    identity: IdentityService;
    eid: ElectronicIdentity;
    calendar: CalendarService;
    catalog: CatalogService;
    dossiers: DossierService;
  };
  /** Starts background work: outbox dispatcher, audit sealer. */
  startBackground(): void;
  close(): Promise<void>;
}

export interface BuildOptions {
  database?: Database;
  clock?: Clock;
  logger?: boolean;
  /** Where JSON logs go (default: standard output). */
  logStream?: NodeJS.WritableStream;
  migrate?: boolean;
}

/** Wires the platform: database, services, HTTP routes. Used by `motcua start`, the tests and the benchmarks. */
export async function buildPlatform(config: Config, opts: BuildOptions = {}): Promise<Platform> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  if (opts.migrate !== false) await migrateDatabase(database);
  const db = database.db;
  const clock = opts.clock ?? systemClock;
  const bus = new InProcessEventBus();
  const dispatcher = new OutboxDispatcher(db, bus, { pollMs: config.outboxPollMs, now: () => clock.now() });
  const ctx: AppContext = { config, database, db, clock, bus, dispatcher, startup: { pending: null } };

  const directory = new AgencyDirectory(db);
  const units = new CurrentUnits(db);
  const agencies = new AgencyService(db, directory, units);
  const identity = new IdentityService(db, config, clock, directory);
  const calendar = new CalendarService(db);
  const catalog = new CatalogService(db);

  const { app, routes } = await createHttpServer(ctx, { logger: opts.logger, logStream: opts.logStream });
  registerAuthHook(app, identity);
  registerHealthRoutes(app, ctx);
  registerIdentityRoutes(app, ctx, identity);
  // The e-ID provider's citizens and the businesses come from the national registries (the demo lists answer only
  // while the registry has no such record, e.g. before the demo registry is loaded).
  const businesses = new RegistryBusinessDirectory(db, clock, new DemoBusinessDirectory());
  const eid = await registerElectronicIdentity(app, ctx, identity, { citizens: new RegistryCitizenDirectory(db, clock, new DemoCitizenDirectory()), businesses });
  registerGeographyRoutes(app, ctx, agencies);
  registerCalendarRoutes(app, ctx, calendar);
  registerCatalogRoutes(app, ctx, catalog, directory, units);
  const dossiers = registerDossiers(app, ctx, { catalog, calendar, directory, units, identity, filing: eid });
  (await import('./modules/registry/index')).registerRegistryAndVault(app, ctx, directory, { dossiers, catalog, calendar, businesses });
  await registerWebApp(app);

  let sealer: NodeJS.Timeout | null = null;
  let sealing: Promise<unknown> | null = null;
  return {
    ctx,
    app,
    routes,
    services: { directory, agencies, units, identity, eid, calendar, catalog, dossiers },
    startBackground() {
      dispatcher.start();
      sealer ??= setInterval(() => {
        if (sealing) return;
        // Seal until caught up, so the chain keeps pace with the write rate.
        sealing = sealAll(db)
          .catch((err) => app.log.error({ err }, 'audit sealing failed'))
          .finally(() => (sealing = null));
      }, config.auditSealMs);
    },
    async close() {
      if (sealer) clearInterval(sealer);
      await sealing;
      await dispatcher.stop();
      await app.close();
      await database.close();
    },
  };
}
