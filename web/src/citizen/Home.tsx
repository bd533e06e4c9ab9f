import type { ProcedureSummary, Taxonomy } from '../api/types';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { PageHeading, Loading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { POPULAR_KEYS } from './catalog';
import { ProcedureCard } from './ProcedureCard';
import { SearchBox } from './SearchBox';

export function Home() {
  const { t, pick } = useI18n();
  const list = useApi<{ total: number; items: ProcedureSummary[] }>('/api/procedures?limit=200');
  const tax = useApi<Taxonomy>('/api/catalog/taxonomy');
  const items = list.data?.items ?? [];
  const popular = POPULAR_KEYS.map((k) => items.find((p) => p.key === k)).filter((p): p is ProcedureSummary => !!p);
  const shown = popular.length ? popular : items.slice(0, 6);
  return (
    <>
      <div className="hero">
        <PageHeading title={t('home.title')}>{t('home.title')}</PageHeading>
        <p className="lead">{t('home.lead')}</p>
        <SearchBox />
      </div>
      <div className="grid grid--sidebar">
        <section aria-labelledby="popular-title">
          <h2 id="popular-title">{t('home.popular')}</h2>
          {list.loading ? <Loading /> : null}
          <ProblemNotice error={list.error} />
          <ul className="card-list">
            {shown.map((p) => (
              <ProcedureCard key={p.id} p={p} headingLevel={3} />
            ))}
          </ul>
          <p>
            <Link to="/tim-kiem">{t('home.allProcedures', { n: list.data?.total ?? '…' })}</Link>
          </p>
        </section>
        <aside aria-labelledby="lookup-title">
          <h2 id="lookup-title">{t('home.lookupTitle')}</h2>
          <p>{t('home.lookupText')}</p>
          <p>
            <Link to="/tra-cuu" className="button button--secondary">
              {t('nav.lookup')}
            </Link>
          </p>
          <h2>{t('home.myDossiersTitle')}</h2>
          <p>{t('home.myDossiersText')}</p>
          <p>
            <Link to="/ho-so">{t('nav.myDossiers')}</Link>
          </p>
        </aside>
      </div>
      <section aria-labelledby="life-title">
        <h2 id="life-title">{t('home.byLifeEvent')}</h2>
        <ProblemNotice error={tax.error} />
        <ul className="tile-list">
          {tax.data?.lifeEvents
            .filter((e) => (e.count ?? 0) > 0)
            .map((e) => (
              <li key={e.key}>
                <Link to={`/su-kien/${e.key}`}>
                  {pick(e)} <span className="count">({e.count})</span>
                </Link>
              </li>
            ))}
        </ul>
      </section>
      <section aria-labelledby="field-title">
        <h2 id="field-title">{t('home.byField')}</h2>
        <ul className="tile-list">
          {tax.data?.fields
            .filter((f) => (f.count ?? 0) > 0)
            .map((f) => (
              <li key={f.key}>
                <Link to={`/linh-vuc/${f.key}`}>
                  {pick(f)} <span className="count">({f.count})</span>
                </Link>
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}
