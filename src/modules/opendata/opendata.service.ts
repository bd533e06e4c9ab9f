/**
 * The open-data catalogue (danh mục dữ liệu mở): datasets of agencies, their resources, groups (topics) and tags,
 * the publication workflow (draft → review → published → retired) and the search CKAN clients use. Every change
 * is one transaction with its audit record, its outbox event and an activity-stream entry.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { newToken, tokenHash } from '../../platform/auth/tokens';
import { foldVi } from '../../shared/text/fold';
import { CKAN_NAME_RE, DEFAULT_LICENCE, FREQUENCIES, LICENCES, licenceOf, orgNameOfCode } from '../../shared/opendata/licences';
import { parseFilters, parseQ, parseSort, SearchQueryError, type ParsedFilters } from '../../shared/opendata/search-query';
import type { Role } from '../../shared/auth/roles';
import { CkanError, type CkanCaller } from './ckan/action';
import { DATASET_STATES, opendataActivity, opendataApiTokens, opendataDatasets, opendataGroups, opendataResources, opendataTags, RESOURCE_FORMATS, type DatasetState } from './opendata.schema';
import type { OpendataAgency, OpendataPorts } from './opendata.ports';
import { datasetSearchIndexFor, firstInOrder, type DatasetSearchIndex, type SearchEntry } from './search.index';

export type DatasetRow = typeof opendataDatasets.$inferSelect;
export type ResourceRow = typeof opendataResources.$inferSelect;
export type GroupRow = typeof opendataGroups.$inferSelect;
type DatasetFields = Omit<DatasetRow, 'id' | 'state' | 'searchText' | 'createdBy' | 'metadataCreated' | 'metadataModified' | 'publishedAt'>;

/** Roles of an agency that prepare its datasets (drafts, submit for review). */
export const EDIT_ROLES: readonly Role[] = ['agency_admin', 'approver', 'specialist'];
/** Roles of an agency that publish, send back and retire its datasets. */
export const PUBLISH_ROLES: readonly Role[] = ['agency_admin', 'approver'];

export type Transition = 'submit' | 'publish' | 'return' | 'retire';
const TRANSITIONS: Record<Transition, { from: DatasetState[]; to: DatasetState; publisher: boolean }> = {
  submit: { from: ['draft'], to: 'review', publisher: false },
  publish: { from: ['review'], to: 'published', publisher: true },
  return: { from: ['review'], to: 'draft', publisher: true },
  retire: { from: ['published'], to: 'retired', publisher: true },
};

/** Who publishes: the agencies she prepares datasets for and those she may publish for. */
export interface Publisher {
  accountId: string;
  editAgencies: ReadonlySet<string>;
  publishAgencies: ReadonlySet<string>;
  admin: boolean;
}

export function publisherOfCaller(c: CkanCaller): Publisher {
  const admin = c.roles.includes('platform_admin');
  const publishes = c.roles.some((r) => (PUBLISH_ROLES as readonly string[]).includes(r));
  return { accountId: c.accountId, editAgencies: new Set(c.agencyIds), publishAgencies: new Set(publishes ? c.agencyIds : []), admin };
}

const canEdit = (p: Publisher | null, agencyId: string) => !!p && (p.admin || p.editAgencies.has(agencyId));
const canPublish = (p: Publisher | null, agencyId: string) => !!p && (p.admin || p.publishAgencies.has(agencyId));

const CKAN_STATE: Record<DatasetState, string> = { draft: 'draft', review: 'draft', published: 'active', retired: 'deleted' };
const iso = (d: Date | null) => (d ? d.toISOString().replace(/Z$/, '') : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.normalize('NFC').trim() : typeof v === 'number' ? String(v) : undefined);
const invalid = (fields: Record<string, string[]>) => new CkanError('Validation Error', 'Dữ liệu không hợp lệ / Invalid data', fields);
const notFound = (what: string) => new CkanError('Not Found Error', `Không tìm thấy ${what} / ${what} not found`);
const forbidden = (en: string) => new CkanError('Authorization Error', `Không có quyền / ${en}`);

function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(s);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        /* a plain comma list then */
      }
    }
    return s ? s.split(',').map((x) => x.trim()) : [];
  }
  return [];
}
const names = (v: unknown): string[] => [...new Set(list(v).map((x) => (typeof x === 'object' && x ? str((x as { name?: unknown }).name) : str(x))).filter((x): x is string => !!x))];

function searchTextOf(d: Pick<DatasetRow, 'name' | 'titleVi' | 'titleEn' | 'notesVi' | 'notesEn' | 'tags' | 'groups' | 'formats'>): string {
  return foldVi([d.name.replace(/[-_]/g, ' '), d.titleVi, d.titleEn, d.notesVi, d.notesEn, d.tags.join(' '), d.groups.join(' '), d.formats.join(' ')].filter(Boolean).join(' '));
}

export interface SearchResult {
  count: number;
  sort: string;
  results: Record<string, unknown>[];
  facets: Record<string, Record<string, number>>;
  search_facets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }>;
}

const FACETABLE = ['organization', 'tags', 'groups', 'res_format', 'license_id'] as const;

export class OpendataService {
  /** What package_search reads of every published dataset, in memory and kept in step with the outbox. */
  private readonly searchIndex: DatasetSearchIndex;

  constructor(
    private readonly db: Db,
    private readonly ports: OpendataPorts,
    private readonly baseUrl: string,
  ) {
    this.searchIndex = datasetSearchIndexFor(db);
  }

  // --- callers ---------------------------------------------------------------------------------------------------

  async resolveToken(raw: string, now: Date): Promise<CkanCaller | null> {
    if (!raw || raw.length > 200) return null;
    const [row] = await this.db.select().from(opendataApiTokens).where(eq(opendataApiTokens.tokenHash, tokenHash(raw)));
    if (!row || row.revokedAt) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await this.db.update(opendataApiTokens).set({ lastUsedAt: now }).where(eq(opendataApiTokens.id, row.id));
    return { accountId: row.accountId, agencyIds: row.agencyIds, roles: row.roles };
  }

  /** Issues an API token for the agencies the account prepares data for; the secret is shown once. */
  async createToken(tx: Tx, actor: Actor, input: { accountId: string; label: string; agencyIds: string[]; roles: string[] }, now: Date): Promise<{ id: string; token: string }> {
    const token = newToken();
    const [row] = await tx.insert(opendataApiTokens).values({ tokenHash: tokenHash(token), accountId: input.accountId, label: input.label, agencyIds: input.agencyIds, roles: input.roles, createdAt: now }).returning({ id: opendataApiTokens.id });
    await appendAudit(tx, actor, { action: 'opendata.token.created', targetType: 'opendata_token', targetId: row.id, after: { label: input.label, agencies: input.agencyIds } }, now);
    await enqueueEvent(tx, { type: 'opendata.token.created', aggregateType: 'opendata_token', aggregateId: row.id, payload: { accountId: input.accountId } });
    return { id: row.id, token };
  }

  // --- lookups ---------------------------------------------------------------------------------------------------

  private async datasetByIdOrName(idOrName: string, db: DbOrTx = this.db): Promise<DatasetRow | undefined> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    const [row] = await db
      .select()
      .from(opendataDatasets)
      .where(isUuid ? eq(opendataDatasets.id, idOrName) : eq(opendataDatasets.name, idOrName));
    return row;
  }

  /** Public: published and not private. Otherwise only her agency's publishers see it. */
  private visible(d: DatasetRow, caller: Publisher | null): boolean {
    return (d.state === 'published' && !d.private) || canEdit(caller, d.agencyId);
  }

  allAgencies(): Promise<OpendataAgency[]> {
    return this.ports.agencies.all();
  }

  async orgOf(idOrName: string, db?: DbOrTx): Promise<OpendataAgency | undefined> {
    const all = await this.ports.agencies.all(db);
    return all.find((a) => a.id === idOrName || orgNameOfCode(a.code) === idOrName || a.code === idOrName);
  }

  orgDict(a: OpendataAgency, lang: 'vi' | 'en' = 'vi'): Record<string, unknown> {
    return {
      id: a.id,
      name: orgNameOfCode(a.code),
      title: lang === 'en' ? a.nameEn || a.name : a.name,
      type: 'organization',
      description: lang === 'en' ? a.name : a.nameEn,
      image_url: '',
      created: iso(a.createdAt),
      is_organization: true,
      approval_status: 'approved',
      state: a.active ? 'active' : 'deleted',
    };
  }

  resourceDict(r: ResourceRow, d: DatasetRow): Record<string, unknown> {
    return {
      id: r.id,
      package_id: d.id,
      name: r.name,
      description: r.description ?? '',
      format: r.format,
      url: r.url ?? `${this.baseUrl}/dataset/${d.name}/resource/${r.id}/download`,
      // CKAN's kinds: an uploaded file, data held only in the DataStore (no file nor link of its own), or a link.
      url_type: r.fileRef ? 'upload' : r.url ? null : 'datastore',
      size: r.size,
      mimetype: r.mimetype,
      datastore_active: r.datastoreActive,
      created: iso(r.created),
      last_modified: iso(r.lastModified),
      metadata_modified: iso(r.lastModified),
      position: r.position,
      state: 'active',
    };
  }

  groupDict(g: GroupRow, count?: number): Record<string, unknown> {
    return {
      id: g.id,
      name: g.name,
      title: g.titleVi,
      display_name: g.titleVi,
      title_en: g.titleEn,
      description: g.descriptionVi ?? '',
      type: 'group',
      is_organization: false,
      state: 'active',
      image_url: '',
      image_display_url: '',
      created: iso(g.created),
      approval_status: 'approved',
      ...(count !== undefined ? { package_count: count } : {}),
    };
  }

  /** `resources`: those of each row when the caller has them already (the search index), in position order. */
  async packageDicts(rows: DatasetRow[], db: DbOrTx = this.db, resources?: ReadonlyMap<string, ResourceRow[]>): Promise<Record<string, unknown>[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const res = resources ? rows.flatMap((r) => resources.get(r.id) ?? []) : await db.select().from(opendataResources).where(inArray(opendataResources.datasetId, ids)).orderBy(asc(opendataResources.position), asc(opendataResources.created));
    const groupNames = [...new Set(rows.flatMap((r) => r.groups))];
    const groups = groupNames.length ? await db.select().from(opendataGroups).where(inArray(opendataGroups.name, groupNames)) : [];
    const out = [];
    for (const d of rows) {
      const agency = await this.ports.agencies.get(d.agencyId, db);
      const lic = licenceOf(d.licenseId);
      const mine = res.filter((r) => r.datasetId === d.id);
      out.push({
        id: d.id,
        name: d.name,
        title: d.titleVi,
        title_translated: { vi: d.titleVi, en: d.titleEn ?? d.titleVi },
        notes: d.notesVi ?? '',
        notes_translated: { vi: d.notesVi ?? '', en: d.notesEn ?? d.notesVi ?? '' },
        type: 'dataset',
        license_id: d.licenseId,
        license_title: lic?.title ?? d.licenseId,
        license_url: lic?.url ?? null,
        isopen: lic?.open ?? false,
        version: d.version,
        author: agency?.name ?? null,
        author_email: null,
        maintainer: d.contactName,
        maintainer_email: d.contactEmail,
        owner_org: d.agencyId,
        organization: agency ? this.orgDict(agency) : null,
        private: d.private,
        state: CKAN_STATE[d.state],
        workflow_state: d.state,
        metadata_created: iso(d.metadataCreated),
        metadata_modified: iso(d.metadataModified),
        temporal_start: d.temporalStart,
        temporal_end: d.temporalEnd,
        spatial_codes: d.spatial,
        frequency: d.updateFrequency,
        url: `${this.baseUrl}/du-lieu-mo/${d.name}`,
        resources: mine.map((r) => this.resourceDict(r, d)),
        num_resources: mine.length,
        tags: d.tags.map((t) => ({ name: t, display_name: t, state: 'active', vocabulary_id: null })),
        num_tags: d.tags.length,
        groups: groups.filter((g) => d.groups.includes(g.name)).map((g) => ({ id: g.id, name: g.name, title: g.titleVi, display_name: g.titleVi, description: g.descriptionVi ?? '', image_display_url: '' })),
        extras: d.extras,
        relationships_as_object: [],
        relationships_as_subject: [],
      });
    }
    return out;
  }

  async packageShow(idOrName: string, caller: Publisher | null): Promise<Record<string, unknown>> {
    const d = await this.datasetByIdOrName(idOrName);
    if (!d) throw notFound('bộ dữ liệu / Dataset');
    if (!this.visible(d, caller)) throw forbidden(`User not authorized to read package ${d.name}`);
    return (await this.packageDicts([d]))[0];
  }

  /** The dataset rows for DCAT and the portal (published, public), by name. */
  async publicDataset(name: string): Promise<DatasetRow | undefined> {
    const d = await this.datasetByIdOrName(name);
    return d && d.state === 'published' && !d.private ? d : undefined;
  }

  async resourcesOf(datasetIds: string[]): Promise<ResourceRow[]> {
    if (!datasetIds.length) return [];
    return this.db.select().from(opendataResources).where(inArray(opendataResources.datasetId, datasetIds)).orderBy(asc(opendataResources.position), asc(opendataResources.created));
  }

  async groups(): Promise<GroupRow[]> {
    return this.db.select().from(opendataGroups).orderBy(asc(opendataGroups.name));
  }

  async resourceShow(id: string, caller: Publisher | null): Promise<Record<string, unknown>> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('tài nguyên / Resource');
    const [r] = await this.db.select().from(opendataResources).where(eq(opendataResources.id, id));
    if (!r) throw notFound('tài nguyên / Resource');
    const [d] = await this.db.select().from(opendataDatasets).where(eq(opendataDatasets.id, r.datasetId));
    if (!this.visible(d, caller)) throw forbidden(`User not authorized to read resource ${id}`);
    return this.resourceDict(r, d);
  }

  /** For the DataStore: may this caller read (or write) the resource's data? */
  async resourceAccess(resourceId: string, caller: CkanCaller | null, write: boolean): Promise<'ok' | 'not_found' | 'forbidden'> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) return 'not_found';
    const [row] = await this.db
      .select({ agencyId: opendataDatasets.agencyId, state: opendataDatasets.state, private: opendataDatasets.private })
      .from(opendataResources)
      .innerJoin(opendataDatasets, eq(opendataDatasets.id, opendataResources.datasetId))
      .where(eq(opendataResources.id, resourceId));
    if (!row) return 'not_found';
    const p = caller ? publisherOfCaller(caller) : null;
    if (write) return canEdit(p, row.agencyId) ? 'ok' : 'forbidden';
    if (row.state === 'published' && !row.private) return 'ok';
    return canEdit(p, row.agencyId) ? 'ok' : 'forbidden';
  }

  async packageList(limit: number | undefined, offset: number): Promise<string[]> {
    const q = this.db
      .select({ name: opendataDatasets.name })
      .from(opendataDatasets)
      .where(and(eq(opendataDatasets.state, 'published'), eq(opendataDatasets.private, false)))
      .orderBy(asc(opendataDatasets.name))
      .offset(offset);
    return (await (limit !== undefined ? q.limit(limit) : q)).map((r) => r.name);
  }

  async countsByAgency(): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ agencyId: opendataDatasets.agencyId, n: sql<number>`count(*)::int` })
      .from(opendataDatasets)
      .where(and(eq(opendataDatasets.state, 'published'), eq(opendataDatasets.private, false)))
      .groupBy(opendataDatasets.agencyId);
    return new Map(rows.map((r) => [r.agencyId, Number(r.n)]));
  }

  async countsByGroup(): Promise<Map<string, number>> {
    const rows = await this.db.execute(sql`select g as name, count(*)::int as n from opendata_datasets, jsonb_array_elements_text(groups) g where state = 'published' and not private group by g`);
    return new Map((rows as unknown as { rows: { name: string; n: number }[] }).rows.map((r) => [r.name, Number(r.n)]));
  }

  async tagList(query: string | undefined): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ name: opendataTags.name })
      .from(opendataTags)
      .innerJoin(opendataDatasets, eq(opendataDatasets.id, opendataTags.datasetId))
      .where(and(eq(opendataDatasets.state, 'published'), eq(opendataDatasets.private, false)))
      .orderBy(asc(opendataTags.name));
    const f = query ? foldVi(query) : '';
    return rows.map((r) => r.name).filter((n) => !f || foldVi(n).includes(f));
  }

  async activity(limit: number, offset: number): Promise<Record<string, unknown>[]> {
    const rows = await this.db
      .select({ a: opendataActivity })
      .from(opendataActivity)
      .innerJoin(opendataDatasets, eq(opendataDatasets.id, opendataActivity.datasetId))
      .where(and(eq(opendataDatasets.private, false), inArray(opendataDatasets.state, ['published', 'retired'])))
      .orderBy(desc(opendataActivity.at), desc(opendataActivity.id))
      .limit(limit)
      .offset(offset);
    return rows.map(({ a }) => ({ id: a.id, timestamp: iso(a.at), user_id: a.accountId, object_id: a.datasetId, activity_type: a.activityType, data: a.data }));
  }

  // --- search ----------------------------------------------------------------------------------------------------

  async search(params: Record<string, unknown>, caller: Publisher | null): Promise<SearchResult> {
    let filters: ParsedFilters;
    let text: string;
    let sort: ReturnType<typeof parseSort>;
    const rows = intParam(params.rows, 'rows', 10);
    const start = intParam(params.start, 'start', 0);
    if (rows > 1000) throw invalid({ rows: ['Must be at most 1000'] });
    const sortText = str(params.sort) || 'score desc, metadata_modified desc';
    const facetFields = names(params['facet.field']).filter((f) => (FACETABLE as readonly string[]).includes(f));
    const facetLimit = params['facet.limit'] === undefined ? 50 : intParam(params['facet.limit'], 'facet.limit', 50);
    try {
      const q = parseQ(str(params.q) ?? '');
      const fq = parseFilters([str(params.fq) ?? '', ...list(params['fq_list']).map((x) => String(x))].join(' '));
      filters = { terms: [...q.filters.terms, ...fq.terms], ranges: [...q.filters.ranges, ...fq.ranges] };
      text = q.text;
      sort = parseSort(sortText);
    } catch (err) {
      if (err instanceof SearchQueryError) throw new CkanError('Search Query Error', `Truy vấn tìm kiếm không hợp lệ / Invalid search query: ${err.message}`);
      throw err;
    }
    const includePrivate = params.include_private === true || params.include_private === 'true' || params.include_private === 'True';
    const ranges = filters.ranges.map((r) => ({ created: r.field !== 'metadata_modified', from: r.from ? r.from.getTime() : -Infinity, to: r.to ? r.to.getTime() : Infinity }));
    const terms = foldVi(text)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(0, 12);
    const agencies = await this.ports.agencies.all();
    const orgName = new Map(agencies.map((a) => [a.id, orgNameOfCode(a.code)]));
    const valuesOf = (r: SearchEntry, field: string): string[] => {
      switch (field) {
        case 'organization':
          return [orgName.get(r.agencyId) ?? r.agencyId];
        case 'owner_org':
          return [r.agencyId];
        case 'tags':
          return r.tags;
        case 'groups':
          return r.groups;
        case 'res_format':
          return r.formats;
        case 'license_id':
          return [r.licenseId];
        case 'name':
          return [r.name];
        case 'id':
          return [r.id];
        case 'state':
          return ['active'];
        default:
          return [];
      }
    };
    // Each fq term as a test of one entry; an organisation's name is read once per search, not once per dataset.
    const termFilters = filters.terms.map((t) => {
      const values = new Set(t.values.map((v) => v.toLowerCase()));
      if (t.field === 'organization') {
        const ids = new Set(agencies.filter((a) => values.has(orgNameOfCode(a.code).toLowerCase())).map((a) => a.id));
        return { negate: t.negate, test: (r: SearchEntry) => ids.has(r.agencyId) || (!orgName.has(r.agencyId) && values.has(r.agencyId.toLowerCase())) };
      }
      // A few distinct values (formats, tags, licences) lower-cased once per search, not once per dataset.
      const lower = new Map<string, boolean>();
      const hit = (h: string) => {
        let v = lower.get(h);
        if (v === undefined) lower.set(h, (v = values.has(h.toLowerCase())));
        return v;
      };
      return { negate: t.negate, test: (r: SearchEntry) => valuesOf(r, t.field).some(hit) };
    });
    // The published datasets from memory (search.index.ts), matched as the SQL `like '%term%'` over the folded text did.
    const matches: SearchEntry[] = [];
    // Plain loops: this runs for every published dataset on every search (no closure per dataset and test).
    const nr = ranges.length;
    const nt = terms.length;
    const nf = termFilters.length;
    scan: for (const r of await this.searchIndex.current()) {
      if (r.private && !(includePrivate && canEdit(caller, r.agencyId))) continue;
      for (let i = 0; i < nr; i++) {
        const g = ranges[i]!;
        const v = g.created ? r.created : r.modified;
        if (v < g.from || v > g.to) continue scan;
      }
      for (let i = 0; i < nt; i++) if (!r.searchText.includes(terms[i]!)) continue scan;
      for (let i = 0; i < nf; i++) if (termFilters[i]!.test(r) === termFilters[i]!.negate) continue scan;
      matches.push(r);
    }
    const scores = new Map<string, number>();
    const score = (r: SearchEntry) => {
      let v = scores.get(r.id);
      if (v === undefined) scores.set(r.id, (v = terms.reduce((s, t) => s + (r.titleFolded.includes(t) ? 2 : 0) + (r.searchText.split(t).length - 1), 0)));
      return v;
    };
    const cmp = (a: SearchEntry, b: SearchEntry) => {
      for (const s of sort) {
        let c = 0;
        if (s.field === 'id') c = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        else if (s.field === 'name') c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        else if (s.field === 'title_string') c = a.titleFolded.localeCompare(b.titleFolded);
        else if (s.field === 'metadata_modified') c = a.modified - b.modified;
        else if (s.field === 'metadata_created') c = a.created - b.created;
        else c = score(a) - score(b);
        if (c) return s.desc ? -c : c;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    };
    const page = firstInOrder(matches, start + rows, cmp).slice(start, start + rows);
    const facets: SearchResult['facets'] = {};
    const searchFacets: SearchResult['search_facets'] = {};
    const orgTitle = new Map(agencies.map((a) => [orgNameOfCode(a.code), a.name]));
    const groupTitle = facetFields.includes('groups') ? new Map((await this.groups()).map((g) => [g.name, g.titleVi])) : new Map<string, string>();
    for (const f of facetFields) {
      let counts = new Map<string, number>();
      if (f === 'organization') {
        // Counted by agency id (no array per dataset), named at the end.
        const byAgency = new Map<string, number>();
        for (const r of matches) byAgency.set(r.agencyId, (byAgency.get(r.agencyId) ?? 0) + 1);
        for (const [a, n] of byAgency) {
          const name = orgName.get(a) ?? a;
          counts.set(name, (counts.get(name) ?? 0) + n);
        }
      } else {
        counts = new Map<string, number>();
        for (const r of matches) {
          const vs = valuesOf(r, f);
          for (let i = 0; i < vs.length; i++) if (i === 0 || vs.indexOf(vs[i]!) === i) counts.set(vs[i]!, (counts.get(vs[i]!) ?? 0) + 1);
        }
      }
      const items = [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, facetLimit < 0 ? undefined : facetLimit);
      facets[f] = Object.fromEntries(items);
      const display = (v: string) => (f === 'organization' ? (orgTitle.get(v) ?? v) : f === 'groups' ? (groupTitle.get(v) ?? v) : f === 'license_id' ? (licenceOf(v)?.title ?? v) : v);
      searchFacets[f] = { title: f, items: items.map(([name, count]) => ({ name, display_name: display(name), count })) };
    }
    return { count: matches.length, sort: sortText, results: await this.packageDicts(page.map((e) => e.row), this.db, new Map(page.map((e) => [e.id, e.resources]))), facets, search_facets: searchFacets };
  }

  // --- writes ----------------------------------------------------------------------------------------------------

  private async validate(input: Record<string, unknown>, base: DatasetRow | null, caller: Publisher, tx: Tx): Promise<DatasetFields> {
    const errors: Record<string, string[]> = {};
    const has = (k: string) => input[k] !== undefined && input[k] !== null;
    const name = has('name') ? str(input.name)! : base?.name;
    if (!name) errors.name = ['Missing value'];
    else if (!CKAN_NAME_RE.test(name)) errors.name = ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'];
    else if (!base || base.name !== name) {
      const [dup] = await tx.select({ id: opendataDatasets.id }).from(opendataDatasets).where(eq(opendataDatasets.name, name));
      if (dup) errors.name = ['That URL is already in use.'];
    }
    const titleIn = input.title_translated && typeof input.title_translated === 'object' ? (input.title_translated as Record<string, unknown>) : {};
    const notesIn = input.notes_translated && typeof input.notes_translated === 'object' ? (input.notes_translated as Record<string, unknown>) : {};
    const titleVi = str(titleIn.vi) ?? (has('title') ? str(input.title) : base?.titleVi);
    if (!titleVi) errors.title = ['Missing value'];
    let agencyId = base?.agencyId;
    if (has('owner_org')) {
      const org = await this.orgOf(str(input.owner_org) ?? '', tx);
      if (!org) errors.owner_org = ['Organization does not exist'];
      else agencyId = org.id;
    }
    if (!agencyId && !errors.owner_org) errors.owner_org = ['Missing value'];
    const licenseId = has('license_id') ? str(input.license_id)! : (base?.licenseId ?? DEFAULT_LICENCE);
    if (!LICENCES.some((l) => l.id === licenseId)) errors.license_id = [`Must be one of: ${LICENCES.map((l) => l.id).join(', ')}`];
    const freq = has('frequency') ? str(input.frequency)!.toUpperCase() : (base?.updateFrequency ?? null);
    if (freq && !(FREQUENCIES as readonly string[]).includes(freq)) errors.frequency = [`Must be one of: ${FREQUENCIES.join(', ')}`];
    const dateOf = (k: string, old: string | null | undefined) => {
      if (!has(k)) return old ?? null;
      const v = str(input[k]) ?? '';
      if (!v) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) errors[k] = ['Must be a date YYYY-MM-DD'];
      return v;
    };
    const temporalStart = dateOf('temporal_start', base?.temporalStart);
    const temporalEnd = dateOf('temporal_end', base?.temporalEnd);
    const email = has('maintainer_email') ? str(input.maintainer_email) || null : (base?.contactEmail ?? null);
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.maintainer_email = ['Email is not valid'];
    let groups = base?.groups ?? [];
    if (has('groups')) {
      groups = names(input.groups);
      const known = groups.length ? await tx.select({ name: opendataGroups.name, id: opendataGroups.id }).from(opendataGroups) : [];
      groups = groups.map((g) => known.find((k) => k.id === g)?.name ?? g);
      const missing = groups.filter((g) => !known.some((k) => k.name === g));
      if (missing.length) errors.groups = [`Group not found: ${missing.join(', ')}`];
    }
    const tags = has('tags') ? names(input.tags) : (base?.tags ?? []);
    if (tags.some((t) => t.length > 100 || /[,]/.test(t))) errors.tags = ['Tag must be at most 100 characters, without commas'];
    if (Object.keys(errors).length) throw invalid(errors);
    if (!canEdit(caller, agencyId!)) throw forbidden(`User not authorized to edit packages of organization ${agencyId}`);
    if (base && base.agencyId !== agencyId && !canEdit(caller, base.agencyId)) throw forbidden('User not authorized to move this package');
    const extras = has('extras')
      ? list(input.extras)
          .map((e) => (e && typeof e === 'object' ? { key: str((e as { key?: unknown }).key) ?? '', value: str((e as { value?: unknown }).value) ?? '' } : null))
          .filter((e): e is { key: string; value: string } => !!e && !!e.key)
      : (base?.extras ?? []);
    const spatial = has('spatial_codes') ? names(input.spatial_codes) : (base?.spatial ?? []);
    const opt = (k: string, old: string | null | undefined) => (has(k) ? str(input[k]) || null : (old ?? null));
    return {
      name: name!,
      titleVi: titleVi!,
      titleEn: str(titleIn.en) ?? opt('title_en', base?.titleEn),
      notesVi: str(notesIn.vi) ?? opt('notes', base?.notesVi),
      notesEn: str(notesIn.en) ?? opt('notes_en', base?.notesEn),
      tags,
      groups,
      formats: base?.formats ?? [],
      licenseId,
      temporalStart,
      temporalEnd,
      spatial,
      updateFrequency: freq,
      contactName: opt('maintainer', base?.contactName),
      contactEmail: email,
      version: opt('version', base?.version),
      private: has('private') ? input.private === true || input.private === 'true' || input.private === 'True' : (base?.private ?? false),
      agencyId: agencyId!,
      extras,
    };
  }

  private async record(tx: Tx, actor: Actor, d: DatasetRow, action: string, activityType: string, now: Date, before?: DatasetRow) {
    this.searchIndex.touch();
    await tx.delete(opendataTags).where(eq(opendataTags.datasetId, d.id));
    if (d.tags.length) await tx.insert(opendataTags).values(d.tags.map((name) => ({ datasetId: d.id, name })));
    const summary = (r: DatasetRow) => ({ name: r.name, title: r.titleVi, state: r.state, private: r.private, agencyId: r.agencyId });
    await appendAudit(tx, actor, { action, targetType: 'opendata_dataset', targetId: d.id, ...(before ? { before: summary(before) } : {}), after: summary(d), agencyId: d.agencyId }, now);
    await enqueueEvent(tx, { type: action, aggregateType: 'opendata_dataset', aggregateId: d.id, payload: { name: d.name, state: d.state, agencyId: d.agencyId } });
    await tx.insert(opendataActivity).values({ datasetId: d.id, activityType, accountId: actor.accountId, at: now, data: { package: { id: d.id, name: d.name, title: d.titleVi, state: CKAN_STATE[d.state], private: d.private, owner_org: d.agencyId, metadata_modified: iso(d.metadataModified) } } });
  }

  /** CKAN `package_create`: a draft, or published at once when `state: active` is asked by a publisher of the agency. */
  async create(tx: Tx, caller: Publisher, actor: Actor, input: Record<string, unknown>, now: Date): Promise<DatasetRow> {
    const v = await this.validate(input, null, caller, tx);
    const wantActive = input.state === 'active';
    if (wantActive && !canPublish(caller, v.agencyId)) throw forbidden('User not authorized to publish packages of this organization');
    const state: DatasetState = wantActive ? 'published' : 'draft';
    const [row] = await tx
      .insert(opendataDatasets)
      .values({ ...v, state, searchText: searchTextOf(v), createdBy: caller.accountId || null, metadataCreated: now, metadataModified: now, publishedAt: wantActive ? now : null })
      .returning();
    let d = row;
    for (const r of list(input.resources)) if (r && typeof r === 'object') d = (await this.addResource(tx, caller, actor, { ...(r as Record<string, unknown>), package_id: d.id }, now, false)).dataset;
    await this.record(tx, actor, d, 'opendata.dataset.created', 'new package', now);
    return d;
  }

  /** CKAN `package_patch`: the given fields change, the others stay. */
  async patch(tx: Tx, caller: Publisher, actor: Actor, input: Record<string, unknown>, now: Date): Promise<DatasetRow> {
    const id = str(input.id) ?? str(input.name);
    if (!id) throw invalid({ id: ['Missing value'] });
    const base = await this.datasetByIdOrName(id, tx);
    if (!base) throw notFound('bộ dữ liệu / Dataset');
    if (!canEdit(caller, base.agencyId)) throw forbidden(`User not authorized to edit package ${base.name}`);
    const v = await this.validate({ ...input, name: input.name ?? base.name }, base, caller, tx);
    const [row] = await tx
      .update(opendataDatasets)
      .set({ ...v, searchText: searchTextOf(v), metadataModified: now })
      .where(eq(opendataDatasets.id, base.id))
      .returning();
    await this.record(tx, actor, row, 'opendata.dataset.changed', 'changed package', now, base);
    return row;
  }

  /** CKAN `resource_create` (a link or an API); the dataset's formats and modification time follow. */
  async addResource(tx: Tx, caller: Publisher, actor: Actor, input: Record<string, unknown>, now: Date, recordActivity = true, stored?: { fileRef: string }): Promise<{ resource: ResourceRow; dataset: DatasetRow }> {
    const pid = str(input.package_id);
    if (!pid) throw invalid({ package_id: ['Missing value'] });
    const d = await this.datasetByIdOrName(pid, tx);
    if (!d) throw notFound('bộ dữ liệu / Dataset');
    if (!canEdit(caller, d.agencyId)) throw forbidden(`User not authorized to add resources to package ${d.name}`);
    const errors: Record<string, string[]> = {};
    // CKAN's url_type "datastore": a resource whose data is loaded into the DataStore afterwards (no URL of its own).
    const datastoreOnly = str(input.url_type) === 'datastore';
    const url = stored || datastoreOnly ? (str(input.url) ?? null) : str(input.url);
    if (!url && !stored && !datastoreOnly) errors.url = ['Missing value'];
    else if (url && !/^https?:\/\/\S+$/i.test(url)) errors.url = ['Must be an http(s) URL'];
    const rawFormat = str(input.format) ?? (url?.split('?')[0].split('.').pop() ?? '');
    const format = RESOURCE_FORMATS.find((f) => f.toLowerCase() === rawFormat.toLowerCase());
    if (!format) errors.format = [`Must be one of: ${RESOURCE_FORMATS.join(', ')}`];
    const size = input.size === undefined || input.size === null || input.size === '' ? null : Number(input.size);
    if (size !== null && (!Number.isInteger(size) || size < 0)) errors.size = ['Must be a whole number'];
    if (Object.keys(errors).length) throw invalid(errors);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(opendataResources).where(eq(opendataResources.datasetId, d.id));
    const [resource] = await tx
      .insert(opendataResources)
      .values({ datasetId: d.id, position: Number(n), name: str(input.name) || url?.split('/').pop() || format!, description: str(input.description) || null, format: format!, url: url ?? null, fileRef: stored?.fileRef ?? null, size, mimetype: str(input.mimetype) || null, created: now, lastModified: now })
      .returning();
    const formats = [...new Set([...d.formats, format!.toUpperCase()])];
    const next = { ...d, formats };
    const [dataset] = await tx
      .update(opendataDatasets)
      .set({ formats, searchText: searchTextOf(next), metadataModified: now })
      .where(eq(opendataDatasets.id, d.id))
      .returning();
    if (recordActivity) {
      await appendAudit(tx, actor, { action: 'opendata.resource.created', targetType: 'opendata_resource', targetId: resource.id, after: { dataset: d.name, format: resource.format, url: resource.url }, agencyId: d.agencyId }, now);
      this.searchIndex.touch();
      await enqueueEvent(tx, { type: 'opendata.resource.created', aggregateType: 'opendata_dataset', aggregateId: d.id, payload: { resourceId: resource.id, format: resource.format } });
      await tx.insert(opendataActivity).values({ datasetId: d.id, activityType: 'changed package', accountId: actor.accountId, at: now, data: { package: { id: d.id, name: d.name, title: d.titleVi, state: CKAN_STATE[dataset.state] }, resource: { id: resource.id, name: resource.name } } });
    }
    return { resource, dataset };
  }

  /** A step of the publication workflow; the state of the dataset is read under a row lock. */
  async transition(tx: Tx, caller: Publisher, actor: Actor, idOrName: string, step: Transition, now: Date): Promise<DatasetRow> {
    const t = TRANSITIONS[step];
    const found = await this.datasetByIdOrName(idOrName, tx);
    if (!found) throw notFound('bộ dữ liệu / Dataset');
    const [d] = await tx.select().from(opendataDatasets).where(eq(opendataDatasets.id, found.id)).for('update');
    if (!(t.publisher ? canPublish(caller, d.agencyId) : canEdit(caller, d.agencyId))) throw forbidden(`User not authorized to ${step} package ${d.name}`);
    if (!t.from.includes(d.state)) throw invalid({ state: [`Cannot ${step} a dataset in state ${d.state}`] });
    const [row] = await tx
      .update(opendataDatasets)
      .set({ state: t.to, metadataModified: now, ...(t.to === 'published' ? { publishedAt: d.publishedAt ?? now } : {}) })
      .where(eq(opendataDatasets.id, d.id))
      .returning();
    await this.record(tx, actor, row, `opendata.dataset.${step === 'return' ? 'returned' : step === 'submit' ? 'submitted' : step === 'publish' ? 'published' : 'retired'}`, t.to === 'retired' ? 'deleted package' : 'changed package', now, d);
    return row;
  }

  /** For the DataStore: a resource with its dataset's name and agency, or null. */
  async resourceInfo(resourceId: string, db: DbOrTx = this.db): Promise<(ResourceRow & { datasetName: string; agencyId: string; datasetState: DatasetState; datasetPrivate: boolean }) | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) return null;
    const [row] = await db
      .select({ r: opendataResources, datasetName: opendataDatasets.name, agencyId: opendataDatasets.agencyId, datasetState: opendataDatasets.state, datasetPrivate: opendataDatasets.private })
      .from(opendataResources)
      .innerJoin(opendataDatasets, eq(opendataDatasets.id, opendataResources.datasetId))
      .where(eq(opendataResources.id, resourceId));
    return row ? { ...row.r, datasetName: row.datasetName, agencyId: row.agencyId, datasetState: row.datasetState, datasetPrivate: row.datasetPrivate } : null;
  }

  /** For the DataStore, in its transaction: the resource's data is (no longer) in the DataStore. */
  async setDatastoreActive(tx: DbOrTx, resourceId: string, active: boolean, now: Date): Promise<void> {
    this.searchIndex.touch();
    const [r] = await tx.update(opendataResources).set({ datastoreActive: active, lastModified: now }).where(eq(opendataResources.id, resourceId)).returning({ datasetId: opendataResources.datasetId });
    if (r) await tx.update(opendataDatasets).set({ metadataModified: now }).where(eq(opendataDatasets.id, r.datasetId));
  }

  /** The agency's datasets in every state (for its publishers). */
  async ofAgencies(agencyIds: string[]): Promise<DatasetRow[]> {
    if (!agencyIds.length) return [];
    return this.db.select().from(opendataDatasets).where(inArray(opendataDatasets.agencyId, agencyIds)).orderBy(desc(opendataDatasets.metadataModified));
  }

  /** Published public datasets, newest change first (DCAT paging). */
  async publicPage(opts: { page: number; perPage: number; modifiedSince: Date | null; q: string }): Promise<{ total: number; rows: DatasetRow[] }> {
    const conds = [eq(opendataDatasets.state, 'published'), eq(opendataDatasets.private, false)];
    if (opts.modifiedSince) conds.push(sql`${opendataDatasets.metadataModified} >= ${opts.modifiedSince.toISOString()}`);
    for (const t of foldVi(opts.q)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(0, 12))
      conds.push(sql`${opendataDatasets.searchText} like ${`%${t}%`}`);
    const [{ n }] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(opendataDatasets)
      .where(and(...conds));
    const rows = await this.db
      .select()
      .from(opendataDatasets)
      .where(and(...conds))
      .orderBy(desc(opendataDatasets.metadataModified), asc(opendataDatasets.id))
      .limit(opts.perPage)
      .offset((opts.page - 1) * opts.perPage);
    return { total: Number(n), rows };
  }

  /** Creates a group (topic) if missing; returns it. */
  async ensureGroup(tx: Tx, g: { name: string; titleVi: string; titleEn?: string; descriptionVi?: string; theme?: string }, now: Date): Promise<GroupRow> {
    const [have] = await tx.select().from(opendataGroups).where(eq(opendataGroups.name, g.name));
    if (have) return have;
    const [row] = await tx.insert(opendataGroups).values({ name: g.name, titleVi: g.titleVi, titleEn: g.titleEn ?? null, descriptionVi: g.descriptionVi ?? null, theme: g.theme ?? null, created: now }).returning();
    return row;
  }
}

export function intParam(v: unknown, field: string, dflt: number): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v));
  if (!Number.isInteger(n) || n < 0) throw invalid({ [field]: ['Invalid integer'] });
  return n;
}

export { DATASET_STATES };
