/**
 * The open-data portal (/du-lieu-mo): dataset search with facets (typed with or without diacritics) and the
 * dataset page (metadata, resources, and an API section with working curl examples). Both read the CKAN Action
 * API the portal publishes, so what people see is what API clients get.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, navigate, useLocation, useQuery } from '../app/router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { TextInput } from '../ui/Fields';
import { Breadcrumbs, Loading, PageHeading } from '../ui/Page';
import { SummaryRow } from '../ui/SummaryRow';
import { BarChart } from '../analytics/Charts';

interface Pkg {
  id: string;
  name: string;
  title: string;
  title_translated?: { vi: string; en: string };
  notes: string;
  notes_translated?: { vi: string; en: string };
  license_id: string;
  license_title: string;
  license_url: string | null;
  version: string | null;
  maintainer: string | null;
  maintainer_email: string | null;
  organization: { name: string; title: string } | null;
  tags: { name: string }[];
  groups: { name: string; title: string }[];
  resources: { id: string; name: string; description: string; format: string; url: string; datastore_active?: boolean }[];
  metadata_modified: string;
  temporal_start: string | null;
  temporal_end: string | null;
  frequency: string | null;
}
interface Facet {
  items: { name: string; display_name: string; count: number }[];
}
interface SearchResult {
  count: number;
  results: Pkg[];
  search_facets: Record<string, Facet>;
}

const FACETS = ['organization', 'groups', 'tags', 'res_format'] as const;
const FACET_LABEL: Record<(typeof FACETS)[number], MessageKey> = { organization: 'opendata.facet.organization', groups: 'opendata.facet.groups', tags: 'opendata.facet.tags', res_format: 'opendata.facet.format' };

/** Calls a CKAN action; the envelope's error is thrown as an Error with its message. */
function useCkan<T>(action: string, params: Record<string, string>) {
  const key = `${action}?${new URLSearchParams(params)}`;
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key: '', data: null, error: null });
  useEffect(() => {
    let live = true;
    fetch(`/api/3/action/${key}`)
      .then((r) => r.json())
      .then((b: { success: boolean; result: T; error?: { message: string } }) => live && setState({ key, data: b.success ? b.result : null, error: b.success ? null : (b.error?.message ?? 'error') }))
      .catch((e: unknown) => live && setState({ key, data: null, error: String(e) }));
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? state : { key, data: null, error: null };
}

const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v);

export function OpenDataSearch() {
  const { t, lang } = useI18n();
  const query = useQuery();
  const loc = useLocation();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const filters = FACETS.flatMap((f) => query.getAll(f).map((v) => [f, v] as const));
  const fq = filters.map(([f, v]) => `${f}:${quote(v)}`).join(' ');
  const res = useCkan<SearchResult>('package_search', { q, fq, rows: '50', 'facet.field': JSON.stringify(FACETS) });
  const toggled = (f: string, v: string) => {
    const next = new URLSearchParams(loc.search);
    const have = next.getAll(f);
    next.delete(f);
    for (const x of have.includes(v) ? have.filter((y) => y !== v) : [...have, v]) next.append(f, x);
    const s = next.toString();
    return `/du-lieu-mo${s ? `?${s}` : ''}`;
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams(loc.search);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    navigate(`/du-lieu-mo?${next}`);
  };
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { label: t('opendata.title') }]} />
      <PageHeading title={t('opendata.title')}>{t('opendata.title')}</PageHeading>
      <p>{t('opendata.lead')}</p>
      <p>
        <Link to="/du-lieu-mo/ke-hoach">{t('opendata.links.plans')}</Link>
      </p>
      <form role="search" noValidate onSubmit={onSubmit} className="chat__form">
        <TextInput id="opendata-q" label={t('opendata.searchLabel')} hint={t('opendata.searchHint')} value={text} onChange={setText} autoComplete="off" maxLength={200} />
        <button type="submit" className="button">
          {t('opendata.search')}
        </button>
      </form>
      {res.error ? <p role="alert">{res.error}</p> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data ? (
        <>
          <p role="status">{res.data.count ? t('opendata.count', { n: res.data.count }) : t('opendata.none')}</p>
          <ul className="card-list">
            {res.data.results.map((p) => (
              <li key={p.id} className="card">
                <h2>
                  <Link to={`/du-lieu-mo/${p.name}`}>{lang === 'en' ? (p.title_translated?.en ?? p.title) : p.title}</Link>
                </h2>
                <p className="secondary-text">{p.organization?.title}</p>
                <p>
                  {[...new Set(p.resources.map((r) => r.format))].map((f) => (
                    <span key={f} className="tag">
                      {f}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
          <h2>{t('opendata.filters')}</h2>
          {FACETS.map((f) => {
            const items = res.data!.search_facets[f]?.items ?? [];
            if (!items.length) return null;
            return (
              <nav key={f} aria-label={t(FACET_LABEL[f])}>
                <h3>{t(FACET_LABEL[f])}</h3>
                <ul>
                  {items.map((i) => {
                    const on = query.getAll(f).includes(i.name);
                    return (
                      <li key={i.name}>
                        <Link to={toggled(f, i.name)} aria-current={on ? 'true' : undefined}>
                          {on ? `✓ ${i.display_name}` : i.display_name} ({i.count})
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            );
          })}
        </>
      ) : null}
    </>
  );
}

export function DatasetPage({ name }: { name: string }) {
  const { t, lang, date } = useI18n();
  const res = useCkan<Pkg>('package_show', { id: name });
  const [copied, setCopied] = useState<string | null>(null);
  if (res.error) {
    return (
      <>
        <PageHeading>{t('opendata.notFound')}</PageHeading>
        <p>
          <Link to="/du-lieu-mo">{t('opendata.back')}</Link>
        </p>
      </>
    );
  }
  if (!res.data) return <Loading />;
  const p = res.data;
  const title = lang === 'en' ? (p.title_translated?.en ?? p.title) : p.title;
  const notes = lang === 'en' ? (p.notes_translated?.en ?? p.notes) : p.notes;
  const origin = window.location.origin;
  const examples = [
    { id: 'show', label: t('opendata.api.show'), action: 'package_show', cmd: `curl '${origin}/api/3/action/package_show?id=${p.name}'` },
    { id: 'search', label: t('opendata.api.search'), action: 'package_search', cmd: `curl '${origin}/api/3/action/package_search?q=${encodeURIComponent(p.tags[0]?.name ?? p.name)}&rows=10'` },
    { id: 'dcat', label: t('opendata.api.dcat'), action: null, cmd: `curl '${origin}/dataset/${p.name}.ttl'` },
  ];
  const copy = async (id: string, cmd: string) => {
    try {
      await navigator.clipboard.writeText(cmd);
    } catch {
      /* the text stays selectable */
    }
    setCopied(id);
  };
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.home') }, { to: '/du-lieu-mo', label: t('opendata.title') }, { label: title }]} />
      <PageHeading title={title} caption={p.organization?.title}>
        {title}
      </PageHeading>
      <p>{notes}</p>
      {p.organization ? (
        <p>
          <Link to={`/du-lieu-mo/to-chuc/${p.organization.name}`}>{t('opendata.org.link', { name: p.organization.title })}</Link>
        </p>
      ) : null}
      <h2>{t('opendata.resources')}</h2>
      <ul className="card-list">
        {p.resources.map((r) => (
          <li key={r.id} className="card">
            <h3>
              <a href={r.url}>
                {r.name} <span className="tag">{r.format}</span>
              </a>
            </h3>
            {r.description ? <p>{r.description}</p> : null}
          </li>
        ))}
      </ul>
      {p.resources
        .filter((r) => r.datastore_active)
        .map((r) => (
          <DataPreview key={r.id} resourceId={r.id} name={r.name} />
        ))}
      <h2>{t('opendata.metadata')}</h2>
      <dl className="summary-list">
        <SummaryRow label={t('opendata.meta.organization')}>{p.organization?.title ?? '—'}</SummaryRow>
        <SummaryRow label={t('opendata.meta.licence')}>{p.license_url ? <a href={p.license_url}>{p.license_title}</a> : p.license_title}</SummaryRow>
        <SummaryRow label={t('opendata.meta.tags')}>{p.tags.map((x) => x.name).join(', ') || '—'}</SummaryRow>
        <SummaryRow label={t('opendata.meta.groups')}>{p.groups.map((x) => x.title).join(', ') || '—'}</SummaryRow>
        <SummaryRow label={t('opendata.meta.temporal')}>{p.temporal_start ? `${date(p.temporal_start)} – ${p.temporal_end ? date(p.temporal_end) : t('opendata.meta.ongoing')}` : '—'}</SummaryRow>
        <SummaryRow label={t('opendata.meta.frequency')}>{p.frequency ?? '—'}</SummaryRow>
        <SummaryRow label={t('opendata.meta.modified')}>{date(`${p.metadata_modified}Z`)}</SummaryRow>
        <SummaryRow label={t('opendata.meta.contact')}>{[p.maintainer, p.maintainer_email].filter(Boolean).join(' — ') || '—'}</SummaryRow>
      </dl>
      <h2 id="api">{t('opendata.api.title')}</h2>
      <p>{t('opendata.api.lead')}</p>
      {examples.map((x) => (
        <div key={x.id}>
          <h3>
            {x.label}
            {x.action ? (
              <>
                {' '}
                (<code>{x.action}</code>)
              </>
            ) : null}
          </h3>
          <pre className="code-block" tabIndex={0} aria-label={x.label}>
            <code>{x.cmd}</code>
          </pre>
          <button type="button" className="button button--secondary" onClick={() => void copy(x.id, x.cmd)}>
            {t('opendata.api.copy')}
          </button>
          {copied === x.id ? <span role="status"> {t('opendata.api.copied')}</span> : null}
        </div>
      ))}
    </>
  );
}

interface StoreField {
  id: string;
  type: string;
}
interface StoreResult {
  fields: StoreField[];
  records: Record<string, unknown>[];
  total: number;
}

const PAGE = 10;
const NUMERIC = /^(int|integer|bigint|numeric|float|float8|double|number)/i;

/**
 * A DataStore resource previewed as a table (datastore_search: 10 rows a page, a filter typed without diacritics)
 * and, when it has a numeric column, a bar chart of that column on the page shown, with its data table.
 */
export function DataPreview({ resourceId, name }: { resourceId: string; name: string }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const res = useCkan<StoreResult>('datastore_search', { resource_id: resourceId, limit: String(PAGE), offset: String(offset), include_total: 'true', ...(q ? { q } : {}) });
  const fields = (res.data?.fields ?? []).filter((f) => f.id !== '_id');
  const numeric = fields.find((f) => NUMERIC.test(f.type));
  const label = fields.find((f) => f !== numeric);
  const headingId = `xem-truoc-${resourceId}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setQ(text.trim());
  };
  const total = res.data?.total ?? 0;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('opendata.preview.title', { name })}</h2>
      <form role="search" noValidate onSubmit={onSubmit} className="chat__form">
        <TextInput id={`loc-${resourceId}`} label={t('opendata.preview.filter')} hint={t('opendata.preview.filterHint')} value={text} onChange={setText} autoComplete="off" maxLength={200} />
        <button type="submit" className="button">
          {t('opendata.preview.apply')}
        </button>
      </form>
      {res.error ? <p role="alert">{res.error}</p> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data ? (
        <>
          <p role="status">{total ? t('opendata.preview.rows', { from: offset + 1, to: Math.min(offset + PAGE, total), n: total }) : t('opendata.preview.none')}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('opendata.preview.table', { name })}>
            <table className="data-table">
              <caption className="visually-hidden">{t('opendata.preview.table', { name })}</caption>
              <thead>
                <tr>
                  {fields.map((f) => (
                    <th key={f.id} scope="col">
                      <code>{f.id}</code>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {res.data.records.map((r, i) => (
                  <tr key={String(r._id ?? i)}>
                    {fields.map((f) => (
                      <td key={f.id}>{r[f.id] === null || r[f.id] === undefined ? '' : String(r[f.id])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t('opendata.preview.paging')} className="button-group">
            <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('opendata.preview.prev')}
            </button>
            <button type="button" className="button button--secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('opendata.preview.next')}
            </button>
          </nav>
          <h3>{t('opendata.download.title')}</h3>
          <div className="button-group">
            {(['csv', 'json', 'xlsx'] as const).map((format) => (
              <a key={format} className="button button--secondary" href={`/api/opendata/datastore/${resourceId}/dump?format=${format}`} download>
                {t(`opendata.download.${format}`, { name })}
              </a>
            ))}
          </div>
          {numeric && label && res.data.records.length ? (
            <BarChart
              title={t('opendata.preview.chart', { column: numeric.id })}
              summary={t('opendata.preview.chartSummary', { column: numeric.id, n: res.data.records.length })}
              headers={[label.id, numeric.id]}
              bars={res.data.records.map((r, i) => ({ label: `${i + 1 + offset}. ${String(r[label.id] ?? '')}`, value: Number(r[numeric.id]) || 0 }))}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
