/**
 * bench:registry — loads BENCH_PEOPLE (default 1,000,000) generated people into a throwaway PostgreSQL database
 * (`motcua_bench_registry_*`, dropped at the end; BENCH_KEEP=1 keeps and reuses `motcua_bench_registry_keep`), then
 * measures lookups by personal ID through RegistryService, access-log write included. Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../src/platform/db/client';
import { seedReference } from '../src/seed/seed';
import { seedRegistry } from '../src/modules/registry/registry.seed';
import { RegistryService } from '../src/modules/registry/registry.service';
import { systemClock } from '../src/platform/context';
import type { Principal } from '../src/platform/auth/policy';
import { createBenchDatabase } from './lib/database';

const N = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const Q = Number(process.env.BENCH_LOOKUPS ?? 20_000);
const KEEP = process.env.BENCH_KEEP === '1';
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

async function keptDatabase() {
  const { default: pg } = await import('pg');
  const name = 'motcua_bench_registry_keep';
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  return { url: `${SERVER}/${name}`, drop: async () => undefined };
}

const target = KEEP ? await keptDatabase() : await createBenchDatabase('motcua_bench_registry');
const database = await openDatabase({ databaseUrl: target.url, dataDir: 'memory://', poolSize: 10 });
try {
  await migrateDatabase(database);
  const db = database.db;
  await seedReference(db);
  const count = async () => ((await db.execute(sql`select count(*)::int as n from registry_people`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n;
  let loadMs = 0;
  if ((await count()) < N) {
    const t0 = Date.now();
    let last = 0;
    const r = await seedRegistry(db, {
      people: N,
      businesses: Math.round(N / 10),
      onProgress: ({ people }) => {
        if (people - last >= 200_000) {
          last = people;
          console.error(`  … ${people} people (${Date.now() - t0} ms)`);
        }
      },
    });
    loadMs = Date.now() - t0;
    console.error(`loaded ${r.people} people and ${r.businesses} businesses in ${loadMs} ms (${Math.round(r.people / (loadMs / 1000))} people/s)`);
  } else console.error('reusing the loaded registry (BENCH_KEEP=1)');
  const people = await count();

  const sample = ((await db.execute(sql`select personal_id from registry_people tablesample system (5) limit ${Q}`)) as unknown as { rows: Array<{ personal_id: string }> }).rows.map((r) => r.personal_id);
  const principal: Principal = { accountId: randomUUID(), kind: 'system', displayName: 'bench client', personalId: null, assuranceLevel: null, grants: [{ role: 'specialist', agencyId: randomUUID(), includeSubAgencies: false }], sessionId: randomUUID(), sessionKind: 'bearer', csrfToken: null };
  const service = new RegistryService(db, systemClock);
  const caller = { principal, requestId: 'bench' };
  const intent = { purpose: 'dossier_processing' as const, dossierId: 'HS-BENCH' };
  for (const id of sample.slice(0, 1_000)) await service.lookupPerson(caller, id, intent);
  const times: number[] = [];
  for (let i = 0; i < Q; i++) {
    const id = sample[i % sample.length];
    const t = performance.now();
    await service.lookupPerson(caller, id, intent);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (x: number) => Number(times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(3));
  const logged = ((await db.execute(sql`select count(*)::int as n from data_access_log where dossier_id = 'HS-BENCH'`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n;
  console.error(`${Q} lookups (each with its access-log row; ${logged} rows logged), p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  console.log(JSON.stringify({ bench: 'registry', people, lookups: Q, load_ms: loadMs, lookup_p50_ms: q(0.5), lookup_p90_ms: q(0.9), lookup_p99_ms: q(0.99) }));
} finally {
  await database.close();
  if (!KEEP) await target.drop();
}
