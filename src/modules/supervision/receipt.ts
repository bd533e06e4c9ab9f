/**
 * Receipts (biên nhận) of deliveries: the receipt's canonical JSON (sorted keys, no spaces) signed with the
 * installation's Ed25519 receipt key, kept in a file (mode 0600, created on first use, never in the database).
 *
 * Why not the result module's signer: it signs PDFs (PAdES B-LT with a time-stamp), one rendering, one TSA call and a
 * certificate chain per signature — too heavy and too fragile for machine-to-machine intake, where a failing TSA
 * would refuse a report. A JSON receipt signed with Ed25519 is checked offline by the entity's own system with the
 * public key published at /api/public/supervision/receipt-key (`verifyReceipt` below, or any Ed25519 library).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/canonical';

export class ReceiptSigner {
  private key: { priv: KeyObject; pubPem: string; keyId: string } | null = null;
  constructor(private readonly file: string) {}

  private load() {
    if (this.key) return this.key;
    let pem: string;
    if (fs.existsSync(this.file)) pem = fs.readFileSync(this.file, 'utf8');
    else {
      pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      try {
        fs.writeFileSync(this.file, pem, { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        pem = fs.readFileSync(this.file, 'utf8');
      }
    }
    const priv = createPrivateKey(pem);
    const pubPem = createPublicKey(priv).export({ type: 'spki', format: 'pem' }).toString();
    const keyId = createHash('sha256').update(createPublicKey(priv).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
    this.key = { priv, pubPem, keyId };
    return this.key;
  }

  get keyId(): string {
    return this.load().keyId;
  }
  get publicKeyPem(): string {
    return this.load().pubPem;
  }
  sign(receipt: Record<string, unknown>): string {
    return sign(null, Buffer.from(canonicalJson(receipt)), this.load().priv).toString('base64url');
  }
}

/** Checks a receipt against its signature and the published public key (PEM), offline. */
export function verifyReceipt(receipt: Record<string, unknown>, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(receipt)), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
