/**
 * `motcua log verify`: recomputes the log from its entries and checks it against what was stored and signed, and
 * each logged record against its leaf. Names what it finds: an entry changed, missing or out of order; a tile that
 * does not match; a checkpoint the tree no longer gives (history rewritten); a record changed, deleted or never
 * logged.
 */
import type { DbOrTx } from '../../platform/db/client';
import {
  EMPTY_ROOT,
  TreeEdge,
  subtreesOf,
  tilesFor,
  equalBytes,
  evaluate,
  leafHash,
  openNote,
  parseCheckpoint,
  parseNote,
  rootExpr,
  subtreeReader,
  tileKey,
  toBase64,
  verifyConsistency,
  consistencyExprs,
  type Verifier,
} from '../../shared/tlog';
import * as repo from './tlog.repo';

export type ProblemCode =
  | 'entry_changed'
  | 'entry_missing'
  | 'entry_moved'
  | 'tile_mismatch'
  | 'head_mismatch'
  | 'checkpoint_signature'
  | 'checkpoint_mismatch'
  | 'checkpoint_inconsistent'
  | 'fork'
  | 'record_changed'
  | 'record_deleted'
  | 'record_not_logged';

export interface LogProblem {
  code: ProblemCode;
  detail: string;
  index?: number;
  kind?: string;
  ref?: string;
  size?: number;
}

/** A table whose records are logged: how to list them and what leaf each must have. */
export interface LeafSource {
  kind: string;
  /** Every record, as (ref, the leaf data it must have given the leaf's salt). */
  records(db: DbOrTx): AsyncIterable<{ ref: string; leaf: (salt: Uint8Array) => string }>;
}

export interface VerifyReport {
  ok: boolean;
  size: number;
  entries: number;
  checkpoints: number;
  records: number;
  pending: number;
  problems: LogProblem[];
}

export interface VerifyOptions {
  logKey: Verifier;
  sources?: LeafSource[];
  /** Checkpoints kept elsewhere (a witness's, a citizen's bundle): each must be one the log still gives. */
  checkpoints?: string[];
  /** Stop after this many problems (default 50). */
  maxProblems?: number;
}

export async function verifyLog(db: DbOrTx, opts: VerifyOptions): Promise<VerifyReport> {
  const problems: LogProblem[] = [];
  const max = opts.maxProblems ?? 50;
  const add = (p: LogProblem) => {
    if (problems.length < max) problems.push(p);
  };
  const head = await repo.readHead(db);
  const checkpoints = await repo.allCheckpoints(db);

  // Checkpoints stored and given: signed by the log, and (below) each one a root of the recomputed tree.
  const wanted = new Map<number, Array<{ root: Uint8Array; from: string }>>();
  const want = (size: number, root: Uint8Array, from: string) => {
    const list = wanted.get(size) ?? [];
    if (list.some((w) => !equalBytes(w.root, root))) add({ code: 'fork', size, detail: `two checkpoints of size ${size} with different roots (${from} and ${list[0].from})` });
    list.push({ root, from });
    wanted.set(size, list);
  };
  for (const c of [...checkpoints.map((c) => ({ note: c.note, from: `stored checkpoint ${c.size}` })), ...(opts.checkpoints ?? []).map((n, i) => ({ note: n, from: `given checkpoint #${i + 1}` }))]) {
    try {
      const opened = openNote(parseNote(c.note), [opts.logKey]);
      const cp = parseCheckpoint(opened.text);
      if (!opened.verified.length || cp.origin !== opts.logKey.name) {
        add({ code: 'checkpoint_signature', size: cp.size, detail: `${c.from}: not signed by the log key ${opts.logKey.name}` });
        continue;
      }
      want(cp.size, cp.root, c.from);
    } catch (e) {
      add({ code: 'checkpoint_signature', detail: `${c.from}: unreadable (${(e as Error).message})` });
    }
  }

  // Recompute the tree from the entries, in index order, comparing with the stored tiles as they complete.
  const edge = new TreeEdge();
  let entries = 0;
  let expected = 0;
  const compareTiles = async (changed: Array<{ level: number; index: number; width: number; hashes: Uint8Array }>) => {
    const stored = await repo.loadTiles(db, changed);
    for (const t of changed) {
      const s = stored.get(tileKey(t.level, t.index));
      if (!s || s.length < t.hashes.length || !equalBytes(s.subarray(0, t.hashes.length), t.hashes)) {
        if (t.level === 0 && s) {
          // Which leaves differ, and whether they only swapped places.
          const first = t.index * 256;
          const bad: number[] = [];
          for (let i = 0; i < t.width; i++) if (!equalBytes(s.subarray(i * 32, i * 32 + 32), t.hashes.subarray(i * 32, i * 32 + 32))) bad.push(i);
          for (const i of bad) {
            const mine = t.hashes.subarray(i * 32, i * 32 + 32);
            const elsewhere = bad.find((j) => j !== i && equalBytes(s.subarray(j * 32, j * 32 + 32), mine));
            if (elsewhere !== undefined) add({ code: 'entry_moved', index: first + i, detail: `entry ${first + i} is the one the signed tree has at index ${first + elsewhere}: rows reordered` });
            else add({ code: 'entry_changed', index: first + i, detail: `entry ${first + i} is not the leaf the tree was built with` });
          }
          if (bad.length) continue;
        }
        add({ code: 'tile_mismatch', detail: `tile ${t.level}/${t.index} does not match the entries` });
      }
    }
  };
  const sizes = [...new Set([...wanted.keys(), head.size])].sort((a, b) => a - b);
  let nextSize = 0;
  const checkRootsUpTo = (n: number) => {
    while (nextSize < sizes.length && sizes[nextSize] <= n) {
      const s = sizes[nextSize++];
      if (s > n) break;
      const root = s === 0 ? EMPTY_ROOT : rootOf(edge, s);
      if (root === null) continue;
      for (const w of wanted.get(s) ?? []) if (!equalBytes(root, w.root)) add({ code: 'checkpoint_mismatch', size: s, detail: `${w.from} (size ${s}, root ${toBase64(w.root)}) is not the root of the log's entries: history was rewritten` });
      if (s === head.size && !equalBytes(root, head.root)) add({ code: 'head_mismatch', size: s, detail: 'the stored tree head does not match the entries' });
    }
  };
  checkRootsUpTo(0);
  for (;;) {
    const rows = await repo.entriesFrom(db, expected, 10_000);
    if (!rows.length) break;
    const hashes: Uint8Array[] = [];
    for (const r of rows) {
      if (r.idx !== expected) {
        add({ code: 'entry_missing', index: expected, detail: `entries ${expected}–${r.idx - 1} are missing (deleted rows)` });
        // Keep the shape of the tree: the stored tile hashes stand in for the missing leaves.
        for (let i = expected; i < r.idx; i++) hashes.push(await storedLeaf(db, i));
        expected = r.idx;
      }
      // A changed data with its old hash is named here; the tree is rebuilt from the stored hash, so the finding does
      // not cascade into every tile and checkpoint above it.
      if (!equalBytes(leafHash(r.data), r.hash)) add({ code: 'entry_changed', index: r.idx, kind: r.kind, ref: r.ref, detail: `entry ${r.idx} (${r.kind} ${r.ref}): its data no longer hashes to its leaf hash` });
      hashes.push(r.hash);
      expected++;
      entries++;
    }
    // Append in pieces so every checkpoint size is seen.
    let i = 0;
    while (i < hashes.length) {
      const stop = sizes.find((s) => s > edge.size) ?? Infinity;
      const take = Math.min(hashes.length - i, stop - edge.size);
      await compareTiles(edge.append(hashes.slice(i, i + take)));
      i += take;
      checkRootsUpTo(edge.size);
    }
  }
  if (expected < head.size) add({ code: 'entry_missing', index: expected, detail: `entries ${expected}–${head.size - 1} are missing (deleted rows)` });
  checkRootsUpTo(Number.MAX_SAFE_INTEGER);

  // Consecutive checkpoints are consistent, with proofs from the stored tiles (what a witness checks).
  const ordered = [...wanted.entries()].sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < ordered.length; k++) {
    const [m, [a]] = ordered[k - 1];
    const [n, [b]] = ordered[k];
    if (n > head.size) continue;
    try {
      const tiles = await repo.loadTiles(db, tilesFor(subtreesOf(consistencyExprs(m, n))));
      const proof = consistencyExprs(m, n).map((e) => evaluate(e, subtreeReader(tiles)));
      if (!verifyConsistency(m, n, a.root, b.root, proof)) add({ code: 'checkpoint_inconsistent', size: n, detail: `checkpoint ${n} is not consistent with checkpoint ${m}` });
    } catch (e) {
      add({ code: 'checkpoint_inconsistent', size: n, detail: `no consistency proof from ${m} to ${n}: ${(e as Error).message}` });
    }
  }

  // Every logged record has its leaf, unchanged.
  let records = 0;
  for (const source of opts.sources ?? []) {
    const leaves = new Map<string, { data: string; salt: Uint8Array; idx: number | null }>();
    for (let from = 0; ; ) {
      const rows = await repo.entriesFrom(db, from, 10_000);
      if (!rows.length) break;
      for (const r of rows) if (r.kind === source.kind && !leaves.has(r.ref)) leaves.set(r.ref, { data: r.data, salt: r.salt, idx: r.idx });
      from = rows[rows.length - 1].idx + 1;
    }
    for (const p of await repo.pendingOfKind(db, source.kind)) if (!leaves.has(p.ref)) leaves.set(p.ref, { data: p.data, salt: p.salt, idx: null });
    for await (const rec of source.records(db)) {
      records++;
      const leaf = leaves.get(rec.ref);
      if (!leaf) {
        add({ code: 'record_not_logged', kind: source.kind, ref: rec.ref, detail: `${source.kind} ${rec.ref} has no leaf in the log` });
        continue;
      }
      leaves.delete(rec.ref);
      if (rec.leaf(leaf.salt) !== leaf.data) add({ code: 'record_changed', kind: source.kind, ref: rec.ref, index: leaf.idx ?? undefined, detail: `${source.kind} ${rec.ref} was changed after it was logged${leaf.idx === null ? '' : ` (leaf ${leaf.idx})`}` });
    }
    for (const [ref, leaf] of leaves) add({ code: 'record_deleted', kind: source.kind, ref, index: leaf.idx ?? undefined, detail: `${source.kind} ${ref} is in the log${leaf.idx === null ? '' : ` (leaf ${leaf.idx})`} but its record was deleted` });
  }

  return { ok: problems.length === 0, size: head.size, entries, checkpoints: checkpoints.length, records, pending: await repo.pendingCount(db), problems };
}

/** Root of the first `size` leaves of the edge, when the edge is exactly that size (else null). */
function rootOf(edge: TreeEdge, size: number): Uint8Array | null {
  if (edge.size !== size) return null;
  return evaluate(rootExpr(size), subtreeReader(edge.partialTileBytes()));
}

async function storedLeaf(db: DbOrTx, i: number): Promise<Uint8Array> {
  const t = (await repo.loadTiles(db, [{ level: 0, index: Math.floor(i / 256) }])).get(tileKey(0, Math.floor(i / 256)));
  const o = (i % 256) * 32;
  return t && t.length >= o + 32 ? t.slice(o, o + 32) : new Uint8Array(32);
}
