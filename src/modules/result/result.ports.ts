/**
 * What the result module needs from other modules (wired in main.ts), and what it gives: the issuing input from
 * the dossier's hook, the signed file for the vault, and the status lookup for the public verifier.
 */
import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Role } from '../../shared/auth/roles';
import type { Principal } from '../../platform/auth/policy';
import type { Bilingual } from '../../platform/http/errors';
import type { resultDocuments } from './result.schema';

/** An agency as the result module uses it (geography's AgencyDirectory). */
export interface ResultAgency {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  adminUnitCode: string;
  /** Its one-stop unit (bộ phận một cửa), named in the signature of the forms it signs. */
  oneStopUnit?: string;
}

export interface ResultPorts {
  agencies: {
    get(id: string, db?: DbOrTx): Promise<ResultAgency | undefined>;
    /** The first of these roles the principal holds over the agency (its grants, sub-agencies included), or null. */
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  units: { placeOf(code: string, db?: DbOrTx): Promise<{ name: string; provinceName: string | null } | null> };
  /** The dossier module's read check (its 404/403 when the caller may not read the dossier). */
  dossiers: {
    readable(principal: Principal, dossierId: string, db?: DbOrTx): Promise<unknown>;
    /** The issuing input of the dossier's result, as its issue-result action builds it (for a replacement). */
    issueInput(principal: Principal, dossierId: string, tx: Tx): Promise<IssueInput>;
    /** For a certified copy: the issuing input and the dossier's state, read in the transaction. */
    copyTarget?(principal: Principal, dossierId: string, tx: Tx): Promise<{ input: IssueInput; state: string; agencyCode: string }>;
  };
  /** Display names of officers (the certifying officer on a certified copy). */
  people?: { displayNameOf(accountId: string, db?: DbOrTx): Promise<string | null> };
  /** A certified copy was issued: into the subject's data store, in the same transaction. */
  copyIssued?(tx: Tx, copy: { input: IssueInput; agencyCode: string; file: { bytes: Buffer; sha256: string; fileName: string } }, now: Date): Promise<void>;
  /** Content-addressed file store (the dossier module's blob store). */
  blobs: { put(key: string, bytes: Buffer): Promise<void>; get(key: string): Promise<Buffer | null> };
  /** Told in the transaction that revokes or replaces a result (the subject's data store shows the status). */
  statusChanged?(tx: Tx, change: ResultStatusChange, now: Date): Promise<void>;
}

/** A result's status changed in the register; for a replacement, the new signed result comes along. */
export interface ResultStatusChange {
  dossierId: string;
  /** SHA-256 (hex) of the signed file whose status changed. */
  sha256: string;
  status: 'revoked' | 'replaced';
  /** The verification code of the replacing result. */
  replacedBy: string | null;
  replacement?: { input: IssueInput; agencyCode: string; file: { bytes: Buffer; sha256: string; fileName: string } };
}

/** What the dossier's issue-result action hands over. */
export interface IssueInput {
  dossierId: string;
  code: string | null;
  agencyId: string;
  procedureName: string;
  subject: { type: 'citizen' | 'business'; id: string; name: string };
  /** The dossier's e-form data and its field labels (vi). */
  data: Record<string, unknown>;
  labels: Record<string, string>;
  result: { name: Bilingual; documentType: string; validityMonths: number | null; template?: { title?: string; symbol?: string; fields: Array<{ label: string; bind: string }> } };
}

export interface SignedResult {
  row: typeof resultDocuments.$inferSelect;
  /** The signed PDF. */
  bytes: Buffer;
}

/** A result's public status (no personal data), for the verification page. */
export interface IssuedResultStatus {
  code: string;
  /** A result of a procedure, or an electronic certified copy from an original. */
  kind?: 'result' | 'certified_copy';
  documentType: string;
  title: string;
  issuer: string;
  number: string | null;
  /** ISO 8601. */
  issuedAt: string;
  sha256: string;
  status: 'valid' | 'revoked' | 'replaced';
  replacedBy: string | null;
  reason: string | null;
}

/** The verifier's lookup (the lead wires it into the verification module). */
export interface ResultLookup {
  byHash(sha256Hex: string): Promise<IssuedResultStatus | undefined>;
  byCode(code: string): Promise<IssuedResultStatus | undefined>;
}
