import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One migrated, seeded database template per run; each file's platform starts from a copy.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
