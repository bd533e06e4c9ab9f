/**
 * bench:http — (a) a bare Fastify route that validates a 1 KB body and inserts a row, and (b) a comparable write
 * through the platform's full stack (bearer auth, schema validation, jurisdiction, audit record, outbox event):
 * creating an agency. Same database server, same pool size, same load; ends with one JSON line.
 */
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { kilobyteText, runLoad, startServer } from './lib/load';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const base = await createBenchDatabase('motcua_bench_base');
const baseline = await startServer('baseline', { DATABASE_URL: base.url });
let n = 0;
await runLoad({ url: `http://127.0.0.1:${baseline.info.port}/bench`, body: () => JSON.stringify({ title: `Bài ${n}`, body: kilobyteText(n++), tags: ['a', 'b'] }), connections, seconds: 2 }); // warm-up
const b = await runLoad({ url: `http://127.0.0.1:${baseline.info.port}/bench`, body: () => JSON.stringify({ title: `Bài ${n}`, body: kilobyteText(n++), tags: ['a', 'b'] }), connections });
await baseline.stop();
await base.drop();
console.error(`baseline: ${JSON.stringify(b)}`);

const full = await createBenchDatabase('motcua_bench_full');
const platform = await startServer<{ port: number; token: string; rootId: string }>('platform', { DATABASE_URL: full.url });
// Unique electronic identifiers under the demo province: A1A2A3.B1B2.C1C2.H38
let seq = 0;
const code = (i: number) => {
  const s = i.toString(36).toUpperCase().padStart(7, '0');
  return `${s.slice(0, 3)}.${s.slice(3, 5)}.${s.slice(5, 7)}.H38`;
};
const agencyBody = () => {
  const i = 100_000 + seq++;
  return JSON.stringify({ code: code(i), name: `Cơ quan thử ${i}`, nameEn: `Bench agency ${i}`, level: 'unit', kind: 'bench-unit', parentId: platform.info.rootId, adminUnitCode: '31', oneStopUnit: 'Bộ phận một cửa', address: kilobyteText(i).slice(0, 480) });
};
const opts = { url: `http://127.0.0.1:${platform.info.port}/api/agencies`, headers: { authorization: `Bearer ${platform.info.token}` }, body: agencyBody, connections };
await runLoad({ ...opts, seconds: 2 });
const f = await runLoad(opts);
await platform.stop();
await full.drop();
console.error(`platform: ${JSON.stringify(f)}`);
if (f.non2xx || f.errors) console.error(`warning: ${f.non2xx} non-2xx answers and ${f.errors} errors in the platform run`);

console.log(JSON.stringify({ bench: 'http', db: BENCH_DB, connections, baseline_rps: b.rps, baseline_p99_ms: b.p99_ms, rps: f.rps, p99_ms: f.p99_ms, ratio: Math.round((f.rps / b.rps) * 100) / 100 }));
