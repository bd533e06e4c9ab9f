/**
 * The node's link to NATS JetStream: the stream (created or updated at start), one durable pull consumer per hosted
 * agency (explicit ack), the relay that publishes the outbound table with `Nats-Msg-Id` = event id and marks a row
 * sent only after the PubAck, and the consumers that apply each message once (inbox insert + apply, one
 * transaction). NATS down: the relay's rows wait (nothing lost), the link reconnects with back-off.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client';
import type { NatsEventsConfig } from '../../../config';
import { agencyFilter, backoffMs, checkMessage, durableName, streamConfig, subjectMatches, type NodeMessage } from '../../../shared/exchange/events';
import { exchangeInbox, exchangeOutbound } from './events.schema';

export interface BridgeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Applies one received message in the inbox's transaction (throws to have it redelivered later). */
export type Applier = (tx: Tx, message: NodeMessage) => Promise<void>;

export interface BridgeStatus {
  connected: boolean;
  consumers: string[];
  pending: number;
  lastError: string | null;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export class NatsBridge {
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private readonly stop$ = new AbortController();
  private loops: Promise<void>[] = [];
  private consumers: string[] = [];
  private lastError: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly cfg: NatsEventsConfig,
    private readonly hostedAgencies: () => Promise<string[]>,
    private readonly apply: Applier,
    private readonly log: BridgeLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts the link in the background: connects (retrying), then relays and consumes until `stop`. */
  start(): void {
    if (this.loops.length) return;
    this.loops.push(this.run());
  }

  async stop(): Promise<void> {
    this.stop$.abort();
    this.wake?.();
    const nc = this.nc;
    await Promise.allSettled(this.loops);
    this.loops = [];
    await nc?.close().catch(() => undefined);
    this.nc = null;
  }

  /** Asks the relay to look at the outbound table now (after a commit that queued a message). */
  poke(): void {
    this.wake?.();
  }

  status(pending: number): BridgeStatus {
    return { connected: !!this.nc && !this.nc.isClosed(), consumers: [...this.consumers], pending, lastError: this.lastError };
  }

  private get stopped() {
    return this.stop$.signal.aborted;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.open();
        attempt = 0;
        break;
      } catch (err) {
        attempt += 1;
        this.lastError = String((err as Error)?.message ?? err);
        this.log.warn({ err: this.lastError, attempt }, 'NATS not reachable, retrying');
        await sleep(backoffMs(attempt, this.cfg.retryBaseMs, this.cfg.retryMaxMs), this.stop$.signal);
      }
    }
    if (this.stopped) return;
    const codes = await this.hostedAgencies();
    const loops = [this.relayLoop()];
    for (const code of codes) loops.push(this.consumeLoop(code));
    await Promise.allSettled(loops);
  }

  /** Connects (the client then reconnects for ever by itself), creates or updates the stream and the consumers. */
  private async open(): Promise<void> {
    const nc = await connect({ servers: this.cfg.url.split(','), name: this.cfg.node, maxReconnectAttempts: -1, reconnectTimeWait: this.cfg.retryBaseMs, timeout: this.cfg.publishTimeoutMs });
    try {
      const jsm = await jetstreamManager(nc);
      const wanted = streamConfig({ name: this.cfg.stream, prefix: this.cfg.subjectPrefix, duplicateWindowMs: this.cfg.duplicateWindowMs, maxAgeMs: this.cfg.maxAgeMs, replicas: 1 });
      const existing = await jsm.streams.info(this.cfg.stream).catch(() => null);
      if (!existing) await jsm.streams.add(wanted);
      else {
        // Another node's prefix may share the stream: keep its subjects, add ours.
        const subjects = [...new Set([...(existing.config.subjects ?? []), ...wanted.subjects])];
        await jsm.streams.update(this.cfg.stream, { subjects, duplicate_window: wanted.duplicate_window, max_age: wanted.max_age });
      }
      const codes = await this.hostedAgencies();
      for (const code of codes) {
        const durable = durableName(this.cfg.node, code);
        const config = { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: agencyFilter(this.cfg.subjectPrefix, code), ack_wait: 30_000_000_000, max_deliver: -1 };
        const info = await jsm.consumers.info(this.cfg.stream, durable).catch(() => null);
        if (!info) await jsm.consumers.add(this.cfg.stream, config);
      }
      this.consumers = codes.map((c) => durableName(this.cfg.node, c));
      this.nc = nc;
      this.js = jetstream(nc);
      this.lastError = null;
      this.log.info({ stream: this.cfg.stream, consumers: this.consumers.length }, 'NATS JetStream link open');
      nc.closed().then(() => undefined, () => undefined);
    } catch (err) {
      await nc.close().catch(() => undefined);
      throw err;
    }
  }

  /** Publishes pending outbound rows in order; a failure stops the pass (NATS down) and backs the row off. */
  async relayOnce(): Promise<number> {
    const js = this.js;
    if (!js) return 0;
    const now = this.now();
    const rows = await this.db
      .select()
      .from(exchangeOutbound)
      .where(and(eq(exchangeOutbound.status, 'pending'), or(isNull(exchangeOutbound.nextAttemptAt), lte(exchangeOutbound.nextAttemptAt, now))))
      .orderBy(asc(exchangeOutbound.createdAt), asc(exchangeOutbound.id))
      .limit(100);
    let sent = 0;
    for (const r of rows) {
      try {
        const ack = await js.publish(r.subject, JSON.stringify(r.message), { msgID: r.id, timeout: this.cfg.publishTimeoutMs });
        await this.db.update(exchangeOutbound).set({ status: 'sent', sentAt: this.now(), streamSeq: ack.seq, attempts: r.attempts + 1, lastError: null }).where(eq(exchangeOutbound.id, r.id));
        sent += 1;
      } catch (err) {
        const attempts = r.attempts + 1;
        this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
        await this.db
          .update(exchangeOutbound)
          .set({ attempts, lastError: this.lastError, nextAttemptAt: new Date(this.now().getTime() + backoffMs(attempts, this.cfg.retryBaseMs, this.cfg.retryMaxMs)) })
          .where(eq(exchangeOutbound.id, r.id));
        this.log.warn({ err: this.lastError, id: r.id, attempts }, 'NATS publication failed; the message waits in the outbound table');
        break;
      }
    }
    return sent;
  }

  private async relayLoop(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (err) {
        this.log.error({ err: String((err as Error)?.message ?? err) }, 'NATS relay pass failed');
      }
      if (sent >= 100) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, this.cfg.relayPollMs);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }

  private async consumeLoop(code: string): Promise<void> {
    const durable = durableName(this.cfg.node, code);
    let attempt = 0;
    while (!this.stopped) {
      try {
        const consumer = await this.js!.consumers.get(this.cfg.stream, durable);
        const batch = await consumer.fetch({ max_messages: 50, expires: 2000 });
        for await (const m of batch) {
          await this.handle(m);
          if (this.stopped) break;
        }
        attempt = 0;
      } catch (err) {
        attempt += 1;
        this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
        if (!this.stopped) await sleep(backoffMs(attempt, this.cfg.retryBaseMs, this.cfg.retryMaxMs), this.stop$.signal);
      }
    }
  }

  /** Inbox + apply in one transaction, then the ack: a crash before the ack redelivers, the inbox refuses it. */
  private async handle(m: JsMsg): Promise<void> {
    let value: unknown;
    try {
      value = m.json();
    } catch {
      this.log.warn({ subject: m.subject, seq: m.seq }, 'NATS message is not JSON: dropped');
      m.term('not json');
      return;
    }
    const checked = checkMessage(value);
    if (!checked.ok || !subjectMatches(this.cfg.subjectPrefix, m.subject, checked.message)) {
      this.log.warn({ subject: m.subject, seq: m.seq, reason: checked.ok ? 'subject mismatch' : checked.reason }, 'NATS message refused: dropped');
      m.term('refused');
      return;
    }
    const message = checked.message;
    try {
      await this.db.transaction(async (tx) => {
        const inserted = await tx.insert(exchangeInbox).values({ id: message.id, type: message.type, fromNode: message.fromNode, subject: m.subject, appliedAt: this.now() }).onConflictDoNothing().returning({ id: exchangeInbox.id });
        if (!inserted.length) return; // applied before (a redelivery, or the same event published twice)
        await this.apply(tx, message);
      });
      m.ack();
    } catch (err) {
      this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
      this.log.error({ err: this.lastError, id: message.id, type: message.type }, 'applying a NATS message failed; redelivered later');
      m.nak(backoffMs(m.info.deliveryCount, this.cfg.retryBaseMs, this.cfg.retryMaxMs));
    }
  }
}
