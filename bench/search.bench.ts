/**
 * bench:search — loads 10,000 generated procedures beside the demo catalogue, runs 1,000 searches typed without
 * diacritics through the catalogue's search query, and ends with one JSON line. BENCH_DB=pglite for the embedded
 * database (default: the PostgreSQL server).
 */
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../src/platform/db/client';
import { seedDemo, seedReference } from '../src/seed/seed';
import { loadConfig } from '../src/config';
import { searchCurrent } from '../src/modules/catalog/catalog.repo';
import { readCatalogueFiles } from '../src/modules/catalog/index';
import { foldVi } from '../src/shared/text/fold';
import { BENCH_DB, createBenchDatabase } from './lib/database';

const N = Number(process.env.BENCH_PROCEDURES ?? 10_000);
const Q = Number(process.env.BENCH_QUERIES ?? 1_000);

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
const names: string[] = [];
for (let i = 0; i < N; i += 500) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 500); j++) {
    const name = `${pick(ACTIONS)} ${pick(OBJECTS)} ${pick(TOPICS)} ${pick(SUBJECTS)}`.trim();
    names.push(name);
    batch.push({ key: `gen-${j}`, name, code: `9.${String(100000 + j).padStart(6, '0')}` });
  }
  const values = sql.join(batch.map((b) => sql`(gen_random_uuid(), ${b.key}, ${b.code})`), sql`, `);
  const procs = (await db.execute(sql`insert into procedures (id, key, national_code) values ${values} returning id, key`)) as unknown as { rows: Array<{ id: string; key: string }> };
  const byKey = new Map(procs.rows.map((r) => [r.key, r.id]));
  const versions = sql.join(
    batch.map((b) => {
      const content = { ...template, key: undefined, name: { vi: b.name, en: `Generated procedure ${b.key}` }, nationalCode: b.code };
      return sql`(${byKey.get(b.key)}::uuid, 1, 'published', true, ${JSON.stringify(content)}::jsonb, ${b.name}, ${`Generated procedure ${b.key}`}, ${b.code}, ${template.field}, ${template.implementingLevel}, ${template.agencyKind}, ${template.onlineLevel}, ${`{${template.applicantTypes.join(",")}}`}::text[], ${`{${template.lifeEvents.join(",")}}`}::text[], now())`;
    }),
    sql`, `,
  );
  await db.execute(sql`with v as (insert into procedure_versions (procedure_id, version, status, is_current, content, name_vi, name_en, national_code, field, implementing_level, agency_kind, online_level, applicant_types, life_events, published_at)
    values ${versions} returning id, procedure_id) update procedures p set current_version_id = v.id from v where p.id = v.procedure_id`);
}
await db.execute(sql`analyze procedures`);
await db.execute(sql`analyze procedure_versions`);
const total = ((await db.execute(sql`select count(*)::int as n from procedures where current_version_id is not null`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n;
console.error(`loaded ${total} published procedures in ${Date.now() - t0} ms`);

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
  const { tsQueryText, queryTerms } = await import('../src/modules/catalog/catalog.search');
  for (const q of queries.slice(0, 3)) {
    const t = tsQueryText(queryTerms(q));
    const plan = (await db.execute(sql`explain analyze select v.id, ts_rank(v.search_vector, to_tsquery('simple', ${t}), 1) r from procedures p join procedure_versions v on v.id = p.current_version_id where v.search_vector @@ to_tsquery('simple', ${t}) order by r desc limit 10`)) as unknown as { rows: Array<Record<string, string>> };
    console.error(q, '\n', plan.rows.map((r) => Object.values(r)[0]).join('\n'));
  }
}
for (const q of queries.slice(0, 50)) await searchCurrent(db, q, {}, 10); // warm-up
const times: number[] = [];
let hits = 0;
for (const q of queries) {
  const s = process.hrtime.bigint();
  const r = await searchCurrent(db, q, {}, 10);
  times.push(Number(process.hrtime.bigint() - s) / 1e6);
  if (r.items.length) hits++;
}
times.sort((a, b) => a - b);
const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 100) / 100;
console.error(`${hits}/${Q} queries found something`);
await database.close();
await target.drop();
console.log(JSON.stringify({ bench: 'search', db: BENCH_DB, procedures: total, queries: Q, p50_ms: pct(50), p99_ms: pct(99) }));
