/**
 * Electronic receipts (biên lai điện tử, Decree 123/2020/NĐ-CP as amended): one per successful payment, numbered per
 * agency and series, signed with the agency's certificate and kept with the payment. Behind `ReceiptIssuer`: in
 * production a licensed provider issues the receipt and reports it to the tax authority; the built-in issuer
 * serves the demo and installations that issue their own.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { paymentReceiptCounters, paymentReceipts, payments } from './payment.schema';
import type { PaymentPorts, ReceiptRenderer } from './payment.ports';
import type { PaymentRow } from './payment.service';

export type ReceiptRow = typeof paymentReceipts.$inferSelect;

export interface IssuedReceipt {
  form: string;
  series: string;
  number: number;
  pdf: Buffer;
  issuer: string;
}

/** Issues the receipt of a successful payment, in the caller's transaction. */
export interface ReceiptIssuer {
  readonly name: string;
  issue(tx: Tx, payment: PaymentRow, now: Date): Promise<IssuedReceipt>;
}

const METHOD_LABELS: Record<string, string> = { vietqr: 'Chuyển khoản (VietQR)', gateway: 'Cổng thanh toán trực tuyến', counter: 'Nộp tại Bộ phận một cửa' };
/** Mẫu số of the receipt form (biên lai thu phí, lệ phí không in sẵn mệnh giá). */
export const RECEIPT_FORM = '01BLP0-001';
/** The series: two letters, the year's two digits, E for electronic. */
export const receiptSeries = (d: Date) => `BL-${String(new Date(d.getTime() + 7 * 3_600_000).getUTCFullYear()).slice(2)}E`;

export class BuiltInReceiptIssuer implements ReceiptIssuer {
  readonly name = 'motcua';
  constructor(
    private readonly ports: PaymentPorts,
    private readonly renderer: ReceiptRenderer,
    private readonly opts: { publicUrl: string; demo: boolean },
  ) {}

  async issue(tx: Tx, p: PaymentRow, now: Date): Promise<IssuedReceipt> {
    const series = receiptSeries(now);
    const [counter] = await tx
      .insert(paymentReceiptCounters)
      .values({ agencyId: p.agencyId, series, last: 1 })
      .onConflictDoUpdate({ target: [paymentReceiptCounters.agencyId, paymentReceiptCounters.series], set: { last: sql`${paymentReceiptCounters.last} + 1` } })
      .returning({ last: paymentReceiptCounters.last });
    const agency = await this.ports.agencies.get(p.agencyId, tx);
    const parent = agency?.parentId ? await this.ports.agencies.get(agency.parentId, tx) : undefined;
    const dossier = p.dossierId ? await this.ports.dossiers.load(p.dossierId, tx) : undefined;
    const number = String(counter.last).padStart(7, '0');
    const pdf = this.renderer.render({
      agency: { name: agency?.name ?? '', parentName: parent?.name ?? null },
      form: RECEIPT_FORM,
      series,
      number,
      issuedAt: now,
      payer: { name: p.payerName || dossier?.subjectName || '' },
      dossierCode: dossier?.code ?? p.reference,
      procedureName: dossier?.procedureName ?? p.description,
      lines: p.lines,
      totalVnd: p.amountVnd,
      method: METHOD_LABELS[p.provider] ?? p.provider,
      paymentRef: `${p.code}${p.providerTxnRef ? ` / ${p.providerTxnRef}` : ''}`,
      verification: { url: `${this.opts.publicUrl}/xac-thuc`, code: `${series}-${number}` },
      demo: this.opts.demo,
    });
    const signed = await this.ports.sign({ pdf, agencyId: p.agencyId, reason: `Biên lai ${series} số ${number}` }, now, tx);
    return { form: RECEIPT_FORM, series, number: counter.last, pdf: signed, issuer: this.name };
  }
}

export class Receipts {
  constructor(
    private readonly issuer: ReceiptIssuer,
    private readonly ports: PaymentPorts,
  ) {}

  async of(paymentId: string, db: DbOrTx): Promise<ReceiptRow | undefined> {
    const [row] = await db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, paymentId));
    return row;
  }

  /** Issues the receipt of a paid payment once (a second call, or a replayed event, changes nothing). */
  async issueFor(tx: Tx, actor: Actor, paymentId: string, now: Date): Promise<ReceiptRow | null> {
    const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!p || p.status !== 'success') return null;
    const existing = await this.of(paymentId, tx);
    if (existing) return existing;
    const r = await this.issuer.issue(tx, p, now);
    const [row] = await tx
      .insert(paymentReceipts)
      .values({ id: randomUUID(), paymentId, agencyId: p.agencyId, form: r.form, series: r.series, number: r.number, issuer: r.issuer, payerName: p.payerName, totalVnd: p.amountVnd, sha256: createHash('sha256').update(r.pdf).digest('hex'), pdf: r.pdf, issuedAt: now })
      .returning();
    // The payer keeps it: the dossier subject's data store holds the signed receipt too.
    const dossier = p.dossierId ? await this.ports.dossiers.load(p.dossierId, tx) : undefined;
    if (dossier) await this.ports.storeReceipt(tx, { dossier, title: `Biên lai thu phí, lệ phí ${row.series} số ${String(row.number).padStart(7, '0')}`, file: { bytes: r.pdf, sha256: row.sha256, fileName: `bien-lai-${row.series}-${String(row.number).padStart(7, '0')}.pdf` } }, now);
    await appendAudit(tx, actor, { action: 'payment.receipt_issued', targetType: 'payment', targetId: paymentId, after: { series: row.series, number: row.number, sha256: row.sha256 }, agencyId: p.agencyId }, now);
    await enqueueEvent(tx, { type: 'payment.receipt_issued', aggregateType: 'payment', aggregateId: paymentId, payload: { paymentId, dossierId: p.dossierId, agencyId: p.agencyId, receiptId: row.id, series: row.series, number: row.number } });
    return row;
  }
}
