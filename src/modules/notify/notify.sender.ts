/**
 * Delivery. A message is claimed (status `sending`, a lease) in one short transaction that also counts it against
 * the channel's daily quota; then it is handed to the channel's Notifier outside any transaction, at most the
 * channel's rate per second; the outcome is recorded afterwards. Temporary failures are retried with exponential
 * back-off, then end as `temporary-failure`; delivery reports (callbacks) move `sending` to a final status.
 *
 * Exactly one message per event and channel, even when the process dies mid-send:
 *  - the message row exists once (its id is derived from the event id, the recipient and the channel);
 *  - if the process dies after the carrier took the message but before its answer was recorded, the row is still
 *    `sending` without a carrier reference; once the lease expires it is sent again WITH THE SAME REFERENCE (the
 *    message id), and SMS and Zalo carriers answer a known reference with the first submission instead of sending
 *    it again: one message reaches the phone.
 *  - SMTP has no such thing. An e-mail whose 250 was not recorded is sent again with the same Message-ID (the
 *    default, NOTIFY_SMTP_UNCONFIRMED=resend: at least once — the window is the time between the relay's 250 and
 *    our commit, and the copy is recognisably the same message, which many mail stores collapse), or, with
 *    NOTIFY_SMTP_UNCONFIRMED=fail, marked a technical failure "outcome unknown" (at most once). Legal notices are
 *    also always in the in-app inbox.
 */
import { and, asc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { NotifyConfig } from '../../config';
import { fromLocalDateTime, toLocalDate } from '../../shared/calendar';
import type { ExternalChannel } from '../../shared/notify';
import { notifyMessages, notifyQuota } from './notify.schema';
import type { Notifier, OutgoingMessage, SendOutcome } from './channels/notifier';

export type MessageRow = typeof notifyMessages.$inferSelect;

/** A token bucket per channel: `rate` messages a second, bursts up to one second's worth. */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: number) {
    this.tokens = rate;
  }
  available(): number {
    const now = performance.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    return Math.floor(this.tokens);
  }
  take(n: number): void {
    this.tokens -= n;
  }
  /** Milliseconds until one token is there. */
  waitMs(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
  }
}

export interface SenderDeps {
  db: Db;
  clock: Clock;
  config: NotifyConfig;
  notifiers: Partial<Record<ExternalChannel, Notifier>>;
  /** Messages in flight per channel. */
  concurrency?: number;
  batchSize?: number;
  log: { warn(msg: string, f: Record<string, unknown>): void; debug(msg: string, f: Record<string, unknown>): void };
  /** Messages of channels without a notifier here fail at once (the module's own worker; not ad hoc ones). */
  failUnconfigured?: boolean;
  /** Told when sending stopped because a channel's rate was used up (to come back in `ms`). */
  onThrottled?(ms: number): void;
}

const BACKOFF_CAP_MS = 6 * 3600_000;
const RETRYABLE = ['created', 'temporary-failure'] as const;

interface Completion {
  id: string;
  status: MessageRow['status'];
  reason: string | null;
  carrierRef: string | null;
  nextAttemptAt: Date | null;
  sent: boolean;
  delivered: boolean;
  failed: boolean;
}

export class DeliveryWorker {
  private readonly limiters = new Map<ExternalChannel, RateLimiter>();
  private running: Promise<number> | null = null;
  /** Messages this process is sending now: never taken over as stale by this process itself. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly d: SenderDeps) {
    for (const ch of Object.keys(d.notifiers) as ExternalChannel[]) this.limiters.set(ch, new RateLimiter(d.config.ratePerSecond[ch]));
  }

  backoffMs(attempt: number): number {
    return Math.min(this.d.config.retryBaseMs * 2 ** (attempt - 1), BACKOFF_CAP_MS);
  }

  /** Sends what is due on every channel; concurrent callers share the pass. Returns the number of messages handed over. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const channels = Object.keys(this.d.notifiers) as ExternalChannel[];
    const counts = await Promise.all(channels.map((ch) => this.drain(ch)));
    if (this.d.failUnconfigured) await this.failDisabled();
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * One channel's pipeline: up to `concurrency` messages in flight; more are claimed as soon as half the slots are
   * free (a slow message does not hold back a batch), and outcomes are recorded in one statement per flush (what
   * finishes while a flush runs goes in the next one). A message stays in `inFlight` until its outcome committed.
   * Ends when nothing is due and nothing is in flight, or when the channel's rate is used up.
   */
  private async drain(channel: ExternalChannel): Promise<number> {
    const limiter = this.limiters.get(channel)!;
    const notifier = this.d.notifiers[channel]!;
    const slots = Math.max(1, this.d.concurrency ?? 64);
    const most = Math.max(1, this.d.batchSize ?? slots);
    let total = 0;
    let active = 0;
    let done: Completion[] = [];
    let flushing: Promise<void> | null = null;
    let failure: unknown = null;
    let signal: (() => void) | null = null;
    const wake = () => {
      const s = signal;
      signal = null;
      s?.();
    };
    const flush = (): Promise<void> => {
      if (flushing || !done.length) return flushing ?? Promise.resolve();
      const batch = done;
      done = [];
      flushing = this.complete(batch)
        .catch((err) => void (failure ??= err))
        .finally(() => {
          for (const c of batch) this.inFlight.delete(c.id);
          flushing = null;
          if (done.length) void flush();
          wake();
        });
      return flushing;
    };
    const sendOne = async (r: MessageRow) => {
      const msg = this.outgoing(r);
      let outcome: SendOutcome;
      try {
        outcome = msg ? await notifier.send(msg) : { kind: 'technical', reason: 'address_erased' };
      } catch (err) {
        outcome = { kind: 'technical', reason: String((err as Error)?.name ?? 'error') };
      }
      done.push(this.completion(r, outcome));
      active--;
      void flush();
      wake();
    };
    const half = Math.min(most, Math.ceil(slots / 2));
    // After a claim that found less than it asked for, the next waits a little (not one empty claim per message).
    let drainedAt = -Infinity;
    let throttled = false;
    while (!failure) {
      const free = slots - active;
      if (!throttled && (active === 0 || (free >= half && performance.now() - drainedAt >= 10))) {
        const want = Math.min(limiter.available(), free, most);
        if (want <= 0) throttled = true;
        else {
          // Tokens are reserved before the claim (it awaits: the other channels' pipelines run meanwhile).
          limiter.take(want);
          let rows: MessageRow[] = [];
          try {
            rows = await this.claim(channel, want);
          } catch (err) {
            failure ??= err;
          }
          limiter.take(rows.length - want);
          if (rows.length < want) drainedAt = performance.now();
          for (const r of rows) {
            this.inFlight.add(r.id);
            active++;
            void sendOne(r);
          }
          total += rows.length;
          if (!rows.length && active === 0) break;
          if (rows.length === want) continue;
        }
      }
      if (active === 0) break;
      await new Promise<void>((resolve) => (signal = resolve));
    }
    while (active > 0) await new Promise<void>((resolve) => (signal = resolve));
    await flush();
    while (flushing) await flushing;
    if (failure) throw failure;
    if (throttled) this.d.onThrottled?.(limiter.waitMs());
    return total;
  }

  /**
   * Claims up to `n` due messages of a channel: first those left `sending` past the lease with no carrier answer
   * (a process died), then those created or waiting for a retry, within the day's quota.
   */
  private async claim(channel: ExternalChannel, n: number): Promise<MessageRow[]> {
    const now = this.d.clock.now();
    const m = notifyMessages;
    const leaseCut = new Date(now.getTime() - this.d.config.sendingLeaseMs);
    return this.d.db.transaction(async (tx) => {
      const stale = tx
        .select({ id: m.id })
        .from(m)
        .where(and(eq(m.channel, channel), eq(m.status, 'sending'), isNull(m.carrierRef), lt(m.sendingSince, leaseCut), this.inFlight.size ? notInArray(m.id, [...this.inFlight]) : undefined))
        .limit(n)
        .for('update', { skipLocked: true });
      let out: MessageRow[] = [];
      if (channel === 'email' && this.d.config.smtpUnconfirmed === 'fail') {
        await tx.update(m).set({ status: 'technical-failure', statusReason: 'outcome_unknown', failedAt: now, sendingSince: null, updatedAt: now }).where(inArray(m.id, stale));
      } else {
        out = await tx.update(m).set({ sendingSince: now, attempts: sql`${m.attempts} + 1`, statusReason: 'resent_unconfirmed', updatedAt: now }).where(inArray(m.id, stale)).returning();
      }
      if (out.length >= n) return out;
      const day = toLocalDate(now);
      await tx.insert(notifyQuota).values({ channel, day, used: 0 }).onConflictDoNothing();
      const [q] = await tx.select().from(notifyQuota).where(and(eq(notifyQuota.channel, channel), eq(notifyQuota.day, day))).for('update');
      const room = Math.min(n - out.length, this.d.config.dailyQuota[channel] - q.used);
      const dueWhere = and(eq(m.channel, channel), inArray(m.status, [...RETRYABLE]), lte(m.nextAttemptAt, now));
      if (room <= 0) {
        // Quota used up: what is due waits for the next local day.
        const tomorrow = fromLocalDateTime(nextDay(day), '00:00');
        await tx.update(m).set({ nextAttemptAt: tomorrow, statusReason: 'daily_quota', updatedAt: now }).where(dueWhere);
        return out;
      }
      const due = tx.select({ id: m.id }).from(m).where(dueWhere).orderBy(asc(m.nextAttemptAt), asc(m.createdAt)).limit(room).for('update', { skipLocked: true });
      const claimed = await tx.update(m).set({ status: 'sending', sendingSince: now, attempts: sql`${m.attempts} + 1`, updatedAt: now }).where(inArray(m.id, due)).returning();
      if (claimed.length) await tx.update(notifyQuota).set({ used: sql`${notifyQuota.used} + ${claimed.length}` }).where(and(eq(notifyQuota.channel, channel), eq(notifyQuota.day, day)));
      return [...out, ...claimed];
    });
  }

  private outgoing(r: MessageRow): OutgoingMessage | null {
    if (!r.toAddress || !r.body) return null;
    return {
      id: r.id,
      channel: r.channel as ExternalChannel,
      to: r.toAddress,
      subject: r.subject,
      text: r.body,
      html: r.extra?.html ?? null,
      from: { email: r.sender?.emailFrom, replyTo: r.sender?.replyTo ?? null, brandname: r.sender?.smsBrandname, oaId: r.sender?.zaloOaId ?? null },
      unsubscribeUrl: r.extra?.unsubscribeUrl ?? null,
      ...(r.channel === 'zalo' ? { zalo: { templateId: r.extra?.zaloTemplateId ?? '', data: r.extra?.zaloData ?? {} } } : {}),
    };
  }

  private completion(r: MessageRow, o: SendOutcome): Completion {
    const now = this.d.clock.now();
    const base = { id: r.id, carrierRef: null, nextAttemptAt: null, sent: false, delivered: false, failed: false, reason: null };
    const log = { messageId: r.id, channel: r.channel, kind: r.kind, to: r.toHash?.slice(0, 16), attempt: r.attempts };
    switch (o.kind) {
      case 'accepted':
        this.d.log.debug('notification handed to the carrier', { ...log, delivered: o.delivered });
        return { ...base, status: o.delivered ? 'delivered' : 'sending', carrierRef: o.carrierRef, sent: true, delivered: o.delivered };
      case 'temporary': {
        const final = r.attempts >= this.d.config.maxAttempts;
        this.d.log.warn(final ? 'notification failed temporarily, no attempts left' : 'notification failed temporarily, will retry', { ...log, reason: o.reason });
        const wait = Math.max(this.backoffMs(r.attempts), o.retryAfterMs ?? 0);
        return { ...base, status: 'temporary-failure', reason: o.reason, nextAttemptAt: final ? null : new Date(now.getTime() + wait), failed: final };
      }
      case 'permanent':
        this.d.log.warn('notification failed permanently', { ...log, reason: o.reason });
        return { ...base, status: 'permanent-failure', reason: o.reason, failed: true };
      case 'technical':
        this.d.log.warn('notification failed (technical)', { ...log, reason: o.reason });
        return { ...base, status: 'technical-failure', reason: o.reason, failed: true };
    }
  }

  /** Records the outcomes in one statement; a delivery report that came first is never overwritten. */
  private async complete(rows: Completion[]): Promise<void> {
    if (!rows.length) return;
    const now = this.d.clock.now();
    const values = sql.join(
      rows.map((c) => sql`(${c.id}::uuid, ${c.status}::text, ${c.reason}::text, ${c.carrierRef}::text, ${c.nextAttemptAt ? c.nextAttemptAt.toISOString() : null}::timestamptz, ${c.sent}::boolean, ${c.delivered}::boolean, ${c.failed}::boolean)`),
      sql`, `,
    );
    await this.d.db.execute(sql`
      update notify_messages as m set
        status = case when m.status = 'sending' then v.status else m.status end,
        status_reason = case when m.status = 'sending' then v.reason else m.status_reason end,
        carrier_ref = coalesce(v.carrier_ref, m.carrier_ref),
        next_attempt_at = case when m.status = 'sending' then v.next_attempt_at else m.next_attempt_at end,
        sending_since = case when m.status = 'sending' and v.status <> 'sending' then null else m.sending_since end,
        sent_at = case when v.sent then coalesce(m.sent_at, ${now.toISOString()}::timestamptz) else m.sent_at end,
        delivered_at = case when v.delivered and m.status = 'sending' then ${now.toISOString()}::timestamptz else m.delivered_at end,
        failed_at = case when v.failed and m.status = 'sending' then ${now.toISOString()}::timestamptz else m.failed_at end,
        updated_at = ${now.toISOString()}::timestamptz
      from (values ${values}) as v(id, status, reason, carrier_ref, next_attempt_at, sent, delivered, failed)
      where m.id = v.id`);
  }

  /** Messages of a channel with no carrier configured any more fail at once (a technical failure). */
  private async failDisabled(): Promise<void> {
    const enabled = Object.keys(this.d.notifiers);
    const now = this.d.clock.now();
    const off = (['email', 'sms', 'zalo'] as const).filter((c) => !enabled.includes(c));
    if (!off.length) return;
    await this.d.db
      .update(notifyMessages)
      .set({ status: 'technical-failure', statusReason: 'channel_not_configured', failedAt: now, nextAttemptAt: null, updatedAt: now })
      .where(and(inArray(notifyMessages.channel, off), or(inArray(notifyMessages.status, [...RETRYABLE]), and(eq(notifyMessages.status, 'sending'), isNull(notifyMessages.carrierRef))), lte(notifyMessages.nextAttemptAt, now)));
  }

  /**
   * A carrier's delivery report: `sending` (or a message whose acceptance we had not yet recorded) becomes
   * delivered, or a final temporary failure (the phone was off, the carrier gave up). Idempotent. Reports that
   * arrive together are applied together (one statement per group; each answer waits for its group's commit).
   */
  report(channel: ExternalChannel, reference: string, carrierRef: string | null, outcome: 'delivered' | 'undelivered', reason: string | null): Promise<'updated' | 'unchanged' | 'unknown'> {
    if (!UUID.test(reference)) return Promise.resolve('unknown');
    return new Promise((resolve, reject) => {
      this.reports.push({ channel, reference: reference.toLowerCase(), carrierRef, outcome, reason, resolve, reject });
      this.flushReports();
    });
  }

  private readonly reports: PendingReport[] = [];
  private reporting = false;

  private flushReports(): void {
    if (this.reporting || !this.reports.length) return;
    // One report per message in a group (a second one for the same message waits for the next group).
    const batch: PendingReport[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < this.reports.length && batch.length < 500; ) {
      const r = this.reports[i];
      if (seen.has(r.reference)) {
        i++;
        continue;
      }
      seen.add(r.reference);
      batch.push(r);
      this.reports.splice(i, 1);
    }
    this.reporting = true;
    this.applyReports(batch)
      .then((results) => batch.forEach((r, i) => r.resolve(results[i])))
      .catch((err) => batch.forEach((r) => r.reject(err)))
      .finally(() => {
        this.reporting = false;
        this.flushReports();
      });
  }

  private async applyReports(batch: PendingReport[]): Promise<Array<'updated' | 'unchanged' | 'unknown'>> {
    const now = this.d.clock.now().toISOString();
    const values = sql.join(
      batch.map((r, i) => sql`(${i}::int, ${r.reference}::uuid, ${r.channel}::text, ${r.carrierRef}::text, ${r.outcome === 'delivered'}::boolean, ${r.outcome === 'delivered' ? null : `carrier: ${(r.reason ?? 'undelivered').slice(0, 60)}`}::text)`),
      sql`, `,
    );
    const res = await this.d.db.execute(sql`
      with v(n, id, channel, carrier_ref, delivered, reason) as (values ${values}),
      u as (
        update notify_messages as m set
          status = case when v.delivered then 'delivered' else 'temporary-failure' end,
          delivered_at = case when v.delivered then ${now}::timestamptz else m.delivered_at end,
          failed_at = case when v.delivered then m.failed_at else ${now}::timestamptz end,
          status_reason = v.reason,
          next_attempt_at = null,
          sending_since = null,
          carrier_ref = coalesce(v.carrier_ref, m.carrier_ref),
          updated_at = ${now}::timestamptz
        from v
        where m.id = v.id and m.channel = v.channel and m.status in ('sending', 'created', 'temporary-failure')
        returning m.id
      )
      select v.n, exists (select 1 from u where u.id = v.id) as updated, exists (select 1 from notify_messages k where k.id = v.id and k.channel = v.channel) as known
      from v`);
    const out = new Array<'updated' | 'unchanged' | 'unknown'>(batch.length).fill('unknown');
    for (const r of (res as unknown as { rows: Array<{ n: number; updated: boolean; known: boolean }> }).rows) out[Number(r.n)] = r.updated ? 'updated' : r.known ? 'unchanged' : 'unknown';
    return out;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PendingReport {
  channel: ExternalChannel;
  reference: string;
  carrierRef: string | null;
  outcome: 'delivered' | 'undelivered';
  reason: string | null;
  resolve(r: 'updated' | 'unchanged' | 'unknown'): void;
  reject(err: unknown): void;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
