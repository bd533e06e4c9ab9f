import { BackLink, Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { useApi } from '../../ui/useApi';
import { useI18n } from '../../i18n';
import type { DossierDetail } from '../../api/dossier';
import type { Agency } from '../../api/types';

/** A printable acknowledgement of an online filing: code, what, when, where, and how to look it up. */
export function ReceiptPage({ id, back }: { id: string; back: string }) {
  const { t, pick, dateTime, lang } = useI18n();
  const { data, error, loading } = useApi<DossierDetail>(`/api/dossiers/${id}`);
  const agency = useApi<Agency>(data ? `/api/agencies/${data.agency.id}` : null);
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const lookup = `${window.location.origin}/tra-cuu/${data.code ?? ''}`;
  const a = agency.data;
  return (
    <div className="narrow">
      <BackLink to={back} />
      <PageHeading title={t('receipt.title')}>{t('receipt.title')}</PageHeading>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('dossier.code')}</dt>
          <dd>
            <strong>{data.code ?? t('dossier.noCodeYet')}</strong>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('dossier.procedure')}</dt>
          <dd>{pick(data.procedure.name)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('dossier.applicant')}</dt>
          <dd>{data.subject.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('dossier.submittedAt')}</dt>
          <dd>{dateTime(data.submittedAt)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('dossier.agency')}</dt>
          <dd>{a ? `${lang === 'en' ? a.nameEn : a.name} — ${lang === 'en' && a.oneStopUnitEn ? a.oneStopUnitEn : a.oneStopUnit}` : data.agency.code}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('dossier.status')}</dt>
          <dd>{pick(data.stateLabel)}</dd>
        </div>
        {data.dueAt ? (
          <div className="summary-list__row">
            <dt>{t('dossier.dueAt')}</dt>
            <dd>{dateTime(data.dueAt)}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('receipt.lookup')}</dt>
          <dd>
            <a href={lookup}>{lookup}</a>
          </dd>
        </div>
      </dl>
      <p className="secondary-text">{t('receipt.note')}</p>
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
      </div>
    </div>
  );
}
