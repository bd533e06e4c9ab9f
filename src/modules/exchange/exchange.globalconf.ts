/**
 * The global configuration: published by the configuration authority (files in EXCHANGE_DIR/authority, changed by
 * `motcua exchange authority …` while the server runs, served at /exchange/globalconf), and held by every node
 * (fetched, its signature checked against the authority's pinned key, the last good one kept on disk).
 */
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GLOBALCONF_FORMAT, confExpired, confShapeProblem, confSigningInput, supersedes, type ConfKey, type ConfMember, type GlobalConf, type SignedGlobalConf } from '../../shared/exchange';
import { newStoredKey, signBytes, verifyBytes, writeSecret, type StoredKey } from './exchange.keys';

// ─── Authority role ───────────────────────────────────────────────────────────────────────────────────────────────

interface StateKey extends ConfKey {
  /** The version in which this retiring key was first published; the next version drops it. */
  retiringSince?: number;
}
interface StateMember extends Omit<ConfMember, 'keys'> {
  keys: StateKey[];
}
export interface AuthorityState {
  instance: string;
  version: number;
  authority: { id: string; url: string };
  tsa: { name: string; url: string } | null;
  members: StateMember[];
}

export class AuthorityError extends Error {}

export class Authority {
  readonly dir: string;
  constructor(exchangeDir: string) {
    this.dir = path.join(exchangeDir, 'authority');
  }
  private get stateFile() {
    return path.join(this.dir, 'state.json');
  }
  private get keyFile() {
    return path.join(this.dir, 'authority-key.json');
  }
  get confFile() {
    return path.join(this.dir, 'globalconf.json');
  }

  exists(): boolean {
    return fs.existsSync(this.stateFile);
  }

  init(a: { instance: string; id: string; url: string; tsa: { name: string; url: string } | null }): { publicKey: string; created: boolean } {
    if (this.exists()) return { publicKey: this.key().publicKey, created: false };
    const key = newStoredKey();
    writeSecret(this.keyFile, JSON.stringify(key, null, 2));
    this.save({ instance: a.instance, version: 0, authority: { id: a.id, url: a.url }, tsa: a.tsa, members: [] });
    return { publicKey: key.publicKey, created: true };
  }

  key(): StoredKey {
    return JSON.parse(fs.readFileSync(this.keyFile, 'utf8')) as StoredKey;
  }

  state(): AuthorityState {
    if (!this.exists()) throw new AuthorityError(`no configuration authority in ${this.dir} (run motcua exchange init)`);
    return JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as AuthorityState;
  }

  private save(s: AuthorityState): void {
    writeSecret(this.stateFile, JSON.stringify(s, null, 2));
  }

  /** Adds a member's subsystem (from its registration request, `motcua exchange join`) or updates its address, name and services. */
  addMember(m: { id: string; name: string; address: string; keys: ConfKey[]; services: ConfMember['services'] }): void {
    const s = this.state();
    if (!m.id.startsWith(`${s.instance}/`)) throw new AuthorityError(`${m.id} is not in instance ${s.instance}`);
    const old = s.members.find((x) => x.id === m.id);
    if (old) Object.assign(old, { name: m.name, address: m.address, services: m.services, keys: old.keys.length ? old.keys : m.keys });
    else s.members.push({ id: m.id, name: m.name, status: 'active', address: m.address, keys: m.keys.map((k) => ({ id: k.id, publicKey: k.publicKey })), services: m.services });
    this.save(s);
  }

  setStatus(id: string, status: ConfMember['status']): void {
    const s = this.state();
    const m = s.members.find((x) => x.id === id);
    if (!m) throw new AuthorityError(`no member ${id}`);
    m.status = status;
    this.save(s);
  }

  /** A member's new key: listed from the next version; its other keys are marked retiring and dropped one version later. */
  rotateKey(id: string, key: { id: string; publicKey: string }): void {
    const s = this.state();
    const m = s.members.find((x) => x.id === id);
    if (!m) throw new AuthorityError(`no member ${id}`);
    if (m.keys.some((k) => k.id === key.id)) return;
    for (const k of m.keys) k.retiring = true;
    m.keys.push({ id: key.id, publicKey: key.publicKey });
    this.save(s);
  }

  /** Signs and writes the next version (served at /exchange/globalconf). */
  publish(now: Date, validityHours: number): SignedGlobalConf {
    const s = this.state();
    const version = s.version + 1;
    for (const m of s.members) {
      m.keys = m.keys.filter((k) => !(k.retiring && k.retiringSince !== undefined && k.retiringSince < version));
      for (const k of m.keys) if (k.retiring && k.retiringSince === undefined) k.retiringSince = version;
    }
    s.version = version;
    const conf: GlobalConf = {
      format: GLOBALCONF_FORMAT,
      instance: s.instance,
      version,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + validityHours * 3_600_000).toISOString(),
      authority: s.authority,
      tsa: s.tsa,
      members: s.members.map((m) => ({ ...m, keys: m.keys.map((k) => ({ id: k.id, publicKey: k.publicKey, ...(k.retiring ? { retiring: true } : {}) })) })),
    };
    const key = this.key();
    const signed: SignedGlobalConf = { conf, keyId: key.id, signature: signBytes(createPrivateKey(key.privateKey), confSigningInput(conf)) };
    this.save(s);
    fs.writeFileSync(this.confFile, JSON.stringify(signed));
    return signed;
  }

  /** The published configuration, as served; null when none was published. */
  published(): string | null {
    try {
      return fs.readFileSync(this.confFile, 'utf8');
    } catch {
      return null;
    }
  }
}

// ─── Node role ────────────────────────────────────────────────────────────────────────────────────────────────────

export type AcceptResult = { ok: true; changed: boolean } | { ok: false; reason: string };

/** Checks a signed configuration against the authority's key: its signature, shape, instance and version. */
export function checkSignedConf(raw: unknown, authorityKey: string | null, held: GlobalConf | null, now: Date): { ok: true; signed: SignedGlobalConf } | { ok: false; reason: string } {
  const s = raw as SignedGlobalConf | null;
  if (!authorityKey) return { ok: false, reason: 'no authority key pinned (EXCHANGE_AUTHORITY_KEY or EXCHANGE_DIR/authority.pub)' };
  if (!s || typeof s !== 'object' || typeof s.signature !== 'string') return { ok: false, reason: 'not a signed global configuration' };
  const shape = confShapeProblem(s.conf);
  if (shape) return { ok: false, reason: shape };
  if (!verifyBytes(authorityKey, confSigningInput(s.conf), s.signature)) return { ok: false, reason: 'the signature does not verify with the authority key' };
  if (!supersedes(s.conf, held)) return { ok: false, reason: `version ${s.conf.version} of ${s.conf.instance} is older than the one held (${held!.version})` };
  if (confExpired(s.conf, now)) return { ok: false, reason: `expired at ${s.conf.expiresAt}` };
  return { ok: true, signed: s };
}

export class GlobalConfHolder {
  private signed: SignedGlobalConf | null = null;
  /** Why the last fetched configuration was refused (kept for the admin page and the logs). */
  lastRefusal: { at: string; reason: string } | null = null;
  private readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly pinnedKey: string | null,
    private readonly now: () => Date,
  ) {
    this.file = path.join(dir, 'globalconf.json');
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      const r = checkSignedConf(raw, this.authorityKey(), null, new Date(0));
      if (r.ok) this.signed = r.signed;
    } catch {
      // none kept yet
    }
  }

  authorityKey(): string | null {
    if (this.pinnedKey) return this.pinnedKey;
    try {
      return fs.readFileSync(path.join(this.dir, 'authority.pub'), 'utf8').trim() || null;
    } catch {
      return null;
    }
  }

  get conf(): GlobalConf | null {
    return this.signed?.conf ?? null;
  }

  /** Replaces the held configuration with a newer, correctly signed one; anything else is refused and the last good one kept. */
  accept(raw: unknown): AcceptResult {
    const r = checkSignedConf(raw, this.authorityKey(), this.conf, this.now());
    if (!r.ok) {
      this.lastRefusal = { at: this.now().toISOString(), reason: r.reason };
      return r;
    }
    const changed = !this.signed || this.signed.conf.version !== r.signed.conf.version || this.signed.signature !== r.signed.signature;
    this.signed = r.signed;
    if (changed) {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(this.file, JSON.stringify(r.signed));
    }
    return { ok: true, changed };
  }

  /** Fetches from the authority; a failure or a refusal keeps the held configuration. */
  async refresh(url: string, timeoutMs: number): Promise<AcceptResult> {
    try {
      const res = await fetch(`${url}/exchange/globalconf`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) return this.refused(`the authority answered ${res.status}`);
      return this.accept(await res.json());
    } catch (e) {
      return this.refused(`fetch failed: ${(e as Error).message}`);
    }
  }

  private refused(reason: string): AcceptResult {
    this.lastRefusal = { at: this.now().toISOString(), reason };
    return { ok: false, reason };
  }
}
