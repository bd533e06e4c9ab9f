/**
 * The trust setup the result module signs with.
 *
 * Demo (PKI_DEMO, the default without SIGNING_P12_DIR): on first use, a DEMO root CA, a DEMO time-stamping
 * certificate and a CRL are generated in-process and kept under PKI_DIR; each agency gets its DEMO signing
 * certificate (subject = the agency's name, its code as organizationIdentifier) the first time it signs. Files are
 * created with an atomic link, so concurrent processes sharing the folder agree on one root.
 *
 * Production: SIGNING_P12_DIR/<agency code>.p12 opened with SIGNING_P12_PASSWORD, TSA_URL for time-stamps,
 * TRUST_ANCHORS_FILE for the roots, PKI_DIR/crls/*.crl (DER) for the long-term validation data.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, children, readTime } from '../../../shared/pki/der';
import { OID } from './oids';
import { readPkcs12, writePkcs12 } from './pkcs12';
import { pkcs12Signer, type Signer } from './signer';
import { HttpTsa, LocalTsa, type TimeStampAuthority } from './tsa';
import { buildCertificate, buildCrl, certRef, pem, type CertRef, type NameAttrs } from './x509';

export interface TrustConfig {
  pkiDir: string;
  demo: boolean;
  p12Dir: string;
  p12Password: string | null;
  tsaUrl: string | null;
  tsaTimeoutMs: number;
  trustAnchorsFile: string;
}

export interface AgencyIdentity {
  code: string;
  name: string;
}

const DEMO_NOTE = 'DEMO - chứng thư thử nghiệm của MotCua, không có giá trị pháp lý / MotCua demo certificate, no legal value';
const DEMO_ORG = 'MotCua DEMO';
const ROOT_NAME: NameAttrs = { country: 'VN', organization: DEMO_ORG, commonName: 'MotCua DEMO Root CA' };
const TSA_NAME: NameAttrs = { country: 'VN', organization: DEMO_ORG, commonName: 'MotCua DEMO Time-Stamping Authority' };
/** Fixed validity windows, so results signed at any test or demo date chain to a valid certificate. */
const NOT_BEFORE = new Date(Date.UTC(2020, 0, 1));
const ROOT_NOT_AFTER = new Date(Date.UTC(2049, 11, 31, 23, 59, 59));
const LEAF_NOT_AFTER = new Date(Date.UTC(2045, 11, 31, 23, 59, 59));
const CRL_DAYS = 30;

const newKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** Writes a file only if it does not exist yet (atomic: temp file + link); returns the bytes now on disk. */
function createOnce(file: string, bytes: Uint8Array | string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file);
}

/** Replaces a file atomically. */
function replace(file: string, bytes: Uint8Array | string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes, { mode });
  renameSync(tmp, file);
}

/** What identifies a file's current content cheaply (inode, size, change time), or null when there is none. */
function fileStamp(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return null;
  }
}

const safeCode = (code: string) => code.replace(/[^A-Za-z0-9._-]+/g, '_');

export class Trust {
  private readonly signers = new Map<string, { signer: Signer; stamp: string | null }>();
  private root: { key: KeyObject; cert: CertRef } | null = null;
  private local: LocalTsa | null = null;
  private remote: HttpTsa | null = null;
  private crls: Uint8Array[] | null = null;
  private crlCache: { der: Uint8Array; renewAt: number } | null = null;
  private password: string | null;

  constructor(
    readonly config: TrustConfig,
    private readonly now: () => Date,
  ) {
    this.password = config.p12Password;
  }

  /** Creates the demo root, TSA and CRL if missing and writes the trust anchors file (demo mode). */
  init(): void {
    if (!this.config.demo) return;
    this.demoRoot();
    this.demoTsa();
    this.demoCrl();
  }

  /** Where the verifier reads the trusted roots (PEM). */
  trustAnchorsFile(): string {
    if (this.config.demo) this.demoRoot();
    return this.config.trustAnchorsFile;
  }

  trustAnchorsPem(): string {
    return readFileSync(this.trustAnchorsFile(), 'utf8');
  }

  /** The time-stamp authority: TSA_URL when set, else the built-in one (demo). */
  tsa(): TimeStampAuthority {
    if (this.config.tsaUrl) return (this.remote ??= new HttpTsa(this.config.tsaUrl, this.config.tsaTimeoutMs));
    return this.demoTsa();
  }

  /** The built-in TSA (for POST /api/tsa); null outside demo mode. */
  builtInTsa(): LocalTsa | null {
    return this.config.demo ? this.demoTsa() : null;
  }

  /**
   * The signer of an agency (its DEMO certificate, created on first use, in demo mode). The key file is checked on
   * every call (one `stat`): a key rotated by `motcua keys rotate-signing` — or a new .p12 an operator moved into
   * place — signs the next result, in every process, with no restart. Results signed before keep their own
   * certificate, embedded in them.
   */
  signerFor(agency: AgencyIdentity): Signer {
    const file = this.keyFile(agency.code);
    const cached = this.signers.get(agency.code);
    const stamp = fileStamp(file);
    if (cached && cached.stamp === stamp) return cached.signer;
    let signer: Signer;
    if (this.config.demo && stamp === null) {
      const bytes = createOnce(file, this.newDemoKeyStore(agency));
      signer = pkcs12Signer(bytes, this.demoPassword());
    } else {
      if (stamp === null) throw new Error(`no signing key for agency ${agency.code}`);
      signer = pkcs12Signer(readFileSync(file), this.config.demo ? this.demoPassword() : this.p12Password());
    }
    this.signers.set(agency.code, { signer, stamp: fileStamp(file) });
    return signer;
  }

  /**
   * The DEMO signer of a person (an entity's representative countersigning minutes), created under the demo root on
   * first use and kept under PKI_DIR/persons. Outside demo mode there is none: a person signs with her own
   * certificate through a remote-signing service (a `Signer` given by the caller).
   */
  personSigner(person: { id: string; name: string }): Signer {
    if (!this.config.demo) throw new Error('no demo certificates outside demo mode');
    const key = `person:${person.id}`;
    const cached = this.signers.get(key);
    if (cached) return cached.signer;
    const file = path.join(this.config.pkiDir, 'persons', `${safeCode(person.id)}.p12`);
    const bytes = existsSync(file) ? readFileSync(file) : createOnce(file, this.newDemoPersonStore(person));
    const signer = pkcs12Signer(bytes, this.demoPassword());
    this.signers.set(key, { signer, stamp: null });
    return signer;
  }

  private newDemoPersonStore(person: { id: string; name: string }): Uint8Array {
    const root = this.demoRoot();
    const { privateKey, cert } = this.demoLeaf({ country: 'VN', organization: DEMO_ORG, organizationIdentifier: `CCCD:${person.id}`, commonName: person.name });
    return writePkcs12({ key: privateKey, chain: [cert, root.cert.der], password: this.demoPassword(), friendlyName: `${person.id} DEMO` });
  }

  /**
   * Rotates an agency's signing key: the new key store (a DEMO certificate under the demo root when none is given,
   * in demo mode) is checked — it opens with the installation's password and its certificate is valid now — then
   * moved into place atomically; the old one is kept under `retired/`. Returns both certificates' serials.
   */
  rotateSigningKey(agency: AgencyIdentity, replacement?: Uint8Array): { file: string; retired: string | null; oldSerial: string | null; newSerial: string; notAfter: string } {
    const file = this.keyFile(agency.code);
    const password = this.config.demo ? this.demoPassword() : this.p12Password();
    let bytes: Uint8Array;
    if (replacement) bytes = replacement;
    else if (this.config.demo) bytes = this.newDemoKeyStore(agency);
    else throw new Error('a new PKCS#12 file is required outside demo mode (--p12 <file>)');
    const next = pkcs12Signer(bytes, password).chain()[0].x509;
    const now = this.now();
    if (new Date(next.validFrom) > now || new Date(next.validTo) <= now) throw new Error(`the new certificate is not valid now (${next.validFrom} – ${next.validTo})`);
    let retired: string | null = null;
    let oldSerial: string | null = null;
    if (existsSync(file)) {
      oldSerial = pkcs12Signer(readFileSync(file), password).chain()[0].x509.serialNumber;
      retired = path.join(this.config.p12Dir, 'retired', `${safeCode(agency.code)}.${now.toISOString().replace(/[:.]/g, '-')}.p12`);
      mkdirSync(path.dirname(retired), { recursive: true });
      copyFileSync(file, retired);
    }
    replace(file, bytes, 0o600);
    this.signers.delete(agency.code);
    return { file, retired, oldSerial, newSerial: next.serialNumber, notAfter: new Date(next.validTo).toISOString() };
  }

  private keyFile(code: string): string {
    return path.join(this.config.p12Dir, `${safeCode(code)}.p12`);
  }

  /** A new key and its DEMO certificate under the demo root (an agency's signing key, the TSA's). */
  private demoLeaf(subject: NameAttrs, extKeyUsage?: string[]): { privateKey: KeyObject; cert: Uint8Array } {
    const root = this.demoRoot();
    const { publicKey, privateKey } = newKey();
    const cert = buildCertificate({
      subject,
      subjectKey: publicKey,
      signingKey: root.key,
      issuer: { name: ROOT_NAME, publicKey: createPublicKey(root.key) },
      notBefore: NOT_BEFORE,
      notAfter: LEAF_NOT_AFTER,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      ...(extKeyUsage ? { extKeyUsage } : {}),
      policyNote: DEMO_NOTE,
    });
    return { privateKey, cert };
  }

  private newDemoKeyStore(agency: AgencyIdentity): Uint8Array {
    const root = this.demoRoot();
    const { privateKey, cert } = this.demoLeaf({ country: 'VN', organization: DEMO_ORG, organizationIdentifier: agency.code, commonName: agency.name });
    return writePkcs12({ key: privateKey, chain: [cert, root.cert.der], password: this.demoPassword(), friendlyName: `${agency.code} DEMO` });
  }

  /** Certificates and CRLs for the PDF's /DSS (B-LT): the chain, the TSA's and the CRLs in force. */
  validationData(signer: Signer): { certs: Uint8Array[]; crls: Uint8Array[] } {
    const certs = signer.chain().map((c) => c.der);
    if (this.config.demo) {
      const root = this.demoRoot();
      if (!certs.some((c) => Buffer.from(c).equals(Buffer.from(root.cert.der)))) certs.push(root.cert.der);
      certs.push(this.demoTsa().certificate.der);
    }
    return { certs, crls: this.currentCrls() };
  }

  private p12Password(): string {
    if (this.password === null) throw new Error('SIGNING_P12_PASSWORD is not set');
    return this.password;
  }

  /** The demo key stores' password: SIGNING_P12_PASSWORD, else a random one kept beside them (demo only). */
  private demoPassword(): string {
    if (this.password !== null) return this.password;
    this.password = createOnce(path.join(this.config.pkiDir, 'DEMO-PASSWORD'), randomBytes(18).toString('base64url')).toString('utf8').trim();
    return this.password;
  }

  private demoRoot(): { key: KeyObject; cert: CertRef } {
    if (this.root) return this.root;
    const file = path.join(this.config.pkiDir, 'demo-root-ca.p12');
    if (!existsSync(file)) {
      const { publicKey, privateKey } = newKey();
      const cert = buildCertificate({ subject: ROOT_NAME, subjectKey: publicKey, signingKey: privateKey, notBefore: NOT_BEFORE, notAfter: ROOT_NOT_AFTER, ca: true, keyUsage: ['keyCertSign', 'cRLSign'], policyNote: DEMO_NOTE });
      createOnce(file, writePkcs12({ key: privateKey, chain: [cert], password: this.demoPassword(), friendlyName: 'MotCua DEMO Root CA' }));
    }
    const { key, chain } = readPkcs12(readFileSync(file), this.demoPassword());
    this.root = { key, cert: certRef(chain[0]) };
    // The demo root joins the trust list; roots already in it (an operator's, a test's) stay.
    const anchors = pem('CERTIFICATE', chain[0]);
    const current = existsSync(this.config.trustAnchorsFile) ? readFileSync(this.config.trustAnchorsFile, 'utf8') : '';
    if (!current.includes(anchors.trim())) replace(this.config.trustAnchorsFile, current.trim() ? `${current.trimEnd()}\n${anchors}` : anchors);
    writeReadme(this.config.pkiDir);
    return this.root;
  }

  private demoTsa(): LocalTsa {
    if (this.local) return this.local;
    const root = this.demoRoot();
    const file = path.join(this.config.pkiDir, 'demo-tsa.p12');
    if (!existsSync(file)) {
      const { privateKey, cert } = this.demoLeaf(TSA_NAME, [OID.timeStamping]);
      createOnce(file, writePkcs12({ key: privateKey, chain: [cert, root.cert.der], password: this.demoPassword(), friendlyName: 'MotCua DEMO TSA' }));
    }
    const { key, chain } = readPkcs12(readFileSync(file), this.demoPassword());
    this.local = new LocalTsa(key, certRef(chain[0]), this.now);
    return this.local;
  }

  /** The demo CA's CRL (empty: revocation of results is by status, not certificates), renewed a week before it ends. */
  private demoCrl(): Uint8Array {
    const file = path.join(this.config.pkiDir, 'demo-root-ca.crl');
    const wall = new Date();
    if (this.crlCache && this.crlCache.renewAt > wall.getTime()) return this.crlCache.der;
    if (existsSync(file)) {
      const der = new Uint8Array(readFileSync(file));
      const next = readTime(children(children(decode(der))[0])[4]);
      if (next.getTime() - wall.getTime() > 7 * 86400_000) {
        this.crlCache = { der, renewAt: next.getTime() - 7 * 86400_000 };
        return der;
      }
    }
    const root = this.demoRoot();
    const der = buildCrl({ issuer: ROOT_NAME, key: root.key, publicKey: createPublicKey(root.key), thisUpdate: wall, nextUpdate: new Date(wall.getTime() + CRL_DAYS * 86400_000), number: BigInt(Math.floor(wall.getTime() / 1000)) });
    replace(file, der);
    replace(path.join(this.config.pkiDir, 'demo-root-ca.crl.pem'), pem('X509 CRL', der));
    this.crlCache = { der, renewAt: wall.getTime() + (CRL_DAYS - 7) * 86400_000 };
    return der;
  }

  private currentCrls(): Uint8Array[] {
    if (this.config.demo) return [this.demoCrl()];
    if (this.crls) return this.crls;
    const dir = path.join(this.config.pkiDir, 'crls');
    this.crls = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.crl')).map((f) => new Uint8Array(readFileSync(path.join(dir, f)))) : [];
    return this.crls;
  }
}

function writeReadme(dir: string): void {
  const file = path.join(dir, 'README-DEMO.txt');
  if (existsSync(file)) return;
  createOnce(
    file,
    'DEMO trust setup of MotCua, generated on first start (PKI_DEMO).\n' +
      'Root CA, time-stamping authority and agency signing certificates here are for demonstration only: they have no legal value.\n' +
      'Production: set SIGNING_P12_DIR, SIGNING_P12_PASSWORD, TSA_URL and TRUST_ANCHORS_FILE to the real ones (see README).\n' +
      'Chứng thư số trong thư mục này chỉ dùng để thử nghiệm, không có giá trị pháp lý.\n',
  );
  try {
    chmodSync(file, 0o644);
  } catch {
    /* best effort */
  }
}

