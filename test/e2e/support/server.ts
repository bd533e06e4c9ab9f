/**
 * The real server for browser tests: `node bin/motcua.js start` as a child process on a free port, with the demo
 * data, on PGlite in a temporary DATA_DIR (or, with MOTCUA_TEST_DB=postgres, in a throwaway PostgreSQL database).
 * The web app is built first if web/dist is missing or stale.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../../../web/scripts/build';
import { PGLITE_TEMPLATE_ENV, pgTemplate } from '../../support/template-env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const onPostgres = process.env.MOTCUA_TEST_DB === 'postgres';
const PG_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function pgAdmin(sql: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: `${PG_URL}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The bank-notification secret of the test server (PAYMENT_BANK_SECRET). */
export const E2E_BANK_SECRET = 'e2e-bank-secret-0123456789';

export interface RunningServer {
  url: string;
  /** What the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(opts: { readyTimeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  await ensureWebBuilt({ quiet: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  let dbName: string | null = null;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    // The built-in demo e-ID provider (on by default only on PGlite).
    EID_BUILTIN: 'true',
    // One browser signs in many times within a minute.
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // The tests play the bank: they sign balance-change notifications with this secret.
    PAYMENT_BANK_SECRET: E2E_BANK_SECRET,
    // No role requires a second factor unless a test says so (test/e2e/mfa.test.ts).
    MFA_REQUIRED_ROLES: '',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const pgliteDump = process.env[PGLITE_TEMPLATE_ENV];
  if (!onPostgres && pgliteDump && fs.existsSync(pgliteDump)) {
    // The embedded database from this run's template: the dump is the cluster's folder, which DATA_DIR is.
    execFileSync('tar', ['-xf', pgliteDump, '-C', dataDir], { stdio: 'ignore' });
  }
  if (onPostgres) {
    dbName = `motcua_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    // From this run's template (migrated, demo data loaded) when there is one: the start's seeds are then no-ops.
    const template = pgTemplate();
    await pgAdmin(template ? `create database ${dbName} template ${template}` : `create database ${dbName}`);
    env.DATABASE_URL = `${PG_URL}/${dbName}`;
  }
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${opts.readyTimeoutMs ?? 90_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dbName) await pgAdmin(`drop database if exists ${dbName} with (force)`);
    },
  };
}
