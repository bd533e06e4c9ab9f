import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { auditLog } from '../../platform/audit/audit.schema';
import { dossierActions } from './dossier.schema';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, EICAR_PDF, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, submittedDossier, TU_PHAP, upload, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let tp: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  tp = await agencyId(p, TU_PHAP);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
});
afterAll(() => p.close());

const act = (c: TestClient, id: string, path: string, body?: unknown) => c.post(`/api/dossiers/${id}/${path}`, body);

describe('happy path: online filing to result returned', () => {
  it('goes through every step, with form 06 hand-offs, audit and outbox events', async () => {
    p.clock.set(vn('2026-03-02T08:30')); // Monday
    const d = await submittedDossier(p, citizen, hb);
    expect(d).toMatchObject({ state: 'submitted', nationalStatus: 1, channel: 'online' });
    expect(d.code).toMatch(/^000\.00\.21\.H38-260302-\d{4}$/);

    p.clock.set(vn('2026-03-02T09:00'));
    const received = ok(await act(desk, d.id, 'receive'));
    expect(received).toMatchObject({ state: 'received', nationalStatus: 2 });
    expect(received.dueAt).toBe(vn('2026-03-09T09:00').toISOString()); // 5 working days
    expect(received.dueSoonAt).toBe(vn('2026-03-06T09:00').toISOString()); // minus 1 working day
    expect(received.stepDeadlines.map((s: any) => s.kind)).toEqual(['receive', 'process', 'consult', 'approve', 'return']);

    p.clock.set(vn('2026-03-03T09:00'));
    expect(ok(await act(specialist, d.id, 'claim')).state).toBe('processing');
    p.clock.set(vn('2026-03-04T10:00'));
    expect(ok(await act(specialist, d.id, 'propose', { recommendation: 'approve' })).state).toBe('pending_approval');
    p.clock.set(vn('2026-03-05T10:00'));
    expect(ok(await act(approver, d.id, 'approve', {})).state).toBe('approved');
    expect(ok(await act(resultOfficer, d.id, 'issue-result', { electronic: true })).state).toBe('result_issued');
    const done = ok(await act(resultOfficer, d.id, 'return-result', { method: 'online' }));
    expect(done).toMatchObject({ state: 'returned', nationalStatus: 10, nationalStatusLabel: { vi: 'Đã trả kết quả', en: 'Result returned' } });
    expect(done.finishedAt).toBe(vn('2026-03-05T10:00').toISOString());

    const detail = ok(await citizen.get(`/api/dossiers/${d.id}`));
    expect(detail.timeline.map((t: any) => t.type)).toEqual(['submit', 'receive', 'start_processing', 'propose', 'approve', 'issue_result', 'return_result']);
    expect(detail.availableActions).toEqual(['comment']);
    const propose = detail.timeline.find((t: any) => t.type === 'propose');
    expect(propose.stepDueAt).toBeTruthy();
    expect(['early', 'on_time', 'late']).toContain(propose.handOff);
    expect(detail.timeline.find((t: any) => t.type === 'receive').forms).toEqual(['01', '06', '07']);

    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, d.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['dossier.submitted', 'dossier.received', 'dossier.approved', 'dossier.result_returned']));
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain('Nguyễn');
    const audits = await p.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, d.id));
    expect(audits.length).toBeGreaterThanOrEqual(8);

    // Public lookup: status and timeline, no personal data.
    const pub = ok(await p.anonymous().get(`/api/public/dossiers/${d.code}`));
    expect(pub).toMatchObject({ code: d.code, state: 'returned', nationalStatus: 10, stateLabel: { vi: 'Đã trả kết quả' } });
    expect(pub.timeline).toHaveLength(7);
    const text = JSON.stringify(pub);
    expect(text).not.toContain(CITIZEN);
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('actorName');
    expectProblem(await p.anonymous().get('/api/public/dossiers/000.00.21.H38-260302-9999'), 404, 'dossier.not_found');

    // History is append-only, even for direct SQL.
    await expect(p.ctx.db.delete(dossierActions).where(eq(dossierActions.dossierId, d.id))).rejects.toThrow();
  });
});

describe('refused at reception (form 03)', () => {
  it('refuses with a reason, then nothing else moves', async () => {
    p.clock.set(vn('2026-03-02T10:00'));
    const d = await submittedDossier(p, citizen, hb);
    expectProblem(await act(desk, d.id, 'refuse-reception', { reason: '   ' }), 422, 'dossier.invalid_payload');
    const r = ok(await act(desk, d.id, 'refuse-reception', { reason: 'Hồ sơ không thuộc thẩm quyền' }));
    expect(r).toMatchObject({ state: 'refused', nationalStatus: 3, refusalReason: 'Hồ sơ không thuộc thẩm quyền' });
    expectProblem(await act(desk, d.id, 'receive'), 409, 'dossier.state_not_permitted');
  });
});

describe('supplement (form 02): clock stopped, applicant time excluded, only once', () => {
  it('moves the due time by the working time the applicant took', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    p.clock.set(vn('2026-03-03T10:00'));
    const s = ok(await act(specialist, d.id, 'request-supplement', { reason: 'Thiếu giấy tờ', missingItems: ['Hồ sơ học tập'] }));
    expect(s).toMatchObject({ state: 'supplement_requested', nationalStatus: 5, deadline: null });
    // The applicant adds a file while supplementing, then resubmits two working days later.
    ok(await upload(citizen, d.id, 'personal-records'), 201);
    p.clock.set(vn('2026-03-05T10:00'));
    const back = ok(await act(citizen, d.id, 'resubmit-supplement', { note: 'Đã bổ sung' }));
    expect(back.state).toBe('processing');
    expect(back.originalDueAt).toBe(vn('2026-03-09T09:00').toISOString());
    expect(back.dueAt).toBe(vn('2026-03-11T09:00').toISOString()); // + 2 working days waited
    expect(back.clockStops).toEqual([{ kind: 'supplement', from: vn('2026-03-03T10:00').toISOString(), to: vn('2026-03-05T10:00').toISOString() }]);
    const second = expectProblem(await act(specialist, d.id, 'request-supplement', { reason: 'Lần hai', missingItems: ['X'] }), 409, 'dossier.supplement_limit_reached');
    expect(second.details.vi).toContain('một lần');
  });
});

describe('late: apology and extension (form 04), once', () => {
  it('sets a new date once, refuses a second one and a late one', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    p.clock.set(vn('2026-03-06T10:00')); // due-soon day (due Mon 9/3 09:00)
    const inboxBefore = ok(await specialist.get(`/api/officer/inbox?queue=due_soon&code=${d.code}`));
    expect(inboxBefore.items.map((x: any) => x.id)).toEqual([d.id]);
    expectProblem(await act(specialist, d.id, 'extend', { reason: 'Chờ xác minh', newDueDate: '2026-03-14' }), 422, 'dossier.due_not_working_day'); // Saturday
    const e = ok(await act(specialist, d.id, 'extend', { reason: 'Chờ xác minh', newDueDate: '2026-03-13' }));
    expect(e.dueAt).toBe(vn('2026-03-13T17:00').toISOString());
    expect(e.extension).toMatchObject({ reason: 'Chờ xác minh', previousDueAt: vn('2026-03-09T09:00').toISOString() });
    expectProblem(await act(specialist, d.id, 'extend', { reason: 'Lần hai', newDueDate: '2026-03-20' }), 409, 'dossier.extension_limit_reached');

    // Another dossier, past its due-soon day: too late to apologise; it shows as overdue.
    p.clock.set(vn('2026-03-02T09:00'));
    const late = await submittedDossier(p, citizen, hb);
    ok(await act(desk, late.id, 'receive'));
    ok(await act(specialist, late.id, 'claim'));
    p.clock.set(vn('2026-03-10T09:00'));
    expectProblem(await act(specialist, late.id, 'extend', { reason: 'Trễ', newDueDate: '2026-03-20' }), 409, 'dossier.extension_too_late');
    const overdue = ok(await specialist.get(`/api/officer/inbox?queue=overdue&code=${late.code}`));
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0].deadline).toBe('overdue');
  });
});

describe('withdrawal', () => {
  it('before reception: withdrawn at once; after: stop notice (form 05)', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const early = await submittedDossier(p, citizen, hb);
    expect(ok(await act(citizen, early.id, 'withdraw', {})).state).toBe('withdrawn');

    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    const w = ok(await act(citizen, d.id, 'withdraw', { reason: 'Không còn nhu cầu' }));
    expect(w).toMatchObject({ state: 'withdrawal_requested', nationalStatus: 7 });
    const stopped = ok(await act(specialist, d.id, 'stop', { reason: 'Công dân rút hồ sơ' }));
    expect(stopped).toMatchObject({ state: 'stopped', nationalStatus: 8 });
    const detail = ok(await citizen.get(`/api/dossiers/${d.id}`));
    expect(detail.timeline.at(-1).forms).toContain('05');
  });

  it('is refused after a decision', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    ok(await act(specialist, d.id, 'propose', { recommendation: 'reject' }));
    ok(await act(approver, d.id, 'reject', { reason: 'Không đủ điều kiện' }));
    expectProblem(await act(citizen, d.id, 'withdraw', {}), 409);
  });
});

describe('consultation with another agency', () => {
  it('is answered by the consulted agency against its own step deadline', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    const c = ok(await act(specialist, d.id, 'request-consultation', { agencyId: tp, question: 'Xin xác minh việc đăng ký khai sinh trước đây', workingDays: 2 }));
    expect(c.state).toBe('consulting');
    expect(c.consultations[0]).toMatchObject({ agency: TU_PHAP, stepDueAt: vn('2026-03-04T09:00').toISOString() });

    p.clock.set(vn('2026-03-03T15:00'));
    const tuphap = await p.loginAs('chuyenvien.tuphap');
    const queue = ok(await tuphap.get('/api/officer/inbox?queue=consultations'));
    expect(queue.items.map((x: any) => x.id)).toContain(d.id);
    expect(ok(await tuphap.get(`/api/dossiers/${d.id}`)).availableActions).toContain('answer_consultation');
    expectProblem(await act(specialist, d.id, 'answer-consultation', { opinion: 'Tự trả lời' }), 403, 'dossier.out_of_jurisdiction');

    const a = ok(await act(tuphap, d.id, 'answer-consultation', { opinion: 'Đã xác minh, thống nhất' }));
    expect(a.state).toBe('processing');
    expect(a.consultations[0]).toMatchObject({ handOff: 'early' });
    const detail = ok(await specialist.get(`/api/dossiers/${d.id}`));
    const answer = detail.timeline.find((t: any) => t.type === 'answer_consultation');
    expect(answer).toMatchObject({ handOff: 'early', agencyId: tp, actorName: 'Bùi Quang Huy' });
  });
});

describe('counter submission for a citizen (channel 1)', () => {
  it('is opened, filed and received by the desk; the citizen sees it', async () => {
    p.clock.set(vn('2026-03-02T14:00'));
    const d = ok(
      await desk.post('/api/officer/dossiers', { procedure: PROCEDURE, agencyId: hb, channel: 'in_person', applicant: { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' }, data: await sampleData(p) }),
      201,
    );
    expect(d).toMatchObject({ state: 'draft', channel: 'in_person', filedByOfficer: true });
    ok(await upload(desk, d.id, 'personal-records'), 201);
    const s = ok(await desk.post(`/api/dossiers/${d.id}/submit`));
    expect(s.state).toBe('submitted');
    ok(await act(desk, d.id, 'receive'));
    const binh = await citizenClient(p, '031190004567');
    const mine = ok(await binh.get('/api/my/dossiers'));
    expect(mine.items.map((x: any) => x.id)).toContain(d.id);
    // An officer of another commune's desk cannot file for this agency.
    const other = await p.loginAs('tiepnhan.tuphap');
    expectProblem(await other.post('/api/officer/dossiers', { procedure: PROCEDURE, agencyId: hb, channel: 'post', applicant: { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' } }), 403, 'dossier.out_of_jurisdiction');
  });
});

describe('filing rules', () => {
  it('refuses a level-1 e-ID for a level-2 procedure', async () => {
    const l1 = await citizenClient(p, CITIZEN_L1);
    expectProblem(await l1.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb }), 403, 'eid.assurance_too_low');
  });

  it('validates data, documents, files and agency', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    expectProblem(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: tp }), 422, 'dossier.agency_not_competent');
    const bad = expectProblem(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data: { subjectDateOfBirth: 'not a date' } }), 422, 'dossier.invalid_data');
    expect(bad.errors[0]).toMatchObject({ field: 'subjectDateOfBirth', message: { vi: expect.any(String), en: expect.any(String) } });
    const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data: {} }), 201);
    const incomplete = expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 422, 'dossier.invalid_data');
    expect(incomplete.errors.some((e: any) => e.code === 'required')).toBe(true);
    // The applicant's own data came prefilled from the population registry and stays as it is.
    const prefilled = Object.fromEntries(Object.entries<any>(d.prefilled ?? {}).map(([field, f]) => [field, f.value]));
    ok(await citizen.patch(`/api/dossiers/${d.id}`, { data: { ...(await sampleData(p)), ...prefilled } }));
    const missing = expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 422, 'dossier.missing_documents');
    expect(missing.errors.map((e: any) => e.field)).toEqual(['documents.personal-records']);
    expectProblem(await upload(citizen, d.id, 'personal-records', EICAR_PDF), 422, 'dossier.attachment_infected');
    expectProblem(await upload(citizen, d.id, 'personal-records', Buffer.from('hello, not a pdf'), 'a.pdf'), 415, 'dossier.attachment_type');
    expectProblem(await upload(citizen, d.id, 'no-such-doc'), 422, 'dossier.unknown_document');
    const att = ok(await upload(citizen, d.id, 'personal-records'), 201);
    expect(att).toMatchObject({ contentType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await citizen.get(`/api/dossiers/${d.id}/attachments/${att.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
    expectProblem(await citizen.patch(`/api/dossiers/${d.id}`, { data: {} }), 409, 'dossier.not_draft');
  });

  it("hides other citizens' dossiers (404)", async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    const other = await citizenClient(p, '031195007891');
    expectProblem(await other.get(`/api/dossiers/${d.id}`), 404, 'dossier.not_found');
    expectProblem(await act(other, d.id, 'withdraw', {}), 404, 'dossier.not_found');
    expect(ok(await other.get('/api/my/dossiers')).items.map((x: any) => x.id)).not.toContain(d.id);
  });
});

describe('officer inbox', () => {
  it('counts queues, filters by folded applicant name and pages with a cursor', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    for (let i = 0; i < 3; i++) await submittedDossier(p, citizen, hb);
    const all = ok(await desk.get('/api/officer/inbox?queue=to_receive&applicant=nguyen van an&limit=2'));
    expect(all.counts.to_receive).toBeGreaterThanOrEqual(3);
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).toBeTruthy();
    const next = ok(await desk.get(`/api/officer/inbox?queue=to_receive&applicant=nguyen van an&limit=2&cursor=${all.nextCursor}`));
    expect(next.items.length).toBeGreaterThanOrEqual(1);
    expect(next.items[0].id).not.toBe(all.items[1].id);
    expect(ok(await desk.get('/api/officer/inbox?queue=to_receive&applicant=zzzz')).items).toHaveLength(0);
    expectProblem(await desk.get('/api/officer/inbox?cursor=garbage'), 400, 'dossier.bad_cursor');
    expectProblem(await desk.get(`/api/officer/inbox?agencyId=${tp}`), 403, 'dossier.out_of_jurisdiction');
  });

  it('assigns to a colleague, and the assignee hands back', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    const me = ok(await specialist.get('/api/auth/session'));
    const specialistId = me.accountId;
    expectProblem(await act(approver, d.id, 'assign', { assigneeId: ok(await desk.get('/api/auth/session')).accountId }), 422, 'dossier.bad_assignee');
    expect(ok(await act(approver, d.id, 'assign', { assigneeId: specialistId })).assigneeId).toBe(specialistId);
    expect(ok(await specialist.get('/api/officer/inbox?queue=to_process&mine=true')).items.map((x: any) => x.id)).toContain(d.id);
    ok(await act(specialist, d.id, 'claim'));
    const back = ok(await act(specialist, d.id, 'hand-back', { reason: 'Nghỉ phép' }));
    expect(back.assigneeId).toBeNull();
    expectProblem(await act(specialist, d.id, 'propose', { recommendation: 'approve' }), 403, 'dossier.not_assignee');
  });
});
