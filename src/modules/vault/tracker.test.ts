import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient, principalOf } from '../../../test/support/identity/citizens';

const AN = '031085001234';
const BINH = '031190004567';

let p: TestPlatform;
let officer: TestClient;
let system: TestClient;
let an: TestClient;
let binh: TestClient;
let communeAgency: string;
let rootAgency: string;

beforeAll(async () => {
  p = await startTestPlatform();
  p.clock.set('2026-08-03T02:00:00Z');
  officer = await p.loginAs('chuyenvien.hongbang');
  communeAgency = (await principalOf(p, officer)).grants[0].agencyId;
  const admin = await p.loginAs('admin');
  rootAgency = ((await p.anonymous().get('/api/agencies')).json() as any[]).find((a) => !a.parentId).id;
  const acc = await admin.post('/api/admin/accounts', { kind: 'system', username: 'lgsp.gateway', displayName: 'Cổng kết nối LGSP', grants: [{ role: 'specialist', agencyId: rootAgency, includeSubAgencies: false }] });
  system = new TestClient(p, { bearer: (await admin.post(`/api/admin/accounts/${acc.json().id}/tokens`, { label: 'lgsp' })).json().token });
  const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200);
  // Reads of An's data over three days, by two agencies (sessions re-opened each day: they expire when idle).
  ok(await officer.get(`/api/registry/population/${AN}?purpose=dossier_processing&dossierId=HS-1`));
  p.clock.set('2026-08-04T02:00:00Z');
  ok(await system.get(`/api/registry/population/${AN}?purpose=prefill&fields=fullName,birthDate`));
  ok(await system.post(`/api/registry/population/${AN}/match?purpose=verification&dossierId=HS-2`, { fullName: 'Nguyễn Văn An' }));
  p.clock.set('2026-08-05T02:00:00Z');
  officer = await p.loginAs('chuyenvien.hongbang');
  for (let i = 0; i < 5; i++) ok(await officer.get(`/api/registry/population/${AN}?purpose=verification&dossierId=HS-${10 + i}&fields=fullName`));
  ok(await officer.get(`/api/registry/population/${BINH}?purpose=verification&dossierId=HS-99`));
  an = await citizenClient(p, AN);
  binh = await citizenClient(p, BINH);
});
afterAll(() => p.close());

describe('data tracker (GET /api/me/data-access)', () => {
  it('shows every read of my data, newest first, with agency, system, purpose, dossier and sensitivity', async () => {
    const res = await an.get('/api/me/data-access?limit=100');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(8);
    expect(items.every((i: any) => i.subject.id === AN)).toBe(true);
    const last = items[items.length - 1];
    expect(last).toMatchObject({ purpose: 'dossier_processing', dossierId: 'HS-1', dossierCode: 'HS-1', accessorKind: 'officer', client: 'MotCua back office', sensitive: true, operation: 'lookup', source: 'population' });
    expect(last.agency).toMatchObject({ id: communeAgency });
    expect(last.agency.name).toBeTruthy();
    const prefill = items.find((i: any) => i.purpose === 'prefill');
    expect(prefill).toMatchObject({ client: 'Cổng kết nối LGSP', sensitive: false, fields: ['fullName', 'birthDate'], accessorKind: 'system' });
    expect(prefill.agency.id).toBe(rootAgency);
    expect(items.find((i: any) => i.operation === 'match')).toMatchObject({ purpose: 'verification', dossierId: 'HS-2' });
    for (let i = 1; i < items.length; i++) expect(items[i - 1].at >= items[i].at).toBe(true);
  });

  it('filters by date range, purpose and agency', async () => {
    const day = (await an.get('/api/me/data-access?from=2026-08-04T00:00:00Z&to=2026-08-05T00:00:00Z')).json().items;
    expect(day).toHaveLength(2);
    const purpose = (await an.get('/api/me/data-access?purpose=verification')).json().items;
    expect(purpose).toHaveLength(6);
    const agency = (await an.get(`/api/me/data-access?agencyId=${rootAgency}`)).json().items;
    expect(agency).toHaveLength(2);
    expectProblem(await an.get('/api/me/data-access?from=2026-08-05T00:00:00Z&to=2026-08-04T00:00:00Z'), 400, 'vault.bad_range');
    expectProblem(await an.get('/api/me/data-access?from=yesterday'), 400);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await an.get(`/api/me/data-access?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((i: any) => `${i.at}|${i.dossierId}|${i.operation}`));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expectProblem(await an.get('/api/me/data-access?cursor=bm90LWEtY3Vyc29y'), 400, 'vault.bad_cursor');
  });

  it('never shows one citizen another’s reads; officers and systems have no tracker', async () => {
    const items = (await binh.get('/api/me/data-access')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ subject: { type: 'person', id: BINH }, dossierId: 'HS-99' });
    // No parameter selects another subject: unknown parameters are refused.
    expectProblem(await binh.get(`/api/me/data-access?personalId=${AN}`), 400);
    expectProblem(await officer.get('/api/me/data-access'), 403);
    expectProblem(await system.get('/api/me/data-access'), 403);
    expectProblem(await p.anonymous().get('/api/me/data-access'), 401);
  });
});
