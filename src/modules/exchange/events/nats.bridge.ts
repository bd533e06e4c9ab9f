/**
 * The node's link to NATS JetStream: the stream (created or updated at start), one durable pull consumer per hosted
 * agency (explicit ack), the relay that publishes the outbound table with `Nats-Msg-Id` = event id and marks a row
 * sent only after the PubAck, and the consumers that apply each message once (inbox insert + apply, one
 * transaction). NATS down: the relay's rows wait (nothing lost), the link reconnects with back-off; once back, the
 * stream and consumers are ensured again, the consumers fetch on the new connection and the rows are sent at once.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client';
import type { NatsEventsConfig } from '../../../config';
import { agencyFilter, backoffMs, checkMessage, durableName, streamConfig, subjectMatches, type NodeMessage } from '../../../shared/exchange/events';
import { exchangeInbox, exchangeOutbound } from './events.schema';

/** The server answered that the stream or the consumer does not exist (a server back without its store). */
const missing = (err: unknown, ...codes: number[]) => err instanceof JetStreamApiError && codes.includes(err.code);
const STREAM_GONE = JetStreamApiCodes.StreamNotFound;
const CONSUMER_GONE = JetStreamApiCodes.ConsumerNotFound;

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
  /** The stream and the consumers are known to exist on the server we are connected to (false after a reconnect). */
  private ensured = false;
  private ensuring: Promise<void> | null = null;
  /** Set on (re)connection: the relay's next pass ignores the rows' back-off (the server is back, send now). */
  private flush = false;
  /** The fetches in flight, stopped on a disconnect so the consumers start over on the new connection. */
  private readonly batches = new Set<ConsumerMessages>();

  constructor(
    private readonly db: Db,
    private readonly cfg: NatsEventsConfig,
    private readonly hostedAgencies: () => Promise<string[]>,
    private readonly apply: Applier,
    private readonly log: BridgeLog,
    private readonly now: () => Date = () => new Date(),
    /** Real time for the back-off schedule (the business clock may be set or frozen, as in tests). */
    private readonly wall: () => Date = () => new Date(),
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
    for (const b of this.batches) b.stop();
    await nc?.close().catch(() => undefined);
    await Promise.allSettled(this.loops);
    this.loops = [];
    this.nc = null;
  }

  /** Asks the relay to look at the outbound table now (after a commit that queued a message). */
  poke(): void {
    this.wake?.();
  }

  status(pending: number): BridgeStatus {
    return { connected: !!this.nc && !this.nc.isClosed() && this.ensured, consumers: [...this.consumers], pending, lastError: this.lastError };
  }

  private get stopped() {
    return this.stop$.signal.aborted;
  }

  /**
   * One connection at a time, for the bridge's life. The client reconnects by itself; on each reconnection the
   * stream and consumers are ensured again (the server may have come back without its store), the fetches in
   * flight are dropped and the outbound rows are retried at once. Should the client give up (the connection
   * closes), a new one is opened with back-off.
   */
  private async run(): Promise<void> {
    const codes = await this.hostedAgencies();
    let attempt = 0;
    while (!this.stopped) {
      let nc: NatsConnection;
      try {
        nc = await connect({ servers: this.cfg.url.split(','), name: this.cfg.node, maxReconnectAttempts: -1, reconnectTimeWait: this.cfg.retryBaseMs, timeout: this.cfg.publishTimeoutMs });
      } catch (err) {
        attempt += 1;
        this.lastError = String((err as Error)?.message ?? err);
        this.log.warn({ err: this.lastError, attempt }, 'NATS not reachable, retrying');
        await sleep(backoffMs(attempt, this.cfg.retryBaseMs, this.cfg.retryMaxMs), this.stop$.signal);
        continue;
      }
      attempt = 0;
      if (this.stopped) {
        await nc.close().catch(() => undefined);
        break;
      }
      this.nc = nc;
      this.js = jetstream(nc);
      this.ensured = false;
      this.flush = true;
      this.consumers = codes.map((c) => durableName(this.cfg.node, c));
      void this.watch(nc);
      await this.ensure(nc).catch(() => undefined); // the loops retry it
      const loops = [this.relayLoop(nc), ...codes.map((code) => this.consumeLoop(nc, code))];
      await nc.closed().catch(() => undefined);
      this.ensured = false;
      this.wake?.();
      for (const b of this.batches) b.stop();
      await Promise.allSettled(loops);
      if (this.nc === nc) this.nc = this.js = null;
    }
  }

  /** Follows the connection's status: a disconnect stops the fetches, a reconnect re-ensures and flushes the relay. */
  private async watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') {
          this.ensured = false;
          for (const b of this.batches) b.stop();
          this.log.warn({ server: s.server }, 'NATS disconnected; reconnecting');
        } else if (s.type === 'reconnect') {
          this.ensured = false;
          this.flush = true;
          this.log.info({ server: s.server }, 'NATS reconnected');
          this.wake?.();
        }
      }
    } catch {
      // the status iterator ends with the connection
    }
  }

  /** Creates or updates the stream and creates the missing consumers (once per connection, shared by the loops). */
  private ensure(nc: NatsConnection): Promise<void> {
    if (this.ensured) return Promise.resolve();
    this.ensuring ??= this.ensureNow(nc).finally(() => (this.ensuring = null));
    return this.ensuring;
  }

  private async ensureNow(nc: NatsConnection): Promise<void> {
    try {
      const jsm = await jetstreamManager(nc, { timeout: this.cfg.publishTimeoutMs });
      const wanted = streamConfig({ name: this.cfg.stream, prefix: this.cfg.subjectPrefix, duplicateWindowMs: this.cfg.duplicateWindowMs, maxAgeMs: this.cfg.maxAgeMs, replicas: 1 });
      const existing = await jsm.streams.info(this.cfg.stream).catch((err: unknown) => {
        if (missing(err, STREAM_GONE)) return null;
        throw err;
      });
      if (!existing) await jsm.streams.add(wanted);
      else if (wanted.subjects.some((s) => !(existing.config.subjects ?? []).includes(s)) || existing.config.duplicate_window !== wanted.duplicate_window || existing.config.max_age !== wanted.max_age) {
        // Another node's prefix may share the stream: keep its subjects, add ours.
        const subjects = [...new Set([...(existing.config.subjects ?? []), ...wanted.subjects])];
        await jsm.streams.update(this.cfg.stream, { subjects, duplicate_window: wanted.duplicate_window, max_age: wanted.max_age });
      }
      for (const code of await this.hostedAgencies()) {
        const durable = durableName(this.cfg.node, code);
        const config = { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: agencyFilter(this.cfg.subjectPrefix, code), ack_wait: 30_000_000_000, max_deliver: -1 };
        const info = await jsm.consumers.info(this.cfg.stream, durable).catch((err: unknown) => {
          if (missing(err, STREAM_GONE, CONSUMER_GONE)) return null;
          throw err;
        });
        if (!info) await jsm.consumers.add(this.cfg.stream, config);
      }
      if (nc !== this.nc || nc.isClosed()) return;
      this.ensured = true;
      this.lastError = null;
      this.log.info({ stream: this.cfg.stream, consumers: this.consumers.length }, 'NATS JetStream link open');
    } catch (err) {
      this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
      throw err;
    }
  }

  /** Publishes pending outbound rows in order; a failure stops the pass (NATS down) and backs the row off. */
  async relayOnce(): Promise<number> {
    const js = this.js;
    if (!js || !this.nc) return 0;
    // Not ensured (yet, or since a reconnect): try; if the server is still away the publication fails and backs off.
    if (!this.ensured) await this.ensure(this.nc).catch(() => undefined);
    const wall = this.wall();
    // Just (re)connected: every pending row goes now, whatever its back-off said.
    const flush = this.flush;
    this.flush = false;
    const rows = await this.db
      .select()
      .from(exchangeOutbound)
      .where(and(eq(exchangeOutbound.status, 'pending'), flush ? undefined : or(isNull(exchangeOutbound.nextAttemptAt), lte(exchangeOutbound.nextAttemptAt, wall))))
      .orderBy(asc(exchangeOutbound.createdAt), asc(exchangeOutbound.id))
      .limit(100);
    let sent = 0;
    for (const r of rows) {
      try {
        const ack = await js.publish(r.subject, JSON.stringify(r.message), { msgID: r.id, timeout: this.cfg.publishTimeoutMs });
        await this.db.update(exchangeOutbound).set({ status: 'sent', sentAt: this.now(), streamSeq: ack.seq, attempts: r.attempts + 1, lastError: null, nextAttemptAt: null }).where(eq(exchangeOutbound.id, r.id));
        sent += 1;
      } catch (err) {
        const attempts = r.attempts + 1;
        this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
        // No responders: the stream is gone (a server back without its store): ensure it again before the next pass.
        if (/no responders|stream not found/i.test(this.lastError)) this.ensured = false;
        await this.db
          .update(exchangeOutbound)
          .set({ attempts, lastError: this.lastError, nextAttemptAt: new Date(this.wall().getTime() + backoffMs(attempts, this.cfg.retryBaseMs, this.cfg.retryMaxMs)) })
          .where(eq(exchangeOutbound.id, r.id));
        this.log.warn({ err: this.lastError, id: r.id, attempts }, 'NATS publication failed; the message waits in the outbound table');
        break;
      }
    }
    return sent;
  }

  private async relayLoop(nc: NatsConnection): Promise<void> {
    while (!this.stopped && !nc.isClosed()) {
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (err) {
        this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
        this.log.warn({ err: this.lastError }, 'NATS relay pass failed');
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

  /** Pulls batches for one agency on this connection; any failure (disconnect, missing consumer) re-ensures and retries. */
  private async consumeLoop(nc: NatsConnection, code: string): Promise<void> {
    const durable = durableName(this.cfg.node, code);
    const js = jetstream(nc);
    let attempt = 0;
    while (!this.stopped && !nc.isClosed()) {
      let batch: ConsumerMessages | null = null;
      try {
        await this.ensure(nc);
        const consumer = await js.consumers.get(this.cfg.stream, durable);
        batch = await consumer.fetch({ max_messages: 50, expires: 2000 });
        this.batches.add(batch);
        for await (const m of batch) {
          await this.handle(m);
          if (this.stopped) break;
        }
        attempt = 0;
      } catch (err) {
        attempt += 1;
        this.lastError = String((err as Error)?.message ?? err).slice(0, 500);
        if (missing(err, STREAM_GONE, CONSUMER_GONE) || /not found/i.test(this.lastError)) this.ensured = false;
        if (!this.stopped) await sleep(backoffMs(attempt, this.cfg.retryBaseMs, this.cfg.retryMaxMs), this.stop$.signal);
      } finally {
        if (batch) this.batches.delete(batch);
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
