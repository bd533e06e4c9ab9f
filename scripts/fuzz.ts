/**
 * `npm run fuzz`: the API fuzzer on a fresh in-process platform (PGlite, or PostgreSQL with MOTCUA_TEST_DB=postgres),
 * with more requests per operation than the suite runs. Prints one JSON line with the figures, and the first
 * violations on stderr. FUZZ_SEED and FUZZ_PER_OPERATION choose the seed and the number of requests per operation.
 */
import { startTestPlatform } from '../test/support/platform';
import { runFuzz } from '../test/faults/fuzz-lib';

const seed = Number(process.env.FUZZ_SEED ?? 20260524);
const perOperation = Number(process.env.FUZZ_PER_OPERATION ?? 500);
const p = await startTestPlatform({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE: '100000' } });
try {
  const started = Date.now();
  const r = await runFuzz(p, { seed, perOperation, concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 4) });
  for (const v of r.violations.slice(0, 30)) process.stderr.write(`${JSON.stringify(v)}\n`);
  if (process.env.FUZZ_TIMING) {
    const top = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => [k, Math.round(v)]));
    process.stderr.write(`${JSON.stringify({ byMutation: top(r.ms.byMutation), byOperation: top(r.ms.byOperation) })}\n`);
  }
  process.stdout.write(`${JSON.stringify({ fuzz: r.status_5xx === 0 && r.non_problem === 0 ? 'pass' : 'fail', operations: r.operations, requests: r.requests, status_5xx: r.status_5xx, non_problem: r.non_problem, seed: r.seed, seconds: Math.round((Date.now() - started) / 100) / 10 })}\n`);
  process.exitCode = r.status_5xx === 0 && r.non_problem === 0 ? 0 : 1;
} finally {
  await p.close();
}
