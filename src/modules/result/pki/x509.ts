/**
 * X.509 certificates and CRLs (RFC 5280) built with the DER writer and signed with node:crypto keys (ECDSA P-256 or
 * RSA), for the demo trust setup; and the few fields of a certificate that CMS needs (issuer, serial number).
 */
import { createHash, randomBytes, sign as nodeSign, X509Certificate, type KeyObject } from 'node:crypto';
import { at, bitString, bool, children, decode, explicit, ia5, implicitPrimitive, int, nul, octets, oid, printable, seq, setOf, time, utf8, type Bytes } from '../../../shared/pki/der';
import { OID } from './oids';

export interface NameAttrs {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  /** The agency's electronic identifier (mã định danh), as organizationIdentifier (2.5.4.97). */
  organizationIdentifier?: string;
  locality?: string;
  country?: string;
}

/** A distinguished name, in the order C, O, OU, L, organizationIdentifier, CN. */
export function encodeName(n: NameAttrs): Uint8Array {
  const rdn = (type: string, value: Uint8Array) => setOf(seq(oid(type), value));
  const parts: Uint8Array[] = [];
  if (n.country) parts.push(rdn(OID.country, printable(n.country)));
  if (n.organization) parts.push(rdn(OID.organization, utf8(n.organization)));
  if (n.organizationalUnit) parts.push(rdn(OID.organizationalUnit, utf8(n.organizationalUnit)));
  if (n.locality) parts.push(rdn(OID.locality, utf8(n.locality)));
  if (n.organizationIdentifier) parts.push(rdn(OID.organizationIdentifier, utf8(n.organizationIdentifier)));
  parts.push(rdn(OID.commonName, utf8(n.commonName)));
  return seq(...parts);
}

/** The signature AlgorithmIdentifier for a key (ecdsa-with-SHA256, or sha256WithRSAEncryption). */
export function signatureAlgorithm(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType === 'ec') return seq(oid(OID.ecdsaWithSha256));
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OID.sha256WithRsa), nul());
  throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
}

/** Signs DER bytes with SHA-256 (ECDSA signatures in their DER form). */
export const signDer = (key: KeyObject, tbs: Bytes) => new Uint8Array(nodeSign('sha256', tbs, key));

const spkiOf = (pub: KeyObject) => new Uint8Array(pub.export({ type: 'spki', format: 'der' }));
/** Key identifier: SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1). */
export function keyIdOf(pub: KeyObject): Uint8Array {
  const spki = decode(spkiOf(pub));
  const bits = children(spki)[1].content.subarray(1);
  return new Uint8Array(createHash('sha1').update(bits).digest());
}

export type KeyUsage = 'digitalSignature' | 'nonRepudiation' | 'keyCertSign' | 'cRLSign';
const KU_BITS: Record<KeyUsage, number> = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 };

function keyUsageExt(usages: KeyUsage[]): Uint8Array {
  let v = 0;
  for (const u of usages) v |= 0x80 >> KU_BITS[u];
  let unused = 0;
  while (unused < 7 && !(v & (1 << unused))) unused++;
  return bitString(Uint8Array.of(v), unused);
}

const ext = (id: string, critical: boolean, value: Uint8Array) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface CertificateSpec {
  subject: NameAttrs;
  /** The subject's public key. */
  subjectKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed root). */
  signingKey: KeyObject;
  /** The issuer; absent for a self-signed root. */
  issuer?: { name: NameAttrs; publicKey: KeyObject };
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  keyUsage: KeyUsage[];
  /** Extended key usages (critical), e.g. timeStamping for a TSA. */
  extKeyUsage?: string[];
  /** A policy statement (certificatePolicies with a user notice), e.g. the DEMO warning. */
  policyNote?: string;
}

const aki = (pub: KeyObject) => seq(implicitPrimitive(0, keyIdOf(pub)));

/** Builds and signs a v3 certificate; returns its DER. */
export function buildCertificate(spec: CertificateSpec): Uint8Array {
  if (spec.subjectKey.type !== 'public') throw new Error('subjectKey must be a public key');
  const issuerName = spec.issuer?.name ?? spec.subject;
  const issuerPub = spec.issuer?.publicKey ?? spec.subjectKey;
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x10;
  const exts = [
    ext(OID.basicConstraints, true, spec.ca ? seq(bool(true)) : seq()),
    ext(OID.keyUsage, true, keyUsageExt(spec.keyUsage)),
    ext(OID.subjectKeyIdentifier, false, octets(keyIdOf(spec.subjectKey))),
    ext(OID.authorityKeyIdentifier, false, aki(issuerPub)),
  ];
  if (spec.extKeyUsage) exts.push(ext(OID.extKeyUsage, true, seq(...spec.extKeyUsage.map((u) => oid(u)))));
  if (spec.policyNote) {
    // anyPolicy with a user notice (explicitText as UTF8String).
    exts.push(ext(OID.certificatePolicies, false, seq(seq(oid('2.5.29.32.0'), seq(seq(oid('1.3.6.1.5.5.7.2.2'), seq(utf8(spec.policyNote))))))));
  }
  const alg = signatureAlgorithm(spec.signingKey);
  const tbs = seq(explicit(0, int(2)), int(serial), alg, encodeName(issuerName), seq(time(spec.notBefore), time(spec.notAfter)), encodeName(spec.subject), spkiOf(spec.subjectKey), explicit(3, seq(...exts)));
  return seq(tbs, alg, bitString(signDer(spec.signingKey, tbs)));
}

export interface RevokedEntry {
  serial: Uint8Array;
  at: Date;
}

/** A v2 CRL signed by the issuer, with a CRL number and the authority key identifier. */
export function buildCrl(opts: { issuer: NameAttrs; key: KeyObject; publicKey: KeyObject; thisUpdate: Date; nextUpdate: Date; number: bigint; revoked?: RevokedEntry[] }): Uint8Array {
  const revoked = opts.revoked?.length ? [seq(...opts.revoked.map((r) => seq(int(r.serial), time(r.at))))] : [];
  const exts = explicit(0, seq(ext(OID.authorityKeyIdentifier, false, aki(opts.publicKey)), ext(OID.crlNumber, false, int(opts.number))));
  const tbs = seq(int(1), signatureAlgorithm(opts.key), encodeName(opts.issuer), time(opts.thisUpdate), time(opts.nextUpdate), ...revoked, exts);
  return seq(tbs, signatureAlgorithm(opts.key), bitString(signDer(opts.key, tbs)));
}

/** The fields of a certificate that CMS refers to: its DER issuer Name and serial number. */
export interface CertRef {
  der: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  serial: Uint8Array;
  sha256: Uint8Array;
  x509: X509Certificate;
}

export function certRef(der: Bytes): CertRef {
  const bytes = new Uint8Array(der);
  const tbs = at(decode(bytes), 0);
  const c = children(tbs);
  const off = c[0].tag === 0xa0 ? 1 : 0;
  return {
    der: bytes,
    serial: c[off].content,
    issuer: c[off + 2].raw,
    subject: c[off + 4].raw,
    sha256: new Uint8Array(createHash('sha256').update(bytes).digest()),
    x509: new X509Certificate(Buffer.from(bytes)),
  };
}

export const pem = (label: 'CERTIFICATE' | 'X509 CRL', der: Bytes) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** A URL as a GeneralName (uniformResourceIdentifier), for extensions that point somewhere. */
export const uriName = (url: string) => {
  const v = ia5(url);
  v[0] = 0x86;
  return v;
};
