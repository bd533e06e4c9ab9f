/**
 * The Decision 766/QĐ-TTg service-quality index (Bộ chỉ số phục vụ người dân, doanh nghiệp), 100 points in six
 * groups, as publicly reconstructed (domain brief §8). Weights and thresholds are configuration; the national
 * portal's own score is authoritative. Pure: every indicator explains itself (formula in Vietnamese and English,
 * its inputs, and the dossiers or procedures that count against it).
 */
import { AGAINST, type AgainstKey, type Counters } from './facts';

export type Text = { vi: string; en: string };
const t = (vi: string, en: string): Text => ({ vi, en });

export const GROUPS = ['transparency', 'progress', 'online', 'payment', 'digitisation', 'satisfaction'] as const;
export type GroupId = (typeof GROUPS)[number];

export const INDICATORS = [
  'publishedOnTime',
  'nationalPublic',
  'componentsComplete',
  'synced',
  'onTime',
  'proceduresOnline',
  'onlineServicesUsed',
  'dossiersOnline',
  'paidOnline',
  'proceduresPayable',
  'paymentsReconciled',
  'electronicResult',
  'digitisedComponents',
  'certifiedCopies',
  'dataReuse',
  'filesFromStore',
  'eidLogin',
  'populationData',
  'petitionsOnTime',
  'petitionSatisfaction',
  'procedureSatisfaction',
] as const;
export type IndicatorId = (typeof INDICATORS)[number];

export const GROUP_OF: Record<IndicatorId, GroupId> = {
  publishedOnTime: 'transparency',
  nationalPublic: 'transparency',
  componentsComplete: 'transparency',
  synced: 'transparency',
  onTime: 'progress',
  proceduresOnline: 'online',
  onlineServicesUsed: 'online',
  dossiersOnline: 'online',
  paidOnline: 'payment',
  proceduresPayable: 'payment',
  paymentsReconciled: 'payment',
  electronicResult: 'digitisation',
  digitisedComponents: 'digitisation',
  certifiedCopies: 'digitisation',
  dataReuse: 'digitisation',
  filesFromStore: 'digitisation',
  eidLogin: 'digitisation',
  populationData: 'digitisation',
  petitionsOnTime: 'satisfaction',
  petitionSatisfaction: 'satisfaction',
  procedureSatisfaction: 'satisfaction',
};

/** The dossier bit each dossier-based indicator lists (the dossiers that count against it). */
export const AGAINST_OF: Partial<Record<IndicatorId, AgainstKey>> = {
  onTime: 'progress',
  dossiersOnline: 'online',
  paidOnline: 'payment',
  electronicResult: 'electronicResult',
  digitisedComponents: 'digitised',
  dataReuse: 'reuse',
  filesFromStore: 'fromStore',
  eidLogin: 'eid',
  populationData: 'population',
  procedureSatisfaction: 'satisfaction',
};
export const againstBit = (id: IndicatorId): number | null => (AGAINST_OF[id] ? AGAINST[AGAINST_OF[id]] : null);

export const GROUP_LABELS: Record<GroupId, Text> = {
  transparency: t('Công khai, minh bạch', 'Transparency'),
  progress: t('Tiến độ giải quyết', 'Progress'),
  online: t('Dịch vụ trực tuyến', 'Online services'),
  payment: t('Thanh toán trực tuyến', 'Online payment'),
  digitisation: t('Số hóa hồ sơ', 'Digitisation'),
  satisfaction: t('Mức độ hài lòng', 'Satisfaction'),
};

export interface IndexConfig {
  /** Maximum points of each indicator (the group's points are their sum). */
  weights: Record<IndicatorId, number>;
  thresholds: {
    /** Share of procedures offered online at which the item is full (A / 0.8). */
    proceduresOnlineFull: number;
    /** Share of dossiers online at which the item is full (C / 0.5). */
    dossiersOnlineFull: number;
    /** Share of fee procedures payable online at which the item is full (2.5·B ⇒ 0.8). */
    proceduresPayableFull: number;
    /** Share of online payments reconciled with an e-receipt at which the item is full (2.5·C ⇒ 0.8). */
    paymentsReconciledFull: number;
    /** Data reuse full at 80 %. */
    dataReuseFull: number;
    /** Procedure satisfaction full at 90 %. */
    procedureSatisfactionFull: number;
  };
  /** Progress over dossiers whose processing finished (default), or over every dossier received. */
  progressDenominator: 'finished' | 'received';
}

export const DEFAULT_INDEX_CONFIG: IndexConfig = {
  weights: {
    publishedOnTime: 6,
    nationalPublic: 4,
    componentsComplete: 2,
    synced: 6,
    onTime: 20,
    proceduresOnline: 2,
    onlineServicesUsed: 4,
    dossiersOnline: 6,
    paidOnline: 6,
    proceduresPayable: 2,
    paymentsReconciled: 2,
    electronicResult: 6,
    digitisedComponents: 4,
    certifiedCopies: 2,
    dataReuse: 2,
    filesFromStore: 4,
    eidLogin: 2,
    populationData: 2,
    petitionsOnTime: 6,
    petitionSatisfaction: 6,
    procedureSatisfaction: 6,
  },
  thresholds: { proceduresOnlineFull: 0.8, dossiersOnlineFull: 0.5, proceduresPayableFull: 0.8, paymentsReconciledFull: 0.8, dataReuseFull: 0.8, procedureSatisfactionFull: 0.9 },
  progressDenominator: 'finished',
};

/** Merges a partial configuration (from the environment or a file) over the defaults. */
export function indexConfig(partial: { weights?: Partial<Record<IndicatorId, number>>; thresholds?: Partial<IndexConfig['thresholds']>; progressDenominator?: IndexConfig['progressDenominator'] } = {}): IndexConfig {
  return {
    weights: { ...DEFAULT_INDEX_CONFIG.weights, ...partial.weights },
    thresholds: { ...DEFAULT_INDEX_CONFIG.thresholds, ...partial.thresholds },
    progressDenominator: partial.progressDenominator ?? DEFAULT_INDEX_CONFIG.progressDenominator,
  };
}

/** Reference data about the procedures in scope (from the catalogue). */
export interface ProcedureStats {
  published: number;
  /** Published within the legal time after the decision announcing them. */
  publishedOnTime: number;
  /** Public in the national procedure database. */
  nationalPublic: number;
  /** With all 7 mandatory components. */
  complete: number;
  /** Offered online (full process). */
  online: number;
  /** Online procedures that received at least one dossier in the period. */
  onlineWithDossiers: number;
  withFee: number;
  /** Fee procedures payable online. */
  payable: number;
  /** Procedure keys counting against each procedure-based indicator. */
  against?: Partial<Record<IndicatorId, string[]>>;
}

export interface IndexInput {
  counters: Counters;
  procedures: ProcedureStats;
  /** Dossiers synced to the national portal (default: every dossier, MotCua being the system of record). */
  synced?: number;
  /** Online payments reconciled with an electronic receipt (default: every online payment). */
  reconciled?: number;
  /** Dossier ids counting against dossier-based indicators, when known (explanations, tests). */
  against?: Partial<Record<IndicatorId, string[]>>;
}

export interface IndicatorResult {
  id: IndicatorId;
  group: GroupId;
  label: Text;
  formula: Text;
  max: number;
  score: number;
  /** The rate the score is computed from (0–1), or null when nothing was counted (full marks). */
  rate: number | null;
  inputs: Record<string, number>;
  against: string[];
}

export interface GroupResult {
  id: GroupId;
  label: Text;
  max: number;
  score: number;
  indicators: IndicatorResult[];
}

export interface IndexResult {
  score: number;
  max: number;
  groups: GroupResult[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Computes every indicator, each group and the total. */
export function computeIndex(input: IndexInput, config: IndexConfig = DEFAULT_INDEX_CONFIG): IndexResult {
  const c = input.counters;
  const p = input.procedures;
  const w = config.weights;
  const th = config.thresholds;
  const synced = input.synced ?? c.received;
  const reconciled = input.reconciled ?? c.paid_online;
  const syncRate = ratio(synced, c.received) ?? 1;

  const out: IndicatorResult[] = [];
  const add = (id: IndicatorId, label: Text, formula: Text, rate: number | null, inputs: Record<string, number>, score?: (max: number, rate: number) => number) => {
    const max = w[id];
    const s = rate === null ? max : Math.min(max, Math.max(0, score ? score(max, rate) : max * rate));
    out.push({ id, group: GROUP_OF[id], label, formula, max, score: round2(s), rate: rate === null ? null : round2(rate * 10_000) / 10_000, inputs, against: input.against?.[id] ?? p.against?.[id] ?? [] });
  };
  const full = (threshold: number) => (max: number, rate: number) => Math.min(max, (max * rate) / threshold);

  // Transparency
  add('publishedOnTime', t('Thủ tục công bố đúng hạn', 'Procedures published on time'), t(`${w.publishedOnTime} × số TTHC công bố đúng hạn / số TTHC công bố`, `${w.publishedOnTime} × procedures published on time / procedures published`), ratio(p.publishedOnTime, p.published), { publishedOnTime: p.publishedOnTime, published: p.published });
  add('nationalPublic', t('Công khai trên CSDL quốc gia đúng hạn', 'Public in the national database in time'), t(`${w.nationalPublic} × số TTHC công khai đúng hạn / số TTHC công bố`, `${w.nationalPublic} × procedures public in time / procedures published`), ratio(p.nationalPublic, p.published), { nationalPublic: p.nationalPublic, published: p.published });
  add('componentsComplete', t('Đủ 7 bộ phận cấu thành', 'All 7 mandatory components'), t(`${w.componentsComplete} × số TTHC đủ 7 bộ phận / số TTHC công bố`, `${w.componentsComplete} × complete procedures / procedures published`), ratio(p.complete, p.published), { complete: p.complete, published: p.published });
  add('synced', t('Hồ sơ đồng bộ lên Cổng DVC quốc gia', 'Dossiers synced to the national portal'), t(`${w.synced} × số hồ sơ đồng bộ / số hồ sơ tiếp nhận`, `${w.synced} × dossiers synced / dossiers received`), ratio(synced, c.received), { synced, received: c.received });

  // Progress
  const progressDen = config.progressDenominator === 'finished' ? c.finished : c.received;
  add(
    'onTime',
    t('Hồ sơ giải quyết đúng hạn', 'Dossiers processed on time'),
    t(
      `${w.onTime} × số hồ sơ đúng hạn / ${config.progressDenominator === 'finished' ? 'số hồ sơ đã giải quyết' : 'số hồ sơ tiếp nhận'}; không tính thời gian người dân bổ sung; bổ sung quá 1 lần tính là trễ hạn`,
      `${w.onTime} × dossiers on time / ${config.progressDenominator === 'finished' ? 'dossiers processed' : 'dossiers received'}; applicant supplement time excluded; more than one supplement request counts as late`,
    ),
    ratio(c.on_time, progressDen),
    { onTime: c.on_time, late: c.late, finished: c.finished, received: c.received },
  );

  // Online services
  add('proceduresOnline', t('Tỷ lệ TTHC cung cấp trực tuyến', 'Share of procedures offered online'), t(`min(${w.proceduresOnline}, ${w.proceduresOnline} × A / ${th.proceduresOnlineFull}); A = TTHC trực tuyến / TTHC công bố`, `min(${w.proceduresOnline}, ${w.proceduresOnline} × A / ${th.proceduresOnlineFull}); A = procedures online / procedures published`), ratio(p.online, p.published), { online: p.online, published: p.published }, full(th.proceduresOnlineFull));
  add('onlineServicesUsed', t('Dịch vụ trực tuyến phát sinh hồ sơ', 'Online services that received dossiers'), t(`${w.onlineServicesUsed} × B; B = dịch vụ trực tuyến có hồ sơ / dịch vụ trực tuyến`, `${w.onlineServicesUsed} × B; B = online services with dossiers / online services`), ratio(p.onlineWithDossiers, p.online), { onlineWithDossiers: p.onlineWithDossiers, online: p.online });
  const onlineShare = ratio(c.online, c.received);
  add(
    'dossiersOnline',
    t('Hồ sơ trực tuyến', 'Dossiers online'),
    t(`min(${w.dossiersOnline}, ${w.dossiersOnline} × C / ${th.dossiersOnlineFull}); C = hồ sơ trực tuyến (nộp trực tuyến và, nếu kết quả là văn bản, có kết quả điện tử) / hồ sơ tiếp nhận × tỷ lệ đồng bộ`, `min(${w.dossiersOnline}, ${w.dossiersOnline} × C / ${th.dossiersOnlineFull}); C = online dossiers (filed online and, where the result is a document, with an electronic result) / dossiers received × sync rate`),
    onlineShare === null ? null : onlineShare * syncRate,
    { online: c.online, filedOnline: c.filed_online, received: c.received, syncRatePct: Math.round(syncRate * 100) },
    full(th.dossiersOnlineFull),
  );

  // Online payment
  add('paidOnline', t('Hồ sơ thanh toán trực tuyến', 'Dossiers paid online'), t(`${w.paidOnline} × A; A = hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí`, `${w.paidOnline} × A; A = dossiers paid online / dossiers with a fee`), ratio(c.paid_online, c.with_fee), { paidOnline: c.paid_online, withFee: c.with_fee });
  add('proceduresPayable', t('TTHC có phí cho phép thanh toán trực tuyến', 'Fee procedures payable online'), t(`min(${w.proceduresPayable}, ${w.proceduresPayable} × B / ${th.proceduresPayableFull}); B = TTHC thanh toán trực tuyến được / TTHC có phí`, `min(${w.proceduresPayable}, ${w.proceduresPayable} × B / ${th.proceduresPayableFull}); B = fee procedures payable online / fee procedures`), ratio(p.payable, p.withFee), { payable: p.payable, withFee: p.withFee }, full(th.proceduresPayableFull));
  add('paymentsReconciled', t('Thanh toán trực tuyến được đối soát, có biên lai điện tử', 'Online payments reconciled with an e-receipt'), t(`min(${w.paymentsReconciled}, ${w.paymentsReconciled} × C / ${th.paymentsReconciledFull}); C = thanh toán có biên lai điện tử / thanh toán trực tuyến`, `min(${w.paymentsReconciled}, ${w.paymentsReconciled} × C / ${th.paymentsReconciledFull}); C = payments with an e-receipt / online payments`), ratio(reconciled, c.paid_online), { reconciled, paidOnline: c.paid_online }, full(th.paymentsReconciledFull));

  // Digitisation
  add('electronicResult', t('Cấp kết quả điện tử', 'Electronic results'), t(`${w.electronicResult} × hồ sơ có kết quả điện tử / hồ sơ có kết quả`, `${w.electronicResult} × dossiers with an electronic result / dossiers with a result`), ratio(c.electronic_result, c.with_result), { electronicResult: c.electronic_result, withResult: c.with_result });
  add('digitisedComponents', t('Số hóa thành phần hồ sơ', 'Digitised components'), t(`${w.digitisedComponents} × hồ sơ có thành phần điện tử / hồ sơ tiếp nhận`, `${w.digitisedComponents} × dossiers with electronic components / dossiers received`), ratio(c.digitised, c.received), { digitised: c.digitised, received: c.received });
  add('certifiedCopies', t('Chứng thực bản sao điện tử', 'Electronic certified copies'), t(`${w.certifiedCopies} × hồ sơ có bản sao chứng thực điện tử / hồ sơ có kết quả (đủ điểm khi không có yêu cầu)`, `${w.certifiedCopies} × dossiers with an electronic certified copy / dossiers with a result (full marks when none was asked)`), c.certified > 0 ? 1 : null, { certified: c.certified });
  add('dataReuse', t('Tái sử dụng dữ liệu đã số hóa', 'Reuse of digitised data'), t(`min(${w.dataReuse}, ${w.dataReuse} × tỷ lệ / ${th.dataReuseFull}); tỷ lệ = hồ sơ dùng lại dữ liệu / hồ sơ tiếp nhận`, `min(${w.dataReuse}, ${w.dataReuse} × rate / ${th.dataReuseFull}); rate = dossiers reusing data / dossiers received`), ratio(c.reused, c.received), { reused: c.reused, received: c.received }, full(th.dataReuseFull));
  add('filesFromStore', t('Giấy tờ lấy từ kho dữ liệu', 'Files taken from the data store'), t(`${w.filesFromStore} × hồ sơ có giấy tờ lấy từ kho / hồ sơ tiếp nhận`, `${w.filesFromStore} × dossiers with files from the data store / dossiers received`), ratio(c.from_store, c.received), { fromStore: c.from_store, received: c.received });
  add('eidLogin', t('Đăng nhập bằng VNeID', 'VNeID login'), t(`${w.eidLogin} × hồ sơ nộp khi đăng nhập VNeID / hồ sơ nộp trực tuyến`, `${w.eidLogin} × dossiers filed signed in with VNeID / dossiers filed online`), ratio(c.eid, c.filed_online), { eid: c.eid, filedOnline: c.filed_online });
  add('populationData', t('Khai thác CSDL quốc gia về dân cư', 'Use of the population database'), t(`${w.populationData} × hồ sơ điền sẵn từ CSDL / hồ sơ tiếp nhận`, `${w.populationData} × dossiers prefilled from the registers / dossiers received`), ratio(c.prefilled, c.received), { prefilled: c.prefilled, received: c.received });

  // Satisfaction
  add('petitionsOnTime', t('Xử lý phản ánh, kiến nghị đúng hạn', 'Petitions handled on time'), t(`${w.petitionsOnTime} × phản ánh xử lý đúng hạn / phản ánh đã xử lý (từ chối ≤ 2, đề nghị bổ sung ≤ 5, trả lời ≤ 15 ngày làm việc); không có phản ánh: đủ điểm`, `${w.petitionsOnTime} × petitions handled on time / petitions handled (refuse ≤ 2, ask for more ≤ 5, answer ≤ 15 working days); no petitions: full marks`), ratio(c.petitions_on_time, c.petitions_handled), { petitionsOnTime: c.petitions_on_time, petitionsHandled: c.petitions_handled, petitions: c.petitions });
  add('petitionSatisfaction', t('Hài lòng về xử lý phản ánh', 'Satisfaction with petition handling'), t(`${w.petitionSatisfaction} × phản ánh đã được trả lời / phản ánh đã xử lý; không có phản ánh: đủ điểm`, `${w.petitionSatisfaction} × petitions answered / petitions handled; no petitions: full marks`), ratio(c.petitions_satisfied, c.petitions_handled), { petitionsSatisfied: c.petitions_satisfied, petitionsHandled: c.petitions_handled });
  const latePct = ratio(c.late, c.finished) ?? 0;
  const negPct = ratio(c.negative, c.received) ?? 0;
  add(
    'procedureSatisfaction',
    t('Hài lòng về giải quyết TTHC', 'Satisfaction with procedures'),
    t(`min(${w.procedureSatisfaction}, ${w.procedureSatisfaction} × (100% − (% trễ hạn + % bị phản ánh hoặc đánh giá không hài lòng)) / ${pct(th.procedureSatisfactionFull)})`, `min(${w.procedureSatisfaction}, ${w.procedureSatisfaction} × (100% − (late % + % with a complaint or a negative rating)) / ${pct(th.procedureSatisfactionFull)})`),
    c.received > 0 ? Math.max(0, 1 - latePct - negPct) : null,
    { late: c.late, finished: c.finished, negative: c.negative, received: c.received },
    full(th.procedureSatisfactionFull),
  );

  const groups: GroupResult[] = GROUPS.map((g) => {
    const ind = out.filter((i) => i.group === g);
    return { id: g, label: GROUP_LABELS[g], max: ind.reduce((s, i) => s + i.max, 0), score: round2(ind.reduce((s, i) => s + i.score, 0)), indicators: ind };
  });
  return { score: round2(groups.reduce((s, g) => s + g.score, 0)), max: groups.reduce((s, g) => s + g.max, 0), groups };
}

/** One indicator of a computed index. */
export const indicatorOf = (r: IndexResult, id: IndicatorId): IndicatorResult => r.groups.flatMap((g) => g.indicators).find((i) => i.id === id)!;

/** The months (YYYY-MM) a period covers: `at` a month; quarter and year end at (and contain) that month's period. */
export function monthsOf(period: 'month' | 'quarter' | 'year', at: string): string[] {
  const [y, m] = at.split('-').map(Number);
  if (period === 'month') return [at];
  const first = period === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  const last = period === 'quarter' ? first + 2 : 12;
  const out: string[] = [];
  for (let i = first; i <= last; i++) out.push(`${y}-${String(i).padStart(2, '0')}`);
  return out;
}
