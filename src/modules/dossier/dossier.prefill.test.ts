import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { HONG_BANG, PDF, agencyId, citizenClient, multipartBody, ok, sampleData, startDossierPlatform, vn } from '../../../test/support/dossier';

/** Once-only: registry prefill of drafts, the data store and its reuse in dossiers. */
const AN = '031085001234'; // Nguyễn Văn An, male, married to Bình
const BINH = '031190004567'; // Trần Thị Bình, female
const DUNG = '031195007891'; // Phạm Thị Dung, unrelated

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let binh: TestClient;
let an: TestClient;
let dung: TestClient;

const consent = (c: TestClient, given: boolean) => c.post('/api/me/consents/prefill', { noticeVersion: 1, given });
const draft = async (c: TestClient, procedure: string, data: Record<string, unknown> = {}) => ok(await c.post('/api/dossiers', { procedure, agencyId: hb, data }), 201);
const storeUpload = (c: TestClient, fields: Record<string, string>, bytes = PDF) => {
  const { payload, contentType } = multipartBody(fields, { name: 'giay-chung-sinh.pdf', type: 'application/pdf', bytes });
  return c.request('POST', '/api/me/store', payload, { 'content-type': contentType });
};

beforeAll(async () => {
  p = await startDossierPlatform();
  p.clock.set(vn('2026-03-02T09:00'));
  hb = await agencyId(p, HONG_BANG);
  binh = await citizenClient(p, BINH);
  an = await citizenClient(p, AN);
  dung = await citizenClient(p, DUNG);
});
afterAll(() => p?.close());

describe('registry prefill', () => {
  it('fills and locks the applicant’s and the parents’ data for a birth registration (with consent)', async () => {
    ok(await consent(binh, true));
    const d = await draft(binh, 'birth-registration', { applicantFullName: 'Tên Khác', applicantPhone: '0912345678' });
    // The registry's value replaces what the client sent for a locked field.
    expect(d.data.applicantFullName).toBe('Trần Thị Bình');
    expect(d.data.applicantPersonalId).toBe(BINH);
    expect(d.data.applicantDateOfBirth).toBe('1990-07-22');
    expect(d.prefilled.applicantFullName).toMatchObject({ source: 'population', editable: false, readOnly: true, binding: 'population.fullName', sourceLabel: { vi: 'Cơ sở dữ liệu quốc gia về dân cư' } });
    expect(d.prefilled.applicantAddress).toMatchObject({ source: 'population', editable: true, readOnly: false });
    // The child's mother is the applicant, the father her spouse (by sex).
    expect(d.data.motherFullName).toBe('Trần Thị Bình');
    expect(d.data.motherPersonalId).toBe(BINH);
    expect(d.prefilled.fatherFullName).toMatchObject({ value: 'Nguyễn Văn An', editable: false });
    expect(d.prefilled.marriageCertificateNumber.value).toMatch(/^KH\d{5}-2014-/);
    // Hidden until "declare the father" is ticked: offered in `prefilled`, not put in the data.
    expect(d.data.fatherFullName).toBeUndefined();
    expect(d.prefillSkipped.some((s: any) => s.field === 'applicantPhone' && s.reason === 'not_available')).toBe(true);
    expect(d.data.applicantPhone).toBe('0912345678');

    // Ticking the father's and the marriage boxes brings the locked values in.
    const u = ok(await binh.patch(`/api/dossiers/${d.id}`, { data: { ...d.data, fatherKnown: true, parentsMarried: true } }));
    expect(u.data.fatherFullName).toBe('Nguyễn Văn An');
    expect(u.data.fatherPersonalId).toBe(AN);
    expect(u.data.marriageCertificateNumber).toBe(d.prefilled.marriageCertificateNumber.value);
    const detail = ok(await binh.get(`/api/dossiers/${d.id}`));
    expect(Object.keys(detail.prefilled)).toEqual(expect.arrayContaining(['applicantFullName', 'motherFullName', 'fatherFullName']));

    // Every registry read is in the subject's tracker, with purpose and dossier.
    const mine = ok(await binh.get('/api/me/data-access?purpose=prefill')).items.filter((i: any) => i.dossierId === d.id);
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({ source: 'population', purpose: 'prefill', subject: { type: 'person', id: BINH }, dossierCode: null }); // a draft has no code yet
    expect(mine[0].fields).toEqual(expect.arrayContaining(['fullName', 'birthDate', 'marriage']));
    expect(mine[0].sensitive).toBe(true); // the mother's ethnicity
    const his = ok(await an.get('/api/me/data-access?purpose=prefill')).items.filter((i: any) => i.dossierId === d.id);
    expect(his.length).toBe(1);
    expect(his[0]).toMatchObject({ subject: { type: 'person', id: AN }, purpose: 'prefill' });
    expect(his[0].fields).toEqual(expect.arrayContaining(['fullName', 'birthDate']));
  });

  it('refuses a tampered locked value on update (422 registry_mismatch) but accepts a change to an editable one', async () => {
    const d = await draft(binh, 'birth-registration');
    const bad = expectProblem(await binh.patch(`/api/dossiers/${d.id}`, { data: { ...d.data, applicantFullName: 'Người Khác', motherPersonalId: '031190009999' } }), 422, 'dossier.invalid_data');
    expect(bad.errors.map((e: any) => [e.field, e.code])).toEqual(expect.arrayContaining([['applicantFullName', 'registry_mismatch'], ['motherPersonalId', 'registry_mismatch']]));
    const fine = ok(await binh.patch(`/api/dossiers/${d.id}`, { data: { ...d.data, applicantAddress: 'Số 5 Lạch Tray, Hải Phòng' } }));
    expect(fine.data.applicantAddress).toBe('Số 5 Lạch Tray, Hải Phòng');
    // Left out, a locked value is put back by the server.
    const { applicantFullName: _dropped, ...rest } = d.data;
    expect(ok(await binh.patch(`/api/dossiers/${d.id}`, { data: rest })).data.applicantFullName).toBe('Trần Thị Bình');
  });

  it('does not prefill relatives’ data once consent is withdrawn; the applicant’s own identity still comes', async () => {
    ok(await consent(an, false));
    const before = ok(await binh.get('/api/me/data-access?purpose=prefill')).items.length;
    const d = await draft(an, 'birth-registration');
    expect(d.data.applicantFullName).toBe('Nguyễn Văn An');
    expect(d.prefilled.motherFullName).toBeUndefined();
    expect(d.prefilled.fatherFullName).toBeUndefined();
    expect(d.prefillSkipped).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'motherFullName', reason: 'consent_required', purpose: 'prefill' })]));
    // No read of the spouse's record.
    expect(ok(await binh.get('/api/me/data-access?purpose=prefill')).items.length).toBe(before);
    ok(await consent(an, true));
    ok(await consent(an, false));
    expect((await draft(an, 'birth-registration')).prefilled.fatherFullName).toBeUndefined();
  });
});

describe('data store', () => {
  let resultItem: any;

  it('adds an electronic marriage result to the citizen’s store; it cannot be deleted', async () => {
    const desk = await p.loginAs('tiepnhan.hongbang');
    const specialist = await p.loginAs('chuyenvien.hongbang');
    const approver = await p.loginAs('lanhdao.hongbang');
    const resultOfficer = await p.loginAs('trakq.hongbang');
    const d = await draft(binh, 'marriage-registration', await sampleData(p, 'marriage-registration'));
    ok(await binh.post(`/api/dossiers/${d.id}/submit`));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    ok(await specialist.post(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' }));
    ok(await approver.post(`/api/dossiers/${d.id}/approve`, {}));
    ok(await resultOfficer.post(`/api/dossiers/${d.id}/issue-result`, { electronic: true }));
    const store = ok(await binh.get('/api/me/store?documentType=marriage-certificate'));
    expect(store.items).toHaveLength(1);
    resultItem = store.items[0];
    expect(resultItem).toMatchObject({ source: 'result', dossierId: d.id, deletable: false, contentType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await binh.get(`/api/me/store/${resultItem.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const refused = expectProblem(await binh.request('DELETE', `/api/me/store/${resultItem.id}`), 409, 'store.not_deletable');
    expect(refused.details).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
  });

  it('offers the marriage certificate for a birth registration and attaches it with one click, flagged as from the store', async () => {
    const d = await draft(binh, 'birth-registration');
    const s = ok(await binh.get(`/api/dossiers/${d.id}/store-suggestions`));
    const marriage = s.documents.find((x: any) => x.documentId === 'marriage-certificate');
    expect(marriage.items.map((i: any) => i.id)).toContain(resultItem.id);
    expect(marriage.attachedFromStore).toBe(false);
    expect(s.documents.map((x: any) => x.documentId)).toContain('birth-certificate');
    // Only the owner's items; only documents that may come from the store.
    expectProblem(await dung.post(`/api/dossiers/${d.id}/attachments/from-store`, { documentId: 'marriage-certificate', storeItemId: resultItem.id }), 404);
    const dungDraft = await draft(dung, 'birth-registration');
    expectProblem(await dung.post(`/api/dossiers/${dungDraft.id}/attachments/from-store`, { documentId: 'marriage-certificate', storeItemId: resultItem.id }), 404, 'store.not_found');
    expectProblem(await binh.post(`/api/dossiers/${d.id}/attachments/from-store`, { documentId: 'birth-witness', storeItemId: resultItem.id }), 422, 'dossier.document_not_from_store');
    const a = ok(await binh.post(`/api/dossiers/${d.id}/attachments/from-store`, { documentId: 'marriage-certificate', storeItemId: resultItem.id }), 201);
    expect(a).toMatchObject({ source: 'store', storeItemId: resultItem.id, fromDataStore: true, sha256: resultItem.sha256 });
    const detail = ok(await binh.get(`/api/dossiers/${d.id}`));
    expect(detail.attachments.find((x: any) => x.id === a.id)).toMatchObject({ source: 'store', storeItemId: resultItem.id });
    expect(ok(await binh.get(`/api/dossiers/${d.id}/store-suggestions`)).documents.find((x: any) => x.documentId === 'marriage-certificate').attachedFromStore).toBe(true);
    expect((await binh.get(`/api/dossiers/${d.id}/attachments/${a.id}`)).statusCode).toBe(200);
  });

  it('reuses an uploaded document in a new dossier; the owner may delete it, nobody else may see it', async () => {
    const up = ok(await storeUpload(an, { documentType: 'birth-notice', title: 'Giấy chứng sinh', issuer: 'Bệnh viện Phụ sản Hải Phòng' }), 201);
    expect(up).toMatchObject({ source: 'uploaded', deletable: true, documentType: 'birth-notice', issuer: 'Bệnh viện Phụ sản Hải Phòng' });
    expectProblem(await storeUpload(an, { documentType: 'birth-notice' }, Buffer.from('not a pdf')), 415, 'store.file_type');
    const d = await draft(an, 'birth-registration');
    const s = ok(await an.get(`/api/dossiers/${d.id}/store-suggestions`));
    expect(s.documents.find((x: any) => x.documentId === 'birth-certificate').items.map((i: any) => i.id)).toEqual([up.id]);
    const a = ok(await an.post(`/api/dossiers/${d.id}/attachments/from-store`, { documentId: 'birth-certificate', storeItemId: up.id }), 201);
    expect(a.fromDataStore).toBe(true);

    // Another citizen: no list entry, no download, no delete, no suggestions on someone else's dossier.
    expect(ok(await dung.get('/api/me/store')).items.map((i: any) => i.id)).not.toContain(up.id);
    expectProblem(await dung.get(`/api/me/store/${up.id}`), 404, 'store.not_found');
    expectProblem(await dung.request('DELETE', `/api/me/store/${up.id}`), 404, 'store.not_found');
    expectProblem(await dung.get(`/api/dossiers/${d.id}/store-suggestions`), 404);
    // An enterprise's store: only its legal representative.
    expectProblem(await dung.get('/api/me/store?enterpriseCode=0200123456'), 403, 'store.not_representative');

    expect((await an.request('DELETE', `/api/me/store/${up.id}`)).statusCode).toBe(204);
    expect(ok(await an.get('/api/me/store')).items.map((i: any) => i.id)).not.toContain(up.id);
  });

  it('keeps an attachment of my dossier in my store', async () => {
    const d = await draft(dung, 'birth-re-registration', await sampleData(p));
    const { payload, contentType } = multipartBody({ documentId: 'personal-records' }, { name: 'ho-so.pdf', type: 'application/pdf', bytes: PDF });
    const att = ok(await dung.request('POST', `/api/dossiers/${d.id}/attachments`, payload, { 'content-type': contentType }), 201);
    expectProblem(await binh.post('/api/me/store/keep', { dossierId: d.id, attachmentId: att.id }), 404);
    const kept = ok(await dung.post('/api/me/store/keep', { dossierId: d.id, attachmentId: att.id }), 201);
    expect(kept).toMatchObject({ source: 'uploaded', dossierId: d.id, documentType: 'personal-records', sha256: att.sha256 });
  });
});
