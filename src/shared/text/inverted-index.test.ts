import { describe, expect, it } from 'vitest';
import { compareCodePoints, InvertedIndex, parseTsVector, type MatchMode } from './inverted-index';

/**
 * setweight(to_tsvector('simple','dang ky khai sinh'),'A') || setweight(to_tsvector('simple','1.001193'),'A')
 *   || setweight(to_tsvector('simple','giay khai sinh'),'B') || setweight(to_tsvector('simple','birth registration'),'C')
 * as PostgreSQL 15 prints it, and ts_rank(…, to_tsquery('simple', q), 1) as it computes it.
 */
const VECTOR = "'1.001193':5A 'birth':9C 'dang':1A 'giay':6B 'khai':3A,7B 'ky':2A 'registration':10C 'sinh':4A,8B";
const POSTGRES_RANKS: Array<[terms: string[], mode: MatchMode, rank: number]> = [
  [['dang', 'ky', 'kh'], 'all', 0.28906476],
  [['khai', 'sinh'], 'all', 0.2888115],
  [['sinh'], 'all', 0.19330336],
  [['zz', 'sinh', 'bi'], 'any', 0.076149814],
  [['giay', '1.001193'], 'all', 0.18118115],
];

const ranksOf = (index: InvertedIndex<string>, terms: string[], mode: MatchMode = 'all') => {
  const out: Record<string, number> = {};
  index.match(terms, mode, () => true, (v, r) => (out[v] = r));
  return out;
};

describe('parseTsVector', () => {
  it('reads lexemes, positions and weights (D when unmarked), and quoted quotes', () => {
    expect(parseTsVector("'a':1A,2 'o''neil':3B 'x'")).toEqual([
      { lexeme: 'a', positions: [1 | (3 << 14), 2] },
      { lexeme: "o'neil", positions: [3 | (2 << 14)] },
      { lexeme: 'x', positions: [] },
    ]);
  });
});

describe('InvertedIndex', () => {
  it('ranks exactly as PostgreSQL ts_rank with normalization 1 does', () => {
    const index = new InvertedIndex<string>();
    index.upsert('d', VECTOR, 'd');
    for (const [terms, mode, rank] of POSTGRES_RANKS) expect(ranksOf(index, terms, mode).d, terms.join(' ')).toBe(Math.fround(rank));
  });

  it('requires every term (the last as a prefix) in all mode, any term in any mode', () => {
    const index = new InvertedIndex<string>();
    index.upsert('1', "'dang':1A 'ky':2A 'ket':3A 'hon':4A", 'ket hon');
    index.upsert('2', "'dang':1A 'ky':2A 'khai':3A 'sinh':4A", 'khai sinh');
    index.upsert('3', "'cap':1A 'giay':2A 'phep':3A", 'giay phep');
    expect(Object.keys(ranksOf(index, ['dang', 'ky', 'k'])).sort()).toEqual(['ket hon', 'khai sinh']);
    expect(Object.keys(ranksOf(index, ['dang', 'ky', 'ke']))).toEqual(['ket hon']);
    expect(Object.keys(ranksOf(index, ['ho']))).toEqual(['ket hon']);
    expect(Object.keys(ranksOf(index, ['ho', 'dang']))).toEqual([]); // only the last term is a prefix
    expect(Object.keys(ranksOf(index, ['k'])).sort()).toEqual(['ket hon', 'khai sinh']);
    expect(Object.keys(ranksOf(index, ['giay', 'sinh']))).toEqual([]);
    expect(Object.keys(ranksOf(index, ['giay', 'sinh'], 'any')).sort()).toEqual(['giay phep', 'khai sinh']);
  });

  it('finds prefixes by binary search over the sorted terms, also after adding and removing documents', () => {
    const index = new InvertedIndex<string>();
    index.load((add) => {
      for (let i = 0; i < 50; i++) add(String(i), `'w${String(i).padStart(2, '0')}':1A 'common':2A`, String(i));
    });
    expect(index.prefixTerms('w4')).toEqual(['w40', 'w41', 'w42', 'w43', 'w44', 'w45', 'w46', 'w47', 'w48', 'w49']);
    index.remove('42');
    index.upsert('x', "'w4a':1A", 'x');
    expect(index.prefixTerms('w4')).toEqual(['w40', 'w41', 'w43', 'w44', 'w45', 'w46', 'w47', 'w48', 'w49', 'w4a']);
    expect(Object.keys(ranksOf(index, ['common', 'w4'])).sort()).toEqual(['40', '41', '43', '44', '45', '46', '47', '48', '49']);
    // Replacing a document drops its old words.
    index.upsert('40', "'other':1A", '40');
    expect(Object.keys(ranksOf(index, ['common', 'w4'])).sort()).toEqual(['41', '43', '44', '45', '46', '47', '48', '49']);
    expect(index.size).toBe(50);
  });

  it('visits only what the filter accepts, and each document once', () => {
    const index = new InvertedIndex<string>();
    index.upsert('1', "'cap':1A 'capital':2C", 'a');
    index.upsert('2', "'cap':1A", 'b');
    const seen: string[] = [];
    index.match(['ca'], 'all', (v) => v === 'a', (v) => seen.push(v));
    expect(seen).toEqual(['a']);
  });
});

describe('compareCodePoints', () => {
  it('orders as UTF-8 bytes do (PostgreSQL collate "C"), beyond U+FFFF too', () => {
    expect(['b', 'a', 'ă', 'á', 'ab'].sort(compareCodePoints)).toEqual(['a', 'ab', 'b', 'á', 'ă']);
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });
});
