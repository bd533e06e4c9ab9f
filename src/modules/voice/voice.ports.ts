/** What the voice module needs from the others, wired in src/main.ts. */
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Calendar } from '../../shared/calendar';
import type { Role } from '../../shared/auth/roles';
import type { AssistantProcedure } from '../../shared/assistant';
import type { EFormDefinition } from '../../shared/eform/eform.types';

/** A procedure version as the officers' assistant reads it. */
export interface OfficerProcedure {
  key: string;
  name: { vi: string; en: string };
  legalBases: string[];
  feeBases: string[];
  eform: EFormDefinition;
}

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
  /** For the officers' assistant: a dossier as its officer sees it (the dossier module's 404/403 otherwise). */
  officerDossier(principal: Principal, id: string): Promise<{ id: string; code: string | null; state: string; procedureKey: string; versionId: string; availableActions: string[] }>;
  /** A procedure version (by id) or the current published one (by key), with what the officers' assistant explains. */
  procedureVersion(ref: { versionId: string } | { key: string }): Promise<OfficerProcedure | null>;
  /** The published procedures the assistant answers from. */
  publishedProcedures(): Promise<AssistantProcedure[]>;
}
