/**
 * An in-memory inverted index over folded words that answers as PostgreSQL full-text search does: documents are
 * PostgreSQL `tsvector`s (lexemes with weighted positions, read once from the database), a query is a list of
 * terms of which every one (`all`) or any one (`any`) must match — the last one as a prefix, for type-ahead — and
 * the rank is `ts_rank(vector, query, 1)` computed the way PostgreSQL computes it, in single precision, so that the
 * index and the SQL give the same numbers and the same order. Prefixes are found by binary search over the sorted
 * terms. Pure: no I/O.
 */

/** A position as PostgreSQL stores it: 14 bits of position, then 2 bits of weight (D = 0, C = 1, B = 2, A = 3). */
export type EncodedPosition = number;

/** One lexeme of a `tsvector` and its encoded positions (empty when the lexeme has none). */
export interface VectorEntry {
  lexeme: string;
  positions: EncodedPosition[];
}

const WEIGHT_OF: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };
const MAXENTRYPOS = 1 << 14;

/**
 * Code point order — the order of UTF-8 bytes, i.e. PostgreSQL's `C` collation and the order of a `tsvector`'s
 * lexemes. (JavaScript's `<` compares UTF-16 code units, which differs for characters beyond U+FFFF.)
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (beyond U+FFFF) sort after U+E000–U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Parses PostgreSQL's text form of a `tsvector` (`'dang':1A,5 'ky':2A 'o''neil':3`). */
export function parseTsVector(text: string): VectorEntry[] {
  const out: VectorEntry[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    if (text[i] !== "'") throw new Error(`tsvector: expected a quote at ${i}`);
    i++;
    let lexeme = '';
    for (;;) {
      if (i >= n) throw new Error('tsvector: unterminated lexeme');
      const c = text[i];
      if (c === '\\') {
        lexeme += text[i + 1];
        i += 2;
      } else if (c === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else {
          i++;
          break;
        }
      } else {
        lexeme += c;
        i++;
      }
    }
    const positions: number[] = [];
    if (text[i] === ':') {
      i++;
      for (;;) {
        let p = 0;
        const from = i;
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) p = p * 10 + text.charCodeAt(i++) - 48;
        if (i === from) throw new Error(`tsvector: expected a position at ${i}`);
        const w = WEIGHT_OF[text[i]];
        if (w !== undefined) i++;
        positions.push(Math.min(p, MAXENTRYPOS - 1) | ((w ?? 0) << 14));
        if (text[i] !== ',') break;
        i++;
      }
    }
    out.push({ lexeme, positions });
  }
  return out;
}

// ---- ts_rank, as PostgreSQL's tsrank.c computes it (float arithmetic where it uses float) ----

const f = Math.fround;
/** The default weights {D, C, B, A} = {0.1, 0.2, 0.4, 1.0}, as C floats. */
const WEIGHTS = [f(0.1), f(0.2), f(0.4), f(1.0)];
/** word_distance(d) for d = 0…100 (a float4 in PostgreSQL). */
const WORD_DISTANCE = Array.from({ length: 101 }, (_, d) => f(1.0 / (1.005 + 0.05 * Math.exp(d / 1.5 - 2))));
const TINY = f(1e-30);
/** The position calc_rank_and assumes for a lexeme stored without positions (POSNULL; weight D). */
const POSNULL = MAXENTRYPOS - 1;

interface Doc<T> {
  id: string;
  value: T;
  /** Lexemes in code point order, and their term ids. */
  lex: string[];
  tid: Int32Array;
  /** Positions of lex[i]: pos[start[i] … start[i + 1]). */
  start: Int32Array;
  pos: Uint16Array;
  /** cnt_length: the number of positions (a lexeme without positions counts one). */
  length: number;
  /** ts_rank's length normalisation: log2(length + 1), as PostgreSQL computes it. */
  norm: number;
  /** Search stamp, to visit a document once per search. */
  mark: number;
}

function lowerBound(xs: string[], t: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCodePoints(xs[mid], t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The matches of one document, per query item in PostgreSQL's order: an exact item has at most one lexeme
 * (`slot[k]`, -1 if none), the prefix item (`pk`) every lexeme it begins (`pbuf[0 … np)`, in lexeme order).
 */
interface Matches {
  size: number;
  pk: number;
  slot: Int32Array;
  pbuf: Int32Array;
  np: number;
  current: Int32Array;
}

/** calc_rank_or: the average over the query's items of each matched lexeme's weighted occurrences. */
function rankOr(d: Doc<unknown>, m: Matches): number {
  const { start, pos } = d;
  let res = 0;
  for (let i = 0; i < m.size; i++) {
    const n = i === m.pk ? m.np : m.slot[i] >= 0 ? 1 : 0;
    for (let x = 0; x < n; x++) {
      const e = i === m.pk ? m.pbuf[x] : m.slot[i];
      const a = start[e];
      const b = start[e + 1];
      let resj = 0;
      let wjm = -1;
      let jm = 0;
      if (a === b) {
        // No positions: PostgreSQL counts one occurrence of weight D.
        resj = WEIGHTS[0];
        wjm = WEIGHTS[0];
      } else {
        for (let j = 0; j < b - a; j++) {
          const w = WEIGHTS[pos[a + j] >> 14];
          resj = f(resj + f(w / ((j + 1) * (j + 1))));
          if (w > wjm) {
            wjm = w;
            jm = j;
          }
        }
      }
      res = f(res + f(f(wjm + resj) - f(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
    }
  }
  return m.size > 0 ? f(res / m.size) : res;
}

/** calc_rank_and: every pair of positions of different items (each item's last matched lexeme so far), closer is better. */
function rankAnd(d: Doc<unknown>, m: Matches): number {
  const { start, pos } = d;
  const current = m.current;
  let res = -1;
  current.fill(-1, 0, m.size);
  for (let i = 0; i < m.size; i++) {
    const n = i === m.pk ? m.np : m.slot[i] >= 0 ? 1 : 0;
    for (let x = 0; x < n; x++) {
      const e = i === m.pk ? m.pbuf[x] : m.slot[i];
      current[i] = e;
      const a = start[e];
      const nullI = a === start[e + 1];
      const li = nullI ? 1 : start[e + 1] - a;
      for (let k = 0; k < i; k++) {
        const c = current[k];
        if (c < 0) continue;
        const ca = start[c];
        const nullK = ca === start[c + 1];
        const lk = nullK ? 1 : start[c + 1] - ca;
        for (let l = 0; l < li; l++) {
          const pl = nullI ? POSNULL : pos[a + l];
          for (let p = 0; p < lk; p++) {
            const pp = nullK ? POSNULL : pos[ca + p];
            let dist = Math.abs((pl & 0x3fff) - (pp & 0x3fff));
            if (dist || nullI || nullK) {
              if (!dist) dist = MAXENTRYPOS;
              const curw = f(Math.sqrt(f(f(WEIGHTS[pl >> 14] * WEIGHTS[pp >> 14]) * (dist > 100 ? TINY : WORD_DISTANCE[dist]))));
              res = res < 0 ? curw : f(1.0 - (1.0 - res) * (1.0 - curw));
            }
          }
        }
      }
    }
  }
  return res;
}

export type MatchMode = 'all' | 'any';

interface Posting<T> {
  /** Term id (index into the per-search marks). */
  id: number;
  docs: Doc<T>[];
}

/**
 * Documents (by id) with their `tsvector` and a value; `match` visits the documents a query matches with their
 * `ts_rank(vector, query, 1)`.
 */
export class InvertedIndex<T> {
  private docs = new Map<string, Doc<T>>();
  private postings = new Map<string, Posting<T>>();
  private nextTermId = 0;
  /** Every lexeme of the index in code point order (binary search for prefixes); rebuilt lazily after a bulk load. */
  private terms: string[] = [];
  private termsDirty = false;
  private bulk = false;
  private stamp = 0;
  /** Per term id, for the current search: the stamp if it is an exact item (and which), or within the prefix. */
  private exactMark = new Int32Array(1024);
  private exactSlot = new Int32Array(1024);
  private prefixMark = new Int32Array(1024);
  private m: Matches = { size: 0, pk: -1, slot: new Int32Array(16), pbuf: new Int32Array(64), np: 0, current: new Int32Array(16) };

  get size(): number {
    return this.docs.size;
  }

  get(id: string): T | undefined {
    return this.docs.get(id)?.value;
  }

  /** Loads many documents: the sorted term list is rebuilt once at the end instead of after each. */
  load(fill: (add: (id: string, vector: VectorEntry[] | string, value: T) => void) => void): void {
    this.bulk = true;
    try {
      fill((id, vector, value) => this.upsert(id, vector, value));
    } finally {
      this.bulk = false;
    }
  }

  /** Adds a document, or replaces the one with that id. `vector` is a parsed `tsvector` or its text form. */
  upsert(id: string, vector: VectorEntry[] | string, value: T): void {
    this.remove(id);
    const entries = (typeof vector === 'string' ? parseTsVector(vector) : vector).slice().sort((a, b) => compareCodePoints(a.lexeme, b.lexeme));
    const start = new Int32Array(entries.length + 1);
    let total = 0;
    let length = 0;
    entries.forEach((e, i) => {
      start[i] = total;
      total += e.positions.length;
      length += e.positions.length || 1;
    });
    start[entries.length] = total;
    const pos = new Uint16Array(total);
    entries.forEach((e, i) => pos.set(e.positions, start[i]));
    const postings = entries.map((e) => this.posting(e.lexeme));
    const doc: Doc<T> = { id, value, lex: postings.map((p) => this.termOf(p)), tid: Int32Array.from(postings, (p) => p.id), start, pos, length, norm: Math.log(length + 1) / Math.log(2.0), mark: 0 };
    if (this.m.pbuf.length < entries.length) this.m.pbuf = new Int32Array(entries.length * 2);
    this.docs.set(id, doc);
    for (const p of postings) p.docs.push(doc);
  }

  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.docs.delete(id);
    for (const t of doc.lex) {
      const p = this.postings.get(t)!;
      const at = p.docs.indexOf(doc);
      if (at >= 0) p.docs.splice(at, 1);
      if (!p.docs.length) {
        this.postings.delete(t);
        this.termText.delete(p.id);
        this.removeTerm(t);
      }
    }
    return true;
  }

  clear(): void {
    this.docs.clear();
    this.postings.clear();
    this.termText.clear();
    this.terms = [];
    this.termsDirty = false;
  }

  /** The shared string of each term (many documents share words). */
  private termText = new Map<number, string>();
  private termOf(p: Posting<T>): string {
    return this.termText.get(p.id)!;
  }

  private posting(t: string): Posting<T> {
    let p = this.postings.get(t);
    if (!p) {
      p = { id: this.nextTermId++, docs: [] };
      this.postings.set(t, p);
      this.termText.set(p.id, t);
      if (p.id >= this.exactMark.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.exactMark = grow(this.exactMark);
        this.exactSlot = grow(this.exactSlot);
        this.prefixMark = grow(this.prefixMark);
      }
      this.addTerm(t);
    }
    return p;
  }

  private addTerm(t: string) {
    if (this.bulk || this.termsDirty) {
      this.terms.push(t);
      this.termsDirty = true;
    } else this.terms.splice(lowerBound(this.terms, t), 0, t);
  }

  private removeTerm(t: string) {
    if (this.termsDirty) this.sortTerms();
    const at = lowerBound(this.terms, t);
    if (this.terms[at] === t) this.terms.splice(at, 1);
  }

  private sortTerms() {
    this.terms = [...this.postings.keys()].sort(compareCodePoints);
    this.termsDirty = false;
  }

  /** Every lexeme beginning with `prefix`, in order. */
  prefixTerms(prefix: string): string[] {
    if (this.termsDirty) this.sortTerms();
    const out: string[] = [];
    for (let i = lowerBound(this.terms, prefix); i < this.terms.length && this.terms[i].startsWith(prefix); i++) out.push(this.terms[i]);
    return out;
  }

  /**
   * Visits every document matching `terms` (distinct, non-empty; the last one a prefix) — all of them (`all`) or
   * at least one (`any`) — that `accept` keeps, with its rank as `ts_rank(vector, to_tsquery(…), 1)` would give it.
   */
  match(terms: string[], mode: MatchMode, accept: ((value: T) => boolean) | null, visit: (value: T, rank: number) => void): void {
    for (const h of this.top(terms, mode, { limit: Number.MAX_SAFE_INTEGER, accept, tie: () => 0 })) visit(h.value, h.rank);
  }

  /**
   * The best `limit` documents matching `terms` (as {@link match}), by score = ts_rank + `boost(value)` descending,
   * equal scores in `tie` order. A document that cannot reach the current last of the best (its rank has an upper
   * bound) is not ranked, and its boost not computed when even the largest boost would not bring it there.
   */
  top(terms: string[], mode: MatchMode, o: TopOptions<T>): Array<{ value: T; rank: number }> {
    const out: Array<{ value: T; rank: number }> = [];
    if (!terms.length || o.limit <= 0) return out;
    const stamp = ++this.stamp;
    const last = terms.length - 1;
    // The query's items as PostgreSQL orders them (SortAndUniqItems: by the term's bytes).
    const items = terms.map((term, i) => ({ term, prefix: i === last })).sort((a, b) => compareCodePoints(a.term, b.term));
    const size = items.length;
    const m = this.m;
    if (m.slot.length < size) {
      m.slot = new Int32Array(size * 2);
      m.current = new Int32Array(size * 2);
    }
    m.size = size;
    m.pk = items.findIndex((it) => it.prefix);
    const exact: Doc<T>[][] = [];
    let nExact = 0;
    items.forEach((it, k) => {
      if (it.prefix) return;
      const p = this.postings.get(it.term);
      if (!p) return;
      this.exactMark[p.id] = stamp;
      this.exactSlot[p.id] = k;
      exact.push(p.docs);
      nExact++;
    });
    const expanded = this.prefixTerms(terms[last]).map((t) => this.postings.get(t)!);
    for (const p of expanded) this.prefixMark[p.id] = stamp;
    if (mode === 'all' && (!expanded.length || nExact < last)) return out;

    // Candidates: in `all` mode the shortest list (one exact term's, or the prefix's), else every list; those the
    // caller expects to score best first (they raise the bar the others must reach).
    const candidates: Doc<T>[][] = [];
    if (o.first?.length) candidates.push(o.first.map((id) => this.docs.get(id)).filter((d): d is Doc<T> => !!d));
    const prefixTotal = expanded.reduce((n, p) => n + p.docs.length, 0);
    if (mode === 'all') {
      const shortest = exact.reduce<Doc<T>[] | null>((s, l) => (!s || l.length < s.length ? l : s), null);
      if (shortest && shortest.length < prefixTotal) candidates.push(shortest);
      else for (const p of expanded) candidates.push(p.docs);
    } else {
      candidates.push(...exact);
      for (const p of expanded) candidates.push(p.docs);
    }
    const and = mode === 'all' && size >= 2;
    const { exactMark, exactSlot, prefixMark } = this;
    const { slot, pbuf } = m;
    const { limit, accept, boost, tie } = o;
    const maxBoost = boost ? (o.maxBoost ?? Infinity) : 0;
    // The best so far, best first (a short list: limit is small).
    const scores: number[] = [];
    const docs: Doc<T>[] = [];
    for (const list of candidates) {
      for (let c = 0; c < list.length; c++) {
        const d = list[c];
        if (d.mark === stamp) continue;
        d.mark = stamp;
        const norm = d.norm;
        const full = scores.length >= limit;
        let b = 0;
        let boosted = false;
        if (full && and) {
          // Before reading the document's words: ts_rank ≤ 1 for AND (1 − Π(1 − w)), so rank ≤ 1 / norm.
          const worst = scores[scores.length - 1];
          const bound = (1 / norm) * (1 + 1e-6);
          if (bound + maxBoost < worst) continue;
          if (boost) b = boost(d.value, worst - bound);
          if (bound + b < worst) continue;
          boosted = true;
        }
        for (let k = 0; k < size; k++) slot[k] = -1;
        let np = 0;
        let found = 0;
        const tid = d.tid;
        for (let j = 0; j < tid.length; j++) {
          const id = tid[j];
          if (exactMark[id] === stamp) {
            slot[exactSlot[id]] = j;
            found++;
          }
          if (prefixMark[id] === stamp) pbuf[np++] = j;
        }
        if (mode === 'all' && (found < last || np === 0)) continue;
        if (accept && !accept(d.value)) continue;
        if (full && !boosted) {
          const worst = scores[scores.length - 1];
          // Each matched lexeme adds at most (1 + π²/6) / (π²/6) to calc_rank_or before the division by the items.
          const bound = ((and ? 1 : (1.61 * (found + np)) / size) / norm) * (1 + 1e-6);
          if (bound + maxBoost < worst) continue;
          if (boost) b = boost(d.value, worst - bound);
          if (bound + b < worst) continue;
        } else if (!full && boost) b = boost(d.value, -Infinity);
        m.np = np;
        let r = and ? rankAnd(d, m) : rankOr(d, m);
        if (r < 0) r = f(1e-20);
        r = f(r / norm);
        const score = r + b;
        if (full) {
          const worst = scores[scores.length - 1];
          if (score < worst || (score === worst && tie(d.value, docs[docs.length - 1].value) >= 0)) continue;
        }
        let at = scores.length;
        while (at > 0 && (score > scores[at - 1] || (score === scores[at - 1] && tie(d.value, docs[at - 1].value) < 0))) at--;
        scores.splice(at, 0, score);
        docs.splice(at, 0, d);
        if (scores.length > limit) {
          scores.pop();
          docs.pop();
        }
      }
    }
    for (let i = 0; i < docs.length; i++) out.push({ value: docs[i].value, rank: scores[i] });
    return out;
  }
}

export interface TopOptions<T> {
  limit: number;
  accept?: ((value: T) => boolean) | null;
  /**
   * Added to a document's ts_rank to give its score: a number from 0 to `maxBoost`. When the boost is below `need`
   * the document cannot make the list, and any number below `need` may be answered instead (to skip work).
   */
  boost?: (value: T, need: number) => number;
  maxBoost?: number;
  /** The order of equal scores (negative: `a` first). */
  tie: (a: T, b: T) => number;
  /** Ids of documents likely to score best, visited first (an order only: the answer is the same without). */
  first?: string[];
}
