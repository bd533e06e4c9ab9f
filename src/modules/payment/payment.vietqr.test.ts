/**
 * VietQR payments end to end over real HTTP: a scripted bank posts signed balance-change notifications to the
 * listening server, an officer imports the daily statement, the queue is resolved, refunds are guarded, the
 * receipt is signed — on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { sealAll, verifyAudit } from '../../platform/audit/audit.service';
import { QRPay } from 'vietnam-qr-pay';
import type { TestClient } from '../../../test/support/platform';
import { expectProblem } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, NGO_QUYEN, ok, startDossierPlatform, vn } from '../../../test/support/dossier';
import { dossierAwaitingPayment as awaitingPayment } from './testing/support';
import { freePort } from '../../../test/e2e/support/server';
import { decodeVietQr } from '../../shared/payment/vietqr';
import { signBankNotification } from './index';
import { paymentCredits, paymentReceipts, payments } from './payment.schema';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let base: string;
let hb: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let admin: TestClient;
const ACCOUNT = '113366668888';
let bankRefs = 0;

/** The scripted bank: a signed balance-change notification over HTTP. */
async function bank(body: Record<string, unknown>, opts: { secret?: string; at?: Date; sig?: string } = {}) {
  const raw = JSON.stringify({ transaction_id: `FT26337${String(++bankRefs).padStart(6, '0')}`, account_number: ACCOUNT, direction: 'in', transaction_time: p.clock.now().toISOString(), ...body });
  const sig = opts.sig ?? signBankNotification(opts.secret ?? p.services.payments.bankSecret(), raw, opts.at ?? p.clock.now());
  const res = await fetch(`${base}/api/payments/notifications/bank`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bank-signature': sig }, body: raw });
  return { status: res.status, body: (await res.json()) as Record<string, any>, raw };
}

async function postRaw(raw: string, at = p.clock.now()) {
  const res = await fetch(`${base}/api/payments/notifications/bank`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bank-signature': signBankNotification(p.services.payments.bankSecret(), raw, at) }, body: raw });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const dossierAwaitingPayment = (amountVnd = 16_000) => awaitingPayment(p, hb, { citizen, desk, specialist }, amountVnd);

async function pay(dossierId: string) {
  return ok(await citizen.post(`/api/dossiers/${dossierId}/payments`, {}, { 'idempotency-key': randomUUID() }), 201);
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  p = await startDossierPlatform({ PUBLIC_URL: base });
  await p.app.listen({ port, host: '127.0.0.1' });
  hb = await agencyId(p, HONG_BANG);
  p.clock.set(vn('2026-12-03T08:30'));
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  admin = await p.loginAs('qtv.haiphong');
  ok(await admin.put(`/api/agencies/${hb}/payment-account`, { providers: ['vietqr', 'counter'], bank_bin: '970415', account_number: ACCOUNT, account_name: 'UBND PHUONG HONG BANG' }, { 'idempotency-key': randomUUID() }));
}, 120_000);
afterAll(() => p?.close());

describe('a dossier paid by VietQR transfer', () => {
  let dossierId: string;
  let payment: Record<string, any>;

  it('shows what is owed and gives a QR of the exact amount with the payment code as the transfer text', async () => {
    dossierId = await dossierAwaitingPayment();
    const owed = ok(await citizen.get(`/api/dossiers/${dossierId}/payments`));
    expect(owed.due).toEqual({ amount: 16_000, reason: 'Lệ phí đăng ký lại khai sinh', lines: [{ label: 'Lệ phí đăng ký lại khai sinh', amountVnd: 16_000 }] });
    expect(owed.providers).toContain('vietqr');
    payment = await pay(dossierId);
    expect(payment).toMatchObject({ amount: 16_000, payment_provider: 'vietqr', state: { status: 'created', finished: false }, dossier_id: dossierId });
    expect(payment.payment_code).toMatch(/^MC[0-9A-Z]{9}$/);
    const qr = decodeVietQr(payment.next.payload);
    expect(qr).toMatchObject({ bankBin: '970415', accountNumber: ACCOUNT, amountVnd: 16_000, purpose: payment.payment_code });
    // The reference implementation reads the same fields.
    const other = QRPay.initVietQR({ bankBin: '970415', bankNumber: ACCOUNT, amount: '16000', purpose: payment.payment_code });
    expect(other.build()).toBe(payment.next.payload);
    expect(payment.next).toMatchObject({ bankName: 'VietinBank', accountName: 'UBND PHUONG HONG BANG', transferText: payment.payment_code });
    // Asking again hands back the same open payment.
    expect(ok(await citizen.post(`/api/dossiers/${dossierId}/payments`, {}, { 'idempotency-key': randomUUID() }), 200).payment_id).toBe(payment.payment_id);
  });

  it('refuses forged and stale notifications and changes nothing', async () => {
    const amount = 16_000;
    const description = `CT tu 0123 NGUYEN VAN AN ${payment.payment_code}`;
    const forged = await bank({ amount, description }, { secret: 'not-the-bank-secret-at-all' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('payment.notification_unauthenticated');
    const unsigned = await bank({ amount, description }, { sig: '' });
    expect(unsigned.status).toBe(401);
    const stale = await bank({ amount, description }, { at: new Date(p.clock.now().getTime() - 10 * 60_000) });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('payment.notification_replayed');
    // A signature over another body is forged too.
    const sig = signBankNotification(p.services.payments.bankSecret(), JSON.stringify({ amount: 1 }), p.clock.now());
    expect((await bank({ amount, description }, { sig })).status).toBe(401);
    expect(ok(await citizen.get(`/api/payments/${payment.payment_id}`)).state.status).toBe('created');
    expect(await p.ctx.db.select().from(paymentCredits)).toHaveLength(0);
  });

  it('sends an underpayment to the queue, never to success', async () => {
    const r = await bank({ amount: 10_000, description: `ck le phi ${payment.payment_code.toLowerCase()}` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ result: 'queued', payment_id: payment.payment_id });
    expect(ok(await citizen.get(`/api/payments/${payment.payment_id}`)).state.status).toBe('created');
    const q = ok(await desk.get(`/api/payments/queue?agency_id=${hb}`));
    expect(q.items).toEqual([expect.objectContaining({ outcome: 'underpaid', amount: 10_000, difference: -6_000, payment_id: payment.payment_id, queue: 'open' })]);
  });

  it('never lets money on another agency’s account pay this fee', async () => {
    const nq = await agencyId(p, NGO_QUYEN);
    ok(await admin.put(`/api/agencies/${nq}/payment-account`, { providers: ['vietqr'], bank_bin: '970415', account_number: '223344556677', account_name: 'UBND PHUONG NGO QUYEN' }, { 'idempotency-key': randomUUID() }));
    const r = await bank({ amount: 16_000, description: `ND ${payment.payment_code}`, account_number: '223344556677' });
    expect(r.body).toMatchObject({ result: 'queued', payment_id: null });
    expect(ok(await citizen.get(`/api/payments/${payment.payment_id}`)).state.status).toBe('created');
    const [credit] = await p.ctx.db.select().from(paymentCredits).where(eq(paymentCredits.bankRef, r.body.credit_id ? (JSON.parse(r.raw).transaction_id as string) : ''));
    expect(credit).toMatchObject({ agencyId: nq, outcome: 'unknown_code', queue: 'open' });
  });

  it('settles once when 100 copies of one notification arrive at the same time, confirms the dossier and issues one receipt', async () => {
    const raw = JSON.stringify({ transaction_id: 'FT26337999999', account_number: ACCOUNT, amount: 16_000, direction: 'in', description: `NGUYEN VAN AN chuyen tien ${payment.payment_code.slice(0, 5)} ${payment.payment_code.slice(5)}`, transaction_time: p.clock.now().toISOString() });
    const answers = await Promise.all(Array.from({ length: 100 }, () => postRaw(raw)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const results = answers.map((a) => a.body.result);
    expect(results.filter((r) => r === 'settled')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(99);
    const seen = ok(await citizen.get(`/api/payments/${payment.payment_id}`));
    expect(seen.state).toMatchObject({ status: 'success', finished: true, message: 'Đã thanh toán' });
    expect(seen.next).toBeNull();
    // The dossier left "waiting for payment" by the system's confirm_payment, in the same transaction.
    const d = ok(await citizen.get(`/api/dossiers/${dossierId}`));
    expect(d.state).toBe('processing');
    const events = ok(await citizen.get(`/api/payments/${payment.payment_id}/events`)).events.map((e: any) => e.status);
    expect(events).toEqual(['created', 'success']);
    // The receipt, from the outbox.
    await p.ctx.dispatcher.runOnce();
    await p.ctx.dispatcher.runOnce();
    const receipts = await p.ctx.db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, payment.payment_id));
    expect(receipts).toHaveLength(1);
    const withReceipt = ok(await citizen.get(`/api/payments/${payment.payment_id}`));
    expect(withReceipt.receipt).toMatchObject({ form: '01BLP0-001', series: 'BL-26E', number: '0000001' });
    // The payer keeps it in her data store, byte for byte.
    const store = ok(await citizen.get('/api/me/store'));
    const kept = (store.items ?? store).find((i: any) => i.documentType === 'fee-receipt' && i.sha256 === withReceipt.receipt.sha256);
    expect(kept).toMatchObject({ title: 'Biên lai thu phí, lệ phí BL-26E số 0000001', source: 'result' });
    const pdf = await citizen.get(`/api/payments/${payment.payment_id}/receipt`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-receipt-'));
    const file = path.join(dir, 'bien-lai.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('16.000');
    expect(text).toContain('Mười sáu nghìn đồng');
    expect(text).toContain(payment.payment_code);
    // Signed with the agency's certificate: an independent verifier reads one valid signature.
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig).toMatch(/Signature #1/);
    expect(sig).toMatch(/Signature Validation: Signature is Valid/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('guards refunds with the amount available', async () => {
    const id = payment.payment_id;
    expectProblem(await citizen.post(`/api/payments/${id}/refunds`, { amount: 1_000, refund_amount_available: 16_000, reason: 'x' }, { 'idempotency-key': randomUUID() }), 403);
    expectProblem(await desk.post(`/api/payments/${id}/refunds`, { amount: 20_000, refund_amount_available: 16_000, reason: 'Nộp thừa' }, { 'idempotency-key': randomUUID() }), 409, 'payment.refund_exceeds_available');
    expectProblem(await desk.post(`/api/payments/${id}/refunds`, { amount: 1_000, refund_amount_available: 15_000, reason: 'Nộp thừa' }, { 'idempotency-key': randomUUID() }), 412, 'payment.refund_available_mismatch');
    const key = randomUUID();
    const refund = ok(await desk.post(`/api/payments/${id}/refunds`, { amount: 6_000, refund_amount_available: 16_000, reason: 'Hoàn một phần lệ phí' }, { 'idempotency-key': key }), 202);
    expect(refund).toMatchObject({ amount: 6_000, status: 'submitted' });
    // A replay answers the first refund, and makes no second one.
    const again = await desk.post(`/api/payments/${id}/refunds`, { amount: 6_000, refund_amount_available: 16_000, reason: 'Hoàn một phần lệ phí' }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(202);
    expect(again.json().refund_id).toBe(refund.refund_id);
    expect(ok(await citizen.get(`/api/payments/${id}`)).refund_summary).toEqual({ status: 'available', amount_available: 10_000, amount_submitted: 6_000 });
    expectProblem(await desk.post(`/api/payments/${id}/refunds`, { amount: 10_001, refund_amount_available: 10_000, reason: 'Nộp thừa' }, { 'idempotency-key': randomUUID() }), 409, 'payment.refund_exceeds_available');
  });

  it('lets the desk resolve the queued underpayment by refunding it, once', async () => {
    const [item] = ok(await desk.get(`/api/payments/queue?agency_id=${hb}`)).items;
    const resolved = ok(await desk.post(`/api/payments/queue/${item.id}/resolve`, { action: 'refund', note: 'Đã chuyển trả 10.000 đồng cho người nộp' }, { 'idempotency-key': randomUUID() }));
    expect(resolved).toMatchObject({ queue: 'refunded', resolution: 'Đã chuyển trả 10.000 đồng cho người nộp' });
    expectProblem(await desk.post(`/api/payments/queue/${item.id}/resolve`, { action: 'reject', note: 'x' }, { 'idempotency-key': randomUUID() }), 409, 'payment.queue_item_resolved');
    expect(ok(await desk.get(`/api/payments/queue?agency_id=${hb}`)).items).toHaveLength(0);
  });
});

describe('the daily statement', () => {
  it('settles the credits whose notification never came and leaves the known ones alone', async () => {
    const missedDossier = await dossierAwaitingPayment(25_000);
    const missed = await pay(missedDossier);
    const over = await pay(await dossierAwaitingPayment(8_000));
    const csv = [
      'Số tham chiếu,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
      // Already seen through its notification.
      `FT26337999999,03/12/2026 08:31:00,,16.000,NGUYEN VAN AN chuyen tien ${'x'}`,
      `FT26338000001,03/12/2026 09:10:00,,25.000,"TRAN THI B, ND: ${missed.payment_code}"`,
      `FT26338000002,03/12/2026 09:11:00,,9.000,${over.payment_code} nop le phi`,
      'FT26338000003,03/12/2026 09:12:00,,50.000,chuyen tien khong ghi ma',
      'FT26338000004,03/12/2026 09:13:00,120.000,,Phi dich vu ngan hang',
    ].join('\n');
    const r = ok(await desk.request('POST', `/api/payments/statements?agency_id=${hb}`, csv, { 'content-type': 'text/csv', 'idempotency-key': randomUUID() }));
    expect(r).toMatchObject({ lines: 4, settled: 1, queued: 2, errors: [] });
    expect(r.counts).toMatchObject({ duplicate: 1, matched: 1, overpaid: 1, no_code: 1 });
    expect(ok(await citizen.get(`/api/payments/${missed.payment_id}`)).state.status).toBe('success');
    expect(ok(await citizen.get(`/api/dossiers/${missedDossier}`)).state).toBe('processing');
    expect(ok(await citizen.get(`/api/payments/${over.payment_id}`)).state.status).toBe('created');
    // Importing the same file again changes nothing: every line is known now.
    const again = ok(await desk.request('POST', `/api/payments/statements?agency_id=${hb}`, csv, { 'content-type': 'text/csv', 'idempotency-key': randomUUID() }));
    expect(again).toMatchObject({ settled: 0, queued: 0 });
    expect(again.counts.duplicate).toBe(4);
    const queue = ok(await desk.get(`/api/payments/queue?agency_id=${hb}`)).items;
    expect(queue.map((i: any) => i.outcome).sort()).toEqual(['no_code', 'overpaid']);
    // An overpayment cannot be matched as it is; the officer refunds it instead.
    const overItem = queue.find((i: any) => i.outcome === 'overpaid');
    expectProblem(await desk.post(`/api/payments/queue/${overItem.id}/resolve`, { action: 'match', payment_id: over.payment_id, note: 'khớp' }, { 'idempotency-key': randomUUID() }), 409, 'payment.match_mismatch');
    expectProblem(await desk.request('POST', `/api/payments/statements?agency_id=${hb}`, 'khong phai csv', { 'content-type': 'text/csv', 'idempotency-key': randomUUID() }), 422, 'payment.statement_invalid');
  });

  it('settles integrators’ payments from the statement in bulk, each with its event, audit record and outbox event', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(ok(await desk.post('/api/payments', { amount: 50_000, reference: `HD-2026-${i}`, description: 'Phí thẩm định', return_url: 'https://ketoan.example.vn/xong', agency_id: hb }, { 'idempotency-key': randomUUID() }), 201));
    const csv = ['Số tham chiếu,Ngày giao dịch,Số tiền ghi có,Nội dung', ...made.map((m, i) => `FT2633900000${i},03/12/2026 10:0${i}:00,50.000,ND ${m.payment_code}`)].join('\n');
    const r = ok(await desk.request('POST', `/api/payments/statements?agency_id=${hb}`, csv, { 'content-type': 'text/csv', 'idempotency-key': randomUUID() }));
    expect(r).toMatchObject({ lines: 3, settled: 3, queued: 0 });
    for (const m of made) {
      const seen = ok(await desk.get(`/api/payments/${m.payment_id}`));
      expect(seen).toMatchObject({ state: { status: 'success' }, paid_date: expect.any(String) });
      expect(ok(await desk.get(`/api/payments/${m.payment_id}/events`)).events.map((e: any) => e.status)).toEqual(['created', 'success']);
    }
    const events = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'payment.success'), inArray(outboxEvents.aggregateId, made.map((m) => m.payment_id))));
    expect(events).toHaveLength(3);
    expect(events[0].payload).toMatchObject({ paymentId: expect.any(String), agencyId: hb, amountVnd: 50_000 });
    // The audit records written in bulk link into the hash chain like the others.
    await sealAll(p.ctx.db);
    expect(await verifyAudit(p.ctx.db)).toMatchObject({ ok: true });
  });

  it('counts what Decision 766 needs', async () => {
    const s = ok(await desk.get(`/api/payments/stats?agency_id=${hb}&from_date=2026-12-01T00:00:00Z&to_date=2027-01-01T00:00:00Z`));
    expect(s).toMatchObject({ dossiers_paid: 2, dossiers_paid_online: 2, payments_success: 5, amount_success: 191_000, by_provider: { vietqr: 5 } });
  });
});

describe('the desk', () => {
  it('records a fee taken in cash and the dossier goes on', async () => {
    const id = await dossierAwaitingPayment(16_000);
    expectProblem(await specialist.post(`/api/dossiers/${id}/payments/counter`, { method: 'cash', reference: 'PT-0001' }, { 'idempotency-key': randomUUID() }), 403);
    const paid = ok(await desk.post(`/api/dossiers/${id}/payments/counter`, { method: 'cash', reference: 'PT-0001' }, { 'idempotency-key': randomUUID() }), 201);
    expect(paid).toMatchObject({ payment_provider: 'counter', state: { status: 'success' }, amount: 16_000 });
    expect(ok(await citizen.get(`/api/dossiers/${id}`)).state).toBe('processing');
    expectProblem(await citizen.post(`/api/dossiers/${id}/payments`, {}, { 'idempotency-key': randomUUID() }), 409, 'payment.already_paid');
    const [row] = await p.ctx.db.select().from(payments).where(eq(payments.id, paid.payment_id));
    expect(row.providerTxnRef).toBe('CASH-PT-0001');
  });
});

describe('webhooks to an integrator', () => {
  it('posts each change signed, retries until acknowledged, logs it, and signs with both secrets during a rotation', async () => {
    const got: Array<{ body: string; sig: string; previous?: string }> = [];
    let failures = 2;
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ body, sig: String(req.headers['pay-signature']), previous: req.headers['pay-signature-previous'] as string | undefined });
        res.statusCode = failures-- > 0 ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    expectProblem(await admin.post('/api/payments/webhooks', { agency_id: hb, url: 'http://example.vn/hook', description: 'Kế toán' }, { 'idempotency-key': randomUUID() }), 422, 'payment.webhook_invalid');
    const hook = ok(await admin.post('/api/payments/webhooks', { agency_id: hb, url, description: 'Phần mềm kế toán' }, { 'idempotency-key': randomUUID() }), 201);
    expect(hook.secret).toMatch(/^whsec_/);
    expect(ok(await desk.get(`/api/payments/webhooks?agency_id=${hb}`)).webhooks[0]).not.toHaveProperty('secret');

    const pm = await pay(await dossierAwaitingPayment(16_000));
    expect((await bank({ amount: 16_000, description: `ND ${pm.payment_code}` })).body.result).toBe('settled');
    const hooks = p.services.payments.webhooks;
    await p.ctx.dispatcher.runOnce();
    await p.ctx.dispatcher.runOnce();
    // Two refusals, then acknowledged: the back-off is waited out on the test clock.
    for (let i = 0; i < 6; i++) {
      await hooks.runOnce();
      p.clock.advance(10_000);
    }
    const log = ok(await desk.get(`/api/payments/webhooks/${hook.id}/deliveries`)).deliveries;
    const types = log.map((d: any) => d.event_type).sort();
    expect(types).toEqual(expect.arrayContaining(['payment.created', 'payment.success']));
    expect(log.filter((d: any) => d.payment_id === pm.payment_id).map((d: any) => d.event_type).sort()).toEqual(['payment.created', 'payment.receipt_issued', 'payment.success']);
    expect(log.map((d: any) => d.status)).toEqual(log.map(() => 'delivered'));
    // The receiver refused the first two posts: each was posted again, and nothing was posted after its 2xx.
    expect(log.reduce((n: number, d: any) => n + d.attempts, 0)).toBe(log.length + 2);
    expect(got).toHaveLength(log.length + 2);
    const success = got.find((g) => JSON.parse(g.body).event_type === 'payment.success' && JSON.parse(g.body).resource_id === pm.payment_id)!;
    expect(JSON.parse(success.body)).toMatchObject({ resource_id: pm.payment_id, resource_type: 'payment', resource: { amount: 16_000, state: { status: 'success' } } });
    expect(success.sig).toBe(createHmac('sha256', hook.secret).update(success.body).digest('hex'));

    const rotated = ok(await admin.post(`/api/payments/webhooks/${hook.id}/rotate`, undefined, { 'idempotency-key': randomUUID() }));
    expect(rotated.secret).not.toBe(hook.secret);
    got.length = 0;
    const other = await pay(await dossierAwaitingPayment(16_000));
    await p.ctx.dispatcher.runOnce();
    await hooks.runOnce();
    const created = got.find((g) => JSON.parse(g.body).resource_id === other.payment_id)!;
    expect(created.sig).toBe(createHmac('sha256', rotated.secret).update(created.body).digest('hex'));
    expect(created.previous).toBe(createHmac('sha256', hook.secret).update(created.body).digest('hex'));
    await new Promise<void>((r) => receiver.close(() => r()));
  });
});
