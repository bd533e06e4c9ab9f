/**
 * CMS SignedData (RFC 5652) in the CAdES form PAdES baseline signatures need (ETSI EN 319 122-1 / 319 142-1):
 * signed attributes content-type, message-digest and signing-certificate-v2 (RFC 5035), NO signing-time (the claimed
 * time is the PDF signature dictionary's /M), and the RFC 3161 signature time-stamp as the unsigned attribute
 * id-aa-signatureTimeStampToken over the signature value (B-T). The same builder makes the TSA's tokens.
 */
import { createHash } from 'node:crypto';
import { explicit, int, octets, oid, seq, setOf, tlv, nul } from '../../../shared/pki/der';
import { OID } from './oids';
import type { CertRef } from './x509';

export const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const algSha256 = () => seq(oid(OID.sha256), nul());
const attribute = (type: string, ...values: Uint8Array[]) => seq(oid(type), setOf(...values));

/** ESSCertIDv2 with the default hash (SHA-256, so the algorithm is omitted) and the issuer and serial number. */
function essCertIdV2(cert: CertRef): Uint8Array {
  return seq(octets(cert.sha256), seq(seq(tlv(0xa4, cert.issuer)), int(cert.serial)));
}

/** The signature algorithm of a signer (as in SignerInfo.signatureAlgorithm). */
export type SignatureAlgorithm = 'ecdsa-sha256' | 'rsa-sha256';
const signatureAlgId = (a: SignatureAlgorithm) => (a === 'ecdsa-sha256' ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.rsaEncryption), nul()));

/** The signed attributes as a DER SET (what is hashed and signed). */
export function signedAttributes(contentType: string, contentDigest: Uint8Array, cert: CertRef): Uint8Array {
  return setOf(attribute(OID.contentType, oid(contentType)), attribute(OID.messageDigest, octets(contentDigest)), attribute(OID.signingCertificateV2, seq(seq(essCertIdV2(cert)))));
}

export interface SignedDataParts {
  /** id-data for a detached PDF signature, id-ct-TSTInfo for a time-stamp token. */
  contentType: string;
  /** Encapsulated content (a TSTInfo); absent for a detached signature. */
  content?: Uint8Array;
  signerCert: CertRef;
  /** Certificates to carry (the signer's first). */
  certificates: Uint8Array[];
  signedAttrs: Uint8Array;
  algorithm: SignatureAlgorithm;
  signature: Uint8Array;
  /** The RFC 3161 token over the signature value (unsigned attribute). */
  timeStampToken?: Uint8Array;
}

/** A ContentInfo holding the SignedData. */
export function buildSignedData(p: SignedDataParts): Uint8Array {
  const signedAttrsImplicit = new Uint8Array(p.signedAttrs);
  signedAttrsImplicit[0] = 0xa0;
  const unsigned = p.timeStampToken ? [tlv(0xa1, attribute(OID.signatureTimeStampToken, p.timeStampToken))] : [];
  const signerInfo = seq(int(1), seq(p.signerCert.issuer, int(p.signerCert.serial)), algSha256(), signedAttrsImplicit, signatureAlgId(p.algorithm), octets(p.signature), ...unsigned);
  const encap = p.content ? seq(oid(p.contentType), explicit(0, octets(p.content))) : seq(oid(p.contentType));
  const version = p.contentType === OID.data ? 1 : 3;
  const signedData = seq(int(version), setOf(algSha256()), encap, tlv(0xa0, ...p.certificates), setOf(signerInfo));
  return seq(oid(OID.signedData), explicit(0, signedData));
}
