import { BackLink, Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { useApi } from '../../ui/useApi';
import { useI18n } from '../../i18n';
import type { DossierDetail } from '../../api/dossier';
import type { Agency } from '../../api/types';
import { SummaryRow } from '../../ui/SummaryRow';

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
        <SummaryRow label={t('dossier.code')}>
          <strong>{data.code ?? t('dossier.noCodeYet')}</strong>
        </SummaryRow>
        <SummaryRow label={t('dossier.procedure')}>{pick(data.procedure.name)}</SummaryRow>
        <SummaryRow label={t('dossier.applicant')}>{data.subject.name}</SummaryRow>
        <SummaryRow label={t('dossier.submittedAt')}>{dateTime(data.submittedAt)}</SummaryRow>
        <SummaryRow label={t('dossier.agency')}>{a ? `${lang === 'en' ? a.nameEn : a.name} — ${lang === 'en' && a.oneStopUnitEn ? a.oneStopUnitEn : a.oneStopUnit}` : data.agency.code}</SummaryRow>
        <SummaryRow label={t('dossier.status')}>{pick(data.stateLabel)}</SummaryRow>
        {data.dueAt ? (
          <SummaryRow label={t('dossier.dueAt')}>{dateTime(data.dueAt)}</SummaryRow>
        ) : null}
        <SummaryRow label={t('receipt.lookup')}>
          <a href={lookup}>{lookup}</a>
        </SummaryRow>
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
