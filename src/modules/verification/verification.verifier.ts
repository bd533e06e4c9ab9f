/**
 * The PAdES verifier: every signature of a PDF, its integrity, its CMS signature, its chain to the trust list, its
 * revocation (CRLs from the /DSS and the CMS), its RFC 3161 time-stamp, and the PAdES baseline level it reaches.
 * Structure parsing is pure (src/shared/verification); this file does the hashing and the signature maths.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import { equalBytes, latin1 } from '../../shared/asn1/der';
import { analyseUpdate, checkRange, findDss, findSignatures, isPdf, type PdfObject, type UpdateKind } from '../../shared/verification/pdf';
import {
  OID,
  attr,
  certFields,
  digestName,
  messageDigestOf,
  nameParts,
  parseCrl,
  parseSignedData,
  parseTstInfo,
  signatureDigest,
  signingCertificateV2,
  type CrlInfo,
  type SignedDataInfo,
  type SignerInfoData,
} from '../../shared/verification/cms';
import { inflateSync } from 'node:zlib';

const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

export type Level = 'B-B' | 'B-T' | 'B-LT';

export interface CertView {
  organisation: string | null;
  commonName: string | null;
  notBefore: string;
  notAfter: string;
}

export interface TimestampReport {
  valid: boolean;
  /** The time the TSA certifies (genTime), ISO 8601. */
  time: string | null;
  imprintMatches: boolean;
  trusted: boolean;
  tsa: string | null;
}

export interface SignatureReport {
  index: number;
  subFilter: string | null;
  byteRange: [number, number, number, number];
  /** The ranges exclude exactly the signature value and fit the file. */
  rangeConsistent: boolean;
  /** What follows the signed range: nothing, validation data only (allowed), or content. */
  appended: UpdateKind;
  digest: 'match' | 'mismatch' | 'unchecked';
  signatureValue: 'valid' | 'invalid' | 'unsupported' | 'unreadable';
  trusted: boolean;
  chain: CertView[];
  /** The signer's certificate at the time checked (the time-stamp time, else now). */
  certificateValidity: 'valid' | 'expired' | 'not_yet_valid' | 'unknown';
  revocation: 'good' | 'revoked' | 'revoked_after_signing' | 'unknown';
  revokedAt: string | null;
  timestamp: TimestampReport | null;
  signer: { organisation: string | null; commonName: string | null; identifier: string | null } | null;
  profile: { etsiSubFilter: boolean; signingCertificateV2: boolean; signingTimeAbsent: boolean; timestamp: boolean; dss: boolean; level: Level | null };
  verdict: 'valid' | 'invalid' | 'revoked' | 'unknown_issuer';
}

export interface DocumentReport {
  pdf: boolean;
  sha256: string;
  size: number;
  dss: boolean;
  signatures: SignatureReport[];
}

interface Anchor {
  cert: X509Certificate;
  fingerprint: string;
}

/** Parses a PEM bundle into certificates (invalid blocks are skipped, and counted). */
export function parsePemBundle(pem: string): { certs: X509Certificate[]; skipped: number } {
  const certs: X509Certificate[] = [];
  let skipped = 0;
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)) {
    try {
      certs.push(new X509Certificate(m[0]));
    } catch {
      skipped++;
    }
  }
  return { certs, skipped };
}

export class PdfVerifier {
  private readonly anchors: Anchor[];

  constructor(trustAnchors: X509Certificate[], private readonly now: () => Date = () => new Date()) {
    this.anchors = trustAnchors.map((cert) => ({ cert, fingerprint: cert.fingerprint256 }));
  }

  get anchorCount(): number {
    return this.anchors.length;
  }

  verify(bytes: Uint8Array): DocumentReport {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!isPdf(bytes)) return { pdf: false, sha256, size: bytes.length, dss: false, signatures: [] };
    const text = latin1(bytes);
    const fields = findSignatures(bytes, text);
    const dssStreams = fields.length ? findDss(bytes, text) : { present: false, certs: [], crls: [], ocsps: [] };
    const dssCerts = dssStreams.certs.map((o) => streamBytes(bytes, o)).flatMap((b) => (b ? [b] : []));
    const dssCrls = dssStreams.crls.map((o) => streamBytes(bytes, o)).flatMap((b) => (b ? [b] : []));
    const hasRevocationData = dssCrls.length > 0 || dssStreams.ocsps.length > 0;
    const signatures = fields.map((f, index): SignatureReport => {
      const range = checkRange(f, bytes.length);
      const signedEnd = f.byteRange[2] + f.byteRange[3];
      const appended: UpdateKind = range.problems.includes('beyond_end') ? 'none' : analyseUpdate(bytes, signedEnd, text).kind;
      const base: SignatureReport = {
        index,
        subFilter: f.subFilter,
        byteRange: f.byteRange,
        rangeConsistent: range.consistent,
        appended,
        digest: 'unchecked',
        signatureValue: 'unreadable',
        trusted: false,
        chain: [],
        certificateValidity: 'unknown',
        revocation: 'unknown',
        revokedAt: null,
        timestamp: null,
        signer: null,
        profile: { etsiSubFilter: f.subFilter === 'ETSI.CAdES.detached', signingCertificateV2: false, signingTimeAbsent: false, timestamp: false, dss: dssStreams.present, level: null },
        verdict: 'invalid',
      };
      if (!f.contents) return base;
      let sd: SignedDataInfo;
      try {
        sd = parseSignedData(f.contents, true);
      } catch {
        return base;
      }
      const si = sd.signerInfos[0];
      if (!si) return base;
      const pool = [...sd.certificates, ...dssCerts].map(safeCert).filter((c): c is X509Certificate => !!c);
      const signerCert = findSigner(si, pool);
      if (signerCert) {
        const p = nameParts(fieldsOf(signerCert).subject);
        base.signer = { organisation: p.o, commonName: p.cn, identifier: p.orgId };
      }
      // Integrity: the digest of the signed ranges equals the message-digest attribute.
      const [a, b, c, d] = f.byteRange;
      const fits = a >= 0 && b >= 0 && c >= a + b && c + d <= bytes.length;
      const md = messageDigestOf(si);
      const dn = digestName(si.digestAlgorithm);
      if (fits && md && dn) base.digest = equalBytes(createHash(dn).update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d)).digest(), md) ? 'match' : 'mismatch';
      else if (!fits) base.digest = 'mismatch';
      // The signature over the signed attributes.
      base.signatureValue = signerCert ? verifySignerInfo(si, signerCert) : 'invalid';
      base.profile.signingCertificateV2 = !!attr(si.signedAttrs, OID.signingCertificateV2) && !!signerCert && essCertMatches(si, signerCert);
      base.profile.signingTimeAbsent = !attr(si.signedAttrs, OID.signingTime);

      // Time-stamp over the signature value.
      const tsAttr = attr(si.unsignedAttrs, OID.signatureTimeStamp);
      let checkTime = this.now();
      if (tsAttr) {
        base.timestamp = this.verifyTimestamp(tsAttr.values[0].src.subarray(tsAttr.values[0].start, tsAttr.values[0].end), si.signature, dssCerts);
        base.profile.timestamp = base.timestamp.valid;
        if (base.timestamp.valid && base.timestamp.time) checkTime = new Date(base.timestamp.time);
      }

      if (signerCert) {
        const chain = this.buildChain(signerCert, pool);
        base.trusted = chain.trusted;
        base.chain = chain.certs.map(certView);
        base.certificateValidity = validityAt(signerCert, checkTime);
        const crls = [...sd.crls, ...dssCrls].map(safeCrl).filter((c): c is CrlInfo => !!c);
        const rev = revocationOf(chain.certs, crls, checkTime);
        base.revocation = rev.status;
        base.revokedAt = rev.at?.toISOString() ?? null;
      }

      const lt = base.profile.dss && hasRevocationData && base.revocation !== 'unknown';
      if (base.profile.etsiSubFilter && base.profile.signingCertificateV2 && base.profile.signingTimeAbsent) {
        base.profile.level = base.profile.timestamp ? (lt ? 'B-LT' : 'B-T') : 'B-B';
      }

      const broken =
        !range.consistent || base.digest !== 'match' || base.signatureValue !== 'valid' || appended === 'content_changed' || (base.timestamp !== null && !base.timestamp.valid) || base.certificateValidity === 'expired' || base.certificateValidity === 'not_yet_valid';
      base.verdict = broken ? 'invalid' : base.revocation === 'revoked' ? 'revoked' : !base.trusted || (base.timestamp !== null && !base.timestamp.trusted) ? 'unknown_issuer' : 'valid';
      return base;
    });
    return { pdf: true, sha256, size: bytes.length, dss: dssStreams.present, signatures };
  }

  /** An RFC 3161 token: its SignedData verifies, its imprint is the hash of the signature value, its TSA chains. */
  private verifyTimestamp(token: Uint8Array, signatureValue: Uint8Array, extraCerts: Uint8Array[]): TimestampReport {
    const out: TimestampReport = { valid: false, time: null, imprintMatches: false, trusted: false, tsa: null };
    try {
      const sd = parseSignedData(token);
      if (sd.eContentType !== OID.tstInfo || !sd.eContent) return out;
      const tst = parseTstInfo(sd.eContent);
      out.time = tst.genTime.toISOString();
      out.imprintMatches = !!tst.imprintDigest && equalBytes(createHash(tst.imprintDigest).update(signatureValue).digest(), tst.imprint);
      const si = sd.signerInfos[0];
      const pool = [...sd.certificates, ...extraCerts].map(safeCert).filter((c): c is X509Certificate => !!c);
      const tsaCert = si ? findSigner(si, pool) : undefined;
      if (!si || !tsaCert) return out;
      const p = nameParts(fieldsOf(tsaCert).subject);
      out.tsa = p.o ?? p.cn;
      const md = messageDigestOf(si);
      const dn = digestName(si.digestAlgorithm);
      const contentOk = !!md && !!dn && equalBytes(createHash(dn).update(sd.eContent).digest(), md);
      const eku = (tsaCert as X509Certificate & { keyUsage?: string[] }).keyUsage ?? [];
      const sigOk = verifySignerInfo(si, tsaCert) === 'valid';
      out.valid = out.imprintMatches && contentOk && sigOk && eku.includes(TIME_STAMPING_EKU) && validityAt(tsaCert, tst.genTime) === 'valid';
      out.trusted = out.valid && this.buildChain(tsaCert, pool).trusted;
    } catch {
      out.valid = false;
    }
    return out;
  }

  /** Walks issuers through the pool (certificates of the CMS and the DSS, then the anchors) to a trust anchor. */
  private buildChain(leaf: X509Certificate, pool: X509Certificate[]): { certs: X509Certificate[]; trusted: boolean } {
    const certs = [leaf];
    const candidates = [...this.anchors.map((a) => a.cert), ...pool];
    let cur = leaf;
    for (let depth = 0; depth < 8; depth++) {
      const fp = cur.fingerprint256;
      if (this.anchors.some((a) => a.fingerprint === fp)) return { certs, trusted: true };
      const issuer = candidates.find((c) => c.fingerprint256 !== fp && cur.checkIssued(c) && safeVerify(cur, c));
      if (!issuer) {
        // A self-signed certificate equal to an anchor by key (re-encoded) is not accepted: anchors match by fingerprint.
        return { certs, trusted: false };
      }
      certs.push(issuer);
      cur = issuer;
    }
    return { certs, trusted: false };
  }
}

function safeVerify(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Parsed certificates by their encoding: parsing one costs about a millisecond, and the same few recur in every file. */
const certCache = new Map<string, X509Certificate | null>();
const fieldsCache = new WeakMap<X509Certificate, ReturnType<typeof certFields>>();
const CERT_CACHE_MAX = 1000;

function safeCert(der: Uint8Array): X509Certificate | null {
  const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const hit = certCache.get(key);
  if (hit !== undefined) return hit;
  let cert: X509Certificate | null;
  try {
    cert = new X509Certificate(der);
  } catch {
    cert = null;
  }
  if (certCache.size >= CERT_CACHE_MAX) certCache.clear();
  certCache.set(key, cert);
  return cert;
}

function fieldsOf(cert: X509Certificate) {
  let f = fieldsCache.get(cert);
  if (!f) {
    f = certFields(cert.raw);
    fieldsCache.set(cert, f);
  }
  return f;
}

function safeCrl(der: Uint8Array): CrlInfo | null {
  try {
    return parseCrl(der);
  } catch {
    return null;
  }
}

function streamBytes(bytes: Uint8Array, o: PdfObject): Uint8Array | null {
  if (!o.stream) return null;
  const data = bytes.subarray(o.stream.start, o.stream.end);
  if (/\/Filter\s*\/FlateDecode\b/.test(o.head)) {
    try {
      return new Uint8Array(inflateSync(data));
    } catch {
      return null;
    }
  }
  if (/\/Filter\b/.test(o.head)) return null;
  return data;
}

function findSigner(si: SignerInfoData, pool: X509Certificate[]): X509Certificate | undefined {
  return pool.find((c) => {
    const f = fieldsOf(c);
    if ('serial' in si.sid) return f.serial === si.sid.serial && equalBytes(f.issuer, si.sid.issuer);
    return !!f.ski && equalBytes(f.ski, si.sid.ski);
  });
}

function verifySignerInfo(si: SignerInfoData, cert: X509Certificate): SignatureReport['signatureValue'] {
  if (!si.signedAttrsDer) return 'unsupported';
  const digest = signatureDigest(si.signatureAlgorithm, si.digestAlgorithm);
  if (!digest) return 'unsupported';
  try {
    return cryptoVerify(digest === 'none' ? null : digest, si.signedAttrsDer, cert.publicKey, si.signature) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

function essCertMatches(si: SignerInfoData, cert: X509Certificate): boolean {
  const ids = signingCertificateV2(si);
  return ids.some((id) => id.digest !== 'unknown' && equalBytes(createHash(id.digest).update(cert.raw).digest(), id.hash));
}

function validityAt(cert: X509Certificate, at: Date): SignatureReport['certificateValidity'] {
  const from = new Date(cert.validFrom).getTime();
  const to = new Date(cert.validTo).getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) return 'unknown';
  if (at.getTime() < from) return 'not_yet_valid';
  if (at.getTime() > to) return 'expired';
  return 'valid';
}

/** Each certificate below the anchor against the CRLs its issuer signed. */
function revocationOf(chain: X509Certificate[], crls: CrlInfo[], at: Date): { status: SignatureReport['revocation']; at: Date | null } {
  if (chain.length < 2) return { status: 'unknown', at: null };
  let allCovered = true;
  for (let i = 0; i < chain.length - 1; i++) {
    const cert = chain[i];
    const issuer = chain[i + 1];
    const f = fieldsOf(cert);
    const covering = crls.filter((crl) => equalBytes(crl.issuer, f.issuer) && crlSignedBy(crl, issuer));
    if (covering.length === 0) {
      allCovered = false;
      continue;
    }
    for (const crl of covering) {
      const when = crl.revoked.get(f.serial);
      if (when) return when.getTime() <= at.getTime() ? { status: 'revoked', at: when } : { status: 'revoked_after_signing', at: when };
    }
  }
  return { status: allCovered ? 'good' : 'unknown', at: null };
}

function crlSignedBy(crl: CrlInfo, issuer: X509Certificate): boolean {
  const digest = signatureDigest(crl.signatureAlgorithm, OID.sha256);
  if (!digest) return false;
  try {
    return cryptoVerify(digest === 'none' ? null : digest, crl.tbs, issuer.publicKey, crl.signature);
  } catch {
    return false;
  }
}

function certView(c: X509Certificate): CertView {
  const p = nameParts(fieldsOf(c).subject);
  return { organisation: p.o, commonName: p.cn, notBefore: new Date(c.validFrom).toISOString(), notAfter: new Date(c.validTo).toISOString() };
}
