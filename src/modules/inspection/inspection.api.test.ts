import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { expectProblem } from '../../../test/support/platform';
import { principalOf } from '../../../test/support/identity/citizens';
import { nssTrusting } from '../../../test/support/nss';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, ok, startDossierPlatform } from '../../../test/support/dossier';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { tlogEntries, tlogPending } from '../../platform/tlog/tlog.schema';

const XAY_DUNG = '000.00.02.H38';
const ENTERPRISE = '0201234567'; // legal representative: CITIZEN
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let agency: string;
let lead: TestClient;
let member: TestClient;
let leader: TestClient;
let rep: TestClient;
let stranger: TestClient;
let id: string;

const key = () => ({ 'idempotency-key': randomUUID() });
const pdfBase64 = () => p.services.results.textPdf({ agency: { name: 'Công ty', parentName: null }, title: 'Báo cáo', sections: [{ lines: ['Số liệu.'] }], signatures: [], subject: 'x', demo: true }, p.clock.now()).toString('base64');

async function plan(title: string) {
  const [l, m] = await Promise.all([principalOf(p, lead), principalOf(p, member)]);
  return ok(
    await lead.post(
      '/api/inspections',
      { agencyId: agency, enterpriseCode: ENTERPRISE, title, scope: 'Việc chấp hành quy định về an toàn lao động trong thi công', legalBasis: 'Quyết định số 12/QĐ-SXD ngày 05/5/2026 của Giám đốc Sở Xây dựng', team: [{ accountId: l.accountId, role: 'lead' }, { accountId: m.accountId, role: 'member' }], startsOn: '2026-05-11', endsOn: '2026-05-15' },
      key(),
    ),
    201,
  );
}

beforeAll(async () => {
  p = await startDossierPlatform({ SESSION_IDLE_MINUTES: '1440' });
  p.clock.set('2026-05-11T01:00:00Z');
  agency = await agencyId(p, XAY_DUNG);
  lead = await p.loginAs('chuyenvien.xaydung');
  member = await p.loginAs('trakq.xaydung');
  leader = await p.loginAs('lanhdao.xaydung');
  rep = await citizenClient(p, CITIZEN);
  stranger = await citizenClient(p, CITIZEN_L1);
});
afterAll(() => p?.close());

describe('an online inspection, from plan to signed minutes', () => {
  it('is planned and approved by a leader who is not its author; the entity sees it from then', async () => {
    const draft = await plan('Kiểm tra an toàn lao động');
    id = draft.id;
    expect(draft).toMatchObject({ state: 'draft', entityName: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', as: 'team' });
    expectProblem(await rep.get(`/api/inspections/${id}`), 404, 'inspection.not_found');
    expectProblem(await lead.post(`/api/inspections/${id}/approve`, undefined, key()), 403, 'inspection.not_leader');
    const approved = ok(await leader.post(`/api/inspections/${id}/approve`, undefined, key()));
    expect(approved.state).toBe('approved');
    const [event] = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, 'inspection.approve')));
    expect(event.payload).toMatchObject({ enterpriseCode: ENTERPRISE, representativePersonalId: CITIZEN });
    expect(ok(await rep.get('/api/inspections')).items.map((i: { id: string }) => i.id)).toContain(id);
    expect(ok(await rep.get(`/api/inspections/${id}`)).as).toBe('entity');
    expectProblem(await stranger.get(`/api/inspections/${id}`), 404, 'inspection.not_found');
  });

  it('holds a remote session, asks for documents with deadlines and records findings', async () => {
    expectProblem(await member.post(`/api/inspections/${id}/start`, { startsAt: '2026-05-11T02:00:00Z', endsAt: '2026-05-11T04:00:00Z' }, key()), 403, 'inspection.not_lead');
    const started = ok(await lead.post(`/api/inspections/${id}/start`, { startsAt: '2026-05-11T02:00:00Z', endsAt: '2026-05-11T04:00:00Z' }, key()));
    expect(started).toMatchObject({ state: 'in_progress', online: true });
    const meeting = ok(await rep.get(`/api/meetings/${started.meetingId}`));
    expect(meeting).toMatchObject({ purpose: 'inspection', me: { role: 'guest' } });
    expect(meeting.videoUrl).toContain(started.meetingId);

    const asked = ok(await lead.post(`/api/inspections/${id}/requests`, { title: 'Hồ sơ huấn luyện an toàn lao động', dueAt: '2026-05-11T03:00:00Z' }, key()), 201);
    ok(await lead.post(`/api/inspections/${id}/requests`, { title: 'Sổ nhật ký thi công', dueAt: '2026-05-11T01:30:00Z' }, key()), 201);
    const [first, second] = ok(await rep.get(`/api/inspections/${id}`)).requests;
    expect(asked.requests).toHaveLength(1);
    const up = ok(await rep.post(`/api/inspections/${id}/requests/${first.id}/upload`, { file: { fileName: 'huan-luyen.pdf', contentBase64: pdfBase64() } }, key()));
    expect(up.requests[0].uploadedAt).not.toBeNull();
    expectProblem(await lead.post(`/api/inspections/${id}/requests/${first.id}/upload`, { file: { fileName: 'x.pdf', contentBase64: pdfBase64() } }, key()), 403, 'inspection.not_entity');
    const file = await lead.get(`/api/inspections/${id}/requests/${first.id}/file`);
    expect(file.statusCode).toBe(200);
    p.clock.set('2026-05-11T01:30:00Z');
    expectProblem(await rep.post(`/api/inspections/${id}/requests/${second.id}/upload`, { file: { fileName: 'nhat-ky.pdf', contentBase64: pdfBase64() } }, key()), 409, 'inspection.request_closed');

    ok(await member.post(`/api/inspections/${id}/findings`, { text: 'Hai công nhân chưa được huấn luyện an toàn lao động.', remedy: 'Tổ chức huấn luyện và cấp thẻ an toàn.', remedyDueAt: '2026-06-10T10:00:00Z' }, key()), 201);
    ok(await member.post(`/api/inspections/${id}/findings`, { text: 'Hồ sơ nghiệm thu đầy đủ.' }, key()), 201);
  });

  it('has its minutes signed by the team, then by the entity’s representative: both signatures verify with pdfsig', async () => {
    expectProblem(await rep.post(`/api/inspections/${id}/minutes/entity-signature`, undefined, key()), 409, 'inspection.wrong_state');
    ok(await lead.post(`/api/inspections/${id}/minutes/team-signature`, undefined, key()));
    expectProblem(await stranger.post(`/api/inspections/${id}/minutes/entity-signature`, undefined, key()), 404, 'inspection.not_found');
    const signed = ok(await rep.post(`/api/inspections/${id}/minutes/entity-signature`, undefined, key()));
    expect(signed.state).toBe('minutes_signed');
    expect(signed.minutes.entitySignedAt).not.toBeNull();

    const pdf = await rep.get(`/api/inspections/${id}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    const work = fs.mkdtempSync(path.join(p.blobDir, 'pdfsig-'));
    const file = path.join(work, 'bien-ban.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const nss = nssTrusting(work, p.services.results.trustAnchorsFile());
    const out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
    const signatures = out.split(/Signature #\d+:/).slice(1);
    expect(signatures).toHaveLength(2);
    for (const s of signatures) {
      expect(s).toContain('Signature Validation: Signature is Valid.');
      expect(s).toContain('Certificate Validation: Certificate is Trusted.');
      expect(s).toContain('ETSI.CAdES.detached');
    }
    expect(signatures[0]).toContain('Common Name: Sở Xây dựng');
    expect(signatures[1]).toContain('Common Name: Nguyễn Văn An');
    const leaves = [...(await p.ctx.db.select({ kind: tlogPending.kind }).from(tlogPending).where(eq(tlogPending.ref, id))), ...(await p.ctx.db.select({ kind: tlogEntries.kind }).from(tlogEntries).where(eq(tlogEntries.ref, id)))];
    expect(leaves.map((l) => l.kind)).toEqual(['inspection_minutes']);
  });

  it('is concluded, its remedies followed up, and closed', async () => {
    expectProblem(await lead.post(`/api/inspections/${id}/conclusion`, { conclusion: 'x' }, key()), 403, 'inspection.not_leader');
    const concluded = ok(await leader.post(`/api/inspections/${id}/conclusion`, { conclusion: 'Yêu cầu công ty khắc phục trong 30 ngày.' }, key()));
    expect(concluded.state).toBe('concluded');
    expectProblem(await lead.post(`/api/inspections/${id}/close`, undefined, key()), 409, 'inspection.remedies_open');
    const finding = concluded.findings.find((f: { remedy: string | null }) => f.remedy);
    expect(finding.remedyStatus).toBe('open');
    const done = ok(await rep.post(`/api/inspections/${id}/findings/${finding.id}/remedy`, { note: 'Đã huấn luyện ngày 20/5/2026.' }, key()));
    expect(done.findings.find((f: { id: string }) => f.id === finding.id).remedyStatus).toBe('done');
    expect(ok(await lead.post(`/api/inspections/${id}/close`, undefined, key())).state).toBe('closed');
    const actions = (await p.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['inspection.planned', 'inspection.approve', 'inspection.start', 'inspection.sign_team', 'inspection.sign_entity', 'inspection.conclude', 'inspection.remedy_done', 'inspection.close']));
    const kinds = [...(await p.ctx.db.select({ kind: tlogPending.kind }).from(tlogPending).where(inArray(tlogPending.ref, [id]))), ...(await p.ctx.db.select({ kind: tlogEntries.kind }).from(tlogEntries).where(eq(tlogEntries.ref, id)))].map((l) => l.kind);
    expect(kinds.sort()).toEqual(['inspection_conclusion', 'inspection_minutes']);
  });

  it('gives the share of inspections done online per agency and period', async () => {
    const onsite = await plan('Kiểm tra tại hiện trường');
    ok(await leader.post(`/api/inspections/${onsite.id}/approve`, undefined, key()));
    ok(await lead.post(`/api/inspections/${onsite.id}/start`, { mode: 'onsite', startsAt: '2026-05-11T02:00:00Z', endsAt: '2026-05-11T04:00:00Z' }, key()));
    const share = ok(await leader.get(`/api/inspections/online-share?agencyId=${agency}&from=2026-05-01&to=2026-05-31`));
    expect(share).toMatchObject({ total: 2, online: 1, share: 0.5 });
    expect(ok(await leader.get(`/api/inspections/online-share?agencyId=${agency}&from=2026-04-01&to=2026-04-30`))).toMatchObject({ total: 0, share: 0 });
    expectProblem(await rep.get(`/api/inspections/online-share?agencyId=${agency}&from=2026-05-01&to=2026-05-31`), 403);
  });
});
