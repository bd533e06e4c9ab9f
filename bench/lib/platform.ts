/**
 * The platform a bench server measures: the configuration from the environment with the demo data, no rate limit on
 * sign-ins, the extra settings given; PGlite in memory unless DATABASE_URL names a server; reference and demo data
 * seeded, the app ready.
 */
import { loadConfig } from '../../src/config';
import { buildPlatform } from '../../src/main';
import { seedDemo, seedReference } from '../../src/seed/seed';

export async function benchPlatform(extra: Record<string, string> = {}) {
  const config = loadConfig({ ...process.env, PORT: '0', SEED_DEMO: 'true', AUTH_RATE_LIMIT_PER_MINUTE: '100000', ...extra } as Record<string, string>);
  const platform = await buildPlatform({ ...config, dataDir: process.env.DATABASE_URL ? config.dataDir : 'memory://' }, { logger: false });
  await seedReference(platform.ctx.db);
  await seedDemo(platform.ctx.db, config);
  await platform.app.ready();
  return { config, platform, db: platform.ctx.db, app: platform.app };
}
