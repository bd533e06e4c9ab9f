/**
 * Payments (thanh toán phí, lệ phí): create, read, cancel, expire and refund, in GOV.UK Pay's states; the money
 * received through any provider settles a payment once (locked row, the provider's reference de-duplicated), and a
 * dossier waiting for its obligations is confirmed in the same transaction. Every change appends its payment event,
 * its audit record and its outbox event in the caller's transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit, auditArrays, auditInsert, auditInsertFromArrays, type AuditInput } from '../../platform/audit/audit.service';
import { enqueueEvent, eventArrays, eventInsert, eventInsertFromArrays, type DomainEvent } from '../../platform/events/outbox';
import { pgArray, StatementPipeline, writeAtomically } from '../../platform/db/write-batch';

export { pgArray };
import type { Role } from '../../shared/auth/roles';
import { feeTotal } from '../../shared/catalog/fee-total';
import { paymentCodeFromBytes } from '../../shared/payment/code';
import { checkRefund, isFinished, nextStatus, refundAmountAvailable, type PaymentEvent, type PaymentStatus, type RefundStatus } from '../../shared/payment/states';
import { paymentErrors as E } from './payment.errors';
import { paymentAccounts, paymentEvents, paymentNotifications, paymentRefunds, payments } from './payment.schema';
import type { PaymentDossier, PaymentPorts } from './payment.ports';
import type { PaymentProvider, PaymentProviderKind, ProviderStatus, VerifiedNotification } from './payment.provider';
import type { BankAccount } from './providers/vietqr';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof paymentRefunds.$inferSelect;
export type EventRow = typeof paymentEvents.$inferSelect;
export type AccountRow = typeof paymentAccounts.$inferSelect;

/** Who handles an agency's money: the desk and the agency's admin (refunds, the queue, the account). */
export const FINANCE_ROLES: readonly Role[] = ['receiving_officer', 'agency_admin'];
/** Officers who may see an agency's payments. */
export const OFFICER_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin'];

/** What a dossier owes now: the officer's request while it waits for payment, else the fee rules on its answers. */
export function dossierDue(d: PaymentDossier, paidSince: (since: Date | null) => number): { amountVnd: number; lines: { label: string; amountVnd: number }[]; reason: string } | null {
  if (d.paymentRequest) {
    const requested = d.paymentRequest.amountVnd ?? feeTotal(d.fees, d.data, { online: d.channel === 'online' }).totalVnd;
    const due = requested - paidSince(d.paymentRequest.at);
    return due > 0 ? { amountVnd: due, lines: [{ label: d.paymentRequest.reason, amountVnd: due }], reason: d.paymentRequest.reason } : null;
  }
  if (!d.code || ['draft', 'returned', 'withdrawn', 'stopped', 'reception_refused', 'rejected'].includes(d.state)) return null;
  const t = feeTotal(d.fees, d.data, { online: d.channel === 'online' });
  const lines = t.lines.filter((l) => (l.amountVnd ?? 0) > 0).map((l) => ({ label: `${l.fee.name.vi}${l.units !== undefined ? ` (${l.units} ${l.fee.type === 'fixed' ? (l.fee.per?.vi ?? '') : ''})`.replace(' )', ')') : ''}`, amountVnd: l.amountVnd! }));
  const due = t.totalVnd - paidSince(null);
  if (due <= 0 || !lines.length) return null;
  if (due !== t.totalVnd) return { amountVnd: due, lines: [{ label: 'Phí, lệ phí còn phải nộp', amountVnd: due }], reason: 'Phí, lệ phí của thủ tục' };
  return { amountVnd: due, lines, reason: 'Phí, lệ phí của thủ tục' };
}

/** The fields of a payment of what a dossier owes. */
function forDossier(dossier: PaymentDossier, due: NonNullable<ReturnType<typeof dossierDue>>, principal: Principal) {
  return {
    dossierId: dossier.id,
    reference: dossier.code ?? dossier.id,
    description: `${due.reason} — hồ sơ ${dossier.code ?? ''}`.trim(),
    amountVnd: due.amountVnd,
    agencyId: dossier.agencyId,
    createdBy: principal.accountId,
    payerName: dossier.subjectName,
    lines: due.lines,
  };
}

export interface MoneyIn {
  /** The provider's (bank's) transaction reference: one payment is settled by one. */
  txnRef: string;
  amountVnd: number;
  paidAt: Date;
  source: 'bank_notification' | 'statement' | 'gateway' | 'counter' | 'queue';
}

export interface ServiceDeps {
  db: Db;
  ports: PaymentPorts;
  providers: Partial<Record<PaymentProviderKind, PaymentProvider>>;
  publicUrl: string;
  expiryMinutes: number;
}

const MAX_CODE_TRIES = 5;
const BULK = 10_000;
// settleMany's statements: the payments' update and their events in one, then audit records and outbox events.
const SETTLE_MANY = `with t as (select * from unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[]) as t(id, ref, at, source)),
  u as (update payments set status = 'success', provider_txn_ref = t.ref, paid_at = t.at, updated_at = $1::timestamptz from t where payments.id = t.id)
  insert into payment_events (payment_id, status, at, detail) select t.id, 'success', $1::timestamptz, jsonb_build_object('source', t.source, 'txnRef', t.ref) from t`;
const AUDIT_INSERT = auditInsertFromArrays(1);
const EVENT_INSERT = eventInsertFromArrays(1);


export class PaymentService {
  constructor(private readonly d: ServiceDeps) {}

  get db(): Db {
    return this.d.db;
  }

  provider(kind: PaymentProviderKind): PaymentProvider {
    const p = this.d.providers[kind];
    if (!p) throw E.providerNotConfigured({ vi: `Kênh thanh toán ${kind} chưa được thiết lập trên hệ thống.`, en: `The ${kind} payment method is not set up here.` });
    return p;
  }

  availableProviders(): PaymentProviderKind[] {
    return (['vietqr', 'gateway', 'counter'] as const).filter((k) => !!this.d.providers[k]);
  }

  // --- accounts (tài khoản nhận tiền của cơ quan) ----------------------------------------------------------------

  async account(agencyId: string, db: DbOrTx = this.d.db): Promise<AccountRow | undefined> {
    const [row] = await db.select().from(paymentAccounts).where(eq(paymentAccounts.agencyId, agencyId));
    return row;
  }

  async bankAccount(agencyId: string, db: DbOrTx = this.d.db): Promise<BankAccount | null> {
    const a = await this.account(agencyId, db);
    return a?.bankBin && a.accountNumber && a.accountName ? { bankBin: a.bankBin, accountNumber: a.accountNumber, accountName: a.accountName } : null;
  }

  async setAccount(tx: Tx, principal: Principal, actor: Actor, agencyId: string, body: { providers: PaymentProviderKind[]; bankBin: string | null; accountNumber: string | null; accountName: string | null }, now: Date): Promise<AccountRow> {
    await this.requireRole(principal, ['agency_admin'], agencyId, tx);
    if (body.providers.includes('vietqr') && (!body.bankBin || !body.accountNumber || !body.accountName)) throw E.accountInvalid({ vi: 'Chuyển khoản VietQR cần mã ngân hàng (BIN), số tài khoản và tên tài khoản.', en: 'VietQR transfers need the bank BIN, the account number and the account name.' });
    for (const k of body.providers) if (!this.d.providers[k]) throw E.providerNotConfigured({ vi: `Kênh ${k} chưa được thiết lập trên hệ thống.`, en: `The ${k} method is not set up here.` });
    const before = await this.account(agencyId, tx);
    const values = { agencyId, providers: body.providers, bankBin: body.bankBin, accountNumber: body.accountNumber, accountName: body.accountName?.normalize('NFC').trim() ?? null, updatedAt: now, updatedBy: principal.accountId };
    const [row] = await tx.insert(paymentAccounts).values(values).onConflictDoUpdate({ target: paymentAccounts.agencyId, set: values }).returning();
    await appendAudit(tx, actor, { action: 'payment.account_set', targetType: 'agency', targetId: agencyId, before: before ?? null, after: { providers: row.providers, bankBin: row.bankBin, accountNumber: row.accountNumber, accountName: row.accountName }, agencyId }, now);
    return row;
  }

  /** The agency that owns an account number (the bank notification names the account credited). */
  async agencyOfAccount(accountNumber: string, db: DbOrTx = this.d.db): Promise<string | null> {
    const [row] = await db.select({ agencyId: paymentAccounts.agencyId }).from(paymentAccounts).where(eq(paymentAccounts.accountNumber, accountNumber)).limit(1);
    return row?.agencyId ?? null;
  }

  // --- access ------------------------------------------------------------------------------------------------

  async requireRole(principal: Principal, roles: readonly Role[], agencyId: string, db: DbOrTx = this.d.db): Promise<Role> {
    const role = await this.d.ports.agencies.roleIn(principal, roles, agencyId, db);
    if (!role) throw E.notAllowed();
    return role;
  }

  /** The payment if the caller may see it: through its dossier, as an officer of its agency, or as its creator. */
  async readable(principal: Principal, id: string, db: DbOrTx = this.d.db): Promise<PaymentRow> {
    const row = await this.load(id, db);
    if (!row) throw E.notFound();
    if (row.createdBy === principal.accountId) return row;
    if (principal.kind !== 'citizen' && (await this.d.ports.agencies.roleIn(principal, OFFICER_ROLES, row.agencyId, db))) return row;
    if (row.dossierId) {
      await this.d.ports.dossiers.readable(principal, row.dossierId, db);
      return row;
    }
    throw E.notFound();
  }

  async load(id: string, db: DbOrTx = this.d.db): Promise<PaymentRow | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const [row] = await db.select().from(payments).where(eq(payments.id, id));
    return row;
  }

  private async lock(tx: Tx, id: string): Promise<PaymentRow> {
    const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
    if (!row) throw E.notFound();
    return row;
  }

  async byCode(code: string, db: DbOrTx = this.d.db): Promise<PaymentRow | undefined> {
    const [row] = await db.select().from(payments).where(eq(payments.code, code));
    return row;
  }

  // --- create -------------------------------------------------------------------------------------------------

  /** Sum paid on a dossier (successful payments, less refunds), optionally since a moment. */
  async paidOn(dossierId: string, db: DbOrTx): Promise<{ at: Date; amountVnd: number }[]> {
    const rows = await db.select({ at: payments.paidAt, amountVnd: payments.amountVnd }).from(payments).where(and(eq(payments.dossierId, dossierId), eq(payments.status, 'success')));
    return rows.map((r) => ({ at: r.at ?? new Date(0), amountVnd: r.amountVnd }));
  }

  async dueOf(dossier: PaymentDossier, db: DbOrTx) {
    const paid = await this.paidOn(dossier.id, db);
    return dossierDue(dossier, (since) => paid.filter((p) => !since || p.at.getTime() >= since.getTime()).reduce((s, p) => s + p.amountVnd, 0));
  }

  /** The applicant pays what her dossier owes (an open payment of the same amount and method is handed back). */
  async createForDossier(tx: Tx, principal: Principal, actor: Actor, dossierId: string, kind: PaymentProviderKind | undefined, now: Date): Promise<{ row: PaymentRow; created: boolean }> {
    const { dossier, applicant } = await this.d.ports.dossiers.readable(principal, dossierId, tx);
    if (!applicant) throw E.notAllowed({ vi: 'Chỉ người nộp hồ sơ thanh toán trực tuyến được.', en: 'Only the applicant pays online.' });
    // Serialises concurrent creations for one dossier.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment:${dossierId}`}))`);
    const due = await this.dueOf(dossier, tx);
    if (!due) {
      const paid = await this.paidOn(dossierId, tx);
      throw paid.length ? E.alreadyPaid() : E.nothingDue();
    }
    const provider = kind ?? (await this.account(dossier.agencyId, tx))?.providers.find((p): p is PaymentProviderKind => p !== 'counter' && !!this.d.providers[p as PaymentProviderKind]) ?? 'vietqr';
    if (provider === 'counter') throw E.notAllowed({ vi: 'Nộp tại quầy do cán bộ một cửa ghi nhận.', en: 'Payments at the desk are recorded by the desk officer.' });
    const [open] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.dossierId, dossierId), inArray(payments.status, ['created', 'started', 'submitted']), eq(payments.amountVnd, due.amountVnd), eq(payments.provider, provider), sql`${payments.expiresAt} > ${now}`))
      .orderBy(desc(payments.createdAt))
      .limit(1);
    if (open) return { row: open, created: false };
    const row = await this.insert(tx, actor, { ...forDossier(dossier, due, principal), provider, returnUrl: `${this.d.publicUrl}/ho-so/${dossierId}/thanh-toan`, metadata: {}, now });
    return { row, created: true };
  }

  /** An integrator's payment (GOV.UK Pay's create): a system or officer account of the collecting agency. */
  async createForClient(tx: Tx, principal: Principal, actor: Actor, body: { amount: number; reference: string; description: string; return_url: string; agency_id: string; provider?: PaymentProviderKind; metadata?: Record<string, string | number | boolean>; payer_name?: string }, now: Date): Promise<PaymentRow> {
    await this.requireRole(principal, FINANCE_ROLES, body.agency_id, tx);
    if (!Number.isSafeInteger(body.amount) || body.amount <= 0) throw E.invalidAmount();
    const provider = body.provider ?? 'vietqr';
    return this.insert(tx, actor, {
      dossierId: null,
      reference: body.reference,
      description: body.description,
      amountVnd: body.amount,
      agencyId: body.agency_id,
      provider,
      returnUrl: body.return_url,
      metadata: body.metadata ?? {},
      createdBy: principal.accountId,
      payerName: body.payer_name ?? '',
      lines: [{ label: body.description, amountVnd: body.amount }],
      now,
    });
  }

  private async insert(tx: Tx, actor: Actor, v: Omit<typeof payments.$inferInsert, 'id' | 'code' | 'status' | 'createdAt' | 'updatedAt' | 'expiresAt' | 'next' | 'providerRef'> & { now: Date }): Promise<PaymentRow> {
    const { now, ...fields } = v;
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.d.expiryMinutes * 60_000);
    let code = '';
    for (let i = 0; i < MAX_CODE_TRIES; i++) {
      code = paymentCodeFromBytes(randomBytes(5));
      const [taken] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.code, code));
      if (!taken) break;
    }
    const provider = this.provider(fields.provider as PaymentProviderKind);
    const created = await provider.create({ paymentId: id, amountVnd: fields.amountVnd, reference: fields.reference, description: fields.description, returnUrl: `${this.d.publicUrl}/api/payments/${id}/return`, agencyId: fields.agencyId, expiresAt, code, bankAccount: fields.provider === 'vietqr' ? await this.bankAccount(fields.agencyId, tx) : null });
    const [row] = await tx
      .insert(payments)
      .values({ ...fields, id, code, status: 'created', providerRef: created.providerRef, next: created.next, createdAt: now, updatedAt: now, expiresAt })
      .returning();
    await this.event(tx, row, 'created', now, { amount: row.amountVnd, provider: row.provider });
    await appendAudit(tx, actor, { action: 'payment.created', targetType: 'payment', targetId: id, after: { amount: row.amountVnd, provider: row.provider, reference: row.reference, dossierId: row.dossierId }, agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: 'payment.created', aggregateType: 'payment', aggregateId: id, payload: { paymentId: id, dossierId: row.dossierId, agencyId: row.agencyId, amountVnd: row.amountVnd, provider: row.provider } });
    return row;
  }

  // --- state changes ------------------------------------------------------------------------------------------

  private async event(tx: DbOrTx, row: PaymentRow, status: PaymentStatus | `refund_${RefundStatus}`, now: Date, detail: Record<string, unknown> = {}): Promise<void> {
    await tx.insert(paymentEvents).values({ paymentId: row.id, status, at: now, detail });
  }

  /**
   * One transition of the payment's state machine, with its event, audit record and outbox event: one statement
   * (data-modifying CTEs), in the caller's transaction that holds the payment's row lock.
   */
  private async move(tx: Tx, actor: Actor, row: PaymentRow, ev: PaymentEvent, now: Date, set: Partial<typeof payments.$inferInsert> = {}, detail: Record<string, unknown> = {}): Promise<PaymentRow> {
    const to = nextStatus(row.status as PaymentStatus, ev);
    if (!to) throw E.wrongState(undefined, { extra: { status: row.status } });
    await writeAtomically(tx, [
      tx.update(payments).set({ ...set, status: to, updatedAt: now }).where(eq(payments.id, row.id)),
      tx.insert(paymentEvents).values({ paymentId: row.id, status: to, at: now, detail }),
      auditInsert(tx, actor, { action: `payment.${to}`, targetType: 'payment', targetId: row.id, before: { status: row.status }, after: { status: to, ...detail }, agencyId: row.agencyId }, now),
      eventInsert(tx, { type: `payment.${to}`, aggregateType: 'payment', aggregateId: row.id, payload: { paymentId: row.id, dossierId: row.dossierId, agencyId: row.agencyId, amountVnd: row.amountVnd, provider: row.provider, status: to } }),
    ]);
    return { ...row, ...set, status: to, updatedAt: now } as PaymentRow;
  }

  /** The payer opened the provider's page or the QR (GOV.UK's "started"). */
  async markStarted(tx: Tx, actor: Actor, id: string, now: Date): Promise<PaymentRow> {
    const row = await this.lock(tx, id);
    return row.status === 'created' ? this.move(tx, actor, row, 'start', now) : row;
  }

  async cancel(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<PaymentRow> {
    const seen = await this.readable(principal, id, tx);
    const row = await this.lock(tx, seen.id);
    if (isFinished(row.status as PaymentStatus)) throw E.wrongState({ vi: 'Khoản thanh toán đã kết thúc, không hủy được.', en: 'The payment is finished and cannot be cancelled.' }, { extra: { status: row.status } });
    return this.move(tx, actor, row, 'cancel', now);
  }

  /**
   * Money received for a payment: settles it once. Returns 'settled', 'already_paid' (the same or another reference
   * settled it before) or 'finished' (cancelled, expired or failed: the money goes to the officers' queue).
   */
  async settle(tx: Tx, actor: Actor, id: string, money: MoneyIn, now: Date, locked?: PaymentRow): Promise<{ outcome: 'settled' | 'already_paid' | 'finished' | 'amount_mismatch'; row: PaymentRow }> {
    const row = locked ?? (await this.lock(tx, id));
    if (row.status === 'success') return { outcome: 'already_paid', row };
    if (isFinished(row.status as PaymentStatus)) return { outcome: 'finished', row };
    if (money.amountVnd !== row.amountVnd) return { outcome: 'amount_mismatch', row };
    const updated = await this.move(tx, actor, row, 'succeed', now, { providerTxnRef: money.txnRef, paidAt: money.paidAt }, { source: money.source, txnRef: money.txnRef });
    if (row.dossierId) await this.d.ports.dossiers.confirmPaid(tx, row.dossierId, `${row.code} / ${money.txnRef}`);
    return { outcome: 'settled', row: updated };
  }

  /**
   * Settles many payments (a statement's exact matches), their rows locked by the caller: set-based for payments
   * of no dossier, one by one for those whose dossier may wait for them. The outcome per payment id. The bulk
   * statements go through `pipe` when given (the caller drains it), else through one of its own, drained here.
   */
  async settleMany(tx: Tx, actor: Actor, items: readonly { row: PaymentRow; money: MoneyIn }[], now: Date, pipe?: StatementPipeline): Promise<Map<string, 'settled' | 'already_paid' | 'finished' | 'amount_mismatch'>> {
    const out = new Map<string, 'settled' | 'already_paid' | 'finished' | 'amount_mismatch'>();
    const bulk: { row: PaymentRow; money: MoneyIn }[] = [];
    for (const it of items) {
      const st = it.row.status as PaymentStatus;
      if (it.row.dossierId) out.set(it.row.id, (await this.settle(tx, actor, it.row.id, it.money, now, it.row)).outcome);
      else if (st === 'success') out.set(it.row.id, 'already_paid');
      else if (isFinished(st) || !nextStatus(st, 'succeed')) out.set(it.row.id, 'finished');
      else if (it.money.amountVnd !== it.row.amountVnd) out.set(it.row.id, 'amount_mismatch');
      else {
        bulk.push(it);
        out.set(it.row.id, 'settled');
      }
    }
    const p = pipe ?? new StatementPipeline(tx);
    for (let i = 0; i < bulk.length; i += BULK) {
      const part = bulk.slice(i, i + BULK);
      const ids = pgArray(part.map((b) => b.row.id));
      const refs = pgArray(part.map((b) => b.money.txnRef));
      const ats = pgArray(part.map((b) => b.money.paidAt.toISOString()));
      const sources = pgArray(part.map((b) => b.money.source));
      p.send('payment_settle_many', SETTLE_MANY, [now.toISOString(), ids, refs, ats, sources]);
      await p.breathe();
    }
    const { audits, events } = this.successEntries(bulk.map(({ row, money }) => ({ row, money, actor, now })));
    for (let i = 0; i < audits.length; i += BULK) {
      p.send('audit_insert_arrays', AUDIT_INSERT, auditArrays(audits.slice(i, i + BULK)));
      await p.breathe();
    }
    for (let i = 0; i < events.length; i += BULK) p.send('outbox_insert_arrays', EVENT_INSERT, eventArrays(events.slice(i, i + BULK)));
    if (!pipe) await p.drain();
    return out;
  }

  /**
   * What {@link settle} would do with this money for this locked row, without writing: 'settled' means the row may
   * move to success (the caller writes {@link successEntries} and the row's update, then {@link confirmDossiers}).
   */
  settleOutcome(row: Pick<PaymentRow, 'status' | 'amountVnd'>, money: Pick<MoneyIn, 'amountVnd'>): 'settled' | 'already_paid' | 'finished' | 'amount_mismatch' {
    const st = row.status as PaymentStatus;
    if (st === 'success') return 'already_paid';
    if (isFinished(st)) return 'finished';
    if (money.amountVnd !== row.amountVnd) return 'amount_mismatch';
    if (!nextStatus(st, 'succeed')) throw E.wrongState(undefined, { extra: { status: row.status } });
    return 'settled';
  }

  /** The audit records and outbox events of payments moving to success (those {@link move} writes for one). */
  successEntries(items: readonly { row: Pick<PaymentRow, 'id' | 'status' | 'agencyId' | 'dossierId' | 'amountVnd' | 'provider'>; money: MoneyIn; actor: Actor; now: Date }[]): { audits: { actor: Actor; input: AuditInput; now: Date }[]; events: DomainEvent[] } {
    return {
      audits: items.map(({ row, money, actor, now }) => ({ actor, now, input: { action: 'payment.success', targetType: 'payment', targetId: row.id, before: { status: row.status }, after: { status: 'success', source: money.source, txnRef: money.txnRef }, agencyId: row.agencyId } })),
      events: items.map(({ row }) => ({ type: 'payment.success', aggregateType: 'payment', aggregateId: row.id, payload: { paymentId: row.id, dossierId: row.dossierId, agencyId: row.agencyId, amountVnd: row.amountVnd, provider: row.provider, status: 'success' } })),
    };
  }

  /** After payments moved to success in the caller's transaction: their dossiers waiting for payment are confirmed. */
  async confirmDossiers(tx: Tx, items: readonly { row: Pick<PaymentRow, 'dossierId' | 'code'>; money: Pick<MoneyIn, 'txnRef'> }[]): Promise<void> {
    for (const { row, money } of items) if (row.dossierId) await this.d.ports.dossiers.confirmPaid(tx, row.dossierId, `${row.code} / ${money.txnRef}`);
  }

  async fail(tx: Tx, actor: Actor, id: string, reason: 'failed' | 'cancelled', now: Date, detail: Record<string, unknown> = {}): Promise<PaymentRow> {
    const row = await this.lock(tx, id);
    if (isFinished(row.status as PaymentStatus)) return row;
    return this.move(tx, actor, row, reason === 'failed' ? 'fail' : 'cancel', now, { failure: String(detail.reason ?? reason) }, detail);
  }

  /** Expires unfinished payments past their time; returns how many. */
  async expireDue(actor: Actor, now: Date, limit = 200): Promise<number> {
    const due = await this.d.db
      .select({ id: payments.id })
      .from(payments)
      .where(and(inArray(payments.status, ['created', 'started', 'submitted']), lt(payments.expiresAt, now)))
      .orderBy(asc(payments.expiresAt))
      .limit(limit);
    let n = 0;
    for (const { id } of due) {
      await this.d.db.transaction(async (tx) => {
        const row = await this.lock(tx, id);
        if (isFinished(row.status as PaymentStatus) || row.expiresAt.getTime() >= now.getTime()) return;
        await this.move(tx, actor, row, 'expire', now);
        n++;
      });
    }
    return n;
  }

  /** Asks the provider where an unfinished payment stands and applies its answer (a missed notification). */
  async refreshFromProvider(actor: Actor, id: string, now: Date): Promise<PaymentRow> {
    const row = await this.load(id);
    if (!row) throw E.notFound();
    if (isFinished(row.status as PaymentStatus) || !row.providerRef) return row;
    const st: ProviderStatus = await this.provider(row.provider as PaymentProviderKind).status(row.id, row.providerRef);
    if (st.status === 'pending') return row;
    return this.d.db.transaction(async (tx) => {
      if (st.status === 'success') return (await this.settle(tx, actor, id, { txnRef: st.providerTxnRef, amountVnd: st.amountVnd, paidAt: st.paidAt, source: 'gateway' }, now)).row;
      return this.fail(tx, actor, id, st.status === 'failed' ? 'failed' : 'cancelled', now, st.status === 'failed' ? { reason: st.reason } : {});
    });
  }

  /** The desk took the fee (cash or its card terminal): a counter payment, created and settled at once. */
  async recordCounter(tx: Tx, principal: Principal, actor: Actor, dossierId: string, body: { method: 'cash' | 'pos'; reference: string }, now: Date): Promise<PaymentRow> {
    const { dossier } = await this.d.ports.dossiers.readable(principal, dossierId, tx);
    await this.requireRole(principal, FINANCE_ROLES, dossier.agencyId, tx);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment:${dossierId}`}))`);
    const due = await this.dueOf(dossier, tx);
    if (!due) throw (await this.paidOn(dossierId, tx)).length ? E.alreadyPaid() : E.nothingDue();
    const row = await this.insert(tx, actor, { ...forDossier(dossier, due, principal), provider: 'counter', returnUrl: `${this.d.publicUrl}/ho-so/${dossierId}`, metadata: { method: body.method }, now });
    const s = await this.settle(tx, actor, row.id, { txnRef: `${body.method.toUpperCase()}-${body.reference.trim()}`, amountVnd: row.amountVnd, paidAt: now, source: 'counter' }, now);
    return s.row;
  }

  /** A gateway's verified notification, applied once per transaction reference (late, repeated or out of order). */
  async applyGatewayNotification(actor: Actor, n: VerifiedNotification, now: Date): Promise<{ result: string; payment_id: string | null }> {
    const row = n.paymentId ? await this.load(n.paymentId) : undefined;
    if (!row || row.provider !== 'gateway' || (n.providerRef && row.providerRef !== n.providerRef)) throw E.notificationInvalid({ vi: 'Thông báo không thuộc khoản thanh toán nào.', en: 'The notification names no known payment.' });
    return this.d.db.transaction(async (tx) => {
      const locked = await this.lock(tx, row.id);
      const [fresh] = await tx.insert(paymentNotifications).values({ provider: 'gateway', txnRef: n.providerTxnRef, paymentId: row.id, outcome: n.outcome, receivedAt: now }).onConflictDoNothing().returning({ ref: paymentNotifications.txnRef });
      if (!fresh) return { result: 'duplicate', payment_id: row.id };
      if (n.outcome === 'success') {
        const s = await this.settle(tx, actor, row.id, { txnRef: n.providerTxnRef, amountVnd: n.amountVnd, paidAt: n.occurredAt, source: 'gateway' }, now, locked);
        if (s.outcome === 'amount_mismatch') {
          await this.move(tx, actor, locked, 'error', now, { failure: 'amount_mismatch' }, { expected: locked.amountVnd, received: n.amountVnd, txnRef: n.providerTxnRef });
          return { result: 'amount_mismatch', payment_id: row.id };
        }
        return { result: s.outcome, payment_id: row.id };
      }
      if (isFinished(locked.status as PaymentStatus)) return { result: 'ignored_finished', payment_id: row.id };
      await this.move(tx, actor, locked, n.outcome === 'failed' ? 'fail' : 'cancel', now, { failure: n.outcome }, { txnRef: n.providerTxnRef });
      return { result: n.outcome, payment_id: row.id };
    });
  }

  // --- refunds (hoàn tiền) --------------------------------------------------------------------------------------

  async refundsOf(paymentId: string, db: DbOrTx = this.d.db): Promise<RefundRow[]> {
    return db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId)).orderBy(asc(paymentRefunds.createdAt));
  }

  async refund(tx: Tx, principal: Principal, actor: Actor, id: string, body: { amount: number; refund_amount_available: number; reason: string }, now: Date): Promise<RefundRow> {
    const seen = await this.readable(principal, id, tx);
    await this.requireRole(principal, FINANCE_ROLES, seen.agencyId, tx);
    const row = await this.lock(tx, id);
    const refunds = await this.refundsOf(id, tx);
    const check = checkRefund({ status: row.status as PaymentStatus, amountVnd: row.amountVnd, refunds: refunds.map((r) => ({ amountVnd: r.amountVnd, status: r.status as RefundStatus })) }, { amountVnd: body.amount, expectedAvailableVnd: body.refund_amount_available });
    const available = refundAmountAvailable(row.amountVnd, refunds.map((r) => ({ amountVnd: r.amountVnd, status: r.status as RefundStatus })));
    if (!check.ok) {
      const extra = { extra: { amount_available: available } };
      if (check.code === 'not_refundable') throw E.refundNotAvailable(undefined, { extra: { status: row.status } });
      if (check.code === 'invalid_amount') throw E.invalidAmount();
      if (check.code === 'available_mismatch') throw E.refundAvailableMismatch(undefined, extra);
      throw E.refundExceedsAvailable(undefined, extra);
    }
    const refundId = randomUUID();
    const result = await this.provider(row.provider as PaymentProviderKind).refund({ paymentId: id, providerRef: row.providerRef ?? '', providerTxnRef: row.providerTxnRef ?? '', amountVnd: body.amount, refundId, reason: body.reason });
    const status: RefundStatus = result.status;
    const [refund] = await tx
      .insert(paymentRefunds)
      .values({ id: refundId, paymentId: id, amountVnd: body.amount, status, reason: body.reason.normalize('NFC').trim(), providerRefundRef: 'providerRefundRef' in result ? result.providerRefundRef : null, createdBy: principal.accountId, createdAt: now })
      .returning();
    await this.event(tx, row, `refund_${status}`, now, { refundId, amount: body.amount });
    await appendAudit(tx, actor, { action: 'payment.refund_created', targetType: 'payment', targetId: id, after: { refundId, amount: body.amount, status, reason: refund.reason }, agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: `payment.refund_${status}`, aggregateType: 'payment', aggregateId: id, payload: { paymentId: id, refundId, dossierId: row.dossierId, agencyId: row.agencyId, amountVnd: body.amount } });
    return refund;
  }

  // --- reads --------------------------------------------------------------------------------------------------

  async eventsOf(paymentId: string, db: DbOrTx = this.d.db): Promise<EventRow[]> {
    return db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, paymentId)).orderBy(asc(paymentEvents.id));
  }

  async ofDossier(principal: Principal, dossierId: string): Promise<{ payments: PaymentRow[]; dossier: PaymentDossier; applicant: boolean; due: Awaited<ReturnType<PaymentService['dueOf']>> }> {
    const { dossier, applicant } = await this.d.ports.dossiers.readable(principal, dossierId, this.d.db);
    const rows = await this.d.db.select().from(payments).where(eq(payments.dossierId, dossierId)).orderBy(desc(payments.createdAt));
    return { payments: rows, dossier, applicant, due: await this.dueOf(dossier, this.d.db) };
  }

  async search(principal: Principal, q: { agency_id: string; reference?: string; status?: string; from_date?: string; to_date?: string; page?: number; display_size?: number }): Promise<{ total: number; rows: PaymentRow[]; page: number; size: number }> {
    await this.requireRole(principal, OFFICER_ROLES, q.agency_id);
    const conds: SQL[] = [eq(payments.agencyId, q.agency_id)];
    if (q.reference) conds.push(eq(payments.reference, q.reference));
    if (q.status) conds.push(eq(payments.status, q.status));
    if (q.from_date) conds.push(gte(payments.createdAt, new Date(q.from_date)));
    if (q.to_date) conds.push(lt(payments.createdAt, new Date(q.to_date)));
    const page = q.page ?? 1;
    const size = q.display_size ?? 50;
    const where = and(...conds);
    const [{ n }] = await this.d.db.select({ n: sql<number>`count(*)::int` }).from(payments).where(where);
    const rows = await this.d.db.select().from(payments).where(where).orderBy(desc(payments.createdAt), desc(payments.id)).limit(size).offset((page - 1) * size);
    return { total: Number(n), rows, page, size };
  }

  /** Decision 766's counts: dossiers with a fee paid, paid online, per agency and period. */
  async stats(principal: Principal, agencyId: string, from: Date, until: Date): Promise<{ dossiers_paid: number; dossiers_paid_online: number; payments_success: number; amount_success: number; by_provider: Record<string, number> }> {
    await this.requireRole(principal, OFFICER_ROLES, agencyId);
    const rows = await this.d.db
      .select({ provider: payments.provider, dossierId: payments.dossierId, amount: payments.amountVnd })
      .from(payments)
      .where(and(eq(payments.agencyId, agencyId), eq(payments.status, 'success'), gte(payments.paidAt, from), lt(payments.paidAt, until)));
    const by: Record<string, number> = {};
    for (const r of rows) by[r.provider] = (by[r.provider] ?? 0) + 1;
    const dossiers = new Set(rows.filter((r) => r.dossierId).map((r) => r.dossierId));
    const online = new Set(rows.filter((r) => r.dossierId && r.provider !== 'counter').map((r) => r.dossierId));
    return { dossiers_paid: dossiers.size, dossiers_paid_online: online.size, payments_success: rows.length, amount_success: rows.reduce((s, r) => s + r.amount, 0), by_provider: by };
  }
}
