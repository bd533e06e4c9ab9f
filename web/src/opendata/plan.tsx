/**
 * The open-data plan pages (/du-lieu-mo/ke-hoach…): each agency's plan with its progress computed from what it has
 * published and its late items; the catalogue of the agencies' databases (/du-lieu-mo/co-so-du-lieu); an
 * organisation's page (/du-lieu-mo/to-chuc/:name) with its published datasets and its plans.
 */
import { useEffect, useState } from 'react';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { request } from '../api/client';
import { Breadcrumbs, Loading, PageHeading } from '../ui/Page';

interface Summary {
  items: number;
  done: number;
  late: number;
  percent: number;
}
interface PlanEntry {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  year: number;
  title: string;
  decisionRef: string | null;
  issuedOn: string | null;
  progress: Summary;
}
interface PlanView extends PlanEntry {
  stages: { key: string; name: string; until: string; minLevel: number; items: number; done: number; late: number; percent: number }[];
  items: { datasetName: string; title: string; stage: string; due: string; requiredLevel: number; status: 'done' | 'below_level' | 'pending' | 'late'; level: number | null; publishedOn: string | null }[];
}
interface DatabaseEntry {
  id: string;
  agencyName: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'national' | 'ministry' | 'province' | 'internal';
  owner: string;
  legalBasis: string;
  fields: string[];
  access: 'open' | 'shared' | 'closed';
  datasetName: string | null;
}

function useGet<T>(url: string) {
  const [state, setState] = useState<{ url: string; data: T | null; error: string | null }>({ url: '', data: null, error: null });
  useEffect(() => {
    let live = true;
    request<T>('GET', url)
      .then((data) => live && setState({ url, data, error: null }))
      .catch((e: unknown) => live && setState({ url, data: null, error: String((e as Error).message ?? e) }));
    return () => {
      live = false;
    };
  }, [url]);
  return state.url === url ? state : { url, data: null, error: null };
}

const STATUS: Record<PlanView['items'][number]['status'], MessageKey> = { done: 'opendata.plan.status.done', below_level: 'opendata.plan.status.below', pending: 'opendata.plan.status.pending', late: 'opendata.plan.status.late' };
const KIND: Record<DatabaseEntry['kind'], MessageKey> = { national: 'opendata.db.kind.national', ministry: 'opendata.db.kind.ministry', province: 'opendata.db.kind.province', internal: 'opendata.db.kind.internal' };
const ACCESS: Record<DatabaseEntry['access'], MessageKey> = { open: 'opendata.db.access.open', shared: 'opendata.db.access.shared', closed: 'opendata.db.access.closed' };

function Progress({ s, label }: { s: Summary; label: string }) {
  const { t } = useI18n();
  return (
    <p>
      <progress max={100} value={s.percent} aria-label={label}>
        {s.percent}%
      </progress>{' '}
      {t('opendata.plan.progress', { done: s.done, n: s.items, percent: s.percent })}
      {s.late ? (
        <>
          {' — '}
          <strong>{t('opendata.plan.lateCount', { n: s.late })}</strong>
        </>
      ) : null}
    </p>
  );
}

function PlanList({ plans }: { plans: PlanEntry[] }) {
  const { t } = useI18n();
  if (!plans.length) return <p>{t('opendata.plan.none')}</p>;
  return (
    <ul className="card-list">
      {plans.map((p) => (
        <li key={p.id} className="card">
          <h3>
            <Link to={`/du-lieu-mo/ke-hoach/${p.id}`}>{p.title}</Link>
          </h3>
          <p className="secondary-text">{p.agencyName}</p>
          <Progress s={p.progress} label={t('opendata.plan.progressLabel', { title: p.title })} />
        </li>
      ))}
    </ul>
  );
}

export function PlansPage() {
  const { t } = useI18n();
  const res = useGet<PlanEntry[]>('/api/opendata/plans');
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { to: '/du-lieu-mo', label: t('opendata.title') }, { label: t('opendata.plan.title') }]} />
      <PageHeading>{t('opendata.plan.title')}</PageHeading>
      <p>{t('opendata.plan.lead')}</p>
      <p>
        <Link to="/du-lieu-mo/co-so-du-lieu">{t('opendata.db.title')}</Link>
      </p>
      {res.error ? <p role="alert">{res.error}</p> : null}
      {res.data ? <PlanList plans={res.data} /> : !res.error ? <Loading /> : null}
    </>
  );
}

export function PlanPage({ id }: { id: string }) {
  const { t, date } = useI18n();
  const res = useGet<PlanView>(`/api/opendata/plans/${encodeURIComponent(id)}`);
  if (res.error) {
    return (
      <>
        <PageHeading>{t('opendata.plan.notFound')}</PageHeading>
        <p>
          <Link to="/du-lieu-mo/ke-hoach">{t('opendata.plan.back')}</Link>
        </p>
      </>
    );
  }
  if (!res.data) return <Loading />;
  const p = res.data;
  const late = p.items.filter((i) => i.status === 'late');
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { to: '/du-lieu-mo', label: t('opendata.title') }, { to: '/du-lieu-mo/ke-hoach', label: t('opendata.plan.title') }, { label: p.title }]} />
      <PageHeading caption={p.agencyName}>{p.title}</PageHeading>
      {p.decisionRef ? <p>{t('opendata.plan.decision', { ref: p.decisionRef, date: p.issuedOn ? date(p.issuedOn) : '—' })}</p> : null}
      <Progress s={p.progress} label={t('opendata.plan.progressLabel', { title: p.title })} />
      {late.length ? (
        <section aria-labelledby="tre-han" className="callout">
          <h2 id="tre-han">{t('opendata.plan.lateTitle')}</h2>
          <ul>
            {late.map((i) => (
              <li key={i.datasetName}>{t('opendata.plan.lateItem', { title: i.title, due: date(i.due) })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.stages.map((s) => (
        <section key={s.key} aria-labelledby={`gd-${s.key}`}>
          <h2 id={`gd-${s.key}`}>{s.name}</h2>
          <p>{t('opendata.plan.stage', { until: date(s.until), level: s.minLevel })}</p>
          <Progress s={s} label={t('opendata.plan.progressLabel', { title: s.name })} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('opendata.plan.itemsOf', { stage: s.name })}>
            <table className="data-table">
              <caption className="visually-hidden">{t('opendata.plan.itemsOf', { stage: s.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('opendata.plan.col.data')}</th>
                  <th scope="col">{t('opendata.plan.col.due')}</th>
                  <th scope="col">{t('opendata.plan.col.level')}</th>
                  <th scope="col">{t('opendata.plan.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items
                  .filter((i) => i.stage === s.key)
                  .map((i) => (
                    <tr key={i.datasetName}>
                      <th scope="row">{i.level !== null ? <Link to={`/du-lieu-mo/${i.datasetName}`}>{i.title}</Link> : i.title}</th>
                      <td>{date(i.due)}</td>
                      <td>{t('opendata.plan.levels', { level: i.level ?? '—', required: i.requiredLevel })}</td>
                      <td>{i.status === 'late' ? <strong>{t(STATUS[i.status])}</strong> : t(STATUS[i.status])}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p>{t('opendata.plan.levelsHelp')}</p>
    </>
  );
}

export function DatabasesPage() {
  const { t, lang } = useI18n();
  const res = useGet<DatabaseEntry[]>('/api/opendata/databases');
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { to: '/du-lieu-mo', label: t('opendata.title') }, { label: t('opendata.db.title') }]} />
      <PageHeading>{t('opendata.db.title')}</PageHeading>
      <p>{t('opendata.db.lead')}</p>
      <p>
        <a href="/api/opendata/databases.csv">{t('opendata.db.csv')}</a> · <Link to="/du-lieu-mo/danh-muc-co-so-du-lieu">{t('opendata.db.dataset')}</Link>
      </p>
      {res.error ? <p role="alert">{res.error}</p> : null}
      {!res.data && !res.error ? <Loading /> : null}
      <ul className="card-list">
        {(res.data ?? []).map((d) => (
          <li key={d.id} className="card">
            <h2>{lang === 'en' ? (d.nameEn ?? d.name) : d.name}</h2>
            <dl className="summary-list">
              <div className="summary-list__row">
                <dt>{t('opendata.db.agency')}</dt>
                <dd>{d.agencyName}</dd>
              </div>
              <div className="summary-list__row">
                <dt>{t('opendata.db.kind')}</dt>
                <dd>{t(KIND[d.kind])}</dd>
              </div>
              <div className="summary-list__row">
                <dt>{t('opendata.db.owner')}</dt>
                <dd>{d.owner}</dd>
              </div>
              <div className="summary-list__row">
                <dt>{t('opendata.db.legal')}</dt>
                <dd>{d.legalBasis}</dd>
              </div>
              <div className="summary-list__row">
                <dt>{t('opendata.db.fields')}</dt>
                <dd>{d.fields.join(', ')}</dd>
              </div>
              <div className="summary-list__row">
                <dt>{t('opendata.db.access')}</dt>
                <dd>{d.datasetName && d.access === 'open' ? <Link to={`/du-lieu-mo/${d.datasetName}`}>{t(ACCESS[d.access])}</Link> : t(ACCESS[d.access])}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

interface Org {
  id: string;
  name: string;
  title: string;
  package_count?: number;
  packages?: { name: string; title: string }[];
}

export function OrganisationPage({ name }: { name: string }) {
  const { t } = useI18n();
  const [org, setOrg] = useState<{ name: string; data: Org | null; error: boolean }>({ name: '', data: null, error: false });
  useEffect(() => {
    let live = true;
    fetch(`/api/3/action/organization_show?id=${encodeURIComponent(name)}&include_datasets=true`)
      .then((r) => r.json())
      .then((b: { success: boolean; result: Org }) => live && setOrg({ name, data: b.success ? b.result : null, error: !b.success }))
      .catch(() => live && setOrg({ name, data: null, error: true }));
    return () => {
      live = false;
    };
  }, [name]);
  const o = org.name === name ? org.data : null;
  const plans = useGet<PlanEntry[]>(o ? `/api/opendata/plans?agencyId=${o.id}` : '/api/opendata/plans?agencyId=00000000-0000-0000-0000-000000000000');
  if (org.name === name && org.error) {
    return (
      <>
        <PageHeading>{t('opendata.org.notFound')}</PageHeading>
        <p>
          <Link to="/du-lieu-mo">{t('opendata.back')}</Link>
        </p>
      </>
    );
  }
  if (!o) return <Loading />;
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { to: '/du-lieu-mo', label: t('opendata.title') }, { label: o.title }]} />
      <PageHeading caption={t('opendata.org.caption')}>{o.title}</PageHeading>
      <h2>{t('opendata.org.datasets', { n: o.package_count ?? o.packages?.length ?? 0 })}</h2>
      <ul>
        {(o.packages ?? []).map((d) => (
          <li key={d.name}>
            <Link to={`/du-lieu-mo/${d.name}`}>{d.title}</Link>
          </li>
        ))}
      </ul>
      <h2>{t('opendata.plan.title')}</h2>
      {plans.data ? <PlanList plans={plans.data} /> : <Loading />}
    </>
  );
}
