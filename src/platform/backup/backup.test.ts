import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config';
import { openDatabase, type Database } from '../db/client';
import { sealAll } from '../audit/audit.service';
import { restoreChecks as checksFor } from '../../cli';
import { onPostgres } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PDF, sampleData, startDossierPlatform, submittedDossier, upload } from '../../../test/support/dossier';
import { TestClock, type TestPlatform } from '../../../test/support/platform';
import { buildPlatform } from '../../main';
import { BackupError, readHeader } from './archive';
import { createBackup, listFiles } from './backup';
import { restoreBackup, verifyBackup } from './restore';
import { fileRoots } from './backup.cli';

const PASS = 'correct horse battery staple';
const SERVER = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

async function pgAdmin(q: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** A fresh, empty target: a new PGlite folder, or a new database on the server. */
async function freshTarget(kind: 'pglite' | 'postgres'): Promise<{ config: Config; database: Database; env: Record<string, string>; drop(): Promise<void> }> {
  const dir = tmp('motcua-restore-');
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
  let dropDb = async (): Promise<void> => undefined;
  if (kind === 'postgres') {
    const name = `motcua_r_${process.pid}_${randomBytes(4).toString('hex')}`;
    await pgAdmin(`create database ${name}`);
    env.DATABASE_URL = `${SERVER}/${name}`;
    dropDb = () => pgAdmin(`drop database if exists ${name} with (force)`);
  }
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return {
    config,
    database,
    env,
    async drop() {
      await database.close().catch(() => undefined);
      await dropDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A birth registration filed, approved and its signed electronic result issued (as in result.api.test.ts). */
async function issuedBirthCertificate(p: TestPlatform) {
  const hb = await agencyId(p, HONG_BANG);
  const citizen = await citizenClient(p, CITIZEN);
  const data = { ...(await sampleData(p, 'birth-registration')), childFullName: 'Nguyễn Thị Ánh Dương', childSex: 'female' };
  const d = ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data }), 201);
  for (const doc of ['declaration', 'birth-certificate', 'identity']) ok(await upload(citizen, d.id, doc), 201);
  ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
  const [desk, specialist, approver, resultOfficer] = await Promise.all(['tiepnhan.hongbang', 'chuyenvien.hongbang', 'lanhdao.hongbang', 'trakq.hongbang'].map((u) => p.loginAs(u)));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
  ok(await specialist.post(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' }));
  ok(await approver.post(`/api/dossiers/${d.id}/approve`, {}));
  expect(ok(await resultOfficer.post(`/api/dossiers/${d.id}/issue-result`, { electronic: true })).state).toBe('result_issued');
  const list = ok(await citizen.get(`/api/dossiers/${d.id}/results`));
  const file = await citizen.get(list.items[0].downloadUrl);
  expect(file.statusCode).toBe(200);
  return { dossierId: d.id as string, downloadUrl: list.items[0].downloadUrl as string, pdf: file.rawPayload };
}

describe(`backup and restore (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let p: TestPlatform & { blobDir: string };
  let work: string;
  let archive: string;
  let dossierId: string;
  let issued: Awaited<ReturnType<typeof issuedBirthCertificate>>;

  beforeAll(async () => {
    p = await startDossierPlatform();
    work = tmp('motcua-backup-');
    // Some activity on top of the demo data: a dossier filed online with an attachment, sealed and logged.
    const citizen = await citizenClient(p, CITIZEN);
    const d = await submittedDossier(p, citizen, await agencyId(p, HONG_BANG));
    dossierId = d.id;
    issued = await issuedBirthCertificate(p);
    await sealAll(p.ctx.db);
    await p.services.tlog.sync();
    expect(listFiles(path.join(p.blobDir, 'blobs')).length).toBeGreaterThan(0);
    archive = path.join(work, 'motcua.mcbak');
  }, 120_000);

  afterAll(async () => {
    await p?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('backs up the live database, blobs and keys into one encrypted archive', async () => {
    const r = await createBackup({ database: p.ctx.database, roots: fileRoots(p.config), out: archive, passphrase: PASS, appVersion: '0.1.0' });
    expect(r.tables).toBeGreaterThan(20);
    expect(r.rows).toBeGreaterThan(100);
    expect(r.blobs).toBe(listFiles(path.join(p.blobDir, 'blobs')).length);
    expect(r.manifest.entries.map((e) => e.name)).toContain('files/tlog-key');
    const { header } = await readHeader(archive);
    expect(header).toMatchObject({ format: 1, source: { kind: onPostgres ? 'postgres' : 'pglite' } });
    // Encrypted: no table name, no personal ID, no key material in clear.
    const bytes = fs.readFileSync(archive);
    for (const clear of ['dossiers', CITIZEN, 'audit_log', '%PDF']) expect(bytes.includes(Buffer.from(clear))).toBe(false);
    const v = await verifyBackup(archive, PASS);
    expect(v).toMatchObject({ tables: r.tables, rows: r.rows, blobs: r.blobs });
  });

  const restoreOnto = (kind: 'pglite' | 'postgres') => async () => {
    const t = await freshTarget(kind);
    try {
      const r = await restoreBackup({ file: archive, passphrase: PASS, database: t.database, roots: fileRoots(t.config), checks: checksFor(t.config) });
      const source = (await verifyBackup(archive, PASS)).manifest.rowCounts;
      expect(r).toEqual({ restored: true, tables: Object.keys(source).length, rows: Object.values(source).reduce((a, b) => a + b, 0), blobs: expect.any(Number), audit_verified: true, log_verified: true });
      expect(r.blobs).toBeGreaterThan(0);
      // Byte-identical blobs (the attachment among them) and key.
      const blobs = listFiles(path.join(p.blobDir, 'blobs'));
      expect(listFiles(path.join(t.config.dataDir, 'blobs'))).toEqual(blobs);
      for (const b of blobs) expect(fs.readFileSync(path.join(t.config.dataDir, 'blobs', ...b.split('/'))).equals(fs.readFileSync(path.join(p.blobDir, 'blobs', ...b.split('/'))))).toBe(true);
      expect(blobs.some((b) => fs.readFileSync(path.join(t.config.dataDir, 'blobs', ...b.split('/'))).equals(PDF))).toBe(true);
      expect(fs.readFileSync(t.config.tlog.keyFile, 'utf8')).toBe(fs.readFileSync(p.config.tlog.keyFile, 'utf8'));
      // The same rows: the dossier, its audit trail.
      const { sql } = await import('drizzle-orm');
      const rows = (await t.database.db.execute(sql`select code, state from dossiers where id = ${dossierId}`)) as unknown as { rows: Array<{ code: string; state: string }> };
      expect(rows.rows).toHaveLength(1);
      // Sequences follow the data: the next number is the one the source would have given.
      const seqs = async (db: Database['db']) => ((await db.execute(sql`select sequencename as name, last_value::text as v from pg_sequences where schemaname = 'public' order by 1`)) as unknown as { rows: unknown[] }).rows;
      expect(await seqs(t.database.db)).toEqual(await seqs(p.ctx.db));
      // A second restore onto the now filled target is refused without --force, accepted with it.
      await expect(restoreBackup({ file: archive, passphrase: PASS, database: t.database, roots: fileRoots(t.config), checks: checksFor(t.config) })).rejects.toMatchObject({ code: 'target_not_empty' });
      const again = await restoreBackup({ file: archive, passphrase: PASS, database: t.database, roots: fileRoots(t.config), force: true, checks: checksFor(t.config) });
      expect(again).toMatchObject({ restored: true, rows: r.rows, audit_verified: true, log_verified: true });
      // The restored installation serves: the citizen downloads her signed result, byte for byte the one issued.
      const restored = await buildPlatform(t.config, { database: t.database, clock: new TestClock() });
      try {
        await restored.app.ready();
        const citizen = await citizenClient(restored as unknown as TestPlatform, CITIZEN);
        const file = await citizen.get(issued.downloadUrl);
        expect(file.statusCode).toBe(200);
        expect(file.rawPayload.equals(issued.pdf)).toBe(true);
        expect(ok(await citizen.get(`/api/dossiers/${dossierId}`)).id).toBe(dossierId);
      } finally {
        await restored.close();
      }
    } finally {
      await t.drop();
    }
  };

  it(`wipes and restores onto a fresh ${onPostgres ? 'PostgreSQL database' : 'PGlite folder'}: counts, audit chain, log and blobs verify`, restoreOnto(onPostgres ? 'postgres' : 'pglite'), 180_000);

  if (onPostgres) it('restores a PostgreSQL backup onto a PGlite folder (across kinds)', restoreOnto('pglite'), 180_000);

  it('refuses a wrong passphrase and a tampered or truncated archive, before writing anything', async () => {
    await expect(verifyBackup(archive, 'not the passphrase at all')).rejects.toMatchObject({ code: 'wrong_passphrase', vi: expect.stringContaining('Sai cụm mật khẩu'), en: expect.stringContaining('Wrong backup passphrase') });
    const bytes = fs.readFileSync(archive);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0x01;
    const bad = path.join(work, 'tampered.mcbak');
    fs.writeFileSync(bad, flipped);
    await expect(verifyBackup(bad, PASS)).rejects.toMatchObject({ code: 'tampered', en: expect.stringContaining('altered') });
    const cut = path.join(work, 'cut.mcbak');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 65_552));
    await expect(verifyBackup(cut, PASS)).rejects.toBeInstanceOf(BackupError);
    // The header is bound to the body: changing the recorded source kind breaks every chunk.
    const head = path.join(work, 'header.mcbak');
    const kind = onPostgres ? '"kind":"postgres"' : '"kind":"pglite"';
    const at = bytes.indexOf(Buffer.from(kind));
    const swapped = Buffer.from(bytes);
    swapped.write(onPostgres ? '"kind":"postgrez"' : '"kind":"pglitz"', at);
    fs.writeFileSync(head, swapped);
    await expect(verifyBackup(head, PASS)).rejects.toMatchObject({ code: 'tampered' });
    // A tampered archive writes nothing on the target.
    const t = await freshTarget('pglite');
    try {
      await expect(restoreBackup({ file: bad, passphrase: PASS, database: t.database, roots: fileRoots(t.config), checks: checksFor(t.config) })).rejects.toMatchObject({ code: 'tampered' });
      expect(listFiles(t.config.dataDir).filter((f) => f.startsWith('blobs/'))).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});

describe('motcua backup / restore (command)', () => {
  it(`backs up a data folder, verifies the archive, restores it onto ${onPostgres ? 'a PostgreSQL database' : 'another folder'} and prints the summary`, async () => {
    const exec = promisify(execFile);
    const bin = path.resolve(__dirname, '../../../bin/motcua.js');
    const work = tmp('motcua-backup-cli-');
    // An embedded installation moved to this pass's database: PGlite → PGlite, and on the PostgreSQL pass PGlite →
    // PostgreSQL (the other direction across kinds is tested above).
    const kind = 'pglite';
    const source = await freshTarget('pglite');
    const target = await freshTarget(onPostgres ? 'postgres' : 'pglite');
    // The CLI opens the databases itself (PGlite serves one process).
    await source.database.close();
    await target.database.close();
    const run = (env: Record<string, string>, ...args: string[]) => exec('node', [bin, ...args], { env: { ...process.env, ...env }, timeout: 240_000 });
    try {
      // Reference data (the in-process tests above cover dossiers, results and the log), and one blob.
      await run(source.env, 'seed');
      const blobBytes = randomBytes(3000);
      const { createHash } = await import('node:crypto');
      const key = createHash('sha256').update(blobBytes).digest('hex');
      const blobFile = (dir: string) => path.join(dir, 'blobs', key.slice(0, 2), key.slice(2, 4), key);
      fs.mkdirSync(path.dirname(blobFile(source.config.dataDir)), { recursive: true });
      fs.writeFileSync(blobFile(source.config.dataDir), blobBytes);
      const passFile = path.join(work, 'pass');
      fs.writeFileSync(passFile, `${PASS}\n`);
      const file = path.join(work, 'b.mcbak');
      // PGlite serves one process: while another one (a running server) has the folder open, the backup is refused.
      const held = await openDatabase({ dataDir: source.config.dataDir });
      try {
        await expect(run(source.env, 'backup', '--out', file, '--passphrase-file', passFile)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('stop the server') });
        expect(fs.existsSync(file)).toBe(false);
      } finally {
        await held.close();
      }
      const b = JSON.parse((await run(source.env, 'backup', '--out', file, '--passphrase-file', passFile)).stdout.trim().split('\n').pop()!);
      expect(b).toMatchObject({ backup: file, source: kind });
      expect(b.rows).toBeGreaterThan(100);
      // The passphrase is never taken on the command line; without one the command says so.
      await expect(run(source.env, 'backup', '--out', path.join(work, 'c.mcbak'), '--passphrase', PASS)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('command line') });
      const v = JSON.parse((await run({ ...source.env, MOTCUA_BACKUP_PASSPHRASE: PASS }, 'backup', 'verify', file)).stdout.trim());
      expect(v).toMatchObject({ verified: true, tables: b.tables, rows: b.rows, source: kind });
      await expect(run({ ...target.env, MOTCUA_BACKUP_PASSPHRASE: 'a wrong passphrase' }, 'restore', file)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/Sai cụm mật khẩu[\s\S]*Wrong backup passphrase/) });
      const r = JSON.parse((await run({ ...target.env, MOTCUA_BACKUP_PASSPHRASE: PASS }, 'restore', file)).stdout.trim().split('\n').pop()!);
      expect(r).toEqual({ restored: true, tables: b.tables, rows: b.rows, blobs: b.blobs, audit_verified: true, log_verified: true });
      expect(r.blobs).toBe(1);
      expect(fs.readFileSync(blobFile(target.config.dataDir)).equals(blobBytes)).toBe(true);
      // The restored installation answers `motcua audit verify` as the original does.
      const audit = await run(target.env, 'audit', 'verify');
      expect(audit.stdout).toContain('Audit chain intact');
    } finally {
      await source.drop();
      await target.drop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});
