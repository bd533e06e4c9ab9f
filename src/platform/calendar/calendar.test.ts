import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, onPostgres, startTestPlatform, type TestPlatform } from '../../../test/support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const due = async (q: string) => {
  const res = await p.anonymous().get(`/api/calendar/due?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/calendar/working-days', () => {
  it('lists the days off of 2026 with the seeded official decisions', async () => {
    const res = (await p.anonymous().get('/api/calendar/working-days?year=2026')).json();
    const off = new Set(res.daysOff.filter((d: any) => !d.onWeekend).map((d: any) => d.date));
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-31', '2026-09-01', '2026-09-02', '2026-11-24']) {
      expect(off, d).toContain(d);
    }
    expect(res.workingDays.map((d: any) => d.date)).toEqual(expect.arrayContaining(['2026-01-10', '2026-08-22']));
    const hung = res.daysOff.find((d: any) => d.date === '2026-04-27');
    expect(hung.kind).toBe('compensatory');
    expect(res.timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('refuses a year that is not a number', async () => {
    expectProblem(await p.anonymous().get('/api/calendar/working-days?year=abc'), 400, 'validation_failed');
    expectProblem(await p.anonymous().get('/api/calendar/working-days'), 400, 'validation_failed');
  });
});

describe('GET /api/calendar/due', () => {
  it('skips the Tết 2026 block', async () => {
    // Friday 13/2/2026 10:00 + 1 working day → Monday 23/2 10:00 (14–22/2 off).
    const r = await due(`from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&workingDays=1`);
    expect(r.dueLocal).toBe('2026-02-23 10:00');
    expect(r.due).toBe('2026-02-23T03:00:00.000Z');
  });

  it('applies the cutoff: a receipt at 15:30 with cutoff 15:00 counts from the next working day', async () => {
    const r = await due(`from=${encodeURIComponent('2026-11-20T15:30:00+07:00')}&workingDays=1&cutoff=15:00`);
    // Friday 20/11 after cutoff → counts from Monday 23/11 08:00; 1 working day → end of Monday.
    expect(r.countFrom).toBe('2026-11-23T01:00:00.000Z');
    expect(r.dueLocal).toBe('2026-11-23 17:00');
    // Without the cutoff the same receipt is due Monday 15:30.
    expect((await due(`from=${encodeURIComponent('2026-11-20T15:30:00+07:00')}&workingDays=1`)).dueLocal).toBe('2026-11-23 15:30');
  });

  it('counts working hours and refuses asking for days and hours at once', async () => {
    const r = await due(`from=${encodeURIComponent('2026-04-29T16:00:00+07:00')}&workingHours=4`);
    // 1 h on Wed 29/4, then 30/4 and 1/5 holidays and the weekend → Mon 4/5 11:00.
    expect(r.dueLocal).toBe('2026-05-04 11:00');
    expectProblem(await p.anonymous().get('/api/calendar/due?from=2026-04-29T16:00:00%2B07:00&workingHours=4&workingDays=1'), 400, 'calendar.days_or_hours');
    expectProblem(await p.anonymous().get('/api/calendar/due?from=yesterday&workingDays=1'), 400);
    expectProblem(await p.anonymous().get('/api/calendar/due?from=2026-04-29T16:00:00%2B07:00&workingDays=1&cutoff=25:00'), 400);
  });
});

describe('PUT /api/calendar/exceptions/:year', () => {
  it('lets a platform admin add a day off that shifts due dates, audited; refuses others and bad data', async () => {
    const before = await due(`from=${encodeURIComponent('2027-03-01T09:00:00+07:00')}&workingDays=1`);
    expect(before.dueLocal).toBe('2027-03-02 09:00');
    const admin = await p.loginAs('admin');
    const body = { extraDaysOff: [{ date: '2027-03-02', reasonVi: 'Nghỉ bầu cử (thử)', reasonEn: 'Election day off (test)', legalBasis: 'Test' }] };
    const res = await admin.put('/api/calendar/exceptions/2027', body);
    expect(res.statusCode, res.body).toBe(200);
    const after = await due(`from=${encodeURIComponent('2027-03-01T09:00:00+07:00')}&workingDays=1`);
    expect(after.dueLocal).toBe('2027-03-03 09:00');
    expect((await p.anonymous().get('/api/calendar/exceptions/2027')).json()).toEqual(body);

    const officer = await p.loginAs('chuyenvien.hongbang');
    expectProblem(await officer.put('/api/calendar/exceptions/2027', body), 403);
    expectProblem(await admin.put('/api/calendar/exceptions/2027', { extraDaysOff: [{ date: '2028-01-05', reasonVi: 'x', reasonEn: 'x' }] }), 422, 'calendar.invalid_exceptions');
    expectProblem(await admin.put('/api/calendar/exceptions/2027', { tetDays: ['2027-02-05'] }), 400, 'validation_failed');
  });
});

describe('motcua due', () => {
  it('prints the due time as JSON', async () => {
    const exec = promisify(execFile);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-due-'));
    try {
      const env = onPostgres ? { ...process.env, DATA_DIR: dir } : { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      delete (env as any).DATABASE_URL;
      const bin = path.resolve(__dirname, '../../../bin/motcua.js');
      await exec(process.execPath, [bin, 'seed'], { env });
      const { stdout } = await exec(process.execPath, [bin, 'due', '--from', '2026-04-24T09:00:00+07:00', '--days', '3'], { env });
      const r = JSON.parse(stdout);
      // Fri 24/4 + 3 working days: Mon 27/4 (compensation for Hùng Kings) is off → Tue 28, Wed 29, Mon 4/5.
      expect(r.dueLocal).toBe('2026-05-04 09:00');
      const bad = await exec(process.execPath, [bin, 'due', '--from', 'nonsense', '--days', '3'], { env }).catch((e) => e);
      expect(bad.code).toBe(2);
      expect(String(bad.stderr)).toContain('--from');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // three CLI processes, one seeding a database: a hang guard, generous for a loaded machine

  it('gives the API’s answer on a database that was never started (the year’s official decisions count unseeded)', async () => {
    const exec = promisify(execFile);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-due-fresh-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dir };
    delete env.DATABASE_URL;
    let dropDb: (() => Promise<void>) | null = null;
    if (onPostgres) {
      // A throwaway database of its own, never started nor seeded.
      const { default: pg } = await import('pg');
      const server = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
      const name = `motcua_due_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: `${server}/postgres` });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      env.DATABASE_URL = `${server}/${name}`;
      dropDb = async () => {
        const c = new pg.Client({ connectionString: `${server}/postgres` });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    }
    try {
      const bin = path.resolve(__dirname, '../../../bin/motcua.js');
      // Fri 25/4/2025 + 1 working day: Saturday 26/4/2025 is worked in exchange for Friday 2/5 (domain-vn.md).
      const { stdout } = await exec(process.execPath, [bin, 'due', '--from', '2025-04-25T09:00:00+07:00', '--days', '1'], { env });
      const cli = JSON.parse(stdout);
      const api = await due(`from=${encodeURIComponent('2025-04-25T09:00:00+07:00')}&workingDays=1`);
      expect(cli.dueDate).toBe('2025-04-26');
      expect({ due: cli.due, dueLocal: cli.dueLocal, dueDate: cli.dueDate }).toEqual({ due: api.due, dueLocal: api.dueLocal, dueDate: api.dueDate });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await dropDb?.();
    }
  }, 180_000); // one CLI process migrating a fresh database: a hang guard
});
