/**
 * Text handling of the assistant: folding (no diacritics, đ → d), syllable tokens, syllable pairs, stop words,
 * trigrams and edit distance for typos. Pure.
 */
import { foldVi } from '../text/fold';

/** Folded syllables of a text: lower case, no diacritics, letters and digits only. */
export function syllables(text: string): string[] {
  return foldVi(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/**
 * Words that carry no subject in a question ("what do I need", "how", "where", pronouns, particles), in folded
 * form. The question's intent is read from the text before these are dropped.
 */
export const STOP_WORDS = new Set(
  (
    'can gi nhung lam the nao o dau bao lau nhieu tien mat co khong ko k hok dc duoc cho toi minh em anh chi ong ba muon phai thi la va de khi bi xin hay voi cua nay do a ah nhe nha oi vay roi nua ma thu tuc ' +
    'how do i my a an the to for what need needs get much long where is of in on can does it me we our with about when who which are be please'
  ).split(' '),
);

/** Syllable pairs as one token: `dang ky` → `dang_ky`. */
export const pair = (a: string, b: string) => `${a}_${b}`;

/** The content tokens of a text: syllables without stop words, and the pairs of neighbouring syllables. */
export function tokens(text: string): { unigrams: string[]; bigrams: string[] } {
  const all = syllables(text);
  const unigrams = all.filter((s) => !STOP_WORDS.has(s));
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < all.length; i++) if (!(STOP_WORDS.has(all[i]) && STOP_WORDS.has(all[i + 1]))) bigrams.push(pair(all[i], all[i + 1]));
  return { unigrams, bigrams };
}

export function trigrams(word: string): Set<string> {
  const w = `^${word}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Damerau–Levenshtein distance (optimal string alignment), bounded: returns max + 1 once it exceeds max. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}
