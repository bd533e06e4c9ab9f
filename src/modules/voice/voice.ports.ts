/** What the voice module needs from the others, wired in src/main.ts. */
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Calendar } from '../../shared/calendar';
import type { Role } from '../../shared/auth/roles';
import type { AssistantProcedure } from '../../shared/assistant';

/** A dossier as the ratings and the petition routing see it. */
export interface VoiceDossier {
  id: string;
  code: string | null;
  state: string;
  agencyId: string;
  procedureKey: string;
  procedureName: string;
  assigneeId: string | null;
}

export interface VoicePorts {
  dossiers: {
    /** The dossier if the caller may read it (the dossier module's 404/403 otherwise), and whether she is its applicant. */
    readable(principal: Principal, id: string, db: DbOrTx): Promise<{ dossier: VoiceDossier; applicant: boolean }>;
    byCode(code: string, db: DbOrTx): Promise<VoiceDossier | undefined>;
  };
  agencies: {
    get(id: string, db?: DbOrTx): Promise<{ id: string; name: string; parentId: string | null } | undefined>;
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  /** Officers' display names (for the per-officer aggregates). */
  people: { displayNamesOf(ids: readonly string[]): Promise<Map<string, string>> };
  calendar(db?: DbOrTx): Promise<Calendar>;
  /** Where petition attachments are kept (content-addressed), and the malware scan they pass first. */
  blobs: { put(key: string, bytes: Buffer): Promise<void>; get(key: string): Promise<Buffer | null> };
  scanner: { scan(bytes: Buffer): Promise<{ clean: true } | { clean: false; signature: string }> };
  /** The published procedures the assistant answers from. */
  publishedProcedures(): Promise<AssistantProcedure[]>;
}
