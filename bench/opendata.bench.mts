/**
 * bench:opendata — the DataStore on PostgreSQL: a generated CSV of BENCH_ROWS rows (default 10,000,000) streamed
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

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);
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
      package_search_p99_ms: null,
      baseline_copy_rows_per_s: Math.round(ROWS / rawS),
      baseline_search_p50_ms: pct(rawTimes, 50),
      baseline_search_p99_ms: pct(rawTimes, 99),
    }),
  );
} finally {
  await database.close();
  await own?.drop();
}
