import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_DOC, ConfigError, loadConfig, type Config } from './config';
import { openDatabase, migrateDatabase } from './platform/db/client';
import { buildPlatform } from './main';
import { sealAll, verifyAudit } from './platform/audit/audit.service';
import { platformActor } from './platform/auth/actor';
import { importAdminUnitFile } from './modules/geography';
import { seedDemo, seedReference } from './seed/seed';
import { seedRegistry } from './modules/registry';
import { runDueCommand } from './platform/calendar/calendar.cli';
import { runLogCommand, runWitnessCommand, verifyInstallationLog, printReport } from './modules/tlog';
import { logSources } from './log-sources';

import { runBackupCommand } from './platform/backup/backup.cli';
import type { RestoreChecks } from './platform/backup/restore';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');

const HELP = `motcua — nền tảng một cửa điện tử / one-stop-shop platform

Usage: motcua <command> [options]

Commands:
  start                      Apply migrations, load reference (and, first time, demo) data, serve HTTP
  migrate                    Apply database migrations
  seed [--demo] [--people N --businesses N] [--seed S] [--history N]
                             Load reference data (administrative units, calendar); --demo adds the demo province;
                             --people/--businesses load a generated population and business registry (streamed);
                             --history N writes N past dossiers' events (24 months, seasonality, Tết, lateness,
                             supplements) across the agencies offering published procedures, into the analytics rollups
  analytics rebuild          Recompute the analytics rollups (Decision 766 index) from the whole outbox history
  audit verify               Seal pending audit records, recompute the hash chain, report the first broken link;
                             then verify the transparency log (as log verify)
  log verify [bundle.json …] [--log-key K] [--witness-key K --quorum N] [--subject ID]
                             Check proof bundles offline against a pinned log key; without a bundle, check every
                             leaf, tile and checkpoint of this installation's log and every logged record
                             (--checkpoint <file> / --witness-state <file>: checkpoints kept elsewhere)
  witness --name N --key F --state F --log <vkey> [--listen host:port]
                             Run a C2SP witness that cosigns a log's checkpoints only if consistent
  due --from <ISO> --days <n> [--hours <n>] [--cutoff HH:MM]
                             Compute a legal due time in working days (or hours), Asia/Ho_Chi_Minh
  geography import <file.json> --valid-from YYYY-MM-DD
                             Import a newer list of administrative units with its validity date
  notify simulate [--port 4025] [--smtp-port 2525] [--callbacks <url>]
                             Simulated SMS, Zalo ZNS and SMTP carriers on loopback, printing what they receive
  payment gateway-simulate [--port 4030] [--key K] [--notify-delay ms] [--duplicates N] [--out-of-order]
                             A simulated payment gateway on loopback (payment page, signed returns and notifications)
  keys rotate-signing --agency <code> [--p12 <file>]
                             Rotate an agency's result-signing key (a new DEMO certificate in demo mode, else the
                             given PKCS#12 file); running servers sign with it at once, no restart
  keys rotate-webhooks [--agency <code>]
                             New secrets for the payment webhooks (the old ones keep signing for a day)
  keys rotate-exchange       A new exchange signing key beside the old one (used once a global configuration lists it;
                             on the authority node registered and published at once)
  exchange init|join …       Make this node the exchange's configuration authority, or print its registration request
  exchange authority add-member|suspend|revoke|reactivate|rotate-key|publish …
                             The configuration authority's operations on the signed global configuration
  exchange access grant --service S --client ID | list
                             Access rights of other agencies' subsystems to this node's exchange services
  backup --out <file> [--passphrase-file F]
                             Write an encrypted, integrity-checked archive of the database, blobs and keys
                             (passphrase: MOTCUA_BACKUP_PASSPHRASE or --passphrase-file; embedded: stop the server first)
  backup verify <file>       Check an archive (passphrase, every chunk and entry hash) without restoring it
  restore <file> [--force]   Restore an archive onto a fresh installation (this DATA_DIR or DATABASE_URL), then verify
                             the row counts, the audit chain and the transparency log
  --help                     This help

Configuration (environment variables):
${CONFIG_DOC.map(([n, d, m]) => `  ${n.padEnd(28)}${m} (default: ${d})`).join('\n')}
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** What a restore verifies on the restored database: the audit chain, and the transparency log (as `log verify`). */
export function restoreChecks(config: Config): RestoreChecks {
  return {
    audit: async ({ db }) => (await verifyAudit(db)).ok,
    log: async ({ db }) => {
      const r = await verifyInstallationLog(db, config, [], logSources);
      if (!r.ok) printReport(r);
      return r.ok;
    },
  };
}

async function withDb<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return cmd ? 0 : 1;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  switch (cmd) {
    case 'start':
      return start(config);
    case 'migrate':
      await withDb(config, async () => undefined);
      process.stdout.write('Migrations applied.\n');
      return 0;
    case 'seed':
      await withDb(config, async ({ db }) => {
        const r = await seedReference(db);
        process.stdout.write(`Reference data: ${JSON.stringify(r)}\n`);
        if (args.includes('--demo')) process.stdout.write(`Demo data: ${JSON.stringify(await seedDemo(db, config))}\n`);
        const people = flag(args, '--people');
        const businesses = flag(args, '--businesses');
        if (people !== undefined || businesses !== undefined) {
          const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
          if (![n(people), n(businesses)].every((x) => Number.isInteger(x) && x >= 0 && x <= 50_000_000)) throw new Error('--people and --businesses take a whole number (0 to 50,000,000)');
          const seed = flag(args, '--seed');
          let last = 0;
          const r = await seedRegistry(db, {
            people: n(people),
            businesses: n(businesses),
            ...(seed ? { seed: Number(seed) } : {}),
            onProgress: ({ people: done }) => {
              if (done - last >= 100_000) {
                last = done;
                process.stdout.write(`  … ${done} people\n`);
              }
            },
          });
          process.stdout.write(`Registry: ${JSON.stringify(r)} (${Math.round(r.people / (r.ms / 1000))} people/s)\n`);
        }
      });
      if (flag(args, '--history') !== undefined) {
        const n = Number(flag(args, '--history'));
        if (!Number.isInteger(n) || n < 0 || n > 50_000_000) throw new Error('--history takes a whole number (0 to 50,000,000)');
        const platform = await buildPlatform(config);
        try {
          let last = 0;
          const seed = flag(args, '--seed');
          const r = await platform.services.analytics.history({
            dossiers: n,
            ...(seed ? { seed: Number(seed) } : {}),
            onProgress: (done) => {
              if (done - last >= 100_000) {
                last = done;
                process.stdout.write(`  … ${done} dossiers\n`);
              }
            },
          });
          process.stdout.write(`History: ${JSON.stringify(r)}\n`);
        } finally {
          await platform.close();
        }
      }
      return 0;
    case 'analytics': {
      if (args[0] !== 'rebuild') {
        process.stderr.write('Usage: motcua analytics rebuild\n');
        return 2;
      }
      const platform = await buildPlatform(config);
      try {
        let last = 0;
        const t0 = Date.now();
        const n = await platform.services.analytics.rebuild((done) => {
          if (done - last >= 100_000) {
            last = done;
            process.stdout.write(`  … ${done} events\n`);
          }
        });
        process.stdout.write(`Analytics rebuilt from ${n} events in ${Date.now() - t0} ms.\n`);
      } finally {
        await platform.close();
      }
      return 0;
    }
    case 'audit': {
      if (args[0] !== 'verify') {
        process.stderr.write('Usage: motcua audit verify\n');
        return 2;
      }
      return withDb(config, async ({ db }) => {
        const sealed = await sealAll(db);
        const r = await verifyAudit(db);
        if (r.ok) process.stdout.write(`Audit chain intact: ${r.checked} records checked (${sealed} newly sealed).\n`);
        else process.stdout.write(`Audit chain BROKEN at record ${r.broken!.chainSeq ?? '(unsealed)'} (id ${r.broken!.id}): ${r.broken!.reason}. ${r.checked} records before it are intact.\n`);
        // The transparency log covers what a rewritten chain cannot: its checkpoints are signed and witnessed.
        const log = await verifyInstallationLog(db, config, args.slice(1), logSources);
        printReport(log);
        return r.ok && log.ok ? 0 : 1;
      });
    }
    case 'backup':
    case 'restore':
      return runBackupCommand(cmd, args, config, ROOT, restoreChecks(config));
    case 'due':
      return withDb(config, async ({ db }) => runDueCommand(db, args));
    case 'log':
      return runLogCommand(args, config, (fn) => withDb(config, ({ db }) => fn(db)), logSources);
    case 'witness':
      return runWitnessCommand(args);
    case 'geography': {
      const file = args[0] === 'import' ? args[1] : undefined;
      const validFrom = flag(args, '--valid-from');
      if (!file || !validFrom) {
        process.stderr.write('Usage: motcua geography import <file.json> --valid-from YYYY-MM-DD\n');
        return 2;
      }
      return withDb(config, async ({ db }) => {
        const r = await importAdminUnitFile(db, platformActor('cli:geography-import'), path.resolve(file), validFrom);
        process.stdout.write(`Imported: ${JSON.stringify(r)}\n`);
        return 0;
      });
    }
    case 'notify': {
      if (args[0] !== 'simulate') {
        process.stderr.write('Usage: motcua notify simulate [--port 4025] [--smtp-port 2525] [--callbacks <url>]\n');
        return 2;
      }
      const { runSimulateCommand } = await import('./modules/notify/simulator/simulate.cli');
      return runSimulateCommand(config, args.slice(1));
    }
    case 'payment': {
      if (args[0] !== 'gateway-simulate') {
        process.stderr.write('Usage: motcua payment gateway-simulate [--port 4030] [--key K] [--notify-delay ms] [--duplicates N] [--out-of-order]\n');
        return 2;
      }
      const { runGatewaySimulateCommand } = await import('./modules/payment/gateway/simulate.cli');
      return runGatewaySimulateCommand(args.slice(1));
    }
    case 'exchange': {
      const { runExchangeCommand } = await import('./modules/exchange');
      return runExchangeCommand(args, config, (fn) => withDb(config, ({ db }) => fn(db)));
    }
    case 'keys': {
      const { runKeysCommand } = await import('./keys.cli');
      return runKeysCommand(args, config, (fn) => withDb(config, ({ db }) => fn(db)));
    }
    default:
      process.stderr.write(`Unknown command: ${cmd}\n\n${HELP}`);
      return 2;
  }
}

async function start(config: Config): Promise<number> {
  const t0 = Date.now();
  const platform = await buildPlatform(config);
  const { db } = platform.ctx;
  // Serve at once (health, docs); /readyz says 503 until reference and demo data are in.
  platform.ctx.startup.pending = 'loading reference data';
  const address = await platform.app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL server' : `PGlite in ${config.dataDir}`;
  process.stdout.write(`\nMotCua đang chạy tại / is running at ${config.publicUrl}  (${address}, ${where}, listening after ${Date.now() - t0} ms)\n  API docs: ${config.publicUrl}/api/docs\n`);
  const sim = platform.services.notify.simulator?.address;
  if (sim) process.stdout.write(`  Nhà mạng mô phỏng / simulated SMS, Zalo and e-mail carriers: ${sim.httpUrl}/\n`);
  const gw = platform.services.payments.simulatorUrl;
  if (gw) process.stdout.write(`  Cổng thanh toán mô phỏng / simulated payment gateway: ${gw}\n`);
  const stop = async (sig: string) => {
    platform.app.log.info({ sig }, 'shutting down');
    await platform.close();
    process.exit(0);
  };
  // A promise rejected with nobody to catch it (a background pass caught by a database outage, say) is logged, and
  // the server goes on serving: requests are transactions of their own. An uncaught exception is logged before
  // Node ends the process, so a supervisor's restart comes with its cause.
  process.on('unhandledRejection', (err) => platform.app.log.error({ err }, 'unhandled promise rejection'));
  process.on('uncaughtExceptionMonitor', (err, origin) => platform.app.log.fatal({ err, origin }, 'uncaught exception'));
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  try {
    await seedReference(db);
    if (config.seedDemo) {
      platform.ctx.startup.pending = 'loading demo data';
      const r = await seedDemo(db, config);
      if (r.loaded) process.stdout.write(`  Demo data loaded: ${JSON.stringify(r)}\n`);
    }
    if (config.analytics.seedHistory > 0 && !(await platform.services.analytics.hasFacts())) {
      const h = await platform.services.analytics.history({ dossiers: config.analytics.seedHistory });
      process.stdout.write(`  Analytics history generated: ${JSON.stringify(h)}\n`);
    }
  } catch (err) {
    platform.app.log.fatal({ err }, 'start-up data could not be loaded');
    await platform.close();
    return 1;
  }
  platform.ctx.startup.pending = null;
  platform.startBackground();
  process.stdout.write(`  Ready in ${Date.now() - t0} ms.\n\n`);
  return await new Promise<number>(() => undefined);
}
