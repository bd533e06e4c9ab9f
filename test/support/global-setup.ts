/** vitest globalSetup: one database template per run (see template.ts), removed at the end. */
import { buildTemplate } from './template';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  // MOTCUA_TEST_TEMPLATE=off: every file builds its database from nothing (to measure, or to rule the template out).
  if (process.env.MOTCUA_TEST_TEMPLATE === 'off') return;
  const started = Date.now();
  const remove = await buildTemplate(process.env.MOTCUA_TEST_DB === 'postgres');
  process.stdout.write(`test database template built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return remove;
}
