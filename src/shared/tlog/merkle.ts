/**
 * Merkle tree hashes and proofs (RFC 9162 §2.1): the tree root, inclusion and consistency proofs, and the
 * verification algorithms of §2.1.3.2 and §2.1.4.2. Proofs are first described as expressions over complete
 * subtrees, so a stored tree (tiles) can answer them by reading only the hashes they need.
 */
import { equalBytes } from './bytes';
import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint, type Hash } from './hash';

/** A complete subtree: 2^level leaves starting at leaf index × 2^level. */
export interface SubtreeRef {
  level: number;
  index: number;
}
/** MTH of a range of leaves, as the complete subtrees it folds from. */
export type RangeExpr = SubtreeRef | readonly [RangeExpr, RangeExpr];

const isPair = (e: RangeExpr): e is readonly [RangeExpr, RangeExpr] => Array.isArray(e);

/** MTH(D[a:b]) as an expression: the range splits at the largest power of two below its length (RFC 9162 §2.1.1). */
export function rangeExpr(a: number, b: number): RangeExpr {
  const n = b - a;
  if (n < 1) throw new RangeError('empty range');
  if (isPowerOfTwo(n) && a % n === 0) return { level: Math.log2(n), index: a / n };
  const k = splitPoint(n);
  return [rangeExpr(a, a + k), rangeExpr(a + k, b)];
}

/** Root of a tree of `size` leaves as an expression (size ≥ 1). */
export const rootExpr = (size: number): RangeExpr => rangeExpr(0, size);

/** The inclusion proof (audit path) of leaf `index` in a tree of `size` leaves, RFC 9162 §2.1.3.1. */
export function inclusionExprs(index: number, size: number): RangeExpr[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const out: RangeExpr[] = [];
  const path = (lo: number, hi: number) => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (index - lo < k) {
      path(lo, lo + k);
      out.push(rangeExpr(lo + k, hi));
    } else {
      path(lo + k, hi);
      out.push(rangeExpr(lo, lo + k));
    }
  };
  path(0, size);
  return out;
}

/** The consistency proof from tree size m to tree size n, RFC 9162 §2.1.4.1 (empty when m is 0 or m = n). */
export function consistencyExprs(m: number, n: number): RangeExpr[] {
  if (!(m >= 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const out: RangeExpr[] = [];
  const sub = (mm: number, lo: number, hi: number, whole: boolean) => {
    const len = hi - lo;
    if (mm === len) {
      if (!whole) out.push(rangeExpr(lo, hi));
      return;
    }
    const k = splitPoint(len);
    if (mm <= k) {
      sub(mm, lo, lo + k, whole);
      out.push(rangeExpr(lo + k, hi));
    } else {
      sub(mm - k, lo + k, hi, false);
      out.push(rangeExpr(lo, lo + k));
    }
  };
  sub(m, 0, n, true);
  return out;
}

/** Every complete subtree an expression needs. */
export function subtreesOf(exprs: readonly RangeExpr[], into: SubtreeRef[] = []): SubtreeRef[] {
  const walk = (e: RangeExpr) => {
    if (isPair(e)) {
      walk(e[0]);
      walk(e[1]);
    } else into.push(e);
  };
  for (const e of exprs) walk(e);
  return into;
}

/** Evaluates an expression given the hash of each complete subtree. */
export function evaluate(e: RangeExpr, subtree: (s: SubtreeRef) => Hash): Hash {
  return isPair(e) ? nodeHash(evaluate(e[0], subtree), evaluate(e[1], subtree)) : subtree(e);
}

// ─── In-memory reference (tests, small trees, the offline verifier) ──────────────────────────────────────────────

/** Hash of a complete subtree over an array of leaf hashes. */
export function subtreeFromLeaves(leaves: readonly Hash[], s: SubtreeRef): Hash {
  const width = 2 ** s.level;
  const start = s.index * width;
  if (start + width > leaves.length) throw new RangeError('subtree beyond the tree');
  let level = leaves.slice(start, start + width);
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** MTH(D[0:n]) over leaf hashes. */
export function treeRoot(leaves: readonly Hash[]): Hash {
  if (!leaves.length) return EMPTY_ROOT;
  return evaluate(rootExpr(leaves.length), (s) => subtreeFromLeaves(leaves, s));
}

export const inclusionProof = (leaves: readonly Hash[], index: number, size = leaves.length): Hash[] =>
  inclusionExprs(index, size).map((e) => evaluate(e, (s) => subtreeFromLeaves(leaves, s)));

export const consistencyProof = (leaves: readonly Hash[], m: number, n = leaves.length): Hash[] =>
  consistencyExprs(m, n).map((e) => evaluate(e, (s) => subtreeFromLeaves(leaves, s)));

// ─── Verification, RFC 9162 §2.1.3.2 and §2.1.4.2 ───────────────────────────────────────────────────────────────
// Arithmetic instead of bit operators: JavaScript's are 32-bit and tree sizes may exceed 2^32.

const lsb = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** The root an inclusion proof leads to, or null when the proof has the wrong shape for (index, size). */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash | null {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  const r = rootFromInclusionProof(index, size, leaf, proof);
  return !!r && equalBytes(r, root);
}

/** Whether the tree of size `second` with root `secondRoot` extends the tree of size `first` with root `firstRoot`. */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  // Every tree extends the empty tree; its proof is empty (C2SP tlog-witness).
  if (first === 0) return proof.length === 0 && equalBytes(firstRoot, EMPTY_ROOT);
  if (!proof.length) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}
