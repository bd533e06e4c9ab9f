import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client';
import { outboxEvents } from './outbox.schema';
import { pgArray } from '../db/write-batch';

export interface DomainEvent {
  /** e.g. `dossier.submitted`, `agency.created` */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

export interface PublishedEvent extends DomainEvent {
  id: string;
  seq: number;
  occurredAt: Date;
}

/**
 * Where events go once committed. The in-process bus is the default; a NATS JetStream publisher implements the
 * same interface (publish with the event id as message id, so JetStream de-duplicates redeliveries).
 */
export interface EventPublisher {
  /**
   * `tx` is the dispatcher's transaction, which marks the event published when it commits: a handler that must not
   * lose the event writes its own durable record in it (a transactional inbox). On PGlite (one connection) a
   * handler must not run queries outside it while the dispatcher waits, or they queue behind it forever.
   */
  publish(event: PublishedEvent, tx?: Tx): Promise<void>;
}

/** The insert of an event, not yet executed (to run inside a transaction or a write batch). */
export const eventInsert = (db: DbOrTx, event: DomainEvent) => db.insert(outboxEvents).values(event);

/** Writes an event in the caller's transaction: it exists if and only if the change committed. */
export async function enqueueEvent(tx: DbOrTx, event: DomainEvent): Promise<void> {
  await eventInsert(tx, event);
}

/** The insert of events, in order, from 4 array parameters `$<first>` … `$<first+3>` (see {@link eventArrays}). */
export const eventInsertFromArrays = (first: number): string =>
  `insert into outbox_events (type, aggregate_type, aggregate_id, payload)
    select t.type, t.aggregate_type, t.aggregate_id, t.payload from unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::jsonb[]) with ordinality as t(type, aggregate_type, aggregate_id, payload, n) order by t.n`;

/** Events as the 4 array parameters of {@link eventInsertFromArrays}. */
export function eventArrays(events: readonly DomainEvent[]): string[] {
  const col = (f: (e: DomainEvent) => string) => pgArray(events.map(f));
  return [col((e) => e.type), col((e) => e.aggregateType), col((e) => e.aggregateId), col((e) => JSON.stringify(e.payload))];
}

/** Writes many events in the caller's transaction (a batch), in order, in bulk. */
export async function enqueueEvents(tx: DbOrTx, events: readonly DomainEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10_000) {
    const [type, aggregateType, aggregateId, payload] = eventArrays(events.slice(i, i + 10_000));
    await tx.execute(sql`insert into outbox_events (type, aggregate_type, aggregate_id, payload)
      select t.type, t.aggregate_type, t.aggregate_id, t.payload from unnest(${type}::text[], ${aggregateType}::text[], ${aggregateId}::text[], ${payload}::jsonb[]) with ordinality as t(type, aggregate_type, aggregate_id, payload, n) order by t.n`);
  }
}

/** The highest sequence number written to the outbox so far (0 if none). */
export async function lastEventSeq(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ seq: sql<number>`coalesce(max(${outboxEvents.seq}), 0)::bigint` }).from(outboxEvents);
  return Number(row?.seq ?? 0);
}

/**
 * Events of one aggregate type (or of several) written after `seq`, in order, whatever their delivery status: for readers that keep
 * an in-memory view in step with every process's writes (the dispatcher hands each event to one process only).
 */
export async function eventsAfter(db: DbOrTx, seq: number, aggregateType: string | readonly string[], limit = 1000): Promise<Array<Pick<PublishedEvent, 'seq' | 'type' | 'aggregateType' | 'aggregateId' | 'payload'>>> {
  const rows = await db
    .select({ seq: outboxEvents.seq, type: outboxEvents.type, aggregateType: outboxEvents.aggregateType, aggregateId: outboxEvents.aggregateId, payload: outboxEvents.payload })
    .from(outboxEvents)
    .where(and(gt(outboxEvents.seq, seq), typeof aggregateType === 'string' ? eq(outboxEvents.aggregateType, aggregateType) : inArray(outboxEvents.aggregateType, [...aggregateType])))
    .orderBy(asc(outboxEvents.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), payload: r.payload as Record<string, unknown> }));
}

export type EventHandler = (event: PublishedEvent, tx?: Tx) => Promise<void> | void;

/** In-process publish/subscribe: handlers by event type or '*' (at-least-once: handlers must be idempotent). */
export class InProcessEventBus implements EventPublisher {
  private handlers = new Map<string, EventHandler[]>();
  subscribe(type: string, handler: EventHandler): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return () => this.handlers.set(type, (this.handlers.get(type) ?? []).filter((h) => h !== handler));
  }
  async publish(event: PublishedEvent, tx?: Tx): Promise<void> {
    for (const h of [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])]) await h(event, tx);
  }
}

export interface DispatcherOptions {
  pollMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Back-off before retry n (1-based): base · 2^(n-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => Date;
  onError?: (err: unknown) => void;
}

/** Publishes pending outbox events in order, retrying failures with exponential back-off. */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly o: Required<Omit<DispatcherOptions, 'onError'>> & Pick<DispatcherOptions, 'onError'>;

  constructor(
    private readonly db: Db,
    private readonly publisher: EventPublisher,
    opts: DispatcherOptions = {},
  ) {
    this.o = {
      pollMs: opts.pollMs ?? 500,
      batchSize: opts.batchSize ?? 200,
      maxAttempts: opts.maxAttempts ?? 10,
      backoffBaseMs: opts.backoffBaseMs ?? 1000,
      backoffMaxMs: opts.backoffMaxMs ?? 5 * 60_000,
      now: opts.now ?? (() => new Date()),
      onError: opts.onError,
    };
  }

  start(): void {
    if (this.timer) return;
    const tick = async () => {
      let published = 0;
      try {
        published = await this.runOnce();
      } catch (err) {
        this.o.onError?.(err);
      }
      // A full batch means a backlog: go again at once instead of waiting a poll interval.
      if (this.timer) this.timer = setTimeout(tick, published >= this.o.batchSize ? 0 : this.o.pollMs);
    };
    this.timer = setTimeout(tick, this.o.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; concurrent callers share it. Returns the number of events published. */
  runOnce(): Promise<number> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  backoffMs(attempt: number): number {
    return Math.min(this.o.backoffBaseMs * 2 ** (attempt - 1), this.o.backoffMaxMs);
  }

  private async pass(): Promise<number> {
    const now = this.o.now();
    // Claim a batch; SKIP LOCKED lets several dispatchers (processes) share the work.
    return this.db.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.status, 'pending'), or(isNull(outboxEvents.nextAttemptAt), lte(outboxEvents.nextAttemptAt, now))))
        .orderBy(asc(outboxEvents.seq))
        .limit(this.o.batchSize)
        .for('update', { skipLocked: true });
      let published = 0;
      const done: number[] = [];
      for (const e of batch) {
        try {
          await this.publisher.publish({ id: e.id, seq: e.seq, type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload as Record<string, unknown>, occurredAt: e.occurredAt }, tx);
          done.push(e.seq);
          published += 1;
        } catch (err) {
          const attempts = e.attempts + 1;
          const dead = attempts >= this.o.maxAttempts;
          await tx
            .update(outboxEvents)
            .set({
              attempts,
              status: dead ? 'dead' : 'pending',
              lastError: String((err as Error)?.message ?? err).slice(0, 500),
              nextAttemptAt: new Date(now.getTime() + this.backoffMs(attempts)),
            })
            .where(eq(outboxEvents.seq, e.seq));
        }
      }
      if (done.length) {
        await tx.update(outboxEvents).set({ status: 'published', publishedAt: now, attempts: sql`${outboxEvents.attempts} + 1` }).where(inArray(outboxEvents.seq, done));
      }
      return published;
    });
  }
}
