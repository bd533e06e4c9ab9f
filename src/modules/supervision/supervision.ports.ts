/** What the supervision module needs from the others, wired in src/main.ts. */
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import type { Calendar } from '../../shared/calendar';

export interface SupervisedBusiness {
  enterpriseCode: string;
  name: string;
  status: 'active' | 'suspended' | 'dissolved';
  legalRepresentativePersonalId: string;
}

export interface SupervisionPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<{ id: string; name: string } | undefined>;
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  businesses: {
    /** The business registry's record (`db`: the caller's transaction). */
    find(enterpriseCode: string, db?: DbOrTx): Promise<SupervisedBusiness | null>;
    /** Active enterprises of a class of the business registry (main business line prefix, commune code prefix). */
    inClass(cls: { businessLine?: string | null; communePrefix?: string | null }, db?: DbOrTx): Promise<Array<{ enterpriseCode: string; name: string }>>;
  };
  /** Whether the signed-in person may act for the enterprise (its legal representative, or a member allowed to file). */
  mayActFor(db: DbOrTx, principal: Principal, enterpriseCode: string): Promise<boolean>;
  people: {
    citizenAccountOf(personalId: string): Promise<string | null>;
    holdersOf(roles: readonly Role[], agencyId: string): Promise<string[]>;
  };
  calendar(db?: DbOrTx): Promise<Calendar>;
}
