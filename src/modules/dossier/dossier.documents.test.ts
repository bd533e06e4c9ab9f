import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, vn } from '../../../test/support/dossier';

/** Forms 01–06 and the register (07) through the API, read back as a person would: PDF text, a spreadsheet. */
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let citizen: TestClient;
let desk: TestClient;
let specialist: TestClient;
let approver: TestClient;
let hb: string;

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
  desk = await p.loginAs('tiepnhan.hongbang');
  specialist = await p.loginAs('chuyenvien.hongbang');
  approver = await p.loginAs('lanhdao.hongbang');
});
afterAll(() => p.close());

function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-')), 'f.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const act = (c: TestClient, id: string, action: string, body?: unknown) => c.post(`/api/dossiers/${id}/${action}`, body);
const doc = (c: TestClient, id: string, form: string, format = 'pdf') => c.get(`/api/dossiers/${id}/documents/${form}?format=${format}`);

describe('dossier documents', () => {
  it('renders the receipt (01), supplement request (02), apology (04) and control sheet (06) with Vietnamese text', async () => {
    p.clock.set(vn('2026-03-02T08:30'));
    const d = await submittedDossier(p, citizen, hb);
    expectProblem(await doc(citizen, d.id, '01'), 404, 'dossier.document_not_available');
    p.clock.set(vn('2026-03-02T09:00'));
    ok(await act(desk, d.id, 'receive'));

    const receipt = await doc(citizen, d.id, '01');
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = pdfText(receipt.rawPayload);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(d.code);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toMatch(/ỦY BAN NHÂN DÂN PHƯỜNG\s+HỒNG BÀNG/);
    expect(text).toMatch(/09\/03\/2026/); // the appointment: 5 working days later

    const html = await doc(citizen, d.id, '01', 'html');
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('lang="vi"');
    expect(html.body).toContain(`/tra-cuu/${encodeURIComponent(d.code)}`);
    expect(html.body).toContain('data:image/svg+xml'); // the QR code of the lookup address

    p.clock.set(vn('2026-03-03T09:00'));
    ok(await act(specialist, d.id, 'claim'));
    ok(await act(specialist, d.id, 'request-supplement', { reason: 'Bản sao giấy tờ bị mờ', missingItems: ['Bản sao Giấy khai sinh của người mẹ'] }));
    const supplement = pdfText((await doc(citizen, d.id, '02')).rawPayload);
    expect(supplement).toContain('Bản sao Giấy khai sinh của người mẹ');
    expect(supplement).toContain('Bản sao giấy tờ bị mờ');
    ok(await act(citizen, d.id, 'resubmit-supplement', {}));

    p.clock.set(vn('2026-03-05T09:00'));
    ok(await act(approver, d.id, 'extend', { reason: 'Chờ xác minh thông tin hộ tịch', newDueDate: '2026-03-20' }));
    const apology = pdfText((await doc(citizen, d.id, '04')).rawPayload);
    expect(apology).toContain('Chờ xác minh thông tin hộ tịch');
    expect(apology).toMatch(/20\/03\/2026|20 tháng 3 năm 2026/);

    const sheet = pdfText((await doc(desk, d.id, '06')).rawPayload);
    expect(sheet).toContain(d.code);
    expectProblem(await doc(citizen, d.id, '03'), 404, 'dossier.document_not_available');
  });

  it('keeps other people out of a dossier’s documents', async () => {
    const d = await submittedDossier(p, citizen, hb);
    ok(await act(desk, d.id, 'receive'));
    const other = await citizenClient(p, '031190004567');
    expectProblem(await doc(other, d.id, '01'), 404);
    const foreignDesk = await p.loginAs('tiepnhan.tuphap');
    expectProblem(await doc(foreignDesk, d.id, '01'), 403);
  });

  it('exports the register (07) as CSV with a BOM and as XLSX', async () => {
    const csv = await desk.get('/api/officer/register?format=csv&from=2026-03-01&to=2026-03-31');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('Nguyễn Văn An');
    const xlsx = await desk.get('/api/officer/register?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBeGreaterThan(1);
    const cells = sheet.getRow(2).values as unknown[];
    expect(cells.some((c) => typeof c === 'string' && c.startsWith('000.00.21.H38-'))).toBe(true);
    expectProblem(await citizen.get('/api/officer/register'), 403);
    expectProblem(await desk.get(`/api/officer/register?agencyId=${await agencyId(p, '000.00.01.H38')}`), 403);
  });
});
