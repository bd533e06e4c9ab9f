/**
 * The agency's open-data plan (kế hoạch mở dữ liệu) and the catalogue of its databases (danh mục cơ sở dữ liệu).
 * The plan has the three contents the rules ask for: the list of open data (items), the publication schedule
 * (a due date per item, stages with their end dates) and the minimum level per stage. Progress is computed from
 * what the catalogue actually publishes — a plan item is done when the agency's dataset of that name is published
 * at the required level or above — and items past their due date and not done are flagged late. Pure.
 */

/**
 * Openness levels (mức độ mở) of a published dataset, after the five-star scheme: 1 published under an open
 * licence (any format), 2 structured (a spreadsheet), 3 in an open format (CSV, JSON, GeoJSON), 4 queryable
 * (an API or its data loaded in the DataStore), 5 linked (described with identifiers and links to other data —
 * not computed here: the catalogue does not record it).
 */
export const OPEN_LEVELS = [1, 2, 3, 4, 5] as const;
export type OpenLevel = (typeof OPEN_LEVELS)[number];

export interface PublishedResourceFacts {
  format: string;
  datastoreActive: boolean;
}

/** The openness level a published dataset reaches, from its resources. */
export function openLevelOf(resources: readonly PublishedResourceFacts[]): OpenLevel {
  let level: OpenLevel = 1;
  for (const r of resources) {
    const f = r.format.toUpperCase();
    const l: OpenLevel = r.datastoreActive || f === 'API' ? 4 : f === 'CSV' || f === 'JSON' || f === 'GEOJSON' ? 3 : f === 'XLSX' || f === 'XLS' ? 2 : 1;
    if (l > level) level = l;
  }
  return level;
}

export interface PlanStage {
  /** A short key the items refer to (giai-doan-1…). */
  key: string;
  name: string;
  /** The stage ends on this day (YYYY-MM-DD). */
  until: string;
  /** The minimum openness level of what is published in this stage. */
  minLevel: OpenLevel;
}

export interface PlanItem {
  /** The catalogue name (slug) the data will be published as: how progress finds it. */
  datasetName: string;
  title: string;
  stage: string;
  /** Due date (YYYY-MM-DD). */
  due: string;
  /** A level above the stage's minimum, when the plan asks more for this item. */
  minLevel?: OpenLevel;
}

export interface PlanContent {
  stages: PlanStage[];
  items: PlanItem[];
}

/** A dataset of the agency as the catalogue has it now. */
export interface PublishedFacts {
  name: string;
  agencyId: string;
  state: string;
  /** When it was (last) published, ISO. */
  publishedAt: string | null;
  level: OpenLevel;
}

export type ItemStatus = 'done' | 'below_level' | 'pending' | 'late';

export interface ItemProgress extends PlanItem {
  requiredLevel: OpenLevel;
  status: ItemStatus;
  /** Past its due date and not done. */
  late: boolean;
  /** Published, but after the due date. */
  doneLate: boolean;
  level: OpenLevel | null;
  publishedOn: string | null;
}

export interface StageProgress extends PlanStage {
  items: number;
  done: number;
  late: number;
  percent: number;
}

export interface PlanProgress {
  items: number;
  done: number;
  late: number;
  percent: number;
  stages: StageProgress[];
  itemProgress: ItemProgress[];
}

const pct = (done: number, n: number) => (n ? Math.round((done * 1000) / n) / 10 : 0);

/** A plan's problems (empty when valid): unknown stages, duplicate items, bad dates, an item due after its stage. */
export function planProblems(plan: PlanContent): { path: string; vi: string; en: string }[] {
  const out: { path: string; vi: string; en: string }[] = [];
  const stages = new Map<string, PlanStage>();
  plan.stages.forEach((s, i) => {
    if (stages.has(s.key)) out.push({ path: `/stages/${i}/key`, vi: 'Mã giai đoạn bị trùng', en: 'Duplicate stage key' });
    stages.set(s.key, s);
    if (!validDate(s.until)) out.push({ path: `/stages/${i}/until`, vi: 'Ngày không hợp lệ', en: 'Invalid date' });
  });
  const seen = new Set<string>();
  plan.items.forEach((it, i) => {
    if (seen.has(it.datasetName)) out.push({ path: `/items/${i}/datasetName`, vi: 'Bộ dữ liệu đã có trong kế hoạch', en: 'The dataset is already in the plan' });
    seen.add(it.datasetName);
    const st = stages.get(it.stage);
    if (!st) out.push({ path: `/items/${i}/stage`, vi: 'Không có giai đoạn này trong kế hoạch', en: 'No such stage in the plan' });
    if (!validDate(it.due)) out.push({ path: `/items/${i}/due`, vi: 'Ngày không hợp lệ', en: 'Invalid date' });
    else if (st && validDate(st.until) && it.due > st.until) out.push({ path: `/items/${i}/due`, vi: 'Hạn công bố sau ngày kết thúc giai đoạn', en: 'Due after the end of its stage' });
  });
  return out;
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Progress of a plan against the catalogue, on `today` (YYYY-MM-DD, the agency's calendar day): only datasets of
 * the plan's agency count, published (not drafts, in review or retired), at the item's required level.
 */
export function planProgress(plan: PlanContent, agencyId: string, datasets: readonly PublishedFacts[], today: string): PlanProgress {
  const byName = new Map(datasets.filter((d) => d.agencyId === agencyId && d.state === 'published').map((d) => [d.name, d]));
  const stageOf = new Map(plan.stages.map((s) => [s.key, s]));
  const itemProgress = plan.items.map((it): ItemProgress => {
    const required = (Math.max(it.minLevel ?? 1, stageOf.get(it.stage)?.minLevel ?? 1) as OpenLevel) || 1;
    const d = byName.get(it.datasetName);
    const publishedOn = d?.publishedAt ? d.publishedAt.slice(0, 10) : null;
    const done = !!d && d.level >= required;
    const late = !done && it.due < today;
    const status: ItemStatus = done ? 'done' : late ? 'late' : d ? 'below_level' : 'pending';
    return { ...it, requiredLevel: required, status, late, doneLate: done && !!publishedOn && publishedOn > it.due, level: d?.level ?? null, publishedOn };
  });
  const stages = plan.stages.map((s): StageProgress => {
    const its = itemProgress.filter((i) => i.stage === s.key);
    const done = its.filter((i) => i.status === 'done').length;
    return { ...s, items: its.length, done, late: its.filter((i) => i.late).length, percent: pct(done, its.length) };
  });
  const done = itemProgress.filter((i) => i.status === 'done').length;
  return { items: itemProgress.length, done, late: itemProgress.filter((i) => i.late).length, percent: pct(done, itemProgress.length), stages, itemProgress };
}

// --- The catalogue of the agency's databases -------------------------------------------------------------------

/** National, shared by a ministry (sector) or a province, or the agency's internal database. */
export const DATABASE_KINDS = ['national', 'ministry', 'province', 'internal'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];
/** Open (published as open data), shared with agencies through the data exchange, or closed. */
export const DATABASE_ACCESS = ['open', 'shared', 'closed'] as const;
export type DatabaseAccess = (typeof DATABASE_ACCESS)[number];

export const DATABASE_KIND_LABEL: Record<DatabaseKind, { vi: string; en: string }> = {
  national: { vi: 'Cơ sở dữ liệu quốc gia', en: 'National database' },
  ministry: { vi: 'Cơ sở dữ liệu dùng chung của bộ, ngành', en: 'Shared database of a ministry' },
  province: { vi: 'Cơ sở dữ liệu dùng chung của tỉnh', en: 'Shared database of a province' },
  internal: { vi: 'Cơ sở dữ liệu nội bộ', en: 'Internal database' },
};
export const DATABASE_ACCESS_LABEL: Record<DatabaseAccess, { vi: string; en: string }> = {
  open: { vi: 'Dữ liệu mở', en: 'Open' },
  shared: { vi: 'Chia sẻ qua nền tảng trao đổi dữ liệu', en: 'Shared through the data exchange' },
  closed: { vi: 'Không chia sẻ', en: 'Closed' },
};

export interface DatabaseEntry {
  installation: string;
  agencyCode: string;
  agencyName: string;
  code: string;
  name: string;
  kind: DatabaseKind;
  owner: string;
  legalBasis: string;
  fields: string[];
  access: DatabaseAccess;
  datasetUrl: string | null;
  updatedAt: string;
}

export const DATABASE_COLUMNS = ['he_thong', 'ma_co_quan', 'co_quan', 'ma_csdl', 'ten_csdl', 'loai', 'co_quan_chu_quan', 'can_cu_phap_ly', 'truong_du_lieu_chinh', 'muc_do_chia_se', 'bo_du_lieu_mo', 'cap_nhat'] as const;

function cell(v: string | null): string {
  if (v === null) return '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The database catalogue as CSV (UTF-8 with BOM, CRLF, formula-looking cells neutralised): one row per database,
 * with the installation's address so catalogues of many installations can be merged into one data map.
 */
export function databasesCsv(rows: readonly DatabaseEntry[]): string {
  const lines = [DATABASE_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.installation, r.agencyCode, r.agencyName, r.code, r.name, r.kind, r.owner, r.legalBasis, r.fields.join('; '), r.access, r.datasetUrl, r.updatedAt].map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
