import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/support/platform';
import { HONG_BANG, agencyId, citizenClient, ok, startDossierPlatform, vn } from '../../../test/support/dossier';

/**
 * A relative's data (the spouse, as the child's father) is prefilled on the applicant's consent only while the
 * relative has not withdrawn his own consent to prefill (Law 91/2025: consent can be withdrawn, per data subject).
 */
const AN = '031085001234'; // Nguyễn Văn An, male, married to Bình
const BINH = '031190004567'; // Trần Thị Bình, female

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let binh: TestClient;
let an: TestClient;

const consent = (c: TestClient, given: boolean) => c.post('/api/me/consents/prefill', { noticeVersion: 1, given });
const draft = async (c: TestClient) => ok(await c.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data: {} }), 201);
const readsOf = async (c: TestClient, dossierId: string) => ok(await c.get('/api/me/data-access?limit=100')).items.filter((i: { dossierId: string | null }) => i.dossierId === dossierId);

beforeAll(async () => {
  p = await startDossierPlatform();
  p.clock.set(vn('2026-03-02T09:00'));
  hb = await agencyId(p, HONG_BANG);
  binh = await citizenClient(p, BINH);
  an = await citizenClient(p, AN);
});
afterAll(() => p?.close());

describe('a relative’s own withdrawal of prefill consent', () => {
  it('is respected: the spouse’s data is not read nor logged, the form is told why; the applicant’s own data still comes', async () => {
    ok(await consent(binh, true));
    // The spouse never decided: his data comes on the applicant's consent (and is logged in his tracker).
    const before = await draft(binh);
    expect(before.prefilled.fatherFullName).toMatchObject({ value: 'Nguyễn Văn An' });
    expect(await readsOf(an, before.id)).toHaveLength(1);

    // He consents, then withdraws.
    ok(await consent(an, true));
    ok(await consent(an, false));
    p.clock.set(vn('2026-03-02T09:10'));
    const d = await draft(binh);
    expect(d.prefilled.fatherFullName).toBeUndefined();
    expect(d.prefilled.fatherPersonalId).toBeUndefined();
    expect(d.prefillSkipped).toEqual(
      expect.arrayContaining([
        { field: 'fatherFullName', binding: 'parent.father.fullName', reason: 'withdrawn_by_subject', purpose: 'prefill' },
        expect.objectContaining({ field: 'fatherPersonalId', reason: 'withdrawn_by_subject' }),
      ]),
    );
    // The applicant's own data (she is the mother) and the marriage record still come.
    expect(d.data.applicantFullName).toBe('Trần Thị Bình');
    expect(d.data.motherFullName).toBe('Trần Thị Bình');
    expect(d.prefilled.marriageCertificateNumber.value).toMatch(/^KH\d{5}-2014-/);
    // No read of his record is logged in his tracker; hers is.
    expect(await readsOf(an, d.id)).toEqual([]);
    expect(await readsOf(binh, d.id)).toHaveLength(1);
    // Ticking "declare the father" does not bring his data either; the detail keeps the reason.
    const u = ok(await binh.patch(`/api/dossiers/${d.id}`, { data: { fatherKnown: true } }));
    expect(u.data.fatherFullName).toBeUndefined();
    expect(ok(await binh.get(`/api/dossiers/${d.id}`)).prefillSkipped).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'fatherFullName', reason: 'withdrawn_by_subject' })]));
    expect(await readsOf(an, d.id)).toEqual([]);

    // Consenting again, his data comes again.
    ok(await consent(an, true));
    p.clock.set(vn('2026-03-02T09:20'));
    const again = await draft(binh);
    expect(again.prefilled.fatherFullName).toMatchObject({ value: 'Nguyễn Văn An' });
    expect(await readsOf(an, again.id)).toHaveLength(1);
  });
});
