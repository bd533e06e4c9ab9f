/**
 * The dossier module (hồ sơ): drafts, submission, the actions of the state machine, deadlines, inbox, files,
 * national forms and the register. This file is its only public face: other modules and main.ts import from here.
 */
import path from 'node:path';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { DossierService } from './dossier.service';
import { DossierDocuments } from './dossier.documents';
import { registerDossierRoutes, type HookErrors } from './dossier.routes';
import { registerAssigneeRoutes } from './dossier.assignees';
import { EicarScanner, FsBlobStore } from './dossier.attachments';
import type { DossierDeps } from './dossier.deps';

export { DossierService } from './dossier.service';
export type { Access } from './dossier.access';
export type { DossierMonthlyCount, DossierRow, DossierSummary } from './dossier.repo';
export type { StoreItemRef, UploadInput } from './dossier.uploads';
export type { DossierDeps, DossierHooks, PrefillOutcome, PrefillRequest, FilingResolver, ProcedureCatalog, Agencies, UnitNames, WorkingCalendar, Accounts } from './dossier.deps';
export type { PrefilledField, PrefillSkip, StoredPrefill, StepDeadline } from './dossier.schema';
export { DOSSIER_EVENT_NAMES, type DossierEventPayload } from './dossier.journal';
export { PREFILL_SOURCE_LABELS } from './dossier.prefill';
export { dossierErrors, refusalErrors } from './dossier.errors';
export { MAX_ATTACHMENT_BYTES, ACCEPTED_TYPES, EicarScanner, FsBlobStore, sha256Hex, sniffType, type AcceptedType, type BlobStore, type ScanResult, type VirusScanner } from './dossier.attachments';
/** The API's view types (the schemas are in src/shared/api/dossier.ts). */
export type { AttachmentView, DossierDetail, DossierView, DraftView, InboxPage, MyDossiersPage, PublicDossier, TimelineEntry } from '../../shared/api/dossier';

export type { HookErrors } from './dossier.routes';

/**
 * Builds the dossier service (file blob store under DATA_DIR/blobs, EICAR scanner by default) and registers its
 * routes; `hookErrors` lists what the hooks may answer on action routes.
 */
export function registerDossiers(app: App, ctx: AppContext, deps: Omit<DossierDeps, 'db' | 'clock' | 'blobs' | 'scanner'> & Partial<Pick<DossierDeps, 'blobs' | 'scanner'>>, hookErrors: HookErrors = {}): DossierService {
  const service = new DossierService({
    db: ctx.db,
    clock: ctx.clock,
    blobs: deps.blobs ?? new FsBlobStore(path.join(ctx.config.dataDir, 'blobs')),
    scanner: deps.scanner ?? new EicarScanner(),
    // Several processes may share a PostgreSQL database: codes by blocks, off the hot counter row.
    codeBlock: ctx.database.kind === 'postgres' ? ctx.config.dossierCodeBlock : 1,
    ...deps,
  });
  registerDossierRoutes(app, ctx, service, new DossierDocuments(service.ctx, ctx.config.publicUrl), hookErrors);
  registerAssigneeRoutes(app, service.ctx);
  return service;
}
