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
const wordDistance = (d: number) => (d > 100 ? f(1e-30) : WORD_DISTANCE[d]);
/** The position PostgreSQL assumes for a lexeme stored without positions (calc_rank_and's POSNULL). */
const POSNULL_AND = [MAXENTRYPOS - 1];
const POSNULL_OR = [0];

interface Doc<T> {
  id: string;
  value: T;
  /** Lexemes in code point order. */
  lex: string[];
  /** Positions of lex[i]: pos[start[i] … start[i + 1]). */
  start: Int32Array;
  pos: Uint16Array;
  /** cnt_length: the number of positions (a lexeme without positions counts one). */
  length: number;
  /** Search stamp, to visit a document once per search. */
  mark: number;
}

/** A query term: matches a lexeme it equals, or (prefix) every lexeme it begins. */
interface Item {
  term: string;
  prefix: boolean;
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

/** The lexemes of `doc` an item matches: [from, to) in doc.lex. */
function entriesOf(doc: Doc<unknown>, item: Item, out: Int32Array, k: number) {
  let from = lowerBound(doc.lex, item.term);
  let to = from;
  if (item.prefix) while (to < doc.lex.length && doc.lex[to].startsWith(item.term)) to++;
  else if (from < doc.lex.length && doc.lex[from] === item.term) to = from + 1;
  if (to === from) from = to = -1;
  out[2 * k] = from;
  out[2 * k + 1] = to;
}

function positionsOf(doc: Doc<unknown>, e: number, posnull: number[]): ArrayLike<number> {
  const a = doc.start[e];
  const b = doc.start[e + 1];
  return a === b ? posnull : doc.pos.subarray(a, b);
}

/** calc_rank_or: the average over the query's items of each matched lexeme's weighted occurrences. */
function rankOr(doc: Doc<unknown>, ranges: Int32Array, size: number): number {
  let res = 0;
  for (let i = 0; i < size; i++) {
    const from = ranges[2 * i];
    if (from < 0) continue;
    for (let e = from; e < ranges[2 * i + 1]; e++) {
      const post = positionsOf(doc, e, POSNULL_OR);
      let resj = 0;
      let wjm = -1;
      let jm = 0;
      for (let j = 0; j < post.length; j++) {
        const w = WEIGHTS[post[j] >> 14];
        resj = f(resj + f(w / ((j + 1) * (j + 1))));
        if (w > wjm) {
          wjm = w;
          jm = j;
        }
      }
      res = f(res + f(f(wjm + resj) - f(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
    }
  }
  return size > 0 ? f(res / size) : res;
}

/** calc_rank_and: every pair of positions of different items, closer is better. */
function rankAnd(doc: Doc<unknown>, ranges: Int32Array, size: number, current: Int32Array): number {
  let res = -1;
  current.fill(-2, 0, size);
  for (let i = 0; i < size; i++) {
    const from = ranges[2 * i];
    if (from < 0) continue;
    for (let e = from; e < ranges[2 * i + 1]; e++) {
      current[i] = e;
      const nullI = doc.start[e] === doc.start[e + 1];
      const post = positionsOf(doc, e, POSNULL_AND);
      for (let k = 0; k < i; k++) {
        if (current[k] === -2) continue;
        const nullK = doc.start[current[k]] === doc.start[current[k] + 1];
        const ct = positionsOf(doc, current[k], POSNULL_AND);
        for (let l = 0; l < post.length; l++) {
          for (let p = 0; p < ct.length; p++) {
            let dist = Math.abs((post[l] & 0x3fff) - (ct[p] & 0x3fff));
            if (dist || nullI || nullK) {
              if (!dist) dist = MAXENTRYPOS;
              const curw = f(Math.sqrt(f(f(WEIGHTS[post[l] >> 14] * WEIGHTS[ct[p] >> 14]) * wordDistance(dist))));
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

/**
 * Documents (by id) with their `tsvector` and a value; `match` visits the documents a query matches with their
 * `ts_rank(vector, query, 1)`.
 */
export class InvertedIndex<T> {
  private docs = new Map<string, Doc<T>>();
  private postings = new Map<string, Doc<T>[]>();
  /** Every lexeme of the index in code point order (binary search for prefixes); rebuilt lazily after a bulk load. */
  private terms: string[] = [];
  private termsDirty = false;
  private bulk = false;
  private stamp = 0;
  private ranges = new Int32Array(64);
  private current = new Int32Array(32);

  get size(): number {
    return this.docs.size;
  }

  get(id: string): T | undefined {
    return this.docs.get(id)?.value;
  }

  values(): IterableIterator<T> {
    const it = this.docs.values();
    return (function* () {
      for (const d of it) yield d.value;
    })();
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
    const lex = entries.map((e) => this.intern(e.lexeme));
    const doc: Doc<T> = { id, value, lex, start, pos, length, mark: 0 };
    this.docs.set(id, doc);
    for (const t of lex) {
      const list = this.postings.get(t);
      if (list) list.push(doc);
      else {
        this.postings.set(t, [doc]);
        this.addTerm(t);
      }
    }
  }

  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.docs.delete(id);
    for (const t of doc.lex) {
      const list = this.postings.get(t)!;
      const at = list.indexOf(doc);
      if (at >= 0) list.splice(at, 1);
      if (!list.length) {
        this.postings.delete(t);
        this.removeTerm(t);
      }
    }
    return true;
  }

  clear(): void {
    this.docs.clear();
    this.postings.clear();
    this.terms = [];
    this.termsDirty = false;
  }

  /** The same string object for equal lexemes (many documents share words). */
  private intern(t: string): string {
    const list = this.postings.get(t);
    return list ? list[0].lex[lowerBound(list[0].lex, t)] : t;
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
  match(terms: string[], mode: MatchMode, accept: (value: T) => boolean, visit: (value: T, rank: number) => void): void {
    if (!terms.length) return;
    const last = terms.length - 1;
    const exact = terms.slice(0, last).map((t) => this.postings.get(t));
    const expanded = this.prefixTerms(terms[last]).map((t) => this.postings.get(t)!);
    const stamp = ++this.stamp;
    const candidates: Doc<T>[][] = [];
    let check: (d: Doc<T>) => boolean = () => true;
    if (mode === 'all') {
      if (!expanded.length || exact.some((l) => !l)) return;
      const lists = exact as Doc<T>[][];
      const prefixTotal = expanded.reduce((n, l) => n + l.length, 0);
      let driver = -1;
      lists.forEach((l, i) => {
        if (l.length < (driver < 0 ? prefixTotal : lists[driver].length)) driver = i;
      });
      const prefix = terms[last];
      const others = terms.slice(0, last).filter((_, i) => i !== driver);
      const hasAll = (d: Doc<T>) => others.every((t) => d.lex[lowerBound(d.lex, t)] === t);
      if (driver < 0) {
        candidates.push(...expanded);
        check = hasAll;
      } else {
        candidates.push(lists[driver]);
        check = (d) => {
          const at = lowerBound(d.lex, prefix);
          return at < d.lex.length && d.lex[at].startsWith(prefix) && hasAll(d);
        };
      }
    } else {
      for (const l of exact) if (l) candidates.push(l);
      candidates.push(...expanded);
    }
    // The query's items as PostgreSQL orders them (SortAndUniqItems: by the term's bytes).
    const items: Item[] = terms.map((term, i) => ({ term, prefix: i === last })).sort((a, b) => compareCodePoints(a.term, b.term));
    const size = items.length;
    if (this.ranges.length < 2 * size) this.ranges = new Int32Array(2 * size);
    if (this.current.length < size) this.current = new Int32Array(size);
    const and = mode === 'all' && size >= 2;
    for (const list of candidates) {
      for (const d of list) {
        if (d.mark === stamp) continue;
        d.mark = stamp;
        if (!check(d) || !accept(d.value)) continue;
        for (let k = 0; k < size; k++) entriesOf(d, items[k], this.ranges, k);
        let r = and ? rankAnd(d, this.ranges, size, this.current) : rankOr(d, this.ranges, size);
        if (r < 0) r = f(1e-20);
        r = f(r / (Math.log(d.length + 1) / Math.log(2.0)));
        visit(d.value, r);
      }
    }
  }
}
