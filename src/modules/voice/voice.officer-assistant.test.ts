import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, startDossierPlatform, submittedDossier } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let reception: TestClient;
let specialist: TestClient;
let otherWard: TestClient;
let citizen: TestClient;
let dossier: { id: string; code: string };

const ask = (c: TestClient, q: string, dossierId?: string) => c.get(`/api/officer/assistant?q=${encodeURIComponent(q)}${dossierId ? `&dossierId=${dossierId}` : ''}`);

beforeAll(async () => {
  p = await startDossierPlatform();
  const hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  dossier = await submittedDossier(p, citizen, hb);
  reception = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  otherWard = await p.loginAs('tiepnhan.tuphap');
});
afterAll(() => p?.close());

describe('the officers’ assistant (GET /api/officer/assistant)', () => {
  it('names the legal basis of a procedure found from the question, cited to the procedure page', async () => {
    const a = ok(await ask(reception, 'can cu phap ly cua thu tuc dang ky lai khai sinh'));
    expect(a.kind).toBe('legal');
    expect(a.procedure).toMatchObject({ key: PROCEDURE, link: `/thu-tuc/${PROCEDURE}` });
    expect(a.legalBases).toContain('Luật Hộ tịch số 60/2014/QH13');
    expect(a.text.vi).toContain('Luật Hộ tịch số 60/2014/QH13');
    // The fee rules' texts are among the procedure's here: named once, not again under the fees.
    expect(a.text.vi.split('Thông tư 85/2019/TT-BTC')).toHaveLength(2);
    expect(a.text.vi).not.toContain('Phí, lệ phí theo');
    expect(a.citations).toContainEqual({ title: { vi: 'Căn cứ pháp lý: Đăng ký lại khai sinh', en: 'Legal basis: Re-registration of a birth' }, href: `/thu-tuc/${PROCEDURE}#can-cu` });
  });

  it('explains a form field of the dossier’s own procedure version: required or not, and the registry it is prefilled from', async () => {
    const a = ok(await ask(specialist, 'truong noi cu tru nghia la gi', dossier.id));
    expect(a.kind).toBe('field');
    expect(a.field).toMatchObject({ name: 'applicantAddress', label: { vi: 'Nơi cư trú' }, binding: 'population.permanentAddress' });
    expect(a.text.vi).toContain('Được điền sẵn từ cơ sở dữ liệu');
    expect(a.citations[0].href).toBe(`/thu-tuc/${PROCEDURE}/nop`);
    // A typo in the label still finds it.
    expect(ok(await ask(specialist, 'o ly do dang ky lai can ghi gi', dossier.id)).field?.name).toBe('reason');
  });

  it('says what the workflow allows the caller now on a dossier, with links to the actions’ pages', async () => {
    const a = ok(await ask(reception, 'ho so nay toi lam gi tiep', dossier.id));
    expect(a.kind).toBe('workflow');
    expect(a.dossier).toMatchObject({ id: dossier.id, code: dossier.code, state: 'submitted', link: `/can-bo/ho-so/${dossier.id}` });
    const types = a.actions.map((x: { type: string }) => x.type);
    expect(types).toContain('receive');
    expect(types).toContain('refuse_reception');
    expect(a.actions.find((x: { type: string }) => x.type === 'receive')).toMatchObject({ label: { vi: 'Tiếp nhận' }, link: `/can-bo/ho-so/${dossier.id}/thao-tac/tiep-nhan` });
    expect(a.text.vi).toContain('Tiếp nhận');
    expect(a.citations.map((c: { title: { vi: string } }) => c.title.vi).join(' ')).toContain('Nghị định 118/2025/NĐ-CP');
    // The specialist of the same ward may not receive it: the machine's answer for her roles, not a generic list.
    expect(ok(await ask(specialist, 'tiep theo lam gi', dossier.id)).actions.map((x: { type: string }) => x.type)).not.toContain('receive');
  });

  it('reads the dossier with the caller’s rights, and is for officers only', async () => {
    expectProblem(await ask(otherWard, 'tiep theo lam gi', dossier.id), 403, 'dossier.out_of_jurisdiction');
    expectProblem(await ask(reception, 'tiep theo lam gi', '00000000-0000-4000-8000-000000000000'), 404, 'dossier.not_found');
    expect((await ask(citizen, 'can cu phap ly dang ky lai khai sinh')).statusCode).toBe(403);
    expect((await ask(p.anonymous(), 'can cu phap ly dang ky lai khai sinh')).statusCode).toBe(401);
    const none = ok(await ask(reception, 'xyzzy qwerty'));
    expect(none).toMatchObject({ kind: 'no_answer', procedure: null, citations: [] });
  });
});
