import type { DbOrTx } from '../../platform/db/client';
import type { BusinessRow, LoggedRead, PersonRow } from '../registry';

/** What the exchange services reach in other modules (wired in main.ts). */
export interface ExchangePorts {
  /** The population and business registries (the registry module's reads, logged in the subject's access log). */
  registry: {
    readPerson(personalId: string, read: LoggedRead, db: DbOrTx): Promise<PersonRow | null>;
    readBusiness(enterpriseCode: string, read: LoggedRead, db: DbOrTx): Promise<BusinessRow | null>;
  };
  /** The dossier module's public lookup by code (status, national status, history without names); undefined when unknown. */
  dossierStatus(code: string): Promise<unknown | undefined>;
  /** The register of issued results by verification code (the verifier's lookup); undefined when unknown. */
  resultStatus(code: string): Promise<unknown | undefined>;
}
