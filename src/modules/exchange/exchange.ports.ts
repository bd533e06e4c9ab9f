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
  /**
   * A regulated enterprise's report delivered through the gateway (the supervision module's delivery: validated,
   * receipted, checked by its rules): the answer to send, the module's refusal as `{ error, detail }` with its status.
   */
  supervisionDelivery(input: { obligationId: string; enterpriseCode: string; period: string; content: unknown; xRoadId: string }, at: Date): Promise<{ status: number; body: unknown }>;
  /** The register of issued results by verification code (the verifier's lookup); undefined when unknown. */
  resultStatus(code: string): Promise<unknown | undefined>;
}
