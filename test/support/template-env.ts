/**
 * Where test processes find this run's database templates (built by global-setup.ts through template.ts). Kept apart
 * from the builder, which imports the whole platform: the e2e server helper (also used by web/scripts) needs only
 * these names.
 */
import fs from 'node:fs';

export const PGLITE_TEMPLATE_ENV = 'MOTCUA_TEST_PGLITE_TEMPLATE';
export const PG_TEMPLATE_ENV = 'MOTCUA_TEST_PG_TEMPLATE';

let dump: Blob | null = null;
/** The PGlite template of this run, read once per test process; null outside a vitest run with the global setup. */
export function pgliteTemplate(): Blob | null {
  const file = process.env[PGLITE_TEMPLATE_ENV];
  if (!file || !fs.existsSync(file)) return null;
  dump ??= new Blob([fs.readFileSync(file)]);
  return dump;
}

/** The PostgreSQL template database of this run, or null. */
export const pgTemplate = (): string | null => process.env[PG_TEMPLATE_ENV] || null;
