import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { isUniqueViolation } from '../../platform/db/write-batch';
import { validate, type ValidateOptions, type ValidationResult } from '../../shared/eform';
import { normalizeVi } from '../../shared/text/fold';
import { procedureReviews, procedures, procedureVersions } from './catalog.schema';
import type { AppError } from '../../platform/http/errors';
import type { ProcedureContent, ProcedureVersion, ProcedureVersionInput } from '../../shared/catalog';
import { catalogErrors, catalogProblems } from './catalog.errors';
import { publishProblems } from './catalog.checks';
import { findProcedure, getVersionRow, searchCurrent, toVersion, type CatalogFilters } from './catalog.repo';
import { searchIndexFor, type CatalogSearchIndex, type SearchAnswer } from './catalog.index';
import { CompiledEforms } from './catalog.eforms';
import { CatalogReview } from './catalog.review';

const VERSION_CACHE_MS = 60_000;
const VERSION_CACHE_SIZE = 5_000;

/** Columns copied out of the content for filtering and search. */
function columnsOf(c: ProcedureContent) {
  return {
    nameVi: normalizeVi(c.name.vi),
    nameEn: c.name.en,
    nationalCode: c.nationalCode,
    field: c.field,
    implementingLevel: c.implementingLevel,
    agencyKind: c.agencyKind,
    onlineLevel: c.onlineLevel,
    applicantTypes: [...c.applicantTypes],
    lifeEvents: [...c.lifeEvents],
  };
}

const splitInput = (input: ProcedureVersionInput): { key: string; content: ProcedureContent } => {
  const { key, ...content } = input;
  return { key, content };
};

/**
 * The procedure catalogue: drafts are edited, published versions are immutable, a new version starts as a copy.
 * Agency and platform administrators manage it; every change is audited.
 */
export class CatalogService {
  /** Procedure search from memory (shared by every CatalogService over this database handle). */
  readonly searchIndex: CatalogSearchIndex;
  /** The compiled e-form of each immutable version. */
  readonly eforms = new CompiledEforms();

  /** Copy, checks, diff, review and scheduled publication (the procedure builder). */
  readonly review: CatalogReview;

  constructor(private readonly db: Db) {
    this.searchIndex = searchIndexFor(db);
    this.review = new CatalogReview(db, this);
  }

  private scheduler: NodeJS.Timeout | null = null;
  private publishing: Promise<unknown> | null = null;
  /** Background work: publishes approved versions whose date has come, every `everyMs`. */
  startScheduledPublishing(now: () => Date, everyMs: number, onError: (err: unknown) => void) {
    this.scheduler ??= setInterval(() => {
      this.publishing ??= this.review
        .publishDue(now())
        .catch(onError)
        .finally(() => (this.publishing = null));
    }, everyMs);
    this.scheduler.unref();
  }
  async stopScheduledPublishing() {
    if (this.scheduler) clearInterval(this.scheduler);
    this.scheduler = null;
    await this.publishing;
  }

  /**
   * Ranked search over the current versions: from the in-memory index, or with SQL full text while the index builds
   * (or for a term the index does not read as PostgreSQL does). The same answer either way.
   */
  async search(q: string, f: CatalogFilters, limit: number, db: DbOrTx = this.db): Promise<SearchAnswer> {
    return this.searchIndex.search(q, f, limit) ?? (await this.searchSql(q, f, limit, db));
  }

  /** The SQL full-text search (the fallback; also what the benchmark compares the index with). */
  searchSql(q: string, f: CatalogFilters, limit: number, db: DbOrTx = this.db): Promise<SearchAnswer> {
    return searchCurrent(db, q, f, limit);
  }

  private actingRole(p: Principal) {
    return p.grants.some((g) => g.role === 'platform_admin') ? 'platform_admin' : 'agency_admin';
  }

  /**
   * Published versions are immutable, so they are kept in memory (every submission and action reads its version);
   * only the status can still change (retirement), hence the short life of an entry.
   */
  private versions = new Map<string, { at: number; version: ProcedureVersion }>();

  /** `db`: the caller's transaction, to read through it (PGlite has one connection). */
  async getVersion(versionId: string, db: DbOrTx = this.db): Promise<ProcedureVersion> {
    const hit = this.versions.get(versionId);
    if (hit && Date.now() - hit.at < VERSION_CACHE_MS) return hit.version;
    const row = await getVersionRow(db, versionId);
    if (!row) throw catalogErrors.versionNotFound();
    const version = toVersion(row.v, row.key);
    if (version.status !== 'draft') {
      if (this.versions.size >= VERSION_CACHE_SIZE) this.versions.clear();
      this.versions.set(versionId, { at: Date.now(), version });
    }
    return version;
  }

  /** The version citizens file under now (the dossier module calls this). */
  async currentVersion(procedureRef: string, db: DbOrTx = this.db): Promise<ProcedureVersion> {
    const p = await findProcedure(db, procedureRef);
    if (!p) throw catalogErrors.procedureNotFound();
    if (!p.currentVersionId) throw catalogErrors.notPublished();
    return this.getVersion(p.currentVersionId, db);
  }

  /** Validates submitted form data against a version's e-form (server side, vi/en message per field). */
  async validateData(versionId: string, data: unknown, opts: ValidateOptions = {}, db: DbOrTx = this.db): Promise<ValidationResult> {
    const v = await this.getVersion(versionId, db);
    const parsed = this.eforms.get(versionId, v.eform, v.status !== 'draft');
    if (!parsed.ok) throw catalogProblems.incomplete(parsed.problems.map((p) => ({ field: `eform.${p.path}`, code: p.code, message: p.message })));
    return validate(parsed.definition, data, opts);
  }

  async create(principal: Principal, actor: Actor, input: ProcedureVersionInput, now: Date, tx?: Tx) {
    const { key, content } = splitInput(input);
    const run = async (t: Tx) => {
      const [proc] = await t.insert(procedures).values({ key, nationalCode: content.nationalCode, createdAt: now, updatedAt: now }).returning();
      const [ver] = await t.insert(procedureVersions).values({ procedureId: proc.id, version: 1, status: 'draft', content, ...columnsOf(content), createdAt: now, updatedAt: now }).returning();
      await appendAudit(t, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.created', targetType: 'procedure', targetId: proc.id, after: { key, versionId: ver.id } }, now);
      return toVersion(ver, key);
    };
    try {
      return tx ? await run(tx) : await this.db.transaction(run);
    } catch (err) {
      if (isUniqueViolation(err, 'procedures_key_uq')) throw catalogProblems.keyTaken(key);
      throw err;
    }
  }

  async updateDraft(principal: Principal, actor: Actor, versionId: string, input: ProcedureVersionInput, now: Date, outer?: Tx) {
    const { key, content } = splitInput(input);
    return this.inTx(outer, async (tx) => {
      const [before] = await tx.select().from(procedureVersions).where(eq(procedureVersions.id, versionId)).for('update');
      if (!before) throw catalogErrors.versionNotFound();
      if (before.status !== 'draft') throw catalogProblems.versionImmutable(before.status);
      const [proc] = await tx.select().from(procedures).where(eq(procedures.id, before.procedureId));
      if (key !== proc.key) {
        try {
          await tx.update(procedures).set({ key, updatedAt: now }).where(eq(procedures.id, proc.id));
        } catch (err) {
          if (isUniqueViolation(err, 'procedures_key_uq')) throw catalogProblems.keyTaken(key);
          throw err;
        }
      }
      const [after] = await tx.update(procedureVersions).set({ content, ...columnsOf(content), updatedAt: now }).where(eq(procedureVersions.id, versionId)).returning();
      // An edit sends a draft under review back to editing: what was approved is not what would be published.
      const reopened = await tx.delete(procedureReviews).where(eq(procedureReviews.versionId, versionId)).returning();
      await appendAudit(tx, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.draft_edited', targetType: 'procedure_version', targetId: versionId, before: before.content, after: { ...content, ...(reopened.length ? { reviewReopened: true } : {}) } }, now);
      return toVersion(after, key);
    });
  }

  /** Publishes a complete draft; it becomes the current version and the previous one stays readable. */
  async publish(principal: Principal, actor: Actor, versionId: string, now: Date, tx?: Tx) {
    const run = async (t: Tx) => {
      const [v] = await t.select().from(procedureVersions).where(eq(procedureVersions.id, versionId)).for('update');
      if (!v) throw catalogErrors.versionNotFound();
      if (v.status !== 'draft') throw catalogProblems.versionImmutable(v.status);
      const problems = publishProblems(v.content);
      if (problems.length) throw catalogProblems.incomplete(problems);
      const [proc] = await t.select().from(procedures).where(eq(procedures.id, v.procedureId)).for('update');
      if (proc.currentVersionId) await t.update(procedureVersions).set({ isCurrent: false }).where(eq(procedureVersions.id, proc.currentVersionId));
      const [after] = await t.update(procedureVersions).set({ status: 'published', isCurrent: true, publishedAt: now, updatedAt: now }).where(eq(procedureVersions.id, versionId)).returning();
      await t.update(procedures).set({ currentVersionId: versionId, nationalCode: v.nationalCode, updatedAt: now }).where(eq(procedures.id, v.procedureId));
      await appendAudit(t, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.published', targetType: 'procedure_version', targetId: versionId, before: { current: proc.currentVersionId }, after: { current: versionId } }, now);
      await enqueueEvent(t, { type: 'procedure.published', aggregateType: 'procedure', aggregateId: v.procedureId, payload: { versionId, version: v.version, nationalCode: v.nationalCode } });
      return toVersion(after, proc.key);
    };
    if (tx) return run(tx); // the caller refreshes the search index once its transaction commits
    const published = await this.db.transaction(run);
    await this.searchIndex.refresh([published.procedureId]);
    return published;
  }

  /** Withdraws a procedure from the catalogue: its current version is retired; dossiers filed under it are kept. */
  async retire(principal: Principal, actor: Actor, procedureId: string, now: Date, outer?: Tx) {
    await this.inTx(outer, async (tx) => {
      const [proc] = await tx.select().from(procedures).where(eq(procedures.id, procedureId)).for('update');
      if (!proc) throw catalogErrors.procedureNotFound();
      if (!proc.currentVersionId) throw catalogErrors.notPublished();
      await tx.update(procedureVersions).set({ status: 'retired', isCurrent: false, retiredAt: now, updatedAt: now }).where(eq(procedureVersions.id, proc.currentVersionId));
      this.versions.delete(proc.currentVersionId);
      await tx.update(procedures).set({ currentVersionId: null, updatedAt: now }).where(eq(procedures.id, procedureId));
      await appendAudit(tx, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.retired', targetType: 'procedure', targetId: procedureId, before: { current: proc.currentVersionId } }, now);
      await enqueueEvent(tx, { type: 'procedure.retired', aggregateType: 'procedure', aggregateId: procedureId, payload: { versionId: proc.currentVersionId } });
    });
    if (!outer) await this.searchIndex.refresh([procedureId]); // else the caller refreshes once its transaction commits
  }

  /** Starts a new draft as a copy of the latest version. */
  async copyToNewVersion(principal: Principal, actor: Actor, procedureId: string, now: Date, outer?: Tx) {
    return this.inTx(outer, async (tx) => {
      const [proc] = await tx.select().from(procedures).where(eq(procedures.id, procedureId)).for('update');
      if (!proc) throw catalogErrors.procedureNotFound();
      const [latest] = await tx.select().from(procedureVersions).where(eq(procedureVersions.procedureId, procedureId)).orderBy(desc(procedureVersions.version)).limit(1);
      if (latest.status === 'draft') throw catalogProblems.draftExists();
      const [ver] = await tx.insert(procedureVersions).values({ procedureId, version: latest.version + 1, status: 'draft', content: latest.content, ...columnsOf(latest.content), createdAt: now, updatedAt: now }).returning();
      await appendAudit(tx, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.version_copied', targetType: 'procedure_version', targetId: ver.id, after: { from: latest.id, version: ver.version } }, now);
      return toVersion(ver, proc.key);
    });
  }

  /** The id of the latest version of a procedure, by key (the spreadsheet import answers it). */
  async latestVersionId(key: string, db: DbOrTx = this.db): Promise<string | undefined> {
    const [r] = await db.select({ id: procedureVersions.id }).from(procedureVersions).innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId)).where(eq(procedures.key, key)).orderBy(desc(procedureVersions.version)).limit(1);
    return r?.id;
  }

  /** The catalogue as JSON (the latest version of every procedure), in the import format. */
  async exportAll(): Promise<ProcedureVersionInput[]> {
    const rows = await this.db.select({ v: procedureVersions, key: procedures.key }).from(procedureVersions).innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId)).orderBy(procedures.key, desc(procedureVersions.version));
    const seen = new Set<string>();
    const out: ProcedureVersionInput[] = [];
    for (const r of rows) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      out.push({ key: r.key, ...r.v.content, sampleData: r.v.content.sampleData ?? {} });
    }
    return out;
  }

  /**
   * Imports procedures: a new key becomes a new procedure; a known key gets a new draft (replacing an open draft).
   * `then` says what follows for each imported draft, all or nothing (one incomplete version aborts the import):
   * `submit` sends it for approval by another administrator (an administrator's import: the review is the only way to
   * publish); `publish` publishes it at once, for the installation's own seed only (no administrator acts).
   */
  async importAll(principal: Principal, actor: Actor, inputs: ProcedureVersionInput[], then: 'draft' | 'submit' | 'publish', now: Date, outer?: Tx) {
    const touched: string[] = [];
    const result = await this.inTx(outer, async (tx) => {
      const result = { created: 0, updated: 0, submitted: 0, published: 0 };
      for (const input of inputs) {
        const { key, content } = splitInput(input);
        const [proc] = await tx.select().from(procedures).where(eq(procedures.key, key)).for('update');
        let versionId: string;
        if (!proc) {
          versionId = (await this.create(principal, actor, input, now, tx)).id;
          result.created++;
        } else {
          const [draft] = await tx.select().from(procedureVersions).where(and(eq(procedureVersions.procedureId, proc.id), eq(procedureVersions.status, 'draft')));
          if (draft) {
            await tx.update(procedureVersions).set({ content, ...columnsOf(content), updatedAt: now }).where(eq(procedureVersions.id, draft.id));
            await tx.delete(procedureReviews).where(eq(procedureReviews.versionId, draft.id));
            versionId = draft.id;
          } else {
            const [latest] = await tx.select({ version: procedureVersions.version }).from(procedureVersions).where(eq(procedureVersions.procedureId, proc.id)).orderBy(desc(procedureVersions.version)).limit(1);
            versionId = (await tx.insert(procedureVersions).values({ procedureId: proc.id, version: latest.version + 1, status: 'draft', content, ...columnsOf(content), createdAt: now, updatedAt: now }).returning())[0].id;
          }
          await appendAudit(tx, { ...actor, role: this.actingRole(principal) }, { action: 'procedure.imported', targetType: 'procedure_version', targetId: versionId, after: content }, now);
          result.updated++;
        }
        if (then !== 'draft') {
          try {
            if (then === 'publish') touched.push((await this.publish(principal, actor, versionId, now, tx)).procedureId);
            else await this.review.submit(principal, actor, versionId, undefined, now, tx);
          } catch (e) {
            if ((e as { code?: string }).code === 'catalog.incomplete_version') {
              const err = e as AppError;
              throw catalogProblems.incomplete((err.fields ?? []).map((f) => ({ ...f, field: `${key}.${f.field}` })));
            }
            throw e;
          }
          result[then === 'publish' ? 'published' : 'submitted']++;
        }
      }
      return result;
    });
    if (!outer) await this.searchIndex.refresh(touched);
    return { ...result, touched };
  }

  /**
   * Brings the in-memory search index up to date for these procedures. Call it after the transaction that changed
   * them committed, never inside it (on PGlite, with one connection, its read would wait for that transaction).
   */
  async refreshSearch(procedureIds: string[]): Promise<void> {
    await this.searchIndex.refresh(procedureIds);
  }

  /** Runs `run` in the caller's transaction when there is one (a route's idempotent transaction), else in its own. */
  private inTx<T>(outer: Tx | undefined, run: (tx: Tx) => Promise<T>): Promise<T> {
    return outer ? run(outer) : this.db.transaction(run);
  }
}
