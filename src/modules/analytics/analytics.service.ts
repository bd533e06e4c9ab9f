/**
 * Reads of the analytics module: the Decision 766 index of a scope (an agency and its sub-agencies, within the
 * caller's jurisdiction), its explanations, the dashboard data and the exports. Every figure comes from the rollup
 * tables (counters per agency, procedure and month; per-dossier facts), never from a scan of the dossier tables.
 * Reads go to `ANALYTICS_DATABASE_URL` (a read replica) when set.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { pgArray } from '../../platform/db/write-batch';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import {
  COUNTERS,
  HISTOGRAM_DAYS,
  addCounters,
  againstBit,
  computeIndex,
  indicatorOf,
  monthsOf,
  zeroCounters,
  type Counters,
  type IndexConfig,
  type IndexResult,
  type IndicatorId,
  type ProcedureStats,
} from '../../shared/analytics';
import { analyticsErrors as E } from './analytics.errors';

/** Who may read an agency's index and dashboards (leaders, agency administrators, inspectors). */
export const LEADER_ROLES: readonly Role[] = ['approver', 'agency_admin', 'inspector', 'platform_admin'];

/** A published procedure as the index needs it (from the catalogue's public face). */
export interface ProcedureRef {
  key: string;
  name: string;
  agencyKind: string;
  online: boolean;
  withFee: boolean;
  payable: boolean;
  /** Has a national code (public in the national database). */
  national: boolean;
  /** All 7 mandatory components present. */
  complete: boolean;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface AnalyticsPorts {
  agencies: {
    get(id: string): Promise<AgencyRef | undefined>;
    all(): Promise<AgencyRef[]>;
    descendants(id: string): Promise<string[]>;
    agenciesFor(principal: Principal, roles: readonly Role[]): Promise<Set<string>>;
  };
  /** The current published version of every procedure. */
  procedures(): Promise<ProcedureRef[]>;
}

export type Period = 'month' | 'quarter' | 'year';
export interface Scope {
  agencyIds: string[];
  months: string[];
  procedureKey?: string;
  /** The dossier channel (online, in_person, post). */
  channel?: Channel;
}
export type Channel = 'online' | 'in_person' | 'post';

/** The procedure and channel conditions of a scope (columns of both the counters and the facts). */
const extra = (s: Pick<Scope, 'procedureKey' | 'channel'>) => sql`${s.procedureKey !== undefined ? sql`and procedure_key = ${s.procedureKey}` : sql``} ${s.channel !== undefined ? sql`and channel = ${s.channel}` : sql``}`;

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const SUMS = sql.raw(COUNTERS.map((c) => `sum(${c})::bigint as ${c}`).join(', '));
const countersOf = (r: Record<string, unknown>): Counters => {
  const c = zeroCounters();
  for (const k of COUNTERS) c[k] = Number(r[k] ?? 0);
  return c;
};
/** States whose dossiers are no longer open (finished, returned or closed without a decision). */
const CLOSED = ['refused', 'withdrawn', 'stopped', 'rejected', 'result_issued', 'returned'];

export interface AnalyticsServiceDeps {
  /** Where reads go (the replica when configured). */
  read: DbOrTx;
  ports: AnalyticsPorts;
  config: IndexConfig;
  now: () => Date;
}

export class AnalyticsService {
  private procCache: { at: number; list: ProcedureRef[] } | null = null;
  constructor(private readonly d: AnalyticsServiceDeps) {}

  /** The month `at` (YYYY-MM) or the current month, and the months of the period ending with it. */
  monthsOf(period: Period, at?: string): string[] {
    const month = at ?? new Date(this.d.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
    return monthsOf(period, month);
  }

  /** The agencies an officer may read (an agency and its sub-agencies if given; 403 outside her jurisdiction). */
  async scopeOf(principal: Principal, agencyId?: string): Promise<string[]> {
    const allowed = await this.d.ports.agencies.agenciesFor(principal, LEADER_ROLES);
    if (!agencyId) {
      if (!allowed.size) throw E.outOfJurisdiction();
      return [...allowed];
    }
    if (!allowed.has(agencyId)) throw E.outOfJurisdiction();
    return (await this.d.ports.agencies.descendants(agencyId)).filter((id) => allowed.has(id));
  }

  private async procedures(): Promise<ProcedureRef[]> {
    const now = Date.now();
    if (!this.procCache || now - this.procCache.at > 60_000) this.procCache = { at: now, list: await this.d.ports.procedures() };
    return this.procCache.list;
  }

  /** Counters of the scope per procedure (one query over the rollup). */
  async countersByProcedure(s: Scope): Promise<Map<string, Counters>> {
    const rows = rowsOf<Record<string, unknown>>(
      await this.d.read.execute(sql`select procedure_key, ${SUMS} from analytics_counters where agency_id = any(${pgArray(s.agencyIds)}::text[]) and month = any(${pgArray(s.months)}::text[]) ${extra(s)} group by procedure_key`),
    );
    return new Map(rows.map((r) => [String(r.procedure_key), countersOf(r)]));
  }

  async countersByMonth(s: Scope): Promise<Map<string, Counters>> {
    const rows = rowsOf<Record<string, unknown>>(
      await this.d.read.execute(sql`select month, ${SUMS} from analytics_counters where agency_id = any(${pgArray(s.agencyIds)}::text[]) and month = any(${pgArray(s.months)}::text[]) ${extra(s)} group by month order by month`),
    );
    return new Map(rows.map((r) => [String(r.month), countersOf(r)]));
  }

  private async procedureStats(s: Scope, byProcedure: Map<string, Counters>): Promise<ProcedureStats> {
    const kinds = new Set<string>();
    for (const id of s.agencyIds) {
      const a = await this.d.ports.agencies.get(id);
      if (a) kinds.add(a.kind);
    }
    const list = (await this.procedures()).filter((p) => kinds.has(p.agencyKind) && (s.procedureKey === undefined || p.key === s.procedureKey));
    const online = list.filter((p) => p.online);
    const used = online.filter((p) => (byProcedure.get(p.key)?.filed_online ?? 0) > 0);
    return {
      published: list.length,
      // A procedure is public on MotCua the moment it is published (the decision's date is not recorded yet).
      publishedOnTime: list.length,
      nationalPublic: list.filter((p) => p.national).length,
      complete: list.filter((p) => p.complete).length,
      online: online.length,
      onlineWithDossiers: used.length,
      withFee: list.filter((p) => p.withFee).length,
      payable: list.filter((p) => p.withFee && p.payable).length,
      against: {
        nationalPublic: list.filter((p) => !p.national).map((p) => p.key),
        componentsComplete: list.filter((p) => !p.complete).map((p) => p.key),
        proceduresOnline: list.filter((p) => !p.online).map((p) => p.key),
        onlineServicesUsed: online.filter((p) => !used.includes(p)).map((p) => p.key),
        proceduresPayable: list.filter((p) => p.withFee && !p.payable).map((p) => p.key),
      },
    };
  }

  /** The index of a scope. */
  async index(s: Scope): Promise<{ index: IndexResult; counters: Counters; byProcedure: Map<string, Counters> }> {
    const byProcedure = await this.countersByProcedure(s);
    const counters = zeroCounters();
    for (const c of byProcedure.values()) addCounters(counters, c);
    const procedures = await this.procedureStats(s, byProcedure);
    return { index: computeIndex({ counters, procedures }, this.d.config), counters, byProcedure };
  }

  /** One indicator: formula, inputs, and a page of what counts against it (dossiers, procedures or petitions). */
  async explain(s: Scope, indicator: IndicatorId, page: number, pageSize: number) {
    const { index } = await this.index(s);
    const ind = indicatorOf(index, indicator);
    const bit = againstBit(indicator);
    let kind: 'dossier' | 'procedure' | 'petition' = 'procedure';
    let items: Array<{ id: string; code: string | null; state: string | null; appointedAt: string | null; finishedAt: string | null }> = [];
    let total = 0;
    if (bit !== null) {
      kind = 'dossier';
      const where = sql`agency_id = any(${pgArray(s.agencyIds)}::text[]) and month = any(${pgArray(s.months)}::text[]) and (against & ${bit}) <> 0 ${extra(s)}`;
      const rows = rowsOf<{ dossier_id: string; code: string | null; state: string; appointed_at: Date | string | null; finished_at: Date | string | null }>(
        await this.d.read.execute(sql`select dossier_id, code, state, appointed_at, finished_at from analytics_dossier_facts where ${where} order by dossier_id limit ${pageSize} offset ${page * pageSize}`),
      );
      const [{ n }] = rowsOf<{ n: number }>(await this.d.read.execute(sql`select count(*)::int as n from analytics_dossier_facts where ${where}`));
      total = Number(n);
      const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
      items = rows.map((r) => ({ id: r.dossier_id, code: r.code, state: r.state, appointedAt: iso(r.appointed_at), finishedAt: iso(r.finished_at) }));
    } else if (indicator === 'petitionsOnTime' || indicator === 'petitionSatisfaction') {
      kind = 'petition';
      const cond = indicator === 'petitionsOnTime' ? sql`fact->>'handledAt' is not null and fact->>'onTime' = 'false'` : sql`fact->>'handledAt' is not null and fact->>'status' <> 'answered'`;
      const where = sql`agency_id = any(${pgArray(s.agencyIds)}::text[]) and month = any(${pgArray(s.months)}::text[]) and ${cond}`;
      const rows = rowsOf<{ petition_id: string; status: string }>(await this.d.read.execute(sql`select petition_id, fact->>'status' as status from analytics_petition_facts where ${where} order by petition_id limit ${pageSize} offset ${page * pageSize}`));
      const [{ n }] = rowsOf<{ n: number }>(await this.d.read.execute(sql`select count(*)::int as n from analytics_petition_facts where ${where}`));
      total = Number(n);
      items = rows.map((r) => ({ id: r.petition_id, code: null, state: r.status, appointedAt: null, finishedAt: null }));
    } else {
      total = ind.against.length;
      items = ind.against.slice(page * pageSize, (page + 1) * pageSize).map((k) => ({ id: k, code: k, state: null, appointedAt: null, finishedAt: null }));
    }
    const { against: _unused, ...rest } = ind;
    void _unused;
    return { indicator: rest, kind, total, page, pageSize, items };
  }

  /** Dashboard data: index and trend, on time / late / overdue now, backlog, distribution, shares, top procedures. */
  async dashboard(s: Scope) {
    const now = this.d.now();
    const trendScope = { ...s, months: lastMonths(s.months[s.months.length - 1], 12) };
    const procFilter = extra(s);
    // The same predicate as the partial index analytics_facts_open_idx (literal, so the planner matches it).
    const open = sql`agency_id = any(${pgArray(s.agencyIds)}::text[]) and finished_at is null and state not in (${sql.raw(CLOSED.map((c) => `'${c}'`).join(', '))}) ${procFilter}`;
    // The page's queries side by side (a pool on PostgreSQL; PGlite runs them one after the other).
    const [{ index, counters, byProcedure }, byMonth, stateRes, officerRes, procedures, agencyRes, agencies] = await Promise.all([
      this.index(s),
      this.countersByMonth(trendScope),
      this.d.read.execute(sql`select state, count(*)::int as n, count(*) filter (where appointed_at < ${now.toISOString()}::timestamptz)::int as overdue from analytics_dossier_facts where ${open} group by state order by n desc`),
      this.d.read.execute(sql`select assignee_id, count(*)::int as n, count(*) filter (where appointed_at < ${now.toISOString()}::timestamptz)::int as overdue from analytics_dossier_facts where ${open} group by assignee_id order by n desc limit 20`),
      this.procedures(),
      this.d.read.execute(sql`select agency_id, sum(received)::bigint as received, sum(finished)::bigint as finished, sum(on_time)::bigint as on_time, sum(late)::bigint as late from analytics_counters where agency_id = any(${pgArray(s.agencyIds)}::text[]) and month = any(${pgArray(s.months)}::text[]) ${extra(s)} group by agency_id`),
      Promise.all(s.agencyIds.map((id) => this.d.ports.agencies.get(id))),
    ]);
    const perAgency = new Map(rowsOf<Record<string, unknown>>(agencyRes).map((r) => [String(r.agency_id), r]));
    const communes = agencies
      .filter((a): a is AgencyRef => !!a)
      .map((a) => {
        const r = perAgency.get(a.id);
        const v = (k: string) => Number(r?.[k] ?? 0);
        return { agencyId: a.id, code: a.code, name: a.name, received: v('received'), finished: v('finished'), onTime: v('on_time'), late: v('late'), onTimeRate: v('finished') ? round4(v('on_time') / v('finished')) : null };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const byState = rowsOf<{ state: string; n: number; overdue: number }>(stateRes);
    const byOfficer = rowsOf<{ assignee_id: string | null; n: number; overdue: number }>(officerRes);
    const nameOf = new Map(procedures.map((p) => [p.key, p.name]));
    const top = [...byProcedure].map(([key, c]) => ({ key, name: nameOf.get(key) ?? key, received: c.received, finished: c.finished, onTime: c.on_time, late: c.late, lateShare: c.finished ? round4(c.late / c.finished) : 0 }));
    const share = (a: number, b: number) => (b ? round4(a / b) : null);
    return {
      index: { score: index.score, max: index.max, groups: index.groups.map((g) => ({ id: g.id, label: g.label, score: g.score, max: g.max })) },
      trend: [...byMonth].map(([month, c]) => ({ month, score: computeIndex({ counters: c, procedures: { published: 0, publishedOnTime: 0, nationalPublic: 0, complete: 0, online: 0, onlineWithDossiers: 0, withFee: 0, payable: 0 } }, this.d.config).groups.find((g) => g.id === 'progress')!.score, received: c.received, onTime: c.on_time, late: c.late })),
      status: { received: counters.received, finished: counters.finished, onTime: counters.on_time, late: counters.late, open: byState.reduce((x, r) => x + Number(r.n), 0), overdueNow: byState.reduce((x, r) => x + Number(r.overdue), 0) },
      backlogByStep: byState.map((r) => ({ state: r.state, open: Number(r.n), overdue: Number(r.overdue) })),
      backlogByOfficer: byOfficer.map((r) => ({ officerId: r.assignee_id, open: Number(r.n), overdue: Number(r.overdue) })),
      processingDays: HISTOGRAM_DAYS.map((d, i) => ({ upToDays: d as number | null, dossiers: counters[`h${i}` as keyof Counters] })).concat([{ upToDays: null, dossiers: counters.h5 }]),
      averageDays: counters.finished ? Math.round((counters.proc_minutes / counters.finished / 1440) * 10) / 10 : null,
      shares: { online: share(counters.online, counters.received), filedOnline: share(counters.filed_online, counters.received), cashless: share(counters.paid_online, counters.with_fee), electronicResult: share(counters.electronic_result, counters.with_result) },
      topByVolume: [...top].sort((a, b) => b.received - a.received).slice(0, 10),
      topByLateness: [...top].filter((p) => p.late > 0).sort((a, b) => b.late - a.late || b.lateShare - a.lateShare).slice(0, 10),
      communes,
    };
  }

  /** The public figures of one agency (and its sub-agencies): index and on-time rate of the period. */
  async publicIndex(agencyId: string, months: string[]) {
    const ids = await this.d.ports.agencies.descendants(agencyId);
    const { index, counters } = await this.index({ agencyIds: ids, months });
    return { score: index.score, max: index.max, groups: index.groups.map((g) => ({ id: g.id, label: g.label, score: g.score, max: g.max })), received: counters.received, finished: counters.finished, onTime: counters.on_time, onTimeRate: counters.finished ? round4(counters.on_time / counters.finished) : null };
  }
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The `n` months ending with `last` (YYYY-MM), oldest first. */
export function lastMonths(last: string, n: number): string[] {
  const [y, m] = last.split('-').map(Number);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const t = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
