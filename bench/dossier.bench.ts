/**
 * bench:dossier (issue 12 item 5), in one run and one process tree, on fresh databases:
 *  (a) the bare baseline of bench:http (a validated ~1 KB insert);
 *  (b) the same-work ceiling (bench/servers/dossier-ceiling.ts): a bare Fastify + `pg` submission doing one locked
 *      read and one data-modifying CTE (action, projection, audit with its hash, outbox, idempotency record) with
 *      prepared statements and the shared e-form validation;
 *  (c) the platform: a citizen's submission (session + CSRF, e-form validation, code, journal, audit, outbox) and
 *      an officer's receipt (the appointment on the working-day calendar), each with an Idempotency-Key as the web
 *      sends it.
 * `ratio` = submit_rps / ceiling_rps. `node_cpu_ms_per_submit` is the platform process's CPU time (user + system,
 * background work included) during the submit load ÷ submissions answered 2xx; `pg_round_trips_per_submit` is the
 * statements that process sent to PostgreSQL meanwhile (counted at the driver, BEGIN/COMMIT and background work
 * included) ÷ the same. Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { kilobyteText, measuredLoad, runLoad, startServer } from './lib/load';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const DRAFTS = String(process.env.BENCH_DRAFTS ?? 40_000);
const withKey = () => ({ 'idempotency-key': randomUUID() });

// (a) The bare validated insert.
const base = await createBenchDatabase('motcua_bench_base');
const baseline = await startServer('baseline', { DATABASE_URL: base.url });
let n = 0;
const baseOpts = { url: `http://127.0.0.1:${baseline.info.port}/bench`, body: () => JSON.stringify({ title: `Bài ${n}`, body: kilobyteText(n++), tags: ['a', 'b'] }), connections };
await runLoad({ ...baseOpts, seconds: 2 });
const b = await runLoad({ ...baseOpts, seconds });
await baseline.stop();
await base.drop();
console.error(`baseline: ${JSON.stringify(b)}`);

/** Each request takes the next draft; `submitted` keeps them in order for the receipts. */
function drafts(ids: string[], path: (id: string) => string) {
  const queue = [...ids];
  const submitted: string[] = [];
  return {
    submitted,
    next: () => {
      const id = queue.pop();
      if (!id) throw new Error('bench ran out of drafts: raise BENCH_DRAFTS');
      submitted.push(id);
      return path(id);
    },
  };
}

// (b) The same-work ceiling (PostgreSQL only: it is a bare `pg` route).
let c: Awaited<ReturnType<typeof measuredLoad>> | null = null;
if (BENCH_DB === 'postgres') {
  const cdb = await createBenchDatabase('motcua_bench_ceiling');
  const ceiling = await startServer<{ port: number; drafts: string[] }>('dossier-ceiling', { DATABASE_URL: cdb.url, BENCH_DRAFTS: DRAFTS });
  const cq = drafts(ceiling.info.drafts, (id) => `/ceiling/${id}/submit`);
  const curl = `http://127.0.0.1:${ceiling.info.port}`;
  const probe = await fetch(`${curl}${cq.next()}`, { method: 'POST', headers: withKey() });
  if (probe.status !== 200) throw new Error(`ceiling probe answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
  await runLoad({ url: curl, path: cq.next, headersEach: withKey, connections, seconds: 2 });
  c = await measuredLoad(ceiling.child, { url: curl, path: cq.next, headersEach: withKey, connections, seconds });
  await ceiling.stop();
  await cdb.drop();
  console.error(`ceiling: ${JSON.stringify(c)}`);
}

// (c) The platform.
type Session = { token: string; csrf: string };
const full = await createBenchDatabase('motcua_bench_dossier');
const server = await startServer<{ port: number; citizen: Session; officer: Session; drafts: string[] }>('dossier', { DATABASE_URL: full.url, BENCH_DRAFTS: DRAFTS });
const { port, citizen, officer } = server.info;
const url = `http://127.0.0.1:${port}`;
const headers = (s: Session) => ({ cookie: `motcua_session=${s.token}`, 'x-csrf-token': s.csrf });
const q = drafts(server.info.drafts, (id) => `/api/dossiers/${id}/submit`);
// One submission by hand first: the load only makes sense if it succeeds.
const probe = await fetch(`${url}${q.next()}`, { method: 'POST', headers: { ...headers(citizen), ...withKey() } });
if (probe.status !== 200) throw new Error(`submit probe answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
await runLoad({ url, headers: headers(citizen), headersEach: withKey, path: q.next, connections, seconds: 2 });
const s = await measuredLoad(server.child, { url, headers: headers(citizen), headersEach: withKey, path: q.next, connections, seconds });
console.error(`submit: ${JSON.stringify(s)}`);

let next = 0;
const nextReceipt = () => `/api/dossiers/${q.submitted[next++ % q.submitted.length]}/receive`;
const a = await measuredLoad(server.child, { url, headers: headers(officer), headersEach: withKey, path: nextReceipt, connections, seconds: Math.min(seconds, 8) });
console.error(`receive: ${JSON.stringify(a)}`);
await server.stop();
await full.drop();
if (s.non2xx || a.non2xx) console.error(`note: ${s.non2xx} non-2xx submits, ${a.non2xx} non-2xx receipts (a receipt repeated on an already received dossier answers 409)`);

const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'dossier',
    db: BENCH_DB,
    connections,
    baseline_rps: b.rps,
    ceiling_rps: c?.rps ?? null,
    submit_rps: s.rps,
    submit_p99_ms: s.p99_ms,
    action_rps: a.rps,
    action_p99_ms: a.p99_ms,
    ratio: c ? r2(s.rps / c.rps) : null,
    node_cpu_ms_per_submit: s.cpu_ms_per_ok,
    pg_round_trips_per_submit: BENCH_DB === 'postgres' ? s.queries_per_ok : null,
    ceiling_node_cpu_ms_per_submit: c?.cpu_ms_per_ok ?? null,
    ceiling_round_trips_per_submit: c?.queries_per_ok ?? null,
    node_cpu_ms_per_action: a.cpu_ms_per_ok,
    pg_round_trips_per_action: BENCH_DB === 'postgres' ? a.queries_per_ok : null,
    ratio_to_baseline: r2(s.rps / b.rps),
  }),
);
