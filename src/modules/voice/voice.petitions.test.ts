import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, TU_PHAP, vn } from '../../../test/support/dossier';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { auditLog } from '../../platform/audit/audit.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let tp: string;
let province: string;
let citizen: TestClient;
let specialist: TestClient;
let approver: TestClient;
let tuphap: TestClient;

const petition = (over: Record<string, unknown> = {}) => ({
  kind: 'conduct',
  title: 'Cán bộ yêu cầu thêm giấy tờ',
  content: 'Khi nộp hồ sơ, tôi bị yêu cầu nộp thêm bản sao sổ hộ khẩu, giấy tờ không có trong quy định của thủ tục.',
  consentPublish: true,
  ...over,
});
const act = (c: TestClient, id: string, action: string, extra: Record<string, unknown> = {}) => c.post(`/api/petitions/${id}/actions`, { action, ...extra }, { 'idempotency-key': randomUUID() });

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  tp = await agencyId(p, TU_PHAP);
  province = (await p.services.directory.get(hb))!.parentId!;
  citizen = await citizenClient(p, CITIZEN);
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  tuphap = await p.loginAs('chuyenvien.tuphap');
});
afterAll(() => p?.close());

describe('filing and routing', () => {
  it('routes a signed-in citizen’s petition about a dossier to that dossier’s agency, with deadlines from a Friday after the cutoff', async () => {
    p.clock.set(vn('2026-03-06T08:30'));
    const d = await submittedDossier(p, citizen, hb);
    p.clock.set(vn('2026-03-06T15:40')); // Friday, after the 15:00 cutoff
    const res = await citizen.post('/api/petitions', petition({ dossierCode: d.code }), { 'idempotency-key': 'pa-1' });
    const v = ok(res, 201);
    expect(v.code).toMatch(/^PA-260306-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(v).toMatchObject({ status: 'received', agencyId: hb, dossierCode: d.code, procedureKey: 'birth-re-registration', urgency: 'on_track', published: false, actions: [] });
    expect(v.refuseBy).toBe(vn('2026-03-10T17:00').toISOString());
    expect(v.requestInfoBy).toBe(vn('2026-03-13T17:00').toISOString());
    expect(v.answerBy).toBe(vn('2026-03-27T17:00').toISOString());
    // A replay answers the same petition, not a second one.
    const again = await citizen.post('/api/petitions', petition({ dossierCode: d.code }), { 'idempotency-key': 'pa-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(v.id);
    // Audited and evented, with no personal data in the event.
    const events = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'petition.filed'), eq(outboxEvents.aggregateId, v.id)));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0].payload)).not.toContain('Nguyễn');
    expect(await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'petition.filed'), eq(auditLog.targetId, v.id)))).toHaveLength(1);
  });

  it('takes an anonymous petition only with a contact, and never shows the contact in the lookup by code', async () => {
    p.clock.set(vn('2026-02-13T09:30')); // the Friday before Tết
    const anon = p.anonymous();
    expect(ok(await anon.post('/api/petitions', petition({ agencyId: hb })), 400).code).toBe('voice.contact_required');
    expect(ok(await anon.post('/api/petitions', petition({ contact: { name: 'Trần Thị Hoa', email: 'hoa@example.vn' } })), 400).code).toBe('voice.agency_required');
    expect(ok(await anon.post('/api/petitions', petition({ agencyId: hb, dossierCode: '000.00.21.H38-260101-9999', contact: { name: 'Trần Thị Hoa', email: 'hoa@example.vn' } })), 400).code).toBe('voice.dossier_unknown');
    const v = ok(await anon.post('/api/petitions', petition({ kind: 'regulation', agencyId: hb, contact: { name: 'Trần Thị Hoa', email: 'hoa@example.vn', phone: '0912345678' } })), 201);
    expect(v.answerBy).toBe(vn('2026-03-13T09:30').toISOString()); // 15 working days, Tết 16–20 Feb skipped
    expect(v.refuseBy).toBe(vn('2026-02-24T09:30').toISOString());
    const looked = await anon.get(`/api/public/petitions/${v.code.toLowerCase()}`);
    expect(looked.statusCode).toBe(200);
    expect(looked.body).not.toMatch(/Hoa|hoa@example|0912345678/);
    expect(ok(await anon.get('/api/public/petitions/PA-260213-ZZZZZZZZ'), 404).code).toBe('voice.petition_not_found');
  });
});

describe('handling: re-routing, answer approved by a leader, publication with consent only', () => {
  it('re-routes to the competent agency with a reason (deadlines restart there), then answers and publishes anonymised', async () => {
    p.clock.set(vn('2026-03-09T09:00'));
    const v = ok(await citizen.post('/api/petitions', petition({ kind: 'regulation', agencyId: hb, title: 'Quy định về lệ phí trích lục', content: 'Đề nghị làm rõ lệ phí cấp bản sao trích lục hộ tịch, tôi là 031085001234, điện thoại 0987654321.' })), 201);
    expect(ok(await tuphap.get(`/api/petitions/${v.id}`), 403).code).toBe('voice.not_handler');
    expect(ok(await act(specialist, v.id, 'reroute', { agencyId: tp }), 400).code).toBe('voice.text_required');
    expect(ok(await act(specialist, v.id, 'reroute', { agencyId: hb, text: 'x' }), 400).code).toBe('voice.same_agency');
    p.clock.set(vn('2026-03-10T10:00'));
    const moved = ok(await act(specialist, v.id, 'reroute', { agencyId: tp, text: 'Thuộc thẩm quyền của Sở Tư pháp' }));
    expect(moved).toMatchObject({ status: 'received', agencyId: tp, agency: 'Sở Tư pháp' });
    expect(moved.answerBy).toBe(vn('2026-03-31T10:00').toISOString()); // 15 working days from the new receipt
    expect(ok(await specialist.get(`/api/petitions/${v.id}`), 403).code).toBe('voice.not_handler');

    ok(await act(tuphap, v.id, 'accept'));
    const proposed = ok(await act(tuphap, v.id, 'propose_answer', { text: 'Lệ phí cấp bản sao trích lục là 8.000 đồng mỗi bản (Thông tư 281/2016/TT-BTC). Liên hệ 0987654321.' }));
    expect(proposed.status).toBe('answer_proposed');
    // A specialist cannot approve; the lookup shows no draft answer to the public.
    expect(ok(await act(tuphap, v.id, 'approve_answer'), 409).code).toBe('voice.action_not_allowed');
    expect(ok(await p.anonymous().get(`/api/public/petitions/${v.code}`)).answer).toBeNull();
    p.clock.set(vn('2026-03-12T10:00'));
    const leader = await p.loginAs('lanhdao.tuphap');
    const answered = ok(await act(leader, v.id, 'approve_answer'));
    expect(answered).toMatchObject({ status: 'answered', onTime: true, published: true });
    expect(ok(await act(leader, v.id, 'approve_answer'), 409).code).toBe('voice.action_not_allowed');

    const pub = ok(await p.anonymous().get('/api/public/petition-answers')).items.find((x: any) => x.id === v.id);
    expect(pub.answer).toContain('8.000 đồng');
    expect(JSON.stringify(pub)).not.toMatch(/031085001234|0987654321|Nguyễn Văn An/);
    expect(JSON.stringify(pub)).not.toContain(v.code); // the code opens the petition as filed
    expect(pub.content).toContain('[số định danh]');
    // The signed-in petitioner is told, through the notify module's event.
    const told = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'petition.answered'), eq(outboxEvents.aggregateId, v.id)));
    expect(told.map((e) => e.payload)).toEqual([expect.objectContaining({ petitionId: v.id, code: v.code, agencyId: tp, link: expect.stringContaining(`/phan-anh/tra-cuu?ma=${v.code}`) })]);
    await p.services.notify.drain();
    const inbox = ok(await citizen.get('/api/me/notifications'));
    expect(inbox.items.map((x: any) => x.kind)).toContain('petition_answered');

    // Moderation: the specialist cannot take the published answer down; the leader can, with a reason.
    expect(answered.actions).toEqual(['unpublish']);
    expect(ok(await act(tuphap, v.id, 'unpublish', { text: 'x' }), 409).code).toBe('voice.action_not_allowed');
    expect(ok(await act(leader, v.id, 'unpublish'), 400).code).toBe('voice.text_required');
    const down = ok(await act(leader, v.id, 'unpublish', { text: 'Trả lời còn nêu số điện thoại của cán bộ' }));
    expect(down).toMatchObject({ status: 'answered', published: false, actions: [] });
    expect(ok(await p.anonymous().get('/api/public/petition-answers')).items.map((x: any) => x.id)).not.toContain(v.id);
    expect(ok(await citizen.get(`/api/public/petitions/${v.code}`)).answer).toContain('8.000 đồng');
  });

  it('does not publish an answer when the petitioner did not agree', async () => {
    p.clock.set(vn('2026-03-16T09:00'));
    const v = ok(await citizen.post('/api/petitions', petition({ agencyId: hb, consentPublish: false })), 201);
    ok(await act(specialist, v.id, 'accept'));
    ok(await act(specialist, v.id, 'propose_answer', { text: 'Cơ quan đã nhắc nhở cán bộ và xin lỗi Ông/Bà.' }));
    const back = ok(await act(approver, v.id, 'send_back', { text: 'Bổ sung kết quả kiểm tra' }));
    expect(back.status).toBe('processing');
    ok(await act(specialist, v.id, 'propose_answer', { text: 'Đã kiểm tra, cơ quan đã nhắc nhở cán bộ và xin lỗi Ông/Bà.' }));
    const answered = ok(await act(approver, v.id, 'approve_answer'));
    expect(answered).toMatchObject({ status: 'answered', published: false, consentPublish: false });
    expect(ok(await p.anonymous().get('/api/public/petition-answers')).items.map((x: any) => x.id)).not.toContain(v.id);
    // The petitioner herself reads it by code.
    expect(ok(await citizen.get(`/api/public/petitions/${v.code}`)).answer).toContain('xin lỗi');
  });

  it('refuses within 2 working days and records whether it was on time; asks for information and takes the petitioner’s reply', async () => {
    p.clock.set(vn('2026-03-16T09:00'));
    const a = ok(await citizen.post('/api/petitions', petition({ agencyId: hb })), 201);
    p.clock.set(vn('2026-03-19T09:00')); // 3 working days later: late
    const refused = ok(await act(specialist, a.id, 'refuse', { text: 'Nội dung đã được trả lời trước đây' }));
    expect(refused).toMatchObject({ status: 'refused', onTime: false });
    const b = ok(await citizen.post('/api/petitions', petition({ agencyId: hb })), 201);
    ok(await act(specialist, b.id, 'request_info', { text: 'Đề nghị cho biết ngày nộp hồ sơ' }));
    expect(ok(await act(specialist, b.id, 'supply_info', { text: 'x' }), 409).code).toBe('voice.action_not_allowed');
    const supplied = ok(await act(citizen, b.id, 'supply_info', { text: 'Ngày 02/3/2026' }));
    expect(supplied.status).toBe('processing');
    const other = await citizenClient(p, '031201001357');
    expect(ok(await act(other, b.id, 'supply_info', { text: 'x' }), 404).code).toBe('voice.petition_not_found');
  });
});

describe('officer inbox and escalation', () => {
  it('shows due-soon and overdue petitions, and escalates a late one to the parent agency once', async () => {
    p.clock.set(vn('2026-04-01T09:00'));
    const v = ok(await citizen.post('/api/petitions', petition({ agencyId: hb })), 201);
    ok(await act(specialist, v.id, 'accept'));
    const answerBy = new Date(v.answerBy);
    p.clock.set(new Date(answerBy.getTime() - 3600_000));
    const soon = ok(await specialist.get(`/api/petitions?agencyId=${hb}&filter=due_soon`));
    expect(soon.items.map((x: any) => x.id)).toContain(v.id);
    expect(soon.counts.dueSoon).toBeGreaterThanOrEqual(1);
    expect(ok(await tuphap.get(`/api/petitions?agencyId=${hb}`), 403).code).toBe('voice.not_handler');

    p.clock.set(new Date(answerBy.getTime() + 60_000));
    const admin = await p.loginAs('admin');
    const run = ok(await admin.post('/api/admin/petitions/escalate'));
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    expect(ok(await admin.post('/api/admin/petitions/escalate')).escalated).toBe(0); // once per routing
    const overdue = ok(await specialist.get(`/api/petitions?agencyId=${hb}&filter=overdue`));
    const mine = overdue.items.find((x: any) => x.id === v.id);
    expect(mine).toMatchObject({ urgency: 'overdue', escalatedTo: 'Ủy ban nhân dân thành phố Hải Phòng' });
    expect(mine.history.map((h: any) => h.action)).toEqual(['file', 'accept', 'escalate']);
    // The parent agency's officers find it in their own inbox.
    const upper = await p.loginAs('qtv.haiphong');
    expect(ok(await upper.get(`/api/petitions?agencyId=${province}&filter=overdue`)).items.map((x: any) => x.id)).toContain(v.id);
    const ev = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'petition.escalated'), eq(outboxEvents.aggregateId, v.id)));
    expect(ev.map((e) => e.payload)).toEqual([expect.objectContaining({ agencyId: hb, escalatedToAgencyId: province })]);
  });
});

describe('attachments', () => {
  const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
  const pdf = Buffer.from('%PDF-1.7\n% ảnh chụp biên nhận\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'utf8');
  const file = (bytes: Buffer, fileName = 'bien-nhan.pdf') => ({ fileName, contentBase64: bytes.toString('base64') });

  it('keeps a recognised, scanned file for the petitioner and the handling officers only; refuses other types, malware and oversize files', async () => {
    p.clock.set(vn('2026-04-07T09:00'));
    const v = ok(await citizen.post('/api/petitions', petition({ agencyId: hb, attachments: [file(pdf, 'biên nhận/../x.pdf')] }), { 'idempotency-key': randomUUID() }), 201);
    expect(v.attachments).toEqual([{ index: 0, fileName: 'biên nhận_.._x.pdf', type: 'application/pdf', bytes: pdf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    // The handling officer downloads the same bytes, as an attachment that is never sniffed or rendered inline.
    const dl = await specialist.get(`/api/petitions/${v.id}/attachments/0`);
    expect(dl.statusCode, dl.body).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await citizen.get(`/api/petitions/${v.id}/attachments/0`)).statusCode).toBe(200);
    // Another agency's officer, anyone with the code, and a missing index see nothing.
    expect(ok(await tuphap.get(`/api/petitions/${v.id}/attachments/0`), 403).code).toBe('voice.not_handler');
    expect(ok(await p.anonymous().get(`/api/public/petitions/${v.code}`), 200).attachments).toEqual([]);
    expect(ok(await specialist.get(`/api/petitions/${v.id}/attachments/1`), 404).code).toBe('voice.attachment_not_found');
    // Refusals: the type comes from the first bytes (an .exe named .pdf), malware, too large, too many; nothing is filed.
    const before = ok(await specialist.get(`/api/petitions?agencyId=${hb}&filter=all`), 200).items.length;
    const refused = async (files: unknown[], status: number): Promise<string> => ok(await citizen.post('/api/petitions', petition({ agencyId: hb, attachments: files }), { 'idempotency-key': randomUUID() }), status).code;
    expect(await refused([file(Buffer.from('MZ\x90\x00 not a pdf'), 'bao-cao.pdf')], 415)).toBe('voice.attachment_type');
    expect(await refused([file(Buffer.concat([pdf, Buffer.from(EICAR)]))], 422)).toBe('voice.attachment_infected');
    expect(await refused([file(Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024 + 1 - pdf.length)]))], 413)).toBe('voice.attachment_too_large');
    expect(await refused([file(Buffer.alloc(6 * 1024 * 1024))], 400)).toBe('validation_failed');
    expect(await refused([file(pdf), file(pdf), file(pdf), file(pdf)], 400)).toBe('validation_failed');
    expect(ok(await specialist.get(`/api/petitions?agencyId=${hb}&filter=all`), 200).items.length).toBe(before);
  });
});
