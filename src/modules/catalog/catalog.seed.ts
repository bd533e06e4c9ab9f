import type { Db } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { platformActor } from '../../platform/auth/actor';
import { DEMO_PROCEDURES } from './demo/procedures';
import { CatalogService } from './catalog.service';

/** The platform itself, publishing the demo catalogue at first start. */
const seeder: Principal = { accountId: '00000000-0000-0000-0000-000000000000', kind: 'system', displayName: 'seed', personalId: null, grants: [{ role: 'platform_admin', agencyId: '00000000-0000-0000-0000-000000000000', includeSubAgencies: true }], sessionId: 'seed', sessionKind: 'bearer', csrfToken: null } as Principal;

export async function seedDemoCatalogue(db: Db, now = new Date()) {
  return new CatalogService(db).importAll(seeder, platformActor('seed:catalogue'), DEMO_PROCEDURES, true, now);
}
