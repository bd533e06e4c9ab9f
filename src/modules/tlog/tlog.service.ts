import type { Db, DbOrTx } from '../../platform/db/client';
import {
  BUNDLE_FORMAT,
  EMPTY_ROOT,
  TreeEdge,
  consistencyExprs,
  evaluate,
  formatCheckpoint,
  formatVerifierKey,
  inclusionExprs,
  parseVerifierKey,
  rootExpr,
  signNote,
  subtreeReader,
  subtreesOf,
  tileKey,
  tileTree,
  tileWidth,
  tilesFor,
  toBase64,
  type Hash,
  type ProofBundle,
  type RangeExpr,
  type Signer,
  type Verifier,
} from '../../shared/tlog';
import * as repo from './tlog.repo';
import { tlogErrors } from './tlog.errors';
import { WitnessClient } from './tlog.witness-client';
import '../../platform/tlog/tlog.hash';

/** Advisory lock key of the integrator: one process integrates at a time. */
const INTEGRATE_LOCK = 7_262_016;

export interface TlogOptions {
  origin: string;
  /** The log's signing key, loaded on first use (so a process that never signs never needs it). */
  signer: () => Signer;
  witnesses?: Array<{ vkey: string; url: string }>;
  now?: () => Date;
  /** Told when a background step fails (never with personal data). */
  onError?: (what: string, err: unknown) => void;
  batch?: number;
}

export interface LoggedEntry {
  entry: repo.EntryRow;
}

/**
 * The installation's transparency log: integrates committed leaves into the tiled Merkle tree (sequencing in commit
 * order: whatever has committed gets the next indices), signs checkpoints, asks witnesses to cosign them, and answers
 * proofs for any leaf at any published size from a few tiles.
 */
export class TransparencyLog {
  private edge: TreeEdge | null = null;
  private edgeRoot: Hash = EMPTY_ROOT;
  private signerCache: Signer | null = null;
  readonly witnesses: WitnessClient[];
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly opts: TlogOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.witnesses = (opts.witnesses ?? []).map((w) => new WitnessClient(parseVerifierKey(w.vkey), w.url));
  }

  get origin(): string {
    return this.opts.origin;
  }

  signer(): Signer {
    this.signerCache ??= this.opts.signer();
    return this.signerCache;
  }

  /** The log's verifier key, as citizens and witnesses pin it. */
  verifierKey(): string {
    return formatVerifierKey(this.signer());
  }

  verifier(): Verifier {
    return parseVerifierKey(this.verifierKey());
  }

  // ─── Integration ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Integrates one batch of committed leaves. Returns how many; 0 when nothing was pending or another process holds the lock. */
  async integrate(): Promise<number> {
    try {
      return await this.db.transaction(async (tx) => {
        // Four statements a round, however many leaves: lock and head, move the leaves, the changed tiles and head.
        const head = await repo.lockAndReadHead(tx, INTEGRATE_LOCK);
        if (!head) return 0;
        if (!this.edge || this.edge.size !== head.size || !sameBytes(this.edgeRoot, head.root)) await this.loadEdge(tx, head);
        const moved = await repo.integrateBatch(tx, head.size, this.opts.batch ?? 5000);
        if (!moved.length) return 0;
        moved.forEach((m, i) => {
          if (m.idx !== head.size + i) throw new Error(`integration out of order at ${m.idx}`);
        });
        const changed = this.edge!.append(moved.map((m) => m.hash));
        const root = evaluate(rootExpr(this.edge!.size), subtreeReader(this.edge!.partialTileBytes()));
        await repo.storeTilesAndHead(tx, changed, { size: this.edge!.size, root }, this.now());
        this.edgeRoot = root;
        return moved.length;
      });
    } catch (err) {
      // The in-memory edge may be ahead of what committed: rebuild it next time.
      this.edge = null;
      throw err;
    }
  }

  private async loadEdge(db: DbOrTx, head: repo.Head): Promise<void> {
    const partial = TreeEdge.partialTiles(head.size);
    const tiles = await repo.loadTiles(db, partial);
    const byLevel = new Map<number, Uint8Array>();
    for (const p of partial) {
      const t = tiles.get(tileKey(p.level, p.index));
      if (!t) throw new Error(`tile ${p.level}/${p.index} of the log is missing`);
      byLevel.set(p.level, t.subarray(0, p.width * 32));
    }
    this.edge = new TreeEdge(head.size, byLevel);
    this.edgeRoot = head.size ? evaluate(rootExpr(head.size), subtreeReader(this.edge.partialTileBytes())) : EMPTY_ROOT;
    if (!sameBytes(this.edgeRoot, head.root)) throw new Error('the stored tiles do not give the stored root: run motcua log verify');
  }

  async integrateAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.integrate();
      total += n;
      if (n === 0) return total;
    }
  }

  // ─── Checkpoints ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Signs a checkpoint of the current tree when it grew since the last one (or when there is none yet), and asks the
   * witnesses to cosign it. Returns the new checkpoint's size, or null when nothing new was signed.
   */
  async publish(): Promise<number | null> {
    const head = await repo.readHead(this.db);
    const last = await repo.latestCheckpoint(this.db);
    if (last && last.size >= head.size) {
      await this.askWitnesses(last);
      return null;
    }
    const signer = this.signer();
    const text = formatCheckpoint({ origin: this.opts.origin, size: head.size, root: head.root });
    const row = { size: head.size, root: head.root, note: signNote(text, [signer]), signedAt: this.now() };
    await repo.insertCheckpoint(this.db, row);
    await this.askWitnesses(row);
    return head.size;
  }

  private async askWitnesses(cp: repo.CheckpointRow): Promise<void> {
    for (const w of this.witnesses) {
      try {
        const have = await repo.lastCosignedSize(this.db, w.verifier.name);
        if (have >= cp.size && (await repo.cosignatureLines(this.db, cp.size)).length) continue;
        const got = await w.addCheckpoint(cp.note, have, (old) => this.consistencyProof(old, cp.size));
        for (const s of got) await repo.storeCosignature(this.db, cp.size, w.verifier.name, s.line, s.timestamp ?? null, this.now());
      } catch (err) {
        this.opts.onError?.(`witness ${w.verifier.name}`, err);
      }
    }
  }

  /** Integrates everything committed, then publishes: what the tests and the CLI call instead of waiting. */
  async sync(): Promise<number | null> {
    await this.integrateAll();
    return this.publish();
  }

  /** The latest checkpoint with every cosignature received, as served at /tlog/checkpoint. */
  async checkpointNote(size?: number): Promise<{ size: number; note: string } | null> {
    const cp = size === undefined ? await repo.latestCheckpoint(this.db) : await repo.checkpointAt(this.db, size);
    if (!cp) return null;
    const cosigs = await repo.cosignatureLines(this.db, cp.size);
    return { size: cp.size, note: cp.note + cosigs.join('') };
  }

  // ─── Proofs ──────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A hash in a tile never changes once written (a full tile never changes at all; a partial one only grows), so
   * tiles read for proofs are kept: the node trees of full tiles above level 0 (few: 1 per 65,536 leaves), the
   * partial tiles above level 0 at the widest width seen, and the most recently read full level-0 tiles. A proof for
   * a leaf reads one row (its level-0 tile) or none, with one statement, and hashes within that tile only.
   */
  private readonly fullTiles = new Map<string, Hash[][]>();
  private readonly partialTiles = new Map<string, Uint8Array>();
  private readonly leafTiles = new Map<string, Uint8Array>();
  private static readonly FULL_TILE_CACHE = 4096;
  private static readonly LEAF_TILE_CACHE = 1024;

  private async evaluateAll(exprs: RangeExpr[], size: number): Promise<Hash[]> {
    const need = tilesFor(subtreesOf(exprs));
    const trees = new Map<string, Hash[][]>();
    const tiles = new Map<string, Uint8Array>();
    const missing: typeof need = [];
    for (const t of need) {
      const k = tileKey(t.level, t.index);
      const tree = t.level > 0 ? this.fullTiles.get(k) : undefined;
      if (tree) {
        trees.set(k, tree);
        continue;
      }
      const bytes = t.level > 0 ? this.partialTiles.get(k) : touch(this.leafTiles, k);
      if (bytes && bytes.length >= t.width * 32) tiles.set(k, bytes);
      else missing.push(t);
    }
    const loaded = await repo.loadTiles(this.db, missing);
    for (const t of missing) {
      const k = tileKey(t.level, t.index);
      const got = loaded.get(k);
      if (!got || got.length < t.width * 32) throw new Error(`tile ${t.level}/${t.index} is narrower than a tree of size ${size} needs`);
      tiles.set(k, got);
      if (t.level === 0) {
        if (got.length === repo.FULL_TILE_BYTES) remember(this.leafTiles, k, got, TransparencyLog.LEAF_TILE_CACHE);
      } else if (got.length === repo.FULL_TILE_BYTES) {
        const tree = tileTree(got);
        trees.set(k, tree);
        remember(this.fullTiles, k, tree, TransparencyLog.FULL_TILE_CACHE);
        this.partialTiles.delete(k);
      } else {
        const had = this.partialTiles.get(k);
        if (!had || had.length < got.length) remember(this.partialTiles, k, got, TransparencyLog.FULL_TILE_CACHE);
      }
    }
    const read = subtreeReader(tiles, trees);
    return exprs.map((e) => evaluate(e, read));
  }

  async inclusionProof(index: number, size: number): Promise<Hash[]> {
    return this.evaluateAll(inclusionExprs(index, size), size);
  }

  async consistencyProof(m: number, n: number): Promise<Hash[]> {
    return this.evaluateAll(consistencyExprs(m, n), n);
  }

  async rootAt(size: number): Promise<Hash> {
    if (size === 0) return EMPTY_ROOT;
    const [r] = await this.evaluateAll([rootExpr(size)], size);
    return r;
  }

  /** A tile's bytes for a tree of at least `width` hashes at its level (C2SP tlog-tiles), or null. */
  async tile(level: number, index: number, width: number): Promise<Uint8Array | null> {
    const head = await repo.readHead(this.db);
    if (tileWidth(level, index, head.size) < width) return null;
    const t = (await repo.loadTiles(this.db, [{ level, index }])).get(tileKey(level, index));
    return t && t.length >= width * 32 ? t.slice(0, width * 32) : null;
  }

  // ─── Bundles ─────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Proof bundles for records of one kind. `disclose` gives, per ref, the private value the leaf commits to (the
   * caller has checked the reader may see it); null leaves the commitment closed.
   */
  async bundles(kind: string, refs: readonly string[], disclose: (ref: string) => unknown | null): Promise<Map<string, { status: 'logged'; bundle: ProofBundle } | { status: 'pending' | 'not_found' }>> {
    const out = new Map<string, { status: 'logged'; bundle: ProofBundle } | { status: 'pending' | 'not_found' }>();
    const { logged, pending } = await repo.entriesByRef(this.db, kind, refs);
    const cp = await this.checkpointNote();
    for (const ref of refs) {
      const e = logged.get(ref);
      if (!e || !cp || e.idx >= cp.size) {
        out.set(ref, { status: e || pending.has(ref) ? 'pending' : 'not_found' });
        continue;
      }
      const hashes = await this.inclusionProof(e.idx, cp.size);
      const value = disclose(ref);
      out.set(ref, {
        status: 'logged',
        bundle: {
          format: BUNDLE_FORMAT,
          kind,
          ref,
          leaf: { index: e.idx, data: e.data },
          proof: { treeSize: cp.size, hashes: hashes.map(toBase64) },
          checkpoint: cp.note,
          disclosure: value == null ? null : { salt: toBase64(e.salt), value: value as Record<string, unknown> },
          log: { origin: this.origin, key: this.verifierKey(), witnesses: this.witnesses.map((w) => formatVerifierKey(w.verifier)) },
        },
      });
    }
    return out;
  }

  // ─── Background ──────────────────────────────────────────────────────────────────────────────────────────────

  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> | null = null;

  start(integrateMs: number, checkpointMs: number): void {
    if (this.timers.length) return;
    const step = (what: string, fn: () => Promise<unknown>) => () => {
      if (this.running) return;
      this.running = fn()
        .catch((err) => this.opts.onError?.(what, err))
        .finally(() => (this.running = null));
    };
    this.timers.push(setInterval(step('integrate', () => this.integrateAll()), integrateMs));
    this.timers.push(setInterval(step('checkpoint', () => this.integrateAll().then(() => this.publish())), checkpointMs));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.running;
  }
}

/** A cache hit, moved to the back (most recently used). */
function touch<V>(m: Map<string, V>, k: string): V | undefined {
  const v = m.get(k);
  if (v !== undefined) {
    m.delete(k);
    m.set(k, v);
  }
  return v;
}

function remember<V>(m: Map<string, V>, k: string, v: V, max: number): void {
  m.delete(k);
  m.set(k, v);
  if (m.size > max) m.delete(m.keys().next().value!);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export { tlogErrors };
