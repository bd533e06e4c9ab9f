import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every module keeps its tables in its own `*.schema.ts` (private to it); drizzle-kit gathers them all.
  schema: './src/**/*.schema.ts',
  out: './drizzle',
});
