/**
 * What a log leaf says. Every leaf is the canonical JSON (RFC 8785) of
 *   { kind, v: 1, …public fields…, commit }
 * where `commit` = hex SHA-256(salt ‖ JCS(private value)). Public fields carry no personal data (when, which agency,
 * which action or purpose, which fields were read); the private value (who, about whom, which dossier) is only
 * committed to. Opening a commitment needs its salt, which the agency keeps beside the leaf and hands to the data
 * subject in her proof bundle, so only the two of them can recompute it. Each leaf has its own random 32-byte salt,
 * so two leaves about the same person cannot be linked by anyone else.
 *
 * Audit records need no salt: their private value is the record itself, whose random UUID already makes it
 * unguessable, and its commitment is the record's `entry_hash`.
 */
import { concat, fromBase64, toHex, utf8 } from './bytes';
import { canonicalize } from './canonical';
import { sha256 } from './hash';

export const LEAF_VERSION = 1;
export const LEAF_KINDS = ['audit', 'data_access', 'consent', 'result'] as const;
export type LeafKind = (typeof LEAF_KINDS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export const commitmentOf = (salt: Uint8Array, value: unknown): string => toHex(sha256(concat(salt, utf8(canonicalize(value)))));
export const digestHex = (value: unknown): string => toHex(sha256(utf8(canonicalize(value))));

/** The leaf data (canonical JSON text) of a record: its public fields and the commitment to its private value. */
export function leafData(kind: string, fields: Record<string, JsonValue>, priv: unknown, salt: Uint8Array): string {
  if ('kind' in fields || 'v' in fields || 'commit' in fields) throw new Error('kind, v and commit are reserved leaf fields');
  return canonicalize({ ...fields, kind, v: LEAF_VERSION, commit: commitmentOf(salt, priv) });
}

// ─── The record kinds logged today (a trigger writes the first three in SQL; these are the same in TypeScript) ───

/** An audit record: the fields of its entry hash (`src/platform/audit/audit.service.ts`). */
export interface AuditEntryContent {
  id: string;
  at: string;
  actorId: string | null;
  actorKind: string;
  actorRole: string | null;
  agencyId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
}
export const auditLeaf = (e: AuditEntryContent) => ({
  fields: { at: e.at, action: e.action, targetType: e.targetType },
  private: e,
});

/** A read of a person's or business's data (the citizen's data tracker). */
export interface AccessRecord {
  seq: number;
  at: string;
  subjectType: string;
  subjectId: string;
  source: string;
  operation: string;
  accountId: string | null;
  accountKind: string;
  agencyId: string | null;
  client: string;
  purpose: string;
  dossierId: string | null;
  fields: string[];
  sensitive: boolean;
  requestId: string | null;
}
export const accessLeaf = (r: AccessRecord) => ({
  fields: { at: r.at, source: r.source, operation: r.operation, accountKind: r.accountKind, agencyId: r.agencyId, client: r.client, purpose: r.purpose, fields: [...r.fields], sensitive: r.sensitive },
  private: { seq: r.seq, subjectType: r.subjectType, subjectId: r.subjectId, accountId: r.accountId, dossierId: r.dossierId, requestId: r.requestId },
});

/** A consent decision (one link of the citizen's consent chain). */
export interface ConsentRecordContent {
  id: string;
  personalId: string;
  seq: number;
  purpose: string;
  noticeVersion: number;
  noticeDigest: string;
  given: boolean;
  at: string;
  accountId: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}
export const consentLeaf = (r: ConsentRecordContent) => ({
  fields: { at: r.at, purpose: r.purpose, noticeVersion: r.noticeVersion, noticeDigest: r.noticeDigest, given: r.given },
  private: { id: r.id, personalId: r.personalId, seq: r.seq, accountId: r.accountId, requestId: r.requestId, prevHash: r.prevHash, hash: r.hash },
});

/** Decodes the salt a bundle discloses (base64; empty for audit records). */
export const saltFrom = (b64: string | null | undefined): Uint8Array => (b64 ? fromBase64(b64) : new Uint8Array(0));
