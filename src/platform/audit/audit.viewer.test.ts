import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient, DEMO_CITIZENS } from '../../../test/support/identity/citizens';
import { auditLog } from './audit.schema';
import { appendAudit, sealAll } from './audit.service';
import { canonicalJson, sha256 } from './canonical';

/**
 * The audit viewer (issue 23, item 4): search by who, what, target, time and agency within the caller's agencies;
 * the chain's verification; exports for an inspection; and the viewer's own audit records.
 */
let p: TestPlatform;
let admin: TestClient;
let agencyAdminA: TestClient;
let inspectorA: TestClient;
let inspectorRoot: TestClient;
let specialistA: TestClient;
let A: string;
let B: string;
let root: string;
let writerId: string;
const PASSWORD = 'Kiem tra 2026';
const T0 = Date.parse('2026-03-02T02:00:00.000Z');

async function account(username: string, displayName: string, grants: Array<{ role: string; agencyId: string; includeSubAgencies?: boolean }>): Promise<{ id: string; client: TestClient }> {
  const res = await admin.post('/api/admin/accounts', { kind: 'officer', username, displayName, password: PASSWORD, grants: grants.map((g) => ({ includeSubAgencies: false, ...g })) }, { 'idempotency-key': `acc-${username}` });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, client: await p.loginAs(username, PASSWORD) };
}

/** Records of the test's own actions (`viewertest.*`), at known times, by a known account, in known agencies. */
async function write(action: string, agencyId: string | null, at: number, target = { type: 'dossier', id: 'dossier-1' }) {
  await p.ctx.db.transaction((tx) => appendAudit(tx, { accountId: writerId, kind: 'officer', role: 'specialist', agencyId, requestId: 'viewer-test' }, { action, targetType: target.type, targetId: target.id }, new Date(at)));
}

const search = (c: TestClient, q: Record<string, string | number>) => c.get(`/api/admin/audit?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);
const actions = (res: { json(): any }) => (res.json().records as Array<{ action: string }>).map((r) => r.action);

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.loginAs('admin');
  const agencies = (await p.anonymous().get('/api/agencies')).json() as Array<{ id: string; parentId: string | null }>;
  root = agencies.find((a) => !a.parentId)!.id;
  const leaves = agencies.filter((a) => a.parentId && !agencies.some((b) => b.parentId === a.id));
  [A, B] = [leaves[0].id, leaves[1].id];
  const writer = await account('cv.viewer', 'Trần Văn Ghi', [{ role: 'specialist', agencyId: A }]);
  writerId = writer.id;
  specialistA = writer.client;
  agencyAdminA = (await account('qt.viewer', 'Lê Quản Trị', [{ role: 'agency_admin', agencyId: A }])).client;
  inspectorA = (await account('tt.viewer', 'Ngô Thanh Tra', [{ role: 'inspector', agencyId: A }])).client;
  inspectorRoot = (await account('tt.tinh', 'Đỗ Thanh Tra Tỉnh', [{ role: 'inspector', agencyId: root, includeSubAgencies: true }])).client;
  await write('viewertest.created', A, T0);
  await write('viewertest.changed', A, T0 + 60_000, { type: 'payment', id: 'payment-7' });
  await write('viewertest.created', B, T0 + 120_000);
  await write('viewertest.system', null, T0 + 180_000);
});
afterAll(() => p.close());

describe('who sees what', () => {
  it('a platform administrator sees every agency’s records and those with no agency, newest first, with the actor’s name and chain fields', async () => {
    const res = await search(admin, { action: 'viewertest.' });
    expect(res.statusCode, res.body).toBe(200);
    const { records, nextCursor } = res.json();
    expect(records.map((r: any) => [r.action, r.agencyId])).toEqual([
      ['viewertest.system', null],
      ['viewertest.created', B],
      ['viewertest.changed', A],
      ['viewertest.created', A],
    ]);
    expect(nextCursor).toBeNull();
    expect(records[0]).toMatchObject({ actorId: writerId, actorName: 'Trần Văn Ghi', actorKind: 'officer', actorRole: 'specialist', sealed: false, chainSeq: null });
    expect(records[0].entryHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an agency administrator sees her agency’s records only, and may not ask for another agency', async () => {
    const res = await search(agencyAdminA, { action: 'viewertest.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().records.map((r: any) => r.agencyId)).toEqual([A, A]);
    expectProblem(await search(agencyAdminA, { action: 'viewertest.', agencyId: B }), 403, 'audit.agency_not_allowed');
  });

  it('an inspector sees the agencies of her grant, with sub-agencies when it includes them; never the records with no agency', async () => {
    const mine = await search(inspectorA, { action: 'viewertest.' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(actions(mine)).toEqual(['viewertest.changed', 'viewertest.created']);
    const province = await search(inspectorRoot, { action: 'viewertest.' });
    expect(province.json().records.map((r: any) => r.agencyId)).toEqual([B, A, A]);
    const one = await search(inspectorRoot, { action: 'viewertest.', agencyId: B });
    expect(one.json().records.map((r: any) => r.agencyId)).toEqual([B]);
  });

  it('an officer without the role, a citizen and an anonymous caller are refused', async () => {
    expectProblem(await search(specialistA, {}), 403);
    const citizen = await citizenClient(p, DEMO_CITIZENS[0].personalId);
    expectProblem(await search(citizen, {}), 403);
    expectProblem(await citizen.get('/api/admin/audit/verify'), 403);
    expectProblem(await citizen.get('/api/admin/audit/export?format=csv'), 403);
    expectProblem(await search(p.anonymous(), {}), 401);
  });
});

describe('filters and paging', () => {
  it('by who: account id, username or part of the display name', async () => {
    expect(actions(await search(admin, { action: 'viewertest.', actor: writerId }))).toHaveLength(4);
    expect(actions(await search(admin, { action: 'viewertest.', actor: 'cv.viewer' }))).toHaveLength(4);
    expect(actions(await search(admin, { action: 'viewertest.', actor: 'văn ghi' }))).toHaveLength(4);
    expect(actions(await search(admin, { action: 'viewertest.', actor: 'Không Có Ai' }))).toEqual([]);
  });

  it('by exact action, by target, by period (from inclusive, to exclusive)', async () => {
    expect(actions(await search(admin, { action: 'viewertest.created' }))).toEqual(['viewertest.created', 'viewertest.created']);
    // A prefix is one ending in a dot: `viewertest` alone is an exact action nobody did.
    expect(actions(await search(admin, { action: 'viewertest' }))).toEqual([]);
    expect(actions(await search(admin, { targetType: 'payment', targetId: 'payment-7' }))).toEqual(['viewertest.changed']);
    const period = await search(admin, { action: 'viewertest.', from: new Date(T0 + 60_000).toISOString(), to: new Date(T0 + 180_000).toISOString() });
    expect(actions(period)).toEqual(['viewertest.created', 'viewertest.changed']);
  });

  it('refuses a period that ends before it starts, a forged cursor and a page above 200', async () => {
    const bad = expectProblem(await search(admin, { from: new Date(T0).toISOString(), to: new Date(T0 - 1).toISOString() }), 400, 'audit.bad_range');
    expect(bad.titles.vi).toContain('từ ngày');
    expectProblem(await search(admin, { cursor: Buffer.from('not a cursor').toString('base64url') }), 400, 'audit.bad_cursor');
    expectProblem(await search(admin, { limit: 201 }), 400);
  });

  it('pages newest first with a cursor, records written at the same instant included, none twice', async () => {
    for (let i = 0; i < 5; i++) await write('viewertest.page', A, T0 + 600_000);
    await write('viewertest.page', A, T0 + 500_000);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(admin, { action: 'viewertest.page', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      seen.push(...body.records.map((r: any) => r.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
    const all = (await search(admin, { action: 'viewertest.page', limit: 200 })).json().records;
    expect(all.map((r: any) => r.id)).toEqual(seen);
    expect(all.at(-1).at).toBe(new Date(T0 + 500_000).toISOString());
  });
});

describe('verification', () => {
  it('reports sealed and unsealed counts, the transparency log’s check, and the first record changed in the database', async () => {
    await sealAll(p.ctx.db);
    await write('viewertest.after_seal', A, T0 + 900_000);
    const ok = await admin.get('/api/admin/audit/verify');
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    const [counts] = await p.ctx.db.select({ sealed: sql<number>`count(chain_seq)::int`, all: sql<number>`count(*)::int` }).from(auditLog);
    expect(body.chain).toMatchObject({ ok: true, broken: null });
    // The count is taken before the verification's own record is appended.
    expect(body.chain.sealed).toBe(counts.sealed);
    expect(body.chain.unsealed).toBe(counts.all - counts.sealed - 1);
    expect(body.chain.unsealed).toBeGreaterThanOrEqual(1);
    expect(body.log).toMatchObject({ ok: true });
    expect(body.ok).toBe(true);
    // An inspector sees the same status.
    expect((await inspectorA.get('/api/admin/audit/verify')).json().chain.ok).toBe(true);

    const [victim] = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'viewertest.changed')));
    expect(victim.chainSeq).not.toBeNull();
    await p.ctx.db.execute(sql`update audit_log set target_id = 'payment-8' where id = ${victim.id}`);
    const bad = (await admin.get('/api/admin/audit/verify')).json();
    expect(bad.ok).toBe(false);
    expect(bad.chain).toMatchObject({ ok: false, broken: { chainSeq: victim.chainSeq, id: victim.id, reason: 'content_changed' } });
    expect(bad.chain.checked).toBe(victim.chainSeq! - 1);
    await p.ctx.db.execute(sql`update audit_log set target_id = 'payment-7' where id = ${victim.id}`);
    expect((await admin.get('/api/admin/audit/verify')).json().chain.ok).toBe(true);
  });
});

describe('export', () => {
  it('CSV for a spreadsheet: UTF-8 with BOM, Vietnamese header row, the caller’s agencies only', async () => {
    const res = await agencyAdminA.get('/api/admin/audit/export?format=csv&action=viewertest.created');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="nhat-ky-kiem-tra-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual(['Thời điểm', 'Người thực hiện', 'Mã tài khoản', 'Loại tài khoản', 'Vai trò', 'Cơ quan', 'Hành động', 'Loại đối tượng', 'Mã đối tượng', 'Mã yêu cầu', 'Số thứ tự trong chuỗi', 'Mã băm bản ghi', 'Mã băm chuỗi']);
    expect(lines).toHaveLength(2);
    const cells = lines[1].split(',');
    expect(cells.slice(0, 9)).toEqual([new Date(T0).toISOString(), 'Trần Văn Ghi', writerId, 'officer', 'specialist', A, 'viewertest.created', 'dossier', 'dossier-1']);
    expect(cells[11]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('JSON lines an inspector can re-verify: each entry hashes to its entry hash, each link to its chain hash', async () => {
    const res = await admin.get('/api/admin/audit/export?format=json&action=viewertest.');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(11);
    for (const l of lines) {
      expect(sha256(canonicalJson(l.entry))).toBe(l.entryHash);
      if (l.chainSeq !== null) expect(sha256(l.prevHash + l.entryHash)).toBe(l.chainHash);
    }
    expect(lines.filter((l) => l.chainSeq === null).map((l) => l.entry.action)).toEqual(['viewertest.after_seal']);
    expect(lines.at(-1)).toMatchObject({ actorName: 'Trần Văn Ghi', entry: { action: 'viewertest.created', agencyId: A, actorId: writerId } });
  });

  it('refuses a bad period and another agency as the search does', async () => {
    expectProblem(await inspectorA.get(`/api/admin/audit/export?format=csv&agencyId=${B}`), 403, 'audit.agency_not_allowed');
    expectProblem(await admin.get(`/api/admin/audit/export?format=json&from=${new Date(T0).toISOString()}&to=${new Date(T0).toISOString()}`), 400, 'audit.bad_range');
    expectProblem(await admin.get('/api/admin/audit/export?format=xml'), 400);
  });
});

describe('the viewer is itself audited', () => {
  it('each search, export and verification appends its record: who, in which agency, never a name typed as “who”', async () => {
    const inspector = (await p.ctx.db.execute(sql`select id from accounts where username = 'tt.viewer'`)) as unknown as { rows: Array<{ id: string }> };
    const inspectorId = inspector.rows[0].id;
    const before = await p.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, inspectorId));
    expect((await search(inspectorA, { actor: 'Trần Văn', agencyId: A })).statusCode).toBe(200);
    expect((await inspectorA.get(`/api/admin/audit/export?format=csv&agencyId=${A}`)).statusCode).toBe(200);
    const after = await p.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, inspectorId));
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => r.action).sort()).toEqual(['audit.exported', 'audit.viewed']);
    for (const r of added) {
      expect(r).toMatchObject({ actorKind: 'officer', agencyId: A, targetType: 'audit_log', targetId: A });
      expect(r.afterDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain('Trần');
    }
    // What was asked is committed to by the digest: the filters without the name.
    const viewed = added.find((r) => r.action === 'audit.viewed')!;
    expect(viewed.afterDigest).toBe(sha256(canonicalJson({ actor: 'name', agencyId: A, page: false, count: 2 + 6 + 1 })));
    // The platform administrator finds these records in the viewer like any other.
    const seen = await search(admin, { action: 'audit.', actor: inspectorId });
    expect(actions(seen)).toEqual(expect.arrayContaining(['audit.viewed', 'audit.exported']));
    expect(seen.json().records.every((r: any) => r.actorName === 'Ngô Thanh Tra')).toBe(true);
  });
});
