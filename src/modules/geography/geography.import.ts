import fs from 'node:fs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client';
import { appendAudit } from '../../platform/audit/audit.service';
import type { Actor } from '../../platform/auth/actor';
import { adminUnits } from './geography.schema';

/** One unit as the importer understands it (the shape of the reference data set, see seed/admin-units/README.md). */
export interface UnitRecord {
  code: string;
  level: 'province' | 'commune';
  provinceCode: string;
  name: string;
  nameEn: string | null;
  fullName: string;
  fullNameEn: string | null;
  unitType: string;
  unitTypeEn: string | null;
}

interface SourceWard {
  Code: string;
  Name: string;
  NameEn?: string;
  FullName: string;
  FullNameEn?: string;
  ProvinceCode: string;
  AdministrativeUnitShortName: string;
  AdministrativeUnitShortNameEn?: string;
}
interface SourceProvince extends Omit<SourceWard, 'ProvinceCode'> {
  Wards: SourceWard[];
}

export class UnitFileError extends Error {}

/** Parses the reference file format: an array of provinces, each with its communes (`Wards`). */
export function parseUnitFile(text: string): UnitRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UnitFileError('The file is not valid JSON');
  }
  if (!Array.isArray(data) || !data.length) throw new UnitFileError('Expected a non-empty array of provinces');
  const out: UnitRecord[] = [];
  const seen = new Set<string>();
  for (const p of data as SourceProvince[]) {
    if (!p || !/^\d{2}$/.test(p.Code) || !p.Name || !Array.isArray(p.Wards)) throw new UnitFileError(`Bad province entry ${JSON.stringify(p?.Code)}`);
    out.push({ code: p.Code, level: 'province', provinceCode: p.Code, name: p.Name.normalize('NFC'), nameEn: p.NameEn ?? null, fullName: p.FullName.normalize('NFC'), fullNameEn: p.FullNameEn ?? null, unitType: p.AdministrativeUnitShortName, unitTypeEn: p.AdministrativeUnitShortNameEn ?? null });
    for (const w of p.Wards) {
      if (!w || !/^\d{5}$/.test(w.Code) || !w.Name) throw new UnitFileError(`Bad commune entry ${JSON.stringify(w?.Code)} in province ${p.Code}`);
      if (seen.has(w.Code)) throw new UnitFileError(`Duplicate commune code ${w.Code}`);
      seen.add(w.Code);
      out.push({ code: w.Code, level: 'commune', provinceCode: p.Code, name: w.Name.normalize('NFC'), nameEn: w.NameEn ?? null, fullName: w.FullName.normalize('NFC'), fullNameEn: w.FullNameEn ?? null, unitType: w.AdministrativeUnitShortName, unitTypeEn: w.AdministrativeUnitShortNameEn ?? null });
    }
  }
  return out;
}

export interface ImportResult {
  added: number;
  changed: number;
  closed: number;
  unchanged: number;
}

const SAME_FIELDS = ['level', 'provinceCode', 'name', 'nameEn', 'fullName', 'fullNameEn', 'unitType', 'unitTypeEn'] as const;

/**
 * Imports a list of units valid from `validFrom`: new codes are added, changed units get a new version (the
 * previous one is closed the day before), units missing from the list are closed. Validity: [valid_from, valid_to].
 */
export async function importAdminUnits(db: Db, actor: Actor, units: UnitRecord[], validFrom: string, source: string): Promise<ImportResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) throw new UnitFileError('validFrom must be YYYY-MM-DD');
  const dayBefore = new Date(Date.parse(`${validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const current = await tx.select().from(adminUnits).where(isNull(adminUnits.validTo));
    const byCode = new Map(current.map((u) => [u.code, u]));
    const result: ImportResult = { added: 0, changed: 0, closed: 0, unchanged: 0 };
    const inserts: (typeof adminUnits.$inferInsert)[] = [];
    const toClose: string[] = [];
    for (const u of units) {
      const cur = byCode.get(u.code);
      byCode.delete(u.code);
      if (!cur) {
        result.added += 1;
        inserts.push({ ...u, validFrom, source });
      } else if (SAME_FIELDS.some((f) => (cur[f] ?? null) !== (u[f] ?? null))) {
        if (cur.validFrom >= validFrom) throw new UnitFileError(`Unit ${u.code} already has a version from ${cur.validFrom}; import with a later date`);
        result.changed += 1;
        toClose.push(u.code);
        inserts.push({ ...u, validFrom, source });
      } else {
        result.unchanged += 1;
      }
    }
    for (const gone of byCode.keys()) {
      toClose.push(gone);
      result.closed += 1;
    }
    for (let i = 0; i < toClose.length; i += 1000) {
      const chunk = toClose.slice(i, i + 1000);
      await tx.update(adminUnits).set({ validTo: dayBefore }).where(and(isNull(adminUnits.validTo), sql`${adminUnits.code} in ${chunk}`));
    }
    for (let i = 0; i < inserts.length; i += 500) await tx.insert(adminUnits).values(inserts.slice(i, i + 500));
    await appendAudit(tx, actor, { action: 'geography.units_imported', targetType: 'admin_units', targetId: source, after: { validFrom, ...result } });
    return result;
  });
}

export async function importAdminUnitFile(db: Db, actor: Actor, file: string, validFrom: string): Promise<ImportResult> {
  const units = parseUnitFile(fs.readFileSync(file, 'utf8'));
  return importAdminUnits(db, actor, units, validFrom, file.split('/').pop() ?? file);
}

export async function currentUnitCount(db: Db): Promise<{ provinces: number; communes: number }> {
  const rows = await db
    .select({ level: adminUnits.level, n: sql<number>`count(*)::int` })
    .from(adminUnits)
    .where(isNull(adminUnits.validTo))
    .groupBy(adminUnits.level);
  return { provinces: rows.find((r) => r.level === 'province')?.n ?? 0, communes: rows.find((r) => r.level === 'commune')?.n ?? 0 };
}

/** A unit in force, as other modules need it: its name and the province it belongs to. */
export interface CurrentUnit {
  code: string;
  level: 'province' | 'commune';
  provinceCode: string;
  fullName: string;
}

/** The units in force, held in memory (a few thousand; they change by import, a few times a year). */
export class CurrentUnits {
  private units: Map<string, CurrentUnit> | null = null;
  private loadedAt = 0;
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}
  invalidate() {
    this.units = null;
  }
  /** `db`: the caller's transaction when inside one (PGlite has one connection). */
  private async load(db: DbOrTx = this.db): Promise<Map<string, CurrentUnit>> {
    if (!this.units || Date.now() - this.loadedAt > this.ttlMs) {
      const rows = await db
        .select({ code: adminUnits.code, level: adminUnits.level, provinceCode: adminUnits.provinceCode, fullName: adminUnits.fullName })
        .from(adminUnits)
        .where(isNull(adminUnits.validTo));
      this.units = new Map(rows.map((r) => [r.code, r]));
      this.loadedAt = Date.now();
    }
    return this.units;
  }
  async has(code: string, db?: DbOrTx): Promise<boolean> {
    return (await this.load(db)).has(code);
  }
  async get(code: string): Promise<CurrentUnit | undefined> {
    return (await this.load()).get(code);
  }
  /** A place as forms write it: "Phường Lê Chân, Thành phố Hải Phòng" (the code itself when unknown). */
  async placeName(code: string, db?: DbOrTx): Promise<string> {
    const units = await this.load(db);
    const c = units.get(code);
    const p = c && c.provinceCode !== code ? units.get(c.provinceCode) : undefined;
    return c ? [c.fullName, p?.fullName].filter(Boolean).join(', ') : code;
  }

  /** A unit's name and its province's, for letterheads (a unit since merged too: old dossiers keep theirs). */
  async placeOf(code: string, db: DbOrTx = this.db): Promise<{ name: string; provinceName: string | null } | null> {
    const [unit] = await db.select({ name: adminUnits.name, provinceCode: adminUnits.provinceCode }).from(adminUnits).where(eq(adminUnits.code, code)).limit(1);
    if (!unit) return null;
    const [province] = await db.select({ name: adminUnits.name }).from(adminUnits).where(and(eq(adminUnits.code, unit.provinceCode), eq(adminUnits.level, 'province'))).limit(1);
    return { name: unit.name, provinceName: province?.name ?? null };
  }
}
