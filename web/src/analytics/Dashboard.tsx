/**
 * Thống kê (/can-bo/thong-ke): the leaders' dashboard — the Decision 766 index with its groups, on time / late /
 * overdue now, the late dossiers behind the on-time number, processing times, online and cashless shares, top
 * procedures, the grid of sub-agencies (communes) with their on-time rate and volume, with filters by agency, period,
 * month, procedure and channel, CSV / XLSX exports and a printable PDF report. Charts are hand-written SVG, each with
 * its data table and a one-sentence summary.
 */
import type { Agency } from '@shared/api/geography';
import { Link, navigate, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { Select } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';
import { useApi } from '../ui/useApi';
import { agenciesInScope } from '../payment/scope';
import { BarChart } from './Charts';
import { STATE_LABELS, STATES, type State } from '@shared/dossier/states';

const LEADERS = ['approver', 'agency_admin', 'inspector', 'platform_admin'];
type Text = { vi: string; en: string };
interface Dashboard {
  index: { score: number; max: number; groups: Array<{ id: string; label: Text; score: number; max: number }> };
  trend: Array<{ month: string; score: number; received: number; onTime: number; late: number }>;
  status: { received: number; finished: number; onTime: number; late: number; open: number; overdueNow: number };
  backlogByStep: Array<{ state: string; open: number; overdue: number }>;
  processingDays: Array<{ upToDays: number | null; dossiers: number }>;
  averageDays: number | null;
  shares: { online: number | null; filedOnline: number | null; cashless: number | null; electronicResult: number | null };
  topByVolume: Array<{ key: string; name: string; received: number; late: number }>;
  topByLateness: Array<{ key: string; name: string; received: number; late: number; lateShare: number }>;
  communes: Array<{ agencyId: string; code: string; name: string; received: number; finished: number; onTime: number; late: number; onTimeRate: number | null }>;
}

/** The channel filter: its value in the page address and in the API. */
const CHANNELS = [
  { slug: 'truc-tuyen', api: 'online', key: 'stats.channel.online' },
  { slug: 'truc-tiep', api: 'in_person', key: 'stats.channel.inPerson' },
  { slug: 'buu-chinh', api: 'post', key: 'stats.channel.post' },
] as const;
interface Explain {
  total: number;
  items: Array<{ id: string; code: string | null; state: string | null; appointedAt: string | null; finishedAt: string | null }>;
}

/** The 36 months up to this one, newest first (and the chosen one if older). */
function recentMonths(chosen: string): string[] {
  const [y, m] = thisMonth().split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < 36; i++) {
    const t = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return out.includes(chosen) ? out : [...out, chosen];
}

const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

export function AnalyticsDashboard() {
  const { t, pick, number, dateTime } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const agencies = useApi<Agency[]>('/api/agencies');
  const mine = agenciesInScope(session, agencies.data, LEADERS);
  const agency = q.get('co-quan') ?? '';
  const period = (['month', 'quarter', 'year'] as const).find((p) => p === q.get('ky')) ?? 'month';
  const month = /^\d{4}-\d{2}$/.test(q.get('thang') ?? '') ? q.get('thang')! : thisMonth();
  const procedure = q.get('thu-tuc') ?? '';
  const channel = CHANNELS.find((c) => c.slug === q.get('kenh'));
  const showLate = q.get('xem') === 'tre-han';
  const params = new URLSearchParams({ period, at: month, ...(agency ? { agency } : {}), ...(procedure ? { procedure } : {}), ...(channel ? { channel: channel.api } : {}) }).toString();
  /** The page address of the current filters, with some changed. */
  const href = (over: Record<string, string>) => {
    const next = new URLSearchParams({ ...(agency ? { 'co-quan': agency } : {}), ky: period, thang: month, ...(procedure ? { 'thu-tuc': procedure } : {}), ...(channel ? { kenh: channel.slug } : {}), ...over });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    return `/can-bo/thong-ke?${next}`;
  };
  const dash = useApi<Dashboard>(mine.length ? `/api/analytics/dashboard?${params}` : null);
  const late = useApi<Explain>(showLate && mine.length ? `/api/analytics/index/explain?${params}&indicator=onTime&limit=100` : null);
  const go = (over: Record<string, string>) => navigate(href(over));
  const title = t('stats.title');
  if (!session || (agencies.data && !mine.length)) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p>{t('stats.noScope')}</p>
      </>
    );
  }
  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const pct = (x: number | null) => (x === null ? '—' : `${number(Math.round(x * 1000) / 10)}%`);
  const d = dash.data;
  const procOptions = d ? d.topByVolume.map((p) => ({ value: p.key, label: p.name })) : [];
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <form
        className="stack"
        aria-label={t('stats.filters')}
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <Select id="stats-agency" label={t('stats.agency')} value={agency} onChange={(v) => go({ 'co-quan': v })} placeholder={t('stats.allAgencies')} options={mine.map((id) => ({ value: id, label: name(id) }))} />
        <Select id="stats-period" label={t('stats.period')} value={period} onChange={(v) => go({ ky: v })} options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`stats.period.${p}`) }))} />
        <Select id="stats-month" label={t('stats.month')} value={month} onChange={(v) => go({ thang: v })} options={recentMonths(month).map((m) => ({ value: m, label: m }))} />
        <Select id="stats-procedure" label={t('stats.procedure')} value={procedure} onChange={(v) => go({ 'thu-tuc': v })} placeholder={t('stats.allProcedures')} options={procOptions} />
        <Select id="stats-channel" label={t('stats.channel')} value={channel?.slug ?? ''} onChange={(v) => go({ kenh: v })} placeholder={t('stats.allChannels')} options={CHANNELS.map((c) => ({ value: c.slug, label: t(c.key) }))} />
      </form>
      <ProblemNotice error={dash.error} />
      {!d ? (
        dash.error ? null : <Loading />
      ) : (
        <>
          <h2>{t('stats.index', { score: number(d.index.score), max: d.index.max })}</h2>
          <BarChart
            title={t('stats.groups')}
            summary={t('stats.groupsSummary', { score: number(d.index.score), max: d.index.max })}
            headers={[t('stats.group'), t('stats.points')]}
            bars={d.index.groups.map((g) => ({ label: pick(g.label), value: g.score, text: `${number(g.score)} / ${g.max}` }))}
          />
          <h2>{t('stats.progress')}</h2>
          <dl className="summary-list" aria-label={t('stats.progress')}>
            <SummaryRow label={t('stats.received')}>{number(d.status.received)}</SummaryRow>
            <SummaryRow label={t('stats.onTime')}>
              {number(d.status.onTime)} / {number(d.status.finished)}
            </SummaryRow>
            <SummaryRow label={t('stats.late')}>
              <Link to={`${href({ xem: 'tre-han' })}#tre-han`}>{t('stats.lateLink', { n: number(d.status.late) })}</Link>
            </SummaryRow>
            <SummaryRow label={t('stats.overdueNow')}>{number(d.status.overdueNow)}</SummaryRow>
            <SummaryRow label={t('stats.open')}>{number(d.status.open)}</SummaryRow>
          </dl>
          {showLate ? (
            <section id="tre-han" aria-labelledby="tre-han-h">
              <h2 id="tre-han-h">{t('stats.lateTitle')}</h2>
              {!late.data ? (
                <Loading />
              ) : late.data.total === 0 ? (
                <p>{t('stats.lateNone')}</p>
              ) : (
                <table>
                  <caption>{t('stats.lateCaption', { n: number(late.data.total) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.code')}</th>
                      <th scope="col">{t('stats.appointed')}</th>
                      <th scope="col">{t('stats.finished')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {late.data.items.map((x) => (
                      <tr key={x.id}>
                        <th scope="row">
                          <Link to={`/can-bo/ho-so/${x.id}`}>{x.code ?? x.id}</Link>
                        </th>
                        <td>{x.appointedAt ? dateTime(x.appointedAt) : '—'}</td>
                        <td>{x.finishedAt ? dateTime(x.finishedAt) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ) : null}
          <BarChart
            title={t('stats.trend')}
            summary={t('stats.trendSummary', { months: d.trend.length })}
            headers={[t('stats.month'), t('stats.onTimeOfFinished')]}
            bars={d.trend.map((m) => ({ label: m.month, value: m.onTime + m.late ? m.onTime / (m.onTime + m.late) : 0, text: m.onTime + m.late ? pct(m.onTime / (m.onTime + m.late)) : '—' }))}
            max={1}
          />
          <BarChart
            title={t('stats.days')}
            summary={t('stats.daysSummary', { avg: d.averageDays === null ? '—' : number(d.averageDays) })}
            headers={[t('stats.daysBucket'), t('stats.dossiers')]}
            bars={d.processingDays.map((b, i) => ({ label: b.upToDays === null ? t('stats.daysMore', { d: d.processingDays[i - 1]?.upToDays ?? 0 }) : t('stats.daysUpTo', { d: b.upToDays }), value: b.dossiers }))}
          />
          <BarChart
            title={t('stats.backlog')}
            summary={t('stats.backlogSummary', { open: number(d.status.open), overdue: number(d.status.overdueNow) })}
            headers={[t('stats.step'), t('stats.dossiers')]}
            bars={d.backlogByStep.map((s) => ({ label: (STATES as readonly string[]).includes(s.state) ? pick(STATE_LABELS[s.state as State]) : s.state, value: s.open, text: `${number(s.open)} (${t('stats.overdueShort', { n: number(s.overdue) })})` }))}
          />
          <h2>{t('stats.shares')}</h2>
          <dl className="summary-list" aria-label={t('stats.shares')}>
            <SummaryRow label={t('stats.online')}>{pct(d.shares.online)}</SummaryRow>
            <SummaryRow label={t('stats.filedOnline')}>{pct(d.shares.filedOnline)}</SummaryRow>
            <SummaryRow label={t('stats.cashless')}>{pct(d.shares.cashless)}</SummaryRow>
            <SummaryRow label={t('stats.electronicResult')}>{pct(d.shares.electronicResult)}</SummaryRow>
          </dl>
          <section aria-labelledby="don-vi-h">
            <h2 id="don-vi-h">{t('stats.communes')}</h2>
            <p>{communesSummary(d.communes, t, number, pct)}</p>
            {d.communes.length ? (
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('stats.communes')}>
                <table>
                  <caption>{t('stats.communesCaption', { n: number(d.communes.length) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.commune')}</th>
                      <th scope="col">{t('stats.received')}</th>
                      <th scope="col">{t('stats.onTimeRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.communes.map((c) => (
                      <tr key={c.agencyId}>
                        <th scope="row">
                          <Link to={href({ 'co-quan': c.agencyId, xem: '' })} aria-current={c.agencyId === agency ? 'page' : undefined}>
                            {c.name}
                          </Link>
                        </th>
                        <td>{number(c.received)}</td>
                        <td>
                          {pct(c.onTimeRate)} ({number(c.onTime)} / {number(c.finished)})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
          <BarChart title={t('stats.topVolume')} summary={t('stats.topVolumeSummary', { name: d.topByVolume[0]?.name ?? '—' })} headers={[t('stats.procedure'), t('stats.received')]} bars={d.topByVolume.map((p) => ({ label: p.name, value: p.received }))} />
          <h2>{t('stats.export')}</h2>
          <p className="button-group">
            <a className="button button--secondary" href={`/api/analytics/index/export?${params}&format=xlsx`} download>
              {t('stats.exportXlsx')}
            </a>{' '}
            <a className="button button--secondary" href={`/api/analytics/index/export?${params}&format=csv`} download>
              {t('stats.exportCsv')}
            </a>{' '}
            <a className="button button--secondary" href={`/api/analytics/report.pdf?${params}`} target="_blank" rel="noopener">
              {t('stats.reportPdf')}
            </a>
          </p>
        </>
      )}
    </>
  );
}

/** One sentence about the sub-agencies: how many, and the lowest on-time rate. */
function communesSummary(list: Dashboard['communes'], t: ReturnType<typeof useI18n>['t'], number: (n: number) => string, pct: (x: number | null) => string): string {
  if (!list.length) return t('stats.communesNone');
  const rated = list.filter((c) => c.onTimeRate !== null).sort((a, b) => a.onTimeRate! - b.onTimeRate!);
  const lowest = rated[0];
  return lowest ? t('stats.communesSummary', { n: number(list.length), name: lowest.name, rate: pct(lowest.onTimeRate) }) : t('stats.communesSummaryNone', { n: number(list.length) });
}
