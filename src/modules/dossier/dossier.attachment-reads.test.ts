import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PDF, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';

/**
 * Every officer's read of a citizen's attachment is an access record in the data subject's tracker: who, which
 * agency, purpose = the dossier code (Law 91/2025: the subject knows who processed his data).
 */
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

// The reads of the dossier's files (the draft's registry prefill is in the tracker under the dossier too).
const tracker = async (dossierId: string) => ok(await citizen.get('/api/me/data-access?limit=100')).items.filter((i: { dossierId: string | null; source: string }) => i.dossierId === dossierId && i.source === 'dossier-attachment');

describe('officers’ downloads of attachments', () => {
  it('each write an access record in the subject’s tracker (who, agency, purpose = dossier code); the citizen’s own do not', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    const detail = ok(await citizen.get(`/api/dossiers/${d.id}`));
    const file = detail.attachments[0];
    expect(file).toMatchObject({ documentId: 'personal-records' });
    const url = `/api/dossiers/${d.id}/attachments/${file.id}`;

    // The applicant reading his own file is not an access by the administration.
    const own = await citizen.get(url);
    expect(own.statusCode).toBe(200);
    expect(await tracker(d.id)).toEqual([]);

    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    p.clock.set(vn('2026-03-02T09:30'));
    const got = await desk.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    const [entry] = await tracker(d.id);
    expect(entry).toMatchObject({
      at: vn('2026-03-02T09:30').toISOString(),
      subject: { type: 'person', id: CITIZEN },
      purpose: d.code,
      dossierId: d.id,
      agency: { id: hb, code: HONG_BANG },
      accessorKind: 'officer',
      fields: ['attachment'], // shown as "Tệp giấy tờ đính kèm"; the dossier code is the purpose
      logEntry: expect.stringMatching(/^data_access:\d+$/),
    });
    expect(d.code).toMatch(/^000\.00\.21\.H38-260302-\d{4}$/);

    // A second read, by another officer, is a second record; filtering by the dossier code as purpose finds both.
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    p.clock.set(vn('2026-03-02T10:00'));
    expect((await specialist.get(url)).statusCode).toBe(200);
    expect(await tracker(d.id)).toHaveLength(2);
    const byPurpose = ok(await citizen.get(`/api/me/data-access?purpose=${encodeURIComponent(d.code)}`)).items;
    expect(byPurpose.map((i: { at: string }) => i.at)).toEqual([vn('2026-03-02T10:00').toISOString(), vn('2026-03-02T09:30').toISOString()]);

    // A refused read (an officer of another agency) writes nothing.
    const other = await p.loginAs('tiepnhan.tuphap');
    expect((await other.get(url)).statusCode).toBe(403);
    expect(await tracker(d.id)).toHaveLength(2);
  });
});
