/**
 * `motcua restore`: brings an archive back onto a fresh installation (PGlite folder or PostgreSQL database, either
 * kind whatever the source was). The archive is read twice: first checked whole (every chunk's tag, every entry's
 * hash against the manifest) before anything is written, then loaded: migrations on the empty target, every table's
 * rows in one transaction (foreign keys and triggers held off with session_replication_role = replica, so the order
 * does not matter), sequences set, files written. Then the row counts are compared with the manifest and the
 * caller's checks (audit chain, transparency log) run on the restored database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, type Database, type Tx } from '../db/client';
import { BackupError, readArchive, type ArchiveHeader, type Manifest } from './archive';
import { appliedMigrations, appTables, ident, listFiles, rootsOf, rowsOf, type FileRoots } from './backup';

export interface RestoreChecks {
  /** Verifies the audit chain of the restored database. */
  audit(database: Database): Promise<boolean>;
  /** Verifies the transparency log of the restored database. */
  log(database: Database): Promise<boolean>;
}

export interface RestoreOptions {
  file: string;
  passphrase: string;
  database: Database;
  roots: FileRoots;
  /** Restore over a database or folders that are not empty (their tables are emptied, files overwritten). */
  force?: boolean;
  checks: RestoreChecks;
  /** Rows per INSERT (default 500). */
  batchRows?: number;
}

export interface RestoreSummary {
  restored: true;
  tables: number;
  rows: number;
  blobs: number;
  audit_verified: boolean;
  log_verified: boolean;
}

/** Checks an archive without restoring it. */
export async function verifyBackup(file: string, passphrase: string): Promise<{ header: ArchiveHeader; manifest: Manifest; tables: number; rows: number; blobs: number; files: number }> {
  const { header, manifest } = await readArchive(file, passphrase);
  const tables = manifest.entries.filter((e) => e.kind === 'table');
  const files = manifest.entries.filter((e) => e.kind === 'file');
  return {
    header,
    manifest,
    tables: tables.length,
    rows: tables.reduce((s, e) => s + (e.rows ?? 0), 0),
    blobs: files.filter((e) => e.name.startsWith('files/blobs/')).length,
    files: files.length,
  };
}

/** Rows in the application's tables and files under the roots: what a fresh target has none of. */
async function targetContent(database: Database, roots: FileRoots): Promise<string[]> {
  const found: string[] = [];
  const tables = await appTables(database.db);
  for (const t of tables) {
    const [r] = await rowsOf<{ x: boolean }>(database.db.execute(sql.raw(`select exists (select 1 from ${ident(t.schema)}.${ident(t.table)}) as x`)));
    if (r.x) {
      found.push(`table ${t.schema}.${t.table}`);
      break;
    }
  }
  for (const root of rootsOf(roots)) {
    if (root.dir ? listFiles(root.path).length : fs.existsSync(root.path)) found.push(root.path);
  }
  return found;
}

function targetPath(roots: FileRoots, name: string): string {
  const m = /^files\/(blobs|tlog-key|pki|p12|trust-anchors)(?:\/(.+))?$/.exec(name);
  if (!m) throw new BackupError('tampered', `Mục không hợp lệ trong tệp sao lưu: ${name}`, `Invalid entry in the archive: ${name}`);
  const base = { blobs: roots.blobs, 'tlog-key': roots.tlogKey, pki: roots.pki, p12: roots.p12, 'trust-anchors': roots.trustAnchors }[m[1] as 'blobs'];
  if (!m[2]) return base;
  const parts = m[2].split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) throw new BackupError('tampered', `Đường dẫn không hợp lệ: ${name}`, `Invalid path in the archive: ${name}`);
  return path.join(base, ...parts);
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreSummary> {
  const { database, roots } = opts;
  // 1. The whole archive is checked before anything is written.
  const checked = await verifyBackup(opts.file, opts.passphrase);
  const { manifest } = checked;

  // 2. The target must be fresh, unless told otherwise.
  await migrateDatabase(database);
  const present = await targetContent(database, roots);
  if (present.length && !opts.force)
    throw new BackupError(
      'target_not_empty',
      `Nơi khôi phục không trống (${present.join(', ')}); dùng --force để ghi đè.`,
      `The restore target is not empty (${present.join(', ')}); use --force to overwrite it.`,
    );
  const mine = await appliedMigrations(database.db);
  const tables = await appTables(database.db);
  const known = new Map(tables.map((t) => [`${t.schema}.${t.table}`, t]));

  // 3. Load, in one transaction.
  let blobs = 0;
  await database.db.transaction(async (tx: Tx) => {
    try {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
    } catch (e) {
      throw new BackupError(
        'permission',
        `Vai trò cơ sở dữ liệu không được đặt session_replication_role (cần quyền superuser, hoặc trên PostgreSQL 15+: GRANT SET ON PARAMETER session_replication_role): ${(e as Error).message}`,
        `The database role may not set session_replication_role (a superuser is needed, or on PostgreSQL 15+: GRANT SET ON PARAMETER session_replication_role): ${(e as Error).message}`,
      );
    }
    if (tables.length) await tx.execute(sql.raw(`truncate ${tables.map((t) => `${ident(t.schema)}.${ident(t.table)}`).join(', ')} cascade`));
    await readArchive(opts.file, opts.passphrase, {
      onEntry: (meta) => {
        const chunks: Buffer[] = [];
        if (meta.kind === 'meta') {
          return {
            data: (b) => void chunks.push(Buffer.from(b)),
            end: async () => {
              const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
              if (meta.name === 'meta/migrations.json') {
                const theirs = value as string[];
                if (theirs.length !== mine.length || theirs.some((h, i) => h !== mine[i]))
                  throw new BackupError(
                    'schema_mismatch',
                    `Bản sao lưu có ${theirs.length} bước chuyển đổi cơ sở dữ liệu, phiên bản này có ${mine.length}: khôi phục bằng đúng phiên bản đã sao lưu, rồi nâng cấp.`,
                    `The backup has ${theirs.length} database migrations, this version has ${mine.length}: restore with the version that made the backup, then upgrade.`,
                  );
              } else if (meta.name === 'meta/sequences.json') {
                for (const s of value as Array<{ schema: string; name: string; last_value: string | null }>) {
                  if (s.last_value === null) continue;
                  await tx.execute(sql`select setval(${`${ident(s.schema)}.${ident(s.name)}`}::regclass, ${s.last_value}::bigint, true)`);
                }
              }
            },
          };
        }
        if (meta.kind === 'table') {
          const name = `${String(meta.schema)}.${String(meta.table)}`;
          const t = known.get(name);
          if (!t) throw new BackupError('schema_mismatch', `Bảng ${name} không có trong cơ sở dữ liệu đích.`, `Table ${name} does not exist in the target database.`);
          const cols = (meta.columns as string[]).filter((c) => t.columns.includes(c));
          const list = cols.map(ident).join(', ');
          const target = `${ident(t.schema)}.${ident(t.table)}`;
          let lines: string[] = [];
          let bytes = 0;
          let rest = '';
          const flush = async () => {
            if (!lines.length) return;
            const json = `[${lines.join(',')}]`;
            lines = [];
            bytes = 0;
            await tx.execute(sql`${sql.raw(`insert into ${target} (${list}) overriding system value select ${list} from json_populate_recordset(null::${target}, `)}${json}::json)`);
          };
          return {
            data: async (b) => {
              const text = rest + b.toString('utf8');
              const parts = text.split('\n');
              rest = parts.pop()!;
              for (const line of parts) {
                if (!line) continue;
                lines.push(line);
                bytes += line.length;
                if (lines.length >= (opts.batchRows ?? 500) || bytes > 4 * 1024 * 1024) await flush();
              }
            },
            end: async () => {
              if (rest) lines.push(rest);
              rest = '';
              await flush();
            },
          };
        }
        const dest = targetPath(roots, meta.name);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        const tmp = `${dest}.restoring`;
        const fd = fs.openSync(tmp, 'w', typeof meta.mode === 'number' ? meta.mode & 0o700 : 0o600);
        return {
          data: (b) => void fs.writeSync(fd, b),
          end: () => {
            fs.fsyncSync(fd);
            fs.closeSync(fd);
            fs.renameSync(tmp, dest);
            if (meta.name.startsWith('files/blobs/')) blobs += 1;
          },
        };
      },
    });
  });

  // 4. Verify: counts, then the caller's checks.
  let rows = 0;
  for (const [name, expected] of Object.entries(manifest.rowCounts)) {
    const t = known.get(name)!;
    const [r] = await rowsOf<{ n: number }>(database.db.execute(sql.raw(`select count(*)::int as n from ${ident(t.schema)}.${ident(t.table)}`)));
    const n = Number(r.n);
    if (n !== expected)
      throw new BackupError('verify_failed', `Bảng ${name}: ${n} dòng sau khi khôi phục, bản sao lưu có ${expected}.`, `Table ${name}: ${n} rows after the restore, the backup has ${expected}.`);
    rows += n;
  }
  const auditOk = await opts.checks.audit(database);
  const logOk = await opts.checks.log(database);
  return { restored: true, tables: Object.keys(manifest.rowCounts).length, rows, blobs, audit_verified: auditOk, log_verified: logOk };
}
