import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, multipartBody, ok, sampleData, startDossierPlatform, submittedDossier, TU_PHAP, vn } from '../../../test/support/dossier';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { nssTrusting } from '../../../test/support/nss';

/** Chứng thực bản sao điện tử từ bản chính: desk filing, the officer's confirmation, the signed copy, its verification. */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let work: string;
let nss: string;
let desk: TestClient;
let hb: string;
const PROCEDURE = 'certified-copy-from-original';
const APPLICANT = { type: 'citizen', personalId: CITIZEN, fullName: 'Nguyễn Văn An' };

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  desk = await p.loginAs('tiepnhan.hongbang');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-copy-'));
  nss = nssTrusting(work, p.services.results.trustAnchorsFile());
});
afterAll(async () => {
  await p?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A two-page scan as a PDF with real text. */
async function scanPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(16).text('DIPLOMA ORIGINAL PAGE ONE');
  doc.addPage().fontSize(16).text('DIPLOMA ORIGINAL PAGE TWO');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A small RGB PNG (a grey square), built by hand. */
function scanPng(): Buffer {
  const crc = (b: Buffer) => {
    let c = ~0;
    for (const x of b) {
      c ^= x;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const w = 40;
  const h = 30;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0x80);
  for (let r = 0; r < h; r++) raw[r * (w * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A dossier of the certification procedure filed at the desk for the citizen and received. */
async function receivedCopyDossier(): Promise<{ id: string; code: string }> {
  const d = ok(await desk.post('/api/officer/dossiers', { procedure: PROCEDURE, agencyId: hb, channel: 'in_person', applicant: APPLICANT, data: await sampleData(p, PROCEDURE) }), 201);
  const s = ok(await desk.post(`/api/dossiers/${d.id}/submit`));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  return { id: d.id, code: s.code };
}

function certify(c: TestClient, id: string, fields: Record<string, string>, scan: { bytes: Buffer; type: string; name: string }, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartBody(fields, scan);
  return c.request('POST', `/api/dossiers/${id}/certified-copies`, payload, { 'content-type': contentType, ...headers });
}

describe('certified electronic copy from an original', () => {
  let dossier: { id: string; code: string };
  let copy: any;
  let pdf: Buffer;
  const file = () => path.join(work, 'copy.pdf');

  it('is certified by the desk officer after confirming the match: signed, in the register, in the data store, audited', async () => {
    p.clock.set(vn('2026-03-02T09:00'));
    dossier = await receivedCopyDossier();
    const key = { 'idempotency-key': 'copy-0001-aaaaaaaa' };
    const scan = { bytes: await scanPdf(), type: 'application/pdf', name: 'bang.pdf' };
    const res = await certify(desk, dossier.id, { confirmed: 'true', documentName: 'Bằng tốt nghiệp trung học phổ thông' }, scan, key);
    copy = ok(res, 201);
    expect(copy).toMatchObject({ kind: 'certified_copy', documentType: 'certified-copy', status: 'valid', number: '1, quyển số 01/2026-SCT/BS', issuer: expect.stringContaining('Hồng Bàng') });
    expect(copy.verifyUrl).toBe(`${p.config.publicUrl}/xac-thuc?ma=${copy.verificationCode}`);

    const citizen = await citizenClient(p, CITIZEN);
    const download = await citizen.get(copy.downloadUrl);
    expect(download.statusCode).toBe(200);
    pdf = download.rawPayload;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(copy.sha256);
    fs.writeFileSync(file(), pdf);

    // In the citizen's data store, byte for byte.
    const store = ok(await citizen.get('/api/me/store'));
    const item = (store.items ?? store).find((i: { sha256: string }) => i.sha256 === copy.sha256);
    expect(item).toMatchObject({ source: 'result', dossierId: dossier.id });

    // The confirmation is audited: who, when, the match with the original.
    const audits = await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'result.copy_certified'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: expect.any(String), actorRole: 'receiving_officer', targetId: copy.id, at: vn('2026-03-02T09:00'), afterDigest: expect.any(String) });
    const events = await p.ctx.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'result.copy_certified'));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0].payload)).not.toContain('Nguyễn');

    // A retry with the same key gets the same answer, not a second copy.
    const again = await certify(desk, dossier.id, { confirmed: 'true', documentName: 'Bằng tốt nghiệp trung học phổ thông' }, scan, key);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(copy.id);
    expect(ok(await desk.get(`/api/dossiers/${dossier.id}/results`)).items).toHaveLength(1);
  });

  it('passes pdfsig: ETSI.CAdES.detached, valid, trusted, with a /DSS', () => {
    const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file()]);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Certificate is Trusted');
    expect(pdf.toString('latin1')).toMatch(/\/DSS \d+ 0 R/);
  });

  it('reads the scan pages and the certification statement with diacritics (pdftotext)', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', file(), '-']);
    expect(text).toContain('DIPLOMA ORIGINAL PAGE ONE');
    expect(text).toContain('DIPLOMA ORIGINAL PAGE TWO');
    expect(text).toContain('Chứng thực bản sao đúng với bản chính.');
    expect(text).toContain('LỜI CHỨNG CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH');
    expect(text).toContain('Số chứng thực: 1');
    expect(text).toContain('Quyển số: 01/2026-SCT/BS');
    expect(text).toContain('ngày 02 tháng 3 năm 2026');
    expect(text).toContain('Bằng tốt nghiệp trung học phổ thông (2 trang');
    expect(text).toMatch(/Người thực hiện chứng thực: \S+/);
    expect(text.toLocaleUpperCase('vi')).toContain('HỒNG BÀNG');
    expect(text).toContain(copy.verificationCode);
    expect(run('pdfinfo', [file()])).toMatch(/Pages:\s+3/);
  });

  it('verifies as a valid certified copy; one changed byte is refused; revoked, it says so', async () => {
    const post = (body: Buffer) => p.anonymous().request('POST', '/api/verification', body, { 'content-type': 'application/pdf' });
    const report = ok(await post(pdf));
    expect(report).toMatchObject({ verdict: 'valid', trusted: true, signature: 'valid', level: 'B-LT' });
    expect(report.result).toMatchObject({ kind: 'certified_copy', code: copy.verificationCode, status: 'valid', documentType: 'certified-copy' });
    expect(JSON.stringify(report)).not.toContain('Nguyễn Văn An');
    expect(report.messages).toContainEqual(expect.objectContaining({ code: 'result.valid', text: expect.objectContaining({ vi: expect.stringContaining('chứng thực từ bản chính') }) }));

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/ByteRange') - 200;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const bad = ok(await post(tampered));
    expect(bad.verdict).toBe('invalid');

    expect(ok(await p.anonymous().get(`/api/verification/results/${copy.verificationCode}`)).result).toMatchObject({ kind: 'certified_copy', status: 'valid' });

    const approver = await p.loginAs('lanhdao.hongbang');
    expectProblem(await approver.post(`/api/results/${copy.id}/replace`, { reason: 'Sai tên giấy tờ' }), 409, 'result.copy_not_replaceable');
    ok(await approver.post(`/api/results/${copy.id}/revoke`, { reason: 'Bản chính bị phát hiện giả mạo' }));
    const revoked = ok(await post(pdf));
    expect(revoked.verdict).toBe('revoked');
    expect(revoked.result).toMatchObject({ kind: 'certified_copy', status: 'revoked', reason: 'Bản chính bị phát hiện giả mạo' });
  });

  it('embeds a PNG scan on an A4 page', async () => {
    const d = await receivedCopyDossier();
    const png = ok(await certify(desk, d.id, { confirmed: 'true' }, { bytes: scanPng(), type: 'image/png', name: 'scan.png' }), 201);
    expect(png.number).toBe('2, quyển số 01/2026-SCT/BS');
    const f = path.join(work, 'png-copy.pdf');
    fs.writeFileSync(f, (await desk.get(png.downloadUrl)).rawPayload);
    expect(run('pdfsig', ['-nssdir', `sql:${nss}`, f])).toContain('Certificate is Trusted');
    expect(run('pdfinfo', [f])).toMatch(/Pages:\s+2/);
    expect(run('pdfimages', ['-list', f])).toMatch(/\s40\s+30\s+rgb/);
  });

  it('refuses: no confirmation, no scan, an unsupported scan, another procedure, another agency, a citizen, before reception', async () => {
    const d = await receivedCopyDossier();
    const scan = { bytes: await scanPdf(), type: 'application/pdf', name: 'bang.pdf' };
    const missing = expectProblem(await certify(desk, d.id, {}, scan), 422, 'result.copy_confirmation_missing');
    expect(missing.title).toBeTruthy();
    expectProblem(await certify(desk, d.id, { confirmed: 'false' }, scan), 422, 'result.copy_confirmation_missing');
    expectProblem(await certify(desk, d.id, { confirmed: 'true' }, { bytes: Buffer.from('just some text, not a scan'), type: 'text/plain', name: 'a.txt' }), 415, 'result.unsupported_scan');
    expectProblem(await certify(desk, d.id, { confirmed: 'true' }, { bytes: Buffer.from('%PDF-1.4\ngarbage'), type: 'application/pdf', name: 'broken.pdf' }), 415, 'result.unsupported_scan');
    const noFile = Buffer.from('--b0\r\nContent-Disposition: form-data; name="confirmed"\r\n\r\ntrue\r\n--b0--\r\n');
    expectProblem(await desk.request('POST', `/api/dossiers/${d.id}/certified-copies`, noFile, { 'content-type': 'multipart/form-data; boundary=b0' }), 400, 'result.scan_missing');

    const citizen = await citizenClient(p, CITIZEN);
    const other = await submittedDossier(p, citizen, hb);
    ok(await desk.post(`/api/dossiers/${other.id}/receive`));
    expectProblem(await certify(desk, other.id, { confirmed: 'true' }, scan), 409, 'result.not_certification');

    const foreign = await p.loginAs('tiepnhan.tuphap');
    expect(await agencyId(p, TU_PHAP)).toBeTruthy();
    const refused = await certify(foreign, d.id, { confirmed: 'true' }, scan);
    expect([403, 404]).toContain(refused.statusCode);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await certify(citizen, d.id, { confirmed: 'true' }, scan)).statusCode).toBe(403);

    const draft = ok(await desk.post('/api/officer/dossiers', { procedure: PROCEDURE, agencyId: hb, channel: 'in_person', applicant: APPLICANT, data: await sampleData(p, PROCEDURE) }), 201);
    ok(await desk.post(`/api/dossiers/${draft.id}/submit`));
    expectProblem(await certify(desk, draft.id, { confirmed: 'true' }, scan), 409, 'result.copy_wrong_state');
    // Nothing was recorded by the refusals.
    const { items } = ok(await desk.get(`/api/dossiers/${d.id}/results`));
    expect(items).toHaveLength(0);
  });
});
