import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { DEMO_BUSINESSES, DEMO_CITIZENS } from '../identity';
import { RegistryGenerator, type BusinessRecordFull, type PersonRecord } from './registry.generator';
import { loadRegistry, type LoadResult } from './registry.load';

export const DEMO_REGISTRY_SEED = 20_260_701;
export const DEMO_PEOPLE = 10_000;
export const DEMO_BUSINESS_COUNT = 1_000;
/** The demo province (Hải Phòng). */
export const DEMO_FOCUS_PROVINCE = '31';

export interface SeedRegistryOptions {
  people: number;
  businesses: number;
  seed?: number;
  focusProvince?: string;
  focusShare?: number;
  batchSize?: number;
  onProgress?: (done: { people: number; businesses: number }) => void;
}

/**
 * The hand-written demo citizens and enterprises (those the built-in e-ID provider and the organisation demo use),
 * completed with generated addresses and details; Nguyễn Văn An and Trần Thị Bình are married.
 */
export function demoRecords(gen: RegistryGenerator): { people: PersonRecord[]; businesses: BusinessRecordFull[] } {
  const people = DEMO_CITIZENS.map((c) => {
    const [template] = gen.household(1);
    return { ...template, personalId: c.personalId, fullName: c.fullName, birthDate: c.birthdate, sex: c.sex, vneidLevel: c.assuranceLevel, idCardIssuedOn: template.idCardIssuedOn ?? '2022-06-01' };
  });
  const an = people.find((p) => p.personalId === '031085001234');
  const binh = people.find((p) => p.personalId === '031190004567');
  if (an && binh) {
    an.spouseId = binh.personalId;
    binh.spouseId = an.personalId;
    an.marriageRef = binh.marriageRef = `KH${an.permanentCommune}-2014-0000001`;
    Object.assign(binh, { permanentCommune: an.permanentCommune, permanentStreet: an.permanentStreet, currentCommune: an.currentCommune, currentStreet: an.currentStreet, householdId: an.householdId });
  }
  const businesses = DEMO_BUSINESSES.map((b) => gen.business({ enterpriseCode: b.enterpriseCode, nameVi: b.name, nameEn: null, legalRepId: b.legalRepresentativePersonalId, status: b.status }));
  return { people, businesses };
}

/** Loads a generated registry (deterministic from the seed) with the demo records first. */
export async function seedRegistry(db: DbOrTx, opts: SeedRegistryOptions): Promise<LoadResult> {
  const gen = new RegistryGenerator({
    seed: opts.seed ?? DEMO_REGISTRY_SEED,
    focusProvince: opts.focusProvince ?? DEMO_FOCUS_PROVINCE,
    focusShare: opts.focusShare ?? 0.85,
    reserved: [...DEMO_CITIZENS.map((c) => c.personalId), ...DEMO_BUSINESSES.map((b) => b.enterpriseCode)],
  });
  const demo = demoRecords(gen);
  return loadRegistry(db, gen, { seed: 0, people: opts.people, businesses: opts.businesses, batchSize: opts.batchSize, extraPeople: demo.people, extraBusinesses: demo.businesses, onProgress: opts.onProgress });
}

/** The demo registry, loaded once (when the registry is empty): ~10,000 people and 1,000 enterprises, mostly in Hải Phòng. */
export async function seedDemoRegistry(db: DbOrTx): Promise<LoadResult | null> {
  const any = await db.execute(sql`select 1 from registry_people limit 1`);
  if ((any as unknown as { rows: unknown[] }).rows.length) return null;
  return seedRegistry(db, { people: DEMO_PEOPLE, businesses: DEMO_BUSINESS_COUNT });
}
