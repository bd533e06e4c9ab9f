import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, HONG_BANG, ok, sampleData, startDossierPlatform, upload, vn } from '../../../test/support/dossier';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { auditLog } from '../../platform/audit/audit.schema';
import { children, decode, readOid } from '../../shared/pki/der';
import { OID } from './pki/oids';
import { nssTrusting } from '../../../test/support/nss';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let citizen: TestClient;
let work: string;
let nss: string;

/** The ByteRange-covered bytes and the CMS of a PDF's (first) signature. */
function signatureOf(pdf: Buffer) {
  const s = pdf.toString('latin1');
  const br = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(s)!;
  const [a, b, c, d] = br.slice(1).map(Number);
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const cms = decode(new Uint8Array(der)).raw; // without the zero padding
  return { signed, cms: Buffer.from(cms) };
}

/** Signed and unsigned attribute types of the CMS's signer, and its time-stamp token. */
function profileOf(cms: Buffer) {
  const signedData = children(children(decode(new Uint8Array(cms)))[1])[0];
  const parts = children(signedData);
  const signerInfo = children(parts[parts.length - 1])[0];
  const si = children(signerInfo);
  const signedAttrs = si.find((n) => n.tag === 0xa0)!;
  const unsignedAttrs = si.find((n) => n.tag === 0xa1);
  const types = (n: typeof signedAttrs) => children(n).map((a) => readOid(children(a)[0]));
  const tokenAttr = unsignedAttrs ? children(unsignedAttrs).find((a) => readOid(children(a)[0]) === OID.signatureTimeStampToken) : undefined;
  const token = tokenAttr ? Buffer.from(children(children(tokenAttr)[1])[0].raw) : null;
  const signature = Buffer.from(si.find((n) => n.tag === 0x04)!.content);
  return { signed: types(signedAttrs), unsigned: unsignedAttrs ? types(unsignedAttrs) : [], token, signature, subFilter: null };
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-result-'));
  nss = nssTrusting(work, p.services.results.trustAnchorsFile());
});
afterAll(async () => {
  await p?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function issuedBirthCertificate() {
  p.clock.set(vn('2026-03-02T08:30'));
  citizen = await citizenClient(p, CITIZEN);
  const data = { ...(await sampleData(p, 'birth-registration')), childFullName: 'Nguyễn Thị Ánh Dương', childSex: 'female' };
  const d = ok(await citizen.post('/api/dossiers', { procedure: 'birth-registration', agencyId: hb, data }), 201);
  for (const doc of ['declaration', 'birth-certificate', 'identity']) ok(await upload(citizen, d.id, doc), 201);
  ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
  const desk = await p.loginAs('tiepnhan.hongbang');
  const specialist = await p.loginAs('chuyenvien.hongbang');
  const approver = await p.loginAs('lanhdao.hongbang');
  const resultOfficer = await p.loginAs('trakq.hongbang');
  p.clock.set(vn('2026-03-02T08:40'));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
  ok(await specialist.post(`/api/dossiers/${d.id}/propose`, { recommendation: 'approve' }));
  p.clock.set(vn('2026-03-02T08:50'));
  ok(await approver.post(`/api/dossiers/${d.id}/approve`, {}));
  expect(ok(await resultOfficer.post(`/api/dossiers/${d.id}/issue-result`, { electronic: true })).state).toBe('result_issued');
  return { dossierId: d.id as string, resultOfficer };
}

describe('signed electronic results', () => {
  let dossierId: string;
  let pdf: Buffer;
  let officer: TestClient;

  it('issues a signed birth certificate on approval, downloadable by the citizen and the officer, and in her data store', async () => {
    ({ dossierId, resultOfficer: officer } = await issuedBirthCertificate());
    const list = ok(await citizen.get(`/api/dossiers/${dossierId}/results`));
    expect(list.items).toHaveLength(1);
    const r = list.items[0];
    expect(r).toMatchObject({ documentType: 'birth-certificate', number: '1/2026/GKS', status: 'valid', issuer: expect.stringContaining('Hồng Bàng') });
    expect(r.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(r.fileName).toBe(`giay-khai-sinh-${r.verificationCode.toLowerCase()}.pdf`);
    expect(r.verifyUrl).toBe(`${p.config.publicUrl}/xac-thuc?ma=${r.verificationCode}`);

    const file = await citizen.get(r.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${r.fileName}"`);
    pdf = file.rawPayload;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(r.sha256);
    expect((await officer.get(r.downloadUrl)).rawPayload.equals(pdf)).toBe(true);

    // The same signed file in the subject's data store.
    const store = ok(await citizen.get('/api/me/store'));
    const item = (store.items ?? store).find((i: { dossierId: string | null }) => i.dossierId === dossierId);
    expect(item).toMatchObject({ source: 'result', sha256: r.sha256, fileName: r.fileName, sizeBytes: pdf.length });
    expect((await citizen.get(`/api/me/store/${item.id}`)).rawPayload.equals(pdf)).toBe(true);

    // Audited, with an outbox event, no personal data in the event.
    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'result.issued'));
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ dossierId, documentType: 'birth-certificate', sha256: r.sha256 }));
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain('Nguyễn');
    const audits = await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'result.issued'));
    expect(audits).toHaveLength(1);

    // The verifier's lookup, by hash and by code, without personal data.
    const byHash = await p.services.results.lookup.byHash(r.sha256);
    expect(byHash).toEqual({ code: r.verificationCode, kind: 'result', documentType: 'birth-certificate', title: r.title, issuer: r.issuer, number: '1/2026/GKS', issuedAt: vn('2026-03-02T08:50').toISOString(), sha256: r.sha256, status: 'valid', replacedBy: null, reason: null });
    expect(await p.services.results.lookup.byCode(r.verificationCode.toLowerCase())).toEqual(byHash);
    expect(await p.services.results.lookup.byCode('0000000000000000000Z')).toBeUndefined();
    expect(await p.services.results.lookup.byHash('0'.repeat(64))).toBeUndefined();
  });

  it('is refused to someone who may not read the dossier', async () => {
    const other = await citizenClient(p, CITIZEN_L1);
    const { items } = ok(await citizen.get(`/api/dossiers/${dossierId}/results`));
    const res = await other.get(items[0].downloadUrl);
    expect([403, 404]).toContain(res.statusCode);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await p.anonymous().get(items[0].downloadUrl)).statusCode).toBe(401);
  });

  it('verifies with pdfsig against the demo root: ETSI.CAdES.detached, valid, trusted', () => {
    const file = path.join(work, 'result.pdf');
    fs.writeFileSync(file, pdf);
    const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file]);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Certificate is Trusted');
    expect(out).toContain('Signer Certificate Common Name:');
  });

  it('has the PAdES B-LT profile: signing-certificate-v2, no signing-time, a signature time-stamp, a /DSS', () => {
    const { cms } = signatureOf(pdf);
    const prof = profileOf(cms);
    expect(prof.signed).toEqual(expect.arrayContaining([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
    expect(prof.signed).not.toContain(OID.signingTime);
    expect(prof.unsigned).toEqual([OID.signatureTimeStampToken]);
    const s = pdf.toString('latin1');
    expect(s).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(s).toMatch(/\/DSS \d+ 0 R/);
    expect(s).toMatch(/\/Type \/DSS \/Certs \[[^\]]+\] \/CRLs \[\d+ 0 R\]/);
  });

  it('verifies with openssl cms -verify on the ByteRange bytes and openssl ts -verify on the time-stamp', () => {
    const { signed, cms } = signatureOf(pdf);
    const prof = profileOf(cms);
    fs.writeFileSync(path.join(work, 'sig.der'), cms);
    fs.writeFileSync(path.join(work, 'content.bin'), signed);
    fs.writeFileSync(path.join(work, 'token.der'), prof.token!);
    fs.writeFileSync(path.join(work, 'sigvalue.bin'), prof.signature);
    const anchors = p.services.results.trustAnchorsFile();
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(work, 'sig.der'), '-content', path.join(work, 'content.bin'), '-CAfile', anchors, '-purpose', 'any', '-out', path.join(work, 'out.bin')], { stdio: 'pipe' });
    const ts = run('openssl', ['ts', '-verify', '-in', path.join(work, 'token.der'), '-token_in', '-data', path.join(work, 'sigvalue.bin'), '-CAfile', anchors]);
    expect(ts).toContain('Verification: OK');
  });

  it('reads the child’s full name with diacritics, the Vietnamese date, the agency and the number', () => {
    const file = path.join(work, 'result.pdf');
    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('NGUYỄN THỊ ÁNH DƯƠNG');
    expect(text).toContain('Nữ');
    expect(text).toContain('ngày 02 tháng 3 năm 2026');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('GIẤY KHAI SINH');
    expect(text).toContain('Số: 1/2026/GKS');
    expect(text.toLocaleUpperCase('vi')).toContain('HỒNG BÀNG');
    expect(text).toContain('Trần Thị Mai');
    expect(text).not.toContain('Nguyễn Văn An'.toLocaleUpperCase('vi'));
  });

  it('verifies on the public verification API: valid, trusted, B-LT, in the register; one changed byte is refused', async () => {
    const { items } = ok(await citizen.get(`/api/dossiers/${dossierId}/results`));
    const post = (body: Buffer) => p.anonymous().request('POST', '/api/verification', body, { 'content-type': 'application/pdf' });
    const report = ok(await post(pdf));
    expect(report).toMatchObject({ verdict: 'valid', trusted: true, signature: 'valid', level: 'B-LT', integrity: 'validation_data_added' });
    expect(report.result).toMatchObject({ code: items[0].verificationCode, status: 'valid', number: '1/2026/GKS', documentType: 'birth-certificate' });
    expect(JSON.stringify(report)).not.toContain('Nguyễn Thị Ánh Dương');
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/ByteRange') - 200;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const bad = ok(await post(tampered));
    expect(bad.verdict).toBe('invalid');
    expect(bad.result).toBeNull();
    expect(ok(await p.anonymous().get(`/api/verification/results/${items[0].verificationCode}`)).result).toMatchObject({ status: 'valid', code: items[0].verificationCode });
  });

  it('answers RFC 3161 queries on POST /api/tsa (checked by openssl ts -verify)', async () => {
    const data = path.join(work, 'tsa-data.bin');
    fs.writeFileSync(data, 'dữ liệu cần dấu thời gian');
    const query = path.join(work, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query], { stdio: 'pipe' });
    const res = await p.anonymous().request('POST', '/api/tsa', fs.readFileSync(query), { 'content-type': 'application/timestamp-query' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/timestamp-reply');
    const reply = path.join(work, 'r.tsr');
    fs.writeFileSync(reply, res.rawPayload);
    const out = run('openssl', ['ts', '-verify', '-in', reply, '-queryfile', query, '-CAfile', p.services.results.trustAnchorsFile()]);
    expect(out).toContain('Verification: OK');
    const bad = await p.anonymous().request('POST', '/api/tsa', Buffer.from('not a query'), { 'content-type': 'application/timestamp-query' });
    expect(bad.statusCode).toBe(200); // an RFC 3161 rejection (status 2), as the protocol answers it
    expect(bad.rawPayload[0]).toBe(0x30);
  });
});
