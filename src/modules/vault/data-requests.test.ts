import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, TestClock, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';

/** Data-subject requests (Law 91/2025): 2 working days, answered or refused; a copy carries the export. */
const vn = (local: string) => new Date(`${local}+07:00`);
let p: TestPlatform;
let binh: TestClient;
let dung: TestClient;
let admin: TestClient;

beforeAll(async () => {
  p = await startTestPlatform({ clock: new TestClock(vn('2026-03-06T10:00')) }); // a Friday
  binh = await citizenClient(p, '031190004567');
  dung = await citizenClient(p, '031195007891');
  admin = await p.loginAs('admin');
});
afterAll(() => p?.close());

describe('data-subject requests', () => {
  it('gets a deadline of 2 working days, is answered with an export, and stays the requester’s own', async () => {
    const res = await binh.post('/api/me/data-requests', { type: 'copy', detail: 'Tôi đề nghị cung cấp bản sao dữ liệu cá nhân.' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    const expected = (await p.services.calendar.calendar()).addWorkingDays(vn('2026-03-06T10:00'), 2).due;
    expect(r).toMatchObject({ type: 'copy', status: 'received', receivedAt: vn('2026-03-06T10:00').toISOString(), dueAt: expected.toISOString(), overdue: false });
    expect(r.dueAt).toBe(vn('2026-03-10T10:00').toISOString()); // Friday + 2 working days = Tuesday
    const correction = (await binh.post('/api/me/data-requests', { type: 'correction', detail: 'Sai địa chỉ thường trú.' })).json();

    // Another citizen sees nothing of it.
    expect((await dung.get('/api/me/data-requests')).json().items).toEqual([]);
    expectProblem(await dung.get(`/api/me/data-requests/${r.id}`), 404, 'data_request.not_found');
    // Citizens cannot answer.
    expectProblem(await binh.post(`/api/officer/data-requests/${r.id}/answer`, { answer: 'x' }), 403);

    const list = (await admin.get('/api/officer/data-requests?status=received')).json();
    expect(list.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([r.id, correction.id]));
    const answered = await admin.post(`/api/officer/data-requests/${r.id}/answer`, { answer: 'Gửi kèm bản sao dữ liệu.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', hasExport: true });
    expect(answered.json().export).toBeUndefined();
    expectProblem(await admin.post(`/api/officer/data-requests/${r.id}/refuse`, { reason: 'x' }), 409, 'data_request.already_answered');
    const refused = (await admin.post(`/api/officer/data-requests/${correction.id}/refuse`, { reason: 'Dữ liệu do cơ quan công an quản lý; đề nghị liên hệ công an xã.' })).json();
    expect(refused).toMatchObject({ status: 'refused', refusalReason: expect.stringContaining('công an') });

    const mine = (await binh.get(`/api/me/data-requests/${r.id}`)).json();
    expect(mine.export).toMatchObject({ personalId: '031190004567', registry: { fullName: 'Trần Thị Bình' } });
    expect(Array.isArray(mine.export.dossiers) && Array.isArray(mine.export.storeItems) && Array.isArray(mine.export.accessLog) && Array.isArray(mine.export.consents)).toBe(true);
    // The export's registry read is itself in the tracker.
    const tracker = (await binh.get('/api/me/data-access?purpose=data_subject_request')).json();
    expect(tracker.items).toHaveLength(1);
    expect((await binh.get('/api/me/data-requests')).json().items.map((i: any) => i.status).sort()).toEqual(['answered', 'refused']);
  });

  it('keeps every citizen to their own store, tracker and consents', async () => {
    await binh.post('/api/me/consents/prefill', { noticeVersion: 1, given: true });
    expect((await dung.get('/api/me/consents')).json().history).toEqual([]);
    expect((await dung.get('/api/me/data-access')).json().items.every((i: any) => i.subject.id === '031195007891')).toBe(true);
    expect((await dung.get('/api/me/store')).json().items).toEqual([]);
    expectProblem(await p.anonymous().get('/api/me/store'), 401);
    expectProblem(await p.anonymous().get('/api/me/data-requests'), 401);
  });
});
