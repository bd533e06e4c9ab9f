import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { AgencyDirectory } from '../geography/agency.directory';
import { registerVaultRoutes } from '../vault/vault.routes';
import { registerRegistryRoutes } from './registry.routes';

export { RegistryService, REGISTRY_PURPOSES, REGISTRY_READER_ROLES, PERSON_FIELDS, SENSITIVE_PERSON_FIELDS } from './registry.service';
export { RegistryCitizenDirectory, RegistryBusinessDirectory } from './registry.directory';
export { seedRegistry, seedDemoRegistry } from './registry.seed';
export { hasConsent, verifyConsentChain, recordConsent, publishNotice, seedConsentNotices, CONSENT_PURPOSES } from '../vault/consent.service';
export { recordAccess, accessLogInsert, type AccessEntry } from '../vault/access-log';

/** Registers the registry query API and the citizen's vault routes (data tracker, consent). */
export function registerRegistryAndVault(app: App, ctx: AppContext, directory: AgencyDirectory): void {
  registerRegistryRoutes(app, ctx);
  registerVaultRoutes(app, ctx, directory);
}
