/**
 * `motcua backup`: one consistent, encrypted archive of the database (a logical dump that restores onto PGlite or a
 * PostgreSQL server), the blob store and the keys. See archive.ts for the format and restore.ts for the way back.
 *
 * The database is read in ONE read-only REPEATABLE READ transaction (one snapshot: every table as of the same
 * instant), table by table through a cursor (batches of rows as JSON lines, never the whole table in memory). Files
 * are copied after the snapshot: blobs are content-addressed and written before the row that names them commits,
 * so every blob the snapshot refers to is already there (a newer blob on top does no harm).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client';
import { ArchiveWriter, type Manifest } from './archive';

/** Where the files of an installation live (from the configuration). */
export interface FileRoots {
  /** The blob store folder (DATA_DIR/blobs). */
  blobs: string;
  /** The transparency log's signing key file. */
  tlogKey: string;
  /** The PKI folder (demo root CA, TSA, CRLs, agencies' PKCS#12 keys by default). */
  pki: string;
  /** The agencies' PKCS#12 key folder, when outside the PKI folder. */
  p12: string;
  /** The trust anchors PEM, when outside the PKI folder. */
  trustAnchors: string;
}

interface Root {
  name: 'blobs' | 'tlog-key' | 'pki' | 'p12' | 'trust-anchors';
  path: string;
  dir: boolean;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** The file roots in archive order; one inside a folder already listed is left out (its files are in it). */
export function rootsOf(r: FileRoots): Root[] {
  const all: Root[] = [
    { name: 'blobs', path: r.blobs, dir: true },
    { name: 'tlog-key', path: r.tlogKey, dir: false },
    { name: 'pki', path: r.pki, dir: true },
    { name: 'p12', path: r.p12, dir: true },
    { name: 'trust-anchors', path: r.trustAnchors, dir: false },
  ];
  return all.filter((x, i) => !all.some((y, j) => j < i && y.dir && inside(x.path, y.path)));
}

/** Every regular file under a folder, relative paths with '/', sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let items: fs.Dirent[];
    try {
      items = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const it of items.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${it.name}` : it.name;
      if (it.isDirectory()) walk(path.join(d, it.name), r);
      else if (it.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

export interface TableInfo {
  schema: string;
  table: string;
  /** Columns that take values (generated columns are computed again on load). */
  columns: string[];
}

/** The application's tables: every base table outside the system schemas and drizzle's own bookkeeping. */
export async function appTables(db: DbOrTx): Promise<TableInfo[]> {
  const res = await rowsOf<{ schema: string; table: string; columns: string[] | string }>(db.execute(sql`
    select t.table_schema as schema, t.table_name as table,
           array_agg(c.column_name::text order by c.ordinal_position) filter (where c.is_generated = 'NEVER') as columns
    from information_schema.tables t
    join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
    where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema', 'drizzle') and t.table_schema not like 'pg\\_%'
    group by t.table_schema, t.table_name
    order by t.table_schema, t.table_name`));
  return res.map((r) => ({ schema: r.schema, table: r.table, columns: pgArray(r.columns) }));
}

/** node-postgres parses text[]; PGlite may too: accept both. */
function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));
}

/** The rows of a raw query, whichever driver answered (node-postgres and PGlite both give `rows`). */
export async function rowsOf<T>(q: Promise<unknown>): Promise<T[]> {
  return ((await q) as { rows: T[] }).rows;
}

export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The migrations applied (drizzle's journal): the archive restores only onto the same schema version. */
export async function appliedMigrations(db: DbOrTx): Promise<string[]> {
  const exists = await rowsOf(db.execute(sql`select 1 from information_schema.tables where table_schema = 'drizzle' and table_name = '__drizzle_migrations'`));
  if (!exists.length) return [];
  return (await rowsOf<{ hash: string }>(db.execute(sql`select hash from drizzle.__drizzle_migrations order by created_at, id`))).map((r) => r.hash);
}

export interface BackupOptions {
  database: Database;
  roots: FileRoots;
  out: string;
  passphrase: string;
  appVersion: string;
  /** Rows per cursor fetch (default 500). */
  batchRows?: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  blobs: number;
  files: number;
  manifest: Manifest;
}

export async function createBackup(opts: BackupOptions): Promise<BackupSummary> {
  const { database } = opts;
  const w = await ArchiveWriter.create(opts.out, opts.passphrase, { kind: database.kind, appVersion: opts.appVersion });
  const rowCounts: Record<string, number> = {};
  let tables = 0;
  let rows = 0;
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set transaction isolation level repeatable read, read only'));
      const migrations = await appliedMigrations(tx);
      await w.begin('meta/migrations.json', 'meta');
      await w.data(Buffer.from(JSON.stringify(migrations)));
      await w.end();
      for (const t of await appTables(tx)) {
        const name = `${t.schema}.${t.table}`;
        await w.begin(`db/${name}.jsonl`, 'table', { schema: t.schema, table: t.table, columns: t.columns });
        await tx.execute(sql.raw(`declare motcua_backup no scroll cursor for select row_to_json(x)::text as j from ${ident(t.schema)}.${ident(t.table)} x`));
        let n = 0;
        for (;;) {
          const batch = await rowsOf<{ j: string }>(tx.execute(sql.raw(`fetch ${opts.batchRows ?? 500} from motcua_backup`)));
          if (!batch.length) break;
          n += batch.length;
          await w.data(Buffer.from(batch.map((r) => `${r.j}\n`).join('')));
        }
        await tx.execute(sql.raw('close motcua_backup'));
        await w.end(n);
        rowCounts[name] = n;
        tables += 1;
        rows += n;
      }
      // Sequences are not transactional: read in the snapshot, their values are at least those the rows used.
      const seqs = await rowsOf(tx.execute(sql`select schemaname as schema, sequencename as name, last_value::text as last_value from pg_sequences where schemaname not in ('pg_catalog', 'information_schema', 'drizzle') order by 1, 2`));
      await w.begin('meta/sequences.json', 'meta');
      await w.data(Buffer.from(JSON.stringify(seqs)));
      await w.end();
    });
    let blobs = 0;
    let files = 0;
    for (const root of rootsOf(opts.roots)) {
      const list = root.dir ? listFiles(root.path) : fs.existsSync(root.path) ? [''] : [];
      for (const rel of list) {
        const src = rel ? path.join(root.path, ...rel.split('/')) : root.path;
        await w.begin(`files/${root.name}${rel ? `/${rel}` : ''}`, 'file', { mode: fs.statSync(src).mode & 0o777 });
        const stream = fs.createReadStream(src, { highWaterMark: 1024 * 1024 });
        for await (const chunk of stream) await w.data(chunk as Buffer);
        await w.end();
        files += 1;
        if (root.name === 'blobs') blobs += 1;
      }
    }
    const manifest = await w.finish(rowCounts);
    return { file: opts.out, bytes: w.bytesWritten, tables, rows, blobs, files, manifest };
  } catch (e) {
    await w.abort();
    fs.rmSync(opts.out, { force: true });
    throw e;
  }
}
