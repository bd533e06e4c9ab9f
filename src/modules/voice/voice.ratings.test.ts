import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { voiceRatings } from './voice.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let resultOfficer: TestClient;

const act = (c: TestClient, id: string, path: string, body?: unknown) => c.post(`/api/dossiers/${id}/${path}`, body);
const rating = (over: Record<string, unknown> = {}) => ({ score: 4, reasons: ['on_time', 'polite'], comment: 'Cán bộ hướng dẫn tận tình', ...over });

/** A dossier taken through to its result returned (online). */
async function returnedDossier(): Promise<string> {
  const d = await submittedDossier(p, citizen, hb);
  ok(await act(desk, d.id, 'receive'));
  ok(await act(specialist, d.id, 'claim'));
  ok(await act(specialist, d.id, 'propose', { recommendation: 'approve' }));
  ok(await act(approver, d.id, 'approve', {}));
  ok(await act(resultOfficer, d.id, 'issue-result', { electronic: true }));
  expect(ok(await act(resultOfficer, d.id, 'return-result', { method: 'online' })).state).toBe('returned');
  return d.id;
}

/** Moves the clock and signs everyone in again (sessions expire after 30 idle minutes). */
async function travel(t: Date) {
  p.clock.set(t);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  resultOfficer = await p.loginAs('trakq.hongbang');
}

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  await travel(vn('2026-03-02T08:30'));
});
afterAll(() => p?.close());

describe('rating a dossier', () => {
  it('is refused before the result is returned, taken once after, and a second rating is a 409', async () => {
    const open = await submittedDossier(p, citizen, hb);
    expect(ok(await citizen.get(`/api/dossiers/${open.id}/rating`))).toEqual({ rateable: false, rating: null });
    expect(ok(await citizen.post(`/api/dossiers/${open.id}/rating`, rating()), 409).code).toBe('voice.not_rateable');

    const id = await returnedDossier();
    expect(ok(await citizen.get(`/api/dossiers/${id}/rating`)).rateable).toBe(true);
    const key = randomUUID();
    const r = ok(await citizen.post(`/api/dossiers/${id}/rating`, rating(), { 'idempotency-key': key }), 201);
    expect(r).toMatchObject({ dossierId: id, score: 4, reasons: ['on_time', 'polite'], comment: 'Cán bộ hướng dẫn tận tình', editable: true });
    // A retry of the same request replays; another request is refused: once per dossier.
    const replay = await citizen.post(`/api/dossiers/${id}/rating`, rating(), { 'idempotency-key': key });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(ok(await citizen.post(`/api/dossiers/${id}/rating`, rating({ score: 1 })), 409).code).toBe('voice.already_rated');
    expect(await p.ctx.db.select().from(voiceRatings).where(eq(voiceRatings.dossierId, id))).toHaveLength(1);
    expect(ok(await citizen.get(`/api/dossiers/${id}/rating`))).toMatchObject({ rateable: false, rating: { score: 4 } });
    const events = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'rating.created'), eq(outboxEvents.aggregateId, id)));
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ procedureKey: 'birth-re-registration', score: 4, negative: false })]);
    expect(JSON.stringify(events[0].payload)).not.toContain('tận tình');
  });

  it('is the applicant’s only: another citizen gets 404, an officer cannot rate', async () => {
    const id = await returnedDossier();
    const other = await citizenClient(p, CITIZEN_L1);
    expect(ok(await other.post(`/api/dossiers/${id}/rating`, rating()), 404).code).toBe('dossier.not_found');
    expect((await desk.post(`/api/dossiers/${id}/rating`, rating())).statusCode).toBe(403);
  });

  it('can be rated after a refusal at reception, and changed within the edit period only', async () => {
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'refuse-reception', { reason: 'Sai thẩm quyền' }));
    await travel(vn('2026-03-02T10:00'));
    ok(await citizen.post(`/api/dossiers/${d.id}/rating`, rating({ score: 2, reasons: ['unclear_guidance'] })), 201);
    await travel(vn('2026-03-05T10:00'));
    const changed = ok(await citizen.request('PUT', `/api/dossiers/${d.id}/rating`, rating({ score: 3, reasons: ['clear_guidance'], comment: '' })));
    expect(changed).toMatchObject({ score: 3, reasons: ['clear_guidance'], comment: null });
    await travel(vn('2026-03-09T10:01')); // 7 days after the rating
    expect(ok(await citizen.request('PUT', `/api/dossiers/${d.id}/rating`, rating({ score: 5 })), 409).code).toBe('voice.rating_locked');
    expect(ok(await citizen.request('PUT', `/api/dossiers/${(await submittedDossier(p, citizen, hb)).id}/rating`, rating()), 404).code).toBe('voice.not_rated');
    await travel(vn('2026-03-09T10:30'));
  });

  it('keeps one rating when two arrive at once (the unique index decides, not a read before the write)', async () => {
    const id = await returnedDossier();
    const answers = await Promise.all([citizen.post(`/api/dossiers/${id}/rating`, rating({ score: 5 })), citizen.post(`/api/dossiers/${id}/rating`, rating({ score: 2 }))]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await p.ctx.db.select().from(voiceRatings).where(eq(voiceRatings.dossierId, id))).toHaveLength(1);
  });

  it('refuses bad input: a score out of range, an unknown reason', async () => {
    const id = await returnedDossier();
    expect((await citizen.post(`/api/dossiers/${id}/rating`, rating({ score: 6 }))).statusCode).toBe(400);
    expect((await citizen.post(`/api/dossiers/${id}/rating`, rating({ reasons: ['rude'] }))).statusCode).toBe(400);
  });
});

describe('aggregates', () => {
  it('gives the agency anonymous counts per procedure and per officer (only from 3 ratings), and the procedure page its figures', async () => {
    for (const score of [5, 1, 4]) {
      const id = await returnedDossier();
      ok(await citizen.post(`/api/dossiers/${id}/rating`, rating({ score, reasons: score === 1 ? ['late', 'impolite'] : ['on_time'] })), 201);
    }
    const s = ok(await approver.get(`/api/voice/ratings/summary?agencyId=${hb}`));
    expect(s.total).toBeGreaterThanOrEqual(5);
    const proc = s.byProcedure.find((g: any) => g.key === 'birth-re-registration');
    expect(proc.count).toBe(s.total); // every dossier rated here is a birth re-registration
    expect(JSON.stringify(s)).not.toContain('tận tình');
    expect(s.reasons.late).toBe(1);
    // Dossiers were claimed by Trần Văn Minh, the demo specialist.
    expect(s.byOfficer.map((g: any) => g.label)).toContain('Trần Văn Minh');
    const other = await p.loginAs('chuyenvien.tuphap');
    expect(ok(await other.get(`/api/voice/ratings/summary?agencyId=${hb}`), 403).code).toBe('voice.not_handler');
    const pub = ok(await p.anonymous().get('/api/public/procedures/birth-re-registration/voice'));
    expect(pub).toMatchObject({ procedureKey: 'birth-re-registration', ratingCount: s.total, answeredPetitions: 0 });
    expect(pub.ratingAverage).toBeCloseTo(s.average, 2);
  });
});
