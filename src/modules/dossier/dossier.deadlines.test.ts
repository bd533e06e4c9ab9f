import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
});
afterAll(() => p.close());

/** Received at `at` (local) with the 5-working-day procedure: the appointed time on form 01. */
async function dueWhenReceivedAt(at: string): Promise<{ dueAt: string; dueSoonAt: string; code: string }> {
  p.clock.set(vn(at));
  const citizen = await citizenClient(p, CITIZEN);
  const desk = await p.loginAs('tiepnhan.hongbang');
  const d = await submittedDossier(p, citizen, hb);
  return { ...ok(await desk.post(`/api/dossiers/${d.id}/receive`)), code: d.code };
}

describe('appointed time through the API (5 working days)', () => {
  it('skips Tết 2026 (16–20 Feb): Fri 13/2 → Fri 27/2', async () => {
    const r = await dueWhenReceivedAt('2026-02-13T09:00');
    expect(r.dueAt).toBe(vn('2026-02-27T09:00').toISOString());
    expect(r.dueSoonAt).toBe(vn('2026-02-26T09:00').toISOString());
    expect(r.code).toMatch(/-260213-\d{4}$/);
  });

  it('skips 30/4 and 1/5 2026: Wed 29/4 → Fri 8/5', async () => {
    const r = await dueWhenReceivedAt('2026-04-29T09:00');
    expect(r.dueAt).toBe(vn('2026-05-08T09:00').toISOString());
  });

  it('skips the National Day bridge 31/8–2/9 2026: Fri 28/8 → Wed 9/9', async () => {
    const r = await dueWhenReceivedAt('2026-08-28T10:00');
    expect(r.dueAt).toBe(vn('2026-09-09T10:00').toISOString());
  });

  it('counts from the next working day when received after hours', async () => {
    const r = await dueWhenReceivedAt('2026-02-13T18:30'); // Friday evening, then Tết
    expect(r.dueAt).toBe(vn('2026-02-27T17:00').toISOString());
  });
});
