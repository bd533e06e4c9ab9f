/**
 * A dossier's life, as its applicant and officers are told about it: e-mail read back from a real SMTP server
 * (STARTTLS, login), SMS and Zalo from the simulated carriers, the in-app inbox; preferences, consents, an
 * unsubscribe and legal notices; agency templates and sender identity; the per-dossier log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, submittedDossier, TU_PHAP, vn } from '../../../test/support/dossier';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { formatVnDateTime } from '../../shared/notify';
import type { SimMessage } from './simulator/carrier';
import { giveConsents, messagesOf, settled, startNotifyPlatform, type NotifyTestPlatform } from './testing/support';

let p: NotifyTestPlatform;
let hb: string;
let tp: string;
let an: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;
let admin: TestClient;

const AN_EMAIL = 'an.nguyen@example.vn';
const AN_PHONE = '84912345678';
/** One action, a minute after the previous one. */
const post = async (c: TestClient, id: string, path: string, body?: unknown) => {
  p.clock.advance(60_000);
  return ok(await c.post(`/api/dossiers/${id}/${path}`, body));
};
const forCode = (code: string, channel: string) => p.carrier.messages.filter((m) => m.channel === channel && (m.subject ?? m.text ?? JSON.stringify(m.data)).includes(code));
const ASCII = /^[\x20-\x7e]*$/;

beforeAll(async () => {
  p = await startNotifyPlatform();
  p.clock.set(vn('2026-03-02T08:30')); // Monday
  hb = await agencyId(p, HONG_BANG);
  tp = await agencyId(p, TU_PHAP);
  an = await citizenClient(p, CITIZEN);
  [desk, specialist, approver, resultOfficer, admin] = await Promise.all(['tiepnhan.hongbang', 'chuyenvien.hongbang', 'lanhdao.hongbang', 'trakq.hongbang', 'qtv.haiphong'].map((u) => p.loginAs(u)));
});
afterAll(() => p?.close());

describe('templates and sender identity (administration)', () => {
  it('previews, refuses personal data in SMS, publishes versioned agency templates and sets the sender', async () => {
    const preview = ok(await admin.post('/api/admin/notify/templates/preview', { kind: 'supplement_requested', channel: 'sms', language: 'vi', agencyId: hb, body: 'Chào ((name)): hồ sơ ((code)) thiếu giấy tờ. ((link))' }));
    expect(preview.problems.map((x: any) => x.code)).toEqual(['personal_data']);
    expect(preview.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(preview.sms.text).toMatch(/^Chao Nguyen Van An: ho so 000\.00\.21\.H38-260512-0001 thieu giay to\./);
    expectProblem(await admin.post('/api/admin/notify/templates', { kind: 'supplement_requested', channel: 'sms', language: 'vi', agencyId: hb, body: 'Chào ((name))' }), 422, 'notify.template_invalid');
    // National versions are the platform administrator's.
    expectProblem(await admin.post('/api/admin/notify/templates', { kind: 'dossier_received', channel: 'email', language: 'vi', agencyId: null, subject: 'x ((code))', body: 'y' }), 403, 'notify.out_of_scope');
    const v1 = ok(await admin.post('/api/admin/notify/templates', { kind: 'dossier_received', channel: 'email', language: 'vi', agencyId: hb, subject: 'Hồ sơ ((code)) đã được tiếp nhận', body: 'Kính gửi ((name)),\n\n((agency)) đã tiếp nhận hồ sơ ((procedure)).\n\nNgày hẹn trả kết quả: ((appointment))\n\n((link))' }), 201);
    expect(v1.effective).toMatchObject({ version: 1, scope: hb });
    const v2 = ok(await admin.post('/api/admin/notify/templates', { kind: 'dossier_received', channel: 'email', language: 'vi', agencyId: hb, subject: '[Phường Hồng Bàng] Hồ sơ ((code)) đã được tiếp nhận', body: 'Kính gửi ((name)),\n\n((agency)) đã tiếp nhận hồ sơ ((procedure)) của Ông/Bà.\n\nNgày hẹn trả kết quả: ((appointment))\nNơi nhận kết quả: ((collect_at))\n\nTheo dõi hồ sơ: ((link))' }), 201);
    expect(v2.effective.version).toBe(2);
    expect(v2.versions.map((v: any) => v.version)).toEqual([2, 1]);
    const list = ok(await admin.get(`/api/admin/notify/templates?agencyId=${hb}`));
    expect(list.items.find((t: any) => t.kind === 'dossier_received' && t.channel === 'inapp' && t.language === 'vi')).toMatchObject({ scope: hb, version: 2 });
    expect(list.items.find((t: any) => t.kind === 'dossier_received' && t.channel === 'email' && t.language === 'en')).toMatchObject({ scope: 'default', version: 1 });
    const sender = ok(await admin.put(`/api/admin/notify/senders/${hb}`, { emailFromName: 'Bộ phận Một cửa phường Hồng Bàng', emailFromAddress: 'motcua@hongbang.haiphong.gov.vn', replyTo: null, smsBrandname: 'UBND HBANG', zaloOaId: null }));
    expect(sender.effective).toMatchObject({ emailFrom: '"Bộ phận Một cửa phường Hồng Bàng" <motcua@hongbang.haiphong.gov.vn>', smsBrandname: 'UBND HBANG' });
  });
});

describe('a dossier from filing to result', () => {
  it('sends the expected messages by e-mail, SMS, Zalo and in-app, in Vietnamese; respects a withdrawn consent; logs the deliveries', async () => {
    await giveConsents(an, 'sms_notifications', 'zalo_notifications');
    const prefs = ok(await an.put('/api/me/notification-preferences', { language: 'vi', email: AN_EMAIL, phone: '0912 345 678', channels: { email: true, sms: true, zalo: true } }));
    expect(prefs).toMatchObject({ phone: AN_PHONE, channels: { email: true, sms: true, zalo: true, inapp: true }, consents: { sms: true, zalo: true } });
    ok(await specialist.put('/api/me/notification-preferences', { language: 'vi', email: 'quan.tran@hongbang.haiphong.gov.vn', phone: null, channels: { email: true, sms: false, zalo: false } }));
    const specialistId = ok(await specialist.get('/api/auth/session')).accountId;

    const d = await submittedDossier(p, an, hb);
    const received = await post(desk, d.id, 'receive');
    await settled(p, d.id);
    const code = d.code as string;

    // Received: the agency's own template (version 2) and sender identity.
    const [mail] = forCode(code, 'email');
    expect(mail.subject).toBe(`[Phường Hồng Bàng] Hồ sơ ${code} đã được tiếp nhận`);
    expect(mail.from).toBe('"Bộ phận Một cửa phường Hồng Bàng" <motcua@hongbang.haiphong.gov.vn>');
    expect(mail.to).toBe(AN_EMAIL);
    expect(mail.text).toContain('Kính gửi Nguyễn Văn An,');
    expect(mail.text).toContain(`Ngày hẹn trả kết quả: ${formatVnDateTime(received.dueAt)}`);
    expect(mail.text).toContain('Nơi nhận kết quả: Trung tâm Phục vụ hành chính công phường Hồng Bàng');
    expect(mail.html).toContain('<a href="https://dichvucong.haiphong.example.vn/ho-so/');
    expect(mail.headers?.['list-unsubscribe']).toMatch(/^<https:\/\/dichvucong\.haiphong\.example\.vn\/api\/notify\/unsubscribe\?t=/);
    const [row] = (await messagesOf(p, d.id)).filter((m) => m.channel === 'email' && m.kind === 'dossier_received');
    expect(mail.reference).toBe(`<${row.id}@hongbang.haiphong.gov.vn>`);
    expect(row).toMatchObject({ templateScope: hb, templateVersion: 2, status: 'delivered' });
    const [sms] = forCode(code, 'sms');
    expect(sms).toMatchObject({ to: AN_PHONE, brandname: 'UBND HBANG' });
    expect(sms.text).toBe(`Ho so ${code} da duoc tiep nhan. Ngay hen tra ket qua: ${formatVnDateTime(received.dueAt)}. Tra cuu: https://dichvucong.haiphong.example.vn/tra-cuu/${code}`);
    const [zns] = forCode(code, 'zalo');
    expect(zns).toMatchObject({ to: AN_PHONE, templateId: '471001', data: { code, appointment: formatVnDateTime(received.dueAt), lookup_link: `https://dichvucong.haiphong.example.vn/tra-cuu/${code}` } });
    let inbox = ok(await an.get('/api/me/notifications'));
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ title: `[Phường Hồng Bàng] Hồ sơ ${code} đã được tiếp nhận`, dossierCode: code, mandatory: false, readAt: null });

    // Assigned: the specialist, in-app and by the e-mail address they chose.
    await post(approver, d.id, 'assign', { assigneeId: specialistId });
    await post(specialist, d.id, 'claim');
    // Supplement requested: a legal notice — what is missing, no unsubscribe link.
    await post(specialist, d.id, 'request-supplement', { reason: 'Giấy chứng sinh bị mờ, không đọc được.', missingItems: ['Bản chụp Giấy chứng sinh rõ nét', 'Tờ khai có chữ ký của người yêu cầu'] });
    await post(an, d.id, 'resubmit-supplement', { note: 'Đã bổ sung.' });
    // Consulted: the specialists of the Department of Justice are told.
    await post(specialist, d.id, 'request-consultation', { agencyId: tp, question: 'Đề nghị xác minh việc đăng ký khai sinh trước đây.', workingDays: 2 });
    const tpSpecialist = await p.loginAs('chuyenvien.tuphap');
    await post(tpSpecialist, d.id, 'answer-consultation', { opinion: 'Chưa đăng ký khai sinh trước đây.' });
    // Extended with an apology (form 04).
    await post(specialist, d.id, 'extend', { reason: 'Cần thêm thời gian xác minh.', newDueDate: '2026-03-13' });
    await post(specialist, d.id, 'propose', { recommendation: 'approve' });
    await post(approver, d.id, 'approve', {});
    await post(resultOfficer, d.id, 'issue-result', { electronic: true });
    await settled(p, d.id);
    // The citizen withdraws her SMS consent: the last notice comes by Zalo, e-mail and in-app only.
    ok(await an.post('/api/me/consents/sms_notifications', { noticeVersion: 1, given: false }));
    await post(resultOfficer, d.id, 'return-result', { method: 'online' });
    await settled(p, d.id);

    // Messages planned together are sent concurrently: no order is promised between them.
    const subjects = forCode(code, 'email').filter((m) => m.to === AN_EMAIL).map((m) => m.subject);
    expect(subjects.sort()).toEqual([
      `[Phường Hồng Bàng] Hồ sơ ${code} đã được tiếp nhận`,
      `Hồ sơ ${code} cần bổ sung giấy tờ`,
      `Hồ sơ ${code}: thư xin lỗi và hẹn lại ngày trả kết quả`,
      `Hồ sơ ${code} đã có kết quả`,
      `Hồ sơ ${code} đã trả kết quả`,
    ].sort());
    const supplement = forCode(code, 'email').find((m) => m.subject?.includes('cần bổ sung')) as SimMessage;
    expect(supplement.text).toContain('Lý do: Giấy chứng sinh bị mờ, không đọc được.');
    expect(supplement.text).toContain('• Bản chụp Giấy chứng sinh rõ nét\n• Tờ khai có chữ ký của người yêu cầu');
    expect(supplement.text).toContain('Đây là thông báo bắt buộc');
    expect(supplement.headers?.['list-unsubscribe']).toBeUndefined();
    const apology = forCode(code, 'email').find((m) => m.subject?.includes('xin lỗi')) as SimMessage;
    expect(apology.text).toContain('thành thật xin lỗi');
    // The former date is the appointment moved by the minutes the applicant took to supplement (clock stopped).
    expect(apology.text).toMatch(new RegExp(`Ngày hẹn trả cũ: ${formatVnDateTime(received.dueAt).slice(0, 14)}\\d`));
    expect(apology.text).toContain('Ngày hẹn trả mới: 13/03/2026 17:00');
    expect(forCode(code, 'email').find((m) => m.subject?.includes('đã có kết quả'))!.text).toContain('Kết quả điện tử đã được lưu vào Kho dữ liệu');
    expect(forCode(code, 'email').find((m) => m.subject?.includes('đã trả kết quả'))!.text).toContain('(hình thức: trực tuyến)');

    const officerMail = forCode(code, 'email').filter((m) => m.to === 'quan.tran@hongbang.haiphong.gov.vn');
    expect(officerMail.map((m) => m.subject)).toEqual([`Hồ sơ ${code} được phân công cho bạn`]);
    const smsTexts = forCode(code, 'sms').map((m) => m.text!);
    expect(smsTexts).toHaveLength(4);
    for (const t of smsTexts) expect(t).toMatch(ASCII);
    expect(smsTexts).toContain(`Ho so ${code} can bo sung giay to. Xem chi tiet va nop bo sung: https://dichvucong.haiphong.example.vn/ho-so/${d.id}`);
    expect(forCode(code, 'zalo').map((m) => m.templateId).sort()).toEqual(['471001', '471003', '471006', '471007', '471012']);

    // The consulted agency's specialist, in-app.
    const tpInbox = ok(await tpSpecialist.get('/api/me/notifications'));
    expect(tpInbox.items.map((x: any) => x.title)).toContain(`Xin ý kiến về hồ sơ ${code}`);
    expect(tpInbox.items.find((x: any) => x.kind === 'officer_consultation').body).toContain('Nội dung: Đề nghị xác minh việc đăng ký khai sinh trước đây.');

    // The citizen's inbox: every notice, legal ones marked; read one, then all.
    inbox = ok(await an.get('/api/me/notifications?limit=3'));
    expect(inbox.unread).toBe(5);
    expect(inbox.items.map((x: any) => x.kind)).toEqual(['result_returned', 'result_ready', 'dossier_extended']);
    const page2 = ok(await an.get(`/api/me/notifications?limit=3&cursor=${inbox.nextCursor}`));
    expect(page2.items.map((x: any) => [x.kind, x.mandatory])).toEqual([['supplement_requested', true], ['dossier_received', false]]);
    expect(ok(await an.post(`/api/me/notifications/${page2.items[0].id}/read`, undefined, { 'idempotency-key': 'read-1' })).unread).toBe(4);
    expect(ok(await an.post(`/api/me/notifications/${page2.items[0].id}/read`, undefined, { 'idempotency-key': 'read-1' })).unread).toBe(4);
    expect(ok(await an.post('/api/me/notifications/read-all')).unread).toBe(0);
    expect(ok(await an.get('/api/me/notifications/unread')).unread).toBe(0);
    expectProblem(await desk.post(`/api/me/notifications/${page2.items[0].id}/read`), 404, 'notify.not_found');

    // The log: officers see every message, masked; the citizen sees hers; reports moved SMS and Zalo to delivered.
    const officerLog = ok(await desk.get(`/api/dossiers/${d.id}/notifications`)).items;
    const all = await messagesOf(p, d.id);
    expect(officerLog).toHaveLength(all.length);
    expect(officerLog.every((e: any) => e.status === 'delivered')).toBe(true);
    expect(officerLog.filter((e: any) => e.channel === 'email' && e.recipient === 'citizen').every((e: any) => e.to === 'a***@e***.vn')).toBe(true);
    expect(officerLog.find((e: any) => e.channel === 'sms').to).toBe('84******678');
    expect(JSON.stringify(officerLog)).not.toContain(AN_EMAIL);
    const citizenLog = ok(await an.get(`/api/dossiers/${d.id}/notifications`)).items;
    expect(citizenLog.every((e: any) => e.recipient === 'me')).toBe(true);
    expect(citizenLog.map((e: any) => e.channel).sort()).toEqual([...Array(5).fill('email'), ...Array(5).fill('inapp'), ...Array(4).fill('sms'), ...Array(5).fill('zalo')]);
    expectProblem(await (await citizenClient(p, '031190004567')).get(`/api/dossiers/${d.id}/notifications`), 404);

    // Logs carry ids and hashes, never an address or a text.
    const logs = p.logs.join('\n');
    for (const secret of [AN_EMAIL, AN_PHONE, '0912 345 678', 'Kính gửi', 'Ho so', 'quan.tran@']) expect(logs, secret).not.toContain(secret);
  });
});

describe('choices: language, channels, consent, unsubscribing, legal notices', () => {
  it('English, e-mail only; SMS refused without consent; after unsubscribing only legal notices come by e-mail', async () => {
    const binh = await citizenClient(p, '031190004567');
    const refused = expectProblem(await binh.put('/api/me/notification-preferences', { language: 'en', email: 'binh.tran@example.vn', phone: '0987654321', channels: { email: true, sms: true, zalo: false } }), 409, 'notify.consent_required');
    expect(refused.purposes).toEqual(['sms_notifications']);
    expectProblem(await binh.put('/api/me/notification-preferences', { language: 'en', email: 'binh.tran@example.vn', phone: '12345', channels: { email: true, sms: false, zalo: false } }), 422, 'notify.bad_phone');
    expectProblem(await binh.put('/api/me/notification-preferences', { language: 'en', email: null, phone: null, channels: { email: true, sms: false, zalo: false } }), 422, 'notify.address_required');
    ok(await binh.put('/api/me/notification-preferences', { language: 'en', email: 'binh.tran@example.vn', phone: '0987654321', channels: { email: true, sms: false, zalo: false } }));

    const d = await submittedDossier(p, binh, hb);
    await post(desk, d.id, 'receive');
    await settled(p, d.id);
    const code = d.code as string;
    const [received] = forCode(code, 'email');
    expect(received.subject).toBe(`Your application ${code} has been received`);
    expect(received.text).toContain('Dear Trần Thị Bình,');
    expect(received.text).toContain('has received your application for');
    expect(forCode(code, 'sms')).toEqual([]);
    expect(forCode(code, 'zalo')).toEqual([]);

    // RFC 8058 one-click unsubscribe, as a mail client does it.
    const url = new URL(received.headers!['list-unsubscribe'].slice(1, -1));
    const un = await p.anonymous().request('POST', `${url.pathname}${url.search}`, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(un.json()).toEqual({ unsubscribed: true, changed: true });
    expectProblem(await p.anonymous().post(`/api/notify/unsubscribe?t=${url.searchParams.get('t')!.replace(/.$/, '0')}x`, {}), 400, 'notify.bad_unsubscribe_token');
    expect(ok(await binh.get('/api/me/notification-preferences')).emailUnsubscribed).toBe(true);

    await post(specialist, d.id, 'claim');
    await post(specialist, d.id, 'request-supplement', { reason: 'The birth notice is unreadable.', missingItems: ['A legible copy of the birth notice'] });
    await post(binh, d.id, 'resubmit-supplement', {});
    await post(specialist, d.id, 'request-payment', { reason: 'Registration fee', amountVnd: 8000 });
    await post(specialist, d.id, 'confirm-payment', { reference: 'VNPAY-001' });
    await settled(p, d.id);
    expect(forCode(code, 'email').map((m) => m.subject).sort()).toEqual([`Application ${code}: more documents needed`, `Application ${code}: payment requested`, `Your application ${code} has been received`]);
    const inbox = ok(await binh.get('/api/me/notifications'));
    expect(inbox.items.map((x: any) => x.kind)).toEqual(['payment_confirmed', 'payment_requested', 'supplement_requested', 'dossier_received']);
    expect(inbox.items[0].title).toBe(`Application ${code}: payment received`);
  });

  it('a legal notice reaches a citizen by e-mail even when she chose only the portal', async () => {
    const cuong = await citizenClient(p, '001078012345');
    ok(await cuong.put('/api/me/notification-preferences', { language: 'vi', email: 'cuong.le@example.vn', phone: null, channels: { email: false, sms: false, zalo: false } }));
    const d = await submittedDossier(p, cuong, hb);
    await post(desk, d.id, 'request-supplement', { reason: 'Thiếu tờ khai.', missingItems: ['Tờ khai'] });
    await settled(p, d.id);
    await post(cuong, d.id, 'resubmit-supplement', {});
    await post(desk, d.id, 'receive');
    await settled(p, d.id);
    expect(forCode(d.code, 'email').map((m) => [m.to, m.subject])).toEqual([['cuong.le@example.vn', `Hồ sơ ${d.code} cần bổ sung giấy tờ`]]);
    expect(ok(await cuong.get('/api/me/notifications')).items.map((x: any) => x.kind)).toEqual(['dossier_received', 'supplement_requested']);
  });
});
