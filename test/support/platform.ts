import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database } from '../../src/platform/db/client';
import { buildPlatform, type Platform } from '../../src/main';
import type { Clock } from '../../src/platform/context';
import { seedDemo, seedReference } from '../../src/seed/seed';
import { DEMO_PASSWORD } from '../../src/seed/demo-province';
import { pgliteTemplate, pgTemplate } from './template-env';

/** Tests run on PGlite by default, on the PostgreSQL server when MOTCUA_TEST_DB=postgres (one throwaway database per file). */
export const onPostgres = process.env.MOTCUA_TEST_DB === 'postgres';
const SERVER_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export class TestClock implements Clock {
  constructor(private t: Date = new Date()) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string) {
    this.t = new Date(t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

async function throwawayDatabase(template: string | null): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `motcua_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  return {
    url: `${SERVER_URL}/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestPlatform extends Platform {
  clock: TestClock;
  config: Config;
  /** A client signed in as a demo officer (cookie session + CSRF token). */
  loginAs(username: string, password?: string): Promise<TestClient>;
  anonymous(): TestClient;
}

export interface StartOptions {
  demo?: boolean;
  env?: Record<string, string>;
  clock?: TestClock;
  /** Where JSON logs go (default: no logger); set LOG_LEVEL in env to choose the level. */
  logStream?: NodeJS.WritableStream;
}

export async function startTestPlatform(opts: StartOptions = {}): Promise<TestPlatform> {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  // With the demo data, start from this run's template (already migrated and seeded); without, from nothing.
  const fromTemplate = opts.demo !== false;
  if (onPostgres) {
    const t = await throwawayDatabase(fromTemplate ? pgTemplate() : null);
    drop = t.drop;
    database = await openDatabase({ databaseUrl: t.url, poolSize: 10 });
  } else {
    const dump = fromTemplate ? pgliteTemplate() : null;
    database = await openDatabase({ dataDir: 'memory://', ...(dump ? { loadDataDir: dump } : {}) });
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', MFA_REQUIRED_ROLES: '', ...opts.env });
  const clock = opts.clock ?? new TestClock();
  const platform = await buildPlatform(config, { database, clock, logger: !!opts.logStream, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  await seedReference(platform.ctx.db);
  if (opts.demo !== false) await seedDemo(platform.ctx.db, config);
  // Searches answer from the in-memory index, as in production once it is built (CATALOG_SEARCH_INDEX=false: SQL).
  if (config.catalogSearchIndex) await platform.services.catalog.searchIndex.start();
  await platform.app.ready();
  const close = platform.close.bind(platform);
  return Object.assign(platform, {
    clock,
    config,
    async loginAs(username: string, password = DEMO_PASSWORD) {
      const res = await platform.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'motcua_session')!;
      return new TestClient(platform, { cookie: `motcua_session=${cookie.value}`, csrf: res.json().csrfToken });
    },
    anonymous: () => new TestClient(platform, {}),
    async close() {
      await close();
      if (drop) await drop();
    },
  });
}

export interface Credentials {
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

export class TestClient {
  constructor(
    private readonly platform: Platform,
    readonly creds: Credentials,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.creds.cookie) h.cookie = this.creds.cookie;
    if (this.creds.csrf) h['x-csrf-token'] = this.creds.csrf;
    if (this.creds.bearer) h.authorization = `Bearer ${this.creds.bearer}`;
    return h;
  }

  request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.platform.app.inject({ method: method as any, url, payload: payload as any, headers: this.headers(headers) });
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, payload?: unknown, headers?: Record<string, string>) => this.request('POST', url, payload, headers);
  put = (url: string, payload?: unknown, headers?: Record<string, string>) => this.request('PUT', url, payload, headers);
  patch = (url: string, payload?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, payload, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

/** Asserts a problem+json answer with the given status (and code, when given). */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  if (res.statusCode !== status || !String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem ${status}${code ? ` ${code}` : ''}, got ${res.statusCode} ${res.headers['content-type']}: ${res.body.slice(0, 500)}`);
  }
  const body = res.json();
  if (code && body.code !== code) throw new Error(`expected problem code ${code}, got ${body.code}: ${res.body.slice(0, 500)}`);
  if (!body.titles?.vi || !body.titles?.en) throw new Error(`problem without vi/en titles: ${res.body}`);
  return body;
}
