import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';
import { dossiers } from './dossier.schema';

/**
 * Two moments, as Decision 766/QĐ-TTg needs them: processing finished (national status 9) and result returned (10).
 * On time is processing finished against the appointed time; stopped, withdrawn and refused dossiers never finished
 * processing and are labelled neither on time nor late — in the views and in the register (form 07).
 */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
});
afterAll(() => p.close());

const act = (c: TestClient, id: string, action: string, body?: unknown) => c.post(`/api/dossiers/${id}/${action}`, body);
const at = (local: string) => vn(local).toISOString();

/** Received on Monday 2 March 2026 at 09:00: due Monday 9 March at 09:00 (5 working days). */
async function received() {
  p.clock.set(vn('2026-03-02T08:30'));
  const d = await submittedDossier(p, citizen, hb);
  p.clock.set(vn('2026-03-02T09:00'));
  expect(ok(await act(desk, d.id, 'receive')).dueAt).toBe(at('2026-03-09T09:00'));
  return d;
}

async function toResult(id: string, issueAt: string) {
  p.clock.set(vn('2026-03-03T09:00'));
  ok(await act(specialist, id, 'claim'));
  ok(await act(specialist, id, 'propose', { recommendation: 'approve' }));
  ok(await act(approver, id, 'approve', {}));
  p.clock.set(vn(issueAt));
  return ok(await act(resultOfficer, id, 'issue-result', { electronic: true }));
}

/** One CSV line (RFC 4180) split into its fields. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The register's rows (CSV) by dossier code: the cells of the on-time column and of the two moments. */
async function registerRows() {
  const csv = await desk.get('/api/officer/register?format=csv&from=2026-03-01&to=2026-03-31');
  expect(csv.statusCode, csv.body).toBe(200);
  const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const header = csvFields(lines[0]);
  const col = (name: string) => header.indexOf(name);
  const [code, finished, returned, onTime] = [col('Mã hồ sơ'), col('Ngày, giờ có kết quả'), col('Ngày, giờ trả kết quả'), col('Kết quả (trước hạn, đúng hạn, quá hạn)')];
  expect(Math.min(code, finished, returned, onTime)).toBeGreaterThanOrEqual(0);
  return new Map(lines.slice(1).map(csvFields).map((c) => [c[code], { finished: c[finished], returned: c[returned], onTime: c[onTime] }]));
}

const codes: Record<string, string> = {};

describe('processing finished and result returned', () => {
  it('are two moments: on time is judged on processing finished, even when the result is returned after the due time', async () => {
    const d = await received();
    codes.onTime = d.code;
    const issued = await toResult(d.id, '2026-03-09T08:30'); // the due day, before the due time
    expect(issued).toMatchObject({ state: 'result_issued', nationalStatus: 9, finishedAt: at('2026-03-09T08:30'), returnedAt: null, onTime: 'on_time' });
    p.clock.set(vn('2026-03-10T14:00')); // returned the day after the due date
    const done = ok(await act(resultOfficer, d.id, 'return-result', { method: 'online' }));
    expect(done).toMatchObject({ state: 'returned', nationalStatus: 10, finishedAt: at('2026-03-09T08:30'), returnedAt: at('2026-03-10T14:00'), onTime: 'on_time', deadline: null });
    const pub = ok(await p.anonymous().get(`/api/public/dossiers/${d.code}`));
    expect(pub).toMatchObject({ finishedAt: at('2026-03-09T08:30'), returnedAt: at('2026-03-10T14:00') });
  });

  it('early and late against the appointed time', async () => {
    const early = await received();
    codes.early = early.code;
    expect((await toResult(early.id, '2026-03-05T10:00')).onTime).toBe('early');
    const late = await received();
    codes.late = late.code;
    const issued = await toResult(late.id, '2026-03-09T15:00');
    expect(issued).toMatchObject({ finishedAt: at('2026-03-09T15:00'), onTime: 'late' });
  });

  it('are never stamped on refusal, withdrawal or stop, and such dossiers are neither on time nor late', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const refused = await submittedDossier(p, citizen, hb);
    codes.refused = refused.code;
    p.clock.set(vn('2026-03-02T09:00'));
    expect(ok(await act(desk, refused.id, 'refuse-reception', { reason: 'Hồ sơ không thuộc thẩm quyền' }))).toMatchObject({ state: 'refused', finishedAt: null, returnedAt: null, onTime: null, deadline: null });

    const withdrawn = await submittedDossier(p, citizen, hb);
    expect(ok(await act(citizen, withdrawn.id, 'withdraw', {}))).toMatchObject({ state: 'withdrawn', finishedAt: null, returnedAt: null, onTime: null, deadline: null });

    const stopped = await received();
    codes.stopped = stopped.code;
    ok(await act(specialist, stopped.id, 'claim'));
    ok(await act(citizen, stopped.id, 'withdraw', { reason: 'Không còn nhu cầu' }));
    p.clock.set(vn('2026-03-12T10:00')); // after the due time: still not "late", and no overdue tag
    expect(ok(await act(specialist, stopped.id, 'stop', { reason: 'Công dân rút hồ sơ' }))).toMatchObject({ state: 'stopped', nationalStatus: 8, finishedAt: null, returnedAt: null, onTime: null, deadline: null });
    expect(ok(await citizen.get(`/api/dossiers/${stopped.id}`))).toMatchObject({ finishedAt: null, onTime: null, deadline: null });
  });

  it('the register (form 07) shows both moments and labels only dossiers whose processing finished', async () => {
    const rows = await registerRows();
    expect(rows.get(codes.onTime)).toEqual({ finished: '09/03/2026 08:30', returned: '10/03/2026 14:00', onTime: 'Đúng hạn' });
    expect(rows.get(codes.early)).toMatchObject({ finished: '05/03/2026 10:00', returned: '', onTime: 'Trước hạn' });
    expect(rows.get(codes.late)).toMatchObject({ onTime: 'Quá hạn' });
    expect(rows.get(codes.refused)).toEqual({ finished: '', returned: '', onTime: '' });
    expect(rows.get(codes.stopped)).toEqual({ finished: '', returned: '', onTime: '' });
  });

  it('the migration’s backfill takes both moments from the action list and clears a finish stamped on a stop', async () => {
    // Rows as the old code left them: finished = returned for a returned dossier, finished stamped on a stop.
    const [returnedRow] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.code, codes.onTime));
    const [stoppedRow] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.code, codes.stopped));
    await p.ctx.db.update(dossiers).set({ finishedAt: vn('2026-03-10T14:00'), returnedAt: null }).where(eq(dossiers.id, returnedRow.id));
    await p.ctx.db.update(dossiers).set({ finishedAt: vn('2026-03-12T10:00') }).where(eq(dossiers.id, stoppedRow.id));
    const file = fs.readdirSync('drizzle').find((f) => f.endsWith('_dossier_processed_returned.sql'))!;
    const update = fs.readFileSync(path.join('drizzle', file), 'utf8').split('--> statement-breakpoint').find((s) => s.includes('UPDATE "dossiers"'))!;
    await p.ctx.db.execute(sql.raw(update));
    const [r] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.id, returnedRow.id));
    const [s] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.id, stoppedRow.id));
    expect([r.finishedAt?.toISOString(), r.returnedAt?.toISOString()]).toEqual([at('2026-03-09T08:30'), at('2026-03-10T14:00')]);
    expect([s.finishedAt, s.returnedAt]).toEqual([null, null]);
  });
});
