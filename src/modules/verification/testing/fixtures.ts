/**
 * Test fixtures for the verifier, built on the spot (never committed): a test PKI made with the `openssl` CLI (root
 * CA with a CRL, two agency signers — one revoked —, a TSA whose extended key usage is critical timeStamping, and an
 * untrusted root), PDFs signed by `pdfsig -add-signature` (poppler, NSS database), and PAdES B-T/B-LT files built by a
 * small test-only signer (`pdfsig` cannot time-stamp): CMS SignedData with signing-certificate-v2 and no
 * signing-time, an `openssl ts -reply` token over the signature value, and a /DSS incremental update.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, sign as cryptoSign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { TAG, ctx, encode, encodeOid, latin1 } from '../../../shared/asn1/der';
import { OID, certFields } from '../../../shared/verification/cms';

export interface Fixtures {
  dir: string;
  /** PEM of the trusted test root (the trust list). */
  rootPem: string;
  /** PDFs. */
  unsigned: Buffer;
  /** Signed by pdfsig (adbe.pkcs7.detached, NSS). */
  pdfsigSigned: Buffer;
  /** PAdES B-LT by the test signer: ETSI.CAdES.detached, time-stamp, /DSS with the chain and the CRL. */
  blt: Buffer;
  /** PAdES B-T (no DSS). */
  bt: Buffer;
  /** The B-LT file with one byte of its content changed. */
  oneByteChanged: Buffer;
  /** The B-T file with an incremental update that replaces the page content. */
  contentAppended: Buffer;
  /** The signature update of the B-T file appended to another PDF. */
  copied: Buffer;
  /** Signed by a certificate of a root not in the trust list. */
  untrusted: Buffer;
  /** Signed (B-LT) by a certificate the CA revoked before the time-stamp; the CRL in the DSS lists it. */
  revoked: Buffer;
  cleanup(): void;
}

const run = (cwd: string, cmd: string, args: string[], input?: string) => execFileSync(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], input });

const CA_CNF = `
[ca]
default_ca = test_ca
[test_ca]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
crlnumber = ./crlnumber
certificate = ./root.pem
private_key = ./root.key
default_md = sha256
default_days = 365
default_crl_days = 30
policy = any
unique_subject = no
copy_extensions = none
[any]
countryName = optional
organizationName = optional
commonName = supplied
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
CN = MotCua Test Root CA
O = MotCua Test
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = .
serial = ./tsaserial
signer_cert = ./tsa.pem
signer_key = ./tsa.key
certs = ./root.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

interface Pki {
  dir: string;
}

function makePki(dir: string): Pki {
  writeFileSync(join(dir, 'ca.cnf'), CA_CNF);
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(dir, 'openssl', ['req', '-x509', ...ec, '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-config', 'ca.cnf', '-extensions', 'v3_ca']);
  const issue = (name: string, subj: string, ext: string, caPrefix = '') => {
    run(dir, 'openssl', ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj, '-utf8', '-config', 'ca.cnf']);
    run(dir, 'openssl', ['ca', '-batch', '-config', 'ca.cnf', '-extensions', ext, '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext', '-utf8', ...(caPrefix ? ['-cert', `${caPrefix}.pem`, '-keyfile', `${caPrefix}.key`] : [])]);
  };
  issue('signer', '/C=VN/O=UBND Phường Bến Nghé/CN=UBND Phường Bến Nghé', 'v3_signer');
  issue('revokedsigner', '/C=VN/O=UBND Xã Thử Nghiệm/CN=UBND Xã Thử Nghiệm', 'v3_signer');
  issue('tsa', '/C=VN/O=MotCua Test TSA/CN=MotCua Test TSA', 'v3_tsa');
  run(dir, 'openssl', ['ca', '-config', 'ca.cnf', '-revoke', 'revokedsigner.pem', '-crl_reason', 'keyCompromise']);
  run(dir, 'openssl', ['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'crl.pem']);
  run(dir, 'openssl', ['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der']);
  // An untrusted root and its signer (self-made, not in the trust list).
  run(dir, 'openssl', ['req', '-x509', ...ec, '-keyout', 'other.key', '-out', 'other.pem', '-days', '3650', '-subj', '/CN=Other Root/O=Other', '-config', 'ca.cnf', '-extensions', 'v3_ca']);
  run(dir, 'openssl', ['req', ...ec, '-keyout', 'foreign.key', '-out', 'foreign.csr', '-subj', '/C=VN/O=Công ty Lạ/CN=Công ty Lạ', '-utf8', '-config', 'ca.cnf']);
  run(dir, 'openssl', ['x509', '-req', '-in', 'foreign.csr', '-CA', 'other.pem', '-CAkey', 'other.key', '-CAcreateserial', '-out', 'foreign.pem', '-days', '365', '-extfile', 'ca.cnf', '-extensions', 'v3_signer']);
  return { dir };
}

/** A one-page PDF with uncompressed content (so a test can replace it). */
export async function makePdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, size: 'A4', info: { Title: 'Test', CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

// ─── Incremental updates ───

interface Trailer {
  root: number;
  size: number;
  prev: number;
}

function trailerOf(pdf: Buffer): Trailer {
  const t = latin1(pdf);
  const trailers = [...t.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)/g)];
  const last = trailers[trailers.length - 1];
  return { root: Number(/\/Root\s+(\d+)/.exec(last[1])![1]), size: Number(/\/Size\s+(\d+)/.exec(last[1])![1]), prev: Number(last[2]) };
}

/** The last written body of an object (between "N 0 obj" and "endobj"). */
function objectBody(pdf: Buffer, num: number): string {
  const t = latin1(pdf);
  const all = [...t.matchAll(new RegExp(`(?:^|\\s)${num}\\s+0\\s+obj\\b([\\s\\S]*?)endobj`, 'g'))];
  return all[all.length - 1][1].trim();
}

/** Appends an incremental update with the given objects (bodies as bytes) and a classic xref section. */
export function appendUpdate(pdf: Buffer, objects: { num: number; body: Buffer }[], rootNum?: number): Buffer {
  const tr = trailerOf(pdf);
  const parts: Buffer[] = [pdf, Buffer.from('\n')];
  let offset = pdf.length + 1;
  const offsets: [number, number][] = [];
  for (const o of objects) {
    const b = Buffer.concat([Buffer.from(`${o.num} 0 obj\n`), o.body, Buffer.from('\nendobj\n')]);
    offsets.push([o.num, offset]);
    parts.push(b);
    offset += b.length;
  }
  let xref = 'xref\n';
  for (const [n, off] of offsets.sort((a, b) => a[0] - b[0])) xref += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const size = Math.max(tr.size, ...objects.map((o) => o.num + 1));
  xref += `trailer\n<< /Size ${size} /Root ${rootNum ?? tr.root} 0 R /Prev ${tr.prev} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

const addToDict = (dict: string, entry: string) => dict.replace(/>>\s*$/, ` ${entry} >>`);

// ─── The test-only PAdES signer ───

const PLACEHOLDER_BYTES = 12_000;

export interface TestSigner {
  key: string;
  cert: string;
  chain: string[];
}

function der(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

const attribute = (type: string, ...values: Uint8Array[]) => encode(TAG.SEQUENCE, encodeOid(type), encode(TAG.SET, ...values));

function integerFromHex(hex: string): Uint8Array {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return encode(TAG.INTEGER, b);
}

/** Builds a CAdES detached SignedData over `data`: content-type, message-digest, signing-certificate-v2, no signing-time. */
function cadesSign(data: Buffer, signer: TestSigner, timestamp?: (signatureValue: Buffer) => Buffer): Buffer {
  const certDer = der(signer.cert);
  const f = certFields(certDer);
  const signedAttrs = [
    attribute(OID.contentType, encodeOid(OID.data)),
    attribute(OID.messageDigest, encode(TAG.OCTET_STRING, createHash('sha256').update(data).digest())),
    attribute(OID.signingCertificateV2, encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, encode(TAG.OCTET_STRING, createHash('sha256').update(certDer).digest()))))),
  ];
  const setDer = encode(TAG.SET, ...signedAttrs);
  const signature = cryptoSign('sha256', setDer, createPrivateKey(signer.key));
  const unsigned = timestamp ? [encode(ctx(1), attribute(OID.signatureTimeStamp, timestamp(signature)))] : [];
  const signerInfo = encode(
    TAG.SEQUENCE,
    integerFromHex('01'),
    encode(TAG.SEQUENCE, f.issuer, integerFromHex(f.serial)),
    encode(TAG.SEQUENCE, encodeOid(OID.sha256)),
    encode(ctx(0), ...signedAttrs),
    encode(TAG.SEQUENCE, encodeOid('1.2.840.10045.4.3.2')),
    encode(TAG.OCTET_STRING, signature),
    ...unsigned,
  );
  const signedData = encode(
    TAG.SEQUENCE,
    integerFromHex('01'),
    encode(TAG.SET, encode(TAG.SEQUENCE, encodeOid(OID.sha256))),
    encode(TAG.SEQUENCE, encodeOid(OID.data)),
    encode(ctx(0), certDer, ...signer.chain.map(der)),
    encode(TAG.SET, signerInfo),
  );
  return Buffer.from(encode(TAG.SEQUENCE, encodeOid(OID.signedData), encode(ctx(0), signedData)));
}

/** Adds a signature field and an ETSI.CAdES.detached signature in an incremental update. */
export function padesSign(pdf: Buffer, signer: TestSigner, timestamp?: (signatureValue: Buffer) => Buffer): Buffer {
  const tr = trailerOf(pdf);
  const sigNum = tr.size;
  const fieldNum = tr.size + 1;
  const catalog = objectBody(pdf, tr.root);
  const pagesNum = Number(/\/Pages\s+(\d+)/.exec(catalog)![1]);
  const pageNum = Number(/\/Kids\s*\[\s*(\d+)/.exec(objectBody(pdf, pagesNum))![1]);
  const brPlaceholder = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const sig = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${brPlaceholder} /Contents <${'0'.repeat(PLACEHOLDER_BYTES * 2)}> /M (D:20260101000000Z) >>`;
  const field = `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V ${sigNum} 0 R /F 132 /Rect [0 0 0 0] /P ${pageNum} 0 R >>`;
  const newCatalog = addToDict(catalog, `/AcroForm << /Fields [${fieldNum} 0 R] /SigFlags 3 >>`);
  let out = appendUpdate(pdf, [
    { num: sigNum, body: Buffer.from(sig) },
    { num: fieldNum, body: Buffer.from(field) },
    { num: tr.root, body: Buffer.from(newCatalog) },
  ]);
  const t = latin1(out);
  const brAt = t.lastIndexOf(brPlaceholder);
  const cAt = t.indexOf('/Contents <', brAt) + '/Contents '.length;
  const cEnd = t.indexOf('>', cAt) + 1;
  const br = `/ByteRange [0 ${String(cAt).padStart(10, '0')} ${String(cEnd).padStart(10, '0')} ${String(out.length - cEnd).padStart(10, '0')}]`;
  out = Buffer.concat([out.subarray(0, brAt), Buffer.from(br), out.subarray(brAt + br.length)]);
  const data = Buffer.concat([out.subarray(0, cAt), out.subarray(cEnd)]);
  const cms = cadesSign(data, signer, timestamp);
  if (cms.length > PLACEHOLDER_BYTES) throw new Error('signature larger than its placeholder');
  const hex = cms.toString('hex').padEnd(PLACEHOLDER_BYTES * 2, '0');
  out.write(hex, cAt + 1, 'latin1');
  return out;
}

/** Appends a /DSS (certificates and CRLs as streams) in an incremental update: PAdES B-LT. */
export function addDss(pdf: Buffer, certs: Buffer[], crls: Buffer[]): Buffer {
  const tr = trailerOf(pdf);
  let n = tr.size;
  const objs: { num: number; body: Buffer }[] = [];
  const stream = (b: Buffer) => {
    const num = n++;
    objs.push({ num, body: Buffer.concat([Buffer.from(`<< /Length ${b.length} >>\nstream\n`), b, Buffer.from('\nendstream')]) });
    return num;
  };
  const certNums = certs.map(stream);
  const crlNums = crls.map(stream);
  const dssNum = n++;
  objs.push({ num: dssNum, body: Buffer.from(`<< /Type /DSS /Certs [${certNums.map((x) => `${x} 0 R`).join(' ')}] /CRLs [${crlNums.map((x) => `${x} 0 R`).join(' ')}] >>`) });
  objs.push({ num: tr.root, body: Buffer.from(addToDict(objectBody(pdf, tr.root), `/DSS ${dssNum} 0 R`)) });
  return appendUpdate(pdf, objs);
}

/** An RFC 3161 token from `openssl ts -reply` over the SHA-256 of `value`. */
function tsToken(dir: string, value: Buffer): Buffer {
  const hash = createHash('sha256').update(value).digest('hex');
  run(dir, 'openssl', ['ts', '-query', '-digest', hash, '-sha256', '-cert', '-no_nonce', '-out', 'q.tsq']);
  run(dir, 'openssl', ['ts', '-reply', '-config', 'ca.cnf', '-queryfile', 'q.tsq', '-token_out', '-out', 'tok.der']);
  return readFileSync(join(dir, 'tok.der'));
}

/** Signs with pdfsig from an NSS database holding the signer's PKCS#12. */
function pdfsigSign(dir: string, pdf: Buffer): Buffer {
  run(dir, 'openssl', ['pkcs12', '-export', '-in', 'signer.pem', '-inkey', 'signer.key', '-certfile', 'root.pem', '-name', 'signer', '-out', 'signer.p12', '-passout', 'pass:pass']);
  mkdirSync(join(dir, 'nss'));
  run(dir, 'certutil', ['-N', '-d', 'sql:nss', '--empty-password']);
  run(dir, 'pk12util', ['-i', 'signer.p12', '-d', 'sql:nss', '-W', 'pass']);
  writeFileSync(join(dir, 'in.pdf'), pdf);
  // pdfsig 22.12 sometimes exits 3 ("NSS_Shutdown failed") after writing a file whose digest does not match (its own
  // check says "Digest Mismatch"): only a run that exits 0 gives a good file, so try a few times.
  // On a busy machine it can fail several times in a row ("unable update signature"): back off between tries.
  for (let attempt = 1; ; attempt++) {
    rmSync(join(dir, 'out.pdf'), { force: true });
    try {
      run(dir, 'pdfsig', ['-add-signature', '-nssdir', 'sql:nss', '-nick', 'signer', 'in.pdf', 'out.pdf']);
      break;
    } catch (e) {
      if (attempt >= 40) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(100 * attempt, 1000));
    }
  }
  const out = readFileSync(join(dir, 'out.pdf'));
  if (!out.includes('/ByteRange')) throw new Error('pdfsig wrote no signature');
  return out;
}

export async function buildFixtures(): Promise<Fixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-verify-'));
  makePki(dir);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const rootPem = read('root.pem');
  const unsigned = await makePdf('Giấy khai sinh (bản điện tử) — thử nghiệm');
  const other = await makePdf('Một tài liệu khác hoàn toàn');
  const signer: TestSigner = { key: read('signer.key'), cert: read('signer.pem'), chain: [rootPem] };
  const ts = (v: Buffer) => tsToken(dir, v);
  const crlDer = readFileSync(join(dir, 'crl.der'));
  const chainDer = [der(rootPem), der(read('signer.pem')), der(read('tsa.pem'))];

  const bt = padesSign(unsigned, signer, ts);
  const blt = addDss(bt, chainDer, [crlDer]);
  // One byte of the page content changed (inside the first signed range).
  const oneByteChanged = Buffer.from(blt);
  const at = oneByteChanged.indexOf('/MediaBox [0 0 595.28');
  oneByteChanged[at + '/MediaBox [0 0 595.2'.length] = 0x39; // 595.28 → 595.29
  // An update that replaces the page's content stream.
  const pageContent = Number(/\/Contents\s+(\d+)/.exec(latin1(unsigned))![1]);
  const fake = Buffer.from('BT /F1 14 Tf 72 700 Td (Noi dung gia mao) Tj ET');
  const contentAppended = appendUpdate(bt, [{ num: pageContent, body: Buffer.concat([Buffer.from(`<< /Length ${fake.length} >>\nstream\n`), fake, Buffer.from('\nendstream')]) }]);
  // The signature's incremental update (with its ByteRange) put after another document.
  const copied = Buffer.concat([other, bt.subarray(unsigned.length)]);
  const untrusted = padesSign(unsigned, { key: read('foreign.key'), cert: read('foreign.pem'), chain: [read('other.pem')] }, ts);
  const revokedBt = padesSign(unsigned, { key: read('revokedsigner.key'), cert: read('revokedsigner.pem'), chain: [rootPem] }, ts);
  const revoked = addDss(revokedBt, [der(rootPem), der(read('revokedsigner.pem')), der(read('tsa.pem'))], [crlDer]);
  const pdfsigSigned = pdfsigSign(dir, unsigned);
  return {
    dir,
    rootPem,
    unsigned,
    pdfsigSigned,
    blt,
    bt,
    oneByteChanged,
    contentAppended,
    copied,
    untrusted,
    revoked,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export { X509Certificate };
