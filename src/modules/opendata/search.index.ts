/**
 * package_search from memory: every published dataset with its resources (about 2 kB each, some 20 MB for 10,000
 * datasets), with what the search reads of it (its folded text, facet values and dates) ready, so that a search is
 * a scan of memory instead of a scan of the table with every matching row sent over, and the page's rows and
 * resources read again. Read once, then kept in step with every process's writes by following the outbox (the
 * dataset events and the DataStore's): a search first applies the events written since the last one seen (one
 * indexed read of the outbox's tail) — every search for a while after a write of this process (`touch`, so that a
 * client reads its own writes at once), else at most every FOLLOW_EVERY_MS (another process's write shows within
 * that) — and at most once a second it looks again a little further back, for events whose transaction committed
 * after a later one's (as the catalogue's procedure index does, issue 12).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { eventsAfter, lastEventSeq } from '../../platform/events/outbox';
import { foldVi } from '../../shared/text/fold';
import { opendataDatasets, opendataResources } from './opendata.schema';

/** The events that change what the search reads: the datasets' own, and the DataStore's (a load marks its dataset modified). */
const AGGREGATES = ['opendata_dataset', 'datastore'] as const;
/** How far behind the last event seen a look-back pass reads again. */
const LOOKBACK_SEQ = 5_000;
const LOOKBACK_EVERY_MS = 1_000;
/** How stale the index may be for another process's writes. */
const FOLLOW_EVERY_MS = 100;
/** After a write of this process, how long every search follows the outbox (its transaction commits meanwhile). */
const EAGER_MS = 10_000;
const PAGE = 1_000;

type DatasetRow = typeof opendataDatasets.$inferSelect;
type ResourceRow = typeof opendataResources.$inferSelect;

export interface SearchEntry {
  id: string;
  name: string;
  /** The title folded (lower case, no diacritics): the `title_string` sort and the score's title boost. */
  titleFolded: string;
  agencyId: string;
  licenseId: string;
  tags: string[];
  groups: string[];
  formats: string[];
  private: boolean;
  searchText: string;
  modified: number;
  created: number;
  /** The whole row and its resources (in position order), for the page of results. */
  row: DatasetRow;
  resources: ResourceRow[];
}

const entryOf = (r: DatasetRow, resources: ResourceRow[]): SearchEntry => ({
  id: r.id,
  name: r.name,
  titleFolded: foldVi(r.titleVi),
  agencyId: r.agencyId,
  licenseId: r.licenseId,
  tags: r.tags,
  groups: r.groups,
  formats: r.formats,
  private: r.private,
  searchText: r.searchText,
  modified: r.metadataModified.getTime(),
  created: r.metadataCreated.getTime(),
  row: r,
  resources,
});

export class DatasetSearchIndex {
  private entries = new Map<string, SearchEntry>();
  private built: Promise<void> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private watermark = 0;
  private seen = new Set<number>();
  private lookedBackAt = 0;
  private followedAt = 0;
  private eagerUntil = 0;

  constructor(private readonly db: Db) {}

  /**
   * The published datasets, with every change committed before the call. Never call it inside a transaction (on
   * PGlite, with one connection, its reads wait for that transaction).
   */
  async current(): Promise<Iterable<SearchEntry>> {
    this.built ??= this.serial(() => this.build()).catch((err: unknown) => {
      this.built = null;
      throw err;
    });
    await this.built;
    const now = Date.now();
    if (now < this.eagerUntil || now - this.followedAt >= FOLLOW_EVERY_MS) await this.serial(() => this.follow());
    return this.entries.values();
  }

  /** Told by a write of this process (in its transaction, before it commits): searches follow the outbox at once for a while. */
  touch(): void {
    this.eagerUntil = Date.now() + EAGER_MS;
  }

  get size(): number {
    return this.entries.size;
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async build() {
    // The outbox position first, then the rows: every later change comes with an event after it, and the events
    // already visible are in the rows read next (the look-back applies those committed later, even numbered lower).
    const seq = await lastEventSeq(this.db);
    this.seen = new Set((await eventsAfter(this.db, Math.max(0, seq - LOOKBACK_SEQ), AGGREGATES, LOOKBACK_SEQ)).map((e) => e.seq));
    const rows = await this.db.select().from(opendataDatasets).where(eq(opendataDatasets.state, 'published'));
    const resources = await this.resourcesOf(null);
    this.entries = new Map(rows.map((r) => [r.id, entryOf(r, resources.get(r.id) ?? [])]));
    this.watermark = seq;
    this.lookedBackAt = Date.now();
  }

  private async follow() {
    this.followedAt = Date.now();
    const lookBack = Date.now() - this.lookedBackAt >= LOOKBACK_EVERY_MS;
    let from = lookBack ? Math.max(0, this.watermark - LOOKBACK_SEQ) : this.watermark;
    if (lookBack) this.lookedBackAt = Date.now();
    for (;;) {
      const events = await eventsAfter(this.db, from, AGGREGATES, PAGE);
      const fresh = events.filter((e) => !this.seen.has(e.seq));
      if (fresh.length) {
        const datasets = fresh.filter((e) => e.aggregateType === 'opendata_dataset').map((e) => e.aggregateId);
        const resources = fresh.filter((e) => e.aggregateType === 'datastore').map((e) => e.aggregateId);
        await this.apply(datasets, resources);
        for (const e of fresh) this.seen.add(e.seq);
        this.watermark = Math.max(this.watermark, ...fresh.map((e) => e.seq));
        const floor = this.watermark - LOOKBACK_SEQ;
        for (const s of this.seen) if (s <= floor) this.seen.delete(s);
      }
      if (events.length < PAGE) break;
      from = events[events.length - 1]!.seq;
    }
  }

  /** Reads these datasets again (and those of these DataStore resources): published ones in, the others out. */
  private async apply(datasetIds: string[], resourceIds: string[]) {
    const ids = new Set(datasetIds);
    const uuids = resourceIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (uuids.length) {
      for (const r of await this.db.select({ datasetId: opendataResources.datasetId }).from(opendataResources).where(inArray(opendataResources.id, uuids))) ids.add(r.datasetId);
    }
    const all = [...ids];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const rows = await this.db.select().from(opendataDatasets).where(inArray(opendataDatasets.id, chunk));
      const resources = await this.resourcesOf(chunk);
      for (const id of chunk) this.entries.delete(id);
      for (const r of rows) if (r.state === 'published') this.entries.set(r.id, entryOf(r, resources.get(r.id) ?? []));
    }
  }

  /** The resources of these datasets (of every dataset: null), by dataset, in position order. */
  private async resourcesOf(datasetIds: string[] | null): Promise<Map<string, ResourceRow[]>> {
    const q = this.db.select().from(opendataResources);
    const rows = await (datasetIds ? q.where(inArray(opendataResources.datasetId, datasetIds)) : q).orderBy(asc(opendataResources.position), asc(opendataResources.created));
    const out = new Map<string, ResourceRow[]>();
    for (const r of rows) {
      const list = out.get(r.datasetId);
      if (list) list.push(r);
      else out.set(r.datasetId, [r]);
    }
    return out;
  }
}

const indexes = new WeakMap<Db, DatasetSearchIndex>();

/** The search index of a database handle (one per handle in the process, shared by every OpendataService over it). */
export function datasetSearchIndexFor(db: Db): DatasetSearchIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new DatasetSearchIndex(db)));
  return index;
}

/**
 * The first `k` of `items` in `cmp` order (the whole list sorted when `k` is a large part of it): a page of results
 * without sorting every match.
 */
export function firstInOrder<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 8 >= items.length) return items.slice().sort(cmp).slice(0, k);
  const top: T[] = [];
  for (const x of items) {
    if (top.length === k && cmp(x, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(top[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}
