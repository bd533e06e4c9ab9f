import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { enqueueEvent } from '../../platform/events/outbox';
import { readCatalogueFiles, type ProcedureVersionInput } from './index';
import { CatalogSearchIndex } from './catalog.index';
import { publishThroughReview, withoutCode } from '../../../test/support/catalog';
import { CompiledEforms } from './catalog.eforms';
import { procedures, procedureVersions } from './catalog.schema';
import type { CatalogFilters } from './catalog.repo';

let p: TestPlatform;
let admin: TestClient;
let approver: TestClient;
let DEMO: ProcedureVersionInput[];
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.loginAs('admin');
  approver = await p.loginAs('qtv.haiphong');
  DEMO = (await readCatalogueFiles()).flatMap((f) => f.procedures);
});
afterAll(() => p.close());

const catalog = () => p.services.catalog;
const fromIndex = (q: string, f: CatalogFilters = {}, limit = 10) => {
  const r = catalog().searchIndex.search(q, f, limit);
  expect(r, `the index answers "${q}"`).not.toBeNull();
  return r!;
};
const names = (r: { items: Array<{ name: { vi: string } }> }) => r.items.map((i) => i.name.vi);

async function until(what: string, ok: () => boolean, ms = 30_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Queries of every shape: whole words, type-ahead prefixes, one letter, codes, English, filters, and the any-term fallback. */
const QUERIES: Array<[q: string, f?: CatalogFilters, limit?: number]> = [
  ['dang ky khai sinh'],
  ['dang ky'],
  ['dang k'],
  ['d'],
  ['c', {}, 50],
  ['cap giay'],
  ['cap giay phep xay d'],
  ['chung th'],
  ['ket hon'],
  ['tam tru'],
  ['ho tich', {}, 50],
  ['giay chung nhan'],
  ['an toan thuc pham'],
  ['tro cap that nghiep'],
  ['ly lich tu phap'],
  ['registration'],
  ['birth reg'],
  ['1.00'],
  ['khai sinh zzzz'],
  ['zzzz khai'],
  ['xay dung nha o rieng le'],
  ['dang ky', { field: 'residence' }],
  ['cap', { level: 'commune' }, 50],
  ['cap', { applicantType: 'business' }, 50],
  ['dang ky', { lifeEvent: 'birth' }],
  ['giay', { onlineLevel: 'full' }, 50],
  ['thuong tru', { agencyKind: 'police', level: 'commune', applicantType: 'citizen' }],
  ['dang ky', { agencyKind: 'commune-pc' }],
];

describe('procedure search from memory', () => {
  it('is built at start over every published procedure', async () => {
    expect(catalog().searchIndex.ready).toBe(true);
    const published = (await p.anonymous().get('/api/procedures?limit=200')).json().total;
    expect(catalog().searchIndex.size).toBe(published);
  });

  it.each(QUERIES)('answers "%s" %j with the same results, ranks and order as the SQL', async (q, f = {}, limit = 10) => {
    const mem = fromIndex(q, f, limit);
    const db = await catalog().searchSql(q, f, limit);
    expect(mem.terms).toEqual(db.terms);
    expect(mem.items.map((i) => [i.versionId, i.rank])).toEqual(db.items.map((i) => [i.versionId, i.rank]));
    expect(mem.items).toEqual(db.items);
  });

  it('leaves to the SQL a term PostgreSQL would split', async () => {
    expect(catalog().searchIndex.search('a.b.c khai', {}, 10)).toBeNull();
    expect((await catalog().search('a.b.c khai', {}, 10)).terms).toEqual(['a.b.c', 'khai']);
  });

  it('answers from the SQL while the index is not built, the same', async () => {
    const cold = new CatalogSearchIndex(p.ctx.db);
    expect(cold.search('dang ky', {}, 10)).toBeNull();
    await cold.start();
    expect(cold.search('dang ky', {}, 10)).toEqual(await catalog().searchSql('dang ky', {}, 10));
    await cold.stop();
  });

  it('takes in what is published and drops what is retired, at once', async () => {
    const input: ProcedureVersionInput = withoutCode({ ...structuredClone(DEMO.find((x) => x.key === 'birth-registration')!), key: 'thu-tuc-tim-kiem', name: { vi: 'Cấp phép thả diều trên bãi biển', en: 'Kite flying permit' } });
    const v1 = (await admin.post('/api/admin/procedures', input)).json();
    expect(names(fromIndex('tha dieu'))).not.toContain('Cấp phép thả diều trên bãi biển');
    expect((await publishThroughReview(admin, approver, v1.id)).json().status).toBe('published');
    expect(names(fromIndex('tha dieu'))[0]).toBe('Cấp phép thả diều trên bãi biển');
    expect(names(fromIndex('kite fly'))).toEqual(['Cấp phép thả diều trên bãi biển']);

    // A new version replaces the old one in the index.
    const v2 = (await admin.post(`/api/admin/procedures/${v1.procedureId}/versions`)).json();
    await admin.put(`/api/admin/procedure-versions/${v2.id}`, { ...input, name: { vi: 'Cấp phép thả diều ven biển', en: 'Kite flying permit' } });
    expect((await publishThroughReview(admin, approver, v2.id)).json().status).toBe('published');
    expect(fromIndex('tha dieu').items.map((i) => [i.name.vi, i.versionId])[0]).toEqual(['Cấp phép thả diều ven biển', v2.id]);
    expect(names(fromIndex('tha dieu'))).not.toContain('Cấp phép thả diều trên bãi biển');
    expect(names(fromIndex('bai bien'))).not.toContain('Cấp phép thả diều trên bãi biển');
    expect(fromIndex('tha dieu')).toEqual(await catalog().searchSql('tha dieu', {}, 10));

    expect((await admin.post(`/api/admin/procedures/${v1.procedureId}/retire`)).statusCode).toBe(204);
    expect(names(fromIndex('tha dieu')).filter((n) => n.startsWith('Cấp phép thả diều'))).toEqual([]);
    expect((await p.anonymous().get('/api/procedures/search?q=tha+dieu')).json().items.filter((i: { name: { vi: string } }) => i.name.vi.startsWith('Cấp phép thả diều'))).toEqual([]);
  });

  it("follows the outbox for other processes' changes, and the events delivered to this process", async () => {
    // Another process's index over the same database: it learns of this process's publications from the outbox.
    const other = new CatalogSearchIndex(p.ctx.db);
    await other.start();
    const input: ProcedureVersionInput = withoutCode({ ...structuredClone(DEMO.find((x) => x.key === 'birth-registration')!), key: 'thu-tuc-tho-ca', name: { vi: 'Đăng ký hành nghề thổ ca', en: 'Folk singer licence' } });
    const v = (await admin.post('/api/admin/procedures', input)).json();
    expect((await publishThroughReview(admin, approver, v.id)).json().status).toBe('published');
    const THO_CA = 'Đăng ký hành nghề thổ ca';
    expect(names(other.search('tho ca', {}, 10)!)).not.toContain(THO_CA);
    await other.sync();
    expect(names(other.search('tho ca', {}, 10)!)[0]).toBe(THO_CA);

    // A retirement written by another process (here: straight to the database, with its event): the dispatcher
    // delivers the event to this process, whose index drops the procedure; the other index reads it in the outbox.
    await p.ctx.db.transaction(async (tx) => {
      await tx.update(procedureVersions).set({ status: 'retired', isCurrent: false, retiredAt: new Date() }).where(eq(procedureVersions.id, v.id));
      await tx.update(procedures).set({ currentVersionId: null }).where(eq(procedures.id, v.procedureId));
      await enqueueEvent(tx, { type: 'procedure.retired', aggregateType: 'procedure', aggregateId: v.procedureId, payload: { versionId: v.id } });
    });
    expect(names(fromIndex('tho ca'))[0]).toBe(THO_CA);
    await p.ctx.dispatcher.runOnce();
    await until('the retirement to reach the index', () => !names(fromIndex('tho ca')).includes(THO_CA));
    await other.sync();
    expect(names(other.search('tho ca', {}, 10)!)).not.toContain(THO_CA);
    expect(other.search('tho ca', {}, 10)).toEqual(fromIndex('tho ca'));
    await other.stop();
  });
});

describe('compiled e-forms', () => {
  it('compiles the e-form of a published version once and reuses it', async () => {
    const versionId = (await p.anonymous().get('/api/procedures/birth-registration')).json().current.id as string;
    const eforms = catalog().eforms;
    await catalog().validateData(versionId, {});
    const before = eforms.compilations;
    const a = await catalog().validateData(versionId, {});
    const b = await catalog().validateData(versionId, {});
    expect(a.ok).toBe(false);
    expect(b).toEqual(a);
    expect(eforms.compilations).toBe(before);
  });

  it('keeps a bounded number, dropping the least recently used, and never keeps a draft', () => {
    const eform = DEMO.find((x) => x.key === 'birth-registration')!.eform;
    const eforms = new CompiledEforms(2);
    const a = eforms.get('a', eform, true);
    eforms.get('b', eform, true);
    expect(eforms.get('a', eform, true)).toBe(a);
    eforms.get('c', eform, true); // b goes
    expect(eforms.size).toBe(2);
    const n = eforms.compilations;
    expect(eforms.get('a', eform, true)).toBe(a);
    expect(eforms.compilations).toBe(n);
    eforms.get('b', eform, true);
    expect(eforms.compilations).toBe(n + 1);
    eforms.get('draft', eform, false);
    eforms.get('draft', eform, false);
    expect(eforms.compilations).toBe(n + 3);
    expect(eforms.size).toBe(2);
  });
});
