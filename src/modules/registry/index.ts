/**
 * Base registries (cơ sở dữ liệu quốc gia): the population and business registries MotCua keeps or mirrors, their
 * query API, and the directories the identity module asks. Every read is checked and logged in the vault's access
 * log. The only public face of the module.
 */
export {
  RegistryService,
  personView,
  REGISTRY_PURPOSES,
  REGISTRY_READER_ROLES,
  PERSON_FIELDS,
  SENSITIVE_PERSON_FIELDS,
  type BusinessRow,
  type BusinessView,
  type Caller,
  type LoggedRead,
  type PersonRow,
  type PersonView,
  type RegistryPurpose,
} from './registry.service';
export { RegistryCitizenDirectory, RegistryBusinessDirectory } from './registry.directory';
export { seedRegistry, seedDemoRegistry, DEMO_PEOPLE, DEMO_BUSINESS_COUNT, type SeedRegistryOptions } from './registry.seed';
export { registerRegistryRoutes } from './registry.routes';
export { registryErrors } from './registry.errors';
