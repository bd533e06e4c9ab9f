import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { RegistryGenerator, type BusinessRecordFull, type GeneratorOptions, type PersonRecord } from './registry.generator';

/** A PostgreSQL array literal with every element quoted, so one parameter carries a whole column of a batch. */
function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

const PEOPLE_COLUMNS = [
  ['personal_id', 'personalId', 'text'],
  ['full_name', 'fullName', 'text'],
  ['birth_date', 'birthDate', 'date'],
  ['sex', 'sex', 'text'],
  ['nationality', 'nationality', 'text'],
  ['ethnicity', 'ethnicity', 'text'],
  ['origin_commune', 'originCommune', 'text'],
  ['permanent_commune', 'permanentCommune', 'text'],
  ['permanent_street', 'permanentStreet', 'text'],
  ['current_commune', 'currentCommune', 'text'],
  ['current_street', 'currentStreet', 'text'],
  ['household_id', 'householdId', 'text'],
  ['id_card_issued_on', 'idCardIssuedOn', 'date'],
  ['father_id', 'fatherId', 'text'],
  ['mother_id', 'motherId', 'text'],
  ['spouse_id', 'spouseId', 'text'],
  ['marriage_ref', 'marriageRef', 'text'],
  ['vneid_level', 'vneidLevel', 'smallint'],
] as const satisfies ReadonlyArray<readonly [string, keyof PersonRecord, string]>;

/**
 * Inserts many people in ONE statement: each column travels as one array parameter and `unnest` turns them back
 * into rows (no 65,535-parameter limit, one round trip per batch). Existing IDs are left as they are.
 */
export async function insertPeople(db: DbOrTx, rows: readonly PersonRecord[]): Promise<number> {
  if (!rows.length) return 0;
  const cols = sql.raw(PEOPLE_COLUMNS.map(([c]) => c).join(', '));
  const arrays = sql.join(
    PEOPLE_COLUMNS.map(([, key, type]) => sql`${arrayLiteral(rows.map((r) => r[key] as string | number | null))}::${sql.raw(type)}[]`),
    sql`, `,
  );
  const res = await db.execute(sql`insert into registry_people (${cols}) select * from unnest(${arrays}) on conflict (personal_id) do nothing`);
  return (res as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as any).affectedRows ?? rows.length;
}

export async function insertBusinesses(db: DbOrTx, rows: readonly BusinessRecordFull[]): Promise<number> {
  if (!rows.length) return 0;
  // Business lines are an array per row: sent as a JSON array of arrays and unpacked in SQL.
  const res = await db.execute(sql`insert into registry_businesses (enterprise_code, name_vi, name_en, type, status, commune_code, street, legal_rep_id, charter_capital, business_lines, registered_on)
    select b.enterprise_code, b.name_vi, b.name_en, b.type, b.status, b.commune_code, b.street, b.legal_rep_id, b.charter_capital,
      array(select jsonb_array_elements_text(b.business_lines)), b.registered_on
    from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        enterprise_code: r.enterpriseCode,
        name_vi: r.nameVi,
        name_en: r.nameEn,
        type: r.type,
        status: r.status,
        commune_code: r.communeCode,
        street: r.street,
        legal_rep_id: r.legalRepId,
        charter_capital: r.charterCapital,
        business_lines: r.businessLines,
        registered_on: r.registeredOn,
      })),
    )}::jsonb) as b(enterprise_code text, name_vi text, name_en text, type text, status text, commune_code text, street text, legal_rep_id text,
      charter_capital bigint, business_lines jsonb, registered_on date)
    on conflict (enterprise_code) do nothing`);
  return (res as unknown as { rowCount?: number }).rowCount ?? (res as any).affectedRows ?? rows.length;
}

export interface LoadOptions extends GeneratorOptions {
  people: number;
  businesses: number;
  batchSize?: number;
  /** People to insert before the generated ones (e.g. hand-written demo citizens). */
  extraPeople?: PersonRecord[];
  extraBusinesses?: BusinessRecordFull[];
  onProgress?: (done: { people: number; businesses: number }) => void;
}

export interface LoadResult {
  people: number;
  businesses: number;
  ms: number;
}

/**
 * Streams generated people and businesses into the registry in batches: memory stays bounded whatever the size,
 * and the next batch is generated while the previous one is being written.
 */
export async function loadRegistry(db: DbOrTx, gen: RegistryGenerator, opts: LoadOptions): Promise<LoadResult> {
  const t0 = Date.now();
  const size = opts.batchSize ?? 5_000;
  let inflight: Promise<number> | null = null;
  let people = 0;
  let businesses = 0;
  const flush = async <T>(rows: T[], insert: (db: DbOrTx, rows: T[]) => Promise<number>, count: (n: number) => void) => {
    if (inflight) await inflight;
    inflight = insert(db, rows).then((n) => {
      count(n);
      return n;
    });
  };
  const countPeople = (n: number) => {
    people += n;
    opts.onProgress?.({ people, businesses });
  };
  const countBusinesses = (n: number) => {
    businesses += n;
    opts.onProgress?.({ people, businesses });
  };
  if (opts.extraPeople?.length) await flush(opts.extraPeople, insertPeople, countPeople);
  let batch: PersonRecord[] = [];
  for (const p of gen.people(opts.people)) {
    batch.push(p);
    if (batch.length >= size) {
      await flush(batch, insertPeople, countPeople);
      batch = [];
    }
  }
  await flush(batch, insertPeople, countPeople);
  let bb: BusinessRecordFull[] = [...(opts.extraBusinesses ?? [])];
  for (const b of gen.businesses(opts.businesses)) {
    bb.push(b);
    if (bb.length >= size) {
      await flush(bb, insertBusinesses, countBusinesses);
      bb = [];
    }
  }
  await flush(bb, insertBusinesses, countBusinesses);
  if (inflight) await inflight;
  await db.execute(sql`analyze registry_people`);
  await db.execute(sql`analyze registry_businesses`);
  return { people, businesses, ms: Date.now() - t0 };
}
