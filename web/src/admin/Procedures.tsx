import { useState } from 'react';
import { api } from '../api/client';
import type { ProcedureSummary, ProcedureVersion, Taxonomy } from '../api/types';
import { Link, navigate } from '../app/router';
import { useI18n } from '../i18n';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { SheetImport } from './SheetImport';

export function ProcedureList() {
  const { t, pick } = useI18n();
  const list = useApi<{ total: number; items: ProcedureSummary[] }>('/api/procedures?limit=200');
  const tax = useApi<Taxonomy>('/api/catalog/taxonomy');
  return (
    <>
      <PageHeading>{t('admin.proceduresTitle')}</PageHeading>
      <p>{t('admin.proceduresLead')}</p>
      <p>
        <Link to="/quan-tri/thu-tuc/moi" className="button">
          {t('pb.newTitle')}
        </Link>
      </p>
      <ProblemNotice error={list.error} />
      {list.loading ? <Loading /> : null}
      {list.data ? (
        <table className="responsive-table">
          <caption>{t('admin.proceduresCaption', { n: list.data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dossier.procedure')}</th>
              <th scope="col">{t('admin.nationalCode')}</th>
              <th scope="col">{t('browse.field')}</th>
              <th scope="col">{t('admin.versionCol')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((p) => {
              const field = tax.data?.fields.find((f) => f.key === p.field);
              return (
                <tr key={p.id}>
                  <td data-label={t('dossier.procedure')}>
                    <Link to={`/quan-tri/thu-tuc/${p.id}`}>{pick(p.name)}</Link>
                  </td>
                  <td data-label={t('admin.nationalCode')}>{p.nationalCode ?? '—'}</td>
                  <td data-label={t('browse.field')}>{field ? pick(field) : p.field}</td>
                  <td data-label={t('admin.versionCol')}>{p.version}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <SheetImport />
    </>
  );
}

interface VersionRow {
  id: string;
  version: number;
  status: string;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

export function ProcedureVersions({ procedureId }: { procedureId: string }) {
  const { t, dateTime } = useI18n();
  const versions = useApi<VersionRow[]>(`/api/admin/procedures/${procedureId}/versions`);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const draft = versions.data?.find((v) => v.status === 'draft');
  const newDraft = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const v = await api.post<ProcedureVersion>(`/api/admin/procedures/${procedureId}/versions`);
      navigate(`/quan-tri/phien-ban/${v.id}`);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };
  const statusText = (s: string) => (s === 'draft' ? t('admin.statusDraft') : s === 'published' ? t('admin.statusPublished') : t('admin.statusRetired'));
  return (
    <>
      <BackLink to="/quan-tri/thu-tuc">{t('admin.proceduresTitle')}</BackLink>
      <PageHeading>{t('admin.versionsTitle')}</PageHeading>
      <ProblemNotice error={versions.error ?? failure} />
      {versions.loading ? <Loading /> : null}
      {versions.data ? (
        <table className="responsive-table">
          <caption>{t('admin.versionsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.versionCol')}</th>
              <th scope="col">{t('dossier.status')}</th>
              <th scope="col">{t('admin.createdAt')}</th>
              <th scope="col">{t('admin.publishedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('workspace.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <tr key={v.id}>
                <td data-label={t('admin.versionCol')}>{v.version}</td>
                <td data-label={t('dossier.status')}>
                  <strong className={`tag ${v.status === 'published' ? 'tag--green' : v.status === 'draft' ? 'tag--yellow' : 'tag--grey'}`}>{statusText(v.status)}</strong>
                </td>
                <td data-label={t('admin.createdAt')}>{dateTime(v.createdAt)}</td>
                <td data-label={t('admin.publishedAt')}>{dateTime(v.publishedAt) || '—'}</td>
                <td>
                  <Link to={`/quan-tri/phien-ban/${v.id}`}>
                    {v.status === 'draft' ? t('admin.editDraft') : t('admin.view')}
                    <span className="visually-hidden"> {t('admin.versionN', { n: v.version })}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {versions.data && !draft ? (
        <button type="button" className="button" disabled={busy} onClick={() => void newDraft()}>
          {t('admin.newDraft')}
        </button>
      ) : null}
    </>
  );
}
