// The full platform (auth, validation, audit, outbox) with demo data, and a bearer token for a system client.
import { loadConfig } from '../../src/config';
import { buildPlatform } from '../../src/main';
import { seedDemo, seedReference } from '../../src/seed/seed';
import { agencies } from '../../src/modules/geography/geography.schema';
import { isNull } from 'drizzle-orm';
import { accounts, roleGrants, sessions } from '../../src/modules/identity/identity.schema';
import { newToken, tokenHash } from '../../src/platform/auth/tokens';

const config = loadConfig({ ...process.env, PORT: '0', SEED_DEMO: 'true', DATA_DIR: process.env.DATABASE_URL ? undefined : 'memory://' } as Record<string, string>);
const platform = await buildPlatform({ ...config, dataDir: process.env.DATABASE_URL ? config.dataDir : 'memory://' }, { logger: false });
const db = platform.ctx.db;
await seedReference(db);
await seedDemo(db, config);
const [root] = await db.select().from(agencies).where(isNull(agencies.parentId));
const token = newToken();
const [acc] = await db.insert(accounts).values({ kind: 'system', username: 'bench.client', displayName: 'Bench client' }).returning();
await db.insert(roleGrants).values({ accountId: acc.id, role: 'platform_admin', agencyId: root.id, includeSubAgencies: true });
await db.insert(sessions).values({ kind: 'bearer', accountId: acc.id, tokenHash: tokenHash(token), label: 'bench' });
platform.startBackground();
await platform.app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (platform.app.server.address() as { port: number }).port, token, rootId: root.id, extra: await (globalThis as any).__benchExtra?.(platform) });
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
