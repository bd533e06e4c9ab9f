import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { runFuzz } from './fuzz-lib';

/**
 * The guard rail against 5xx on bad input: every operation of the OpenAPI document receives generated bad requests
 * (see fuzz-lib.ts), signed in with what the route needs. No answer may be 5xx, and every error is problem+json.
 * The seed is fixed (FUZZ_SEED overrides it) and printed on failure; `npm run fuzz` runs more requests.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260524);
const PER_OPERATION = 100;

let p: TestPlatform;
beforeAll(async () => {
  // The rate limits stay on (at half an operation's requests): the rest of each limited route's requests then check
  // the 429 answer, and the suite spends less time hashing passwords (`npm run fuzz` lifts them).
  p = await startTestPlatform({ env: { AUTH_RATE_LIMIT_PER_MINUTE: String(PER_OPERATION / 2), PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE: String(PER_OPERATION / 2) } });
});
afterAll(() => p?.close());

it(`answers every fuzzed request below 500 with problem+json errors (seed ${SEED})`, async () => {
  const r = await runFuzz(p, { seed: SEED, perOperation: PER_OPERATION, concurrency: 2 });
  expect(r.operations).toBeGreaterThan(50);
  expect(r.requests).toBe(r.operations * PER_OPERATION);
  const summary = `seed ${r.seed}: ${r.status_5xx} answers ≥ 500, ${r.non_problem} errors not problem+json in ${r.requests} requests\n${r.violations
    .slice(0, 10)
    .map((v) => `${v.status} ${v.operation} [${v.mutation}] ${v.method} ${v.url} → ${v.body.slice(0, 160)}`)
    .join('\n')}`;
  expect(r.status_5xx, summary).toBe(0);
  expect(r.non_problem, summary).toBe(0);
}, 180_000);
