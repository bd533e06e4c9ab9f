/** Base registries (population, business): the purposes a read states. */

/** Why an agency reads a registry; every read states one (Law 91/2025: processing only for a stated purpose). */
export const REGISTRY_PURPOSES = ['dossier_processing', 'prefill', 'verification', 'inspection'] as const;
export type RegistryPurpose = (typeof REGISTRY_PURPOSES)[number];
