/**
 * Issue 10, items 6 and 7: a citizen removes a file attached by mistake (draft, or a file added while supplementing),
 * and drafts no longer pile up — the drafts of one procedure are found to continue, deleted, or expire untouched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { auditLog } from '../../platform/audit/audit.schema';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';
import { dossierAttachments, dossiers } from './dossier.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let other: TestClient;
let desk: TestClient;
let specialist: TestClient;

/** Sessions end after 30 idle minutes of the test clock: everyone signs in again after the clock moves. */
async function signIn() {
  citizen = await citizenClient(p, CITIZEN);
  other = await citizenClient(p, CITIZEN_L1);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
}

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
});
beforeEach(async () => {
  p.clock.set(vn('2026-03-02T08:30'));
  await signIn();
});
afterAll(() => p.close());

const key = () => ({ 'idempotency-key': crypto.randomUUID() });
const draft = async (c: TestClient = citizen) => ok(await c.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) }, key()), 201);
const removeFile = (c: TestClient, id: string, attachmentId: string, headers: Record<string, string> = key()) => c.delete(`/api/dossiers/${id}/attachments/${attachmentId}`, headers);
const auditOf = (id: string, action: string) => p.ctx.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));
const eventsOf = (id: string, type: string) => p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, type)));

describe('removing an attachment', () => {
  it('removes a file from a draft: no longer listed nor counted, audited with an outbox event, replayed by its key', async () => {
    const d = await draft();
    const kept = ok(await upload(citizen, d.id, 'personal-records'), 201);
    const wrong = ok(await upload(citizen, d.id, 'old-copy', Buffer.from('%PDF-1.4\nnhầm tệp\n%%EOF\n'), 'nham.pdf'), 201);
    const headers = key();
    const res = await removeFile(citizen, d.id, wrong.id, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: wrong.id, dossierId: d.id, documentId: 'old-copy', fileName: 'nham.pdf', removedAt: vn('2026-03-02T08:30').toISOString() });
    const replay = await removeFile(citizen, d.id, wrong.id, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const detail = ok(await citizen.get(`/api/dossiers/${d.id}`));
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([kept.id]);
    expect(await auditOf(d.id, 'dossier.attachment_removed')).toHaveLength(1);
    const [event] = await eventsOf(d.id, 'dossier.attachment_removed');
    expect(event.payload).toMatchObject({ attachmentId: wrong.id, documentId: 'old-copy', state: 'draft' });
    // Its bytes are no longer served, and a second removal with a new key finds nothing.
    expectProblem(await citizen.get(`/api/dossiers/${d.id}/attachments/${wrong.id}`), 404);
    expectProblem(await removeFile(citizen, d.id, wrong.id), 404, 'dossier.attachment_not_found');

    // Form 01 lists what was handed in: the removed file's document is not on it.
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, key()));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    const html = (await desk.get(`/api/dossiers/${d.id}/documents/01?format=html`)).body;
    const version = await p.services.catalog.currentVersion(PROCEDURE);
    const name = (id: string) => version.documents.find((x) => x.id === id)!.name.vi;
    expect(html).toContain(name('personal-records'));
    expect(html).not.toContain(name('old-copy'));
  });

  it('refuses another person, and states other than draft and supplement, with a clear vi/en message', async () => {
    const d = await draft();
    const a = ok(await upload(citizen, d.id, 'personal-records'), 201);
    expectProblem(await removeFile(other, d.id, a.id), 404, 'dossier.not_found');
    expectProblem(await removeFile(specialist, d.id, a.id), 404);
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, key()));
    const refused = expectProblem(await removeFile(citizen, d.id, a.id), 409, 'dossier.attachment_not_removable');
    expect(refused.titles.vi).toBe('Không gỡ được tệp đính kèm');
    expect(refused.details.vi).toContain('bản nháp hoặc đang bổ sung');
    expect(refused.details.en).toContain('draft or being supplemented');
    expect(ok(await citizen.get(`/api/dossiers/${d.id}`)).attachments).toHaveLength(1);
  });

  it('while supplementing: removes a file added since the request (in the history), never one the desk received', async () => {
    const d = await draft();
    const received = ok(await upload(citizen, d.id, 'personal-records'), 201);
    ok(await citizen.post(`/api/dossiers/${d.id}/submit`, undefined, key()));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
    p.clock.advance(60_000);
    ok(await specialist.post(`/api/dossiers/${d.id}/request-supplement`, { reason: 'Thiếu giấy tờ', missingItems: ['Hồ sơ học tập'] }));
    p.clock.advance(60_000);
    const added = ok(await upload(citizen, d.id, 'personal-records', Buffer.from('%PDF-1.4\nbo sung nham\n%%EOF\n'), 'bo-sung-nham.pdf'), 201);
    expectProblem(await removeFile(citizen, d.id, received.id), 409, 'dossier.attachment_received');
    expectProblem(await removeFile(other, d.id, added.id), 404, 'dossier.not_found');
    const res = await removeFile(citizen, d.id, added.id);
    expect(res.statusCode, res.body).toBe(200);
    const detail = ok(await citizen.get(`/api/dossiers/${d.id}`));
    expect(detail.state).toBe('supplement_requested');
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([received.id]);
    const last = detail.timeline.at(-1);
    expect(last).toMatchObject({ type: 'comment', actorRole: 'applicant', fromState: 'supplement_requested', toState: 'supplement_requested' });
    expect(last.comment).toContain('bo-sung-nham.pdf');
    expect(await auditOf(d.id, 'dossier.attachment_removed')).toHaveLength(1);
    expect(await eventsOf(d.id, 'dossier.attachment_removed')).toHaveLength(1);
    // The supplement goes on as before.
    ok(await citizen.post(`/api/dossiers/${d.id}/resubmit-supplement`, { note: 'Đã bổ sung' }));
  });
});

describe('drafts', () => {
  it('finds the drafts of one procedure to continue, newest first', async () => {
    const first = await draft();
    p.clock.advance(60_000);
    const second = await draft();
    const page = ok(await citizen.get(`/api/my/dossiers?state=draft&procedure=${PROCEDURE}`));
    const ids = page.items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(page.items.every((x: { state: string; procedure: { key: string } }) => x.state === 'draft' && x.procedure.key === PROCEDURE)).toBe(true);
    expect(ok(await citizen.get('/api/my/dossiers?state=draft&procedure=no-such-procedure')).items).toEqual([]);
  });

  it('deletes a draft with its files (audited, replayed by its key); refuses a filed dossier and other people', async () => {
    const d = await draft();
    ok(await upload(citizen, d.id, 'personal-records'), 201);
    expectProblem(await other.delete(`/api/dossiers/${d.id}`, key()), 404, 'dossier.not_found');
    const headers = key();
    const res = await citizen.delete(`/api/dossiers/${d.id}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: d.id, procedureKey: PROCEDURE });
    expect((await citizen.delete(`/api/dossiers/${d.id}`, headers)).headers['idempotent-replayed']).toBe('true');
    expectProblem(await citizen.get(`/api/dossiers/${d.id}`), 404);
    expect(await p.ctx.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, d.id))).toEqual([]);
    expect(await auditOf(d.id, 'dossier.draft_deleted')).toHaveLength(1);
    expect(await eventsOf(d.id, 'dossier.draft_deleted')).toHaveLength(1);
    const mine = ok(await citizen.get('/api/my/dossiers?state=draft'));
    expect(mine.items.some((x: { id: string }) => x.id === d.id)).toBe(false);

    const filed = await draft();
    ok(await upload(citizen, filed.id, 'personal-records'), 201);
    ok(await citizen.post(`/api/dossiers/${filed.id}/submit`, undefined, key()));
    const refused = expectProblem(await citizen.delete(`/api/dossiers/${filed.id}`, key()), 409, 'dossier.not_deletable');
    expect(refused.details.vi).toContain('bản nháp');
  });

  it('expires drafts untouched for DRAFT_EXPIRY_DAYS days (controlled clock), keeping those saved since and filed dossiers', async () => {
    const days = p.config.draftExpiryDays;
    expect(days).toBe(30);
    p.clock.set(vn('2026-04-01T09:00'));
    await signIn();
    const stale = await draft();
    ok(await upload(citizen, stale.id, 'personal-records'), 201);
    const touched = await draft();
    const filed = await draft();
    ok(await upload(citizen, filed.id, 'personal-records'), 201);
    ok(await citizen.post(`/api/dossiers/${filed.id}/submit`, undefined, key()));

    p.clock.set(vn('2026-04-20T09:00'));
    await signIn();
    ok(await citizen.patch(`/api/dossiers/${touched.id}`, { data: {} }, key()));
    const left = async (id: string) => (await p.ctx.db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id))).length;
    // A minute short of 30 days: the drafts of this test stay (older tests' drafts of March may go).
    p.clock.set(vn('2026-05-01T08:59'));
    await p.services.dossiers.expireDrafts(days);
    expect(await left(stale.id)).toBe(1);
    p.clock.set(vn('2026-05-01T09:01'));
    expect(await p.services.dossiers.expireDrafts(days)).toBe(1);
    expect(await left(stale.id)).toBe(0);
    expect(await left(touched.id)).toBe(1);
    expect(await left(filed.id)).toBe(1);
    const [audit] = await auditOf(stale.id, 'dossier.draft_expired');
    expect(audit).toMatchObject({ actorKind: 'platform' });
    expect(await eventsOf(stale.id, 'dossier.draft_expired')).toHaveLength(1);
    // 0 turns expiry off.
    p.clock.set(vn('2026-12-01T09:00'));
    expect(await p.services.dossiers.expireDrafts(0)).toBe(0);
    expect(await left(touched.id)).toBe(1);
  });
});
