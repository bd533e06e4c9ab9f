import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, count } from 'drizzle-orm';
import { expectProblem, onPostgres } from '../../../test/support/platform';
import { dossiers } from './dossier.schema';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
});
afterAll(() => p.close());

describe('dossier codes under concurrency', () => {
  it('gives 500 concurrent submissions to one agency on one day 500 unique codes', async () => {
    p.clock.set(vn('2026-03-04T09:00'));
    const citizen = await citizenClient(p, CITIZEN);
    const data = await sampleData(p);
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data }), 201);
      ok(await upload(citizen, d.id, 'personal-records'), 201);
      ids.push(d.id);
    }
    const results = await Promise.all(ids.map((id) => citizen.post(`/api/dossiers/${id}/submit`)));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const codes = results.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^000\.00\.21\.H38-260304-\d{4}$/);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    // PGlite draws each code in its submission: gapless. PostgreSQL hands out blocks reserved per process
    // (dossier.code.ts): unique, with gaps at most the rest of the blocks in hand.
    if (onPostgres) expect(seqs.at(-1)!).toBeLessThanOrEqual(500 + 2 * p.config.dossierCodeBlock);
    else expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const [{ n }] = await p.ctx.db.select({ n: count() }).from(dossiers).where(eq(dossiers.state, 'submitted'));
    expect(n).toBe(500);
  }, 240_000);
});

describe('Idempotency-Key', () => {
  it('replays the first answer and creates nothing new; another body with the same key is refused', async () => {
    p.clock.set(vn('2026-03-05T09:00'));
    const citizen = await citizenClient(p, CITIZEN);
    const body = { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) };
    const [{ n: before }] = await p.ctx.db.select({ n: count() }).from(dossiers);
    const first = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'create-1' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'create-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const [{ n: after }] = await p.ctx.db.select({ n: count() }).from(dossiers);
    expect(after).toBe(before + 1);
    expectProblem(await citizen.post('/api/dossiers', { ...body, data: {} }, { 'idempotency-key': 'create-1' }), 422, 'idempotency.key_reused');
    expectProblem(await citizen.post('/api/dossiers', body, { 'idempotency-key': 'bad key with spaces' }), 400, 'idempotency.bad_key');

    // On an action: concurrent duplicates act once.
    const id = first.json().id;
    ok(await upload(citizen, id, 'personal-records'), 201);
    ok(await citizen.post(`/api/dossiers/${id}/submit`));
    const desk = await p.loginAs('tiepnhan.hongbang');
    const rs = await Promise.all([1, 2, 3].map(() => desk.post(`/api/dossiers/${id}/receive`, undefined, { 'idempotency-key': 'receive-1' })));
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(rs.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const detail = ok(await desk.get(`/api/dossiers/${id}`));
    expect(detail.timeline.filter((t: any) => t.type === 'receive')).toHaveLength(1);
    // The same key from another caller is another key.
    const other = await p.loginAs('tiepnhan.hongbang');
    expectProblem(await other.post(`/api/dossiers/${id}/receive`, undefined, { 'idempotency-key': 'receive-1x' }), 409, 'dossier.state_not_permitted');
  });
});
