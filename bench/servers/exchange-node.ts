// One MotCua exchange node for bench:exchange: the platform with demo data, a system client allowed to read the
// registry (the direct path), and the access right of BENCH_GRANT_CLIENT to the population service.
import { isNull } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { buildPlatform } from '../../src/main';
import { seedDemo, seedReference } from '../../src/seed/seed';
import { agencies } from '../../src/modules/geography/geography.schema';
import { accounts, roleGrants, sessions } from '../../src/modules/identity/identity.schema';
import { newToken, tokenHash } from '../../src/platform/auth/tokens';
import { platformActor } from '../../src/platform/auth/actor';

const config = loadConfig({ ...process.env, SEED_DEMO: 'true', DATA_DIR: process.env.DATABASE_URL ? undefined : 'memory://' } as Record<string, string>);
const platform = await buildPlatform({ ...config, dataDir: process.env.DATABASE_URL ? config.dataDir : 'memory://' }, { logger: false });
const db = platform.ctx.db;
await seedReference(db);
await seedDemo(db, config);
const [root] = await db.select().from(agencies).where(isNull(agencies.parentId));
const token = newToken();
const [acc] = await db.insert(accounts).values({ kind: 'system', username: 'bench.reader', displayName: 'Bench reader' }).returning();
await db.insert(roleGrants).values({ accountId: acc.id, role: 'specialist', agencyId: root.id, includeSubAgencies: true });
await db.insert(sessions).values({ kind: 'bearer', accountId: acc.id, tokenHash: tokenHash(token), label: 'bench' });
if (process.env.BENCH_GRANT_CLIENT) await db.transaction((tx) => platform.services.exchange.gateway.access.grant(tx, platformActor('bench'), 'population', process.env.BENCH_GRANT_CLIENT!, new Date()));
platform.startBackground();
await platform.app.listen({ port: config.port, host: '127.0.0.1' });
process.send!({ port: config.port, token });
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
