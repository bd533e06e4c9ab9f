/**
 * Reconciliation (đối soát): money seen on an agency's account — a bank's balance-change notification or a line of
 * the daily statement — matched to payments by the code in the transfer text and the exact amount. Each bank
 * reference is recorded once (both sources de-duplicated on it); an exact match settles the payment; an under- or
 * over-payment, an unknown or missing code, or money for a payment already paid or closed waits in the officers'
 * queue, where it is matched, refunded or rejected — all audited.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit, auditArrays, auditInsertFromArrays, type AuditInput } from '../../platform/audit/audit.service';
import { enqueueEvent, eventArrays, eventInsertFromArrays, type DomainEvent } from '../../platform/events/outbox';
import { queryNamed, StatementPipeline } from '../../platform/db/write-batch';
import { findPaymentCode, findPaymentCodes } from '../../shared/payment/code';
import { classifyCredit, reconcileBatch, type Credit, type Match, type MatchOutcome, type PaymentForMatch } from '../../shared/payment/reconcile';
import { parseStatement, type StatementError } from '../../shared/payment/statement';
import type { PaymentStatus } from '../../shared/payment/states';
import { paymentErrors as E } from './payment.errors';
import { paymentCredits, payments } from './payment.schema';
import { FINANCE_ROLES, pgArray, type MoneyIn, type PaymentRow, type PaymentService } from './payment.service';

export type CreditRow = typeof paymentCredits.$inferSelect;

/** What the bank (or the aggregator) tells us of one movement on an account. */
export interface BankMovement {
  bankRef: string;
  accountNumber: string;
  amountVnd: number;
  direction: 'in' | 'out';
  text: string;
  at: Date;
}

export type CreditResult = { result: 'duplicate' | 'ignored' } | { result: MatchOutcome | 'settled' | 'queued'; creditId: string; paymentId: string | null };

const forMatch = (p: Pick<PaymentRow, 'id' | 'code' | 'amountVnd' | 'status' | 'providerTxnRef'>): PaymentForMatch => ({ id: p.id, code: p.code, amountVnd: p.amountVnd, status: p.status as PaymentStatus, paidBankRef: p.providerTxnRef });
/** Lines per bulk statement of the statement import. */
const BULK = 10_000;
const STATEMENT_CREDITS = `insert into payment_credits (id, bank_ref, agency_id, account_number, amount_vnd, text, booked_at, source, outcome, code, payment_id, difference_vnd, queue, created_at)
  select id, bank_ref, $1::uuid, $2::text, amount_vnd, text, booked_at, 'statement', outcome, code, payment_id, difference_vnd, queue, $3::timestamptz
  from unnest($4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::uuid[], $12::bigint[], $13::text[])
    as t(id, bank_ref, amount_vnd, text, booked_at, outcome, code, payment_id, difference_vnd, queue)
  on conflict do nothing`;

/** Notifications written by one group commit, at most. */
const MAX_GROUP = 200;

/** A payment as the notification path reads it under its lock (the columns matching and settling use). */
type LockedPayment = Pick<PaymentRow, 'id' | 'code' | 'amountVnd' | 'status' | 'providerTxnRef' | 'agencyId' | 'dossierId' | 'provider'>;

interface PendingCredit {
  actor: Actor;
  m: BankMovement;
  now: Date;
  resolve: (r: CreditResult) => void;
  reject: (err: unknown) => void;
}

/** A group write found a bank reference recorded meanwhile by a concurrent transaction: undone, then one by one. */
class GroupConflict extends Error {}

// The group's read: the accounts credited, the payments named (locked, in id order: the same order everywhere, so
// concurrent groups and single notifications never deadlock on them) and the bank references already recorded.
const GROUP_READ = `select
  (select coalesce(json_agg(json_build_array(a.account_number, a.agency_id)), '[]'::json) from payment_accounts a where a.account_number = any($1::text[])) as accounts,
  (select coalesce(json_agg(p), '[]'::json) from (select id, code, amount_vnd, status, provider_txn_ref, agency_id, dossier_id, provider from payments where code = any($2::text[]) order by id for update) p) as payments,
  (select coalesce(array_agg(bank_ref), '{}'::text[]) from payment_credits where bank_ref = any($3::text[])) as seen`;

// The group's write, ONE statement: every credit, the settled payments with their events, every audit record and
// outbox event. Answers how many credits were inserted (fewer than sent: a concurrent duplicate, undone by the caller).
const GROUP_WRITE = `with c as (
  insert into payment_credits (id, bank_ref, agency_id, account_number, amount_vnd, text, booked_at, source, outcome, code, payment_id, difference_vnd, queue, created_at)
  select t.id, t.bank_ref, t.agency_id, t.account_number, t.amount, t.text, t.booked_at, 'notification', t.outcome, t.code, t.payment_id, t.difference, t.queue, t.created_at
  from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::uuid[], $11::bigint[], $12::text[], $13::timestamptz[])
    as t(id, bank_ref, agency_id, account_number, amount, text, booked_at, outcome, code, payment_id, difference, queue, created_at)
  on conflict do nothing returning 1),
s as (select * from unnest($14::uuid[], $15::text[], $16::timestamptz[], $17::timestamptz[]) as t(id, ref, paid, at)),
u as (update payments p set status = 'success', provider_txn_ref = s.ref, paid_at = s.paid, updated_at = s.at from s where p.id = s.id),
e as (insert into payment_events (payment_id, status, at, detail) select s.id, 'success', s.at, jsonb_build_object('source', 'bank_notification', 'txnRef', s.ref) from s),
a as (${auditInsertFromArrays(18)}),
o as (${eventInsertFromArrays(31)})
select (select count(*) from c)::int as inserted`;

export interface ReconcilerOptions {
  /** Group commits of notifications in flight at once (1 on PGlite: one connection). */
  maxGroups?: number;
}

export class Reconciler {
  private readonly pending: PendingCredit[] = [];
  private groups = 0;
  private readonly maxGroups: number;

  constructor(
    private readonly db: Db,
    private readonly payments: PaymentService,
    opts: ReconcilerOptions = {},
  ) {
    this.maxGroups = Math.max(1, opts.maxGroups ?? 2);
  }

  /**
   * One bank notification: exactly once per bank reference. Group commit: notifications arriving together are
   * matched and written in one transaction (one locked read, one write statement), and each promise settles only
   * once that transaction has committed — an answer is never sent before its credit is durable. An idle endpoint
   * writes at once; under load one commit serves many. A group that fails is undone and its notifications are
   * applied one by one, each in its own transaction (so one bad notification fails alone).
   */
  credit(actor: Actor, m: BankMovement, now: Date): Promise<CreditResult> {
    if (m.direction !== 'in') return Promise.resolve({ result: 'ignored' });
    return new Promise<CreditResult>((resolve, reject) => {
      this.pending.push({ actor, m, now, resolve, reject });
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.groups < this.maxGroups && this.pending.length) {
      const group = this.pending.splice(0, MAX_GROUP);
      this.groups++;
      void this.runGroup(group).finally(() => {
        this.groups--;
        this.startGroups();
      });
    }
  }

  private async runGroup(group: PendingCredit[]): Promise<void> {
    let results: CreditResult[];
    try {
      results = await this.db.transaction((tx) => this.creditGroup(tx, group));
    } catch (err) {
      if (group.length === 1 && !(err instanceof GroupConflict)) {
        group[0].reject(err);
        return;
      }
      await Promise.all(group.map((p) => this.creditOne(p.actor, p.m, p.now).then(p.resolve, p.reject)));
      return;
    }
    group.forEach((p, i) => p.resolve(results[i]));
  }

  /** A group of notifications in the caller's transaction: the results in order. */
  private async creditGroup(tx: Tx, group: readonly PendingCredit[]): Promise<CreditResult[]> {
    const found = group.map((p) => {
      const f = findPaymentCode(p.m.text);
      return f.kind === 'one' ? [f.code] : f.kind === 'many' ? f.codes : [];
    });
    const [read] = await queryNamed<{ accounts: [string, string][]; payments: Record<string, unknown>[]; seen: string[] }>(tx, 'payment_credit_group_read', GROUP_READ, [
      pgArray([...new Set(group.map((p) => p.m.accountNumber))]),
      pgArray([...new Set(found.flat())]),
      pgArray([...new Set(group.map((p) => p.m.bankRef))]),
    ]);
    const agencyOf = new Map<string, string>();
    for (const [acc, agency] of read.accounts) if (!agencyOf.has(acc)) agencyOf.set(acc, agency);
    const locked = new Map<string, LockedPayment>();
    for (const r of read.payments) {
      const p: LockedPayment = { id: String(r.id), code: String(r.code), amountVnd: Number(r.amount_vnd), status: String(r.status), providerTxnRef: (r.provider_txn_ref as string | null) ?? null, agencyId: String(r.agency_id), dossierId: (r.dossier_id as string | null) ?? null, provider: String(r.provider) };
      locked.set(p.code, p);
    }
    const seen = new Set(read.seen);

    const results: CreditResult[] = [];
    const credits: { id: string; p: PendingCredit; agencyId: string | null; match: Match; outcome: string; queue: 'none' | 'open' }[] = [];
    const settled: { row: LockedPayment; money: MoneyIn; actor: Actor; now: Date }[] = [];
    const queuedAudits: { actor: Actor; input: AuditInput; now: Date }[] = [];
    const events: DomainEvent[] = [];
    for (const [i, p] of group.entries()) {
      const { m } = p;
      if (seen.has(m.bankRef)) {
        results.push({ result: 'duplicate' });
        continue;
      }
      seen.add(m.bankRef);
      const accountAgency = agencyOf.get(m.accountNumber) ?? null;
      // Money on one agency's account never pays another agency's fee: such a code counts as unknown here.
      const byCode = new Map<string, LockedPayment>();
      for (const c of found[i]) {
        const row = locked.get(c);
        if (row && (!accountAgency || row.agencyId === accountAgency)) byCode.set(c, row);
      }
      const match = classifyCredit({ bankRef: m.bankRef, amountVnd: m.amountVnd, text: m.text, at: m.at }, (c) => (byCode.has(c) ? forMatch(byCode.get(c)!) : undefined), () => false);
      if (match.outcome === 'duplicate') {
        results.push({ result: 'duplicate' });
        continue;
      }
      const row = match.paymentId ? byCode.get(match.code!) : undefined;
      const id = randomUUID();
      const agencyId = (row ? row.agencyId : null) ?? accountAgency;
      if (match.outcome === 'matched' && row) {
        const money: MoneyIn = { txnRef: m.bankRef, amountVnd: m.amountVnd, paidAt: m.at, source: 'bank_notification' };
        const o = this.payments.settleOutcome(row, money);
        if (o === 'settled') {
          settled.push({ row: { ...row }, money, actor: p.actor, now: p.now });
          // Later notifications of this group see the payment paid.
          Object.assign(row, { status: 'success', providerTxnRef: m.bankRef });
          credits.push({ id, p, agencyId, match, outcome: match.outcome, queue: 'none' });
          events.push(this.payments.successEntries([settled[settled.length - 1]]).events[0]);
          results.push({ result: 'settled', creditId: id, paymentId: row.id });
          continue;
        }
        // Closed before the money came (cancelled, expired): an officer decides.
        credits.push({ id, p, agencyId, match, outcome: o === 'finished' ? 'payment_closed' : 'already_paid', queue: 'open' });
      } else credits.push({ id, p, agencyId, match, outcome: match.outcome, queue: 'open' });
      queuedAudits.push({ actor: p.actor, now: p.now, input: { action: 'payment.credit_queued', targetType: 'payment_credit', targetId: id, after: { outcome: match.outcome, paymentId: match.paymentId ?? null, amount: m.amountVnd, bankRef: m.bankRef } } });
      events.push({ type: 'payment.credit_queued', aggregateType: 'payment_credit', aggregateId: id, payload: { creditId: id, outcome: match.outcome, paymentId: match.paymentId ?? null } });
      results.push({ result: 'queued', creditId: id, paymentId: match.paymentId ?? null });
    }
    if (!credits.length) return results;

    const audits = [...this.payments.successEntries(settled).audits, ...queuedAudits];
    const col = (f: (c: (typeof credits)[number]) => string | number | null) => pgArray(credits.map(f));
    const scol = (f: (s: (typeof settled)[number]) => string) => pgArray(settled.map(f));
    const [w] = await queryNamed<{ inserted: number }>(tx, 'payment_credit_group_write', GROUP_WRITE, [
      col((c) => c.id),
      col((c) => c.p.m.bankRef),
      col((c) => c.agencyId),
      col((c) => c.p.m.accountNumber),
      col((c) => c.p.m.amountVnd),
      col((c) => c.p.m.text),
      col((c) => c.p.m.at.toISOString()),
      col((c) => c.outcome),
      col((c) => c.match.code ?? null),
      col((c) => c.match.paymentId ?? null),
      col((c) => c.match.differenceVnd ?? null),
      col((c) => c.queue),
      col((c) => c.p.now.toISOString()),
      scol((s) => s.row.id),
      scol((s) => s.money.txnRef),
      scol((s) => s.money.paidAt.toISOString()),
      scol((s) => s.now.toISOString()),
      ...auditArrays(audits),
      ...eventArrays(events),
    ]);
    if (Number(w.inserted) !== credits.length) throw new GroupConflict('a bank reference was recorded by a concurrent transaction');
    await this.payments.confirmDossiers(tx, settled);
    return results;
  }

  /** One bank notification in its own transaction (a group's notifications, when the group could not be written). */
  private async creditOne(actor: Actor, m: BankMovement, now: Date): Promise<CreditResult> {
    return this.db.transaction(async (tx) => {
      const found = findPaymentCode(m.text);
      const codes = found.kind === 'one' ? [found.code] : found.kind === 'many' ? found.codes : [];
      // Lock the payment first: concurrent copies of one notification queue here and the second sees the first's row.
      const accountAgency = await this.payments.agencyOfAccount(m.accountNumber, tx);
      const locked = codes.length ? await tx.select().from(payments).where(inArray(payments.code, codes)).orderBy(asc(payments.id)).for('update') : [];
      // Money on one agency's account never pays another agency's fee: such a code counts as unknown here.
      const candidates = accountAgency ? locked.filter((p) => p.agencyId === accountAgency) : locked;
      const byCode = new Map(candidates.map((p) => [p.code, p]));
      const credit: Credit = { bankRef: m.bankRef, amountVnd: m.amountVnd, text: m.text, at: m.at };
      const match = classifyCredit(credit, (c) => (byCode.has(c) ? forMatch(byCode.get(c)!) : undefined), () => false);
      const agencyId = (match.paymentId ? byCode.get(match.code!)?.agencyId : null) ?? accountAgency;
      const id = randomUUID();
      const [inserted] = await tx
        .insert(paymentCredits)
        .values({ id, bankRef: m.bankRef, agencyId, accountNumber: m.accountNumber, amountVnd: m.amountVnd, text: m.text, bookedAt: m.at, source: 'notification', outcome: match.outcome, code: match.code ?? null, paymentId: match.paymentId ?? null, differenceVnd: match.differenceVnd ?? null, queue: 'none', createdAt: now })
        .onConflictDoNothing()
        .returning({ id: paymentCredits.id });
      if (!inserted) return { result: 'duplicate' } as const;
      return this.apply(tx, actor, id, match, match.paymentId ? byCode.get(match.code!) : undefined, 'bank_notification', now);
    });
  }

  /** Settles an exact match, or opens a queue item for anything else. */
  private async apply(tx: Tx, actor: Actor, creditId: string, match: Match, locked: PaymentRow | undefined, source: 'bank_notification' | 'statement', now: Date): Promise<CreditResult> {
    if (match.outcome === 'matched' && match.paymentId) {
      const s = await this.payments.settle(tx, actor, match.paymentId, { txnRef: match.credit.bankRef, amountVnd: match.credit.amountVnd, paidAt: match.credit.at, source }, now, locked);
      if (s.outcome === 'settled') return { result: 'settled', creditId, paymentId: match.paymentId };
      // Closed before the money came (cancelled, expired): an officer decides.
      await tx.update(paymentCredits).set({ outcome: s.outcome === 'finished' ? 'payment_closed' : 'already_paid', queue: 'open' }).where(eq(paymentCredits.id, creditId));
    } else {
      await tx.update(paymentCredits).set({ queue: 'open' }).where(eq(paymentCredits.id, creditId));
    }
    await appendAudit(tx, actor, { action: 'payment.credit_queued', targetType: 'payment_credit', targetId: creditId, after: { outcome: match.outcome, paymentId: match.paymentId ?? null, amount: match.credit.amountVnd, bankRef: match.credit.bankRef } }, now);
    await enqueueEvent(tx, { type: 'payment.credit_queued', aggregateType: 'payment_credit', aggregateId: creditId, payload: { creditId, outcome: match.outcome, paymentId: match.paymentId ?? null } });
    return { result: 'queued', creditId, paymentId: match.paymentId ?? null };
  }

  /**
   * The daily statement of an agency's account (CSV): credits not yet seen are matched like notifications, in one
   * transaction; lines already recorded (their notification came) are counted and left alone.
   */
  async importStatement(tx: Tx, principal: Principal, actor: Actor, agencyId: string, csv: string | Uint8Array, now: Date): Promise<{ lines: number; errors: StatementError[]; counts: Record<MatchOutcome, number>; settled: number; queued: number }> {
    await this.payments.requireRole(principal, FINANCE_ROLES, agencyId, tx);
    const parsed = parseStatement(csv);
    if (!parsed.lines.length && parsed.errors.length) throw E.statementInvalid(undefined, { extra: { errors: parsed.errors.slice(0, 50) } });
    const account = await this.payments.account(agencyId, tx);
    // What is already known, in two statements whatever the statement's size: the bank references recorded, then
    // the payments of this agency named by the codes in the other lines (locked, in id order).
    const refs = [...new Set(parsed.lines.map((l) => l.bankRef))];
    const [{ seen: seenRefs }] = await queryNamed<{ seen: string[] }>(tx, 'payment_statement_seen', `select coalesce(array_agg(bank_ref), '{}'::text[]) as seen from payment_credits where bank_ref = any($1::text[])`, [pgArray(refs)]);
    const seen = new Set(seenRefs);
    const codes = new Set<string>();
    for (const l of parsed.lines) if (!seen.has(l.bankRef)) for (const c of findPaymentCodes(l.text)) codes.add(c);
    const known = new Map<string, PaymentRow>();
    if (codes.size) {
      const rows = await queryNamed<{ id: string; code: string; amount_vnd: string | number; status: string; provider_txn_ref: string | null; agency_id: string; dossier_id: string | null; provider: string }>(
        tx,
        'payment_statement_lock',
        `select id, code, amount_vnd, status, provider_txn_ref, agency_id, dossier_id, provider from payments where code = any($1::text[]) and agency_id = $2::uuid order by id for update`,
        [pgArray([...codes]), agencyId],
      );
      // The columns matching and settling read (settleMany, settle and move use no others).
      for (const r of rows) known.set(r.code, { id: r.id, code: r.code, amountVnd: Number(r.amount_vnd), status: r.status, providerTxnRef: r.provider_txn_ref, agencyId: r.agency_id, dossierId: r.dossier_id, provider: r.provider } as PaymentRow);
    }
    const { matches, counts } = reconcileBatch(parsed.lines, (c) => (known.has(c) ? forMatch(known.get(c)!) : undefined), (ref) => seen.has(ref));
    const fresh = matches.filter((m) => m.outcome !== 'duplicate');
    const ids = fresh.map(() => randomUUID());
    // The writes are sent without waiting for each other (the next chunk is prepared while the database writes the
    // last): one statement per chunk, a parameter per column (unnest): a statement has tens of thousands of lines.
    const pipe = new StatementPipeline(tx);
    for (let i = 0; i < fresh.length; i += BULK) {
      const part = fresh.slice(i, i + BULK);
      const col = <T extends string | number | null>(f: (m: Match, j: number) => T) => pgArray(part.map((m, j) => f(m, i + j)));
      pipe.send('payment_statement_credits', STATEMENT_CREDITS, [
        agencyId,
        account?.accountNumber ?? null,
        now.toISOString(),
        col((_m, j) => ids[j]),
        col((m) => m.credit.bankRef),
        col((m) => m.credit.amountVnd),
        col((m) => m.credit.text),
        col((m) => m.credit.at.toISOString()),
        col((m) => m.outcome),
        col((m) => m.code ?? null),
        col((m) => m.paymentId ?? null),
        col((m) => m.differenceVnd ?? null),
        col((m) => (m.outcome === 'matched' ? 'none' : 'open')),
      ]);
      await pipe.breathe();
    }
    // The exact matches settle together (set-based; a dossier waiting for payment is confirmed one by one).
    const matched = fresh.map((m, i) => ({ m, id: ids[i] })).filter(({ m }) => m.outcome === 'matched' && m.paymentId);
    const outcomes = await this.payments.settleMany(tx, actor, matched.map(({ m }) => ({ row: known.get(m.code!)!, money: { txnRef: m.credit.bankRef, amountVnd: m.credit.amountVnd, paidAt: m.credit.at, source: 'statement' as const } })), now, pipe);
    await pipe.drain();
    let settled = 0;
    let queued = fresh.length - matched.length;
    for (const { m, id } of matched) {
      const o = outcomes.get(m.paymentId!);
      if (o === 'settled') {
        settled++;
        continue;
      }
      queued++;
      await tx.update(paymentCredits).set({ outcome: o === 'finished' ? 'payment_closed' : 'already_paid', queue: 'open' }).where(eq(paymentCredits.id, id));
    }
    await appendAudit(tx, actor, { action: 'payment.statement_imported', targetType: 'agency', targetId: agencyId, after: { lines: parsed.lines.length, errors: parsed.errors.length, counts, settled, queued }, agencyId }, now);
    return { lines: parsed.lines.length, errors: parsed.errors, counts, settled, queued };
  }

  // --- the officers' queue (khoản chờ xử lý) ---------------------------------------------------------------------

  async queue(principal: Principal, agencyId: string, status: 'open' | 'resolved' = 'open'): Promise<CreditRow[]> {
    await this.payments.requireRole(principal, FINANCE_ROLES, agencyId);
    const where = status === 'open' ? eq(paymentCredits.queue, 'open') : inArray(paymentCredits.queue, ['matched', 'refunded', 'rejected']);
    return this.db.select().from(paymentCredits).where(and(eq(paymentCredits.agencyId, agencyId), where)).orderBy(asc(paymentCredits.createdAt)).limit(500);
  }

  /**
   * An officer resolves a queued credit: `match` settles the chosen payment with it (the amounts must agree),
   * `refund` records that the money is sent back, `reject` closes it with a note (not this agency's money…).
   */
  async resolve(tx: Tx, principal: Principal, actor: Actor, creditId: string, body: { action: 'match' | 'refund' | 'reject'; payment_id?: string; note: string }, now: Date): Promise<CreditRow> {
    const [item] = await tx.select().from(paymentCredits).where(eq(paymentCredits.id, creditId)).for('update');
    if (!item || !item.agencyId) throw E.itemNotFound();
    await this.payments.requireRole(principal, FINANCE_ROLES, item.agencyId, tx);
    if (item.queue !== 'open') throw E.itemResolved();
    let paymentId = item.paymentId;
    if (body.action === 'match') {
      paymentId = body.payment_id ?? item.paymentId;
      const p = paymentId ? await this.payments.load(paymentId, tx) : undefined;
      if (!p || p.agencyId !== item.agencyId) throw E.notFound();
      const s = await this.payments.settle(tx, actor, p.id, { txnRef: item.bankRef, amountVnd: item.amountVnd, paidAt: item.bookedAt, source: 'queue' }, now);
      if (s.outcome === 'amount_mismatch') throw E.matchMismatch({ vi: `Số tiền nhận ${item.amountVnd} đồng khác số phải nộp ${p.amountVnd} đồng.`, en: `Received ${item.amountVnd} VND, due ${p.amountVnd} VND.` });
      if (s.outcome !== 'settled') throw E.wrongState({ vi: 'Khoản thanh toán đã kết thúc; hãy hoàn tiền cho người nộp.', en: 'The payment is finished; refund the payer instead.' }, { extra: { status: s.row.status } });
    }
    const queue = body.action === 'match' ? 'matched' : body.action === 'refund' ? 'refunded' : 'rejected';
    const [row] = await tx.update(paymentCredits).set({ queue, paymentId, resolvedBy: principal.accountId, resolvedAt: now, resolution: body.note.normalize('NFC').trim() }).where(eq(paymentCredits.id, creditId)).returning();
    await appendAudit(tx, actor, { action: `payment.credit_${queue}`, targetType: 'payment_credit', targetId: creditId, before: { queue: 'open', outcome: item.outcome }, after: { queue, paymentId, note: row.resolution }, agencyId: item.agencyId }, now);
    await enqueueEvent(tx, { type: `payment.credit_${queue}`, aggregateType: 'payment_credit', aggregateId: creditId, payload: { creditId, paymentId, agencyId: item.agencyId } });
    return row;
  }

  /** Counts of credits per outcome and queue state (the reconciliation page's header). */
  async summary(principal: Principal, agencyId: string): Promise<{ open: number; settled: number; resolved: number }> {
    await this.payments.requireRole(principal, FINANCE_ROLES, agencyId);
    const rows = await this.db.select({ queue: paymentCredits.queue, n: sql<number>`count(*)::int` }).from(paymentCredits).where(eq(paymentCredits.agencyId, agencyId)).groupBy(paymentCredits.queue);
    const by = Object.fromEntries(rows.map((r) => [r.queue, Number(r.n)]));
    return { open: by.open ?? 0, settled: by.none ?? 0, resolved: (by.matched ?? 0) + (by.refunded ?? 0) + (by.rejected ?? 0) };
  }
}
