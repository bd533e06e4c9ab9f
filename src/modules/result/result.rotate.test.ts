import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { DEMO_COMMUNES } from '../../seed/demo-province';
import { runKeysCommand } from '../../keys.cli';
import { PageCanvas, plainPdf } from './render/pdf';
import { readPkcs12, writePkcs12 } from './pki/pkcs12';
import { buildCertificate } from './pki/x509';
import { rotateAgencySigningKey } from './index';
import { nssTrusting } from '../../../test/support/nss';

/** Rotating an agency's signing key while the server runs: the next signature uses the new key, old results stay valid. */
let p: TestPlatform;
let work: string;
let nss: string;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const HB = DEMO_COMMUNES[0];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-rotate-'));
  p = await startTestPlatform({ env: { DATA_DIR: work } });
  nss = nssTrusting(work, p.services.results.trustAnchorsFile());
});
afterAll(async () => {
  await p?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const agencyId = async (code: string) => ((await p.anonymous().get('/api/agencies')).json() as any[]).find((a) => a.code === code).id as string;

async function signed(name: string): Promise<{ file: string; bytes: Buffer }> {
  const page = new PageCanvas();
  page.text(`Văn bản thử ${name}`, 72, 72, 'regular', 12);
  const pdf = plainPdf(page, { title: name, author: 'MotCua', subject: name }, new Date());
  const bytes = await p.services.results.signPdf({ pdf, agencyId: await agencyId(HB.code), reason: 'Thử thay khóa' }, new Date());
  const file = path.join(work, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

/** The signing certificate's DER, as hex, appears in the PDF's /Contents (the CMS carries it). */
const carries = (pdf: Buffer, certDer: Uint8Array) => pdf.toString('latin1').toLowerCase().includes(Buffer.from(certDer).toString('hex'));
const leafOf = (file: string, password: string) => readPkcs12(fs.readFileSync(file), password).chain[0];
const p12File = () => path.join(p.config.results.p12Dir, `${HB.code}.p12`);
const demoPassword = () => fs.readFileSync(path.join(p.config.results.pkiDir, 'DEMO-PASSWORD'), 'utf8').trim();

function expectValid(file: string) {
  const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file]);
  expect(out).toContain('Signature is Valid');
  expect(out).toContain('Certificate is Trusted');
}

describe('signing key rotation (motcua keys rotate-signing)', () => {
  it('the running server signs with the new key at once; results signed before stay valid with their own certificate', async () => {
    const before = await signed('before');
    const oldLeaf = leafOf(p12File(), demoPassword());
    expect(carries(before.bytes, oldLeaf)).toBe(true);

    const lines: string[] = [];
    const code = await runKeysCommand(['rotate-signing', '--agency', HB.code], p.config, (fn) => fn(p.ctx.db), (s) => lines.push(s), (s) => lines.push(`ERR ${s}`));
    expect(code, lines.join('')).toBe(0);
    const r = JSON.parse(lines[0]);
    expect(r).toMatchObject({ rotated: 'signing', agency: HB.code });
    expect(r.newSerial).not.toBe(r.oldSerial);
    expect(fs.existsSync(r.retired)).toBe(true);
    expect(Buffer.from(leafOf(r.retired, demoPassword())).equals(Buffer.from(oldLeaf))).toBe(true);

    const after = await signed('after');
    const newLeaf = leafOf(p12File(), demoPassword());
    expect(new X509Certificate(Buffer.from(newLeaf)).serialNumber).toBe(r.newSerial);
    expect(carries(after.bytes, newLeaf)).toBe(true);
    expect(carries(after.bytes, oldLeaf)).toBe(false);
    expect(new X509Certificate(Buffer.from(newLeaf)).subject).toContain(HB.code);
    expectValid(before.file);
    expectValid(after.file);
  });

  it('takes an operator’s new PKCS#12 file, and refuses one that does not open or whose certificate has expired', async () => {
    const root = readPkcs12(fs.readFileSync(path.join(p.config.results.pkiDir, 'demo-root-ca.p12')), demoPassword());
    const make = (notAfter: Date, password: string) => {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const cert = buildCertificate({
        subject: { country: 'VN', organization: 'MotCua DEMO', organizationIdentifier: HB.code, commonName: 'Ủy ban nhân dân phường Hồng Bàng (khóa mới)' },
        subjectKey: publicKey,
        signingKey: root.key,
        issuer: { name: { country: 'VN', organization: 'MotCua DEMO', commonName: 'MotCua DEMO Root CA' }, publicKey: createPublicKey(root.key) },
        notBefore: new Date(Date.UTC(2020, 0, 1)),
        notAfter,
        keyUsage: ['digitalSignature', 'nonRepudiation'],
      });
      return writePkcs12({ key: privateKey, chain: [cert, root.chain[0]], password, friendlyName: 'operator' });
    };
    const agency = { code: HB.code, name: 'Ủy ban nhân dân phường Hồng Bàng' };
    const current = fs.readFileSync(p12File());
    expect(() => rotateAgencySigningKey(p.config.results, agency, make(new Date(Date.UTC(2040, 0, 1)), 'wrong password'))).toThrow(/password/i);
    expect(() => rotateAgencySigningKey(p.config.results, agency, make(new Date(Date.UTC(2021, 0, 1)), demoPassword()))).toThrow(/not valid now/);
    expect(fs.readFileSync(p12File()).equals(current)).toBe(true);

    const file = path.join(work, 'operator.p12');
    fs.writeFileSync(file, make(new Date(Date.UTC(2040, 0, 1)), demoPassword()));
    const lines: string[] = [];
    expect(await runKeysCommand(['rotate-signing', '--agency', HB.code, '--p12', file], p.config, (fn) => fn(p.ctx.db), (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    const signedWithIt = await signed('operator');
    expect(run('pdfsig', ['-nssdir', `sql:${nss}`, signedWithIt.file])).toMatch(/Signer Certificate Common Name: .*khóa mới/);
    expectValid(signedWithIt.file);

    const err: string[] = [];
    expect(await runKeysCommand(['rotate-signing', '--agency', '000.00.99.H38'], p.config, (fn) => fn(p.ctx.db), () => {}, (s) => err.push(s))).toBe(2);
    expect(err.join('')).toMatch(/Không có cơ quan/);
    expect(await runKeysCommand(['rotate-signing'], p.config, (fn) => fn(p.ctx.db), () => {}, () => {})).toBe(2);
  });
});

describe('webhook secret rotation (motcua keys rotate-webhooks)', () => {
  it('gives every active webhook of the agency a new secret, the old one kept for a day, audited', async () => {
    const admin = await p.loginAs('qtv.haiphong');
    const hb = await agencyId(HB.code);
    const created = await admin.post('/api/payments/webhooks', { agency_id: hb, url: 'http://127.0.0.1:9/hook', description: 'Kế toán' }, { 'idempotency-key': crypto.randomUUID() });
    expect(created.statusCode, created.body).toBe(201);
    const lines: string[] = [];
    expect(await runKeysCommand(['rotate-webhooks', '--agency', HB.code], p.config, (fn) => fn(p.ctx.db), (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    const r = JSON.parse(lines[0]);
    expect(r).toEqual({ rotated: 'webhooks', count: 1, ids: [created.json().id] });
    const listed = (await admin.get(`/api/payments/webhooks?agency_id=${hb}`)).json().webhooks[0];
    expect(new Date(listed.previous_secret_until).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const audit = (await p.ctx.db.execute(`select count(*)::int as n from audit_log where action = 'payment.webhook_secret_rotated' and target_id = '${created.json().id}'`)) as unknown as { rows: Array<{ n: number }> };
    expect(audit.rows[0].n).toBe(1);
  });
});
