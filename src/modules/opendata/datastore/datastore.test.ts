import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../../platform/db/client';
import { onPostgres } from '../../../../test/support/platform';
import { pgliteTemplate, pgTemplate } from '../../../../test/support/template-env';
import { CkanError, type CkanActionContext, type CkanCaller } from '../ckan/action';
import { createDatastore, registerDatastoreRoutes, type Datastore, type ResourceAccess } from './index';
import type { App } from '../../../platform/http/app';

const publisher: CkanCaller = { accountId: randomUUID(), agencyIds: [], roles: [] };
const resources = new Map<string, 'public' | 'private'>();
const access: ResourceAccess = async (id, caller, write) => {
  const r = resources.get(id);
  if (!r) return 'not_found';
  if (write || r === 'private') return caller?.accountId === publisher.accountId ? 'ok' : 'forbidden';
  return 'ok';
};
const anon: CkanActionContext = { caller: null, lang: 'vi', baseUrl: 'http://localhost', now: new Date() };
const pub: CkanActionContext = { ...anon, caller: publisher };

let database: Database;
let drop: (() => Promise<void>) | null = null;
let ds: Datastore;

async function openTestDb(): Promise<void> {
  if (onPostgres) {
    const { default: pg } = await import('pg');
    const server = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
    const name = `motcua_t_ds_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplate()}`);
    await admin.end();
    database = await openDatabase({ databaseUrl: `${server}/${name}`, poolSize: 4 });
    drop = async () => {
      const c = new pg.Client({ connectionString: `${server}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: pgliteTemplate()! });
  }
}

const action = (name: string) => ds.actions.find((a) => a.name === name)!;
const call = (name: string, params: Record<string, unknown>, ctx: CkanActionContext = anon) => action(name).handler(params, ctx) as Promise<any>;
const refused = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof CkanError) return e;
    throw e;
  }
  throw new Error('not refused');
};
const csv = (s: string | Buffer) => Readable.from([typeof s === 'string' ? Buffer.from(s) : s]);

const CSV = [
  'tinh,so_ho_so,ty_le,dung_han,ngay,ghi_chu',
  'Hà Nội,120,0.95,true,2025-01-31,"Đăng ký, cấp phép"',
  'Hồ Chí Minh,340,0.9,false,2025-02-28,=1+1',
  'Đà Nẵng,45,1,true,2025-03-31,"có ""ngoặc"""',
  'Hà Nội,80,0.5,false,15/04/2025,',
].join('\r\n') + '\r\n';

const R1 = randomUUID();

beforeAll(async () => {
  await openTestDb();
  ds = createDatastore(database.db, { resourceAccess: access, statementTimeoutMs: 300, rowCap: 1000, maxFileBytes: 64 * 1024 });
  resources.set(R1, 'public');
  await ds.load(R1, csv(CSV), 'csv');
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('DataStore', () => {
  it('loads a CSV with inferred types, audited with an event, and searches it', async () => {
    const info = await ds.info(R1);
    expect(info!.total).toBe(4);
    expect(info!.fields.map((f) => `${f.id}:${f.type}`)).toEqual(['tinh:text', 'so_ho_so:int', 'ty_le:numeric', 'dung_han:bool', 'ngay:date', 'ghi_chu:text']);
    const audit = await database.db.execute(sql`select count(*)::int as n from audit_log where action = 'datastore.load' and target_id = ${R1}`);
    expect((audit as any).rows[0].n).toBe(1);
    const ev = await database.db.execute(sql`select count(*)::int as n from outbox_events where type = 'datastore.loaded' and aggregate_id = ${R1}`);
    expect((ev as any).rows[0].n).toBe(1);

    const all = await call('datastore_search', { resource_id: R1 });
    expect(all.total).toBe(4);
    expect(all.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(all.records[0]).toEqual({ _id: 1, tinh: 'Hà Nội', so_ho_so: 120, ty_le: 0.95, dung_han: true, ngay: '2025-01-31', ghi_chu: 'Đăng ký, cấp phép' });
    expect(all.records[2].ghi_chu).toBe('có "ngoặc"');
    expect(all.records[3].ngay).toBe('2025-04-15');

    const f = await call('datastore_search', { resource_id: R1, filters: JSON.stringify({ tinh: 'Hà Nội' }), sort: 'so_ho_so desc', fields: 'tinh,so_ho_so' });
    expect(f.total).toBe(2);
    expect(f.records).toEqual([{ tinh: 'Hà Nội', so_ho_so: 120 }, { tinh: 'Hà Nội', so_ho_so: 80 }]);
    const many = await call('datastore_search', { resource_id: R1, filters: { tinh: ['Đà Nẵng', 'Hồ Chí Minh'] }, include_total: 'true' });
    expect(many.total).toBe(2);

    const q = await call('datastore_search', { resource_id: R1, q: 'dang ky' });
    expect(q.records.map((r: any) => r.tinh)).toEqual(['Hà Nội']);
    const qPrefix = await call('datastore_search', { resource_id: R1, q: 'da nan' });
    expect(qPrefix.total).toBe(1);
    const qCol = await call('datastore_search', { resource_id: R1, q: JSON.stringify({ tinh: 'ho chi minh' }) });
    expect(qCol.records.map((r: any) => r.so_ho_so)).toEqual([340]);

    const page = await call('datastore_search', { resource_id: R1, limit: 3 });
    expect(page.records).toHaveLength(3);
    expect(page._links.start).toBe(`/api/3/action/datastore_search?resource_id=${R1}&limit=3`);
    const next = new URLSearchParams(page._links.next.split('?')[1]);
    const page2 = await call('datastore_search', Object.fromEntries(next));
    expect(page2.records.map((r: any) => r._id)).toEqual([4]);
    expect(page2.offset).toBe(3);

    const distinct = await call('datastore_search', { resource_id: R1, fields: ['tinh'], distinct: true, sort: 'tinh' });
    expect(distinct.total).toBe(3);

    expect((await refused(call('datastore_search', { resource_id: R1, filters: { nope: 1 } }))).type).toBe('Validation Error');
    expect((await refused(call('datastore_search', { resource_id: R1, filters: { so_ho_so: 'abc' } }))).type).toBe('Validation Error');
    expect((await refused(call('datastore_search', { resource_id: randomUUID() }))).type).toBe('Not Found Error');
  });

  it('numbers a loaded table’s rows 1…n under its primary key, and inserts after go on from n + 1', async () => {
    const id = randomUUID();
    resources.set(id, 'public');
    await ds.load(id, csv('ten,so,ty_le\r\nMột,7,-8.5E1\r\nHai,12,0.5\r\n'), 'csv');
    await call('datastore_upsert', { resource_id: id, method: 'insert', records: [{ ten: 'Ba', so: 3 }] }, pub);
    const all = await call('datastore_search', { resource_id: id, sort: '_id' });
    expect(all.records.map((r: any) => [r._id, r.ten])).toEqual([
      [1, 'Một'],
      [2, 'Hai'],
      [3, 'Ba'],
    ]);
    // The primary key on `_id`, built after the rows went in.
    const pk = await database.db.execute(sql.raw(`select count(*)::int as n from pg_constraint where conrelid = 'datastore."${id}"'::regclass and contype = 'p'`));
    expect((pk as any).rows[0].n).toBe(1);
    await expect(database.db.execute(sql.raw(`insert into datastore."${id}" (_id, ten) values (2, 'Trùng')`))).rejects.toThrow();
    // Number cells are words of the full text as before (digits; a decimal split at its point, lower case).
    expect((await call('datastore_search', { resource_id: id, q: '12' })).records.map((r: any) => r.ten)).toEqual(['Hai']);
    expect((await call('datastore_search', { resource_id: id, q: '5e1' })).records.map((r: any) => r.ten)).toEqual(['Một']);
  });

  it('loads an XLSX file streamed, with Vietnamese text and dates', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Dữ liệu');
    s.addRow(['Xã', 'Dân số', 'Ngày']);
    s.addRow(['Phường Bến Nghé', 14000, new Date(Date.UTC(2024, 0, 1))]);
    s.addRow(['Xã Đông Anh', 25000.5, new Date(Date.UTC(2024, 5, 30))]);
    s.addRow(['Thị trấn', null, null]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const id = randomUUID();
    resources.set(id, 'public');
    const res = await ds.load(id, csv(buf), 'xlsx');
    expect(res.rows).toBe(3);
    expect(res.fields.map((f) => f.type)).toEqual(['text', 'numeric', 'date']);
    const r = await call('datastore_search', { resource_id: id, q: 'dong anh' });
    expect(r.records).toEqual([{ _id: 2, Xã: 'Xã Đông Anh', 'Dân số': 25000.5, Ngày: '2024-06-30' }]);
  });

  it('refuses bad files and keeps the previous table', async () => {
    const cases: [string | Buffer, string, string][] = [
      ['a,b\n1,2\n3\n', 'datastore.ragged_row', 'Dòng 3'],
      [Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]), Buffer.from('\n')]), 'datastore.bad_encoding', 'UTF-8'],
      ['', 'datastore.no_header', ''],
      ['a,,c\n1,2,3\n', 'datastore.bad_header', 'thứ 2'],
      ['a,a\n1,2\n', 'datastore.bad_header', 'trùng'],
      ['a,b\n' + '1,2\n'.repeat(20_000), 'datastore.too_large', '65536'],
      ['a,b\n1,"x\n', 'datastore.bad_csv', ''],
    ];
    for (const [body, code, vi] of cases) {
      const err = (await ds.load(R1, csv(body), 'csv').catch((e: unknown) => e)) as { code: string; detail?: { vi: string } };
      expect(err.code, code).toBe(code);
      if (vi) expect(err.detail?.vi).toContain(vi);
    }
    // A typed column with a value of another type far after the sample.
    const late = 'n\n' + '1\n'.repeat(1500) + 'x\n';
    expect(((await ds.load(R1, csv(late), 'csv').catch((e: unknown) => e)) as { code: string }).code).toBe('datastore.bad_value');
    expect((await ds.info(R1))!.total).toBe(4);
    const left = await database.db.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'datastore' and tablename like '\_load\_%'`);
    expect((left as any).rows[0].n).toBe(0);
  });

  it('creates, upserts and deletes records through the actions, for publishers only', async () => {
    const id = randomUUID();
    resources.set(id, 'public');
    const fields = [{ id: 'ma', type: 'text' }, { id: 'ten', type: 'text', info: { label: 'Tên' } }, { id: 'so', type: 'int' }];
    expect((await refused(call('datastore_create', { resource_id: id, fields }))).type).toBe('Authorization Error');
    const created = await call('datastore_create', { resource_id: id, fields, primary_key: 'ma', records: [{ ma: 'A', ten: 'Thủ tục một', so: 1 }, { ma: 'B', ten: 'Hai', so: 2 }] }, pub);
    expect(created.primary_key).toEqual(['ma']);
    await call('datastore_upsert', { resource_id: id, records: [{ ma: 'B', ten: 'Hai (sửa)', so: 20 }, { ma: 'C', ten: 'Ba', so: 3 }] }, pub);
    await call('datastore_upsert', { resource_id: id, method: 'update', records: [{ ma: 'A', so: 10 }] }, pub);
    expect((await refused(call('datastore_upsert', { resource_id: id, method: 'update', records: [{ ma: 'Z', so: 1 }] }, pub))).type).toBe('Validation Error');
    expect((await refused(call('datastore_upsert', { resource_id: id, method: 'insert', records: [{ ma: 'A' }] }, pub))).type).toBe('Validation Error');
    let s = await call('datastore_search', { resource_id: id, sort: 'ma' });
    expect(s.total).toBe(3);
    expect(s.records.map((r: any) => `${r.ma}:${r.so}`)).toEqual(['A:10', 'B:20', 'C:3']);
    expect((await call('datastore_search', { resource_id: id, q: 'sua' })).total).toBe(1);
    await call('datastore_create', { resource_id: id, fields: [{ id: 'moi', type: 'bool' }], records: [{ ma: 'D', moi: true }] }, pub);
    expect((await call('datastore_search', { resource_id: id, filters: { moi: true } })).records[0].ma).toBe('D');
    await call('datastore_delete', { resource_id: id, filters: { ma: ['A', 'B'] } }, pub);
    s = await call('datastore_search', { resource_id: id });
    expect(s.total).toBe(2);
    const info = await call('datastore_info', { resource_id: id });
    expect(info.meta.count).toBe(2);
    expect(info.fields.find((f: any) => f.id === 'ten').info).toEqual({ label: 'Tên' });
    await call('datastore_delete', { resource_id: id }, pub);
    expect((await refused(call('datastore_search', { resource_id: id }))).type).toBe('Not Found Error');
  });

  it('runs SELECTs over DataStore tables only, read-only, with a timeout and a row cap', async () => {
    const ok = await call('datastore_search_sql', { sql: `SELECT tinh, sum(so_ho_so) AS n FROM "${R1}" GROUP BY tinh ORDER BY n DESC;` });
    expect(ok.records[0]).toEqual({ tinh: 'Hồ Chí Minh', n: 340 });
    expect(ok.fields).toEqual([{ id: 'tinh', type: 'text' }, { id: 'n', type: expect.stringMatching(/int|numeric/) }]);
    const capped = await call('datastore_search_sql', { sql: `select g from generate_series(1, 5000) g` });
    expect(capped.records).toHaveLength(1000);
    expect(capped.records_truncated).toBe(true);
    const bad: [string, string][] = [
      [`INSERT INTO "${R1}" (tinh) VALUES ('x')`, 'Validation Error'],
      [`UPDATE "${R1}" SET tinh = 'x'`, 'Validation Error'],
      [`DELETE FROM "${R1}"`, 'Validation Error'],
      [`DROP TABLE "${R1}"`, 'Validation Error'],
      [`with d as (delete from "${R1}" returning *) select * from d`, 'Validation Error'],
      [`SELECT * FROM pg_catalog.pg_authid`, 'Authorization Error'],
      [`SELECT relname FROM pg_class`, 'Authorization Error'],
      [`SELECT * FROM public.accounts`, 'Authorization Error'],
      [`SELECT * FROM pg_stat_get_activity(null)`, 'Authorization Error'],
      [`SELECT * FROM datastore_tables`, 'Validation Error'], // not on the search path: does not exist
      [`SELECT pg_sleep(10)`, 'Validation Error'],
      [`select 1; select 2`, 'Validation Error'],
      [`SELECT * FROM "${randomUUID()}"`, 'Validation Error'],
    ];
    for (const [q, type] of bad) {
      const e = await refused(call('datastore_search_sql', { sql: q }));
      expect(e.type, q).toBe(type);
      expect(e.message).not.toContain('SELECT');
    }
    const slow = await refused(call('datastore_search_sql', { sql: 'SELECT pg_sleep(10)' }));
    expect(slow.fields).toEqual({ query: ['Query took too long'] });
    if (onPostgres) {
      // The server interrupts any long query (statement_timeout), not only sleeps.
      const t0 = Date.now();
      const e = await refused(call('datastore_search_sql', { sql: 'select count(*) from generate_series(1, 100000000)' }));
      expect(e.fields).toEqual({ query: ['Query took too long'] });
      expect(Date.now() - t0).toBeLessThan(5000);
    }
    const priv = randomUUID();
    resources.set(priv, 'private');
    await ds.load(priv, csv('a\n1\n'), 'csv');
    expect((await refused(call('datastore_search_sql', { sql: `select * from "${priv}"` }))).type).toBe('Authorization Error');
    expect((await call('datastore_search_sql', { sql: `select * from "${priv}"` }, pub)).records).toEqual([{ _id: 1, a: 1, _full_text: "'1'" }]);
  });

  it('downloads CSV with a BOM and neutralised formulas, JSON and XLSX', async () => {
    const app = Fastify() as unknown as App;
    registerDatastoreRoutes(app, ds, access, { callerOf: async (req) => (req.headers.authorization === 'publisher' ? publisher : null) });
    await app.ready();
    const up = randomUUID();
    resources.set(up, 'public');
    const put = await app.inject({ method: 'PUT', url: `/api/opendata/datastore/${up}`, headers: { 'content-type': 'text/csv', authorization: 'publisher' }, payload: 'ma,ten\n1,Một\n2,Hai\n' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ resourceId: up, rows: 2, fields: [{ id: 'ma', type: 'int' }, { id: 'ten', type: 'text' }] });
    expect((await ds.info(up))!.total).toBe(2);
    const c = await app.inject({ url: `/api/opendata/datastore/${R1}/dump?format=csv` });
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = c.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('tinh,so_ho_so,ty_le,dung_han,ngay,ghi_chu');
    expect(lines[2]).toBe("Hồ Chí Minh,340,0.9,false,2025-02-28,'=1+1");
    const j = await app.inject({ url: `/api/opendata/datastore/${R1}/dump?format=json` });
    expect(JSON.parse(j.body)).toHaveLength(4);
    const x = await app.inject({ url: `/api/opendata/datastore/${R1}/dump?format=xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('Hà Nội');
    expect(wb.worksheets[0]!.rowCount).toBe(5);
    await app.close();
  });
});
