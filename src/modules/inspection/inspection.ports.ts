import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import type { MeetingBody } from '../../shared/meeting/api';

/** What the inspection module needs from others, wired by src/main.ts. */
export interface InspectionPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<{ id: string; name: string; parentId: string | null } | undefined>;
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  people: { displayNamesOf(ids: readonly string[], db?: DbOrTx): Promise<Map<string, string>> };
  /** The business registry. */
  businesses: {
    findByCode(enterpriseCode: string, db?: DbOrTx): Promise<{ enterpriseCode: string; name: string; legalRepresentativePersonalId: string; status: string } | null>;
    findByLegalRepresentative(personalId: string): Promise<Array<{ enterpriseCode: string }>>;
  };
  /** The meeting module: the remote session. */
  meetings: {
    create(tx: Tx, actor: Actor, createdBy: string, body: MeetingBody & { purpose: 'inspection' }, names: Map<string, string>, now: Date): Promise<{ id: string }>;
  };
  results: {
    signPdf(input: { pdf: Uint8Array; agencyId: string; reason: string }, now: Date, db?: DbOrTx): Promise<Buffer>;
    countersignPdf(input: { pdf: Uint8Array; person: { id: string; name: string }; reason: string; location: string }, now: Date): Promise<Buffer>;
    textPdf(input: { agency: { name: string; parentName: string | null }; title: string; subtitle?: string; sections: Array<{ heading?: string; lines: string[] }>; signatures: string[]; subject: string; demo: boolean }, at: Date): Buffer;
  };
}
