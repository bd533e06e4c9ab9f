/**
 * Who signs: a `Signer` produces a signature over a SHA-256 digest with a key it holds, and names its certificate
 * chain. The PKCS#12 implementation holds the key in memory (demo, small deployments).
 *
 * The seam for production keys: implement `Signer` over
 * - a PKCS#11 token or HSM: `sign(digest)` calls C_Sign with CKM_ECDSA (the digest as input) or CKM_RSA_PKCS (the
 *   DER DigestInfo of the digest as input); `chain()` returns the certificate objects stored with the key;
 * - a remote-signing service (ký số từ xa, Decree 23/2025/NĐ-CP): `sign(digest)` sends the digest with the signer's
 *   authorisation and waits for the signature value; `chain()` returns the certificates the service published.
 * Only the digest ever leaves the platform; the signature value is placed in the CMS structure as is.
 */
import { constants, privateEncrypt, sign as nodeSign, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '../../../shared/pki/der';
import type { SignatureAlgorithm } from './cms';
import { readPkcs12 } from './pkcs12';
import { certRef, type CertRef } from './x509';

export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  /** The signing certificate first, then the intermediates (and the root, if given). */
  chain(): CertRef[];
  /** The signature value (DER ECDSA-Sig-Value or PKCS#1 v1.5 block) over a SHA-256 digest. */
  sign(digest: Uint8Array): Promise<Uint8Array>;
  /**
   * Optional: the same signature over the message itself (hashed with SHA-256 by the signer). A key held in memory
   * signs this way with OpenSSL (native ECDSA, about 30 times faster than signing a digest in JavaScript); tokens
   * and remote services only implement `sign(digest)`.
   */
  signMessage?(message: Uint8Array): Promise<Uint8Array>;
}

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]);

/** A signer over an in-memory private key (ECDSA P-256 or RSA). */
export class KeySigner implements Signer {
  readonly algorithm: SignatureAlgorithm;
  private readonly ecScalar: Uint8Array | null;
  private readonly refs: CertRef[];
  constructor(
    private readonly key: KeyObject,
    chain: Uint8Array[],
  ) {
    this.refs = chain.map((c) => certRef(c));
    if (key.asymmetricKeyType === 'ec') {
      const jwk = key.export({ format: 'jwk' });
      if (jwk.crv !== 'P-256' || !jwk.d) throw new Error('only P-256 EC keys are supported');
      this.ecScalar = new Uint8Array(Buffer.from(jwk.d, 'base64url'));
      this.algorithm = 'ecdsa-sha256';
    } else if (key.asymmetricKeyType === 'rsa') {
      this.ecScalar = null;
      this.algorithm = 'rsa-sha256';
    } else throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
  }
  chain(): CertRef[] {
    return this.refs;
  }
  async signMessage(message: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(nodeSign('sha256', message, this.key));
  }
  async sign(digest: Uint8Array): Promise<Uint8Array> {
    if (digest.length !== 32) throw new Error('a SHA-256 digest is expected');
    if (this.ecScalar) return p256.sign(digest, this.ecScalar, { prehash: false, format: 'der' });
    return new Uint8Array(privateEncrypt({ key: this.key, padding: constants.RSA_PKCS1_PADDING }, concatBytes([SHA256_DIGEST_INFO, digest])));
  }
}

/** A signer from a PKCS#12 file (`.p12`/`.pfx`) and its password. */
export function pkcs12Signer(file: Uint8Array, password: string): KeySigner {
  const { key, chain } = readPkcs12(file, password);
  return new KeySigner(key, chain);
}
