import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { platformActor } from '../../platform/auth/actor';
import { diffVersions, partOf, type VersionChange } from '../../shared/catalog';
import type { ProcedureVersionInput } from '../../shared/catalog';
import { procedureReviews, procedures, procedureVersions } from './catalog.schema';
import { catalogErrors, catalogProblems } from './catalog.errors';
import { publishProblems } from './catalog.checks';
import type { CatalogService } from './catalog.service';

export type ReviewRow = typeof procedureReviews.$inferSelect;
export interface ReviewView {
  versionId: string;
  status: 'editing' | 'submitted' | 'approved' | 'published';
  submittedBy: string | null;
  submittedAt: string | null;
  note: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishAt: string | null;
}

const view = (versionId: string, r: ReviewRow | undefined): ReviewView => ({
  versionId,
  status: r?.status ?? 'editing',
  submittedBy: r?.submittedBy ?? null,
  submittedAt: r?.submittedAt.toISOString() ?? null,
  note: r?.note ?? null,
  approvedBy: r?.approvedBy ?? null,
  approvedAt: r?.approvedAt?.toISOString() ?? null,
  publishAt: r?.publishAt?.toISOString() ?? null,
});

const role = (p: Principal) => (p.grants.some((g) => g.role === 'platform_admin') ? 'platform_admin' : 'agency_admin');

/**
 * The procedure builder's server side beyond plain draft editing: a new procedure as a copy of another, the
 * completeness checks while editing, the diff between versions, and review → approval → publication (now or at a
 * date, applied by `publishDue`). Every change is audited in its own transaction (or the caller's).
 */
export class CatalogReview {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
  ) {}

  /** The completeness checks publishing runs, each with the builder part to open. */
  async checks(versionId: string) {
    const row = await this.draftOrVersion(versionId);
    return publishProblems(row.content).map((p) => ({ ...p, part: partOf(p.field) }));
  }

  /** The changes from one version to another of the same procedure (or any two versions). */
  async diff(fromId: string, toId: string): Promise<{ from: { id: string; version: number }; to: { id: string; version: number }; changes: VersionChange[] }> {
    const [a, b] = [await this.draftOrVersion(fromId), await this.draftOrVersion(toId)];
    return { from: { id: a.id, version: a.version }, to: { id: b.id, version: b.version }, changes: diffVersions(a.content, b.content) };
  }

  async status(versionId: string): Promise<ReviewView> {
    await this.draftOrVersion(versionId);
    const [r] = await this.db.select().from(procedureReviews).where(eq(procedureReviews.versionId, versionId));
    return view(versionId, r);
  }

  /** A new procedure whose first draft copies the latest version of another, under a new key (and names). */
  async createFromCopy(principal: Principal, actor: Actor, sourceId: string, over: { key: string; name?: { vi: string; en: string }; nationalCode?: string | null }, now: Date, tx: Tx) {
    const rows = await tx.select().from(procedureVersions).where(eq(procedureVersions.procedureId, sourceId));
    if (!rows.length) throw catalogErrors.procedureNotFound();
    const latest = rows.reduce((m, r) => (r.version > m.version ? r : m), rows[0]);
    const input: ProcedureVersionInput = { key: over.key, ...latest.content, sampleData: latest.content.sampleData ?? {} };
    if (over.name) input.name = over.name;
    if (over.nationalCode !== undefined) input.nationalCode = over.nationalCode;
    const created = await this.catalog.create(principal, actor, input, now, tx);
    await appendAudit(tx, { ...actor, role: role(principal) }, { action: 'procedure.copied', targetType: 'procedure', targetId: created.procedureId, after: { from: latest.id, key: over.key } }, now);
    return created;
  }

  /** The author sends a draft for approval; it must already pass the completeness checks. */
  async submit(principal: Principal, actor: Actor, versionId: string, note: string | undefined, now: Date, tx: Tx): Promise<ReviewView> {
    const v = await this.lockDraft(tx, versionId);
    const problems = publishProblems(v.content);
    if (problems.length) throw catalogProblems.incomplete(problems);
    const [existing] = await tx.select().from(procedureReviews).where(eq(procedureReviews.versionId, versionId));
    if (existing) throw catalogProblems.reviewState(existing.status, 'editing');
    const [r] = await tx.insert(procedureReviews).values({ versionId, status: 'submitted', submittedBy: principal.accountId, submittedAt: now, note: note ?? null }).returning();
    await appendAudit(tx, { ...actor, role: role(principal) }, { action: 'procedure.review_submitted', targetType: 'procedure_version', targetId: versionId, after: { note: note ?? null } }, now);
    return view(versionId, r);
  }

  /**
   * Another administrator approves a submitted draft: published now (`publishAt` absent or past) or at `publishAt`.
   * The author cannot approve her own draft.
   */
  async approve(principal: Principal, actor: Actor, versionId: string, publishAt: Date | null, now: Date, tx: Tx): Promise<{ review: ReviewView; publishedProcedureId: string | null }> {
    await this.lockDraft(tx, versionId);
    const [r] = await tx.select().from(procedureReviews).where(eq(procedureReviews.versionId, versionId)).for('update');
    if (!r || r.status !== 'submitted') throw catalogProblems.reviewState(r?.status ?? 'editing', 'submitted');
    if (r.submittedBy === principal.accountId) throw catalogProblems.selfApproval();
    const later = publishAt && publishAt.getTime() > now.getTime() ? publishAt : null;
    const [after] = await tx.update(procedureReviews).set({ status: 'approved', approvedBy: principal.accountId, approvedAt: now, publishAt: later }).where(eq(procedureReviews.versionId, versionId)).returning();
    await appendAudit(tx, { ...actor, role: role(principal) }, { action: 'procedure.review_approved', targetType: 'procedure_version', targetId: versionId, after: { publishAt: later?.toISOString() ?? null } }, now);
    if (later) return { review: view(versionId, after), publishedProcedureId: null };
    const published = await this.catalog.publish(principal, actor, versionId, now, tx);
    const [done] = await tx.update(procedureReviews).set({ status: 'published' }).where(eq(procedureReviews.versionId, versionId)).returning();
    return { review: view(versionId, done), publishedProcedureId: published.procedureId };
  }

  /** Sends a submitted (or approved, not yet published) draft back to editing, with the reason. */
  async reject(principal: Principal, actor: Actor, versionId: string, reason: string, now: Date, tx: Tx): Promise<ReviewView> {
    await this.lockDraft(tx, versionId);
    const [r] = await tx.select().from(procedureReviews).where(eq(procedureReviews.versionId, versionId)).for('update');
    if (!r || r.status === 'published') throw catalogProblems.reviewState(r?.status ?? 'editing', 'submitted');
    await tx.delete(procedureReviews).where(eq(procedureReviews.versionId, versionId));
    await appendAudit(tx, { ...actor, role: role(principal) }, { action: 'procedure.review_returned', targetType: 'procedure_version', targetId: versionId, before: { status: r.status }, after: { reason } }, now);
    return view(versionId, undefined);
  }

  /** Publishes every approved version whose date has come (the scheduler calls it); answers the procedures published. */
  async publishDue(now: Date): Promise<string[]> {
    const due = await this.db
      .select({ versionId: procedureReviews.versionId })
      .from(procedureReviews)
      .where(and(eq(procedureReviews.status, 'approved'), isNotNull(procedureReviews.publishAt), lte(procedureReviews.publishAt, now)));
    const touched: string[] = [];
    for (const { versionId } of due) {
      const id = await this.db.transaction(async (tx) => {
        const [r] = await tx.select().from(procedureReviews).where(eq(procedureReviews.versionId, versionId)).for('update');
        if (!r || r.status !== 'approved') return null;
        const actor = { ...platformActor('scheduled-publication'), role: null };
        const system: Principal = { accountId: r.approvedBy ?? r.submittedBy, kind: 'official', grants: [{ role: 'platform_admin' }] } as unknown as Principal;
        const p = await this.catalog.publish(system, actor, versionId, now, tx);
        await tx.update(procedureReviews).set({ status: 'published' }).where(eq(procedureReviews.versionId, versionId));
        await appendAudit(tx, actor, { action: 'procedure.scheduled_publication', targetType: 'procedure_version', targetId: versionId, after: { approvedBy: r.approvedBy, publishAt: r.publishAt?.toISOString() } }, now);
        return p.procedureId;
      });
      if (id) touched.push(id);
    }
    if (touched.length) await this.catalog.refreshSearch(touched);
    return touched;
  }

  /** The review step of a draft that is sent for approval or approved (not yet published); null otherwise. */
  async inReview(versionId: string, tx: Tx): Promise<'submitted' | 'approved' | null> {
    const [r] = await tx.select({ status: procedureReviews.status }).from(procedureReviews).where(eq(procedureReviews.versionId, versionId));
    return r && r.status !== 'published' ? r.status : null;
  }

  private async lockDraft(tx: Tx, versionId: string) {
    const [v] = await tx.select().from(procedureVersions).where(eq(procedureVersions.id, versionId)).for('update');
    if (!v) throw catalogErrors.versionNotFound();
    if (v.status !== 'draft') throw catalogProblems.versionImmutable(v.status);
    return v;
  }

  private async draftOrVersion(versionId: string) {
    const [v] = await this.db.select({ id: procedureVersions.id, version: procedureVersions.version, content: procedureVersions.content, key: procedures.key }).from(procedureVersions).innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId)).where(eq(procedureVersions.id, versionId));
    if (!v) throw catalogErrors.versionNotFound();
    return v;
  }
}
