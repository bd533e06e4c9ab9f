/**
 * The payment module (thanh toán không dùng tiền mặt): fees of dossiers and integrators' payments in GOV.UK Pay's
 * shape, behind one PaymentProvider interface — VietQR transfers to the agency's account (reconciled from the
 * bank's notifications and daily statements, with an officers' queue), a payment gateway (a simulated one in the
 * demo and the tests), and the desk — refunds, and signed electronic receipts. This file is its only public face.
 *
 * Published events: `payment.created`, `payment.<status>` (started, submitted, success, failed, cancelled, expired,
 * error), `payment.refund_<status>`, `payment.credit_queued`, `payment.credit_<resolution>`, `payment.receipt_issued`.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { platformActor, actorOf } from '../../platform/auth/actor';
import { PaymentService } from './payment.service';
import { Reconciler } from './payment.reconcile';
import { BuiltInReceiptIssuer, Receipts, type ReceiptIssuer } from './payment.receipts';
import { registerPaymentRoutes } from './payment.routes';
import { Webhooks } from './payment.webhooks';
import { bankSecret } from './payment.keys';
import { VietQrProvider } from './providers/vietqr';
import { CounterProvider } from './providers/counter';
import { GatewayProvider } from './gateway/provider';
import { GatewaySimulator } from './gateway/simulator';
import type { PaymentProvider, PaymentProviderKind } from './payment.provider';
import type { PaymentPorts, ReceiptRenderer } from './payment.ports';

export type { PaymentDossier, PaymentPorts, ReceiptContent, ReceiptRenderer } from './payment.ports';
export type { PaymentProvider, PaymentProviderKind } from './payment.provider';
export type { ReceiptIssuer, IssuedReceipt } from './payment.receipts';
export { paymentErrors } from './payment.errors';
export { signBody as signBankNotification } from './payment.keys';
export { rotateWebhookSecrets } from './payment.webhooks';
export { GatewaySimulator } from './gateway/simulator';
export { seedDemoPaymentAccounts, demoAccountNumber, DEMO_BANK_BIN } from './payment.seed';
export { runGatewaySimulateCommand } from './gateway/simulate.cli';

export interface PaymentModule {
  service: PaymentService;
  reconciler: Reconciler;
  receipts: Receipts;
  webhooks: Webhooks;
  /** The simulated gateway (demo and tests), when it stands in for an unconfigured one. */
  simulator: GatewaySimulator | null;
  /** Its base URL (the demo prints it). */
  simulatorUrl: string | null;
  /** The bank-notification secret in force (the scripted bank of the tests and the demo signs with it). */
  bankSecret(): string;
  start(): void;
  stop(): Promise<void>;
}

export interface PaymentOptions {
  renderer: ReceiptRenderer;
  /** A licensed receipt provider instead of the built-in issuer. */
  issuer?: ReceiptIssuer;
  /** Providers to use instead of those built from the configuration (tests). */
  providers?: Partial<Record<PaymentProviderKind, PaymentProvider>>;
}

export async function registerPayments(app: App, ctx: AppContext, ports: PaymentPorts, opts: PaymentOptions): Promise<PaymentModule> {
  const { db, clock, config } = ctx;
  const pc = config.payment;
  const log = app.log.child({ module: 'payment' });
  const secret = await bankSecret(db, pc.bankSecret);
  const notifyUrl = `${config.publicUrl}/api/payments/notifications/gateway`;

  let simulator: GatewaySimulator | null = null;
  let gateway: GatewayProvider | null = null;
  let simulatorUrl: string | null = null;
  if (pc.gateway) gateway = new GatewayProvider({ baseUrl: pc.gateway.url, merchantKey: pc.gateway.key, notifyUrl, clock: () => clock.now() });
  else if (pc.gatewaySimulator && !opts.providers?.gateway) {
    const merchantKey = randomBytes(24).toString('hex');
    simulator = new GatewaySimulator({ port: 0, merchantKey });
    const { url } = await simulator.start();
    simulatorUrl = url;
    gateway = new GatewayProvider({ baseUrl: url, merchantKey, notifyUrl, clock: () => clock.now() });
  }
  const providers: Partial<Record<PaymentProviderKind, PaymentProvider>> = {
    vietqr: new VietQrProvider(),
    counter: new CounterProvider(),
    ...(gateway ? { gateway } : {}),
    ...opts.providers,
  };
  const service = new PaymentService({ db, ports, providers, publicUrl: config.publicUrl, expiryMinutes: pc.expiryMinutes });
  // Group commits of bank notifications in flight: PGlite has one connection, a server takes a few at once.
  const reconciler = new Reconciler(db, service, { maxGroups: ctx.database.kind === 'pglite' ? 1 : pc.notificationGroups });
  const receipts = new Receipts(opts.issuer ?? new BuiltInReceiptIssuer(ports, opts.renderer, { publicUrl: config.publicUrl, demo: config.seedDemo }), ports);

  // The receipt of a successful payment, from the outbox (after the payment's commit; retried until issued).
  ctx.bus.subscribe('payment.success', async (event, tx) => {
    const paymentId = String(event.payload.paymentId);
    const actor = platformActor('payment-receipt');
    if (tx) await receipts.issueFor(tx, actor, paymentId, clock.now());
    else await db.transaction((t) => receipts.issueFor(t, actor, paymentId, clock.now()));
  });

  // Webhook deliveries recorded with each payment event (in the dispatcher's transaction), posted by the worker.
  const webhooks = new Webhooks(db, service, { now: () => clock.now() });
  let posting: Promise<unknown> | null = null;
  const post = () => {
    posting ??= webhooks
      .runOnce()
      .catch((err) => log.error({ err }, 'webhook delivery failed'))
      .finally(() => (posting = null));
  };
  let started = false;
  ctx.bus.subscribe('*', async (event, tx) => {
    if ((await webhooks.record(event, tx ?? db)) && started) setTimeout(post, 5).unref();
  });

  const gw = providers.gateway;
  registerPaymentRoutes(app, {
    db,
    now: () => clock.now(),
    publicUrl: config.publicUrl,
    payments: service,
    reconciler,
    receipts,
    webhooks,
    bankSecret: () => secret,
    verifyReturn: gw && 'verifyReturn' in gw ? (q) => (gw as GatewayProvider).verifyReturn(q) : null,
    gatewayNotification: async (req, raw) => {
      const v = await service.provider('gateway').verifyNotification({ headers: req.headers, rawBody: raw });
      return service.applyGatewayNotification(actorOf(req), v, clock.now());
    },
    notificationRateLimitPerMinute: pc.notificationRateLimitPerMinute,
  });

  let timer: NodeJS.Timeout | null = null;
  let hookTimer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    service,
    reconciler,
    receipts,
    webhooks,
    simulator,
    simulatorUrl,
    bankSecret: () => secret,
    start() {
      started = true;
      hookTimer ??= setInterval(post, 1_000);
      hookTimer.unref();
      timer ??= setInterval(() => {
        running ??= service
          .expireDue(platformActor('payment-expiry'), clock.now())
          .catch((err) => log.error({ err }, 'payment expiry failed'))
          .finally(() => (running = null));
      }, 60_000);
      timer.unref();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      if (hookTimer) clearInterval(hookTimer);
      timer = null;
      hookTimer = null;
      await running;
      await posting;
      await simulator?.stop();
    },
  };
}
