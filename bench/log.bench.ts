/**
 * bench:log — the transparency log at BENCH_LEAVES (default 10,000,000) leaves on PostgreSQL. Loads the leaves
 * server-side (entries and level-0 tiles generated in SQL; upper tiles hashed here), checks the loaded tree against
 * the integrator, then measures (1) appends: concurrent transactions each writing a record and its leaf with
 * appendLeaf, while the integrator sequences them into the tree, until every leaf is integrated — against a bare
 * baseline of the same transactions without a leaf; (2) inclusion proofs at the full size from tiles — against a
 * bare baseline of one indexed row read. Ends with one JSON line.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../src/platform/db/client';
import { appendLeaf } from '../src/platform/tlog/tlog.append';
import { TransparencyLog } from '../src/modules/tlog/index';
import * as repo from '../src/modules/tlog/tlog.repo';
import { TreeEdge, generateSigner, leafHash, verifyInclusion, type Hash } from '../src/shared/tlog';
import { createBenchDatabase } from './lib/database';

const N = Number(process.env.BENCH_LEAVES ?? 10_000_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 60_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const PROOFS = Number(process.env.BENCH_PROOFS ?? 5_000);
const err = (s: string) => process.stderr.write(`${s}\n`);

const target = await createBenchDatabase('motcua_bench_log');
const database = await openDatabase({ databaseUrl: target.url, dataDir: 'memory://', poolSize: WRITERS + 4 });
const q = (times: number[], x: number) => Number([...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(3));
try {
  await migrateDatabase(database);
  const db = database.db;
  const t0 = Date.now();
  // 1. Entries: leaf data and hash computed by the server, in chunks (one transaction each).
  const CHUNK = 1_000_000;
  for (let from = 0; from < N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK) - 1;
    await db.execute(sql`insert into tlog_entries (idx, kind, ref, data, hash, salt, logged_at)
      select g, 'bench', g::text, d, sha256('\\x00'::bytea || convert_to(d, 'UTF8')), ''::bytea, now()
      from generate_series(${from}::bigint, ${to}::bigint) g, lateral (select '{"kind":"bench","n":' || g || ',"v":1}' as d) x`);
    err(`  … ${to + 1} entries (${Date.now() - t0} ms)`);
  }
  // 2. Level-0 tiles: the leaf hashes, 256 to a tile, concatenated by the server.
  await db.execute(sql`insert into tlog_tiles (level, idx, width, hashes)
    select 0, idx / 256, count(*), string_agg(hash, ''::bytea order by idx) from tlog_entries group by idx / 256`);
  err(`  level-0 tiles (${Date.now() - t0} ms)`);
  // 3. Upper levels: each full tile's root goes into the level above (node:crypto here for speed).
  const sha = (a: Uint8Array, b: Uint8Array) => new Uint8Array(createHash('sha256').update(Buffer.from([1])).update(a).update(b).digest());
  const tileRoot = (bytes: Uint8Array): Hash => {
    let level: Uint8Array[] = [];
    for (let i = 0; i < 256; i++) level.push(bytes.subarray(i * 32, i * 32 + 32));
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(sha(level[i], level[i + 1]));
      level = next;
    }
    return level[0];
  };
  let roots: Hash[] = [];
  for (let from = 0; from * 256 + 256 <= N; from += 2000) {
    const rows = repo.rowsOf<{ idx: string; hashes: Uint8Array }>(await db.execute(sql`select idx, hashes from tlog_tiles where level = 0 and idx >= ${from} and idx < ${from + 2000} and width = 256 order by idx`));
    for (const r of rows) roots.push(tileRoot(repo.bytes(r.hashes)));
  }
  // The level-1+ tiles are the tree of these roots, built as the integrator builds tiles, one level up.
  const upper = new TreeEdge();
  const changed = upper.append(roots);
  await repo.storeTiles(
    db,
    changed.map((t) => ({ ...t, level: t.level + 1 })),
  );
  roots = [];
  const log = new TransparencyLog(db, { origin: 'bench.motcua.test/tlog', signer: () => generateSigner('bench.motcua.test/tlog').signer, batch: 5000 });
  const root = await log.rootAt(N);
  await repo.writeHead(db, { size: N, root }, new Date());
  await db.execute(sql`analyze tlog_entries`);
  await db.execute(sql`analyze tlog_tiles`);
  const loadMs = Date.now() - t0;
  err(`loaded ${N} leaves in ${loadMs} ms; root ${Buffer.from(root).toString('base64')}`);
  await log.publish();

  // 4. Appends: WRITERS concurrent transactions, each a record and its leaf; the integrator runs meanwhile.
  await db.execute(sql`create table bench_records (id bigint generated always as identity primary key, n int not null, note text not null)`);
  async function writers(withLeaf: boolean, total: number): Promise<number> {
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (;;) {
          const n = next++;
          if (n >= total) return;
          await db.transaction(async (tx) => {
            await tx.execute(sql`insert into bench_records (n, note) values (${n}, 'a logged record')`);
            if (withLeaf) await appendLeaf(tx, { kind: 'bench_append', ref: String(n), fields: { n }, private: { who: `writer ${n % WRITERS}` } });
          });
        }
      }),
    );
    return performance.now() - t;
  }
  const baseMs = await writers(false, APPENDS);
  log.start(50, 1000);
  const tA = performance.now();
  await writers(true, APPENDS);
  while ((await repo.readHead(db)).size < N + APPENDS) await new Promise((r) => setTimeout(r, 20));
  const appendMs = performance.now() - tA;
  await log.stop();
  const appendPerS = Math.round(APPENDS / (appendMs / 1000));
  const basePerS = Math.round(APPENDS / (baseMs / 1000));
  err(`${APPENDS} appends by ${WRITERS} writers, integrated, in ${Math.round(appendMs)} ms: ${appendPerS}/s (baseline without the leaf: ${basePerS}/s)`);
  await log.publish();
  // The log's own capacity, without commit waits: a backlog of committed leaves integrated by one integrator.
  await db.execute(sql`insert into tlog_pending (kind, ref, data, hash, salt)
    select 'bench_backlog', g::text, d, sha256('\\x00'::bytea || convert_to(d, 'UTF8')), ''::bytea
    from generate_series(1, ${APPENDS}) g, lateral (select '{"kind":"bench_backlog","n":' || g || ',"v":1}' as d) x`);
  const tI = performance.now();
  await log.integrateAll();
  const integratePerS = Math.round(APPENDS / ((performance.now() - tI) / 1000));
  err(`${APPENDS} committed leaves integrated in ${Math.round(performance.now() - tI)} ms: ${integratePerS}/s`);
  await log.publish();
  const size = (await repo.readHead(db)).size;

  // 5. Inclusion proofs for random leaves at the full size, from tiles; a sample verified against the root.
  const headRoot = (await repo.readHead(db)).root;
  const pick = () => Math.floor(Math.random() * size);
  for (let i = 0; i < 200; i++) await log.inclusionProof(pick(), size);
  const proofTimes: number[] = [];
  const lookupTimes: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const idx = pick();
    let t = performance.now();
    const proof = await log.inclusionProof(idx, size);
    proofTimes.push(performance.now() - t);
    t = performance.now();
    const [row] = repo.rowsOf<{ data: string }>(await db.execute(sql`select data from tlog_entries where idx = ${idx}`));
    lookupTimes.push(performance.now() - t);
    if (i % 500 === 0 && !verifyInclusion(idx, size, leafHash(row.data), proof, headRoot)) throw new Error(`proof of ${idx} does not verify`);
  }
  err(`${PROOFS} inclusion proofs at size ${size}: p50 ${q(proofTimes, 0.5)} ms, p99 ${q(proofTimes, 0.99)} ms (baseline row read p50 ${q(lookupTimes, 0.5)} ms, p99 ${q(lookupTimes, 0.99)} ms)`);
  console.log(
    JSON.stringify({
      bench: 'log',
      leaves: N,
      append_per_s: appendPerS,
      proof_p99_ms: q(proofTimes, 0.99),
      proof_p50_ms: q(proofTimes, 0.5),
      baseline_append_per_s: basePerS,
      integrate_per_s: integratePerS,
      baseline_read_p50_ms: q(lookupTimes, 0.5),
      baseline_read_p99_ms: q(lookupTimes, 0.99),
      writers: WRITERS,
      appends: APPENDS,
      load_ms: loadMs,
    }),
  );
} finally {
  await database.close();
  await target.drop();
}
