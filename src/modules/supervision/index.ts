/**
 * The supervision module (giám sát trực tuyến): reporting obligations agencies define, deliveries by regulated
 * enterprises (web upload or API with a per-enterprise key) with signed receipts and transparency-log leaves, the
 * rules (missing, late, out of range, inconsistent with the last period), alerts through the notification module,
 * the compliance dashboard, CSV export and the aggregate feed for open data. This file is its only public face.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { SupervisionService } from './supervision.service';
import { registerSupervisionRoutes } from './supervision.routes';
import { ReceiptSigner } from './receipt';
import type { SupervisionPorts } from './supervision.ports';

export type { SupervisionPorts, SupervisedBusiness } from './supervision.ports';
export { supervisionErrors } from './supervision.errors';
export { SUPERVISION_ALERT_EVENT, type SupervisionAlertPayload } from './supervision.service';
export { verifyReceipt } from './receipt';
export { seedDemoSupervision } from './supervision.seed';
export { supervisionLeafSource } from './supervision.tlog';

export interface SupervisionModule {
  service: SupervisionService;
  signer: ReceiptSigner;
  /** Background work: the hourly check of missing reports. */
  start(): void;
  stop(): Promise<void>;
}

export function registerSupervision(app: App, ctx: AppContext, ports: SupervisionPorts): SupervisionModule {
  const { db, config, clock } = ctx;
  const log = app.log.child({ module: 'supervision' });
  const signer = new ReceiptSigner(config.supervision.receiptKeyFile);
  const service = new SupervisionService(db, ports, signer, config.publicUrl);
  registerSupervisionRoutes(app, { db, now: () => clock.now(), service, signer });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    service,
    signer,
    start() {
      timer ??= setInterval(() => {
        running ??= service
          .sweepMissing(clock.now())
          .catch((err) => log.error({ err }, 'missing-report check failed'))
          .finally(() => (running = null));
      }, 3_600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
