import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';
import { nssTrusting } from '../../../test/support/nss';

/** Forms 01–05 downloaded through the API come out PAdES-signed by the receiving agency; form 06 stays unsigned. */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let work: string;
let nss: string;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let hb: string;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const act = (c: TestClient, id: string, action: string, body?: unknown) => c.post(`/api/dossiers/${id}/${action}`, body);

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-forms-'));
  nss = nssTrusting(work, p.services.results.trustAnchorsFile());
});
afterAll(async () => {
  await p?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function download(id: string, form: string): Promise<{ file: string; bytes: Buffer }> {
  const res = await citizen.get(`/api/dossiers/${id}/documents/${form}?format=pdf`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const file = path.join(work, `${id}-${form}.pdf`);
  fs.writeFileSync(file, res.rawPayload);
  return { file, bytes: res.rawPayload };
}

function expectSigned(file: string) {
  const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file]);
  expect(out).toContain('Signature Type: ETSI.CAdES.detached');
  expect(out).toContain('Signature is Valid');
  expect(out).toContain('Certificate is Trusted');
  expect(out).toMatch(/Signer Certificate Common Name: .*Hồng Bàng/);
  expect(out).toContain('Signature Validation: Signature is Valid');
  // B-LT: the validation data is in a /DSS of the final revision.
  expect(fs.readFileSync(file).toString('latin1')).toMatch(/\/DSS \d+ 0 R/);
}

/** MotCua's own verifier agrees: intact (only validation data after the signature), valid, trusted, B-LT. */
async function expectVerified(bytes: Buffer) {
  const res = await p.anonymous().request('POST', '/api/verification', bytes, { 'content-type': 'application/pdf' });
  expect(ok(res)).toMatchObject({ verdict: 'valid', signature: 'valid', trusted: true, level: 'B-LT', integrity: 'validation_data_added' });
}

describe('forms 01–05 signed by the one-stop unit', () => {
  it('signs the receipt (01), supplement request (02) and delay apology (04); leaves the control sheet (06) unsigned', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const d = await submittedDossier(p, citizen, hb);
    p.clock.set(vn('2026-03-02T09:00'));
    ok(await act(desk, d.id, 'receive'));
    const receipt = await download(d.id, '01');
    expectSigned(receipt.file);
    await expectVerified(receipt.bytes);
    const text = run('pdftotext', ['-enc', 'UTF-8', receipt.file, '-']);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain(d.code);

    p.clock.set(vn('2026-03-03T09:00'));
    ok(await act(specialist, d.id, 'claim'));
    ok(await act(specialist, d.id, 'request-supplement', { reason: 'Bản sao giấy tờ bị mờ', missingItems: ['Bản sao Giấy khai sinh của người mẹ'] }));
    const supplement = await download(d.id, '02');
    expectSigned(supplement.file);
    expect(run('pdftotext', ['-enc', 'UTF-8', supplement.file, '-'])).toContain('Bản sao Giấy khai sinh của người mẹ');
    ok(await act(citizen, d.id, 'resubmit-supplement', {}));

    p.clock.set(vn('2026-03-05T09:00'));
    ok(await act(approver, d.id, 'extend', { reason: 'Chờ xác minh thông tin hộ tịch', newDueDate: '2026-03-20' }));
    const apology = await download(d.id, '04');
    expectSigned(apology.file);
    expect(run('pdftotext', ['-enc', 'UTF-8', apology.file, '-'])).toContain('Chờ xác minh thông tin hộ tịch');

    const sheet = await download(d.id, '06');
    expect(sheet.bytes.toString('latin1')).not.toContain('/ByteRange');
    expect(run('pdftotext', ['-enc', 'UTF-8', sheet.file, '-'])).toContain(d.code);
  });

  it('signs the refusal (03) and the stop notice (05)', async () => {
    p.clock.set(vn('2026-03-09T09:00'));
    const refused = await submittedDossier(p, citizen, hb);
    ok(await act(desk, refused.id, 'refuse-reception', { reason: 'Hồ sơ không thuộc thẩm quyền' }));
    const refusal = await download(refused.id, '03');
    expectSigned(refusal.file);
    expect(run('pdftotext', ['-enc', 'UTF-8', refusal.file, '-'])).toContain('Hồ sơ không thuộc thẩm quyền');

    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    ok(await act(specialist, d.id, 'claim'));
    ok(await act(citizen, d.id, 'withdraw', { reason: 'Không còn nhu cầu' }));
    ok(await act(specialist, d.id, 'stop', { reason: 'Công dân rút hồ sơ' }));
    const stop = await download(d.id, '05');
    expectSigned(stop.file);
    await expectVerified(stop.bytes);
    expect(run('pdftotext', ['-enc', 'UTF-8', stop.file, '-'])).toContain('Công dân rút hồ sơ');
  });
});
