/**
 * PAdES baseline signing of a prepared PDF: CAdES detached SignedData over the ByteRange (B-B), the signature
 * time-stamp from the TSA (B-T), then the /DSS incremental update with the chain and CRLs (B-LT).
 */
import { appendDss, embedSignature, signedBytes, type PreparedPdf } from '../render/pdf';
import { buildSignedData, sha256, signedAttributes } from './cms';
import { OID } from './oids';
import type { Signer } from './signer';
import type { TimeStampAuthority } from './tsa';

export interface PadesResult {
  /** The signed file with its /DSS update. */
  pdf: Buffer;
  /** The CMS SignedData placed in /Contents. */
  cms: Uint8Array;
}

/** The CMS for a digest of the signed ranges (also usable for any detached content). */
export async function cadesDetached(contentDigest: Uint8Array, signer: Signer, tsa: TimeStampAuthority): Promise<Uint8Array> {
  const chain = signer.chain();
  const signedAttrs = signedAttributes(OID.data, contentDigest, chain[0]);
  const signature = signer.signMessage ? await signer.signMessage(signedAttrs) : await signer.sign(sha256(signedAttrs));
  const timeStampToken = await tsa.timestamp(sha256(signature));
  return buildSignedData({ contentType: OID.data, signerCert: chain[0], certificates: chain.map((c) => c.der), signedAttrs, algorithm: signer.algorithm, signature, timeStampToken });
}

export async function signPades(prepared: PreparedPdf, signer: Signer, tsa: TimeStampAuthority, validation: { certs: Uint8Array[]; crls: Uint8Array[] }): Promise<PadesResult> {
  const cms = await cadesDetached(sha256(signedBytes(prepared)), signer, tsa);
  embedSignature(prepared, cms);
  return { pdf: appendDss(prepared, validation), cms };
}
