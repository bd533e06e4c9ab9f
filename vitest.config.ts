import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two groups, one after the other:
 * - `unit`: the in-process tests (each file one PGlite or one PostgreSQL database, CPU-bound in one process), one
 *   worker per core;
 * - `serial`: the tests that start whole servers and browsers as child processes (each already keeps every core
 *   busy), one file at a time, after the first group.
 * TEST_WORKERS overrides the first group's worker count.
 */
const SERIAL = ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts', 'src/**/*.crash.test.ts', 'src/**/*.process.test.ts'];
const workers = Number(process.env.TEST_WORKERS) || Math.max(1, Math.min(4, availableParallelism()));

const shared = { environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: SERIAL, maxWorkers: workers, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'serial', include: SERIAL, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
