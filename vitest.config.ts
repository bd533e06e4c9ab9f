import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time on the 2-core CI machine (the default, cores - 1, ran them one by one): most of a file's time
    // is waiting on PGlite, a server process or the browser. MOTCUA_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.MOTCUA_TEST_WORKERS) || 2,
    // One migrated, seeded database template per run; each file's platform starts from a copy.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
