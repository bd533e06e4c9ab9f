import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';

/** Reads that decide a write happen inside its transaction; a retried request gets its first answer. */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;

/** Runs `hook` once, the next time the catalogue validates a dossier's data (the data has then been read). */
let onValidate: ((args: unknown[]) => Promise<void>) | null = null;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  const catalog = p.services.catalog;
  const validate = catalog.validateData.bind(catalog);
  catalog.validateData = (async (...args: Parameters<typeof validate>) => {
    const result = await validate(...args);
    const hook = onValidate;
    onValidate = null;
    if (hook) await hook(args);
    return result;
  }) as typeof catalog.validateData;
});
afterAll(() => p.close());

async function readyDraft() {
  const data = await sampleData(p);
  const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data }), 201);
  ok(await upload(citizen, d.id, 'personal-records'), 201);
  return { id: d.id as string, data: d.data as Record<string, unknown> };
}

describe('submit and a concurrent draft save', () => {
  it('never loses a save answered 200: it is either in the filed data or refused (409 not_draft)', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await readyDraft();
    const changed = 'Lý do đã sửa trong lúc nộp hồ sơ.';
    const order: string[] = [];
    let save: Promise<Awaited<ReturnType<TestClient['patch']>>> | null = null;
    // The save arrives just after submit has read and validated the draft. When that read was made in submit's
    // transaction (the row is locked: the 4th argument is the transaction), the save waits for the lock and is
    // answered after the submission; if it was not, nothing stops the save from committing in between.
    onValidate = async (args) => {
      save = citizen.patch(`/api/dossiers/${d.id}`, { data: { ...d.data, reason: changed } }).then((r) => {
        order.push('save');
        return r;
      });
      if (args[3] === undefined) await save;
    };
    const submitted = await citizen.post(`/api/dossiers/${d.id}/submit`);
    order.push('submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(save).not.toBeNull();
    const saved = await save!;
    const filed = ok(await citizen.get(`/api/dossiers/${d.id}`));
    if (saved.statusCode === 200) expect(filed.data.reason, 'a save answered 200 was overwritten by the submission').toBe(changed);
    else expectProblem(saved, 409, 'dossier.not_draft');
    expect(filed.state).toBe('submitted');
  });
});

describe('Idempotency-Key on submit and actions', () => {
  it('replays a committed submission with its first answer (not 409)', async () => {
    p.clock.set(vn('2026-03-02T10:00'));
    const d = await readyDraft();
    const first = await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, { 'idempotency-key': `submit-${d.id}` });
    expect(first.statusCode, first.body).toBe(200);
    const again = await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, { 'idempotency-key': `submit-${d.id}` });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // Without the key, a second submission is refused by the machine.
    expectProblem(await citizen.post(`/api/dossiers/${d.id}/submit`), 409, 'dossier.state_not_permitted');
  });

  it('replays a committed action with its first answer; the same key with another body is 422', async () => {
    p.clock.set(vn('2026-03-02T11:00'));
    const d = await readyDraft();
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
    const desk = await p.loginAs('tiepnhan.hongbang');
    const key = { 'idempotency-key': `refuse-${d.id}` };
    const first = await desk.post(`/api/dossiers/${d.id}/refuse-reception`, { reason: 'Không thuộc thẩm quyền' }, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().state).toBe('refused');
    const again = await desk.post(`/api/dossiers/${d.id}/refuse-reception`, { reason: 'Không thuộc thẩm quyền' }, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectProblem(await desk.post(`/api/dossiers/${d.id}/refuse-reception`, { reason: 'Lý do khác' }, key), 422, 'idempotency.key_reused');
    const detail = ok(await desk.get(`/api/dossiers/${d.id}`));
    expect(detail.timeline.filter((t: { type: string }) => t.type === 'refuse_reception')).toHaveLength(1);
  });
});
