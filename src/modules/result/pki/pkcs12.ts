/**
 * PKCS#12 (RFC 7292) key stores: written with the key as a PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) shrouded key bag
 * and the certificates in plain cert bags, HMAC-SHA256 integrity; read back from those and from what OpenSSL 3
 * writes by default (PBES2-encrypted safe contents). The legacy RC2/3DES PBE algorithms are not read: convert such a
 * file with `openssl pkcs12 -legacy` then export again.
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, pbkdf2Sync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { bmp, children, decode, explicit, int, nul, octets, oid, readInt, readOid, seq, setOf, type Node } from '../../../shared/pki/der';
import { OID } from './oids';

const ITERATIONS = 10_000;

/** The PKCS#12 key derivation (RFC 7292 appendix B) with SHA-256, for the MAC key (id 3). */
function pkcs12Kdf(password: string, salt: Uint8Array, id: number, iterations: number, size: number): Buffer {
  const u = 32;
  const v = 64;
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), 2 * i);
  const fill = (src: Uint8Array) => {
    if (!src.length) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length];
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(pw)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < size; produced += u) {
    let A = createHash('sha256').update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash('sha256').update(A).digest();
    out.push(A);
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const s = I[j + k] + B[k] + carry;
        I[j + k] = s & 0xff;
        carry = s >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, size);
}

const macOf = (password: string, salt: Uint8Array, iterations: number, data: Uint8Array) => createHmac('sha256', pkcs12Kdf(password, salt, 3, iterations, 32)).update(data).digest();

const bag = (type: string, value: Uint8Array, attrs: Uint8Array[]) => seq(oid(type), explicit(0, value), ...(attrs.length ? [setOf(...attrs)] : []));

/** A PKCS#12 file with one private key and its chain (the first certificate is the key's). */
export function writePkcs12(opts: { key: KeyObject; chain: Uint8Array[]; password: string; friendlyName: string }): Buffer {
  const localKeyId = createHash('sha1').update(opts.chain[0]).digest();
  const idAttrs = [seq(oid(OID.localKeyId), setOf(octets(localKeyId))), seq(oid(OID.friendlyName), setOf(bmp(opts.friendlyName)))];
  const shrouded = new Uint8Array(opts.key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: opts.password }));
  const keyBags = seq(bag(OID.pkcs8ShroudedKeyBag, shrouded, idAttrs));
  const certBags = seq(...opts.chain.map((c, i) => bag(OID.certBag, seq(oid(OID.x509Certificate), explicit(0, octets(c))), i === 0 ? idAttrs : [])));
  const dataInfo = (content: Uint8Array) => seq(oid(OID.data), explicit(0, octets(content)));
  const authSafe = seq(dataInfo(certBags), dataInfo(keyBags));
  const salt = randomBytes(16);
  const mac = macOf(opts.password, salt, ITERATIONS, authSafe);
  const macData = seq(seq(seq(oid(OID.sha256), nul()), octets(mac)), octets(salt), int(ITERATIONS));
  return Buffer.from(seq(int(3), dataInfo(authSafe), macData));
}

export class Pkcs12Error extends Error {}

/** Reads the private key and the certificates (the key's first, then the others as found). */
export function readPkcs12(file: Uint8Array, password: string): { key: KeyObject; chain: Uint8Array[] } {
  const pfx = children(decode(new Uint8Array(file)));
  if (pfx.length < 3) throw new Pkcs12Error('PKCS#12 without integrity (MAC) is refused');
  const authSafeInfo = children(pfx[1]);
  if (readOid(authSafeInfo[0]) !== OID.data) throw new Pkcs12Error('PKCS#12 with public-key integrity is not supported');
  const authSafe = decode(children(authSafeInfo[1])[0].raw).content;
  // MAC: DigestInfo, salt, iterations.
  const [digestInfo, saltNode, iterNode] = children(pfx[2]);
  const [alg, digest] = children(digestInfo);
  if (readOid(children(alg)[0]) !== OID.sha256) throw new Pkcs12Error('PKCS#12 MAC algorithm not supported (SHA-256 only)');
  const iterations = iterNode ? Number(readInt(iterNode)) : 1;
  const mac = macOf(password, saltNode.content, iterations, authSafe);
  if (mac.length !== digest.content.length || !timingSafeEqual(mac, digest.content)) throw new Pkcs12Error('wrong PKCS#12 password or damaged file');

  let key: KeyObject | undefined;
  let keyId: string | undefined;
  const certs: Array<{ der: Uint8Array; id?: string }> = [];
  for (const info of children(decode(authSafe))) {
    const [type, wrapped] = children(info);
    const t = readOid(type);
    let safeContents: Uint8Array;
    if (t === OID.data) safeContents = children(wrapped)[0].content;
    else if (t === OID.encryptedData) safeContents = decryptEncryptedData(children(wrapped)[0], password);
    else throw new Pkcs12Error(`unsupported PKCS#12 content ${t}`);
    for (const b of children(decode(safeContents))) {
      const [bagId, bagValue, attrs] = children(b);
      const id = attrs ? localKeyIdOf(attrs) : undefined;
      const value = children(bagValue)[0];
      const bt = readOid(bagId);
      if (bt === OID.pkcs8ShroudedKeyBag) {
        key = createPrivateKey({ key: Buffer.from(value.raw), format: 'der', type: 'pkcs8', passphrase: password });
        keyId = id;
      } else if (bt === OID.certBag) {
        const [certType, certValue] = children(value);
        if (readOid(certType) === OID.x509Certificate) certs.push({ der: children(certValue)[0].content, id });
      }
    }
  }
  if (!key) throw new Pkcs12Error('no private key in the PKCS#12 file');
  const own = certs.findIndex((c) => keyId !== undefined && c.id === keyId);
  const ordered = own > 0 ? [certs[own], ...certs.filter((_, i) => i !== own)] : certs;
  if (!ordered.length) throw new Pkcs12Error('no certificate in the PKCS#12 file');
  return { key, chain: ordered.map((c) => c.der) };
}

function localKeyIdOf(attrs: Node): string | undefined {
  for (const a of children(attrs)) {
    const [type, values] = children(a);
    if (readOid(type) === OID.localKeyId) return Buffer.from(children(values)[0].content).toString('hex');
  }
  return undefined;
}

/** EncryptedData (version, EncryptedContentInfo) under PBES2 with PBKDF2 and AES-CBC. */
function decryptEncryptedData(encryptedData: Node, password: string): Uint8Array {
  const [, eci] = children(encryptedData);
  const [, algId, content] = children(eci);
  const [algOid, params] = children(algId);
  if (readOid(algOid) !== OID.pbes2) throw new Pkcs12Error('PKCS#12 encryption not supported (PBES2 only; use openssl pkcs12 without -legacy)');
  const [kdf, scheme] = children(params);
  const [kdfOid, kdfParams] = children(kdf);
  if (readOid(kdfOid) !== OID.pbkdf2) throw new Pkcs12Error('PBES2 key derivation not supported');
  const kp = children(kdfParams);
  const salt = kp[0].content;
  const iter = Number(readInt(kp[1]));
  let prf = 'sha1';
  for (const n of kp.slice(2)) if (n.tag === 0x30 && readOid(children(n)[0]) === OID.hmacWithSha256) prf = 'sha256';
  const [schemeOid, iv] = children(scheme);
  const cipher = readOid(schemeOid) === OID.aes256Cbc ? 'aes-256-cbc' : readOid(schemeOid) === OID.aes128Cbc ? 'aes-128-cbc' : null;
  if (!cipher) throw new Pkcs12Error('PBES2 cipher not supported');
  const k = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iter, cipher === 'aes-256-cbc' ? 32 : 16, prf);
  const d = createDecipheriv(cipher, k, iv.content);
  // [0] IMPLICIT OCTET STRING: primitive (0x80) or constructed of segments (0xa0).
  const data = content.tag === 0xa0 ? Buffer.concat(children(content).map((c) => c.content)) : content.content;
  return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
}
