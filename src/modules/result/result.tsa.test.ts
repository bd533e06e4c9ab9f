import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';

// A TSA that accepts connections and never answers.
let silent: Server;
const sockets = new Set<Socket>();
let p: Awaited<ReturnType<typeof startDossierPlatform>>;

beforeAll(async () => {
  silent = createServer(() => undefined);
  silent.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/tsa`;
  p = await startDossierPlatform({ TSA_URL: url, TSA_TIMEOUT_MS: '300' });
});
afterAll(async () => {
  await p?.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

describe('a time-stamping authority that does not answer', () => {
  it('refuses to issue the result with 503 result.tsa_unavailable, and the dossier stays approved', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const hb = await agencyId(p, HONG_BANG);
    const citizen = await citizenClient(p, CITIZEN);
    const d = ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: await sampleData(p, 'birth-registration') }), 201);
    for (const doc of ['declaration', 'birth-certificate', 'identity']) ok(await upload(citizen, d.id, doc), 201);
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
    const desk = await p.loginAs('tiepnhan.hongbang');
    const specialist = await p.loginAs('chuyenvien.hongbang');
    const approver = await p.loginAs('lanhdao.hongbang');
    const resultOfficer = await p.loginAs('trakq.hongbang');
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    ok(await specialist.post(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' }));
    ok(await approver.post(`/api/dossiers/${d.id}/approve`, {}));
    const res = await resultOfficer.post(`/api/dossiers/${d.id}/issue-result`, { electronic: true });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'result.tsa_unavailable', titles: { vi: expect.stringContaining('dấu thời gian') } });
    expect(ok(await citizen.get(`/api/dossiers/${d.id}`)).state).toBe('approved');
    expect(ok(await citizen.get(`/api/dossiers/${d.id}/results`)).items).toEqual([]);
  });
});
