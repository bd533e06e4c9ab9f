/**
 * Delivery against carriers that misbehave: temporary failures retried with back-off, permanent failures, the last
 * attempt, a refused API key, the daily quota, signed delivery reports (and forged ones); the officers' digest of
 * dossiers due the next working day and the overdue alert to the agency's leader.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencyId, citizenClient, HONG_BANG, ok, submittedDossier, vn } from '../../../test/support/dossier';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { notifyMessages } from './notify.schema';
import { DeliveryWorker } from './notify.sender';
import { SmsAggregatorNotifier } from './channels/sms';
import { ZaloZnsNotifier } from './channels/zalo';
import { giveConsents, messagesOf, SECRET, SMS_KEY, startNotifyPlatform, ZALO_TOKEN, type NotifyTestPlatform } from './testing/support';

let p: NotifyTestPlatform;
let hb: string;
let desk: TestClient;
let specialist: TestClient;

const post = async (c: TestClient, id: string, path: string, body?: unknown) => {
  p.clock.advance(60_000);
  return ok(await c.post(`/api/dossiers/${id}/${path}`, body));
};
const byChannel = async (dossierId: string) => Object.fromEntries((await messagesOf(p, dossierId)).filter((m) => m.kind === 'dossier_received').map((m) => [m.channel, m]));
/** Plans and sends once, without waiting for retries. */
const once = async () => {
  await p.ctx.dispatcher.runOnce();
  await p.services.notify.planner.runOnce();
  await p.services.notify.sender.runOnce();
};

async function citizenWithAllChannels(personalId: string, phone: string, email: string) {
  const c = await citizenClient(p, personalId);
  await giveConsents(c, 'sms_notifications', 'zalo_notifications');
  ok(await c.put('/api/me/notification-preferences', { language: 'vi', email, phone, channels: { email: true, sms: true, zalo: true } }));
  return c;
}

beforeAll(async () => {
  p = await startNotifyPlatform();
  p.clock.set(vn('2026-03-02T08:30')); // Monday
  hb = await agencyId(p, HONG_BANG);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
});
afterAll(() => p?.close());

describe('retries, failures and delivery reports', () => {
  it('retries temporary failures with back-off, stops at permanent ones, and takes the delivery report', async () => {
    const dung = await citizenWithAllChannels('031195007891', '0903111222', 'dung.pham@example.vn');
    p.carrier.rule({ channel: 'sms', to: '84903111222', outcomes: ['temporary', 'temporary'] });
    p.carrier.rule({ channel: 'zalo', to: '84903111222', outcomes: ['permanent'] });
    p.carrier.rule({ channel: 'email', to: 'dung.pham@example.vn', outcomes: ['temporary'] });
    const d = await submittedDossier(p, dung, hb);
    await post(desk, d.id, 'receive');
    await once();
    let m = await byChannel(d.id);
    expect(m.sms).toMatchObject({ status: 'temporary-failure', attempts: 1, statusReason: 'HTTP 503' });
    expect(m.sms.nextAttemptAt!.getTime() - p.clock.now().getTime()).toBe(1000);
    expect(m.zalo).toMatchObject({ status: 'permanent-failure', statusReason: 'ZNS -118', nextAttemptAt: null });
    expect(m.email).toMatchObject({ status: 'temporary-failure', statusReason: 'EMESSAGE 451' });
    expect(m.inapp.status).toBe('delivered');
    // Not due yet: nothing is sent again.
    await once();
    expect((await byChannel(d.id)).sms.attempts).toBe(1);

    p.clock.advance(1000);
    await once();
    m = await byChannel(d.id);
    expect(m.sms).toMatchObject({ status: 'temporary-failure', attempts: 2 });
    expect(m.sms.nextAttemptAt!.getTime() - p.clock.now().getTime()).toBe(2000);
    expect(m.email).toMatchObject({ status: 'delivered', attempts: 2 });

    p.clock.advance(2000);
    await once();
    // Accepted by the carrier; delivered once its signed report comes back.
    await expect.poll(async () => (await byChannel(d.id)).sms.status, { timeout: 10_000 }).toBe('delivered');
    m = await byChannel(d.id);
    expect(m.sms).toMatchObject({ attempts: 3, carrierRef: expect.stringMatching(/^SMS\d+$/) });
    expect(p.carrier.of('sms').filter((x) => x.reference === m.sms.id)).toHaveLength(1);
    expect(p.carrier.submissions.sms).toBeGreaterThanOrEqual(3);

    const log = ok(await desk.get(`/api/dossiers/${d.id}/notifications`)).items.filter((e: any) => e.kind === 'dossier_received');
    expect(Object.fromEntries(log.map((e: any) => [e.channel, e.statusLabel.vi]))).toEqual({ inapp: 'Đã gửi tới người nhận', email: 'Đã gửi tới người nhận', sms: 'Đã gửi tới người nhận', zalo: 'Không gửi được' });

    // An SMS the carrier took but could not deliver (phone off, the carrier gave up): a final temporary failure.
    p.carrier.rule({ channel: 'sms', to: '84903111222', outcomes: ['undeliverable'] });
    await post(specialist, d.id, 'claim');
    await post(specialist, d.id, 'request-supplement', { reason: 'Thiếu', missingItems: ['Tờ khai'] });
    await once();
    await expect.poll(async () => (await messagesOf(p, d.id)).find((x) => x.kind === 'supplement_requested' && x.channel === 'sms')?.status, { timeout: 10_000 }).toBe('temporary-failure');
    const undelivered = (await messagesOf(p, d.id)).find((x) => x.kind === 'supplement_requested' && x.channel === 'sms')!;
    expect(undelivered).toMatchObject({ statusReason: 'carrier: UNREACHABLE', nextAttemptAt: null });

    // Logs: ids and hashes, never the address or the text.
    const logs = p.logs.join('\n');
    expect(logs).toContain('notification failed temporarily, will retry');
    for (const secret of ['84903111222', '0903111222', 'dung.pham@example.vn', 'Ho so', 'Kính gửi']) expect(logs, secret).not.toContain(secret);
  });

  it('refuses forged or stale delivery reports and ignores unknown references', async () => {
    const body = JSON.stringify({ id: 'SMS999', reference: '00000000-0000-8000-8000-000000000000', status: 'delivered' });
    const sign = (t: number, b: string, key = SECRET) => `t=${t},v1=${createHmac('sha256', key).update(`${t}.${b}`).digest('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    const send = (sig: string, b = body) => p.anonymous().request('POST', '/api/notify/callbacks/sms', b, { 'content-type': 'application/json', 'x-signature': sig });
    expectProblem(await send(sign(now, body, 'wrong-secret')), 401, 'notify.bad_signature');
    expectProblem(await send(sign(now - 3600, body)), 401, 'notify.bad_signature');
    expectProblem(await send(sign(now, body), body.replace('SMS999', 'SMS998')), 401, 'notify.bad_signature');
    expectProblem(await send('v1=abc'), 401, 'notify.bad_signature');
    expect(ok(await send(sign(now, body)))).toEqual({ result: 'ignored' });
    const zalo = JSON.stringify({ app_id: 'x', event_name: 'user_received_message', timestamp: String(Date.now()), message: { msg_id: 'Z1', tracking_id: '00000000-0000-8000-8000-000000000000' } });
    expectProblem(await p.anonymous().request('POST', '/api/notify/callbacks/zalo', zalo, { 'content-type': 'application/json', 'x-zevent-signature': 'mac=' + '0'.repeat(64) }), 401, 'notify.bad_signature');
  });

  it('gives up after the last attempt, fails at once on a refused API key, and keeps to the daily quota', async () => {
    const cfg = p.config.notify;
    const worker = (notifiers: ConstructorParameters<typeof DeliveryWorker>[0]['notifiers'], over: Partial<typeof cfg>) =>
      new DeliveryWorker({ db: p.ctx.db, clock: p.clock, config: { ...cfg, ...over }, notifiers, log: { warn: () => undefined, debug: () => undefined } });
    const sms = new SmsAggregatorNotifier({ url: p.carrier.address!.smsUrl, apiKey: SMS_KEY, unicode: false });
    const zalo = new ZaloZnsNotifier({ url: p.carrier.address!.zaloUrl, accessToken: ZALO_TOKEN });
    const plan = async () => {
      await p.ctx.dispatcher.runOnce();
      await p.services.notify.planner.runOnce();
    };
    const ha = await citizenWithAllChannels('031188002468', '0977000111', 'ha.vu@example.vn');
    const mai = await citizenWithAllChannels('040192006543', '0977000222', 'mai.ngo@example.vn');
    p.carrier.rule({ channel: 'sms', to: '84977000111', outcomes: ['temporary', 'temporary', 'temporary'] });
    const d1 = await submittedDossier(p, ha, hb);
    const d2 = await submittedDossier(p, mai, hb);
    await post(desk, d1.id, 'receive');
    await plan();

    // Two attempts at most: the second temporary failure is final.
    const twice = worker({ sms }, { maxAttempts: 2 });
    await twice.runOnce();
    p.clock.advance(1000);
    await twice.runOnce();
    expect((await byChannel(d1.id)).sms).toMatchObject({ status: 'temporary-failure', attempts: 2, nextAttemptAt: null, failedAt: expect.any(Date) });

    // A refused API key is ours to fix: a technical failure, no retry.
    await post(desk, d2.id, 'receive');
    await plan();
    await worker({ sms: new SmsAggregatorNotifier({ url: p.carrier.address!.smsUrl, apiKey: 'wrong', unicode: false }) }, {}).runOnce();
    expect((await byChannel(d2.id)).sms).toMatchObject({ status: 'technical-failure', statusReason: 'HTTP 401 (API key refused)', nextAttemptAt: null });

    // Zalo's daily quota of one more: the second message waits for the next local day.
    await worker({ zalo }, { dailyQuota: { ...cfg.dailyQuota, zalo: (await quotaUsed('zalo')) + 1 } }).runOnce();
    const z = [(await byChannel(d1.id)).zalo, (await byChannel(d2.id)).zalo];
    // One went (its delivery report may already be back), one waits.
    expect(z.map((x) => (x.status === 'delivered' ? 'sending' : x.status)).sort()).toEqual(['created', 'sending']);
    const waiting = z.find((x) => x.status === 'created')!;
    expect(waiting.statusReason).toBe('daily_quota');
    expect(waiting.nextAttemptAt!.toISOString()).toBe(vn('2026-03-03T00:00').toISOString());
    await p.drain();
  });
});

async function quotaUsed(channel: string): Promise<number> {
  const { notifyQuota } = await import('./notify.schema');
  const rows = await p.ctx.db.select().from(notifyQuota).where(eq(notifyQuota.channel, channel));
  return rows.reduce((a, r) => a + r.used, 0);
}

describe('officers: due tomorrow and overdue', () => {
  it('sends the assignee a digest the working day before, once, and tells the agency leader when the time has run out, once', async () => {
    p.clock.set(vn('2026-03-02T10:00'));
    // Sessions idle out as the clock jumps: sign in again after each jump.
    desk = await p.loginAs('tiepnhan.hongbang');
    specialist = await p.loginAs('chuyenvien.hongbang');
    const long = await citizenClient(p, '031069005432');
    const d = await submittedDossier(p, long, hb);
    const received = await post(desk, d.id, 'receive');
    await post(specialist, d.id, 'claim');
    await p.drain();
    expect(received.dueAt).toBe(vn('2026-03-09T10:01').toISOString());

    const { jobs } = p.services.notify;
    p.clock.set(vn('2026-03-06T07:00')); // Friday, before the digest time
    expect((await jobs.runOnce()).digests).toBe(0);
    p.clock.set(vn('2026-03-06T07:31'));
    expect((await jobs.runOnce()).digests).toBeGreaterThan(0);
    expect((await jobs.runOnce()).digests).toBe(0);
    specialist = await p.loginAs('chuyenvien.hongbang');
    const inbox = ok(await specialist.get('/api/me/notifications'));
    const digest = inbox.items.find((x: any) => x.kind === 'officer_due_tomorrow');
    expect(digest.title).toMatch(/^\d+ hồ sơ đến hạn ngày 09\/03\/2026$/);
    expect(digest.body).toContain(`• ${d.code} — Đăng ký lại khai sinh (10:01)`);
    expect(inbox.items.filter((x: any) => x.kind === 'officer_due_tomorrow')).toHaveLength(1);

    p.clock.set(vn('2026-03-09T10:30'));
    const week = await jobs.runOnce();
    expect(week.overdue).toBeGreaterThan(0);
    // A week on, the addresses and texts of the messages sent on Monday are erased; the masked address stays.
    expect(week.erased).toBeGreaterThan(0);
    const old = (await p.ctx.db.select().from(notifyMessages).where(eq(notifyMessages.channel, 'sms'))).filter((m) => m.status === 'delivered');
    expect(old.length).toBeGreaterThan(0);
    for (const m of old) expect(m).toMatchObject({ toAddress: null, body: null, erasedAt: expect.any(Date), toMasked: expect.stringMatching(/^84\*+\d{3}$/) });
    expect((await jobs.runOnce()).overdue).toBe(0);
    const leader = await p.loginAs('lanhdao.hongbang');
    const alerts = ok(await leader.get('/api/me/notifications')).items.filter((x: any) => x.kind === 'officer_overdue' && x.dossierCode === d.code);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].title).toBe(`Hồ sơ ${d.code} đã quá hạn giải quyết`);
    expect(alerts[0].body).toContain('Người xử lý: ');
    const [row] = await p.ctx.db.select().from(notifyMessages).where(eq(notifyMessages.id, alerts[0].id));
    expect(row.eventId).toBe(`overdue:${d.id}:${received.dueAt}`);
  });
});
