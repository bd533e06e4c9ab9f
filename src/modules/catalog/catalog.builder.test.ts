import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, like } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { withoutCode } from '../../../test/support/catalog';
import { auditLog } from '../../platform/audit/audit.schema';
import { diffVersions, partOf } from '../../shared/catalog';
import { readCatalogueFiles, type ProcedureVersionInput } from './index';
import { FIRST_DATA_ROW, SHEETS } from './catalog.sheet';

let p: TestPlatform;
let author: TestClient;
let reviewer: TestClient;
let base: ProcedureVersionInput;
beforeAll(async () => {
  p = await startTestPlatform();
  author = await p.loginAs('qtv.haiphong');
  reviewer = await p.loginAs('admin');
  base = withoutCode((await readCatalogueFiles()).flatMap((f) => f.procedures).find((x) => x.key === 'birth-registration')!);
});
afterAll(() => p.close());

const ok = (res: { statusCode: number; body: string; json(): any }, status = 200) => {
  expect(res.statusCode, res.body.slice(0, 800)).toBe(status);
  return res.json();
};

describe('diff (pure)', () => {
  it('matches list items by id, reports a reordering once, and names the part', () => {
    const a = { name: { vi: 'A', en: 'A' }, documents: [{ id: 'x', copies: 1 }, { id: 'y', copies: 1 }], fees: [{ amountVnd: 1 }] };
    const b = { name: { vi: 'B', en: 'A' }, documents: [{ id: 'y', copies: 2 }, { id: 'x', copies: 1 }, { id: 'z', copies: 1 }], fees: [] };
    const d = diffVersions(a, b);
    expect(d).toEqual([
      { part: 'identity', path: 'name.vi', kind: 'changed', before: 'A', after: 'B' },
      { part: 'documents', path: 'documents[id=y].copies', kind: 'changed', before: 1, after: 2 },
      { part: 'documents', path: 'documents[id=z]', kind: 'added', after: { id: 'z', copies: 1 } },
      { part: 'documents', path: 'documents#order', kind: 'changed', before: ['x', 'y'], after: ['y', 'x'] },
      { part: 'fees', path: 'fees[0]', kind: 'removed', before: { amountVnd: 1 } },
    ]);
    expect(partOf('workflow[2].sharePercent')).toBe('workflow');
    expect(partOf('sampleData.children')).toBe('eform');
  });
});

describe('builder: copy, checks, review, scheduled publication, diff', () => {
  it('copies a procedure, checks it while editing, and needs another admin to approve it', async () => {
    const src = ok(await author.post('/api/admin/procedures', { ...base, key: 'nguon-sao-chep' }), 201);
    const copy = ok(await author.post(`/api/admin/procedures/${src.procedureId}/copy`, { key: 'ban-sao-thu-tuc', name: { vi: 'Thủ tục sao chép', en: 'Copied procedure' } }), 201);
    expect(copy).toMatchObject({ key: 'ban-sao-thu-tuc', version: 1, status: 'draft', name: { vi: 'Thủ tục sao chép' } });
    expect(copy.documents).toEqual(base.documents);
    expectProblem(await author.post(`/api/admin/procedures/${src.procedureId}/copy`, { key: 'ban-sao-thu-tuc' }), 409, 'catalog.key_taken');

    // An incomplete draft: the checks point at the part to fix; it cannot be sent for approval.
    const broken = { ...base, key: 'ban-sao-thu-tuc', workflow: base.workflow.slice(0, 2), fees: [] };
    ok(await author.put(`/api/admin/procedure-versions/${copy.id}`, broken));
    const checks = ok(await author.get(`/api/admin/procedure-versions/${copy.id}/checks`));
    expect(checks.ready).toBe(false);
    expect(checks.problems.map((x: any) => x.part)).toEqual(expect.arrayContaining(['workflow', 'fees']));
    expectProblem(await author.post(`/api/admin/procedure-versions/${copy.id}/review/submit`, {}), 422, 'catalog.incomplete_version');

    ok(await author.put(`/api/admin/procedure-versions/${copy.id}`, { ...base, key: 'ban-sao-thu-tuc', name: { vi: 'Thủ tục sao chép', en: 'Copied procedure' } }));
    expect(ok(await author.get(`/api/admin/procedure-versions/${copy.id}/checks`))).toEqual({ ready: true, problems: [] });
    expect(ok(await author.post(`/api/admin/procedure-versions/${copy.id}/review/submit`, { note: 'Xin duyệt' })).status).toBe('submitted');
    expectProblem(await author.post(`/api/admin/procedure-versions/${copy.id}/review/submit`, {}), 409, 'catalog.review_state');
    // The author cannot approve, and nobody publishes around the review.
    expectProblem(await author.post(`/api/admin/procedure-versions/${copy.id}/review/approve`, {}), 403, 'catalog.self_approval');
    expectProblem(await reviewer.post(`/api/admin/procedure-versions/${copy.id}/publish`), 404); // no such route: the review is the only way

    // Approved for tomorrow: still a draft until the scheduler runs after that time.
    const at = new Date(p.clock.now().getTime() + 86_400_000).toISOString();
    const approved = ok(await reviewer.post(`/api/admin/procedure-versions/${copy.id}/review/approve`, { publishAt: at }));
    expect(approved).toMatchObject({ status: 'approved', publishAt: at });
    expect(await p.services.catalog.review.publishDue(p.clock.now())).toEqual([]);
    expectProblem(await p.anonymous().get('/api/procedures/ban-sao-thu-tuc'), 409, 'catalog.not_published');
    p.clock.advance(86_400_000 + 1000);
    // A day later: the sessions have expired.
    author = await p.loginAs('qtv.haiphong');
    reviewer = await p.loginAs('admin');
    expect(await p.services.catalog.review.publishDue(p.clock.now())).toEqual([copy.procedureId]);
    expect(ok(await p.anonymous().get('/api/procedures/ban-sao-thu-tuc')).current.id).toBe(copy.id);
    expect(ok(await author.get(`/api/admin/procedure-versions/${copy.id}/review`)).status).toBe('published');

    // Version 2: an edit after submission sends it back; approved now, it is published at once; the diff shows the change.
    const v2 = ok(await author.post(`/api/admin/procedures/${copy.procedureId}/versions`), 201);
    const docs = [...base.documents].reverse();
    ok(await author.put(`/api/admin/procedure-versions/${v2.id}`, { ...base, key: 'ban-sao-thu-tuc', name: { vi: 'Thủ tục sao chép', en: 'Copied procedure' }, cutoffTime: '15:30', documents: docs }));
    ok(await author.post(`/api/admin/procedure-versions/${v2.id}/review/submit`, {}));
    ok(await author.put(`/api/admin/procedure-versions/${v2.id}`, { ...base, key: 'ban-sao-thu-tuc', name: { vi: 'Thủ tục sao chép', en: 'Copied procedure' }, cutoffTime: '16:00', documents: docs }));
    expect(ok(await author.get(`/api/admin/procedure-versions/${v2.id}/review`)).status).toBe('editing');
    ok(await author.post(`/api/admin/procedure-versions/${v2.id}/review/submit`, {}));
    const diff = ok(await reviewer.get(`/api/admin/procedure-versions/${v2.id}/diff`));
    expect(diff.from.version).toBe(1);
    expect(diff.changes).toEqual(expect.arrayContaining([expect.objectContaining({ part: 'time', path: 'cutoffTime', after: '16:00' }), expect.objectContaining({ part: 'documents', path: 'documents#order' })]));
    expect(ok(await reviewer.post(`/api/admin/procedure-versions/${v2.id}/review/approve`, {})).status).toBe('published');
    expect(ok(await p.anonymous().get('/api/procedures/ban-sao-thu-tuc')).current.version).toBe(2);

    const actions = (await p.ctx.db.select({ action: auditLog.action }).from(auditLog).where(and(like(auditLog.action, 'procedure.%')))).map((r) => r.action);
    for (const a of ['procedure.copied', 'procedure.review_submitted', 'procedure.review_approved', 'procedure.scheduled_publication', 'procedure.published']) expect(actions).toContain(a);
    expect((await p.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'procedure.review_approved'))).length).toBe(2);
  });
});

describe('spreadsheet import', () => {
  it('serves the template, imports 47 of 50 procedures and reports the 3 wrong cells', async () => {
    const t = await author.get('/api/admin/procedures/sheet-template');
    expect(t.statusCode).toBe(200);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    expect(tpl.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS).map((s) => s.name));

    // 50 procedures: 3 with one wrong cell each (a field, a fee amount, a step kind).
    const wb = new ExcelJS.Workbook();
    const sheets = Object.fromEntries(Object.entries(SHEETS).map(([k, s]) => {
      const ws = wb.addWorksheet(s.name);
      ws.addRow(s.cols.map((c) => c.vi));
      ws.addRow(s.cols.map(() => ''));
      return [k, ws];
    })) as Record<keyof typeof SHEETS, ExcelJS.Worksheet>;
    const add = (part: keyof typeof SHEETS, r: Record<string, string>) => sheets[part].addRow(SHEETS[part].cols.map((c) => r[c.key] ?? ''));
    for (let i = 1; i <= 50; i++) {
      const key = `nhap-bang-tinh-${i}`;
      add('procedures', { key, nameVi: `Thủ tục số ${i}`, nameEn: `Procedure ${i}`, field: i === 7 ? 'xay-dung-sai' : 'civil-status', level: 'commune', agencyKind: 'commune-pc', applicantTypes: 'citizen', onlineLevel: 'full', eIdLevel: '2', channels: 'online', days: '3', authorityVi: 'Chủ tịch UBND xã', authorityEn: 'Commune chair', resultVi: 'Giấy xác nhận', resultEn: 'Certificate', resultType: 'confirmation', legalBases: 'Luật Hộ tịch 2014', effectiveFrom: '2026-01-01' });
      add('formFields', { key, section: 'chung', name: 'copies', type: 'integer', labelVi: 'Số bản', labelEn: 'Copies', required: 'x' });
      add('formFields', { key, section: 'chung', name: 'forOther', type: 'checkbox', labelVi: 'Cho người khác', labelEn: 'For someone else' });
      add('documents', { key, id: 'uy-quyen', nameVi: 'Giấy ủy quyền', nameEn: 'Power of attorney', form: 'original', copies: '1', ifField: 'forOther', ifEquals: 'true' });
      add('fees', { key, type: 'per-copy', nature: 'le-phi', nameVi: 'Lệ phí', nameEn: 'Fee', amount: i === 23 ? '8.000 đồng' : '8000', unitsField: 'copies', legalBasis: 'Thông tư 281/2016/TT-BTC' });
      add('steps', { key, id: 'nhan', kind: 'receive', nameVi: 'Tiếp nhận', nameEn: 'Receive', role: 'receiving_officer', share: '20' });
      add('steps', { key, id: 'duyet', kind: i === 41 ? 'duyet' : 'approve', nameVi: 'Phê duyệt', nameEn: 'Approve', role: 'approver', share: '60' });
      add('steps', { key, id: 'tra', kind: 'return', nameVi: 'Trả kết quả', nameEn: 'Return', role: 'result_officer', share: '20' });
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = 'motcua-sheet-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="thu-tuc.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const report = ok(await author.post('/api/admin/procedures/import-sheet', body, { 'content-type': `multipart/form-data; boundary=${boundary}` }));
    if (report.imported !== 47) console.log(JSON.stringify(report.problems.slice(0, 6)));
    expect(report.imported).toBe(47);
    expect(report.rejected).toBe(3);
    expect(report.problems.map((x: any) => [x.sheet, x.row, x.cell, x.key])).toEqual([
      ['thu-tuc', FIRST_DATA_ROW + 6, `E${FIRST_DATA_ROW + 6}`, 'nhap-bang-tinh-7'],
      ['phi-le-phi', FIRST_DATA_ROW + 22, `F${FIRST_DATA_ROW + 22}`, 'nhap-bang-tinh-23'],
      ['quy-trinh', FIRST_DATA_ROW + 40 * 3 + 1, `C${FIRST_DATA_ROW + 40 * 3 + 1}`, 'nhap-bang-tinh-41'],
    ]);
    for (const x of report.problems) expect(x.reason.vi && x.reason.en).toBeTruthy();
    console.log('spreadsheet report:', JSON.stringify(report.problems.map((x: any) => `${x.sheet}!${x.cell}: ${x.reason.vi} / ${x.reason.en}`)));
    // An imported draft: a per-copy fee on the copies field, a conditional document, the three steps.
    const d = ok(await author.get(`/api/procedure-versions/${report.procedures[0].versionId}`));
    expect(d).toMatchObject({ status: 'draft', fees: [{ type: 'fixed', unitsField: 'copies', amountVnd: 8000 }], documents: [{ requirement: 'conditional', requiredIf: { field: 'forOther', equals: true } }] });
    expect(d.workflow.map((s: any) => s.kind)).toEqual(['receive', 'approve', 'return']);
    expectProblem(await author.post('/api/admin/procedures/import-sheet', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\n\r\nnot a zip\r\n--${boundary}--\r\n`), { 'content-type': `multipart/form-data; boundary=${boundary}` }), 400, 'catalog.bad_spreadsheet');
  });
});
