/**
 * bench:analytics — the Decision 766 index over BENCH_DOSSIERS generated dossiers (default 1,000,000) of one
 * province (BENCH_AGENCIES agencies, default 120) on PostgreSQL: the history generator's events folded into the
 * rollups (facts + counters, the consumer's code, no outbox rows), then
 *  - index_p99_ms: the index of the whole province for a year (every agency), the API's service call;
 *  - dashboard_p99_ms: all queries of a dashboard page (index, 12-month trend, open/overdue by step and officer,
 *    distribution, shares, top procedures);
 *  - events_per_s: BENCH_EVENTS new events (default 100,000) recorded in the inbox and folded by the rollup worker;
 * beside a bare baseline in the same run: a `select 1` round trip p99, a bare sum over the counters of the
 * province's year, and a bare unnest insert of the same events into a plain table. One JSON line.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createBenchDatabase } from './lib/database';
import { openDatabase, migrateDatabase } from '../src/platform/db/client';
import { pgArray } from '../src/platform/db/write-batch';
import { AnalyticsService, RollupWorker, historyBatches, seedHistory, type ProcedureRef } from '../src/modules/analytics';
import type { GenEvent } from '../src/modules/analytics/analytics.history';
import { DEFAULT_INDEX_CONFIG } from '../src/shared/analytics';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 120);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const log = (m: string) => process.stderr.write(`${m}\n`);
const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] * 100) / 100;
};
async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const bench = await createBenchDatabase('motcua_bench_analytics');
const database = await openDatabase({ databaseUrl: bench.url, dataDir: `/tmp/motcua-bench-analytics-${process.pid}`, poolSize: 4 });
try {
  await migrateDatabase(database);
  const db = database.db;
  const kinds = ['province-pc', 'commune-pc', 'dept-justice', 'dept-construction', 'dept-health'];
  const agencies = Array.from({ length: AGENCIES }, (_, i) => ({ id: randomUUID(), code: `000.00.${String(i).padStart(2, '0')}.H99`, name: `Cơ quan ${i}`, kind: i < 100 ? 'commune-pc' : kinds[i % kinds.length], parentId: null }));
  const procedures: ProcedureRef[] = Array.from({ length: 80 }, (_, i) => ({ key: `thu-tuc-${i}`, name: `Thủ tục ${i}`, agencyKind: kinds[i % kinds.length], online: i % 3 !== 0, withFee: i % 4 === 0, payable: i % 8 === 0, national: i % 10 !== 0, complete: i % 7 !== 0 }));
  const end = new Date('2026-11-30T10:00:00Z');

  const t0 = Date.now();
  let last = 0;
  const gen = await seedHistory(db, {
    dossiers: DOSSIERS,
    agencies,
    procedures,
    end,
    months: 24,
    outbox: false,
    chunk: 10_000,
    onProgress: (d) => {
      if (d - last >= 100_000) {
        last = d;
        log(`  … ${d} dossiers (${Math.round(d / ((Date.now() - t0) / 1000))}/s)`);
      }
    },
  });
  await db.execute(sql`analyze`);
  log(`generated ${gen.dossiers} dossiers, ${gen.events} events in ${gen.ms} ms`);

  const ids = agencies.map((a) => a.id);
  const service = new AnalyticsService({
    read: db,
    config: DEFAULT_INDEX_CONFIG,
    now: () => end,
    ports: {
      agencies: { get: async (id) => agencies.find((a) => a.id === id), all: async () => agencies, descendants: async () => ids, agenciesFor: async () => new Set(ids) },
      procedures: async () => procedures,
    },
  });
  const months = (i: number) => service.monthsOf('year', `${2025 + (i % 2)}-${String((i % 11) + 1).padStart(2, '0')}`);

  // Baselines.
  const bareRoundTrip = await timed(ROUNDS, () => db.execute(sql`select 1`));
  const bareSum = await timed(ROUNDS, (i) => db.execute(sql`select sum(received), sum(on_time) from analytics_counters where agency_id = any(${pgArray(ids)}::text[]) and month = any(${pgArray(months(i))}::text[])`));
  // The platform's reads.
  await service.index({ agencyIds: ids, months: months(0) });
  const index = await timed(ROUNDS, (i) => service.index({ agencyIds: ids, months: months(i) }));
  const dashboard = await timed(Math.max(20, Math.floor(ROUNDS / 4)), (i) => service.dashboard({ agencyIds: ids, months: service.monthsOf('month', `2026-${String((i % 11) + 1).padStart(2, '0')}`) }));

  // Rollup maintenance: new dossiers' events through the inbox and the worker.
  const extra = historyBatches({ dossiers: Math.ceil(EVENTS / 7), agencies, procedures, end, months: 2, seed: 99, chunk: Math.ceil(EVENTS / 7) }).next().value as GenEvent[];
  const events = extra.slice(0, EVENTS);
  let seq = 1;
  for (let i = 0; i < events.length; i += 10_000) {
    const part = events.slice(i, i + 10_000);
    await db.execute(sql`insert into analytics_inbox (event_id, seq, type, aggregate_id, payload, occurred_at) select gen_random_uuid(), t.seq, t.type, t.aggregate_id, t.payload, t.occurred_at from unnest(${pgArray(part.map(() => seq++))}::bigint[], ${pgArray(part.map((e) => e.type))}::text[], ${pgArray(part.map((e) => e.aggregateId))}::text[], ${pgArray(part.map((e) => JSON.stringify(e.payload)))}::jsonb[], ${pgArray(part.map((e) => e.occurredAt))}::timestamptz[]) as t(seq, type, aggregate_id, payload, occurred_at)`);
  }
  const worker = new RollupWorker(db);
  const tw = performance.now();
  const folded = await worker.drain();
  const workerMs = performance.now() - tw;
  // Bare baseline: the same events inserted into a plain table in the same batches.
  await db.execute(sql`create table bench_bare (id text, type text, payload jsonb)`);
  const tb = performance.now();
  for (let i = 0; i < events.length; i += 5_000) {
    const part = events.slice(i, i + 5_000);
    await db.execute(sql`insert into bench_bare select * from unnest(${pgArray(part.map((e) => e.aggregateId))}::text[], ${pgArray(part.map((e) => e.type))}::text[], ${pgArray(part.map((e) => JSON.stringify(e.payload)))}::jsonb[])`);
  }
  const bareMs = performance.now() - tb;
  const [{ n: facts }] = ((await db.execute(sql`select count(*)::int as n from analytics_dossier_facts`)) as unknown as { rows: Array<{ n: number }> }).rows;

  process.stdout.write(
    JSON.stringify({
      bench: 'analytics',
      db: 'postgres',
      dossiers: DOSSIERS,
      facts: Number(facts),
      agencies: AGENCIES,
      generated_events: gen.events,
      generate_s: Math.round(gen.ms / 100) / 10,
      index_p99_ms: p99(index),
      dashboard_p99_ms: p99(dashboard),
      events_per_s: Math.round(folded / (workerMs / 1000)),
      baseline_roundtrip_p99_ms: p99(bareRoundTrip),
      baseline_counter_sum_p99_ms: p99(bareSum),
      baseline_insert_events_per_s: Math.round(events.length / (bareMs / 1000)),
      rollup_events: folded,
    }) + '\n',
  );
} finally {
  await database.close();
  await bench.drop();
}
