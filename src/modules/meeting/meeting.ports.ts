import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';

/** What the meeting module needs from others, wired by src/main.ts. */
export interface MeetingPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<{ id: string; name: string; parentId: string | null } | undefined>;
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  people: {
    displayNamesOf(ids: readonly string[], db?: DbOrTx): Promise<Map<string, string>>;
    /** The active officers holding one of the roles in the agency (or above it, with its sub-agencies). */
    holdersOf(roles: readonly Role[], agencyId: string): Promise<string[]>;
  };
  /** The result module's signing and one-page PDFs. */
  results: {
    signPdf(input: { pdf: Uint8Array; agencyId: string; reason: string }, now: Date, db?: DbOrTx): Promise<Buffer>;
    textPdf(input: { agency: { name: string; parentName: string | null }; title: string; subtitle?: string; sections: Array<{ heading?: string; lines: string[] }>; signatures: string[]; subject: string; demo: boolean }, at: Date): Buffer;
  };
}
