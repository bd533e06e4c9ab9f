import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ok } from '../../../test/support/dossier';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';
import type { AssistantProcedure } from '../../shared/assistant';
import { AssistantService } from './assistant.service';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.close());

describe('the assistant over HTTP', () => {
  it('answers from the published catalogue, with the procedure’s facts, citations and the link to start it', async () => {
    const a = ok(await p.anonymous().get(`/api/assistant?q=${encodeURIComponent('lam giay khai sinh cho con can gi')}`));
    expect(a).toMatchObject({ kind: 'procedure', focus: 'documents', procedure: { key: 'birth-registration', startLink: '/thu-tuc/birth-registration/nop' } });
    expect(a.citations[0].href).toBe('/thu-tuc/birth-registration');
    expect(a.procedure.fees.length).toBeGreaterThan(0);
  });

  it('refuses an empty or overlong question', async () => {
    expect((await p.anonymous().get('/api/assistant?q=')).statusCode).toBe(400);
    expect((await p.anonymous().get(`/api/assistant?q=${'a'.repeat(501)}`)).statusCode).toBe(400);
  });
});

describe('the FAQ (hỏi đáp) the assistant answers from', () => {
  const ask = async (q: string) => ok(await p.anonymous().get(`/api/assistant?q=${encodeURIComponent(q)}`));
  const entry = (over: Record<string, unknown> = {}) => ({
    question: { vi: 'Trẻ em dưới 14 tuổi có cần ảnh thẻ khi làm căn cước không?', en: 'Do children under 14 need a photo for an identity card?' },
    answer: { vi: 'Không cần nộp ảnh: ảnh được chụp tại nơi làm thủ tục.', en: 'No photo is needed: it is taken where the card is applied for.' },
    keywords: ['anh the', 'chup anh', 'tre em'],
    procedureKey: null,
    published: true,
    ...over,
  });

  it('seeds the demo FAQ, answers a portal question from it with its citation, and keeps procedures for procedure questions', async () => {
    const demo = ok(await p.anonymous().get('/api/public/faq')).items;
    expect(demo.length).toBeGreaterThanOrEqual(4);
    const vneid = demo.find((e: { question: { vi: string } }) => e.question.vi.includes('VNeID'))!;
    const a = await ask('dang nhap bang vneid the nao');
    expect(a).toMatchObject({ kind: 'passage', procedure: null, citations: [{ href: `/hoi-dap#hd-${vneid.id}` }] });
    expect(a.text.vi).toContain(vneid.answer.vi);
    expect(a.passages[0].id).toBe(vneid.id);
    const b = await ask('lam giay khai sinh cho con can gi');
    expect(b).toMatchObject({ kind: 'procedure', procedure: { key: 'birth-registration' } });
  });

  it('lets the platform administrator add, change and delete entries: audited, with outbox events, answered at once', async () => {
    const admin = await p.loginAs('admin');
    const key = (k: string) => ({ 'idempotency-key': `faq-test-${k}` });
    const created = ok(await admin.post('/api/admin/faq', entry(), key('create')), 201);
    expect(created.published).toBe(true);
    // A replay with the same key answers the first answer, no second entry.
    expect(ok(await admin.post('/api/admin/faq', entry(), key('create')), 201).id).toBe(created.id);
    expect((await ask('tre em lam can cuoc co can anh the khong')).citations[0].href).toBe(`/hoi-dap#hd-${created.id}`);

    expectProblem(await admin.post('/api/admin/faq', entry({ procedureKey: 'no-such-procedure' }), key('bad')), 400, 'voice.faq_procedure_unknown');
    expectProblem(await admin.post('/api/admin/faq', { ...entry(), question: { vi: '', en: 'x' } }, key('empty')), 400);
    expectProblem(await p.anonymous().post('/api/admin/faq', entry(), key('anon')), 401);
    expectProblem(await (await p.loginAs('tiepnhan.hongbang')).post('/api/admin/faq', entry(), key('officer')), 403);

    // Withdrawn: no longer on the portal nor in the assistant's answers; still in the administrators' list.
    const withdrawn = ok(await admin.put(`/api/admin/faq/${created.id}`, entry({ published: false }), key('withdraw')));
    expect(withdrawn.published).toBe(false);
    expect(ok(await p.anonymous().get('/api/public/faq')).items.map((e: { id: string }) => e.id)).not.toContain(created.id);
    expect(ok(await admin.get('/api/admin/faq')).items.map((e: { id: string }) => e.id)).toContain(created.id);
    expect((await ask('tre em lam can cuoc co can anh the khong')).passages.map((x: { id: string }) => x.id)).not.toContain(created.id);

    expect((await admin.delete(`/api/admin/faq/${created.id}`, key('delete'))).statusCode).toBe(204);
    expectProblem(await admin.put(`/api/admin/faq/${created.id}`, entry(), key('gone')), 404, 'voice.faq_not_found');

    const audit = await p.ctx.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'faq'), eq(auditLog.targetId, created.id)));
    expect(audit.map((r) => r.action).sort()).toEqual(['faq.changed', 'faq.created', 'faq.deleted']);
    expect(await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'faq.changed'), eq(outboxEvents.aggregateId, created.id)))).toHaveLength(3);
  });
});

describe('keeping the assistant in step with the catalogue', () => {
  const file = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../seed/catalog', f), 'utf8')).procedures[0] as AssistantProcedure;
  const licence = file('transport/driving-licence-renewal.json');
  const birth = file('civil-status/birth-registration.json');

  it('rebuilds after the refresh period from the current published procedures, answering from the old index meanwhile', async () => {
    let now = 0;
    let published = [licence, birth];
    let builds = 0;
    const service = new AssistantService(async () => (builds++, published), 60_000, () => now);
    expect((await service.ask('doi bang lai xe')).procedure?.key).toBe('driving-licence-renewal');
    published = [birth]; // the licence procedure is retired
    now = 30_000;
    expect((await service.ask('doi bang lai xe')).procedure?.key).toBe('driving-licence-renewal');
    expect(builds).toBe(1);
    now = 61_000;
    await service.ask('doi bang lai xe'); // starts the rebuild, answers from the old index
    await new Promise((r) => setTimeout(r, 10));
    expect(builds).toBe(2);
    expect((await service.ask('doi bang lai xe')).procedure?.key ?? null).not.toBe('driving-licence-renewal');
  });
});
