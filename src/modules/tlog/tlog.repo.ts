import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { EMPTY_ROOT, TILE_WIDTH, tileKey, type Hash, type TileRef } from '../../shared/tlog';

/** PGlite gives Uint8Array, node-postgres a Buffer: one type for the code. */
export const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(0));
export const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
/** bytea parameters: node-postgres wants a Buffer; PGlite takes a Buffer too (it is a Uint8Array). */
export const param = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export interface Head {
  size: number;
  root: Hash;
}

export async function readHead(db: DbOrTx): Promise<Head> {
  const [r] = rowsOf<{ size: string | number; root: unknown }>(await db.execute(sql`select size, root from tlog_head where id = 1`));
  return r ? { size: Number(r.size), root: bytes(r.root) } : { size: 0, root: EMPTY_ROOT };
}

/** Loads tiles by (level, index); a tile comes as stored (at its latest width). */
export async function loadTiles(db: DbOrTx, refs: readonly TileRef[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (!refs.length) return out;
  const keys = sql.join(
    refs.map((r) => sql`(${r.level}::smallint, ${r.index}::bigint)`),
    sql`, `,
  );
  const rows = rowsOf<{ level: number; idx: string | number; hashes: unknown }>(await db.execute(sql`select level, idx, hashes from tlog_tiles where (level, idx) in (${keys})`));
  for (const r of rows) out.set(tileKey(Number(r.level), Number(r.idx)), bytes(r.hashes));
  return out;
}

/**
 * The integrator's first statement: takes the integrator's transaction lock (without waiting) and reads the head.
 * null when another process holds the lock.
 */
export async function lockAndReadHead(db: DbOrTx, lockKey: number): Promise<Head | null> {
  const [r] = rowsOf<{ ok: boolean; size: string | number | null; root: unknown }>(
    await db.execute(sql`select l.ok, h.size, h.root from (select pg_try_advisory_xact_lock(${lockKey}) as ok) l left join tlog_head h on h.id = 1 and l.ok`),
  );
  if (!r?.ok) return null;
  return r.size == null ? { size: 0, root: EMPTY_ROOT } : { size: Number(r.size), root: bytes(r.root) };
}

/** The tiles a round changed and the new head, in one statement (tiles grow only: a narrower write is ignored). */
export async function storeTilesAndHead(db: DbOrTx, tiles: ReadonlyArray<TileRef & { width: number; hashes: Uint8Array }>, head: Head, at: Date): Promise<void> {
  if (!tiles.length || tiles.length > 500) {
    await storeTiles(db, tiles);
    await writeHead(db, head, at);
    return;
  }
  const values = sql.join(
    tiles.map((t) => sql`(${t.level}::smallint, ${t.index}::bigint, ${t.width}::smallint, ${param(t.hashes)}::bytea)`),
    sql`, `,
  );
  await db.execute(sql`with t as (insert into tlog_tiles (level, idx, width, hashes) values ${values}
      on conflict (level, idx) do update set width = excluded.width, hashes = excluded.hashes where tlog_tiles.width < excluded.width)
    insert into tlog_head (id, size, root, updated_at) values (1, ${head.size}, ${param(head.root)}::bytea, ${at.toISOString()}::timestamptz)
    on conflict (id) do update set size = excluded.size, root = excluded.root, updated_at = excluded.updated_at`);
}

export async function storeTiles(db: DbOrTx, tiles: ReadonlyArray<TileRef & { width: number; hashes: Uint8Array }>): Promise<void> {
  for (let i = 0; i < tiles.length; i += 500) {
    const values = sql.join(
      tiles.slice(i, i + 500).map((t) => sql`(${t.level}::smallint, ${t.index}::bigint, ${t.width}::smallint, ${param(t.hashes)}::bytea)`),
      sql`, `,
    );
    await db.execute(sql`insert into tlog_tiles (level, idx, width, hashes) values ${values}
      on conflict (level, idx) do update set width = excluded.width, hashes = excluded.hashes where tlog_tiles.width < excluded.width`);
  }
}

export async function writeHead(db: DbOrTx, head: Head, at: Date): Promise<void> {
  await db.execute(sql`insert into tlog_head (id, size, root, updated_at) values (1, ${head.size}, ${param(head.root)}::bytea, ${at.toISOString()}::timestamptz)
    on conflict (id) do update set size = excluded.size, root = excluded.root, updated_at = excluded.updated_at`);
}

/**
 * Moves up to `limit` committed pending leaves into the log, in insertion-id order, giving them the indices after
 * `size`. One statement: a leaf is never both pending and integrated, nor lost.
 */
export async function integrateBatch(db: DbOrTx, size: number, limit: number): Promise<Array<{ idx: number; hash: Uint8Array }>> {
  const rows = rowsOf<{ idx: string | number; hash: unknown }>(
    await db.execute(sql`with m as (
        delete from tlog_pending where id in (select id from tlog_pending order by id limit ${limit}) returning *)
      insert into tlog_entries (idx, kind, ref, data, hash, salt, logged_at)
      select ${size}::bigint + row_number() over (order by id) - 1, kind, ref, data, hash, salt, logged_at from m
      returning idx, hash`),
  );
  return rows.map((r) => ({ idx: Number(r.idx), hash: bytes(r.hash) })).sort((a, b) => a.idx - b.idx);
}

export interface EntryRow {
  idx: number;
  kind: string;
  ref: string;
  data: string;
  hash: Uint8Array;
  salt: Uint8Array;
  loggedAt: Date;
}

const toEntry = (r: { idx: string | number; kind: string; ref: string; data: string; hash: unknown; salt: unknown; logged_at: string | Date }): EntryRow => ({
  idx: Number(r.idx),
  kind: r.kind,
  ref: r.ref,
  data: r.data,
  hash: bytes(r.hash),
  salt: bytes(r.salt),
  loggedAt: new Date(r.logged_at),
});

export async function entriesByRef(db: DbOrTx, kind: string, refs: readonly string[]): Promise<{ logged: Map<string, EntryRow>; pending: Set<string> }> {
  const logged = new Map<string, EntryRow>();
  const pending = new Set<string>();
  if (!refs.length) return { logged, pending };
  const list = sql.join(
    refs.map((r) => sql`${r}`),
    sql`, `,
  );
  for (const r of rowsOf<Parameters<typeof toEntry>[0]>(await db.execute(sql`select idx, kind, ref, data, hash, salt, logged_at from tlog_entries where kind = ${kind} and ref in (${list}) order by idx`))) {
    if (!logged.has(r.ref)) logged.set(r.ref, toEntry(r));
  }
  const missing = refs.filter((r) => !logged.has(r));
  if (missing.length) {
    const ml = sql.join(
      missing.map((r) => sql`${r}`),
      sql`, `,
    );
    for (const r of rowsOf<{ ref: string }>(await db.execute(sql`select ref from tlog_pending where kind = ${kind} and ref in (${ml})`))) pending.add(r.ref);
  }
  return { logged, pending };
}

/** Entries in index order from `from`, at most `limit`. */
export async function entriesFrom(db: DbOrTx, from: number, limit: number): Promise<EntryRow[]> {
  return rowsOf<Parameters<typeof toEntry>[0]>(await db.execute(sql`select idx, kind, ref, data, hash, salt, logged_at from tlog_entries where idx >= ${from} order by idx limit ${limit}`)).map(toEntry);
}

export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
  signedAt: Date;
}
const toCheckpoint = (r: { size: string | number; root: unknown; note: string; signed_at: string | Date }): CheckpointRow => ({ size: Number(r.size), root: bytes(r.root), note: r.note, signedAt: new Date(r.signed_at) });

export async function latestCheckpoint(db: DbOrTx): Promise<CheckpointRow | null> {
  const [r] = rowsOf<Parameters<typeof toCheckpoint>[0]>(await db.execute(sql`select size, root, note, signed_at from tlog_checkpoints order by size desc limit 1`));
  return r ? toCheckpoint(r) : null;
}

/** The first checkpoint at or above a size (the one a new leaf's proof leads to). */
export async function checkpointCovering(db: DbOrTx, size: number): Promise<CheckpointRow | null> {
  const [r] = rowsOf<Parameters<typeof toCheckpoint>[0]>(await db.execute(sql`select size, root, note, signed_at from tlog_checkpoints where size >= ${size} order by size desc limit 1`));
  return r ? toCheckpoint(r) : null;
}

export async function checkpointAt(db: DbOrTx, size: number): Promise<CheckpointRow | null> {
  const [r] = rowsOf<Parameters<typeof toCheckpoint>[0]>(await db.execute(sql`select size, root, note, signed_at from tlog_checkpoints where size = ${size}`));
  return r ? toCheckpoint(r) : null;
}

export async function allCheckpoints(db: DbOrTx): Promise<CheckpointRow[]> {
  return rowsOf<Parameters<typeof toCheckpoint>[0]>(await db.execute(sql`select size, root, note, signed_at from tlog_checkpoints order by size`)).map(toCheckpoint);
}

export async function insertCheckpoint(db: DbOrTx, c: CheckpointRow): Promise<boolean> {
  const r = await db.execute(sql`insert into tlog_checkpoints (size, root, note, signed_at) values (${c.size}, ${param(c.root)}::bytea, ${c.note}, ${c.signedAt.toISOString()}::timestamptz) on conflict (size) do nothing returning size`);
  return rowsOf(r).length > 0;
}

export async function cosignatureLines(db: DbOrTx, size: number): Promise<string[]> {
  return rowsOf<{ line: string }>(await db.execute(sql`select line from tlog_cosignatures where size = ${size} order by witness`)).map((r) => r.line);
}

export async function storeCosignature(db: DbOrTx, size: number, witness: string, line: string, timestamp: number | null, at: Date): Promise<void> {
  await db.execute(sql`insert into tlog_cosignatures (size, witness, line, timestamp, received_at) values (${size}, ${witness}, ${line}, ${timestamp}, ${at.toISOString()}::timestamptz) on conflict do nothing`);
}

/** The largest size a witness has cosigned (what it will expect as `old`). */
export async function lastCosignedSize(db: DbOrTx, witness: string): Promise<number> {
  const [r] = rowsOf<{ size: string | number | null }>(await db.execute(sql`select max(size) as size from tlog_cosignatures where witness = ${witness}`));
  return r?.size == null ? 0 : Number(r.size);
}

export async function pendingCount(db: DbOrTx): Promise<number> {
  const [r] = rowsOf<{ n: string | number }>(await db.execute(sql`select count(*) as n from tlog_pending`));
  return Number(r?.n ?? 0);
}

export const FULL_TILE_BYTES = TILE_WIDTH * 32;

export async function pendingOfKind(db: DbOrTx, kind: string): Promise<Array<{ ref: string; data: string; salt: Uint8Array }>> {
  return rowsOf<{ ref: string; data: string; salt: unknown }>(await db.execute(sql`select ref, data, salt from tlog_pending where kind = ${kind} order by id`)).map((r) => ({ ref: r.ref, data: r.data, salt: bytes(r.salt) }));
}
