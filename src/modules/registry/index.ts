import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { AgencyDirectory } from '../geography/agency.directory';
import { registerVaultRoutes } from '../vault/vault.routes';
import { registerStoreRoutes } from '../vault/store.routes';
import { RegistryPrefill } from '../vault/prefill';
import { DataStore } from '../vault/store.service';
import { DataRequests } from '../vault/data-requests';
import { EicarScanner, type DossierService } from '../dossier';
import type { CatalogService } from '../catalog/catalog.service';
import type { CalendarService } from '../../platform/calendar/calendar.service';
import type { BusinessDirectory } from '../identity/organisation/business-directory';
import { registerRegistryRoutes } from './registry.routes';

export { RegistryService, REGISTRY_PURPOSES, REGISTRY_READER_ROLES, PERSON_FIELDS, SENSITIVE_PERSON_FIELDS } from './registry.service';
export { RegistryCitizenDirectory, RegistryBusinessDirectory } from './registry.directory';
export { seedRegistry, seedDemoRegistry } from './registry.seed';
export { hasConsent, verifyConsentChain, recordConsent, publishNotice, seedConsentNotices, CONSENT_PURPOSES } from '../vault/consent.service';
export { recordAccess, accessLogInsert, type AccessEntry } from '../vault/access-log';

export { RegistryPrefill } from '../vault/prefill';
export { DataStore } from '../vault/store.service';
export { DataRequests } from '../vault/data-requests';

export interface OnceOnlyDeps {
  dossiers: DossierService;
  catalog: CatalogService;
  calendar: CalendarService;
  businesses: BusinessDirectory;
}

/**
 * Registers the registry query API and the citizen's vault routes (data tracker, consent). With the dossier
 * service: the once-only parts too — registry prefill of new drafts, the data store (results of issued dossiers,
 * kept documents, reuse in dossiers) and data-subject requests.
 */
export function registerRegistryAndVault(app: App, ctx: AppContext, directory: AgencyDirectory, once?: OnceOnlyDeps): { store: DataStore; requests: DataRequests } | null {
  registerRegistryRoutes(app, ctx);
  registerVaultRoutes(app, ctx, directory);
  if (!once) return null;
  const store = new DataStore(ctx.db, once.dossiers.blobs, new EicarScanner());
  const requests = new DataRequests(ctx.db, once.calendar, once.dossiers);
  // Both run in the dossier's transaction and read through it.
  once.dossiers.useHooks({ prefill: (tx, req) => new RegistryPrefill(tx).prefill(req), resultIssued: (tx, row, version, now) => store.addResult(tx, row, version, now) });
  registerStoreRoutes(app, ctx, { store, requests, dossiers: once.dossiers, catalog: once.catalog, businesses: once.businesses });
  return { store, requests };
}
