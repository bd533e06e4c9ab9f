import { eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { randomUUID } from 'node:crypto';
import { appendAudit, auditInsert } from '../../platform/audit/audit.service';
import { enqueueEvent, eventInsert } from '../../platform/events/outbox';
import { agencies } from './geography.schema';
import { AGENCY_CODE_RE, codeExtendsParent, type AgencyDirectory, type AgencyRow } from './agency.directory';
import { geographyErrors } from './geography.errors';
import type { CurrentUnits } from './geography.import';
import { isUniqueViolation, writeAtomically } from '../../platform/db/write-batch';

export interface AgencyInput {
  code: string;
  name: string;
  nameEn: string;
  level: AgencyRow['level'];
  kind: string;
  parentId?: string | null;
  adminUnitCode: string;
  oneStopUnit: string;
  oneStopUnitEn?: string | null;
  address?: string | null;
}

/** An agency as loaded with reference or demo data (the caller audits the load as a whole). */
export type AgencyInsert = Omit<typeof agencies.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** Inserts one agency directly (seed data, CLI); the admin API goes through AgencyService with its checks. */
export async function insertAgency(db: DbOrTx, row: AgencyInsert): Promise<AgencyRow> {
  const [inserted] = await db.insert(agencies).values(row).returning();
  return inserted;
}

/** The root agencies (no parent): the province or ministry an installation serves. */
export async function rootAgencies(db: DbOrTx): Promise<AgencyRow[]> {
  return db.select().from(agencies).where(isNull(agencies.parentId));
}

export class AgencyService {
  constructor(
    private readonly db: Db,
    private readonly directory: AgencyDirectory,
    private readonly units: CurrentUnits,
  ) {}

  /** Platform admins manage the whole tree; agency admins manage agencies under their own (jurisdiction). */
  private async requireAdminOver(principal: Principal, agencyId: string | null, db: DbOrTx): Promise<'platform_admin' | 'agency_admin'> {
    if (principal.grants.some((g) => g.role === 'platform_admin')) return 'platform_admin';
    if (agencyId && (await this.directory.roleIn(principal, ['agency_admin'], agencyId, db))) return 'agency_admin';
    throw geographyErrors.notAdmin();
  }

  private async checkCodeAndParent(db: DbOrTx, code: string, parentId: string | null | undefined, selfId?: string) {
    if (!AGENCY_CODE_RE.test(code)) throw geographyErrors.agencyCodeInvalid(code);
    if (!parentId) return;
    const parent = await this.directory.get(parentId, db);
    if (!parent) throw geographyErrors.agencyNotFound();
    if (selfId && (await this.directory.lineage(parentId, db)).some((a) => a.id === selfId)) throw geographyErrors.parentCycle({ vi: 'Một cơ quan không thể trực thuộc chính nó hay cơ quan cấp dưới của nó.', en: 'An agency cannot sit under itself or one of its sub-agencies.' });
    if (!codeExtendsParent(code, parent.code)) throw geographyErrors.agencyCodeInvalid(code, parent.code);
  }

  /** Adds an agency; every read and the write through `db` (a route's idempotent transaction, or the default handle). */
  async create(principal: Principal, actor: Actor, input: AgencyInput, now: Date, db: DbOrTx = this.db): Promise<AgencyRow> {
    const role = await this.requireAdminOver(principal, input.parentId ?? null, db);
    await this.checkCodeAndParent(db, input.code, input.parentId);
    if (!(await this.units.has(input.adminUnitCode, db))) throw geographyErrors.unitNotFound(input.adminUnitCode);
    const row: AgencyRow = {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      nameEn: input.nameEn,
      level: input.level,
      kind: input.kind,
      parentId: input.parentId ?? null,
      adminUnitCode: input.adminUnitCode,
      oneStopUnit: input.oneStopUnit,
      oneStopUnitEn: input.oneStopUnitEn ?? null,
      address: input.address ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    // Insert, audit record and event in one atomic statement; a taken code is caught by the unique index.
    try {
      await writeAtomically(db, [
        db.insert(agencies).values(row),
        auditInsert(db, { ...actor, role }, { action: 'agency.created', targetType: 'agency', targetId: row.id, after: row, agencyId: row.parentId ?? row.id }, now),
        eventInsert(db, { type: 'agency.created', aggregateType: 'agency', aggregateId: row.id, payload: { code: row.code } }),
      ]);
    } catch (err) {
      if (isUniqueViolation(err, 'agencies_code_uq')) throw geographyErrors.agencyCodeTaken(input.code);
      throw err;
    }
    this.directory.remember(row);
    return row;
  }

  /** Changes an agency; in `outer` when given (a route's idempotent transaction), every read through it. */
  async update(principal: Principal, actor: Actor, id: string, patch: Partial<AgencyInput>, now: Date, outer?: Tx): Promise<AgencyRow> {
    const db: DbOrTx = outer ?? this.db;
    const existing = await this.directory.get(id, db);
    if (!existing) throw geographyErrors.agencyNotFound();
    const role = await this.requireAdminOver(principal, id, db);
    const next = { ...existing, ...patch };
    if (patch.code !== undefined || patch.parentId !== undefined) await this.checkCodeAndParent(db, next.code, next.parentId, id);
    if (patch.adminUnitCode && !(await this.units.has(patch.adminUnitCode, db))) throw geographyErrors.unitNotFound(patch.adminUnitCode);
    const write = async (tx: Tx) => {
      const [before] = await tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
      if (!before) throw geographyErrors.agencyNotFound();
      if (patch.code && patch.code !== before.code) {
        const taken = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, patch.code)).limit(1);
        if (taken.length) throw geographyErrors.agencyCodeTaken(patch.code);
      }
      const [updated] = await tx.update(agencies).set({ ...patch, updatedAt: now }).where(eq(agencies.id, id)).returning();
      await appendAudit(tx, { ...actor, role }, { action: 'agency.updated', targetType: 'agency', targetId: id, before, after: updated, agencyId: id }, now);
      await enqueueEvent(tx, { type: 'agency.updated', aggregateType: 'agency', aggregateId: id, payload: { code: updated.code } });
      return updated;
    };
    const row = outer ? await write(outer) : await this.db.transaction(write);
    this.directory.remember(row);
    return row;
  }
}
