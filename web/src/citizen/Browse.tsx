import type { ProcedureSummary, Taxonomy } from '../api/types';
import { withQuery } from '../api/client';
import { useQuery } from '../app/router';
import { useI18n } from '../i18n';
import { Breadcrumbs, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { ProcedureCard } from './ProcedureCard';
import { SearchBox } from './SearchBox';

/** Procedures of one field (lĩnh vực) or one life event (sự kiện). */
export function Browse({ kind, keyName }: { kind: 'field' | 'lifeEvent'; keyName: string }) {
  const { t, pick } = useI18n();
  const tax = useApi<Taxonomy>('/api/catalog/taxonomy');
  const list = useApi<{ total: number; items: ProcedureSummary[] }>(withQuery('/api/procedures', { [kind]: keyName, limit: 200 }));
  const entry = (kind === 'field' ? tax.data?.fields : tax.data?.lifeEvents)?.find((e) => e.key === keyName);
  const title = entry ? pick(entry) : keyName;
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { label: kind === 'field' ? t('browse.fields') : t('browse.lifeEvents') }]} />
      <PageHeading title={title} caption={kind === 'field' ? t('browse.field') : t('browse.lifeEvent')}>
        {title}
      </PageHeading>
      {list.loading ? <Loading /> : null}
      <ProblemNotice error={list.error ?? tax.error} />
      {list.data ? <p>{t('search.count', { n: list.data.total })}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((p) => (
          <ProcedureCard key={p.id} p={p} />
        ))}
      </ul>
    </>
  );
}

/** Full search results (/tim-kiem?q=…), also the list of all procedures without q. */
export function SearchResults() {
  const { t } = useI18n();
  const q = useQuery().get('q') ?? '';
  const list = useApi<{ total: number; items: ProcedureSummary[] }>(withQuery('/api/procedures', { q, limit: 200 }));
  const title = q ? t('search.resultsFor', { q }) : t('search.allTitle');
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { label: t('search.title') }]} />
      <PageHeading title={title}>{title}</PageHeading>
      <SearchBox key={q} initial={q} />
      {list.loading ? <Loading /> : null}
      <ProblemNotice error={list.error} />
      {list.data ? (
        <p role="status">{list.data.total ? t('search.count', { n: list.data.total }) : t('search.none')}</p>
      ) : null}
      <ul className="card-list">
        {list.data?.items.map((p) => (
          <ProcedureCard key={p.id} p={p} />
        ))}
      </ul>
    </>
  );
}
