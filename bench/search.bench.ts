/**
 * bench:search — loads 10,000 generated procedures (`--procedures N` or BENCH_PROCEDURES for another size) beside
 * the demo catalogue, builds the catalogue's in-memory search index, then runs the same 1,000 searches typed without
 * diacritics through the platform's search (the index) and through the SQL full-text search (the fallback), in the
 * same run, checks that both give the same top results, and ends with one JSON line. BENCH_DB=pglite for the
 * embedded database (default: the PostgreSQL server). Imports the catalogue only through its module index.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../src/platform/db/client';
import { seedDemo, seedReference } from '../src/seed/seed';
import { loadConfig } from '../src/config';
import { CatalogService, readCatalogueFiles } from '../src/modules/catalog';
import { foldVi } from '../src/shared/text/fold';
import { BENCH_DB, createBenchDatabase } from './lib/database';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--procedures') ?? process.env.BENCH_PROCEDURES ?? 10_000);
const Q = Number(arg('--queries') ?? process.env.BENCH_QUERIES ?? 1_000);
const CHUNK = 5_000;

// A small deterministic generator of plausible procedure names.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const ACTIONS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh', 'Thu hồi', 'Đăng ký', 'Đăng ký thay đổi', 'Xác nhận', 'Công nhận', 'Phê duyệt', 'Thẩm định', 'Chấp thuận', 'Hỗ trợ', 'Giải quyết'];
const OBJECTS = ['giấy phép', 'giấy chứng nhận', 'chứng chỉ hành nghề', 'quyết định', 'hồ sơ', 'văn bản xác nhận', 'thẻ', 'sổ', 'phương án', 'kế hoạch', 'báo cáo'];
const TOPICS = ['kinh doanh dịch vụ lữ hành', 'khai thác khoáng sản', 'hoạt động giáo dục nghề nghiệp', 'nuôi trồng thủy sản', 'phòng cháy chữa cháy', 'xuất bản phẩm', 'biểu diễn nghệ thuật', 'quảng cáo ngoài trời', 'sử dụng tần số vô tuyến điện', 'khám bệnh, chữa bệnh', 'hành nghề dược', 'vận tải hành khách', 'bảo vệ môi trường', 'xả nước thải vào nguồn nước', 'đầu tư xây dựng', 'chuyển mục đích sử dụng đất', 'thành lập trường mầm non', 'hoạt động tôn giáo', 'tổ chức lễ hội', 'bảo trợ xã hội', 'người có công với cách mạng', 'di tích lịch sử', 'an toàn lao động', 'đo lường chất lượng', 'năng lượng nguyên tử'];
const SUBJECTS = ['đối với doanh nghiệp', 'đối với hộ kinh doanh', 'cho cá nhân', 'cho tổ chức', 'cấp tỉnh', 'cấp xã', 'có yếu tố nước ngoài', 'trong khu công nghiệp', ''];

const t0 = Date.now();
const target = await createBenchDatabase('motcua_bench_search');
const database = await openDatabase({ databaseUrl: target.url, dataDir: 'memory://' });
await migrateDatabase(database);
const db = database.db;
await seedReference(db);
await seedDemo(db, loadConfig({ SEED_DEMO: 'true' }));

const DEMO_PROCEDURES = (await readCatalogueFiles()).flatMap((f) => f.procedures);
const template = DEMO_PROCEDURES.find((p) => p.key === 'birth-registration')!;
const templateContent = { ...template, key: undefined };

// Bulk load: a few thousand rows per statement, the columns as arrays (unnest), the full content built on the
// server from the template (so every version carries a real ~30 kB definition), the GIN index made once at the end.
const names: string[] = [];
await db.execute(sql`drop index if exists procedure_versions_search_idx`);
for (let i = 0; i < N; i += CHUNK) {
  const cols = { pid: [] as string[], vid: [] as string[], key: [] as string[], code: [] as string[], name: [] as string[], en: [] as string[] };
  for (let j = i; j < Math.min(N, i + CHUNK); j++) {
    const name = `${pick(ACTIONS)} ${pick(OBJECTS)} ${pick(TOPICS)} ${pick(SUBJECTS)}`.trim();
    names.push(name);
    cols.pid.push(randomUUID());
    cols.vid.push(randomUUID());
    cols.key.push(`gen-${j}`);
    cols.code.push(`9.${String(100000 + j).padStart(6, '0')}`);
    cols.name.push(name);
    cols.en.push(`Generated procedure gen-${j}`);
  }
  const arr = (xs: string[]) => sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
  await db.transaction(async (tx) => {
    // Faster compression of the large content, where the server has it (the column keeps its default otherwise).
    if (BENCH_DB === 'postgres') await tx.execute(sql`set local default_toast_compression = lz4`);
    await tx.execute(sql`insert into procedures (id, key, national_code, current_version_id)
      select pid::uuid, key, code, vid::uuid from unnest(${arr(cols.pid)}, ${arr(cols.key)}, ${arr(cols.code)}, ${arr(cols.vid)}) as t(pid, key, code, vid)`);
    await tx.execute(sql`insert into procedure_versions (id, procedure_id, version, status, is_current, content, name_vi, name_en, national_code, field, implementing_level, agency_kind, online_level, applicant_types, life_events, published_at)
      select vid::uuid, pid::uuid, 1, 'published', true,
        ${JSON.stringify(templateContent)}::jsonb || jsonb_build_object('name', jsonb_build_object('vi', name, 'en', en), 'nationalCode', code),
        name, en, code, ${template.field}, ${template.implementingLevel}, ${template.agencyKind}, ${template.onlineLevel},
        ${`{${template.applicantTypes.join(',')}}`}::text[], ${`{${template.lifeEvents.join(',')}}`}::text[], now()
      from unnest(${arr(cols.pid)}, ${arr(cols.vid)}, ${arr(cols.code)}, ${arr(cols.name)}, ${arr(cols.en)}) as t(pid, vid, code, name, en)`);
  });
}
await db.execute(sql`create index procedure_versions_search_idx on procedure_versions using gin (search_vector)`);
await db.execute(sql`analyze procedures`);
await db.execute(sql`analyze procedure_versions`);
const total = ((await db.execute(sql`select count(*)::int as n from procedures where current_version_id is not null`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n;
const loadMs = Date.now() - t0;
console.error(`loaded ${total} published procedures in ${loadMs} ms`);

// The platform's catalogue service: its index is built as at start-up.
const catalog = new CatalogService(db);
const heap0 = process.memoryUsage().heapUsed;
const b0 = Date.now();
await catalog.searchIndex.start();
const buildMs = Date.now() - b0;
const indexMb = Math.round((process.memoryUsage().heapUsed - heap0) / 2 ** 20);
console.error(`index of ${catalog.searchIndex.size} procedures built in ${buildMs} ms (~${indexMb} MB of heap)`);

// Queries as people type them: 2–4 words of a real name, without diacritics, the last word sometimes cut short.
const queries: string[] = [];
const allNames = [...names, ...DEMO_PROCEDURES.map((p) => p.name.vi)];
while (queries.length < Q) {
  const words = foldVi(pick(allNames)).split(/\s+/).filter((w) => w.length > 1);
  const start = Math.floor(rnd() * Math.max(1, words.length - 2));
  const q = words.slice(start, start + 2 + Math.floor(rnd() * 3));
  if (rnd() < 0.4 && q[q.length - 1].length > 3) q[q.length - 1] = q[q.length - 1].slice(0, 3);
  queries.push(q.join(' '));
}

if (process.env.BENCH_EXPLAIN) {
  for (const q of queries.slice(0, 3)) {
    const { terms } = await catalog.searchSql(q, {}, 10);
    const t = terms.map((x, i) => (i === terms.length - 1 ? `${x}:*` : x)).join(' & ');
    const plan = (await db.execute(sql`explain analyze select v.id, ts_rank(v.search_vector, to_tsquery('simple', ${t}), 1) r from procedures p join procedure_versions v on v.id = p.current_version_id where v.search_vector @@ to_tsquery('simple', ${t}) order by r desc limit 10`)) as unknown as { rows: Array<Record<string, string>> };
    console.error(q, '\n', plan.rows.map((r) => Object.values(r)[0]).join('\n'));
  }
}

type Answer = Awaited<ReturnType<CatalogService['search']>>;
const key = (a: Answer) => JSON.stringify(a.items.map((i) => [i.versionId, i.rank]));
const percentiles = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
  return { p50: pct(50), p99: pct(99) };
};
/**
 * Wall time per query, and the process's CPU time per query (user + system): on a loaded machine the wall time
 * includes waiting for a core, the CPU time of a search from memory (no I/O) does not.
 */
async function measure(run: (q: string) => Promise<Answer> | Answer) {
  for (const q of queries.slice(0, 50)) await run(q); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  const answers: string[] = [];
  for (const q of queries) {
    const c = process.cpuUsage();
    const s = process.hrtime.bigint();
    const r = await run(q);
    wall.push(Number(process.hrtime.bigint() - s) / 1e6);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1e3);
    answers.push(key(r));
  }
  return { ...percentiles(wall), cpu: percentiles(cpu), answers };
}

const viaSql = await measure((q) => catalog.searchSql(q, {}, 10));
// The platform's path (catalog.search): the index, or the SQL where it cannot answer.
const viaIndex = await measure((q) => catalog.searchIndex.search(q, {}, 10) ?? catalog.searchSql(q, {}, 10));
const fromMemory = queries.filter((q) => catalog.searchIndex.search(q, {}, 10) !== null).length;
const same = viaIndex.answers.filter((a, i) => a === viaSql.answers[i]).length;
const hits = viaIndex.answers.filter((a) => a !== '[]').length;
console.error(`${hits}/${Q} queries found something; ${fromMemory}/${Q} answered from memory; ${same}/${Q} with the same top 10 (ids and ranks) as the SQL`);
await catalog.searchIndex.stop();
await database.close();
await target.drop();
console.log(
  JSON.stringify({
    bench: 'search',
    db: BENCH_DB,
    procedures: total,
    queries: Q,
    p50_ms: viaIndex.p50,
    p99_ms: viaIndex.p99,
    cpu_p50_ms: viaIndex.cpu.p50,
    cpu_p99_ms: viaIndex.cpu.p99,
    sql_p50_ms: viaSql.p50,
    sql_p99_ms: viaSql.p99,
    same_top10: same / Q,
    index_build_ms: buildMs,
    index_heap_mb: indexMb,
    load_ms: loadMs,
    load_avg: Math.round(loadavg()[0] * 10) / 10,
  }),
);
