import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { enqueueEvent, OutboxDispatcher, type PublishedEvent } from './outbox';
import { outboxEvents } from './outbox.schema';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
});
afterAll(() => p.close());

describe('transactional outbox', () => {
  it('keeps an event only if its transaction commits', async () => {
    await p.ctx.db.transaction(async (tx) => enqueueEvent(tx, { type: 'test.committed', aggregateType: 't', aggregateId: '1', payload: { a: 1 } }));
    await expect(
      p.ctx.db.transaction(async (tx) => {
        await enqueueEvent(tx, { type: 'test.rolled_back', aggregateType: 't', aggregateId: '2', payload: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await p.ctx.db.select().from(outboxEvents);
    expect(rows.map((r) => r.type)).toContain('test.committed');
    expect(rows.map((r) => r.type)).not.toContain('test.rolled_back');
  });

  it('publishes pending events in order through the in-process bus', async () => {
    const seen: string[] = [];
    const off = p.ctx.bus.subscribe('test.ordered', (e) => void seen.push(String(e.payload.n)));
    for (const n of [1, 2, 3]) await enqueueEvent(p.ctx.db, { type: 'test.ordered', aggregateType: 't', aggregateId: 'o', payload: { n } });
    await p.ctx.dispatcher.runOnce();
    off();
    expect(seen).toEqual(['1', '2', '3']);
    const pending = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.status, 'pending'));
    expect(pending).toEqual([]);
  });

  it('retries a failing publisher with exponential back-off, then marks the event dead', async () => {
    let t = new Date('2026-03-02T01:00:00Z');
    let calls = 0;
    const flaky = { publish: async (_e: PublishedEvent) => { calls++; throw new Error('broker down'); } };
    const d = new OutboxDispatcher(p.ctx.db, flaky, { now: () => t, maxAttempts: 3, backoffBaseMs: 1000 });
    await p.ctx.db.delete(outboxEvents);
    await enqueueEvent(p.ctx.db, { type: 'test.flaky', aggregateType: 't', aggregateId: 'f', payload: {} });
    await d.runOnce();
    let [e] = await p.ctx.db.select().from(outboxEvents);
    expect(e.attempts).toBe(1);
    expect(e.nextAttemptAt!.getTime() - t.getTime()).toBe(1000);
    expect(e.lastError).toBe('broker down');
    await d.runOnce(); // not due yet
    expect(calls).toBe(1);
    t = new Date(t.getTime() + 1000);
    await d.runOnce();
    [e] = await p.ctx.db.select().from(outboxEvents);
    expect(e.attempts).toBe(2);
    expect(e.nextAttemptAt!.getTime() - t.getTime()).toBe(2000);
    t = new Date(t.getTime() + 2000);
    await d.runOnce();
    [e] = await p.ctx.db.select().from(outboxEvents);
    expect(e.status).toBe('dead');
    expect(calls).toBe(3);
  });
});
