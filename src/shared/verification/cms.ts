/**
 * CMS SignedData (RFC 5652), X.509 (RFC 5280) and RFC 3161 structures, read with the DER reader: the fields a PAdES
 * verifier checks. Pure (no crypto): the module hashes and verifies.
 */
import { TAG, children, content, ctx, expect, integerHex, oid, parseDer, raw, retag, text, time, bitStringBytes, type Tlv } from '../asn1/der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  revocationInfoArchival: '1.2.840.113549.1.9.16.2.24',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  country: '2.5.4.6',
  organizationIdentifier: '2.5.4.97',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

const DIGESTS: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** Signature algorithms: OID → the digest it implies (null: take the SignerInfo's digest algorithm; 'none': EdDSA). */
const SIGNATURES: Record<string, { key: 'ec' | 'rsa' | 'ed'; digest: string | null }> = {
  '1.2.840.10045.4.3.2': { key: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', digest: 'sha512' },
  '1.2.840.10045.2.1': { key: 'ec', digest: null },
  '1.2.840.113549.1.1.1': { key: 'rsa', digest: null },
  '1.2.840.113549.1.1.5': { key: 'rsa', digest: 'sha1' },
  '1.2.840.113549.1.1.11': { key: 'rsa', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', digest: 'sha512' },
  '1.3.101.112': { key: 'ed', digest: null },
};

export const digestName = (algOid: string): string | null => DIGESTS[algOid] ?? null;

/** The digest a signature algorithm uses, or null when unsupported (e.g. RSASSA-PSS). 'none' for EdDSA. */
export function signatureDigest(sigAlgOid: string, digestAlgOid: string): string | null {
  const s = SIGNATURES[sigAlgOid];
  if (!s) return null;
  if (s.key === 'ed') return 'none';
  return s.digest ?? digestName(digestAlgOid);
}

export interface Attribute {
  type: string;
  values: Tlv[];
}

export interface SignerInfoData {
  sid: { issuer: Uint8Array; serial: string } | { ski: Uint8Array };
  digestAlgorithm: string;
  /** The signed attributes as DER SET (re-tagged from [0]), i.e. the bytes the signature covers. */
  signedAttrsDer: Uint8Array | null;
  signedAttrs: Attribute[];
  signatureAlgorithm: string;
  signature: Uint8Array;
  unsignedAttrs: Attribute[];
}

export interface SignedDataInfo {
  eContentType: string;
  /** The encapsulated content, when present (a time-stamp token's TSTInfo); null when detached. */
  eContent: Uint8Array | null;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  signerInfos: SignerInfoData[];
}

function attributes(set: Tlv): Attribute[] {
  return children(set).map((a) => {
    const [t, vals] = children(expect(a, TAG.SEQUENCE, 'attribute'));
    return { type: oid(t), values: children(expect(vals, TAG.SET, 'attribute values')) };
  });
}

/** Parses a ContentInfo holding SignedData. `allowTrailing` for a PDF /Contents (zero padding after the value). */
export function parseSignedData(der: Uint8Array, allowTrailing = false): SignedDataInfo {
  const ci = children(expect(parseDer(der, allowTrailing), TAG.SEQUENCE, 'ContentInfo'));
  if (oid(ci[0]) !== OID.signedData) throw new Error('not a SignedData');
  const sd = children(expect(children(expect(ci[1], ctx(0), 'content'))[0], TAG.SEQUENCE, 'SignedData'));
  let i = 1; // version
  i++; // digestAlgorithms
  const encap = children(expect(sd[i++], TAG.SEQUENCE, 'EncapsulatedContentInfo'));
  const eContentType = oid(encap[0]);
  const eContent = encap[1] ? content(expect(children(expect(encap[1], ctx(0)))[0], TAG.OCTET_STRING, 'eContent')) : null;
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  if (sd[i]?.tag === ctx(0)) for (const c of children(sd[i++])) if (c.tag === TAG.SEQUENCE) certificates.push(raw(c));
  if (sd[i]?.tag === ctx(1)) for (const c of children(sd[i++])) if (c.tag === TAG.SEQUENCE) crls.push(raw(c));
  const signerInfos = children(expect(sd[i], TAG.SET, 'signerInfos')).map(parseSignerInfo);
  return { eContentType, eContent, certificates, crls, signerInfos };
}

function parseSignerInfo(t: Tlv): SignerInfoData {
  const f = children(expect(t, TAG.SEQUENCE, 'SignerInfo'));
  let i = 1;
  const sidT = f[i++];
  let sid: SignerInfoData['sid'];
  if (sidT.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(sidT);
    sid = { issuer: raw(issuer), serial: integerHex(serial) };
  } else if (sidT.tag === ctx(0, false)) sid = { ski: content(sidT) };
  else throw new Error('bad signer identifier');
  const digestAlgorithm = oid(children(f[i++])[0]);
  let signedAttrsDer: Uint8Array | null = null;
  let signedAttrs: Attribute[] = [];
  if (f[i].tag === ctx(0)) {
    signedAttrsDer = retag(f[i], TAG.SET);
    signedAttrs = attributes(f[i]);
    i++;
  }
  const signatureAlgorithm = oid(children(f[i++])[0]);
  const signature = content(expect(f[i++], TAG.OCTET_STRING, 'signature'));
  const unsignedAttrs = f[i]?.tag === ctx(1) ? attributes(f[i]) : [];
  return { sid, digestAlgorithm, signedAttrsDer, signedAttrs, signatureAlgorithm, signature, unsignedAttrs };
}

export const attr = (list: Attribute[], type: string) => list.find((a) => a.type === type);

/** The message-digest attribute value. */
export function messageDigestOf(si: SignerInfoData): Uint8Array | null {
  const a = attr(si.signedAttrs, OID.messageDigest);
  return a ? content(expect(a.values[0], TAG.OCTET_STRING, 'messageDigest')) : null;
}

/** ESSCertIDv2 entries of signing-certificate-v2: the hash algorithm and the hash of the signer's certificate. */
export function signingCertificateV2(si: SignerInfoData): { digest: string; hash: Uint8Array }[] {
  const a = attr(si.signedAttrs, OID.signingCertificateV2);
  if (!a) return [];
  const certs = children(children(expect(a.values[0], TAG.SEQUENCE))[0]);
  return certs.map((c) => {
    const f = children(c);
    if (f[0].tag === TAG.OCTET_STRING) return { digest: 'sha256', hash: content(f[0]) };
    return { digest: digestName(oid(children(f[0])[0])) ?? 'unknown', hash: content(expect(f[1], TAG.OCTET_STRING)) };
  });
}

export interface TstInfo {
  policy: string;
  imprintDigest: string | null;
  imprint: Uint8Array;
  serial: string;
  genTime: Date;
}

export function parseTstInfo(der: Uint8Array): TstInfo {
  const f = children(expect(parseDer(der), TAG.SEQUENCE, 'TSTInfo'));
  const mi = children(f[2]);
  return { policy: oid(f[1]), imprintDigest: digestName(oid(children(mi[0])[0])), imprint: content(expect(mi[1], TAG.OCTET_STRING)), serial: integerHex(f[3]), genTime: time(f[4]) };
}

// ─── X.509 and CRLs ───

export interface CertFields {
  serial: string;
  issuer: Uint8Array;
  subject: Uint8Array;
  ski: Uint8Array | null;
}

export function certFields(der: Uint8Array): CertFields {
  const tbs = children(children(expect(parseDer(der), TAG.SEQUENCE, 'Certificate'))[0]);
  let i = tbs[0].tag === ctx(0) ? 1 : 0;
  const serial = integerHex(tbs[i++]);
  i++; // signature algorithm
  const issuer = raw(tbs[i++]);
  i++; // validity
  const subject = raw(tbs[i++]);
  let ski: Uint8Array | null = null;
  const ext = tbs.find((t) => t.tag === ctx(3));
  if (ext) {
    for (const e of children(children(ext)[0])) {
      const ef = children(e);
      if (oid(ef[0]) === OID.subjectKeyIdentifier) ski = content(parseDer(content(ef[ef.length - 1])));
    }
  }
  return { serial, issuer, subject, ski };
}

/** Readable attributes of a Name: organisation, common name, unit, country, organisation identifier (never a person's serial number). */
export function nameParts(nameDer: Uint8Array): { o: string | null; cn: string | null; ou: string | null; c: string | null; orgId: string | null } {
  const out = { o: null as string | null, cn: null as string | null, ou: null as string | null, c: null as string | null, orgId: null as string | null };
  for (const rdn of children(parseDer(nameDer))) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      const k = oid(t);
      const s = text(v);
      if (k === OID.organization) out.o ??= s;
      else if (k === OID.commonName) out.cn ??= s;
      else if (k === OID.organizationalUnit) out.ou ??= s;
      else if (k === OID.country) out.c ??= s;
      else if (k === OID.organizationIdentifier) out.orgId ??= s;
    }
  }
  return out;
}

export interface CrlInfo {
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  issuer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: Map<string, Date>;
}

export function parseCrl(der: Uint8Array): CrlInfo {
  const top = children(expect(parseDer(der), TAG.SEQUENCE, 'CertificateList'));
  const tbs = children(expect(top[0], TAG.SEQUENCE, 'TBSCertList'));
  let i = tbs[0].tag === TAG.INTEGER ? 1 : 0;
  i++; // signature
  const issuer = raw(tbs[i++]);
  const thisUpdate = time(tbs[i++]);
  let nextUpdate: Date | null = null;
  if (tbs[i] && (tbs[i].tag === TAG.UTC_TIME || tbs[i].tag === TAG.GENERALIZED_TIME)) nextUpdate = time(tbs[i++]);
  const revoked = new Map<string, Date>();
  if (tbs[i]?.tag === TAG.SEQUENCE) for (const r of children(tbs[i++])) {
    const rf = children(r);
    revoked.set(integerHex(rf[0]), time(rf[1]));
  }
  return { tbs: raw(top[0]), signatureAlgorithm: oid(children(top[1])[0]), signature: bitStringBytes(top[2]), issuer, thisUpdate, nextUpdate, revoked };
}
