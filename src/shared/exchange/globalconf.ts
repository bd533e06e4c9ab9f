/**
 * The global configuration (cấu hình toàn cục) of an exchange instance: who the members are, where their nodes
 * answer, the public keys their requests are signed with, the services each offers and the trusted time-stamp
 * authority. Published and signed by the configuration authority; every node verifies it against the authority's
 * pinned key and keeps the last good one.
 */
export const GLOBALCONF_FORMAT = 'motcua-globalconf/1';

export type MemberStatus = 'active' | 'suspended' | 'revoked';

export interface ConfKey {
  /** Short id sent with each signature (`X-MotCua-Key`). */
  id: string;
  /** Ed25519 public key, raw 32 bytes in base64url (the JWK `x`). */
  publicKey: string;
  /**
   * A key being replaced (motcua keys rotate-exchange): still accepted in this version, dropped from the next one
   * the authority publishes. Its node signs with its other key as soon as it sees this version.
   */
  retiring?: boolean;
}

export interface ConfService {
  code: string;
  title: { vi: string; en: string };
  /** Touches personal data: requests need a purpose and a case, and the data subject is recorded. */
  personalData: boolean;
}

export interface ConfMember {
  /** The subsystem id `{instance}/{class}/{memberCode}/{subsystem}` (one MotCua node). */
  id: string;
  name: string;
  status: MemberStatus;
  /** Base URL of the node, e.g. https://motcua.haiphong.gov.vn (requests go to `{address}/r1/…`). */
  address: string;
  keys: ConfKey[];
  services: ConfService[];
}

export interface GlobalConf {
  format: typeof GLOBALCONF_FORMAT;
  instance: string;
  version: number;
  issuedAt: string;
  /** After this time a node refuses to serve or call with this configuration (it must fetch a newer one). */
  expiresAt: string;
  authority: { id: string; url: string };
  tsa: { name: string; url: string } | null;
  members: ConfMember[];
}

/** What the authority publishes and nodes fetch: the configuration and the authority's signature over its canonical JSON. */
export interface SignedGlobalConf {
  conf: GlobalConf;
  keyId: string;
  signature: string;
}

/** Shape check of a fetched configuration (before its signature is checked); the problem, or null. */
export function confShapeProblem(v: unknown): string | null {
  const c = v as Partial<GlobalConf> | null;
  if (!c || typeof c !== 'object') return 'not an object';
  if (c.format !== GLOBALCONF_FORMAT) return `format is not ${GLOBALCONF_FORMAT}`;
  if (!Number.isInteger(c.version) || (c.version as number) < 1) return 'version is not a positive integer';
  if (typeof c.instance !== 'string' || typeof c.issuedAt !== 'string' || typeof c.expiresAt !== 'string') return 'instance, issuedAt or expiresAt missing';
  if (!Array.isArray(c.members)) return 'members is not a list';
  for (const m of c.members) {
    if (!m || typeof m.id !== 'string' || typeof m.address !== 'string' || !Array.isArray(m.keys) || !Array.isArray(m.services)) return 'a member is malformed';
    if (!['active', 'suspended', 'revoked'].includes(m.status)) return `member ${m.id} has an unknown status`;
  }
  return null;
}

export const confExpired = (c: GlobalConf, now: Date): boolean => now.getTime() >= Date.parse(c.expiresAt);

export const memberOf = (c: GlobalConf, id: string): ConfMember | undefined => c.members.find((m) => m.id === id);

/** Whether a fetched configuration may replace the one held: same instance, and not older. */
export function supersedes(next: GlobalConf, held: GlobalConf | null): boolean {
  if (!held) return true;
  return next.instance === held.instance && next.version >= held.version;
}
