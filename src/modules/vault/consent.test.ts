import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestPlatform, TestClient } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';
import { hasConsent, publishNotice, verifyConsentChain } from './consent.service';
import { platformActor } from '../../platform/auth/actor';

const AN = '031085001234';
const BINH = '031190004567';
let p: TestPlatform;
let an: TestClient;

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-08-03T02:00:00Z');
  an = await citizenClient(p, AN);
});
afterAll(() => p.close());

describe('consent (Law 91/2025)', () => {
  it('starts with no consent for any purpose: silence is not consent', async () => {
    const res = await an.get('/api/me/consents');
    expect(res.statusCode).toBe(200);
    const { purposes, history } = res.json();
    expect(purposes.map((x: any) => x.purpose)).toEqual(['prefill', 'data_store_reuse', 'service_feedback', 'sms_notifications', 'zalo_notifications']);
    expect(purposes.every((x: any) => x.state === 'none' && x.notice.version === 1 && x.notice.textVi && x.notice.textEn)).toBe(true);
    expect(history).toEqual([]);
    expect(await hasConsent(p.ctx.db, AN, 'prefill', p.clock.now())).toBe(false);
  });

  it('records give and withdraw per purpose, each as a new chained record', async () => {
    const give = await an.post('/api/me/consents/prefill', { noticeVersion: 1, given: true });
    expect(give.statusCode).toBe(200);
    expect(give.json()).toMatchObject({ created: true, record: { seq: 1, purpose: 'prefill', given: true, noticeVersion: 1, prevHash: '0'.repeat(64) } });
    // Repeating the same decision adds nothing.
    expect((await an.post('/api/me/consents/prefill', { noticeVersion: 1, given: true })).json().created).toBe(false);
    expect(await hasConsent(p.ctx.db, AN, 'prefill', p.clock.now())).toBe(true);
    expect(await hasConsent(p.ctx.db, AN, 'sms_notifications', p.clock.now())).toBe(false);
    expect(await hasConsent(p.ctx.db, BINH, 'prefill', p.clock.now())).toBe(false);

    p.clock.advance(60_000);
    await an.post('/api/me/consents/sms_notifications', { noticeVersion: 1, given: true });
    p.clock.advance(60_000);
    const withdraw = await an.post('/api/me/consents/prefill', { noticeVersion: 1, given: false });
    expect(withdraw.json().record).toMatchObject({ seq: 3, given: false, prevHash: (await an.get('/api/me/consents')).json().history[1].hash });
    expect(await hasConsent(p.ctx.db, AN, 'prefill', p.clock.now())).toBe(false);
    // …but at a time before the withdrawal, consent held.
    expect(await hasConsent(p.ctx.db, AN, 'prefill', new Date('2026-08-03T02:00:30Z'))).toBe(true);
    const states = Object.fromEntries((await an.get('/api/me/consents')).json().purposes.map((x: any) => [x.purpose, x.state]));
    expect(states).toEqual({ prefill: 'withdrawn', data_store_reuse: 'none', service_feedback: 'none', sms_notifications: 'given', zalo_notifications: 'none' });
    expect((await an.get('/api/me/consents/verify')).json()).toEqual({ ok: true, checked: 3 });
  });

  it('follows notice versions: a new text needs a new consent', async () => {
    await publishNotice(p.ctx.db, platformActor('test'), { purpose: 'sms_notifications', version: 2, textVi: 'Tôi đồng ý nhận SMS và tin nhắn Zalo về hồ sơ.', textEn: 'I agree to receive SMS and Zalo messages about my dossiers.', effectiveFrom: new Date('2026-08-10T00:00:00Z') });
    // Not yet in effect.
    expectProblem(await an.post('/api/me/consents/sms_notifications', { noticeVersion: 2, given: true }), 404, 'consent.notice_not_found');
    p.clock.set('2026-08-11T00:00:00Z');
    an = await citizenClient(p, AN); // sessions expire when idle
    expect(await hasConsent(p.ctx.db, AN, 'sms_notifications', p.clock.now())).toBe(false);
    const st = (await an.get('/api/me/consents')).json().purposes.find((x: any) => x.purpose === 'sms_notifications');
    expect(st).toMatchObject({ state: 'renewal_needed', notice: { version: 2 } });
    const outdated = expectProblem(await an.post('/api/me/consents/sms_notifications', { noticeVersion: 1, given: true }), 409, 'consent.notice_outdated');
    expect(outdated.currentVersion).toBe(2);
    expect((await an.post('/api/me/consents/sms_notifications', { noticeVersion: 2, given: true })).json().record).toMatchObject({ seq: 4, noticeVersion: 2 });
    expect(await hasConsent(p.ctx.db, AN, 'sms_notifications', p.clock.now())).toBe(true);
    expectProblem(await an.post('/api/me/consents/prefill', { noticeVersion: 9, given: true }), 404, 'consent.notice_not_found');
  });

  it('refuses bad input and non-citizens', async () => {
    expectProblem(await an.post('/api/me/consents/marketing', { noticeVersion: 1, given: true }), 400);
    expectProblem(await an.post('/api/me/consents/prefill', { noticeVersion: 1 }), 400);
    expectProblem(await an.post('/api/me/consents/prefill', { noticeVersion: 1, given: 'yes' }), 400);
    expectProblem(await an.post('/api/me/consents/prefill', { noticeVersion: 1, given: true, silent: true }), 400);
    expectProblem(await p.anonymous().get('/api/me/consents'), 401);
    const admin = await p.loginAs('admin');
    expectProblem(await admin.get('/api/me/consents'), 403);
  });

  it('keeps each citizen’s consents apart', async () => {
    const binh = await citizenClient(p, BINH);
    expect((await binh.get('/api/me/consents')).json().history).toEqual([]);
    await binh.post('/api/me/consents/prefill', { noticeVersion: 1, given: true });
    expect((await binh.get('/api/me/consents')).json().history).toHaveLength(1);
    expect((await an.get('/api/me/consents')).json().history).toHaveLength(4);
  });

  it('writes an audit record with every decision', async () => {
    const res = (await p.ctx.db.execute(sql`select action from audit_log where target_type = 'consent' order by at`)) as unknown as { rows: Array<{ action: string }> };
    expect(res.rows.map((r) => r.action)).toEqual(['consent.given', 'consent.given', 'consent.withdrawn', 'consent.given', 'consent.given']);
  });

  it('detects a tampered, removed or re-linked record in the chain', async () => {
    expect(await verifyConsentChain(p.ctx.db, AN)).toEqual({ ok: true, checked: 4 });
    // Records are append-only even for direct SQL …
    await expect(p.ctx.db.execute(sql`update consent_records set given = true where personal_id = ${AN} and seq = 3`)).rejects.toThrow();
    // … so an attacker with superuser rights turns the trigger off first.
    await p.ctx.db.execute(sql`alter table consent_records disable trigger consent_records_append_only`);
    await p.ctx.db.execute(sql`update consent_records set given = true where personal_id = ${AN} and seq = 3`);
    expect(await verifyConsentChain(p.ctx.db, AN)).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, reason: 'content_changed' } });
    expect((await an.get('/api/me/consents/verify')).json()).toMatchObject({ ok: false, broken: { seq: 3 } });
    await p.ctx.db.execute(sql`update consent_records set given = false where personal_id = ${AN} and seq = 3`);
    expect((await verifyConsentChain(p.ctx.db, AN)).ok).toBe(true);
    await p.ctx.db.execute(sql`delete from consent_records where personal_id = ${AN} and seq = 2`);
    expect(await verifyConsentChain(p.ctx.db, AN)).toMatchObject({ ok: false, checked: 1, broken: { seq: 2, reason: 'sequence_gap' } });
    await p.ctx.db.execute(sql`alter table consent_records enable trigger consent_records_append_only`);
    expect(await verifyConsentChain(p.ctx.db, BINH)).toEqual({ ok: true, checked: 1 });
  });
});
