/**
 * Online inspection (kiểm tra trực tuyến): plans approved by a leader, the entity's view, document requests and
 * uploads, the remote session (a meeting), findings, minutes signed by the team and the entity's representative
 * (two PAdES signatures), the conclusion, the follow-up of remedies and the share done online. The only public face.
 *
 * Events: `inspection.planned`, `approve` (with the representative's personal ID, the number, subject and dates, for
 * the notice to the entity), `start`, `documents_requested`, `documents_uploaded`, `finding_recorded`, `sign_team`
 * (likewise: the minutes wait for the representative's signature), `sign_entity`, `conclude`,
 * `remedy_done`, `close`.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { InspectionService } from './inspection.service';
import { registerInspectionRoutes } from './inspection.routes';
import type { InspectionPorts } from './inspection.ports';

export type { InspectionPorts } from './inspection.ports';
export { inspectionErrors } from './inspection.errors';
export { InspectionService, seedDemoInspection } from './inspection.service';
export { inspectionLeafSources } from './inspection.tlog';

export interface InspectionModule {
  service: InspectionService;
}

export function registerInspections(app: App, ctx: AppContext, ports: InspectionPorts, errors: { signing: readonly { code: string; status: number }[]; meeting: readonly { code: string; status: number }[] }): InspectionModule {
  const service = new InspectionService(ctx.db, ports, { demo: ctx.config.results.demo });
  registerInspectionRoutes(app, { db: ctx.db, now: () => ctx.clock.now(), service, signingErrors: errors.signing, meetingErrors: errors.meeting });
  return { service };
}
