/**
 * The personal data vault (kho dữ liệu cá nhân): the access log of registry reads and the citizen's data tracker,
 * consent per purpose, the personal data store and its reuse in dossiers, once-only prefill, data-subject requests.
 * The only public face of the module. It uses other modules only through the ports in vault.ports.ts (wired in
 * main.ts) and the geography and identity modules' public faces.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { CalendarService } from '../../platform/calendar/calendar.service';
import type { AgencyDirectory, CurrentUnits } from '../geography';
import type { BusinessDirectory } from '../identity';
import { DataRequests } from './data-requests';
import { RegistryPrefill } from './prefill';
import { DataStore } from './store.service';
import { StoreReuse } from './store.reuse';
import { registerStoreRoutes } from './store.routes';
import { registerVaultRoutes } from './vault.routes';
import type { Blobs, Scanner, VaultCatalog, VaultDossiers, VaultRegistry } from './vault.ports';

export { recordAccess, accessLogInsert, readLogged, listAccessForPerson, type AccessEntry } from './access-log';
export { hasConsent, verifyConsentChain, recordConsent, publishNotice, seedConsentNotices, currentNotice, CONSENT_PURPOSES, type ConsentPurpose } from './consent.service';
export { DataStore, storeItemView, storeTypesFor, type StoreOwner, type StoreItemView } from './store.service';
export { StoreReuse, type StoreSuggestion } from './store.reuse';
export { DataRequests, DATA_REQUEST_WORKING_DAYS } from './data-requests';
export { RegistryPrefill, type PrefillRequest, type PrefillOutcome, type PrefilledField, type PrefillSkip } from './prefill';
export { vaultErrors, storeErrors, dataRequestErrors } from './vault.errors';
export type * from './vault.ports';

export interface VaultDeps {
  directory: AgencyDirectory;
  units: CurrentUnits;
  calendar: CalendarService;
  businesses: BusinessDirectory;
  registry: VaultRegistry;
  dossiers: VaultDossiers;
  catalog: VaultCatalog;
  blobs: Blobs;
  scanner: Scanner;
}

export interface Vault {
  store: DataStore;
  reuse: StoreReuse;
  requests: DataRequests;
  prefill: RegistryPrefill;
}

/** Builds the vault's services and registers its routes (data tracker, consent, data store, data-subject requests). */
export function registerVault(app: App, ctx: AppContext, deps: VaultDeps): Vault {
  const store = new DataStore(ctx.db, deps.blobs, deps.scanner, deps.directory);
  const reuse = new StoreReuse(store, deps.dossiers, deps.catalog, deps.businesses);
  const requests = new DataRequests(ctx.db, deps.calendar, deps.registry, deps.dossiers);
  const prefill = new RegistryPrefill(ctx.db, deps.registry, deps.units);
  registerVaultRoutes(app, ctx, deps.directory, deps.dossiers);
  registerStoreRoutes(app, ctx, { store, reuse, requests });
  return { store, reuse, requests, prefill };
}
export { vaultProofAudiences, vaultLeafSources } from './vault.tlog';
