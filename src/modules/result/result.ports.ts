/**
 * What the result module needs from other modules (wired in main.ts), and what it gives: the issuing input from
 * the dossier's hook, the signed file for the vault, and the status lookup for the public verifier.
 */
import type { DbOrTx } from '../../platform/db/client';
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
}

export interface ResultPorts {
  agencies: { get(id: string, db?: DbOrTx): Promise<ResultAgency | undefined> };
  units: { placeOf(code: string, db?: DbOrTx): Promise<{ name: string; provinceName: string | null } | null> };
  /** The dossier module's read check (its 404/403 when the caller may not read the dossier). */
  dossiers: { readable(principal: Principal, dossierId: string, db?: DbOrTx): Promise<unknown> };
  /** Content-addressed file store (the dossier module's blob store). */
  blobs: { put(key: string, bytes: Buffer): Promise<void>; get(key: string): Promise<Buffer | null> };
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
  result: { name: Bilingual; documentType: string; validityMonths: number | null };
}

export interface SignedResult {
  row: typeof resultDocuments.$inferSelect;
  /** The signed PDF. */
  bytes: Buffer;
}

/** A result's public status (no personal data), for the verification page. */
export interface IssuedResultStatus {
  code: string;
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
