/**
 * bench:dossier — submitting a dossier (citizen, full stack: session + CSRF, e-form validation, code per agency and
 * day, history, projection, audit, outbox) and one officer action (receipt, with the appointment computed on the
 * working-day calendar), beside the bare baseline of bench:http in the same run. Ends with one JSON line.
 */
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { kilobyteText, runLoad, startServer } from './lib/load';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const base = await createBenchDatabase('motcua_bench_base');
const baseline = await startServer('baseline', { DATABASE_URL: base.url });
let n = 0;
const baseOpts = { url: `http://127.0.0.1:${baseline.info.port}/bench`, body: () => JSON.stringify({ title: `Bài ${n}`, body: kilobyteText(n++), tags: ['a', 'b'] }), connections };
await runLoad({ ...baseOpts, seconds: 2 });
const b = await runLoad({ ...baseOpts, seconds });
await baseline.stop();
await base.drop();
console.error(`baseline: ${JSON.stringify(b)}`);

type Session = { token: string; csrf: string };
const full = await createBenchDatabase('motcua_bench_dossier');
const server = await startServer<{ port: number; citizen: Session; officer: Session; drafts: string[] }>('dossier', { DATABASE_URL: full.url, BENCH_DRAFTS: String(process.env.BENCH_DRAFTS ?? 40_000) });
const { port, citizen, officer, drafts } = server.info;
const headers = (s: Session) => ({ cookie: `motcua_session=${s.token}`, 'x-csrf-token': s.csrf });

// Each request takes the next draft; a submitted one then waits for its receipt.
const queue = [...drafts];
const submitted: string[] = [];
const nextDraft = () => {
  const id = queue.pop();
  if (!id) throw new Error('bench ran out of drafts: raise BENCH_DRAFTS');
  submitted.push(id);
  return `/api/dossiers/${id}/submit`;
};
// One submission by hand first: the load only makes sense if it succeeds.
const probe = await fetch(`http://127.0.0.1:${port}${nextDraft()}`, { method: 'POST', headers: headers(citizen) });
if (probe.status !== 200) throw new Error(`submit probe answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
await runLoad({ url: `http://127.0.0.1:${port}`, headers: headers(citizen), path: nextDraft, seconds: 2 });
const s = await runLoad({ url: `http://127.0.0.1:${port}`, headers: headers(citizen), path: nextDraft, seconds });
console.error(`submit: ${JSON.stringify(s)}`);

let next = 0;
const nextReceipt = () => `/api/dossiers/${submitted[next++ % submitted.length]}/receive`;
const a = await runLoad({ url: `http://127.0.0.1:${port}`, headers: headers(officer), path: nextReceipt, seconds: Math.min(seconds, 8) });
console.error(`receive: ${JSON.stringify(a)}`);
await server.stop();
await full.drop();
if (s.non2xx || a.non2xx) console.error(`note: ${s.non2xx} non-2xx submits, ${a.non2xx} non-2xx receipts (a receipt repeated on an already received dossier answers 409)`);

console.log(JSON.stringify({ bench: 'dossier', db: BENCH_DB, connections, baseline_rps: b.rps, submit_rps: s.rps, submit_p99_ms: s.p99_ms, action_rps: a.rps, action_p99_ms: a.p99_ms, ratio: Math.round((s.rps / b.rps) * 100) / 100 }));
