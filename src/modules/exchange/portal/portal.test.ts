/**
 * The National Public Service Portal adapter against a simulated portal on loopback that accepts, fails for a while
 * (503) or refuses for good (422): status changes pushed in order per dossier with the national codes and field
 * names, retried with back-off, and the sync rate per agency.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../../test/support/dossier';

interface Received {
  auth: string | undefined;
  key: string | undefined;
  body: Record<string, unknown>;
  answered: number;
}

const received: Received[] = [];
let failNext = 0;
const refuse = new Set<string>();
const portal = http.createServer((req, res) => {
  let buf = '';
  req.on('data', (d) => (buf += d));
  req.on('end', () => {
    const body = JSON.parse(buf) as Record<string, unknown>;
    const status = refuse.has(String(body.MaHoSo)) ? 422 : failNext > 0 ? (failNext--, 503) : 200;
    received.push({ auth: req.headers.authorization, key: req.headers['idempotency-key'] as string | undefined, body, answered: status });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: status === 200 ? 0 : status }));
  });
});

let p: Awaited<ReturnType<typeof startDossierPlatform>>;

beforeAll(async () => {
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/dongbo`;
  p = await startDossierPlatform({ NATIONAL_PORTAL_URL: url, NATIONAL_PORTAL_KEY: 'k-test-portal', NATIONAL_PORTAL_RETRY_BASE_MS: '60000', NATIONAL_PORTAL_MAX_ATTEMPTS: '5' });
});
afterAll(async () => {
  await p?.close();
  await new Promise((r) => portal.close(r));
});

/** Hands the outbox to its subscribers (the portal queue is one) until it is empty. */
const dispatch = async () => {
  while ((await p.ctx.dispatcher.runOnce()) > 0);
};

describe('national portal sync', () => {
  it('pushes status changes in order, retries a temporary failure, records a refusal, and counts the sync rate', async () => {
    const citizen = await citizenClient(p, CITIZEN);
    const desk = await p.loginAs('tiepnhan.hongbang');
    const hb = await agencyId(p, HONG_BANG);
    p.clock.set(vn('2026-03-16T08:30'));
    const d = await submittedDossier(p, citizen, hb);
    p.clock.set(vn('2026-03-16T09:00'));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    await dispatch();

    // The portal is down for one request: the first change waits, and the second (same dossier) waits behind it.
    failNext = 1;
    expect(await p.services.nationalPortal.sync.pushOnce()).toEqual({ synced: 0, retried: 1, failed: 0 });
    expect(await p.services.nationalPortal.sync.pushOnce()).toEqual({ synced: 0, retried: 0, failed: 0 });
    p.clock.advance(61_000);
    expect(await p.services.nationalPortal.sync.pushOnce()).toEqual({ synced: 2, retried: 0, failed: 0 });
    const accepted = received.filter((r) => r.answered === 200);
    expect(accepted.map((r) => r.body.TrangThaiHoSo)).toEqual([1, 2]);
    expect(accepted[0]).toMatchObject({ auth: 'Bearer k-test-portal', key: expect.any(String) });
    expect(accepted[1].body).toMatchObject({ MaHoSo: d.code, MaTTHC: 'birth-re-registration', DonViXuLy: HONG_BANG, TrangThaiHoSo: 2, KenhThucHien: 2, DuocLayTuKhoDMQG: expect.any(Number), NgayCapNhat: '20260316090000' });
    expect(received[0].key).toBe(accepted[0].key); // the retry is the same push

    // A dossier the portal refuses for good.
    const refused = await submittedDossier(p, citizen, hb);
    refuse.add(refused.code);
    await dispatch();
    expect(await p.services.nationalPortal.sync.pushOnce()).toEqual({ synced: 0, retried: 0, failed: 1 });

    const admin = await p.loginAs('admin');
    const rate = ok(await admin.get('/api/exchange/portal/sync-rate?from=2026-03-16&to=2026-03-16'));
    expect(rate).toMatchObject({ enabled: true, total: 3, synced: 2, failed: 1, pending: 0, rate: 0.6667 });
    expect(rate.agencies).toEqual([expect.objectContaining({ agencyCode: HONG_BANG, total: 3, synced: 2, rate: 0.6667, agencyName: expect.any(String) })]);
    // Another period: nothing to sync, full rate.
    expect(ok(await admin.get('/api/exchange/portal/sync-rate?from=2026-04-01&to=2026-04-30'))).toMatchObject({ total: 0, rate: 1 });
    // A leader sees only her agencies.
    const leader = await p.loginAs('lanhdao.hongbang');
    expect(ok(await leader.get('/api/exchange/portal/sync-rate')).agencies.map((a: any) => a.agencyCode)).toEqual([HONG_BANG]);
  });
});
