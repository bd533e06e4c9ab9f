import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { startTestPlatform, TestClock, type TestPlatform } from '../support/platform';
import { citizenClient } from '../support/identity/citizens';
import { readCatalogueFiles } from '../../src/modules/catalog';
import { auditLog } from '../../src/platform/audit/audit.schema';

// Every state-changing operation says how it treats an Idempotency-Key (config.idempotency): it takes one, or it
// says why not. The OpenAPI document shows the header on the first kind and the reason on the second.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ clock: new TestClock(new Date('2026-11-20T03:00:00Z')) });
});
afterAll(() => p.close());

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);


it('every POST, PUT, PATCH and DELETE route declares whether it takes an Idempotency-Key', () => {
  const undeclared = p.routes.filter((r) => [r.method].flat().some((m) => CHANGING.has(m)) && !r.idempotency).map((r) => `${[r.method].flat().join(',')} ${r.url}`);
  expect(undeclared).toEqual([]);
  for (const r of p.routes) if (r.idempotency && r.idempotency !== 'key') expect(r.idempotency.exempt.length, r.url).toBeGreaterThan(10);
});

it('the OpenAPI document shows the header where it is taken and the reason where it is not', async () => {
  const doc = (await p.anonymous().get('/api/openapi.json')).json();
  let withKey = 0;
  let exempt = 0;
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!CHANGING.has(method.toUpperCase())) continue;
      const header = (op.parameters ?? []).find((x: any) => x.in === 'header' && x.name.toLowerCase() === 'idempotency-key');
      if (header) {
        withKey++;
        expect(header.required ?? false).toBe(false);
        expect(op['x-error-codes'], op.operationId).toEqual(expect.arrayContaining(['idempotency.key_reused']));
      } else {
        exempt++;
        expect(op['x-idempotency-exempt'], `${method} ${path}`).toEqual(expect.any(String));
      }
    }
  }
  expect(withKey).toBeGreaterThan(30);
  expect(exempt).toBeGreaterThan(0);
});

/** Sends the same request twice with one key: the second answer is the first, marked replayed, and nothing is done twice. */
async function replayed(send: (headers: Record<string, string>) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, audited: string) {
  const before = await audits(audited);
  const headers = { 'idempotency-key': randomUUID() };
  const first = await send(headers);
  expect(first.statusCode, first.body).toBeLessThan(300);
  const again = await send(headers);
  expect(again.statusCode).toBe(first.statusCode);
  expect(again.body).toBe(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(await audits(audited)).toBe(before + 1);
  return first;
}
const audits = async (action: string) => (await p.ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0].n;

it('administration, authorisation and consent changes replay their first answer', async () => {
  const admin = await p.loginAs('admin');
  const proc = structuredClone((await readCatalogueFiles()).flatMap((f) => f.procedures).find((x) => x.key === 'birth-registration')!);
  const created = await replayed((h) => admin.post('/api/admin/procedures', { ...proc, key: 'thu-tuc-khoa-lap-lai' }, h), 'procedure.created');
  await replayed((h) => admin.request('PUT', `/api/admin/procedure-versions/${created.body && JSON.parse(created.body).id}`, { ...proc, key: 'thu-tuc-khoa-lap-lai', name: { vi: 'Thủ tục sửa lại', en: 'Edited procedure' } }, h), 'procedure.draft_edited');
  const year = (await admin.get('/api/calendar/exceptions/2026')).json();
  await replayed((h) => admin.put('/api/calendar/exceptions/2026', year, h), 'calendar.year_changed');

  const an = await citizenClient(p, '031085001234');
  await replayed((h) => an.post('/api/authorisations', { agentPersonalId: '031195007891', validUntil: '2026-12-31' }, h), 'authorisation.created');
  const prefill = (await an.get('/api/me/consents')).json().purposes.find((x: { purpose: string }) => x.purpose === 'prefill');
  const given = prefill.state !== 'given'; // the other decision, so that it is recorded
  const decided = await replayed((h) => an.post('/api/me/consents/prefill', { noticeVersion: prefill.notice.version, given }, h), given ? 'consent.given' : 'consent.withdrawn');
  expect(JSON.parse(decided.body).created).toBe(true);

  await replayed((h) => admin.post('/api/admin/accounts', { kind: 'officer', username: 'canbo.laplai', displayName: 'Cán bộ Lặp Lại', password: 'matkhau12345', grants: [] }, h), 'account.created');
  // Answering a copy request reads the export before its transaction (prepare); a replay does not read it again.
  const filed = await replayed((h) => an.post('/api/me/data-requests', { type: 'copy', detail: 'Xin bản sao dữ liệu của tôi' }, h), 'data_request.received');
  await replayed((h) => admin.post(`/api/officer/data-requests/${JSON.parse(filed.body).id}/answer`, { answer: 'Gửi bản sao kèm theo.' }, h), 'data_request.answered');
});
