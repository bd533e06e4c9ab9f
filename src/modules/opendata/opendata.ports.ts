import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';

/** An agency as the open-data catalogue shows it (a CKAN organisation). */
export interface OpendataAgency {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  parentId: string | null;
  createdAt: Date;
  active: boolean;
}

/** What the open-data module needs from the rest of the platform, injected at wiring (main.ts). */
export interface OpendataPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<OpendataAgency | undefined>;
    /** `db`: the caller's transaction, when one is open. */
    all(db?: DbOrTx): Promise<OpendataAgency[]>;
    agenciesFor(principal: Principal, roles: readonly Role[], db?: DbOrTx): Promise<Set<string>>;
  };
  /** Monthly dossier counts per agency, procedure and channel (the dossier module's), for the statistics dataset. */
  dossierCounts?(): Promise<{ agencyId: string; month: string; procedureKey: string; channel: string; received: number; finished: number; onTime: number; late: number }[]>;
}
