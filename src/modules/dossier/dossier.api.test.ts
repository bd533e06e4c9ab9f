import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';
import { errorRegistry } from '../../platform/http/errors';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { applyEvent, availableActions, factsOf, type Action } from '../../shared/dossier';
import { DOSSIER_EXAMPLES, DossierViewSchema, DraftViewSchema } from '../../shared/api/dossier';
import { dossierActions, dossiers } from './dossier.schema';

/** The dossier API's contract: PATCH semantics, the machine's facts, old history rows, the OpenAPI document. */
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

describe('PATCH /api/dossiers/:id is a JSON Merge Patch (RFC 7396) of the data', () => {
  it('changes only the members it names, removes those set to null, keeps the others', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const data = await sampleData(p);
    const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data }), 201);
    expect(d.data.reason).toBe(data.reason);
    // A partial save: one member changed, the rest kept (it used to replace the whole data).
    const partial = ok(await citizen.patch(`/api/dossiers/${d.id}`, { data: { reason: 'Lý do mới' } }));
    expect(partial.data).toEqual({ ...d.data, reason: 'Lý do mới' });
    // null removes a member; the answer is the stored draft.
    const removed = ok(await citizen.patch(`/api/dossiers/${d.id}`, { data: { subjectBirthPlace: null } }));
    expect(removed.data.subjectBirthPlace).toBeUndefined();
    expect(removed.data.reason).toBe('Lý do mới');
    expect(ok(await citizen.get(`/api/dossiers/${d.id}`)).data).toEqual(removed.data);
    // The merge-patch media type is accepted too.
    const typed = ok(
      await citizen.request('PATCH', `/api/dossiers/${d.id}`, JSON.stringify({ data: { subjectBirthPlace: 'Hải Phòng' } }), { 'content-type': 'application/merge-patch+json' }),
    );
    expect(typed.data).toEqual({ ...removed.data, subjectBirthPlace: 'Hải Phòng' });
    // The merged data is validated: a wrong value is refused, the stored data unchanged.
    expectProblem(await citizen.patch(`/api/dossiers/${d.id}`, { data: { subjectDateOfBirth: 'not a date' } }), 422, 'dossier.invalid_data');
    expect(ok(await citizen.get(`/api/dossiers/${d.id}`)).data).toEqual(typed.data);
    // A locked registry value removed by the patch is put back by the server.
    expect(ok(await citizen.patch(`/api/dossiers/${d.id}`, { data: { applicantFullName: null } })).data.applicantFullName).toBe(d.data.applicantFullName);
  });
});

describe('the machine’s facts in the API', () => {
  it('come with the caller’s view, and give the same buttons with the shared machine', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    const received = ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    const view = ok(await specialist.get(`/api/dossiers/${d.id}`));
    const me = ok(await specialist.get('/api/auth/session'));
    expect(view.facts).toEqual(factsOf(await projectionOf(d.id), { actorId: me.accountId, now: view.facts.now, dueSoonFrom: received.dueSoonAt }));
    expect(view.facts).toMatchObject({ isAssignee: true, hasAssignee: true, hasBeenReceived: true, supplementRequestedCount: 0 });
    expect(view.availableActions).toEqual(availableActions(view.state, 'specialist', view.facts));
    expect(view.availableActions).toContain('hand_back');
    // Citizens get theirs too.
    const mine = ok(await citizen.get(`/api/dossiers/${d.id}`));
    expect(mine.facts.isAssignee).toBe(false);
    expect(mine.availableActions).toEqual(availableActions(mine.state, 'applicant', mine.facts));
  });
});

async function projectionOf(id: string) {
  const [row] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
  return row.projection;
}

describe('hand-back, an action of the machine', () => {
  it('clears the assignee, is a form-06 hand-off and its own event', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    const back = ok(await specialist.post(`/api/dossiers/${d.id}/hand-back`, { reason: 'Nghỉ phép' }));
    expect(back).toMatchObject({ state: 'processing', assigneeId: null });
    expect(back.availableActions).not.toContain('hand_back');
    const entry = ok(await specialist.get(`/api/dossiers/${d.id}`)).timeline.at(-1);
    expect(entry).toMatchObject({ type: 'hand_back', label: { vi: 'Trả lại để phân công lại' }, comment: 'Nghỉ phép', forms: ['06'], payload: { type: 'hand_back', reason: 'Nghỉ phép' } });
    expect(['early', 'on_time', 'late']).toContain(entry.handOff);
    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, d.id));
    expect(events.map((e) => e.type)).toContain('dossier.handed_back');
    expectProblem(await specialist.post(`/api/dossiers/${d.id}/hand-back`, {}), 403, 'dossier.not_assignee');
  });

  it('reads an old hand-back (a comment tagged kind: hand_back) as a hand-back, without rewriting history', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    const d = await submittedDossier(p, citizen, hb);
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    // What the server stored before hand_back was an action of its own.
    const [row] = await p.ctx.db.select().from(dossiers).where(eq(dossiers.id, d.id));
    const legacy = { type: 'comment', text: 'Trả lại hồ sơ để phân công lại', kind: 'hand_back' };
    const at = vn('2026-03-02T10:00');
    const projection = applyEvent(row.projection, { action: legacy as unknown as Action, at: at.toISOString(), actor: { role: 'specialist', id: row.assigneeId } });
    await p.ctx.db.transaction(async (tx) => {
      await tx.insert(dossierActions).values({ dossierId: d.id, seq: row.eventCount, type: 'comment', payload: legacy, fromState: 'processing', toState: 'processing', actorAccountId: row.assigneeId, actorRole: 'specialist', actorName: 'Chuyên viên', agencyId: row.agencyId, at, comment: null });
      await tx.update(dossiers).set({ projection, eventCount: projection.eventCount, assigneeId: null, updatedAt: at }).where(eq(dossiers.id, d.id));
    });
    const detail = ok(await specialist.get(`/api/dossiers/${d.id}`));
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'hand_back', label: { vi: 'Trả lại để phân công lại', en: 'Hand back for reassignment' }, payload: legacy });
    expect(detail.assigneeId).toBeNull();
    expect(ok(await p.anonymous().get(`/api/public/dossiers/${d.code}`)).timeline.at(-1).type).toBe('hand_back');
    // The stored row is as it was; the list goes on after it.
    const [stored] = await p.ctx.db.select().from(dossierActions).where(and(eq(dossierActions.dossierId, d.id), eq(dossierActions.seq, row.eventCount)));
    expect(stored.type).toBe('comment');
    p.clock.set(vn('2026-03-02T10:30'));
    ok(await specialist.post(`/api/dossiers/${d.id}/comments`, { text: 'Tiếp tục' }));
  });
});

describe('reads through the transaction', () => {
  it('files for an enterprise: the business register is read in the draft’s transaction', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    // A business procedure offered online (Department of Home Affairs).
    const homeAffairs = await agencyId(p, '000.00.04.H38');
    const d = ok(await citizen.post('/api/dossiers', { procedure: 'foreign-worker-work-permit', agencyId: homeAffairs, onBehalfOf: { type: 'business', enterpriseCode: '0201234567' } }), 201);
    expect(d.subject).toMatchObject({ type: 'business', id: '0201234567' });
    expect(d.agent).toMatchObject({ name: 'Nguyễn Văn An' });
  });
});

describe('OpenAPI', () => {
  it('gives every dossier operation an id, a description, its success schema and its declared error codes', async () => {
    const doc = (await p.anonymous().get('/api/openapi.json')).json();
    const registry = errorRegistry();
    const ops: Array<{ path: string; method: string; op: any }> = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) for (const [method, op] of Object.entries<any>(item)) if (op.tags?.includes('dossiers')) ops.push({ path, method, op });
    expect(ops.length).toBeGreaterThanOrEqual(32);
    const ids = new Set<string>();
    for (const { path, method, op } of ops.filter((o) => !o.path.includes('store-suggestions') && !o.path.includes('from-store'))) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId), `${where}: ${op.operationId} twice`).toBe(false);
      ids.add(op.operationId);
      expect(op.description?.length, where).toBeGreaterThan(60);
      const success = Object.entries<any>(op.responses).find(([s]) => /^2\d\d$/.test(s));
      expect(success, `${where} declares no success response`).toBeTruthy();
      expect(success![1].content, where).toBeTruthy();
      expect(op['x-error-codes']?.length, where).toBeGreaterThan(0);
      for (const code of op['x-error-codes']) expect(registry.has(code), `${where}: ${code} not declared`).toBe(true);
    }
    const receive = doc.paths['/api/dossiers/{id}/receive'].post;
    expect(receive['x-error-codes']).toEqual(expect.arrayContaining(['dossier.state_not_permitted', 'dossier.role_not_permitted_in_state', 'dossier.out_of_jurisdiction']));
    expect(doc.paths['/api/dossiers/{id}/extend'].post['x-error-codes']).toEqual(expect.arrayContaining(['dossier.extension_too_late', 'dossier.due_not_working_day', 'dossier.not_assignee']));
    // Examples of the main journey: create a draft, submit, receive.
    const example = (media: any) => media.example ?? media.schema.examples?.[0];
    expect(example(doc.paths['/api/dossiers'].post.requestBody.content['application/json'])).toMatchObject({ procedure: 'birth-re-registration' });
    expect(example(doc.paths['/api/dossiers'].post.responses['201'].content['application/json']).state).toBe('draft');
    expect(example(doc.paths['/api/dossiers/{id}/submit'].post.responses['200'].content['application/json']).state).toBe('submitted');
    expect(example(receive.responses['200'].content['application/json']).state).toBe('received');
  });

  it('has examples that are valid against their schemas', () => {
    expect(Value.Errors(DraftViewSchema, DOSSIER_EXAMPLES.draft)).toEqual([]);
    expect(Value.Errors(DossierViewSchema, DOSSIER_EXAMPLES.submitted)).toEqual([]);
    expect(Value.Errors(DossierViewSchema, DOSSIER_EXAMPLES.received)).toEqual([]);
  });

  it('declares every refusal of the machine as an error code', () => {
    const registry = errorRegistry();
    for (const code of ['state_not_permitted', 'role_not_permitted', 'role_not_permitted_in_state', 'not_assignee', 'supplement_limit_reached', 'extension_limit_reached', 'extension_too_late', 'extension_timing_unknown', 'decision_issued', 'invalid_payload', 'due_date_not_later', 'unknown_action']) {
      expect(registry.get(`dossier.${code}`), code).toBeTruthy();
    }
    expect(registry.get('dossier.state_not_permitted')?.status).toBe(409);
    expect(registry.get('dossier.not_assignee')?.status).toBe(403);
    expect(registry.get('dossier.invalid_payload')?.status).toBe(422);
  });
});
