import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { procedures, procedureVersions } from './catalog.schema';
import type { ProcedureVersion } from '../../shared/catalog/procedure';
import type { ProcedureSummary } from '../../shared/api/catalog';
import { highlightHtml, highlightRanges, queryTerms, tsQueryText } from './catalog.search';

type VersionRow = typeof procedureVersions.$inferSelect;

export function toVersion(row: VersionRow, key: string): ProcedureVersion {
  return { ...row.content, id: row.id, procedureId: row.procedureId, key, version: row.version, status: row.status, publishedAt: row.publishedAt?.toISOString() ?? null };
}

export interface CatalogFilters {
  field?: string;
  agencyKind?: string;
  level?: string;
  onlineLevel?: string;
  applicantType?: string;
  lifeEvent?: string;
}

function filterConditions(f: CatalogFilters): SQL[] {
  const v = procedureVersions;
  const c: SQL[] = [];
  if (f.field) c.push(eq(v.field, f.field));
  if (f.agencyKind) c.push(eq(v.agencyKind, f.agencyKind));
  if (f.level) c.push(eq(v.implementingLevel, f.level));
  if (f.onlineLevel) c.push(eq(v.onlineLevel, f.onlineLevel));
  if (f.applicantType) c.push(sql`${f.applicantType} = any(${v.applicantTypes})`);
  if (f.lifeEvent) c.push(sql`${f.lifeEvent} = any(${v.lifeEvents})`);
  return c;
}

const summaryColumns = {
  id: procedures.id,
  key: procedures.key,
  versionId: procedureVersions.id,
  version: procedureVersions.version,
  nationalCode: procedureVersions.nationalCode,
  nameVi: procedureVersions.nameVi,
  nameEn: procedureVersions.nameEn,
  field: procedureVersions.field,
  implementingLevel: procedureVersions.implementingLevel,
  agencyKind: procedureVersions.agencyKind,
  onlineLevel: procedureVersions.onlineLevel,
  applicantTypes: procedureVersions.applicantTypes,
  lifeEvents: procedureVersions.lifeEvents,
  processingTime: sql<ProcedureVersion['processingTime']>`${procedureVersions.content}->'processingTime'`,
};

const toSummary = (r: any): ProcedureSummary => ({
  id: r.id,
  key: r.key,
  versionId: r.versionId,
  version: r.version,
  nationalCode: r.nationalCode,
  name: { vi: r.nameVi, en: r.nameEn },
  field: r.field,
  implementingLevel: r.implementingLevel,
  agencyKind: r.agencyKind,
  onlineLevel: r.onlineLevel,
  applicantTypes: r.applicantTypes,
  lifeEvents: r.lifeEvents,
  processingTime: r.processingTime,
});

/** Published procedures (their current version), filtered, in Vietnamese alphabetical order. */
export async function listCurrent(db: DbOrTx, f: CatalogFilters, limit: number, offset: number) {
  const where = and(isNotNull(procedures.currentVersionId), ...filterConditions(f));
  const from = db.select(summaryColumns).from(procedures).innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId));
  const rows = await from.where(where).orderBy(sql`${procedureVersions.nameVi} collate "C"`, asc(procedures.id));
  // Sorted with Intl.Collator('vi') (the database's collation may not know Vietnamese); the catalogue is small.
  const sorted = rows.map(toSummary).sort((a, b) => a.name.vi.localeCompare(b.name.vi, 'vi'));
  return { total: sorted.length, items: sorted.slice(offset, offset + limit) };
}

/**
 * Full-text search over current versions, ignoring diacritics (unaccent + `simple` configuration). Every term must
 * match (the last as a prefix, for type-ahead); if none does, any term may. Ranked by weighted match, with a boost
 * when the folded name contains the folded query as typed. Equal ranks in code point order of the name, then by
 * version id (the in-memory index, `catalog.index.ts`, answers in the same order).
 */
export async function searchCurrent(db: DbOrTx, q: string, f: CatalogFilters, limit: number) {
  const terms = queryTerms(q);
  if (!terms.length) return { total: 0, items: [] as ProcedureSummary[], terms };
  const phrase = terms.join(' ');
  const v = procedureVersions;
  // Rank over light columns only (the content document is large); fetch the rest for the top rows afterwards.
  const run = async (mode: 'all' | 'any') => {
    const query = sql`to_tsquery('simple', ${tsQueryText(terms, mode)})`;
    const rank = sql<number>`ts_rank(${v.searchVector}, ${query}, 1)
      + case when ${v.nameFolded} like ${`${phrase}%`} then 1.0 when ${v.nameFolded} like ${`%${phrase}%`} then 0.5 else 0 end`;
    return db
      .select({ versionId: v.id, rank })
      .from(v)
      .where(and(eq(v.isCurrent, true), sql`${v.searchVector} @@ ${query}`, ...filterConditions(f)))
      .orderBy(desc(rank), sql`${v.nameVi} collate "C"`, asc(v.id))
      .limit(limit);
  };
  let hits = await run('all');
  if (!hits.length && terms.length > 1) hits = await run('any');
  if (!hits.length) return { total: 0, items: [] as ProcedureSummary[], terms };
  const rows = await db
    .select(summaryColumns)
    .from(procedures)
    .innerJoin(v, eq(v.id, procedures.currentVersionId))
    .where(inArray(v.id, hits.map((h) => h.versionId)));
  const byId = new Map(rows.map((r) => [r.versionId, r]));
  const items = hits
    .filter((h) => byId.has(h.versionId))
    .map((h) => {
      const s = toSummary(byId.get(h.versionId));
      const ranges = highlightRanges(s.name.vi, terms);
      return { ...s, rank: Number(h.rank), highlight: { ranges, html: highlightHtml(s.name.vi, ranges) } };
    });
  return { total: items.length, items, terms };
}

/** What the in-memory search index keeps of a current version: its summary, folded name and search vector. */
export interface SearchDocRow {
  summary: ProcedureSummary;
  nameFolded: string;
  vector: string;
}

/** The current versions (of the given procedures, or of all) with their search vector as text. */
export async function searchDocs(db: DbOrTx, procedureIds?: string[]): Promise<SearchDocRow[]> {
  const v = procedureVersions;
  const rows = await db
    .select({ ...summaryColumns, nameFolded: v.nameFolded, vector: sql<string>`${v.searchVector}::text` })
    .from(procedures)
    .innerJoin(v, eq(v.id, procedures.currentVersionId))
    .where(procedureIds ? inArray(procedures.id, procedureIds) : undefined);
  return rows.map((r) => ({ summary: toSummary(r), nameFolded: r.nameFolded ?? '', vector: r.vector }));
}

export async function findProcedure(db: DbOrTx, ref: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const cond = isUuid ? eq(procedures.id, ref) : /^\d\.\d{6}$/.test(ref) ? eq(procedures.nationalCode, ref) : eq(procedures.key, ref);
  const [row] = await db.select().from(procedures).where(cond).limit(1);
  return row;
}

export async function getVersionRow(db: DbOrTx, versionId: string) {
  const [row] = await db.select({ v: procedureVersions, key: procedures.key }).from(procedureVersions).innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId)).where(eq(procedureVersions.id, versionId));
  return row;
}

export async function versionsOf(db: DbOrTx, procedureId: string) {
  return db
    .select({ id: procedureVersions.id, version: procedureVersions.version, status: procedureVersions.status, createdAt: procedureVersions.createdAt, publishedAt: procedureVersions.publishedAt, retiredAt: procedureVersions.retiredAt })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(asc(procedureVersions.version));
}

/** Counts of published procedures per field and per life event (for browsing). */
export async function taxonomyCounts(db: DbOrTx) {
  const cur = and(isNotNull(procedures.currentVersionId));
  const fields = await db.select({ key: procedureVersions.field, n: sql<number>`count(*)::int` }).from(procedures).innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId)).where(cur).groupBy(procedureVersions.field);
  const events = await db.execute(sql`select e as key, count(*)::int as n from procedures p join procedure_versions v on v.id = p.current_version_id, unnest(v.life_events) e group by e`);
  return { fields, lifeEvents: (events as unknown as { rows: Array<{ key: string; n: number }> }).rows };
}
