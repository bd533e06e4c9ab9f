import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { expectProblem, TestClock, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, submittedDossier, upload, vn } from '../../../test/support/dossier';
import { ACTION_PATHS } from '../../shared/api/dossier-paths';
import { dossierActions } from './dossier.schema';

/**
 * Replays of committed requests (issue 24, defect 2) and actions sent at once on one dossier (defect 9): a retry
 * with the same Idempotency-Key gets the first answer whatever happened since, and parallel actions are serialised
 * on the dossier's row, never a 500.
 */

/** A clock that moves on by a millisecond at every reading, as a real one does between two actions. */
class TickingClock extends TestClock {
  override now(): Date {
    this.advance(1);
    return super.now();
  }
}

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
});
afterAll(() => p.close());

const actionsOf = async (id: string) => (await p.ctx.db.select({ n: count() }).from(dossierActions).where(eq(dossierActions.dossierId, id)))[0].n;

describe('a committed request replayed with its Idempotency-Key', () => {
  it('gets the stored first answer with Idempotent-Replayed, for a submission and an officer action, after the state moved on', async () => {
    p.clock.set(vn('2026-03-04T09:00'));
    const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) }), 201);
    ok(await upload(citizen, d.id, 'personal-records'), 201);
    const first = await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, { 'idempotency-key': 'submit-1' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The dossier is filed: without a lookup first, the replay would be refused (409 dossier.state_not_permitted).
    const again = await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, { 'idempotency-key': 'submit-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // Without the key, the same request is a new one, and refused.
    expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 409, 'dossier.state_not_permitted');

    const received = await desk.post(`/api/dossiers/${d.id}/${ACTION_PATHS.receive}`, undefined, { 'idempotency-key': 'receive-1' });
    expect(received.statusCode).toBe(200);
    ok(await specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.start_processing}`));
    const before = await actionsOf(d.id);
    // Two steps later, the desk's retry still gets its first answer, and nothing is appended.
    const replayed = await desk.post(`/api/dossiers/${d.id}/${ACTION_PATHS.receive}`, undefined, { 'idempotency-key': 'receive-1' });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(received.json());
    expect(await actionsOf(d.id)).toBe(before);

    // The same key with another body is refused 422, even though an answer is stored.
    const commented = ok(await specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.comment}`, { text: 'Đã kiểm tra giấy tờ' }, { 'idempotency-key': 'comment-1' }));
    expect(ok(await specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.comment}`, { text: 'Đã kiểm tra giấy tờ' }, { 'idempotency-key': 'comment-1' }))).toEqual(commented);
    expectProblem(await specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.comment}`, { text: 'Một nhận xét khác' }, { 'idempotency-key': 'comment-1' }), 422, 'idempotency.key_reused');
    expect(await actionsOf(d.id)).toBe(before + 1);
  });

  it('gets the first answer on a route outside dossiers (notification preferences), even after a later change', async () => {
    const first = await citizen.put('/api/me/notification-preferences', { language: 'vi', email: 'an.nguyen@example.vn', phone: null, channels: { email: true, sms: false, zalo: false } }, { 'idempotency-key': 'prefs-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json().email).toBe('an.nguyen@example.vn');
    ok(await citizen.put('/api/me/notification-preferences', { language: 'en', email: 'an.khac@example.vn', phone: null, channels: { email: true, sms: false, zalo: false } }, { 'idempotency-key': 'prefs-2' }));
    const again = await citizen.put('/api/me/notification-preferences', { language: 'vi', email: 'an.nguyen@example.vn', phone: null, channels: { email: true, sms: false, zalo: false } }, { 'idempotency-key': 'prefs-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectProblem(await citizen.put('/api/me/notification-preferences', { language: 'vi', email: null, phone: null, channels: { email: false, sms: false, zalo: false } }, { 'idempotency-key': 'prefs-1' }), 422, 'idempotency.key_reused');
    // The stored answer is not the state: the later change is kept.
    expect(ok(await citizen.get('/api/me/notification-preferences')).email).toBe('an.khac@example.vn');
  });
});

describe('actions sent at once on one dossier', () => {
  it('are serialised on the dossier: 12 comments all kept in order, 10 receptions give one 200 and nine 409, never a 500', async () => {
    const clock = p.clock as TestClock;
    const ticking = new TickingClock(vn('2026-03-06T09:00'));
    // The platform reads its clock through the test clock: tick it for this test.
    const original = clock.now.bind(clock);
    clock.now = () => ticking.now();
    try {
      const d = await submittedDossier(p, citizen, hb);
      ok(await desk.post(`/api/dossiers/${d.id}/${ACTION_PATHS.receive}`));
      const comments = await Promise.all(Array.from({ length: 12 }, (_, i) => specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.comment}`, { text: `Nhận xét số ${i + 1}` })));
      expect(comments.map((r) => r.statusCode), comments.find((r) => r.statusCode !== 200)?.body).toEqual(comments.map(() => 200));
      const rows = await p.ctx.db.select().from(dossierActions).where(eq(dossierActions.dossierId, d.id)).orderBy(dossierActions.seq);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
      expect(rows.filter((r) => r.type === 'comment')).toHaveLength(12);
      for (let i = 1; i < rows.length; i++) expect(rows[i].at.getTime()).toBeGreaterThanOrEqual(rows[i - 1].at.getTime());
      expect(ok(await specialist.get(`/api/dossiers/${d.id}`)).timeline.filter((t: { type: string }) => t.type === 'comment')).toHaveLength(12);

      const e = await submittedDossier(p, citizen, hb);
      const receptions = await Promise.all(Array.from({ length: 10 }, () => desk.post(`/api/dossiers/${e.id}/${ACTION_PATHS.receive}`)));
      expect(receptions.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const r of receptions.filter((x) => x.statusCode !== 200)) expectProblem(r, 409, 'dossier.state_not_permitted');
      // Mixed actions by several officers at once: each is served or refused with a declared 4xx.
      const mixed = await Promise.all([
        ...Array.from({ length: 5 }, () => specialist.post(`/api/dossiers/${e.id}/${ACTION_PATHS.start_processing}`)),
        ...Array.from({ length: 5 }, (_, i) => desk.post(`/api/dossiers/${e.id}/${ACTION_PATHS.comment}`, { text: `Bàn tiếp nhận ${i}` })),
      ]);
      for (const r of mixed) expect(r.statusCode, r.body).toBeLessThan(500);
      expect(mixed.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(6);
    } finally {
      clock.now = original;
    }
  }, 120_000);

  it('from two servers whose clocks differ: the one behind waits on the lock and is stamped after, never 500 out_of_order', async () => {
    p.clock.set(vn('2026-03-09T10:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await desk.post(`/api/dossiers/${d.id}/${ACTION_PATHS.receive}`));
    // The second action's server reads a clock two seconds behind the first one's.
    p.clock.set(vn('2026-03-09T09:59:58'));
    const late = await specialist.post(`/api/dossiers/${d.id}/${ACTION_PATHS.comment}`, { text: 'Nhận xét từ máy chủ chậm giờ' });
    expect(late.statusCode, late.body).toBe(200);
    const rows = await p.ctx.db.select().from(dossierActions).where(eq(dossierActions.dossierId, d.id)).orderBy(dossierActions.seq);
    expect(rows.at(-1)!.at.getTime()).toBe(rows.at(-2)!.at.getTime());
    expect(ok(await specialist.get(`/api/dossiers/${d.id}`)).timeline.map((t: { type: string }) => t.type)).toEqual(['submit', 'receive', 'comment']);
  });
});
