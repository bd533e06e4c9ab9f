/**
 * What officers meet (issue 10, items 1–5) through the API: the assignment picker and the assignee's name, the
 * warning never before the receipt, the process control sheet (form 06) with one row per hand-off and its own
 * people, the result delivery chosen on the form, and the consultation deadline after the cutoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, sampleData, startDossierPlatform, submittedDossier, TU_PHAP, upload, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let tp: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;
let consulted: TestClient;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  tp = await agencyId(p, TU_PHAP);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
  consulted = await p.loginAs('chuyenvien.tuphap');
});
afterAll(() => p.close());

const act = (c: TestClient, id: string, path: string, body?: unknown) => c.post(`/api/dossiers/${id}/${path}`, body);

/** A birth registration (same-day, 15:00 cutoff, asks how to receive the result) filed online and submitted. */
async function birthRegistration(data: Record<string, unknown> = {}) {
  const d = ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: { ...(await sampleData(p, 'birth-registration')), ...data } }), 201);
  ok(await upload(citizen, d.id, 'birth-certificate'), 201);
  return ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
}

/** The rows of the control sheet's table, as cells of text (a cell's lines joined by " / "). */
async function sheetRows(c: TestClient, id: string): Promise<string[][]> {
  const res = await c.get(`/api/dossiers/${id}/documents/06?format=html`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const body = res.body.slice(res.body.indexOf('<tbody>'), res.body.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1].replaceAll('<br>', ' / ')));
}

describe('assignment picker', () => {
  it('lists the agency’s specialists with their open workload to the leader, who assigns with the id it sends; the name shows', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const d = await submittedDossier(p, citizen, hb);
    p.clock.set(vn('2026-03-02T09:00'));
    ok(await act(desk, d.id, 'receive'));

    const before = ok(await approver.get(`/api/dossiers/${d.id}/assignees`));
    const minh = before.items.find((a: any) => a.displayName === 'Trần Văn Minh');
    expect(minh).toMatchObject({ current: false, openDossiers: expect.any(Number) });
    // Only the agency's specialists: not the desk, the leader, nor another agency's specialist.
    expect(before.items.map((a: any) => a.displayName)).not.toContain('Lê Hoàng Nam');
    expect(before.items.map((a: any) => a.displayName)).not.toContain('Bùi Quang Huy');
    // The desk may route a received dossier too; a specialist may not assign, a citizen not even see the list.
    expect(ok(await desk.get(`/api/dossiers/${d.id}/assignees`)).items.map((a: any) => a.id)).toContain(minh.id);
    expect((await specialist.get(`/api/dossiers/${d.id}/assignees`)).statusCode).toBe(403);
    expect((await citizen.get(`/api/dossiers/${d.id}/assignees`)).statusCode).toBe(403);
    expectProblem(await consulted.get(`/api/dossiers/${d.id}/assignees`), 403, 'forbidden');
    expectProblem(await (await p.loginAs('lanhdao.tuphap')).get(`/api/dossiers/${d.id}/assignees`), 403, 'dossier.out_of_jurisdiction');

    ok(await act(approver, d.id, 'assign', { assigneeId: minh.id }));
    const after = ok(await approver.get(`/api/dossiers/${d.id}/assignees`));
    expect(after.items.find((a: any) => a.id === minh.id)).toMatchObject({ current: true, openDossiers: minh.openDossiers + 1 });
    expect(ok(await approver.get(`/api/dossiers/${d.id}`)).assigneeName).toBe('Trần Văn Minh');
    expect(ok(await citizen.get(`/api/dossiers/${d.id}`)).assigneeName).toBeUndefined();
  });
});

describe('due-soon warning', () => {
  it('never starts before the receipt: due − 1 working day, clamped to the receipt', async () => {
    p.clock.set(vn('2026-03-09T08:00')); // Monday
    const d = await birthRegistration();
    p.clock.set(vn('2026-03-09T09:10'));
    const r = ok(await act(desk, d.id, 'receive'));
    expect(r.dueAt).toBe(vn('2026-03-09T17:00').toISOString()); // same day
    // Due − 1 working day would be Friday 17:00, before anyone had the dossier: the warning starts at the receipt.
    expect(r.dueSoonAt).toBe(vn('2026-03-09T09:10').toISOString());
    expect(new Date(r.dueSoonAt).getTime()).toBeGreaterThanOrEqual(new Date(r.receivedAt).getTime());
    // A five-working-day dossier is warned a working day before its due time, as before.
    const five = await submittedDossier(p, citizen, hb);
    const r5 = ok(await act(desk, five.id, 'receive'));
    expect(r5.dueAt).toBe(vn('2026-03-16T09:10').toISOString());
    expect(r5.dueSoonAt).toBe(vn('2026-03-13T09:10').toISOString());
    expect(r5.deadline).toBe('ok');
    const inbox = ok(await desk.get('/api/officer/inbox?queue=due_soon'));
    expect(inbox.items.map((x: any) => x.id)).toContain(d.id);
    expect(inbox.items.map((x: any) => x.id)).not.toContain(five.id);
  });
});

describe('process control sheet (form 06)', () => {
  it('has one row per hand-off, each with its own giver, receiver (person and unit), minute and step deadline', async () => {
    p.clock.set(vn('2026-03-16T08:30')); // Monday
    const d = await submittedDossier(p, citizen, hb);
    const minh = ok(await approver.get(`/api/dossiers/${d.id}/assignees`)).items.find((a: any) => a.displayName === 'Trần Văn Minh');
    p.clock.set(vn('2026-03-16T09:01'));
    ok(await act(desk, d.id, 'receive'));
    p.clock.set(vn('2026-03-16T09:30'));
    ok(await act(approver, d.id, 'assign', { assigneeId: minh.id }));
    p.clock.set(vn('2026-03-16T09:45'));
    ok(await act(specialist, d.id, 'hand-back', { reason: 'Đang nghỉ phép' }));
    p.clock.set(vn('2026-03-16T10:05'));
    ok(await act(approver, d.id, 'assign', { assigneeId: minh.id }));
    p.clock.set(vn('2026-03-16T10:20'));
    ok(await act(specialist, d.id, 'claim'));
    p.clock.set(vn('2026-03-17T09:00'));
    ok(await act(specialist, d.id, 'request-consultation', { agencyId: tp, question: 'Xin xác minh', workingDays: 1 }));
    p.clock.set(vn('2026-03-17T16:10'));
    ok(await act(consulted, d.id, 'answer-consultation', { opinion: 'Thống nhất' }));
    p.clock.set(vn('2026-03-18T10:00'));
    ok(await act(specialist, d.id, 'propose', { recommendation: 'approve' }));
    p.clock.set(vn('2026-03-19T08:40'));
    ok(await act(approver, d.id, 'approve', {}));
    p.clock.set(vn('2026-03-19T09:15'));
    ok(await act(resultOfficer, d.id, 'issue-result', { electronic: true }));
    p.clock.set(vn('2026-03-19T09:20'));
    ok(await act(resultOfficer, d.id, 'return-result', { method: 'online' }));

    const rows = await sheetRows(desk, d.id);
    const detail = ok(await desk.get(`/api/dossiers/${d.id}`));
    const agencies = ok(await p.anonymous().get('/api/agencies')) as any[];
    const hbRow = agencies.find((a) => a.id === hb);
    const tpRow = agencies.find((a) => a.id === tp);
    expect(hbRow.name).toBeTruthy();
    const who = (r: string[]) => [r[1], r[2], r[3], r[6]];
    expect(rows.map((r) => r[6])).toEqual(['Tiếp nhận', 'Phân công', 'Trả lại để phân công lại', 'Phân công', 'Nhận xử lý', 'Xin ý kiến cơ quan khác', 'Trả lời xin ý kiến', 'Trình phê duyệt', 'Phê duyệt', 'Phát hành kết quả', 'Trả kết quả']);
    expect(who(rows[0])).toEqual(['Nguyễn Văn An / Tổ chức, cá nhân', `Nguyễn Thị Lan / ${hbRow.oneStopUnit}`, '16/03/2026 09:01', 'Tiếp nhận']);
    expect(rows[1].slice(1, 4)).toEqual([`Lê Hoàng Nam / ${hbRow.name}`, `Trần Văn Minh / ${hbRow.name}`, '16/03/2026 09:30']);
    expect(rows[2].slice(1, 4)).toEqual([`Trần Văn Minh / ${hbRow.name}`, `Lê Hoàng Nam / ${hbRow.name}`, '16/03/2026 09:45']);
    expect(rows[3].slice(1, 4)).toEqual([`Lê Hoàng Nam / ${hbRow.name}`, `Trần Văn Minh / ${hbRow.name}`, '16/03/2026 10:05']);
    expect(rows[4].slice(1, 4)).toEqual([`Lê Hoàng Nam / ${hbRow.name}`, `Trần Văn Minh / ${hbRow.name}`, '16/03/2026 10:20']);
    // The consulted agency's officer is listed under that agency, on both sides of the consultation.
    expect(rows[5].slice(1, 4)).toEqual([`Trần Văn Minh / ${hbRow.name}`, `Bùi Quang Huy / ${tpRow.name}`, '17/03/2026 09:00']);
    // The answer is judged against the consultation's own deadline (one working day): early.
    expect(rows[6].slice(1, 6)).toEqual([`Bùi Quang Huy / ${tpRow.name}`, `Trần Văn Minh / ${hbRow.name}`, '17/03/2026 16:10', '18/03/2026 09:00', 'Trước hạn']);
    // The proposal goes to the approver who decided, the approval to the result officer, the result to the citizen.
    expect(rows[7].slice(1, 4)).toEqual([`Trần Văn Minh / ${hbRow.name}`, `Lê Hoàng Nam / ${hbRow.name}`, '18/03/2026 10:00']);
    expect(rows[8][1]).toBe(`Lê Hoàng Nam / ${hbRow.name}`);
    expect(rows[8][2]).toBe(`Vũ Thị Hương / ${hbRow.oneStopUnit}`);
    expect(rows[10][2]).toBe('Nguyễn Văn An / Tổ chức, cá nhân');
    // Nobody hands the dossier to himself, and each row has its own time and, from the sheet's steps, its deadline.
    for (const r of rows) expect(r[1]).not.toBe(r[2]);
    expect(new Set(rows.map((r) => r[3])).size).toBe(rows.length);
    const timeline = detail.timeline.filter((t: any) => t.stepDueAt && t.type !== 'submit');
    expect(rows.filter((r) => r[4]).length).toBe(timeline.length);
    for (const r of rows.filter((x) => x[4])) expect(['Trước hạn', 'Đúng hạn', 'Quá hạn']).toContain(r[5]);
  });
});

describe('consultation step deadline and the cutoff', () => {
  it('counts a forwarding after the procedure’s 15:00 cutoff from the next working day', async () => {
    p.clock.set(vn('2026-03-23T08:05')); // Monday
    const late = await birthRegistration();
    const early = await birthRegistration();
    for (const d of [late, early]) {
      ok(await act(desk, d.id, 'receive'));
      ok(await act(specialist, d.id, 'claim'));
    }
    p.clock.set(vn('2026-03-23T14:30'));
    const before = ok(await act(specialist, early.id, 'request-consultation', { agencyId: tp, question: 'Xin ý kiến', workingDays: 1 }));
    expect(before.consultations.at(-1).stepDueAt).toBe(vn('2026-03-24T14:30').toISOString());
    p.clock.set(vn('2026-03-23T15:20'));
    const after = ok(await act(specialist, late.id, 'request-consultation', { agencyId: tp, question: 'Xin ý kiến', workingDays: 1 }));
    // Forwarded after 15:00: counted from Tuesday 08:00, so one working day ends Tuesday at 17:00.
    expect(after.consultations.at(-1).stepDueAt).toBe(vn('2026-03-24T17:00').toISOString());
  });

  it('applies the cutoff to the workflow’s share too (no working days given)', async () => {
    p.clock.set(vn('2026-03-25T08:05')); // Wednesday
    const d = await birthRegistration();
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    p.clock.set(vn('2026-03-25T16:00'));
    const c = ok(await act(specialist, d.id, 'request-consultation', { agencyId: tp, question: 'Xin ý kiến' }));
    const due = new Date(c.consultations.at(-1).stepDueAt).getTime();
    expect(due).toBeGreaterThan(vn('2026-03-26T08:00').getTime());
    expect(due).toBeLessThanOrEqual(vn('2026-03-26T17:00').getTime());
  });
});

describe('receiving the result as the citizen chose', () => {
  it('writes the chosen way on form 01 (Nơi nhận kết quả)', async () => {
    p.clock.set(vn('2026-03-30T08:05'));
    const d = await birthRegistration({ deliveryMethod: 'postal', deliveryAddress: 'Số 5 Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng' });
    ok(await act(desk, d.id, 'receive'));
    const html = (await desk.get(`/api/dossiers/${d.id}/documents/01?format=html`)).body;
    expect(html).toContain('Qua dịch vụ bưu chính công ích, đến địa chỉ: Số 5 Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng');
    expect(ok(await desk.get(`/api/dossiers/${d.id}`)).data.deliveryMethod).toBe('postal');
  });
});
