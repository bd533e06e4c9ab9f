import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, TU_PHAP, vn } from '../../../test/support/dossier';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let tp: string;
let submitted: string;
let refused: string;
let specialistId: string;
const clients = new Map<string, TestClient>();
const as = async (user: string) => {
  if (!clients.has(user)) clients.set(user, await p.loginAs(user));
  return clients.get(user)!;
};

beforeAll(async () => {
  p = await startDossierPlatform();
  p.clock.set(vn('2026-03-02T09:00'));
  const hb = await agencyId(p, HONG_BANG);
  tp = await agencyId(p, TU_PHAP);
  const citizen = await citizenClient(p, CITIZEN);
  submitted = (await submittedDossier(p, citizen, hb)).id;
  refused = (await submittedDossier(p, citizen, hb)).id;
  ok(await (await as('tiepnhan.hongbang')).post(`/api/dossiers/${refused}/refuse-reception`, { reason: 'Sai thẩm quyền' }));
  specialistId = ok(await (await as('chuyenvien.hongbang')).get('/api/auth/session')).accountId;
});
afterAll(() => p.close());

interface Row {
  path: string;
  body?: () => unknown;
  /** The role prefix of a user who may take it (tiepnhan, chuyenvien, lanhdao, trakq). */
  right: string;
  /** A user of the right agency without a suitable role. */
  wrongRole: string;
  /** Expected status for the right role on a finished (refused) dossier; null = not applicable. */
  wrongState: number | null;
}

const ROWS: Row[] = [
  { path: 'receive', right: 'tiepnhan', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'refuse-reception', body: () => ({ reason: 'x' }), right: 'tiepnhan', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'request-supplement', body: () => ({ reason: 'x', missingItems: ['y'] }), right: 'chuyenvien', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'resubmit-supplement', body: () => ({}), right: 'tiepnhan', wrongRole: 'chuyenvien.hongbang', wrongState: 409 },
  { path: 'assign', body: () => ({ assigneeId: specialistId }), right: 'lanhdao', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'claim', right: 'chuyenvien', wrongRole: 'tiepnhan.hongbang', wrongState: 409 },
  // A hand-back is an action of the machine (received or processing, assignee only): a closed dossier is a 409.
  { path: 'hand-back', body: () => ({}), right: 'chuyenvien', wrongRole: 'tiepnhan.hongbang', wrongState: 409 },
  { path: 'request-consultation', body: () => ({ agencyId: tp, question: 'q' }), right: 'chuyenvien', wrongRole: 'trakq.hongbang', wrongState: 409 },
  // Only the consulted agency answers: without an open consultation to it, the caller has no jurisdiction.
  { path: 'answer-consultation', body: () => ({ opinion: 'o' }), right: 'chuyenvien', wrongRole: 'tiepnhan.hongbang', wrongState: 403 },
  { path: 'request-payment', body: () => ({ reason: 'x' }), right: 'chuyenvien', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'confirm-payment', body: () => ({}), right: 'chuyenvien', wrongRole: 'lanhdao.hongbang', wrongState: 409 },
  { path: 'propose', body: () => ({ recommendation: 'approve' }), right: 'chuyenvien', wrongRole: 'tiepnhan.hongbang', wrongState: 409 },
  { path: 'approve', body: () => ({}), right: 'lanhdao', wrongRole: 'chuyenvien.hongbang', wrongState: 409 },
  { path: 'reject', body: () => ({ reason: 'x' }), right: 'lanhdao', wrongRole: 'chuyenvien.hongbang', wrongState: 409 },
  { path: 'return-to-specialist', body: () => ({ reason: 'x' }), right: 'lanhdao', wrongRole: 'chuyenvien.hongbang', wrongState: 409 },
  { path: 'issue-result', body: () => ({ electronic: true }), right: 'trakq', wrongRole: 'lanhdao.hongbang', wrongState: 409 },
  { path: 'return-result', body: () => ({ method: 'counter' }), right: 'trakq', wrongRole: 'lanhdao.hongbang', wrongState: 409 },
  { path: 'withdraw', body: () => ({}), right: 'tiepnhan', wrongRole: 'chuyenvien.hongbang', wrongState: 409 },
  { path: 'stop', body: () => ({ reason: 'x' }), right: 'lanhdao', wrongRole: 'trakq.hongbang', wrongState: 409 },
  { path: 'extend', body: () => ({ reason: 'x', newDueDate: '2026-03-20' }), right: 'lanhdao', wrongRole: 'trakq.hongbang', wrongState: 409 },
  // Every officer comments; the platform administrator holds no dossier role. Comments are allowed in every state.
  { path: 'comments', body: () => ({ text: 't' }), right: 'tiepnhan', wrongRole: 'admin', wrongState: null },
];

describe.each(ROWS)('POST /api/dossiers/:id/$path', (row) => {
  const send = async (user: string, id: string) => (await as(user)).post(`/api/dossiers/${id}/${row.path}`, row.body?.());

  it('refuses a wrong role (403)', async () => {
    const res = await send(row.wrongRole, submitted);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses an officer of another agency (403 out_of_jurisdiction)', async () => {
    const res = await send(`${row.right}.tuphap`, submitted);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('dossier.out_of_jurisdiction');
  });

  // Comments have no wrong state: even a refused (closed) dossier takes one.
  it(row.wrongState === null ? 'is allowed in a closed state' : 'refuses the wrong state', async () => {
    const res = await send(`${row.right}.hongbang`, refused);
    if (row.wrongState === null) expect(res.statusCode, res.body).toBeLessThan(300);
    else expect(res.statusCode, res.body).toBe(row.wrongState);
  });
});
