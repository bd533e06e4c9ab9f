import type { Db } from '../../platform/db/client';
import { eventsAfter, lastEventSeq } from '../../platform/events/outbox';
import { compareCodePoints, InvertedIndex } from '../../shared/text/inverted-index';
import type { ProcedureSummary } from '../../shared/api/catalog';
import { searchDocs, type CatalogFilters, type SearchDocRow } from './catalog.repo';
import { highlightHtml, highlightRanges, queryTerms } from './catalog.search';

/** How far behind the last outbox event seen the tail looks again, for events whose transaction committed late. */
const LOOKBACK_SEQ = 5_000;

/** A term the index answers exactly as PostgreSQL's parser reads it (one token); otherwise the SQL answers. */
const INDEXABLE_TERM = /^(?:[a-z0-9]+|\d+(?:\.\d+)+)$/;

/** A ranked answer: the best matches first, each with its rank and highlighted name. */
export interface SearchAnswer {
  total: number;
  items: ProcedureSummary[];
  terms: string[];
}

interface Entry extends SearchDocRow {
  /** Procedure id (the index key). */
  procedureId: string;
}

const accepts = (f: CatalogFilters) => !Object.values(f).some(Boolean) ? null : (e: Entry) => {
  const s = e.summary;
  return (
    (!f.field || s.field === f.field) &&
    (!f.agencyKind || s.agencyKind === f.agencyKind) &&
    (!f.level || s.implementingLevel === f.level) &&
    (!f.onlineLevel || s.onlineLevel === f.onlineLevel) &&
    (!f.applicantType || s.applicantTypes.includes(f.applicantType as never)) &&
    (!f.lifeEvent || s.lifeEvents.includes(f.lifeEvent as never))
  );
};

/** Today's SQL order of equal ranks: the name in code point order, then the version id. */
const byName = (a: Entry, b: Entry) => compareCodePoints(a.summary.name.vi, b.summary.name.vi) || (a.summary.versionId < b.summary.versionId ? -1 : a.summary.versionId > b.summary.versionId ? 1 : 0);

/**
 * Procedure search from memory: the current version of every published procedure in an inverted index over its
 * folded words (the `tsvector` PostgreSQL computes, read once), ranked with the same `ts_rank` weights, the same
 * name boosts and the same filters as the SQL search (`searchCurrent`), which stays the fallback while the index
 * builds. Kept in step by this process's publish and retire (after their commit), by the procedure events the
 * dispatcher delivers here, and by following the outbox for events other processes wrote or delivered.
 * One index per database handle in the process, shared by every CatalogService over it.
 */
export class CatalogSearchIndex {
  private readonly index = new InvertedIndex<Entry>();
  /** The entries by folded name (for the names that begin with the query, which score best). */
  private byName: Entry[] = [];
  private state: 'idle' | 'building' | 'ready' | 'stopped' = 'idle';
  private building: Promise<void> | null = null;
  /** Index changes one at a time, in order (a refresh reads the database, then applies). */
  private chain: Promise<unknown> = Promise.resolve();
  private pending = new Set<string>();
  private watermark = 0;
  private seen = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * Builds the index (once) and follows the outbox every `syncMs` if given. Resolves when the index answers;
   * meanwhile searches go to the SQL.
   */
  start(syncMs?: number): Promise<void> {
    if (this.state === 'stopped') this.state = 'idle';
    if (this.state === 'idle') {
      this.state = 'building';
      this.building = this.serial(() => this.build()).then(
        () => {
          if (this.state !== 'building') return;
          this.state = 'ready';
          // Refreshes asked for while the rows were read.
          if (this.pending.size) void this.refresh([...this.pending.values()]).catch(() => undefined);
          this.pending.clear();
        },
        (err) => {
          this.state = 'idle';
          throw err;
        },
      );
    }
    if (syncMs && !this.timer) {
      const tick = () => {
        this.timer = setTimeout(() => {
          this.sync()
            .catch(() => undefined)
            .finally(() => this.timer && tick());
        }, syncMs);
      };
      tick();
    }
    return this.building!.then(() => this.sync());
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = 'stopped';
    await this.building?.catch(() => undefined);
    await this.syncing;
    await this.chain.catch(() => undefined);
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async build() {
    // The outbox position first, then the rows: every later change comes with an event after it.
    // Events already visible are in the rows read next; the tail applies the others, even those numbered lower.
    const seq = await lastEventSeq(this.db);
    this.seen = new Set((await eventsAfter(this.db, Math.max(0, seq - LOOKBACK_SEQ), 'procedure', LOOKBACK_SEQ)).map((e) => e.seq));
    const rows = await searchDocs(this.db);
    this.index.clear();
    const entries = rows.map((r) => ({ ...r, procedureId: r.summary.id }));
    this.index.load((add) => {
      for (const e of entries) add(e.procedureId, e.vector, e);
    });
    this.byName = entries.sort((a, b) => (a.nameFolded < b.nameFolded ? -1 : a.nameFolded > b.nameFolded ? 1 : 0));
    this.watermark = seq;
  }

  /**
   * Reads the current version of these procedures again and puts it in the index (or takes the procedure out when
   * it has none). Call it after the change committed, outside any transaction; never await it inside one (on
   * PGlite, with one connection, its read waits for that transaction to end).
   */
  refresh(procedureIds: string[]): Promise<void> {
    if (!procedureIds.length) return Promise.resolve();
    if (this.state !== 'ready') {
      for (const id of procedureIds) this.pending.add(id);
      return Promise.resolve();
    }
    return this.serial(() => this.apply(procedureIds));
  }

  private async apply(procedureIds: string[]) {
    const ids = [...new Set(procedureIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await searchDocs(this.db, chunk);
      const found = new Set<string>();
      for (const r of rows) {
        found.add(r.summary.id);
        this.unname(r.summary.id);
        const e = { ...r, procedureId: r.summary.id };
        this.index.upsert(e.procedureId, e.vector, e);
        this.byName.splice(nameBound(this.byName, e.nameFolded), 0, e);
      }
      for (const id of chunk) {
        if (found.has(id)) continue;
        this.unname(id);
        this.index.remove(id);
      }
    }
  }

  private unname(procedureId: string) {
    const old = this.index.get(procedureId);
    if (!old) return;
    for (let i = nameBound(this.byName, old.nameFolded); i < this.byName.length && this.byName[i].nameFolded === old.nameFolded; i++) {
      if (this.byName[i] === old) {
        this.byName.splice(i, 1);
        return;
      }
    }
  }

  /** Ids of up to `max` entries whose folded name begins with `phrase`. */
  private namesStartingWith(phrase: string, max = 200): string[] {
    const out: string[] = [];
    for (let i = nameBound(this.byName, phrase); i < this.byName.length && out.length < max && this.byName[i].nameFolded.startsWith(phrase); i++) out.push(this.byName[i].procedureId);
    return out;
  }

  /** Applies the procedure events written to the outbox since the last pass (by any process). */
  sync(): Promise<void> {
    if (this.state !== 'ready') return Promise.resolve();
    this.syncing ??= this.serial(async () => {
      for (;;) {
        const events = await eventsAfter(this.db, Math.max(0, this.watermark - LOOKBACK_SEQ), 'procedure', 2_000);
        const fresh = events.filter((e) => !this.seen.has(e.seq));
        if (!fresh.length) break;
        await this.apply(fresh.map((e) => e.aggregateId));
        for (const e of fresh) this.seen.add(e.seq);
        this.watermark = Math.max(this.watermark, ...fresh.map((e) => e.seq));
        const floor = this.watermark - LOOKBACK_SEQ;
        for (const s of this.seen) if (s <= floor) this.seen.delete(s);
        if (events.length < 2_000) break;
      }
    }).finally(() => (this.syncing = null));
    return this.syncing;
  }

  /**
   * The search answered from memory, or null when the SQL must answer (index not built yet, or a term PostgreSQL's
   * parser would split). Same terms, matching, ranking, boosts, filters and order as `searchCurrent`.
   */
  search(q: string, f: CatalogFilters, limit: number): SearchAnswer | null {
    const terms = queryTerms(q);
    if (!terms.length) return { total: 0, items: [], terms };
    if (this.state !== 'ready' || !terms.every((t) => INDEXABLE_TERM.test(t))) return null;
    const phrase = terms.join(' ');
    const accept = accepts(f);
    // The boost of the SQL (`name_folded like 'phrase%'` 1.0, `like '%phrase%'` 0.5), added to ts_rank in double
    // precision as the SQL adds it; equal scores by name (code point order), then version id.
    const head = phrase.slice(0, 6); // a short needle: a plain scan, no search table set up per call
    const contains = (s: string) => {
      for (let at = s.indexOf(head); at >= 0; at = s.indexOf(head, at + 1)) if (s.startsWith(phrase, at)) return true;
      return false;
    };
    const boost = (e: Entry, need: number) => (e.nameFolded.startsWith(phrase) ? 1.0 : need > 0.5 ? 0 : contains(e.nameFolded) ? 0.5 : 0);
    const first = this.namesStartingWith(phrase);
    const run = (mode: 'all' | 'any') => this.index.top(terms, mode, { limit, accept, boost, maxBoost: 1, tie: byName, first }).map((h) => ({ e: h.value, rank: h.rank }));
    let hits = limit > 0 ? run('all') : [];
    if (!hits.length && terms.length > 1 && limit > 0) hits = run('any');
    const items = hits.map(({ e, rank }) => {
      const ranges = highlightRanges(e.summary.name.vi, terms);
      return { ...e.summary, rank, highlight: { ranges, html: highlightHtml(e.summary.name.vi, ranges) } };
    });
    return { total: items.length, items, terms };
  }
}

/** The first position in `xs` (sorted by folded name) whose name is not before `name`. */
function nameBound(xs: Entry[], name: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid].nameFolded < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const indexes = new WeakMap<Db, CatalogSearchIndex>();

/** The search index of a database handle (one per handle in the process). */
export function searchIndexFor(db: Db): CatalogSearchIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new CatalogSearchIndex(db)));
  return index;
}
