// Transparency log module (nhật ký minh bạch): the public face.
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { TransparencyLog } from './tlog.service';
import { loadOrCreateSigner } from './tlog.keys';
import { registerTlogRoutes, type AboutCheck, type ProofAudience } from './tlog.routes';

export { TransparencyLog } from './tlog.service';
export { verifyLog, type LeafSource, type VerifyReport, type LogProblem } from './tlog.verify';
export { Witness, type WitnessState } from './tlog.witness';
export { WitnessClient, WitnessRefused } from './tlog.witness-client';
export { loadOrCreateSigner } from './tlog.keys';
export { auditLeafSource, rowLeafSource } from './tlog.sources';
export { runLogCommand, runWitnessCommand, verifyInstallationLog, printReport } from './tlog.cli';
export type { ProofAudience, AboutCheck };

export interface TlogWiring {
  /** Kinds of record whose commitments their data subjects may open (vault: data_access, consent). */
  audiences?: ProofAudience[];
  /** Who may see the audit records about a target type (dossier: its readers). */
  about?: Record<string, AboutCheck>;
}

/** Creates the installation's log (key loaded on first use) and registers its routes. */
export function registerTlog(app: App, ctx: AppContext, wiring: TlogWiring = {}): TransparencyLog {
  const cfg = ctx.config.tlog;
  const log = new TransparencyLog(ctx.db, {
    origin: cfg.origin,
    signer: () => loadOrCreateSigner(cfg.keyFile, cfg.origin).signer,
    witnesses: cfg.witnesses,
    now: () => ctx.clock.now(),
    onError: (what, err) => app.log.warn({ err: err instanceof Error ? { message: err.message } : String(err) }, `transparency log: ${what} failed`),
  });
  registerTlogRoutes(app, ctx, log, wiring.audiences ?? [], wiring.about ?? {});
  return log;
}
