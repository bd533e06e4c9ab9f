import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../platform/db/client';
import { platformMeta } from '../platform/meta.schema';
import { platformActor } from '../platform/auth/actor';
import { appendAudit } from '../platform/audit/audit.service';
import { AgencyDirectory, currentUnitCount, importAdminUnitFile, insertAgency } from '../modules/geography';
import { insertAccount } from '../modules/identity';
import { hashPassword } from '../platform/auth/password';
import { seedCalendarExceptions } from '../platform/calendar/calendar.service';
import { seedDemoCatalogue } from '../modules/catalog';
import { seedDemoRegistry } from '../modules/registry';
import { seedConsentNotices } from '../modules/vault';
import { seedDemoPaymentAccounts } from '../modules/payment';
import { seedDemoFaq } from '../modules/voice';
import { seedDemoOpendata } from '../modules/opendata';
import { seedDemoSupervision } from '../modules/supervision';
import { RegistryBusinessDirectory, RegistryService } from '../modules/registry';
import { CalendarService } from '../platform/calendar/calendar.service';
import { systemClock } from '../platform/context';
import { seedDemoMeeting } from '../modules/meeting';
import { seedDemoInspection } from '../modules/inspection';
import { renderTextPdf } from '../modules/result';
import { DEMO_BUSINESSES, DEMO_CITIZENS } from '../modules/identity';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ADMIN_UNITS_FILE = path.resolve(here, '../../seed/admin-units/vn-admin-units-2026-07-25.json');
/** The reference list is valid from the day the two-level local government started (Resolution 202/2025/QH15). */
export const ADMIN_UNITS_VALID_FROM = '2025-07-01';

async function metaGet(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select().from(platformMeta).where(eq(platformMeta.key, key));
  return row?.value;
}
async function metaSet(db: Db, key: string, value: unknown) {
  await db.insert(platformMeta).values({ key, value }).onConflictDoUpdate({ target: platformMeta.key, set: { value, updatedAt: new Date() } });
}

/**
 * The demo's paperless meeting and online inspection (Sở Xây dựng): a meeting tomorrow with a draft open for
 * written opinions, and an inspection of the first demo enterprise, running, with its remote session and a request
 * for documents — seen by its legal representative (a demo citizen) in the portal.
 */
async function seedDemoMeetings(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: ReturnType<typeof platformActor>, c: { agencyId: string; agencyName: string; officer: (username: string) => { accountId: string; name: string } }) {
  const now = new Date();
  const business = DEMO_BUSINESSES[0];
  const rep = DEMO_CITIZENS.find((p) => p.personalId === business.legalRepresentativePersonalId)!;
  const [lead, member, leader] = [c.officer('chuyenvien.xaydung'), c.officer('trakq.xaydung'), c.officer('lanhdao.xaydung')];
  const pdf = renderTextPdf({ agency: { name: c.agencyName, parentName: null }, title: 'Dự thảo báo cáo thẩm định', sections: [{ heading: 'I. Hồ sơ', lines: ['Hồ sơ đề nghị cấp giấy phép xây dựng công trình mở rộng bến cảng số 3.'] }, { heading: 'II. Ý kiến thẩm định', lines: ['Hồ sơ đủ điều kiện cấp giấy phép theo quy định.'] }], signatures: [], subject: 'Dự thảo báo cáo thẩm định', demo: true }, now);
  await seedDemoMeeting(tx, actor, { agencyId: c.agencyId, officers: [{ ...leader, role: 'chair' }, { ...lead, role: 'secretary' }, { ...member, role: 'member' }], outsider: { personalId: rep.personalId, name: rep.fullName }, document: { title: 'Dự thảo báo cáo thẩm định', pdf } }, now);
  const session = await seedDemoMeeting(tx, actor, { agencyId: c.agencyId, title: 'Phiên kiểm tra trực tuyến: kiểm tra việc chấp hành quy định về an toàn lao động trong thi công xây dựng', officers: [{ ...lead, role: 'chair' }, { ...member, role: 'member' }], outsider: { personalId: rep.personalId, name: `Đại diện ${business.name}` }, document: { title: 'Kế hoạch kiểm tra', pdf } }, now);
  await seedDemoInspection(tx, actor, { agencyId: c.agencyId, enterprise: { code: business.enterpriseCode, name: business.name }, team: [{ ...lead, role: 'lead' }, { ...member, role: 'member' }], approvedBy: leader.accountId, meetingId: session }, now);
}

/** Reference data every installation needs: administrative units and the official calendar exceptions. */
export async function seedReference(db: Db) {
  const out: Record<string, unknown> = {};
  const units = await currentUnitCount(db);
  if (units.provinces === 0) out.adminUnits = await importAdminUnitFile(db, platformActor('seed'), ADMIN_UNITS_FILE, ADMIN_UNITS_VALID_FROM);
  if (!(await metaGet(db, 'calendar_seeded'))) {
    out.calendarExceptions = await seedCalendarExceptions(db);
    await metaSet(db, 'calendar_seeded', { at: new Date().toISOString() });
  }
  await seedConsentNotices(db);
  return out;
}

/** The demo province, its agencies and officers — loaded once, on the first start of an embedded installation. */
export async function seedDemo(db: Db, config: Config): Promise<{ loaded: boolean; agencies?: number; officers?: number; procedures?: number; registry?: { people: number; businesses: number; ms: number } }> {
  // Demo population and business registries, loaded once when the registry is empty.
  const registry = (await seedDemoRegistry(db)) ?? undefined;
  if (await metaGet(db, 'demo_seeded')) return { loaded: false, ...(registry ? { registry } : {}) };
  // Demo code and data are read only when the demo is loaded.
  const { DEMO_COMMUNES, DEMO_DEPARTMENTS, DEMO_OFFICERS, DEMO_PASSWORD, DEMO_PROVINCE, DEMO_PROVINCE_CODE } = await import('./demo-province');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actor = platformActor('seed:demo');
  const result = await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    const prov = await insertAgency(tx, { ...DEMO_PROVINCE, parentId: null });
    ids.set(prov.code, prov.id);
    const collecting: { id: string; name: string }[] = [];
    for (const a of [...DEMO_DEPARTMENTS, ...DEMO_COMMUNES]) {
      const row = await insertAgency(tx, { ...a, parentId: prov.id });
      ids.set(row.code, row.id);
      collecting.push({ id: row.id, name: row.name });
    }
    // Fees are collected by transfer to each agency's (fictitious) account, through the gateway or at the desk.
    await seedDemoPaymentAccounts(tx, collecting);
    const officerIds = new Map<string, string>();
    for (const o of DEMO_OFFICERS) {
      const grants = o.roles.map((role) => ({ role, agencyId: ids.get(o.agencyCode)!, includeSubAgencies: o.includeSubAgencies ?? false }));
      officerIds.set(o.username, await insertAccount(tx, { kind: 'officer', username: o.username, displayName: o.displayName, passwordHash, grants }));
    }
    await seedDemoMeetings(tx, actor, { agencyId: ids.get(DEMO_DEPARTMENTS[1].code)!, agencyName: DEMO_DEPARTMENTS[1].name, officer: (u) => ({ accountId: officerIds.get(u)!, name: DEMO_OFFICERS.find((o) => o.username === u)!.displayName }) });
    await seedDemoFaq(tx, actor, new Date());
    await appendAudit(tx, actor, { action: 'demo.seeded', targetType: 'platform', targetId: 'demo', after: { agencies: ids.size, officers: DEMO_OFFICERS.length } });
    return { agencies: ids.size, officers: DEMO_OFFICERS.length };
  });
  const catalogue = await seedDemoCatalogue(db);
  // Open data MotCua publishes itself: the procedure catalogue (the city), the administrative units (home affairs),
  // and a dataset of the construction department waiting for review.
  await seedDemoOpendata(db, { agencies: new AgencyDirectory(db), codes: { catalogue: DEMO_PROVINCE.code, units: DEMO_DEPARTMENTS[3].code, draft: DEMO_DEPARTMENTS[1].code }, provinceCode: DEMO_PROVINCE_CODE, baseUrl: config.publicUrl });
  // Online supervision: the construction department's monthly report, four enterprises, a seeded year (2025).
  const agencies = new AgencyDirectory(db);
  const construction = (await agencies.all()).find((a) => a.code === DEMO_DEPARTMENTS[1].code);
  if (construction) {
    const businesses = new RegistryBusinessDirectory(db, systemClock);
    const registryService = new RegistryService(db, systemClock);
    const calendar = new CalendarService(db);
    await seedDemoSupervision(db, {
      agencyId: construction.id,
      receiptKeyFile: config.supervision.receiptKeyFile,
      publicUrl: config.publicUrl,
      ports: {
        agencies,
        businesses: { find: (c, tx) => businesses.registerEntry(c, tx), inClass: (cls, tx) => registryService.businessesInClass(cls, tx) },
        mayActFor: async () => false,
        people: { citizenAccountOf: async () => null, holdersOf: async () => [] },
        calendar: (tx) => calendar.calendar(tx),
      },
    });
  }
  await metaSet(db, 'demo_seeded', { at: new Date().toISOString(), ...result, procedures: catalogue.published });
  return { loaded: true, ...result, procedures: catalogue.published, ...(registry ? { registry } : {}) };
}
