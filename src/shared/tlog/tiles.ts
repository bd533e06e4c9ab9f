/**
 * C2SP tlog-tiles: the tree stored as tiles of 256 hashes. Tile (L, N) holds, for i in 0‥255,
 * MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]); level 0 holds the leaf hashes. Any complete subtree lies inside
 * one tile, so any root or proof is computed from a handful of tiles.
 */
import { HASH_SIZE, nodeHash, type Hash } from './hash';
import type { SubtreeRef } from './merkle';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export interface TileRef {
  level: number;
  index: number;
}

/** `tile/<L>/<N>[.p/<W>]` with N in zero-padded 3-digit elements, all but the last prefixed by `x`. */
export function tilePath(level: number, index: number, width = TILE_WIDTH): string {
  let n = index;
  const parts: string[] = [];
  do {
    parts.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  const p = parts.map((x, i) => (i < parts.length - 1 ? `x${x}` : x)).join('/');
  return `tile/${level}/${p}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

/** Parses the part after `tile/`; null when not a well-formed hash-tile path. */
export function parseTilePath(rest: string): { level: number; index: number; width: number } | null {
  const m = /^(0|[1-9]\d?)\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(rest);
  if (!m) return null;
  const level = Number(m[1]);
  const width = m[4] ? Number(m[4]) : TILE_WIDTH;
  if (level > 63 || width >= TILE_WIDTH + (m[4] ? 0 : 1)) return null;
  const digits = [...m[2].split('/').filter(Boolean).map((x) => x.slice(1)), m[3]];
  const index = Number(digits.join(''));
  if (!Number.isSafeInteger(index) || tilePath(level, index, width) !== `tile/${rest}`) return null;
  return { level, index, width };
}

/** Width of tile (level, index) in a tree of `size` leaves (0: it does not exist yet). */
export function tileWidth(level: number, index: number, size: number): number {
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}

/** Where a complete subtree's hash comes from: `count` consecutive hashes of one tile, from `offset`. */
export function tileSpan(s: SubtreeRef): TileRef & { offset: number; count: number } {
  const level = Math.floor(s.level / TILE_HEIGHT);
  const r = s.level - level * TILE_HEIGHT;
  const count = 2 ** r;
  const first = s.index * count;
  return { level, index: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
}

export const tileKey = (level: number, index: number) => `${level}/${index}`;

/** The tiles (and the width each must at least have) that a set of subtrees needs. */
export function tilesFor(subtrees: readonly SubtreeRef[]): Array<TileRef & { width: number }> {
  const need = new Map<string, TileRef & { width: number }>();
  for (const s of subtrees) {
    const t = tileSpan(s);
    const k = tileKey(t.level, t.index);
    const w = t.offset + t.count;
    const had = need.get(k);
    if (!had) need.set(k, { level: t.level, index: t.index, width: w });
    else if (had.width < w) had.width = w;
  }
  return [...need.values()];
}

/** The hash at position i of a tile's bytes. */
export const tileHash = (tile: Uint8Array, i: number): Hash => tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);

/** MTH of `count` (a power of two) consecutive hashes of a tile. */
export function foldTile(tile: Uint8Array, offset: number, count: number): Hash {
  if ((offset + count) * HASH_SIZE > tile.length) throw new RangeError('tile too narrow');
  let level: Hash[] = [];
  for (let i = 0; i < count; i++) level.push(tileHash(tile, offset + i));
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** Every node of a full tile's subtree: levels[r][j] = MTH of hashes j·2^r ‥ (j+1)·2^r − 1 of the tile. */
export function tileTree(tile: Uint8Array): Hash[][] {
  const levels: Hash[][] = [Array.from({ length: tile.length / HASH_SIZE }, (_, i) => tileHash(tile, i))];
  while (levels[levels.length - 1].length > 1) {
    const prev = levels[levels.length - 1];
    const next: Hash[] = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  return levels;
}

/**
 * A subtree-hash function over loaded tiles (keyed by tileKey), memoised. `trees` may hold the precomputed nodes of
 * some full tiles (a cache kept across proofs), which then cost no hashing.
 */
export function subtreeReader(tiles: ReadonlyMap<string, Uint8Array>, trees?: ReadonlyMap<string, Hash[][]>): (s: SubtreeRef) => Hash {
  const memo = new Map<string, Hash>();
  return (s) => {
    const k = `${s.level}:${s.index}`;
    const hit = memo.get(k);
    if (hit) return hit;
    const t = tileSpan(s);
    const tree = trees?.get(tileKey(t.level, t.index));
    if (tree) return tree[Math.log2(t.count)][t.offset / t.count];
    const tile = tiles.get(tileKey(t.level, t.index));
    if (!tile) throw new RangeError(`tile ${t.level}/${t.index} not loaded`);
    const h = foldTile(tile, t.offset, t.count);
    memo.set(k, h);
    return h;
  };
}

/**
 * The right edge of a growing tree: the partial tile of each level. Appending leaf hashes completes tiles (which are
 * then hashed into the level above) and returns every tile that changed, ready to store.
 */
export class TreeEdge {
  /** levels[L] = hashes of the partial tile at level L (0‥255 of them). */
  private levels: Hash[][];
  private n: number;

  constructor(size = 0, partialTiles: ReadonlyMap<number, Uint8Array> = new Map()) {
    this.n = size;
    this.levels = [];
    for (let L = 0; TILE_WIDTH ** L <= size || L === 0; L++) {
      const w = Math.floor(size / TILE_WIDTH ** L) % TILE_WIDTH;
      const bytes = partialTiles.get(L);
      if (w && (!bytes || bytes.length < w * HASH_SIZE)) throw new Error(`partial tile of level ${L} (width ${w}) is missing`);
      this.levels[L] = Array.from({ length: w }, (_, i) => tileHash(bytes!, i).slice());
    }
  }

  get size(): number {
    return this.n;
  }

  /** The partial tiles (level, index, width) a tree of `size` leaves has. */
  static partialTiles(size: number): Array<TileRef & { width: number }> {
    const out: Array<TileRef & { width: number }> = [];
    for (let L = 0; TILE_WIDTH ** L <= size; L++) {
      const hashes = Math.floor(size / TILE_WIDTH ** L);
      if (hashes % TILE_WIDTH) out.push({ level: L, index: Math.floor(hashes / TILE_WIDTH), width: hashes % TILE_WIDTH });
    }
    return out;
  }

  append(leaves: readonly Hash[]): Array<TileRef & { width: number; hashes: Uint8Array }> {
    const changed = new Map<string, TileRef & { width: number; hashes: Uint8Array }>();
    const emit = (level: number, hashes: Hash[], index: number) => {
      const bytes = new Uint8Array(hashes.length * HASH_SIZE);
      hashes.forEach((h, i) => bytes.set(h, i * HASH_SIZE));
      changed.set(tileKey(level, index), { level, index, width: hashes.length, hashes: bytes });
    };
    const touched = new Set<number>();
    for (const leaf of leaves) {
      let h: Hash = leaf;
      let L = 0;
      for (;;) {
        const row = (this.levels[L] ??= []);
        row.push(h);
        touched.add(L);
        if (row.length < TILE_WIDTH) break;
        // A full tile: store it, hash it into the level above.
        const index = Math.floor(((this.n + 1) / TILE_WIDTH ** (L + 1)) - 1);
        emit(L, row, index);
        h = foldTile(concatHashes(row), 0, TILE_WIDTH);
        this.levels[L] = [];
        L++;
      }
      this.n++;
    }
    for (const L of touched) {
      const row = this.levels[L];
      if (row.length) emit(L, row, Math.floor(this.n / TILE_WIDTH ** (L + 1)));
    }
    return [...changed.values()];
  }

  /** The partial tiles' bytes by tileKey: enough for the current root (its complete subtrees all lie in them). */
  partialTileBytes(): Map<string, Uint8Array> {
    const m = new Map<string, Uint8Array>();
    this.levels.forEach((row, L) => {
      if (row.length) m.set(tileKey(L, Math.floor(this.n / TILE_WIDTH ** (L + 1))), concatHashes(row));
    });
    return m;
  }
}

export function concatHashes(hashes: readonly Hash[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}
