import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PoolClient } from 'pg';

type NoSchema = Record<string, never>;

/**
 * The one database type used by every query, whether PGlite or a PostgreSQL server is behind it. It carries no
 * schema: modules query their own tables with the query builder (no relational `db.query.*`), so the platform needs
 * to know none of them. drizzle-kit finds the tables itself (every `*.schema.ts` under src, see drizzle.config.ts).
 */
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** A function that touches the database takes either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs plain SQL text (several statements allowed), for migrations and tooling. */
  exec(sqlText: string): Promise<void>;
  /** PGlite only: the whole cluster as a tarball (`loadDataDir` opens it again). */
  dump?(): Promise<Blob | File>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR = path.resolve(here, '../../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite folder; 'memory://' for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** Told when a pooled connection fails, idle or in use (default: ignored; the pool replaces it). */
  onConnectionError?: (err: Error) => void;
  /** How long a request waits for a connection before it is answered 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of an empty cluster (tests start from a template). */
  loadDataDir?: Blob;
}

/** A connection that died while checked out and is still not given back after this long is released by force. */
const STUCK_CLIENT_MS = 30_000;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20, connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000 });
    // A connection closed by the server (restart, failover, pg_terminate_backend, a dropped database) must not crash
    // the process. pg-pool listens for errors only on idle connections; a connection in use emits its 'error' with
    // no listener (an uncaught exception) unless every client gets its own, here, when it is opened. The query that
    // was running fails (answered 503, see outage.ts) and the pool drops the broken connection when it is released,
    // then opens new ones on demand: recovery needs no restart.
    const inUse = new Set<PoolClient>();
    pool.on('acquire', (client) => inUse.add(client));
    pool.on('release', (_err, client) => inUse.delete(client));
    pool.on('remove', (client) => inUse.delete(client as PoolClient));
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        opts.onConnectionError?.(err);
        // A transaction whose BEGIN fails never gives its connection back (drizzle releases only after BEGIN): free
        // the slot after a while, or repeated outages would exhaust the pool.
        const held = client as PoolClient;
        if (!inUse.has(held)) return;
        setTimeout(() => {
          if (!inUse.has(held)) return;
          inUse.delete(held);
          try {
            held.release(err);
          } catch {
            /* already released meanwhile */
          }
        }, STUCK_CLIENT_MS).unref();
      });
    });
    pool.on('error', (err) => opts.onConnectionError?.(err));
    // Fail fast with a clear message when the server is not there.
    const client = await pool.connect();
    client.release();
    const db = drizzle({ client: pool }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      exec: async (text) => {
        await pool.query(text);
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { unaccent, pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const db = drizzle({ client }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      await client.exec(text);
    },
    dump: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  }
}
