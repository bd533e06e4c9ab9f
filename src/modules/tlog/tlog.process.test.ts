// The log on a bare database (no demo data): commit-order sequencing under concurrent writers, SQL/TypeScript leaf
// parity on awkward text, and the witness and `motcua log verify` as separate processes on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../platform/db/client';
import { appendLeaf } from '../../platform/tlog/tlog.append';
import { onPostgres } from '../../../test/support/platform';
import { formatVerifierKey, generateSigner, SIG_COSIGNATURE_V1, verifyBundle } from '../../shared/tlog';
import { vaultLeafSources } from '../vault';
import { auditLeafSource, TransparencyLog, verifyLog } from './index';
import * as repo from './tlog.repo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/motcua.js');

let database: Database;
let drop: (() => Promise<void>) | null = null;
let dir: string;
let witnessProc: ChildProcess;
let witnessUrl = '';
const log = generateSigner('motcua.test/bare');
const witness = generateSigner('witness.test/proc', SIG_COSIGNATURE_V1);

/** The `motcua` command in this process (the witness runs as its own process; this keeps the test lean). */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const { main } = await import('../../cli');
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    return { code: await main(args), out };
  } finally {
    process.stdout.write = write;
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-tlog-proc-'));
  if (onPostgres) {
    const { default: pg } = await import('pg');
    const name = `motcua_t_${process.pid}_tlogproc`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}`, poolSize: 8 });
    drop = async () => {
      const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  fs.writeFileSync(path.join(dir, 'witness.key'), `${witness.skey}\n`, { mode: 0o600 });
  witnessProc = spawn(process.execPath, [BIN, 'witness', '--name', 'witness.test/proc', '--key', path.join(dir, 'witness.key'), '--state', path.join(dir, 'witness.json'), '--log', log.vkey, '--listen', '127.0.0.1:0'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir } });
  witnessUrl = await new Promise<string>((resolve, reject) => {
    let buf = '';
    witnessProc.stdout!.on('data', (d) => {
      buf += d;
      const m = /listening at (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    witnessProc.on('exit', (c) => reject(new Error(`witness exited ${c}: ${buf}`)));
  });
});
afterAll(async () => {
  witnessProc?.kill('SIGTERM');
  await database?.close();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sequencing and parity', () => {
  it('integrates leaves of concurrent transactions in commit order, each exactly once, with no gaps', async () => {
    const tlog = new TransparencyLog(database.db, { origin: 'motcua.test/bare', signer: () => log.signer, witnesses: [{ vkey: witness.vkey, url: witnessUrl }], batch: 7 });
    // Writers commit out of insertion order (the first waits for the last); the integrator runs meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = database.db.transaction(async (tx) => {
      await appendLeaf(tx, { kind: 'result', ref: 'slow', fields: { at: 'x' }, private: { who: 'slow' } });
      await gate;
    });
    const fast = Array.from({ length: 20 }, (_, i) => database.db.transaction((tx) => appendLeaf(tx, { kind: 'result', ref: `r${i}`, fields: { n: i }, private: { i } })));
    if (onPostgres) {
      await Promise.all(fast);
      expect(await tlog.integrateAll()).toBe(20);
    }
    release();
    await Promise.all([slow, ...fast]);
    await tlog.integrateAll();
    const rows = await repo.entriesFrom(database.db, 0, 100);
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
    expect(new Set(rows.map((r) => r.ref)).size).toBe(21);
    if (onPostgres) expect(rows.at(-1)!.ref).toBe('slow');
    expect(await repo.pendingCount(database.db)).toBe(0);
    expect(await tlog.publish()).toBe(21);
    // The witness process cosigned it.
    expect((await tlog.checkpointNote())!.note).toContain('— witness.test/proc ');
  });

  it('writes the same leaf in SQL as the verifier recomputes, even for awkward text', async () => {
    const odd = 'Trạm "LGSP" \\ \n\t\u0001 é 😀 \u2028 €';
    await database.db.execute(sql`insert into data_access_log (at, subject_type, subject_id, source, operation, account_kind, client, purpose, dossier_id, fields, sensitive, request_id)
      values ('2026-08-03T02:00:00.123Z', 'person', '031085001234', 'population', 'lookup', 'system', ${odd}, 'verification', ${odd}, ${`{"fullName","${odd.replace(/["\\]/g, (c) => `\\${c}`)}"}`}::text[], false, null)`);
    await database.db.execute(sql`insert into audit_log (id, at, actor_kind, action, target_type, target_id, entry_hash) values (gen_random_uuid(), now(), 'platform', ${`x.${odd}`}, 'thing', null, 'not recomputed')`);
    const tlog = new TransparencyLog(database.db, { origin: 'motcua.test/bare', signer: () => log.signer });
    await tlog.integrateAll();
    const r = await verifyLog(database.db, { logKey: (await import('../../shared/tlog')).parseVerifierKey(log.vkey), sources: vaultLeafSources });
    expect(r.problems).toEqual([]);
    // The audit record with a wrong entry hash is named as changed (its leaf commits to the hash it was given).
    const a = await verifyLog(database.db, { logKey: (await import('../../shared/tlog')).parseVerifierKey(log.vkey), sources: [auditLeafSource] });
    expect(a.problems.map((x) => x.code)).toEqual(['record_changed']);
  });
});

describe('motcua log verify bundle.json (offline)', () => {
  it('says Đã kiểm chứng for a good bundle and names the failure of a tampered one', async () => {
    const tlog = new TransparencyLog(database.db, { origin: 'motcua.test/bare', signer: () => log.signer, witnesses: [{ vkey: witness.vkey, url: witnessUrl }] });
    await tlog.publish();
    const got = await tlog.bundles('result', ['r3'], () => ({ i: 3 }));
    const entry = got.get('r3')!;
    expect(entry.status).toBe('logged');
    const bundle = (entry as { bundle: unknown }).bundle;
    expect(verifyBundle(bundle, { log: log.vkey, witnesses: [witness.vkey], quorum: 1 }).ok).toBe(true);
    const good = path.join(dir, 'bundle.json');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(good, JSON.stringify(bundle));
    fs.writeFileSync(bad, JSON.stringify({ ...(bundle as object), leaf: { ...(bundle as { leaf: object }).leaf, data: '{"kind":"result"}' } }));
    const ok = await run(['log', 'verify', good, '--log-key', log.vkey, '--witness-key', witness.vkey, '--quorum', '1']);
    expect(ok.out).toContain('Đã kiểm chứng');
    expect(ok.code).toBe(0);
    const ko = await run(['log', 'verify', bad, '--log-key', formatVerifierKey(log.signer)]);
    expect(ko.out).toMatch(/Không kiểm chứng được .*inclusion/);
    expect(ko.code).toBe(1);
  });
});
