import { randomBytes } from 'node:crypto';

/** Benchmarks run on the PostgreSQL server by default (BENCH_DB=pglite for the embedded database). */
export const BENCH_DB = (process.env.BENCH_DB ?? 'postgres') as 'postgres' | 'pglite';
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export async function createBenchDatabase(prefix: string): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (BENCH_DB === 'pglite') return { url: undefined, drop: async () => undefined };
  const { default: pg } = await import('pg');
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `${SERVER}/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
