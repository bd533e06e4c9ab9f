/**
 * The node's exchange signing keys (Ed25519), kept like the other keys in the data folder: a file with mode 0600,
 * never in the database. Several keys may be kept at once (a rotation in progress): the node signs with the newest
 * key the global configuration lists for it, so a new key is used only once every node can check it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface StoredKey {
  id: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** Raw public key, base64url (JWK x). */
  publicKey: string;
  createdAt: string;
}

export interface KeyPair {
  id: string;
  publicKey: string;
  private: KeyObject;
}

export function newStoredKey(now = new Date()): StoredKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { id: `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: x, createdAt: now.toISOString() };
}

const toPair = (k: StoredKey): KeyPair => ({ id: k.id, publicKey: k.publicKey, private: createPrivateKey(k.privateKey) });

function writeSecret(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The key ring of a node (file `node-keys.json` in EXCHANGE_DIR), reloaded when the file changes (a rotation by the CLI). */
export class NodeKeys {
  private keys: KeyPair[] = [];
  private mtime = -1;
  private checkedAt = 0;
  readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, 'node-keys.json');
  }

  static read(file: string): StoredKey[] {
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: StoredKey[] }).keys : [];
  }

  /** Creates the first key when there is none; returns the stored keys, oldest first. */
  static ensure(dir: string): StoredKey[] {
    const file = path.join(dir, 'node-keys.json');
    const keys = NodeKeys.read(file);
    if (keys.length) return keys;
    const k = [newStoredKey()];
    writeSecret(file, JSON.stringify({ keys: k }, null, 2));
    return k;
  }

  /**
   * `motcua keys rotate-exchange`: adds a new key beside the old ones. The node keeps signing with the old key until
   * a global configuration lists the new one; keys the configuration no longer lists are dropped then (prune).
   */
  static rotate(dir: string): StoredKey {
    const file = path.join(dir, 'node-keys.json');
    const keys = NodeKeys.ensure(dir);
    const k = newStoredKey();
    writeSecret(file, JSON.stringify({ keys: [...keys, k] }, null, 2));
    return k;
  }

  /** Drops keys not in `listed` (once a configuration without them is in force), keeping at least the newest. */
  static prune(dir: string, listed: Set<string>): void {
    const file = path.join(dir, 'node-keys.json');
    const keys = NodeKeys.read(file);
    const keep = keys.filter((k, i) => listed.has(k.id) || i === keys.length - 1);
    if (keep.length < keys.length) writeSecret(file, JSON.stringify({ keys: keep }, null, 2));
  }

  all(force = false): KeyPair[] {
    const now = Date.now();
    if (force || now - this.checkedAt > 1000 || !this.keys.length) {
      this.checkedAt = now;
      const m = fs.existsSync(this.file) ? fs.statSync(this.file).mtimeMs : -1;
      if (m !== this.mtime) {
        this.mtime = m;
        this.keys = NodeKeys.read(this.file).map(toPair);
      }
    }
    return this.keys;
  }

  /** The key to sign with: the newest one the configuration lists and does not retire, else the newest listed, else the newest. */
  signingKey(listed: Array<{ id: string; retiring?: boolean }>): KeyPair | null {
    let keys = this.all();
    // The configuration lists a key this process has not loaded yet: the file was just rotated.
    if (listed.some((l) => !keys.some((k) => k.id === l.id))) keys = this.all(Date.now() - this.checkedAt > 50);
    if (!keys.length) return null;
    const byId = new Map(listed.map((k) => [k.id, k]));
    for (let i = keys.length - 1; i >= 0; i--) if (byId.has(keys[i].id) && !byId.get(keys[i].id)!.retiring) return keys[i];
    for (let i = keys.length - 1; i >= 0; i--) if (byId.has(keys[i].id)) return keys[i];
    return keys[keys.length - 1];
  }
}

// ─── Ed25519 over node:crypto (fast); public keys cached as KeyObjects ───────────────────────────────────────────

const publicKeys = new Map<string, KeyObject>();
function publicKeyObject(x: string): KeyObject {
  let k = publicKeys.get(x);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(x, k);
  }
  return k;
}

export const signBytes = (key: KeyObject, data: Uint8Array): string => sign(null, data, key).toString('base64');

export function verifyBytes(publicKey: string, data: Uint8Array, signature: string): boolean {
  try {
    return verify(null, data, publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export { writeSecret };
