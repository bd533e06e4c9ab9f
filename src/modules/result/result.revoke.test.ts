import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { auditLog } from '../../platform/audit/audit.schema';
import { resultReplacePath, resultRevokePath, type ResultView } from '../../shared/api/result';
import { nssTrusting } from '../../../test/support/nss';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;
let work: string;
let nss: string;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-revoke-'));
  nss = nssTrusting(work, p.services.results.trustAnchorsFile());
});
afterAll(async () => {
  await p?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A birth certificate issued on a dossier of the citizen's; its one result. */
async function issued(childFullName: string): Promise<ResultView> {
  p.clock.set(vn('2026-03-02T08:30'));
  const data = { ...(await sampleData(p, 'birth-registration')), childFullName, childSex: 'female' };
  const d = ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data }), 201);
  for (const doc of ['declaration', 'birth-certificate', 'identity']) ok(await upload(citizen, d.id, doc), 201);
  ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
  const desk = await p.loginAs('tiepnhan.hongbang');
  const specialist = await p.loginAs('chuyenvien.hongbang');
  p.clock.set(vn('2026-03-02T08:40'));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
  ok(await specialist.post(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' }));
  p.clock.set(vn('2026-03-02T08:50'));
  ok(await approver.post(`/api/dossiers/${d.id}/approve`, {}));
  ok(await resultOfficer.post(`/api/dossiers/${d.id}/issue-result`, { electronic: true }));
  const { items } = ok(await citizen.get(`/api/dossiers/${d.id}/results`));
  expect(items).toHaveLength(1);
  return items[0];
}

const storeItemsOf = async (dossierId: string) => {
  const store = ok(await citizen.get('/api/me/store'));
  return (store.items as Array<{ id: string; dossierId: string | null; sha256: string; resultStatus: string | null; resultReplacedBy: string | null }>).filter((i) => i.dossierId === dossierId);
};
const verify = (pdf: Buffer) => p.anonymous().request('POST', '/api/verification', pdf, { 'content-type': 'application/pdf' });

describe('revoking a signed result (thu hồi)', () => {
  let r: ResultView;
  let pdf: Buffer;

  it('is refused to a citizen, to another agency’s officer and to an officer without the role; a reason is required', async () => {
    r = await issued('Phạm Thị Thu');
    pdf = (await citizen.get(r.downloadUrl)).rawPayload;
    expect(ok(await verify(pdf)).verdict).toBe('valid');
    const body = { reason: 'Cấp nhầm người' };
    expectProblem(await citizen.post(resultRevokePath(r.id), body), 403);
    expectProblem(await (await p.loginAs('lanhdao.tuphap')).post(resultRevokePath(r.id), body), 403, 'result.not_allowed');
    expectProblem(await (await p.loginAs('chuyenvien.hongbang')).post(resultRevokePath(r.id), body), 403);
    expectProblem(await resultOfficer.post(resultRevokePath(r.id), { reason: '   ' }), 400, 'result.reason_required');
    expectProblem(await resultOfficer.post(resultRevokePath(r.id), { reason: 'x'.repeat(2001) }), 400);
    expectProblem(await resultOfficer.post(resultRevokePath('00000000-0000-4000-8000-000000000000'), body), 404, 'result.not_found');
    expect(ok(await verify(pdf)).result.status).toBe('valid');
  });

  it('revokes with a reason, once per Idempotency-Key: the register, the verifier and her data store say revoked', async () => {
    p.clock.set(vn('2026-03-05T09:00'));
    const first = await approver.post(resultRevokePath(r.id), { reason: 'Cấp nhầm người' }, { 'idempotency-key': 'revoke-1' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id: r.id, status: 'revoked', reason: 'Cấp nhầm người', replacedBy: null });
    const again = await approver.post(resultRevokePath(r.id), { reason: 'Cấp nhầm người' }, { 'idempotency-key': 'revoke-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectProblem(await approver.post(resultRevokePath(r.id), { reason: 'Lần nữa' }), 409, 'result.already_revoked');
    expectProblem(await approver.post(resultReplacePath(r.id), { reason: 'Cấp lại' }), 409, 'result.already_revoked');

    expect(await p.services.results.lookup.byHash(r.sha256)).toMatchObject({ code: r.verificationCode, status: 'revoked', reason: 'Cấp nhầm người', replacedBy: null });
    const report = ok(await verify(pdf));
    expect(report.verdict).toBe('revoked');
    expect(report.result).toMatchObject({ status: 'revoked', reason: 'Cấp nhầm người' });
    expect(ok(await p.anonymous().get(`/api/verification/results/${r.verificationCode}`)).result).toMatchObject({ status: 'revoked', reason: 'Cấp nhầm người' });
    expect(await storeItemsOf(r.dossierId)).toEqual([expect.objectContaining({ sha256: r.sha256, resultStatus: 'revoked', resultReplacedBy: null })]);
    expect(ok(await citizen.get(`/api/dossiers/${r.dossierId}/results`)).items[0]).toMatchObject({ status: 'revoked', reason: 'Cấp nhầm người' });

    const audits = await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'result.revoked'));
    expect(audits).toHaveLength(1);
    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'result.revoked'));
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ dossierId: r.dossierId, sha256: r.sha256 });
    expect(JSON.stringify(events[0].payload)).not.toMatch(/Phạm|Cấp nhầm|031085001234/);
  });
});

describe('replacing a signed result (cấp lại)', () => {
  let old: ResultView;
  let oldPdf: Buffer;
  let answer: { result: ResultView; replaced: ResultView };

  it('issues a new signed result for the same dossier and marks the old one replaced by it, once per Idempotency-Key', async () => {
    old = await issued('Lê Thị Hoa');
    oldPdf = (await citizen.get(old.downloadUrl)).rawPayload;
    expectProblem(await (await p.loginAs('trakq.tuphap')).post(resultReplacePath(old.id), { reason: 'Sai ngày sinh' }), 403, 'result.not_allowed');
    p.clock.set(vn('2026-03-06T10:00'));
    const first = await resultOfficer.post(resultReplacePath(old.id), { reason: 'Sai ngày sinh' }, { 'idempotency-key': 'replace-1' });
    expect(first.statusCode, first.body).toBe(201);
    answer = first.json();
    const again = await resultOfficer.post(resultReplacePath(old.id), { reason: 'Sai ngày sinh' }, { 'idempotency-key': 'replace-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(answer);

    const { result, replaced } = answer;
    expect(replaced).toMatchObject({ id: old.id, status: 'replaced', replacedBy: result.verificationCode, reason: 'Sai ngày sinh', sha256: old.sha256 });
    expect(result).toMatchObject({ dossierId: old.dossierId, status: 'valid', documentType: 'birth-certificate', replacedBy: null });
    expect(result.verificationCode).not.toBe(old.verificationCode);
    expect(result.number).not.toBe(old.number);
    expect(result.sha256).not.toBe(old.sha256);
    const list = ok(await citizen.get(`/api/dossiers/${old.dossierId}/results`)).items as ResultView[];
    expect(list.map((i) => [i.id, i.status])).toEqual([[result.id, 'valid'], [old.id, 'replaced']]);
    expectProblem(await resultOfficer.post(resultReplacePath(old.id), { reason: 'Lần nữa' }), 409, 'result.already_replaced');
    expectProblem(await resultOfficer.post(resultRevokePath(old.id), { reason: 'Lần nữa' }), 409, 'result.already_replaced');

    expect(await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'result.replaced'))).toHaveLength(1);
    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'result.replaced'));
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ dossierId: old.dossierId, sha256: old.sha256, newResultId: result.id });
    expect(JSON.stringify(events[0].payload)).not.toMatch(/Lê Thị|Sai ngày|031085001234/);
  });

  it('the new file is signed (pdfsig: valid, trusted) and verifies valid; the old one verifies replaced by the new code', async () => {
    const { result } = answer;
    const pdf = (await citizen.get(result.downloadUrl)).rawPayload;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(result.sha256);
    const file = path.join(work, 'replacement.pdf');
    fs.writeFileSync(file, pdf);
    const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Certificate is Trusted');
    expect(run('pdftotext', ['-layout', file, '-'])).toContain(`Số: ${result.number}`);

    const fresh = ok(await verify(pdf));
    expect(fresh).toMatchObject({ verdict: 'valid', trusted: true });
    expect(fresh.result).toMatchObject({ code: result.verificationCode, status: 'valid' });
    const stale = ok(await verify(oldPdf));
    expect(stale.verdict).toBe('replaced');
    expect(stale.result).toMatchObject({ status: 'replaced', replacedBy: result.verificationCode, reason: 'Sai ngày sinh' });
    expect(await p.services.results.lookup.byCode(old.verificationCode)).toMatchObject({ status: 'replaced', replacedBy: result.verificationCode });
  });

  it('her data store holds both files, each with its status', async () => {
    const { result } = answer;
    const items = await storeItemsOf(old.dossierId);
    expect(items).toHaveLength(2);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sha256: old.sha256, resultStatus: 'replaced', resultReplacedBy: result.verificationCode }),
        expect.objectContaining({ sha256: result.sha256, resultStatus: 'valid', resultReplacedBy: null }),
      ]),
    );
    const fresh = items.find((i) => i.sha256 === result.sha256)!;
    const bytes = (await citizen.get(`/api/me/store/${fresh.id}`)).rawPayload;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(result.sha256);
  });
});
