import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { children, decode, readOid } from '../../../shared/pki/der';
import { OID } from './oids';
import { readPkcs12, writePkcs12 } from './pkcs12';
import { cadesDetached } from './pades';
import { sha256 } from './cms';
import { pkcs12Signer } from './signer';
import { Trust } from './trust';
import { HttpTsa, TsaUnavailable } from './tsa';

let dir: string;
let trust: Trust;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pki-'));
  trust = new Trust({ pkiDir: dir, demo: true, p12Dir: path.join(dir, 'agencies'), p12Password: 'mật-khẩu demo', tsaUrl: null, tsaTimeoutMs: 1000, trustAnchorsFile: path.join(dir, 'trust-anchors.pem') }, () => new Date());
  trust.init();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('demo trust setup', () => {
  it('creates a DEMO root, TSA, CRL and trust anchors once, and one certificate per agency with its name and code', () => {
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['README-DEMO.txt', 'demo-root-ca.crl', 'demo-root-ca.p12', 'demo-tsa.p12', 'trust-anchors.pem']));
    const root = new X509Certificate(fs.readFileSync(path.join(dir, 'trust-anchors.pem')));
    expect(root.subject).toContain('CN=MotCua DEMO Root CA');
    expect(root.ca).toBe(true);
    const signer = trust.signerFor({ code: '000.00.21.H38', name: 'Ủy ban nhân dân phường Hồng Bàng' });
    const leaf = signer.chain()[0].x509;
    expect(leaf.subject).toContain('CN=Ủy ban nhân dân phường Hồng Bàng');
    expect(leaf.subject).toContain('000.00.21.H38');
    expect(leaf.subject).toContain('O=MotCua DEMO');
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.checkIssued(root)).toBe(true);
    // A second Trust over the same folder reuses the same root and key.
    const again = new Trust(trust.config, () => new Date());
    expect(again.signerFor({ code: '000.00.21.H38', name: 'x' }).chain()[0].sha256).toEqual(signer.chain()[0].sha256);
    expect(run('openssl', ['crl', '-inform', 'DER', '-in', path.join(dir, 'demo-root-ca.crl'), '-CAfile', path.join(dir, 'trust-anchors.pem'), '-noout'])).toBe('');
  });

  it('writes PKCS#12 files OpenSSL reads, and reads the ones OpenSSL writes', () => {
    const file = path.join(dir, 'agencies', '000.00.21.H38.p12');
    const info = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:mật-khẩu demo', '-nodes', '-info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(info).toContain('BEGIN PRIVATE KEY');
    expect(info).toContain('BEGIN CERTIFICATE');
    // OpenSSL 3 defaults: PBES2/AES-256-CBC for the key and the certificates, SHA-256 MAC.
    const key = path.join(dir, 'k.pem');
    const cert = path.join(dir, 'c.pem');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    run('openssl', ['req', '-new', '-x509', '-key', key, '-subj', '/CN=OpenSSL test', '-days', '2', '-out', cert]);
    const out = path.join(dir, 'openssl.p12');
    run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-passout', 'pass:secret', '-out', out]);
    const read = readPkcs12(fs.readFileSync(out), 'secret');
    expect(new X509Certificate(Buffer.from(read.chain[0])).subject).toBe('CN=OpenSSL test');
    expect(read.key.export({ format: 'jwk' }).x).toBe(publicKey.export({ format: 'jwk' }).x);
    expect(() => readPkcs12(fs.readFileSync(out), 'wrong')).toThrow(/password/);
    // Round trip of our own writer.
    const ours = writePkcs12({ key: read.key, chain: read.chain, password: 'p', friendlyName: 'x' });
    expect(pkcs12Signer(ours, 'p').chain()[0].x509.subject).toBe('CN=OpenSSL test');
  });

  it('signs CAdES detached with signing-certificate-v2, no signing-time and a time-stamp, verified by OpenSSL', async () => {
    const signer = trust.signerFor({ code: '000.00.21.H38', name: 'Ủy ban nhân dân phường Hồng Bàng' });
    const content = Buffer.from('nội dung được ký');
    for (const s of [signer, { algorithm: signer.algorithm, chain: () => signer.chain(), sign: (d: Uint8Array) => signer.sign(d) }]) {
      // Both paths: the in-memory key's message signing, and a digest-only signer (as an HSM or remote service).
      const cms = await cadesDetached(sha256(content), s, trust.tsa());
      fs.writeFileSync(path.join(dir, 'sig.der'), cms);
      fs.writeFileSync(path.join(dir, 'content.bin'), content);
      execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'content.bin'), '-CAfile', path.join(dir, 'trust-anchors.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
      const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'sig.der')]);
      expect(printed).toContain('id-smime-aa-signingCertificateV2');
      expect(printed).toContain('id-smime-aa-timeStampToken');
      expect(printed).not.toContain('signingTime');
    }
  });

  it('asks an HTTP TSA with a short timeout and fails with TsaUnavailable when it does not answer', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer(() => undefined);
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/tsa`;
    await expect(new HttpTsa(url, 300).timestamp(new Uint8Array(32))).rejects.toBeInstanceOf(TsaUnavailable);
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));

    // A TSA that answers: the built-in one behind HTTP.
    const local = trust.builtInTsa()!;
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c) => parts.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/timestamp-reply');
        res.end(Buffer.from(local.respond(new Uint8Array(Buffer.concat(parts)))));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const token = await new HttpTsa(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 2000).timestamp(sha256(Buffer.from('x')));
    await new Promise((r) => server.close(r));
    const eContentType = readOid(children(children(children(children(decode(token))[1])[0])[2])[0]);
    expect(eContentType).toBe(OID.tstInfo);
  });
});
