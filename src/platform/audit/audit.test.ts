import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { onPostgres, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { auditLog } from './audit.schema';
import { sealAll, verifyAudit } from './audit.service';
import { openDatabase, migrateDatabase } from '../db/client';
import { seedDemo, seedReference } from '../../seed/seed';
import { loadConfig } from '../../config';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('audit log', () => {
  it('records every admin change in the same transaction, with actor, role, agency, request id and digests', async () => {
    const admin = await p.loginAs('admin');
    const agencies = (await p.anonymous().get('/api/agencies')).json() as any[];
    const target = agencies.find((a) => a.kind === 'dept-health');
    const res = await admin.patch(`/api/agencies/${target.id}`, { address: 'Phường Hồng Gai, Hải Phòng' }, { 'x-request-id': 'audit-test-req-1' });
    expect(res.statusCode).toBe(200);
    const [row] = await p.ctx.db.select().from(auditLog).where(eq(auditLog.requestId, 'audit-test-req-1'));
    expect(row.action).toBe('agency.updated');
    expect(row.actorRole).toBe('platform_admin');
    expect(row.targetId).toBe(target.id);
    expect(row.beforeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.afterDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.beforeDigest).not.toBe(row.afterDigest);
  });

  it('a refused change leaves no audit record', async () => {
    const admin = await p.loginAs('admin');
    const before = (await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    const res = await admin.patch('/api/agencies/00000000-0000-4000-8000-000000000000', { address: 'x' });
    expect(res.statusCode).toBe(404);
    const after = (await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    expect(after).toBe(before);
  });

  it('chains records and verify catches a tampered row and reports the first broken link', async () => {
    await sealAll(p.ctx.db);
    const ok = await verifyAudit(p.ctx.db);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    const [victim] = await p.ctx.db.select().from(auditLog).where(eq(auditLog.chainSeq, 3));
    await p.ctx.db.update(auditLog).set({ action: 'something.else' }).where(eq(auditLog.id, victim.id));
    const bad = await verifyAudit(p.ctx.db);
    expect(bad.ok).toBe(false);
    expect(bad.broken).toMatchObject({ chainSeq: 3, id: victim.id, reason: 'content_changed' });
    // Restoring the content but rewriting its chain hash is caught too.
    await p.ctx.db.update(auditLog).set({ action: victim.action, chainHash: 'f'.repeat(64) }).where(eq(auditLog.id, victim.id));
    const relinked = await verifyAudit(p.ctx.db);
    expect(relinked.broken).toMatchObject({ chainSeq: 3, reason: 'link_broken' });
    await p.ctx.db.update(auditLog).set({ chainHash: victim.chainHash }).where(eq(auditLog.id, victim.id));
    expect((await verifyAudit(p.ctx.db)).ok).toBe(true);
    // Deleting a record leaves a gap.
    const [second] = await p.ctx.db.select().from(auditLog).where(eq(auditLog.chainSeq, 2));
    await p.ctx.db.delete(auditLog).where(eq(auditLog.id, second.id));
    expect((await verifyAudit(p.ctx.db)).broken).toMatchObject({ chainSeq: 2, reason: 'sequence_gap' });
  });
});

describe('motcua audit verify (command)', () => {
  it('exits 0 on an intact chain and 1 naming the first broken link after tampering', async () => {
    const exec = promisify(execFile);
    const bin = path.resolve(__dirname, '../../../bin/motcua.js');
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (onPostgres) {
      const { default: pg } = await import('pg');
      const name = `motcua_cli_${process.pid}`;
      const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
      await c.end();
      env = { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` };
      cleanup = async () => {
        const d = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
        await d.connect();
        await d.query(`drop database if exists ${name} with (force)`);
        await d.end();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-audit-'));
      env = { DATA_DIR: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    try {
      const open = () => openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      let database = await open();
      await migrateDatabase(database);
      await seedReference(database.db);
      await seedDemo(database.db, loadConfig({ SEED_DEMO: 'true' }));
      await database.close();

      const run = (e: Record<string, string>) => exec(process.execPath, [bin, 'audit', 'verify'], { env: { ...process.env, ...e, LOG_LEVEL: 'silent' } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (err) => ({ code: err.code as number, out: String(err.stdout) }),
      );
      const good = await run(env);
      expect(good.code).toBe(0);
      expect(good.out).toMatch(/intact/);

      database = await open();
      const [row] = await database.db.select().from(auditLog).where(eq(auditLog.chainSeq, 2));
      await database.db.update(auditLog).set({ targetId: 'tampered' }).where(eq(auditLog.id, row.id));
      await database.close();
      const bad = await run(env);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('BROKEN at record 2');
      expect(bad.out).toContain(row.id);
    } finally {
      await cleanup();
    }
  }, 180_000); // two CLI processes on a seeded demo database: a hang guard, generous for a loaded machine
});
