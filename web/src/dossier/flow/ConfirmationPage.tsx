import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { useApi } from '../../ui/useApi';
import type { DossierDetail } from '../../api/dossier';

/** Confirmation panel with the dossier code (GOV.UK confirmation page). */
export function ConfirmationPage({ id, officer = false }: { id: string; officer?: boolean }) {
  const { t, pick, dateTime } = useI18n();
  const { data, error, loading } = useApi<DossierDetail>(`/api/dossiers/${id}`);
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  return (
    <div className="narrow">
      <div className="panel">
        <PageHeading title={t('confirm.title')}>{t('confirm.title')}</PageHeading>
        <p className="panel__body">
          {t('confirm.codeLabel')}
          <span className="panel__code" data-testid="dossier-code">
            {data.code}
          </span>
        </p>
      </div>
      <p>
        {t('confirm.submittedAt', { procedure: pick(data.procedure.name), at: dateTime(data.submittedAt) })}
      </p>
      <p>{t('confirm.keepCode')}</p>
      <p>
        <Link to={officer ? `/can-bo/ho-so/${id}/bien-nhan` : `/ho-so/${id}/bien-nhan`}>{t('confirm.receipt')}</Link>
      </p>
      <h2>{t('confirm.nextTitle')}</h2>
      <p>{officer ? t('confirm.nextOfficer') : t('confirm.nextText')}</p>
      <div className="button-group">
        {officer ? (
          <Link to={`/can-bo/ho-so/${id}`} className="button">
            {t('confirm.openWorkspace')}
          </Link>
        ) : (
          <Link to={`/ho-so/${id}`} className="button">
            {t('confirm.followDossier')}
          </Link>
        )}
        <Link to={officer ? '/can-bo' : '/'}>{officer ? t('nav.inbox') : t('nav.home')}</Link>
      </div>
    </div>
  );
}
