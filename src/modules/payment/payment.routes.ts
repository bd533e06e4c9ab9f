/**
 * The payment module over HTTP: the payment resource in GOV.UK Pay's shape, a dossier's payments for its applicant
 * and its officers, the desk's record of a fee taken at the counter, the bank's and the gateway's notifications,
 * the statement import, the officers' reconciliation queue, the agency's account and the counts Decision 766 needs.
 * Thin: the services hold the rules.
 */
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { Db } from '../../platform/db/client';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf, type Actor } from '../../platform/auth/actor';
import { Binary, IdParams, NoContent, Redirect } from '../../platform/http/schemas';
import { platformErrors } from '../../platform/http/errors';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { IDEMPOTENCY_ERRORS } from '../../platform/idempotency/idempotency.errors';
import { isFinished, refundSummary, PAYMENT_STATUS_LABELS, type PaymentStatus, type RefundStatus } from '../../shared/payment/states';
import {
  AccountBodySchema,
  AccountSchema,
  BankNotificationResultSchema,
  BankNotificationSchema,
  CounterPaymentBodySchema,
  CreditSchema,
  CreatePaymentBodySchema,
  DossierPaymentBodySchema,
  DossierPaymentsSchema,
  PaymentEventsSchema,
  PaymentSchema,
  QueueQuerySchema,
  QueueSchema,
  RefundBodySchema,
  RefundSchema,
  RefundsSchema,
  ResolveBodySchema,
  SearchQuerySchema,
  SearchResultSchema,
  StatementQuerySchema,
  StatementResultSchema,
  StatsQuerySchema,
  StatsSchema,
  DeliveriesSchema,
  WebhookBodySchema,
  WebhookListSchema,
  WebhookQuerySchema,
  WebhookSchema,
  type WebhookBody,
  type AccountBody,
  type BankNotification,
  type CounterPaymentBody,
  type CreatePaymentBody,
  type CreditView,
  type DossierPaymentBody,
  type PaymentView,
  type RefundBody,
  type ResolveBody,
} from '../../shared/api/payment';
import { dossierErrors } from '../dossier';
import { paymentErrors as E } from './payment.errors';
import { verifySignature } from './payment.keys';
import type { PaymentRow, PaymentService, RefundRow } from './payment.service';
import type { CreditRow, Reconciler } from './payment.reconcile';
import type { ReceiptRow, Receipts } from './payment.receipts';
import type { WebhookRow, Webhooks } from './payment.webhooks';
import type { PaymentProviderKind, ProviderNextStep } from './payment.provider';
import { BANKS } from './providers/vietqr';

const tags = ['payments'];
const principalOf = (req: FastifyRequest): Principal => req.principal!;
const READ_DOSSIER = [dossierErrors.notFound, dossierErrors.outOfJurisdiction];
const UuidParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;

export interface PaymentRouteDeps {
  db: Db;
  now: () => Date;
  publicUrl: string;
  payments: PaymentService;
  reconciler: Reconciler;
  receipts: Receipts;
  webhooks: Webhooks;
  bankSecret: () => string;
  /** The gateway's signed browser return (the gateway adapter), when a gateway is configured. */
  verifyReturn: ((query: Record<string, string>) => { paymentId: string }) | null;
  /** Applies a gateway's verified notification. */
  gatewayNotification: (req: FastifyRequest, raw: Buffer) => Promise<{ result: string; payment_id?: string | null }>;
  notificationRateLimitPerMinute: number;
}

export function receiptRef(r: ReceiptRow, publicUrl: string) {
  return { id: r.id, form: r.form, series: r.series, number: String(r.number).padStart(7, '0'), issued_date: r.issuedAt.toISOString(), sha256: r.sha256, href: `${publicUrl}/api/payments/${r.paymentId}/receipt` };
}

function nextView(n: ProviderNextStep | null): PaymentView['next'] {
  if (!n) return null;
  if (n.kind === 'vietqr') return { ...n, bankName: BANKS[n.bankBin] ?? n.bankBin };
  return n;
}

export function paymentView(p: PaymentRow, refunds: RefundRow[], receipt: ReceiptRow | undefined, publicUrl: string): PaymentView {
  const status = p.status as PaymentStatus;
  const self = `${publicUrl}/api/payments/${p.id}`;
  const finished = isFinished(status);
  const next = p.next as ProviderNextStep | null;
  const summary = refundSummary(status, p.amountVnd, refunds.map((r) => ({ amountVnd: r.amountVnd, status: r.status as RefundStatus })));
  return {
    payment_id: p.id,
    payment_code: p.code,
    amount: p.amountVnd,
    reference: p.reference,
    description: p.description,
    return_url: p.returnUrl,
    metadata: p.metadata,
    payment_provider: p.provider as PaymentProviderKind,
    provider_id: p.providerRef,
    dossier_id: p.dossierId,
    agency_id: p.agencyId,
    lines: p.lines,
    state: { status, finished, message: PAYMENT_STATUS_LABELS[status].vi },
    refund_summary: summary,
    created_date: p.createdAt.toISOString(),
    expires_date: p.expiresAt.toISOString(),
    paid_date: p.paidAt?.toISOString() ?? null,
    // What to show the payer only while she can still pay.
    next: finished ? null : nextView(next),
    receipt: receipt ? receiptRef(receipt, publicUrl) : null,
    _links: {
      self: { href: self, method: 'GET' },
      next_url: !finished && next?.kind === 'redirect' ? { href: next.url, method: 'GET' } : null,
      cancel: finished ? null : { href: `${self}/cancel`, method: 'POST' },
      events: { href: `${self}/events`, method: 'GET' },
      refunds: { href: `${self}/refunds`, method: 'GET' },
      receipt: receipt ? { href: `${self}/receipt`, method: 'GET' } : null,
    },
  };
}

function refundView(r: RefundRow) {
  return { refund_id: r.id, payment_id: r.paymentId, amount: r.amountVnd, status: r.status as RefundStatus, reason: r.reason, created_date: r.createdAt.toISOString() };
}

function creditView(c: CreditRow): CreditView {
  return {
    id: c.id,
    bank_ref: c.bankRef,
    amount: c.amountVnd,
    text: c.text,
    booked_date: c.bookedAt.toISOString(),
    source: c.source,
    outcome: c.outcome,
    payment_code: c.code,
    payment_id: c.paymentId,
    difference: c.differenceVnd,
    queue: c.queue,
    resolution: c.resolution,
    resolved_date: c.resolvedAt?.toISOString() ?? null,
  };
}

export function registerPaymentRoutes(app: App, d: PaymentRouteDeps): void {
  const { db, now, payments, reconciler, receipts, webhooks, publicUrl } = d;
  const view = async (p: PaymentRow, dbh = db) => paymentView(p, await payments.refundsOf(p.id, dbh), await receipts.of(p.id, dbh), publicUrl);
  const idem = <T>(req: FastifyRequest, reply: FastifyReply, status: number, effect: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], at: Date, actor: Actor) => Promise<T>) => {
    idempotencyKeyOf(req);
    const at = now();
    return runIdempotent(db, req, reply, req.body ?? null, at, async (tx) => ({ status, body: await effect(tx, at, actorOf(req)) }));
  };

  // --- the payment resource (GOV.UK Pay's shape) ----------------------------------------------------------------

  app.post(
    '/api/payments',
    {
      config: { policy: policy.authenticated('officer', 'system'), errors: [E.notAllowed, E.invalidAmount, E.providerNotConfigured, E.providerUnavailable, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'createPayment',
        tags,
        summary: 'Create a payment',
        description:
          'An integrator (a system account, or an officer of the collecting agency) asks for a payment of `amount` whole VND. The answer says what the payer does next: a VietQR transfer (`next.kind = vietqr`) or the provider’s page (`_links.next_url`). Takes an Idempotency-Key: the same key and body within 24 h answer the first response; the same key with another body is 409.',
        body: CreatePaymentBodySchema,
        response: { 201: PaymentSchema },
      },
    },
    async (req: FastifyRequest<{ Body: CreatePaymentBody }>, reply) =>
      idem(req, reply, 201, async (tx, at, actor) => view(await payments.createForClient(tx, principalOf(req), actor, { ...req.body, provider: req.body.payment_provider }, at), tx)),
  );

  app.get(
    '/api/payments',
    {
      config: { policy: policy.authenticated('officer', 'system'), errors: [E.notAllowed] },
      schema: { operationId: 'searchPayments', tags, summary: 'Search an agency’s payments', description: 'By reference (the dossier code), status and creation time, newest first, paged.', querystring: SearchQuerySchema, response: { 200: SearchResultSchema } },
    },
    async (req) => {
      const q = req.query as Parameters<PaymentService['search']>[1];
      const r = await payments.search(principalOf(req), q);
      const results = [];
      for (const p of r.rows) results.push(await view(p));
      return { total: r.total, count: results.length, page: r.page, results };
    },
  );

  app.get(
    '/api/payments/stats',
    {
      config: { policy: policy.authenticated('officer', 'system'), errors: [E.notAllowed] },
      schema: { operationId: 'paymentStats', tags, summary: 'Counts for the Decision 766 index', description: 'Dossiers paid and paid online (VietQR or a gateway), successful payments and their sum, per provider, for an agency and a period (by the time paid).', querystring: StatsQuerySchema, response: { 200: StatsSchema } },
    },
    async (req) => {
      const q = req.query as { agency_id: string; from_date: string; to_date: string };
      return payments.stats(principalOf(req), q.agency_id, new Date(q.from_date), new Date(q.to_date));
    },
  );

  app.get(
    '/api/payments/:id',
    {
      config: { policy: policy.authenticated(), errors: [E.notFound, ...READ_DOSSIER] },
      schema: { operationId: 'getPayment', tags, summary: 'A payment', description: 'Its state, refund summary, receipt and links; the payer (the dossier’s readers), the collecting agency’s officers and the creating client see it.', params: UuidParams, response: { 200: PaymentSchema } },
    },
    async (req) => view(await payments.readable(principalOf(req), (req.params as { id: string }).id)),
  );

  app.get(
    '/api/payments/:id/events',
    {
      config: { policy: policy.authenticated(), errors: [E.notFound, ...READ_DOSSIER] },
      schema: { operationId: 'getPaymentEvents', tags, summary: 'A payment’s state changes', description: 'Every status the payment went through (and its refunds), oldest first.', params: UuidParams, response: { 200: PaymentEventsSchema } },
    },
    async (req) => {
      const p = await payments.readable(principalOf(req), (req.params as { id: string }).id);
      return { payment_id: p.id, events: (await payments.eventsOf(p.id)).map((e) => ({ status: e.status, updated: e.at.toISOString(), detail: e.detail })) };
    },
  );

  app.post(
    '/api/payments/:id/cancel',
    {
      config: { policy: policy.authenticated(), errors: [E.notFound, E.wrongState, ...READ_DOSSIER, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'cancelPayment', tags, summary: 'Cancel an unfinished payment', description: 'Until it is finished; 409 payment.wrong_state afterwards. Takes an Idempotency-Key.', params: UuidParams, response: { 204: NoContent } },
    },
    async (req, reply) =>
      idem(req, reply, 204, async (tx, at, actor) => {
        await payments.cancel(tx, principalOf(req), actor, (req.params as { id: string }).id, at);
        return null;
      }),
  );

  app.get(
    '/api/payments/:id/refunds',
    {
      config: { policy: policy.authenticated(), errors: [E.notFound, ...READ_DOSSIER] },
      schema: { operationId: 'getPaymentRefunds', tags, summary: 'A payment’s refunds', description: 'Every refund of the payment with its status (submitted while the bank transfer back is pending, success, error), oldest first.', params: UuidParams, response: { 200: RefundsSchema } },
    },
    async (req) => {
      const p = await payments.readable(principalOf(req), (req.params as { id: string }).id);
      return { payment_id: p.id, refunds: (await payments.refundsOf(p.id)).map(refundView) };
    },
  );

  app.post(
    '/api/payments/:id/refunds',
    {
      config: { policy: policy.authenticated('officer', 'system'), errors: [E.notFound, E.notAllowed, E.invalidAmount, E.refundNotAvailable, E.refundExceedsAvailable, E.refundAvailableMismatch, E.providerUnavailable, ...READ_DOSSIER, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'refundPayment',
        tags,
        summary: 'Refund a successful payment (hoàn tiền)',
        description: '`refund_amount_available` must equal the amount available now (412 otherwise: someone refunded meanwhile); an amount above it is 409 payment.refund_exceeds_available. The desk and the agency admin refund. Takes an Idempotency-Key.',
        params: UuidParams,
        body: RefundBodySchema,
        response: { 202: RefundSchema },
      },
    },
    async (req: FastifyRequest<{ Body: RefundBody }>, reply) => idem(req, reply, 202, async (tx, at, actor) => refundView(await payments.refund(tx, principalOf(req), actor, (req.params as { id: string }).id, req.body, at))),
  );

  app.get(
    '/api/payments/:id/receipt',
    {
      config: { policy: policy.authenticated(), errors: [E.notFound, ...READ_DOSSIER] },
      schema: { operationId: 'downloadPaymentReceipt', tags, summary: 'The electronic receipt (biên lai điện tử)', description: 'The signed PDF (PAdES) of the receipt of a successful payment; 404 until it is issued.', params: UuidParams, response: { 200: Binary(['application/pdf'], 'The signed receipt') } },
    },
    async (req, reply) => {
      const p = await payments.readable(principalOf(req), (req.params as { id: string }).id);
      const r = await receipts.of(p.id, db);
      if (!r) throw E.notFound({ vi: 'Biên lai chưa được phát hành.', en: 'The receipt has not been issued yet.' });
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename="bien-lai-${r.series}-${String(r.number).padStart(7, '0')}.pdf"`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      return reply.send(r.pdf);
    },
  );

  app.get(
    '/api/payments/:id/return',
    {
      config: { policy: policy.public(), errors: [E.notFound, E.notificationUnauthenticated] },
      schema: {
        operationId: 'returnFromPaymentProvider',
        tags,
        summary: 'Where the provider sends the payer back',
        description: 'Checks the provider’s signed return, asks the provider where the payment stands (a notification may still be on its way) and redirects to the payment’s `return_url`.',
        params: UuidParams,
        querystring: Type.Record(Type.String(), Type.String()),
        response: { 303: Redirect },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const p = await payments.load(id);
      if (!p) throw E.notFound();
      if (d.verifyReturn && p.provider === 'gateway') {
        const r = d.verifyReturn(req.query as Record<string, string>);
        if (r.paymentId !== id) throw E.notificationUnauthenticated();
        await payments.refreshFromProvider(actorOf(req), id, now()).catch((err) => req.log.warn({ err, paymentId: id }, 'payment status check on return failed'));
      }
      return reply.redirect(p.returnUrl, 303);
    },
  );

  // --- a dossier's payments ------------------------------------------------------------------------------------

  app.get(
    '/api/dossiers/:id/payments',
    {
      config: { policy: policy.authenticated(), errors: READ_DOSSIER },
      schema: { operationId: 'getDossierPayments', tags, summary: 'What a dossier owes and its payments', description: 'The amount due now (the officer’s request while the dossier waits for payment, else the procedure’s fees on the answers, less what was paid), the methods offered, and every payment with its receipt.', params: IdParams, response: { 200: DossierPaymentsSchema } },
    },
    async (req) => {
      const r = await payments.ofDossier(principalOf(req), (req.params as { id: string }).id);
      const list = [];
      for (const p of r.payments) list.push(await view(p));
      const offered = (await payments.account(r.dossier.agencyId))?.providers ?? ['vietqr'];
      return {
        due: r.due ? { amount: r.due.amountVnd, reason: r.due.reason, lines: r.due.lines } : null,
        applicant: r.applicant,
        paid: r.payments.some((p) => p.status === 'success'),
        providers: payments.availableProviders().filter((k) => offered.includes(k)),
        payments: list,
      };
    },
  );

  app.post(
    '/api/dossiers/:id/payments',
    {
      config: { policy: policy.citizen(), errors: [...READ_DOSSIER, E.notAllowed, E.nothingDue, E.alreadyPaid, E.providerNotConfigured, E.providerUnavailable, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'payDossier',
        tags,
        summary: 'Pay what a dossier owes',
        description: 'The applicant starts paying the amount due (201), or gets back the open payment of the same amount and method (200). 409 payment.nothing_due or payment.already_paid when nothing is owed. Takes an Idempotency-Key.',
        params: IdParams,
        body: DossierPaymentBodySchema,
        response: { 200: PaymentSchema, 201: PaymentSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: DossierPaymentBody }>, reply) => {
      idempotencyKeyOf(req);
      const at = now();
      return runIdempotent(db, req, reply, req.body, at, async (tx) => {
        const r = await payments.createForDossier(tx, principalOf(req), actorOf(req), req.params.id, req.body.payment_provider, at);
        return { status: r.created ? 201 : 200, body: await view(r.row, tx) };
      });
    },
  );

  app.post(
    '/api/dossiers/:id/payments/counter',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [...READ_DOSSIER, E.notAllowed, E.nothingDue, E.alreadyPaid, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'recordCounterPayment',
        tags,
        summary: 'Record a fee taken at the desk',
        description: 'The desk officer records the amount due as paid in cash or on the desk’s card terminal, with the slip or cash-book reference; the receipt follows. Takes an Idempotency-Key.',
        params: IdParams,
        body: CounterPaymentBodySchema,
        response: { 201: PaymentSchema },
      },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: CounterPaymentBody }>, reply) => idem(req, reply, 201, async (tx, at, actor) => view(await payments.recordCounter(tx, principalOf(req), actor, req.params.id, req.body, at), tx)),
  );

  // --- notifications from the bank and the gateway (signed; the raw body is what the signature covers) -------------

  app.register(async (scope: App) => {
    const raw = new WeakMap<object, Buffer>();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (req, body, done) => {
      raw.set(req, body as Buffer);
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        done(platformErrors.malformedJson(), undefined);
      }
    });
    const limited = { max: d.notificationRateLimitPerMinute, timeWindow: '1 minute' };

    scope.post(
      '/api/payments/notifications/bank',
      {
        config: { policy: policy.public(), rateLimit: limited, errors: [E.notificationUnauthenticated, E.notificationReplayed, platformErrors.rateLimited], idempotency: { exempt: 'a bank’s signed notification: de-duplicated on the bank’s transaction reference' } },
        schema: {
          operationId: 'receiveBankNotification',
          tags,
          summary: 'A bank’s balance-change notification (biến động số dư)',
          description:
            'Header `X-Bank-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "t.body" with PAYMENT_BANK_SECRET>`, at most 5 minutes old (401 forged, 409 stale). Each `transaction_id` is applied once (`duplicate` afterwards); a credit whose text holds a payment code and the exact amount settles it; anything else waits in the reconciliation queue.',
          body: BankNotificationSchema,
          response: { 200: BankNotificationResultSchema },
        },
      },
      async (req) => {
        const body = raw.get(req) ?? Buffer.alloc(0);
        const at = now();
        verifySignature(d.bankSecret(), req.headers['x-bank-signature'] as string | undefined, body.toString('utf8'), at);
        const b = req.body as BankNotification;
        const r = await reconciler.credit(actorOf(req), { bankRef: b.transaction_id, accountNumber: b.account_number, amountVnd: b.amount, direction: b.direction, text: b.description, at: new Date(b.transaction_time) }, at);
        return 'creditId' in r ? { result: r.result, credit_id: r.creditId, payment_id: r.paymentId } : { result: r.result };
      },
    );

    scope.post(
      '/api/payments/notifications/gateway',
      {
        config: { policy: policy.public(), rateLimit: limited, errors: [E.notificationUnauthenticated, E.notificationReplayed, E.notificationInvalid, E.providerNotConfigured, platformErrors.rateLimited], idempotency: { exempt: 'a gateway’s signed notification: de-duplicated on its transaction reference' } },
        schema: {
          operationId: 'receiveGatewayNotification',
          tags,
          summary: 'The payment gateway’s server-to-server notification',
          description: 'Signed by the gateway (checked by its adapter). Applied once per transaction reference; notifications may come late, twice or out of order — a finished payment does not change.',
          body: Type.Object({}, { additionalProperties: true }),
          response: { 200: BankNotificationResultSchema },
        },
      },
      async (req) => d.gatewayNotification(req, raw.get(req) ?? Buffer.alloc(0)),
    );
  });

  // --- reconciliation (đối soát) -------------------------------------------------------------------------------

  app.register(async (scope: App) => {
    // Raw bytes, kept beside the request (the route declares no JSON body).
    const files = new WeakMap<object, Buffer>();
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: MAX_STATEMENT_BYTES }, (req, body, done) => {
      files.set(req, body as Buffer);
      done(null, undefined);
    });
    scope.post(
      '/api/payments/statements',
      {
        bodyLimit: MAX_STATEMENT_BYTES,
        config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.notAllowed, E.statementInvalid, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
        schema: {
          operationId: 'importBankStatement',
          tags,
          summary: 'Import the bank’s daily statement (sao kê, CSV)',
          description: 'Credits not yet seen (their notification never came) are matched like notifications; those already recorded are counted as duplicates. Errors name their line. Takes an Idempotency-Key.',
          querystring: StatementQuerySchema,
          consumes: ['text/csv'],
          response: { 200: StatementResultSchema },
        },
      },
      async (req, reply) => {
        const q = req.query as { agency_id: string };
        idempotencyKeyOf(req);
        const at = now();
        const bytes = files.get(req);
        if (!bytes?.length) throw E.statementInvalid({ vi: 'Tệp sao kê trống.', en: 'The statement file is empty.' });
        return runIdempotent(db, req, reply, { agency: q.agency_id, sha: createHash('sha256').update(bytes).digest('hex') }, at, async (tx) => ({ status: 200, body: await reconciler.importStatement(tx, principalOf(req), actorOf(req), q.agency_id, bytes, at) }));
      },
    );
  });

  app.get(
    '/api/payments/queue',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.notAllowed] },
      schema: { operationId: 'getReconciliationQueue', tags, summary: 'Credits waiting for an officer', description: 'Under- and over-payments, unknown or missing codes, money for payments already paid or closed; or those resolved.', querystring: QueueQuerySchema, response: { 200: QueueSchema } },
    },
    async (req) => {
      const q = req.query as { agency_id: string; status?: 'open' | 'resolved' };
      return { summary: await reconciler.summary(principalOf(req), q.agency_id), items: (await reconciler.queue(principalOf(req), q.agency_id, q.status)).map(creditView) };
    },
  );

  app.post(
    '/api/payments/queue/:id/resolve',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.itemNotFound, E.itemResolved, E.notAllowed, E.notFound, E.matchMismatch, E.wrongState, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: {
        operationId: 'resolveQueuedCredit',
        tags,
        summary: 'Resolve a queued credit',
        description: '`match` settles the chosen payment with it (amounts must agree), `refund` records the money is sent back, `reject` closes it with the note. Audited. Takes an Idempotency-Key.',
        params: UuidParams,
        body: ResolveBodySchema,
        response: { 200: CreditSchema },
      },
    },
    async (req: FastifyRequest<{ Body: ResolveBody }>, reply) => idem(req, reply, 200, async (tx, at, actor) => creditView(await reconciler.resolve(tx, principalOf(req), actor, (req.params as { id: string }).id, req.body, at))),
  );

  // --- outgoing webhooks ---------------------------------------------------------------------------------------

  const webhookView = (w: WebhookRow, withSecret = false) => ({
    id: w.id,
    agency_id: w.agencyId,
    url: w.url,
    description: w.description,
    status: w.active,
    created_date: w.createdAt.toISOString(),
    ...(withSecret ? { secret: w.secret } : {}),
    previous_secret_until: w.previousUntil?.toISOString() ?? null,
  });
  app.post(
    '/api/payments/webhooks',
    {
      config: { policy: policy.roles('agency_admin'), errors: [E.notAllowed, E.webhookInvalid, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'createPaymentWebhook', tags, summary: 'Register a webhook for an agency’s payments', description: 'Every change of the agency’s payments is posted to `url` as JSON, header `Pay-Signature` = hex HMAC-SHA-256 of the body with the secret returned once here; retried with back-off until a 2xx answer. Takes an Idempotency-Key.', body: WebhookBodySchema, response: { 201: WebhookSchema } },
    },
    async (req: FastifyRequest<{ Body: WebhookBody }>, reply) => {
      const u = new URL(req.body.url);
      const local = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) throw E.webhookInvalid({ vi: 'Địa chỉ nhận phải dùng https.', en: 'The address must use https.' }, { fields: [{ field: 'url', code: 'https_required', message: { vi: 'Cần địa chỉ https', en: 'An https address is needed' } }] });
      return idem(req, reply, 201, async (tx, at, actor) => webhookView(await webhooks.create(tx, principalOf(req), actor, req.body, at), true));
    },
  );
  app.get(
    '/api/payments/webhooks',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.notAllowed] },
      schema: { operationId: 'listPaymentWebhooks', tags, summary: 'An agency’s payment webhooks', description: 'Their addresses and state (secrets are never shown again).', querystring: WebhookQuerySchema, response: { 200: WebhookListSchema } },
    },
    async (req) => ({ webhooks: (await webhooks.list(principalOf(req), (req.query as { agency_id: string }).agency_id)).map((w) => webhookView(w)) }),
  );
  app.post(
    '/api/payments/webhooks/:id/rotate',
    {
      config: { policy: policy.roles('agency_admin'), errors: [E.notFound, E.notAllowed, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'rotatePaymentWebhookSecret', tags, summary: 'Rotate a webhook’s secret', description: 'A new secret, returned once; for 24 hours every delivery also carries `Pay-Signature-Previous` signed with the old one. Takes an Idempotency-Key.', params: UuidParams, response: { 200: WebhookSchema } },
    },
    async (req, reply) => idem(req, reply, 200, async (tx, at, actor) => webhookView(await webhooks.rotate(tx, principalOf(req), actor, (req.params as { id: string }).id, at), true)),
  );
  app.get(
    '/api/payments/webhooks/:id/deliveries',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.notFound, E.notAllowed] },
      schema: { operationId: 'getPaymentWebhookDeliveries', tags, summary: 'A webhook’s delivery log', description: 'The latest 200 deliveries: event, attempts, last answer, delivered or failed.', params: UuidParams, response: { 200: DeliveriesSchema } },
    },
    async (req) => ({
      deliveries: (await webhooks.deliveries(principalOf(req), (req.params as { id: string }).id)).map((d) => ({ id: d.id, event_id: d.eventId, event_type: d.eventType, payment_id: d.paymentId, status: d.status, attempts: d.attempts, last_status_code: d.lastStatusCode, last_error: d.lastError, created_date: d.createdAt.toISOString(), delivered_date: d.deliveredAt?.toISOString() ?? null })),
    }),
  );

  // --- the agency's account --------------------------------------------------------------------------------------

  const accountView = async (agencyId: string, dbh = db) => {
    const a = await payments.account(agencyId, dbh);
    return {
      agency_id: agencyId,
      providers: (a?.providers ?? ['vietqr']) as PaymentProviderKind[],
      bank_bin: a?.bankBin ?? null,
      bank_name: a?.bankBin ? (BANKS[a.bankBin] ?? null) : null,
      account_number: a?.accountNumber ?? null,
      account_name: a?.accountName ?? null,
      available_providers: payments.availableProviders(),
      banks: Object.entries(BANKS).map(([bin, name]) => ({ bin, name })),
    };
  };

  app.get(
    '/api/agencies/:id/payment-account',
    {
      config: { policy: policy.roles('receiving_officer', 'agency_admin'), errors: [E.notAllowed] },
      schema: { operationId: 'getPaymentAccount', tags, summary: 'How an agency collects fees', description: 'Its bank account for VietQR transfers and the methods offered to payers.', params: IdParams, response: { 200: AccountSchema } },
    },
    async (req) => {
      const id = (req.params as { id: string }).id;
      await payments.requireRole(principalOf(req), ['receiving_officer', 'agency_admin'], id);
      return accountView(id);
    },
  );

  app.put(
    '/api/agencies/:id/payment-account',
    {
      config: { policy: policy.roles('agency_admin'), errors: [E.notAllowed, E.accountInvalid, E.providerNotConfigured, ...IDEMPOTENCY_ERRORS], idempotency: 'key' as const },
      schema: { operationId: 'setPaymentAccount', tags, summary: 'Set how an agency collects fees', description: 'The agency admin sets the bank account (BIN, number, name) and the methods offered, first = default. Audited. Takes an Idempotency-Key.', params: IdParams, body: AccountBodySchema, response: { 200: AccountSchema } },
    },
    async (req: FastifyRequest<{ Params: { id: string }; Body: AccountBody }>, reply) =>
      idem(req, reply, 200, async (tx, at, actor) => {
        await payments.setAccount(tx, principalOf(req), actor, req.params.id, { providers: req.body.providers, bankBin: req.body.bank_bin, accountNumber: req.body.account_number, accountName: req.body.account_name }, at);
        return accountView(req.params.id, tx);
      }),
  );
}
