/**
 * The agency's open-data plan and the catalogue of its databases (issue 18, item 5): kept per agency, changed by
 * its publishers (agency_admin, approver) in one transaction with the audit record and the outbox event; progress
 * read from the catalogue (the agency's published datasets and their resources) each time, never stored.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { openLevelOf, planProgress, type DatabaseEntry, type PlanContent, type PlanProgress, type PublishedFacts } from '../../shared/opendata/plan';
import { opendataDatabases, opendataDatasets, opendataPlans, opendataResources } from './opendata.schema';
import type { OpendataPorts } from './opendata.ports';

export type PlanRow = typeof opendataPlans.$inferSelect;
export type DatabaseRow = typeof opendataDatabases.$inferSelect;
export type PlanInput = PlanContent & { title: string; decisionRef?: string | null; issuedOn?: string | null };
export type DatabaseInput = Pick<DatabaseRow, 'code' | 'name' | 'kind' | 'owner' | 'legalBasis' | 'fields' | 'access'> & { nameEn?: string | null; datasetName?: string | null };

/** The agency's calendar day (Vietnam time, UTC+7, no daylight saving). */
export const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly ports: OpendataPorts,
    private readonly baseUrl: string,
  ) {}

  async plans(agencyId?: string): Promise<PlanRow[]> {
    return this.db
      .select()
      .from(opendataPlans)
      .where(agencyId ? eq(opendataPlans.agencyId, agencyId) : undefined)
      .orderBy(asc(opendataPlans.year), asc(opendataPlans.createdAt));
  }

  async plan(id: string, db: Db | Tx = this.db): Promise<PlanRow | undefined> {
    const [row] = await db.select().from(opendataPlans).where(eq(opendataPlans.id, id));
    return row;
  }

  /** What the catalogue publishes now for these agencies: each dataset's state, publication day and level. */
  async facts(agencyIds: string[], db: Db | Tx = this.db): Promise<PublishedFacts[]> {
    if (!agencyIds.length) return [];
    const ds = await db
      .select({ id: opendataDatasets.id, name: opendataDatasets.name, agencyId: opendataDatasets.agencyId, state: opendataDatasets.state, publishedAt: opendataDatasets.publishedAt })
      .from(opendataDatasets)
      .where(inArray(opendataDatasets.agencyId, agencyIds));
    const published = ds.filter((d) => d.state === 'published');
    const res = published.length
      ? await db
          .select({ datasetId: opendataResources.datasetId, format: opendataResources.format, datastoreActive: opendataResources.datastoreActive })
          .from(opendataResources)
          .where(inArray(opendataResources.datasetId, published.map((d) => d.id)))
      : [];
    return ds.map((d) => ({ name: d.name, agencyId: d.agencyId, state: d.state, publishedAt: d.publishedAt?.toISOString() ?? null, level: openLevelOf(res.filter((r) => r.datasetId === d.id)) }));
  }

  async progressOf(rows: PlanRow[], now: Date, db: Db | Tx = this.db): Promise<Map<string, PlanProgress>> {
    const facts = await this.facts([...new Set(rows.map((r) => r.agencyId))], db);
    const today = vnDay(now);
    return new Map(rows.map((r) => [r.id, planProgress({ stages: r.stages, items: r.items }, r.agencyId, facts, today)]));
  }

  async createPlan(tx: Tx, actor: Actor, agencyId: string, year: number, input: PlanInput, now: Date): Promise<PlanRow | 'exists'> {
    const [have] = await tx.select({ id: opendataPlans.id }).from(opendataPlans).where(and(eq(opendataPlans.agencyId, agencyId), eq(opendataPlans.year, year)));
    if (have) return 'exists';
    const [row] = await tx
      .insert(opendataPlans)
      .values({ agencyId, year, title: input.title, decisionRef: input.decisionRef ?? null, issuedOn: input.issuedOn ?? null, stages: input.stages, items: input.items, createdAt: now, updatedAt: now })
      .returning();
    await this.recordPlan(tx, actor, 'opendata.plan.created', row, undefined, now);
    return row;
  }

  async updatePlan(tx: Tx, actor: Actor, before: PlanRow, input: PlanInput, now: Date): Promise<PlanRow> {
    const [row] = await tx
      .update(opendataPlans)
      .set({ title: input.title, decisionRef: input.decisionRef ?? null, issuedOn: input.issuedOn ?? null, stages: input.stages, items: input.items, updatedAt: now })
      .where(eq(opendataPlans.id, before.id))
      .returning();
    await this.recordPlan(tx, actor, 'opendata.plan.updated', row, before, now);
    return row;
  }

  private async recordPlan(tx: Tx, actor: Actor, action: string, row: PlanRow, before: PlanRow | undefined, now: Date): Promise<void> {
    const summary = (p: PlanRow) => ({ year: p.year, title: p.title, decisionRef: p.decisionRef, stages: p.stages.length, items: p.items.map((i) => i.datasetName) });
    await appendAudit(tx, actor, { action, targetType: 'opendata_plan', targetId: row.id, ...(before ? { before: summary(before) } : {}), after: summary(row), agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: action, aggregateType: 'opendata_plan', aggregateId: row.id, payload: { agencyId: row.agencyId, year: row.year, items: row.items.length } });
  }

  // --- databases ---------------------------------------------------------------------------------------------------

  async databases(agencyId?: string): Promise<DatabaseRow[]> {
    return this.db
      .select()
      .from(opendataDatabases)
      .where(agencyId ? eq(opendataDatabases.agencyId, agencyId) : undefined)
      .orderBy(asc(opendataDatabases.agencyId), asc(opendataDatabases.code));
  }

  async database(id: string, db: Db | Tx = this.db): Promise<DatabaseRow | undefined> {
    const [row] = await db.select().from(opendataDatabases).where(eq(opendataDatabases.id, id));
    return row;
  }

  async createDatabase(tx: Tx, actor: Actor, agencyId: string, input: DatabaseInput, now: Date): Promise<DatabaseRow | 'exists'> {
    const [have] = await tx.select({ id: opendataDatabases.id }).from(opendataDatabases).where(and(eq(opendataDatabases.agencyId, agencyId), eq(opendataDatabases.code, input.code)));
    if (have) return 'exists';
    const [row] = await tx
      .insert(opendataDatabases)
      .values({ ...input, nameEn: input.nameEn ?? null, datasetName: input.datasetName ?? null, agencyId, createdAt: now, updatedAt: now })
      .returning();
    await this.recordDatabase(tx, actor, 'opendata.database.created', row, undefined, now);
    return row;
  }

  async updateDatabase(tx: Tx, actor: Actor, before: DatabaseRow, input: Omit<DatabaseInput, 'code'>, now: Date): Promise<DatabaseRow> {
    const [row] = await tx
      .update(opendataDatabases)
      .set({ ...input, nameEn: input.nameEn ?? null, datasetName: input.datasetName ?? null, updatedAt: now })
      .where(eq(opendataDatabases.id, before.id))
      .returning();
    await this.recordDatabase(tx, actor, 'opendata.database.updated', row, before, now);
    return row;
  }

  private async recordDatabase(tx: Tx, actor: Actor, action: string, row: DatabaseRow, before: DatabaseRow | undefined, now: Date): Promise<void> {
    const summary = (d: DatabaseRow) => ({ code: d.code, name: d.name, kind: d.kind, owner: d.owner, access: d.access, fields: d.fields });
    await appendAudit(tx, actor, { action, targetType: 'opendata_database', targetId: row.id, ...(before ? { before: summary(before) } : {}), after: summary(row), agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: action, aggregateType: 'opendata_database', aggregateId: row.id, payload: { agencyId: row.agencyId, code: row.code, kind: row.kind, access: row.access } });
  }

  /** The export (the data map's input): every database of every agency, with this installation's address. */
  async exportRows(): Promise<DatabaseEntry[]> {
    const agencies = new Map((await this.ports.agencies.all()).map((a) => [a.id, a]));
    return (await this.databases()).map((d) => ({
      installation: this.baseUrl,
      agencyCode: agencies.get(d.agencyId)?.code ?? '',
      agencyName: agencies.get(d.agencyId)?.name ?? '',
      code: d.code,
      name: d.name,
      kind: d.kind,
      owner: d.owner,
      legalBasis: d.legalBasis,
      fields: d.fields,
      access: d.access,
      datasetUrl: d.datasetName ? `${this.baseUrl}/du-lieu-mo/${d.datasetName}` : null,
      updatedAt: d.updatedAt.toISOString(),
    }));
  }
}
