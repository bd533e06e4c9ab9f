/** `motcua backup --out <file>`, `motcua backup verify <file>`, `motcua restore <file> [--force]`. */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { openDatabase } from '../db/client';
import { BackupError } from './archive';
import { createBackup, type FileRoots } from './backup';
import { restoreBackup, verifyBackup, type RestoreChecks } from './restore';

export const BACKUP_USAGE = [
  'Usage: motcua backup --out <file> [--passphrase-file <file>]',
  '       motcua backup verify <file> [--passphrase-file <file>]',
  '       motcua restore <file> [--passphrase-file <file>] [--force]',
  'The passphrase comes from MOTCUA_BACKUP_PASSPHRASE or --passphrase-file (never on the command line).',
].join('\n');

export function fileRoots(config: Config): FileRoots {
  return {
    blobs: path.join(config.dataDir, 'blobs'),
    tlogKey: config.tlog.keyFile,
    pki: config.results.pkiDir,
    p12: config.results.p12Dir,
    trustAnchors: config.results.trustAnchorsFile,
  };
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function passphraseFrom(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  if (args.some((a) => a === '--passphrase' || a.startsWith('--passphrase=')))
    throw new BackupError('usage', 'Không nhận cụm mật khẩu trên dòng lệnh (lộ trong danh sách tiến trình): dùng MOTCUA_BACKUP_PASSPHRASE hoặc --passphrase-file.', 'A passphrase is not taken on the command line (other users see it): use MOTCUA_BACKUP_PASSPHRASE or --passphrase-file.');
  const file = flag(args, '--passphrase-file');
  const value = file ? fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '') : env.MOTCUA_BACKUP_PASSPHRASE;
  if (!value) throw new BackupError('no_passphrase', 'Thiếu cụm mật khẩu: đặt MOTCUA_BACKUP_PASSPHRASE hoặc dùng --passphrase-file.', 'No passphrase: set MOTCUA_BACKUP_PASSPHRASE or use --passphrase-file.');
  if ([...value].length < 12) throw new BackupError('no_passphrase', 'Cụm mật khẩu sao lưu phải có ít nhất 12 ký tự.', 'The backup passphrase must be at least 12 characters long.');
  return value;
}

/** PGlite serves one process: the embedded database is backed up or restored only while the server is stopped. */
function refuseRunningServer(config: Config): void {
  if (config.databaseUrl) return;
  if (fs.existsSync(path.join(config.dataDir, 'postmaster.pid')))
    throw new BackupError(
      'server_running',
      `Cơ sở dữ liệu nhúng trong ${config.dataDir} đang được mở (máy chủ đang chạy?): dừng máy chủ trước khi sao lưu hay khôi phục. Nếu máy chủ đã dừng đột ngột, chạy "motcua migrate" một lần rồi thử lại.`,
      `The embedded database in ${config.dataDir} is open (is the server running?): stop the server before a backup or restore. If the server stopped abruptly, run "motcua migrate" once and retry.`,
    );
}

function appVersion(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function mustExist(file: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError('usage', `Không có tệp ${file}.`, `No such file: ${file}.`);
}

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

export async function runBackupCommand(cmd: 'backup' | 'restore', args: string[], config: Config, root: string, checks: RestoreChecks): Promise<number> {
  try {
    if (cmd === 'backup' && args[0] === 'verify') {
      const file = args[1];
      if (!file) throw new BackupError('usage', BACKUP_USAGE, BACKUP_USAGE);
      mustExist(file);
      const r = await verifyBackup(file, passphraseFrom(args));
      out({ verified: true, format: r.header.format, created_at: r.header.createdAt, source: r.header.source.kind, app_version: r.header.source.appVersion, tables: r.tables, rows: r.rows, blobs: r.blobs, files: r.files });
      return 0;
    }
    if (cmd === 'backup') {
      const file = flag(args, '--out');
      if (!file) throw new BackupError('usage', BACKUP_USAGE, BACKUP_USAGE);
      const passphrase = passphraseFrom(args);
      if (fs.existsSync(file)) throw new BackupError('usage', `Tệp ${file} đã có: chọn tên khác.`, `${file} already exists: choose another name.`);
      refuseRunningServer(config);
      // The source is read as it is (no migration): the archive records its schema version.
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
      try {
        const r = await createBackup({ database, roots: fileRoots(config), out: path.resolve(file), passphrase, appVersion: appVersion(root) });
        out({ backup: r.file, bytes: r.bytes, source: database.kind, tables: r.tables, rows: r.rows, blobs: r.blobs, files: r.files });
      } finally {
        await database.close();
      }
      return 0;
    }
    const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--passphrase-file'));
    if (!file) throw new BackupError('usage', BACKUP_USAGE, BACKUP_USAGE);
    mustExist(file);
    const passphrase = passphraseFrom(args);
    refuseRunningServer(config);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
    try {
      const r = await restoreBackup({ file, passphrase, database, roots: fileRoots(config), force: args.includes('--force'), checks });
      out(r);
      return r.audit_verified && r.log_verified ? 0 : 1;
    } finally {
      await database.close();
    }
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`Lỗi: ${e.vi}\nError: ${e.en}\n`);
      return e.code === 'usage' ? 2 : 1;
    }
    throw e;
  }
}
