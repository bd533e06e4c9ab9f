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
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { findPaymentCode, findPaymentCodes } from '../../shared/payment/code';
import { classifyCredit, reconcileBatch, type Credit, type Match, type MatchOutcome, type PaymentForMatch } from '../../shared/payment/reconcile';
import { parseStatement, type StatementError } from '../../shared/payment/statement';
import type { PaymentStatus } from '../../shared/payment/states';
import { paymentErrors as E } from './payment.errors';
import { paymentCredits, payments } from './payment.schema';
import { FINANCE_ROLES, pgArray, type PaymentRow, type PaymentService } from './payment.service';

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
const CHUNK = 1000;
/** Lines per bulk statement of the statement import. */
const BULK = 10_000;

export class Reconciler {
  constructor(
    private readonly db: Db,
    private readonly payments: PaymentService,
  ) {}

  /** One bank notification, in its own transaction: exactly once per bank reference. */
  async credit(actor: Actor, m: BankMovement, now: Date): Promise<CreditResult> {
    if (m.direction !== 'in') return { result: 'ignored' };
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
    // What is already known: bank references recorded, payments named by the codes in the texts.
    const seen = new Set<string>();
    const refs = [...new Set(parsed.lines.map((l) => l.bankRef))];
    for (let i = 0; i < refs.length; i += BULK) {
      const res = await tx.execute(sql`select bank_ref from payment_credits where bank_ref = any(${pgArray(refs.slice(i, i + BULK))}::text[])`);
      for (const r of (res as unknown as { rows: { bank_ref: string }[] }).rows) seen.add(r.bank_ref);
    }
    const codes = new Set<string>();
    for (const l of parsed.lines) if (!seen.has(l.bankRef)) for (const c of findPaymentCodes(l.text)) codes.add(c);
    const known = new Map<string, PaymentRow>();
    const list = [...codes];
    for (let i = 0; i < list.length; i += CHUNK) {
      for (const p of await tx.select().from(payments).where(and(inArray(payments.code, list.slice(i, i + CHUNK)), eq(payments.agencyId, agencyId))).orderBy(asc(payments.id)).for('update')) known.set(p.code, p);
    }
    const { matches, counts } = reconcileBatch(parsed.lines, (c) => (known.has(c) ? forMatch(known.get(c)!) : undefined), (ref) => seen.has(ref));
    const fresh = matches.filter((m) => m.outcome !== 'duplicate');
    const ids = fresh.map(() => randomUUID());
    // One statement per chunk, a parameter per column (unnest): a statement has tens of thousands of lines.
    for (let i = 0; i < fresh.length; i += BULK) {
      const part = fresh.slice(i, i + BULK);
      const col = <T>(f: (m: Match, j: number) => T) => part.map((m, j) => f(m, i + j));
      await tx.execute(sql`insert into payment_credits (id, bank_ref, agency_id, account_number, amount_vnd, text, booked_at, source, outcome, code, payment_id, difference_vnd, queue, created_at)
        select id, bank_ref, ${agencyId}::uuid, ${account?.accountNumber ?? null}::text, amount_vnd, text, booked_at, 'statement', outcome, code, payment_id, difference_vnd, queue, ${now}::timestamptz
        from unnest(${pgArray(col((_m, j) => ids[j]))}::uuid[], ${pgArray(col((m) => m.credit.bankRef))}::text[], ${pgArray(col((m) => m.credit.amountVnd))}::bigint[], ${pgArray(col((m) => m.credit.text))}::text[],
          ${pgArray(col((m) => m.credit.at.toISOString()))}::timestamptz[], ${pgArray(col((m) => m.outcome))}::text[], ${pgArray(col((m) => m.code ?? null))}::text[], ${pgArray(col((m) => m.paymentId ?? null))}::uuid[],
          ${pgArray(col((m) => m.differenceVnd ?? null))}::bigint[], ${pgArray(col((m) => (m.outcome === 'matched' ? 'none' : 'open')))}::text[])
          as t(id, bank_ref, amount_vnd, text, booked_at, outcome, code, payment_id, difference_vnd, queue)
        on conflict do nothing`);
    }
    // The exact matches settle together (set-based; a dossier waiting for payment is confirmed one by one).
    const matched = fresh.map((m, i) => ({ m, id: ids[i] })).filter(({ m }) => m.outcome === 'matched' && m.paymentId);
    const outcomes = await this.payments.settleMany(tx, actor, matched.map(({ m }) => ({ row: known.get(m.code!)!, money: { txnRef: m.credit.bankRef, amountVnd: m.credit.amountVnd, paidAt: m.credit.at, source: 'statement' as const } })), now);
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
