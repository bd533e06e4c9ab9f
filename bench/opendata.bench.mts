/**
 * bench:opendata — the DataStore on PostgreSQL: a generated CSV of BENCH_ROWS rows (default 1,000,000; 10 M rows are about 700 MB and a load of minutes) streamed
 * through `load()` (parse, type check, COPY, indexes, swap with audit and event), then `datastore_search` with a
 * filter and include_total repeated (p50/p99). Beside it in the same run, the bare baseline: the same CSV stream
 * COPYed raw through pg into a plain table, and the same search as two raw SQL queries. One JSON line.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createBenchDatabase } from './lib/database';
import { migrateDatabase, openDatabase } from '../src/platform/db/client';
import { createDatastore } from '../src/modules/opendata/datastore/index';
import { OpendataService } from '../src/modules/opendata/opendata.service';
import { opendataDatasets } from '../src/modules/opendata/opendata.schema';
import { foldVi } from '../src/shared/text/fold';

// 1 million rows by default (a run of a few minutes); the `rows` field says how many were loaded. BENCH_ROWS=10000000 for the full size.
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);
/** The catalogue searched by package_search (default 10,000 datasets). A small run: BENCH_ROWS=100000 BENCH_DATASETS=1000. */
const DATASETS = Number(process.env.BENCH_DATASETS ?? 10_000);
const TOPICS = ['thủ tục hành chính', 'đất đai', 'xây dựng', 'giáo dục', 'y tế', 'giao thông', 'môi trường', 'du lịch', 'dân số', 'ngân sách'];
const PROVINCES = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Thừa Thiên Huế', 'Quảng Ninh', 'Nghệ An', 'Thanh Hoá', 'Đắk Lắk', 'Lâm Đồng', 'Khánh Hoà', 'Bình Dương', 'Đồng Nai', 'Bắc Ninh', 'Lào Cai'];
const PROCEDURES = 1000;

/** The CSV, generated in chunks (never whole in memory): 10 M rows are about 700 MB. */
function csvStream(rows: number): Readable {
  let i = 0;
  return Readable.from(
    (function* () {
      yield Buffer.from('ma_ho_so,tinh,ma_thu_tuc,ten_thu_tuc,so_ngay,ngay_nop\n');
      while (i < rows) {
        const end = Math.min(rows, i + 20_000);
        let out = '';
        for (; i < end; i++) {
          const p = (i * 7919) % PROCEDURES;
          const day = 1 + (i % 28);
          out += `${i + 1},${PROVINCES[i % PROVINCES.length]},TT${String(p).padStart(4, '0')},"Thủ tục cấp giấy phép số ${p}, lĩnh vực ${p % 40}",${i % 30},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}\n`;
        }
        yield Buffer.from(out);
      }
    })(),
  );
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

const own = process.env.DATABASE_URL ? null : await createBenchDatabase('motcua_bench_opendata');
const url = process.env.DATABASE_URL ?? own!.url!;
const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
try {
  await migrateDatabase(database);
  const id = randomUUID();
  const ds = createDatastore(database.db, { resourceAccess: async () => 'ok' });

  // 1. load() and the bare COPY of the same stream.
  let t = performance.now();
  const loaded = await ds.load(id, csvStream(ROWS), 'csv', { indexes: ['tinh', 'ma_thu_tuc'] });
  const loadS = (performance.now() - t) / 1000;
  await ds.whenIndexed(id);
  const indexedS = (performance.now() - t) / 1000;

  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  await raw.query('create table bench_raw (ma_ho_so bigint, tinh text, ma_thu_tuc text, ten_thu_tuc text, so_ngay bigint, ngay_nop date)');
  t = performance.now();
  await pipeline(csvStream(ROWS), raw.query(copyFrom(`copy bench_raw from stdin with (format csv, header true)`)));
  const rawS = (performance.now() - t) / 1000;

  // 2. datastore_search with a filter and the total, and the same as raw SQL on the same table.
  const search = ds.actions.find((a) => a.name === 'datastore_search')!;
  const ctx = { caller: null, lang: 'vi' as const, baseUrl: 'http://localhost', now: new Date() };
  const code = (k: number) => `TT${String((k * 37) % PROCEDURES).padStart(4, '0')}`;
  for (let k = 0; k < 20; k++) await search.handler({ resource_id: id, filters: { ma_thu_tuc: code(k) } }, ctx);
  const times: number[] = [];
  let total = 0;
  for (let k = 0; k < SEARCHES; k++) {
    const s = performance.now();
    const r = (await search.handler({ resource_id: id, filters: { ma_thu_tuc: code(k) }, include_total: true }, ctx)) as { total: number };
    times.push(performance.now() - s);
    total = r.total;
  }
  const rawTimes: number[] = [];
  const table = `datastore."${id}"`;
  for (let k = 0; k < SEARCHES; k++) {
    const s = performance.now();
    await raw.query(`select * from ${table} where ma_thu_tuc = $1 order by _id limit 100`, [code(k)]);
    await raw.query(`select count(*) from ${table} where ma_thu_tuc = $1`, [code(k)]);
    rawTimes.push(performance.now() - s);
  }

  // 3. package_search over DATASETS datasets of 34 agencies (q typed without diacritics, a facet filter, facets,
  // sorted by modification), and the baseline: the same match and count as raw SQL on the same table.
  const agencies = Array.from({ length: 34 }, (_, k) => ({ id: randomUUID(), code: `000-00-${String(k).padStart(2, '0')}-h${k}`, name: `Ủy ban nhân dân tỉnh ${k}`, nameEn: `Province ${k}`, parentId: null, createdAt: new Date(), active: true }));
  const svc = new OpendataService(database.db, { agencies: { get: async (aid) => agencies.find((a) => a.id === aid), all: async () => agencies, agenciesFor: async () => new Set<string>() } }, 'http://localhost');
  const at = Date.now();
  for (let k = 0; k < DATASETS; k += 1000) {
    const batch = Array.from({ length: Math.min(1000, DATASETS - k) }, (_, n) => {
      const i = k + n;
      const topic = TOPICS[i % TOPICS.length];
      const titleVi = `Thống kê ${topic} năm ${2000 + (i % 26)} số ${i}`;
      const tags = [topic, `nam-${2000 + (i % 26)}`];
      const formats = i % 3 ? ['CSV'] : ['JSON', 'API'];
      const notesVi = `Số liệu ${topic} do cơ quan công bố, cập nhật hằng tháng.`;
      const name = `bo-du-lieu-${i}`;
      return { name, titleVi, notesVi, tags, formats, agencyId: agencies[i % agencies.length].id, state: 'published' as const, searchText: foldVi([name.replace(/-/g, ' '), titleVi, notesVi, tags.join(' '), formats.join(' ')].join(' ')), metadataCreated: new Date(at - i * 60_000), metadataModified: new Date(at - i * 60_000), publishedAt: new Date(at - i * 60_000) };
    });
    await database.db.insert(opendataDatasets).values(batch);
  }
  const raw2 = new pg.Client({ connectionString: url });
  await raw2.connect();
  await raw2.query('analyze opendata_datasets');
  const queries = (k: number) => ({ q: foldVi(TOPICS[k % TOPICS.length]).split(' ')[0], org: `000-00-${String(k % 34).padStart(2, '0')}-h${k % 34}` });
  for (let k = 0; k < 20; k++) await svc.search({ q: queries(k).q, rows: 10 }, null);
  const pkgTimes: number[] = [];
  let pkgCount = 0;
  for (let k = 0; k < SEARCHES; k++) {
    const { q, org } = queries(k);
    const s = performance.now();
    const r = await svc.search({ q, fq: k % 2 ? `organization:${org}` : `res_format:CSV`, rows: 10, sort: 'metadata_modified desc', 'facet.field': JSON.stringify(['organization', 'tags', 'res_format']) }, null);
    pkgTimes.push(performance.now() - s);
    pkgCount = r.count;
  }
  const pkgRaw: number[] = [];
  for (let k = 0; k < SEARCHES; k++) {
    const { q } = queries(k);
    const s = performance.now();
    await raw2.query(`select * from opendata_datasets where state = 'published' and not private and search_text like $1 order by metadata_modified desc limit 10`, [`%${q}%`]);
    await raw2.query(`select count(*) from opendata_datasets where state = 'published' and not private and search_text like $1`, [`%${q}%`]);
    pkgRaw.push(performance.now() - s);
  }
  await raw2.end();
  await raw.end();
  console.log(
    JSON.stringify({
      bench: 'opendata',
      rows: loaded.rows,
      load_rows_per_s: Math.round(loaded.rows / loadS),
      load_s: Math.round(loadS * 10) / 10,
      fulltext_index_ready_s: Math.round(indexedS * 10) / 10,
      search_p50_ms: pct(times, 50),
      search_p99_ms: pct(times, 99),
      search_filter_total: total,
      datasets: DATASETS,
      package_search_p50_ms: pct(pkgTimes, 50),
      package_search_p99_ms: pct(pkgTimes, 99),
      package_search_last_count: pkgCount,
      baseline_package_search_p50_ms: pct(pkgRaw, 50),
      baseline_package_search_p99_ms: pct(pkgRaw, 99),
      baseline_copy_rows_per_s: Math.round(ROWS / rawS),
      baseline_search_p50_ms: pct(rawTimes, 50),
      baseline_search_p99_ms: pct(rawTimes, 99),
    }),
  );
} finally {
  await database.close();
  await own?.drop();
}
