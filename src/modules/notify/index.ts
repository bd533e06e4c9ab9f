/**
 * Notifications (thông báo): e-mail over SMTP, SMS through a brandname aggregator, Zalo ZNS and the in-app inbox,
 * behind one Notifier interface. Messages are planned from the events other modules publish (after their commit,
 * through the outbox), never inside a request; delivery has GOV.UK Notify's statuses, retries with back-off,
 * signed delivery reports, per-channel rates and daily quotas, and one message per event and channel.
 *
 * Consumed events: every `dossier.*` event (the watch of deadlines), with messages for `dossier.received`,
 * `reception_refused`, `supplement_requested`, `payment_requested`, `payment_confirmed`, `result_issued`,
 * `result_returned`, `rejected`, `withdrawal_requested`, `stopped`, `extended` (citizens), `assigned`,
 * `consultation_requested` (officers); and `petition.answered` (reserved for the feedback module).
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { CalendarService } from '../../platform/calendar/calendar.service';
import type { ExternalChannel } from '../../shared/notify';
import type { DossierService } from '../dossier';
import type { AgencyDirectory } from '../geography';
import type { IdentityService } from '../identity';
import { hasConsent } from '../vault';
import { NotifyKeys } from './notify.keys';
import { TemplateStore } from './notify.templates';
import { Preferences } from './notify.preferences';
import { Composer, SenderDirectory } from './notify.compose';
import { Planner } from './notify.planner';
import { DeliveryWorker } from './notify.sender';
import { Jobs } from './notify.jobs';
import { NotifyService } from './notify.service';
import { registerNotifyRoutes } from './notify.routes';
import { agencyReaderOf, dossierReaderOf, peopleReaderOf, type NotifyPorts } from './notify.ports';
import { SmtpNotifier } from './channels/smtp';
import { SmsAggregatorNotifier } from './channels/sms';
import { ZaloZnsNotifier } from './channels/zalo';
import type { Notifier } from './channels/notifier';
import { CarrierSimulator } from './simulator/carrier';

export type { Notifier, OutgoingMessage, SendOutcome } from './channels/notifier';
export { CarrierSimulator, type SimMessage, type Rule as SimulatorRule, type SimulatorOptions } from './simulator/carrier';
export { CITIZEN_KIND_OF_EVENT, OFFICER_KIND_OF_EVENT, PETITION_ANSWERED, SUPERVISION_ALERT, type PetitionAnsweredPayload } from './notify.planner';
export type { DossierFacts, DossierReader, NotifyPorts } from './notify.ports';
export { messageIdOf } from './notify.compose';

export interface NotifyDeps {
  dossiers: DossierService;
  directory: AgencyDirectory;
  identity: IdentityService;
  calendar: CalendarService;
  /** Channel adapters to use instead of those built from the configuration (tests, benchmarks). */
  notifiers?: Partial<Record<ExternalChannel, Notifier>>;
}

export interface NotifyModule {
  service: NotifyService;
  planner: Planner;
  sender: DeliveryWorker;
  jobs: Jobs;
  /** The simulated carriers, when they stand in for unconfigured channels (demo). */
  simulator: CarrierSimulator | null;
  channels: ReadonlySet<ExternalChannel>;
  /** Background work: planning, sending (kicked by new events, polled), the minute jobs. */
  start(): void;
  stop(): Promise<void>;
  /** Publishes pending events, plans and sends until nothing is left (tests, the CLI). */
  drain(maxRounds?: number): Promise<{ planned: number; sent: number }>;
}

export async function registerNotify(app: App, ctx: AppContext, deps: NotifyDeps): Promise<NotifyModule> {
  const { db, clock, config } = ctx;
  const nc = config.notify;
  const log = app.log.child({ module: 'notify' });
  const keys = new NotifyKeys(db, nc.callbackSecret ? { callback: nc.callbackSecret } : {});
  await keys.warm();

  // The demo's carriers: for each channel not configured, a simulated one on loopback.
  let simulator: CarrierSimulator | null = null;
  const simKeys = { sms: randomBytes(16).toString('hex'), zalo: randomBytes(16).toString('hex') };
  if (nc.simulator && !deps.notifiers && (!nc.smtp || !nc.sms || !nc.zalo)) {
    simulator = new CarrierSimulator({
      smsApiKey: simKeys.sms,
      zaloToken: simKeys.zalo,
      callbackSecret: keys.key('callback').toString('utf8'),
      callbacks: { sms: `${config.publicUrl}/api/notify/callbacks/sms`, zalo: `${config.publicUrl}/api/notify/callbacks/zalo` },
      smtp: nc.smtp ? false : {},
    });
    await simulator.start();
  }
  const sim = simulator?.address;
  const notifiers: Partial<Record<ExternalChannel, Notifier>> = deps.notifiers ?? {
    ...(nc.smtp ? { email: new SmtpNotifier(nc.smtp) } : sim?.smtpPort ? { email: new SmtpNotifier({ host: '127.0.0.1', port: sim.smtpPort, tls: 'none' }) } : {}),
    ...(nc.sms ? { sms: new SmsAggregatorNotifier({ url: nc.sms.url, apiKey: nc.sms.apiKey, unicode: nc.sms.unicode, callbackUrl: `${config.publicUrl}/api/notify/callbacks/sms` }) } : sim ? { sms: new SmsAggregatorNotifier({ url: sim.smsUrl, apiKey: simKeys.sms, unicode: false }) } : {}),
    ...(nc.zalo ? { zalo: new ZaloZnsNotifier({ url: nc.zalo.url, accessToken: nc.zalo.accessToken }) } : sim ? { zalo: new ZaloZnsNotifier({ url: sim.zaloUrl, accessToken: simKeys.zalo }) } : {}),
  };
  const enabled = new Set(Object.keys(notifiers) as ExternalChannel[]);

  const ports: NotifyPorts = {
    dossiers: dossierReaderOf(deps.dossiers),
    agencies: agencyReaderOf(deps.directory),
    people: peopleReaderOf(deps.identity),
    consent: { hasConsent },
    calendar: deps.calendar,
  };
  const smsOptions = { unicode: nc.sms?.unicode ?? false };
  const templates = new TemplateStore(db, smsOptions);
  const preferences = new Preferences(db, keys, ports.consent);
  const senders = new SenderDirectory(db, nc);
  const composer = new Composer({ db, clock, config: nc, publicUrl: config.publicUrl, ports, templates, preferences, keys, senders, enabled, warn: (msg, f) => log.warn(f, msg) });
  const planner = new Planner({ db, clock, publicUrl: config.publicUrl, ports, composer, error: (msg, f) => log.error(f, msg) });
  let started = false;
  let kickTimer: NodeJS.Timeout | null = null;
  const kick = (delayMs = 5) => {
    if (!started || kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      void (async () => {
        // Events recorded by the handler are visible once the dispatcher's transaction committed.
        await ctx.dispatcher.runOnce();
        // Sending runs beside planning (each pass is shared by concurrent callers): a long delivery pass does not
        // hold back the planning of new events, and what is planned meanwhile is claimed by the running pass.
        const sending = sender.runOnce();
        await planner.runOnce();
        await Promise.all([sending, sender.runOnce()]);
      })().catch((err) => log.error({ err }, 'notification pass failed'));
    }, delayMs);
  };
  const sender = new DeliveryWorker({ db, clock, config: nc, notifiers, failUnconfigured: true, log: { warn: (m, f) => log.warn(f, m), debug: (m, f) => log.debug(f, m) }, onThrottled: (ms) => kick(ms) });
  const jobs = new Jobs({ db, clock, config: nc, publicUrl: config.publicUrl, ports, composer });
  const service = new NotifyService(db, ports.dossiers);

  ctx.bus.subscribe('*', async (event, tx) => {
    await planner.record(event, tx);
    kick();
  });

  registerNotifyRoutes(app, ctx, { service, preferences, templates, senders, sender, keys, ports, enabled, smsUnicode: smsOptions.unicode, simulatorUrl: () => simulator?.address?.httpUrl ?? null, kick });

  let poll: NodeJS.Timeout | null = null;
  let minute: NodeJS.Timeout | null = null;
  let jobRun: Promise<unknown> | null = null;
  return {
    service,
    planner,
    sender,
    jobs,
    simulator,
    channels: enabled,
    start() {
      if (started) return;
      started = true;
      poll = setInterval(() => kick(0), config.outboxPollMs);
      const runJobs = () => {
        jobRun ??= jobs
          .runOnce()
          .then(() => kick(0))
          .catch((err) => log.error({ err }, 'notification jobs failed'))
          .finally(() => (jobRun = null));
      };
      minute = setInterval(runJobs, 60_000);
      setTimeout(runJobs, 1_000).unref();
    },
    async stop() {
      started = false;
      if (poll) clearInterval(poll);
      if (minute) clearInterval(minute);
      if (kickTimer) clearTimeout(kickTimer);
      await Promise.allSettled([planner.runOnce(), sender.runOnce(), jobRun]);
      for (const n of Object.values(notifiers)) await n?.close?.();
      await simulator?.stop();
    },
    async drain(maxRounds = 20) {
      let planned = 0;
      let sent = 0;
      for (let i = 0; i < maxRounds; i++) {
        const e = await ctx.dispatcher.runOnce();
        const p = await planner.runOnce();
        const s = await sender.runOnce();
        planned += p;
        sent += s;
        if (e + p + s === 0) break;
      }
      return { planned, sent };
    },
  };
}
