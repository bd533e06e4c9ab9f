/** A citizen's dossier: status, what is asked of them, the timeline, their answers and files. */
import { dossierApi } from '../api/dossier';
import { Link, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { AnswersSummary } from '../dossier/AnswersSummary';
import { allowedActions } from '../dossier/actions';
import { DeadlineTag, StatusTag } from '../dossier/StatusTag';
import { Timeline } from '../dossier/Timeline';
import { DossierNotifications } from '../notify/pages';
import { DossierDocuments } from '../dossier/Documents';
import { DossierResults } from '../dossier/Results';
import { useDossierWithVersion } from '../dossier/flow/useDraft';
import { fileSize } from '../dossier/flow/Attachments';
import { SummaryRow } from '../ui/SummaryRow';
import { DossierProofs } from '../tlog/DossierProofs';
import { RatingPrompt } from '../voice/RatePage';
import { PaymentNotice } from '../dossier/PaymentNotice';
import { DossierPaymentList } from '../payment/DossierPaymentPage';

export function CitizenDossierPage({ id }: { id: string }) {
  const { t, pick, dateTime, lang } = useI18n();
  const { session } = useSession();
  const notice = useQuery().get('da');
  const { detail, version, error, loading } = useDossierWithVersion(id);
  if (loading) return <Loading />;
  if (error || !detail || !version) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const actions = allowedActions(detail, session);
  const resultReady = detail.state === 'result_issued' || detail.state === 'returned';
  return (
    <>
      <BackLink to="/ho-so">{t('nav.myDossiers')}</BackLink>
      {notice === 'bo-sung' ? (
        <div className="notice notice--success" role="status">
          {t('supplement.done')}
        </div>
      ) : null}
      {notice === 'rut' ? (
        <div className="notice notice--success" role="status">
          {t('withdraw.done')}
        </div>
      ) : null}
      <PageHeading title={pick(detail.procedure.name)} caption={detail.code ? `${t('dossier.code')}: ${detail.code}` : t('dossier.noCodeYet')}>
        {pick(detail.procedure.name)}
      </PageHeading>
      <p>
        <StatusTag state={detail.state} label={detail.stateLabel} /> <DeadlineTag deadline={detail.deadline} />
      </p>

      {detail.state === 'draft' ? (
        <p>
          <Link to={`/ho-so/${id}/khai`} className="button">
            {t('my.continueDraft')}
          </Link>
        </p>
      ) : null}

      {detail.state === 'supplement_requested' && detail.supplementRequest ? (
        <div className="notice notice--warning">
          <h2>{t('supplement.requestedTitle')}</h2>
          <p>{detail.supplementRequest.reason}</p>
          <ul>
            {detail.supplementRequest.missingItems.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          {actions.includes('resubmit_supplement') ? (
            <p>
              <Link to={`/ho-so/${id}/bo-sung`} className="button">
                {t('supplement.start')}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <PaymentNotice detail={detail} />

      {resultReady ? (
        <div className="notice notice--success">
          <h2>{t('result.title')}</h2>
          <p>{detail.state === 'returned' ? t('result.returned', { at: dateTime(detail.returnedAt ?? detail.updatedAt) }) : t('result.issued')}</p>
        </div>
      ) : null}
      {detail.refusalReason ? (
        <div className="notice notice--error">
          <h2>{t('result.refusedTitle')}</h2>
          <p>{detail.refusalReason}</p>
        </div>
      ) : null}
      <RatingPrompt id={id} state={detail.state} />

      <dl className="summary-list">
        <SummaryRow label={t('dossier.applicant')}>{detail.subject.name}</SummaryRow>
        {detail.submittedAt ? (
          <SummaryRow label={t('dossier.submittedAt')}>{dateTime(detail.submittedAt)}</SummaryRow>
        ) : null}
        {detail.receivedAt ? (
          <SummaryRow label={t('dossier.receivedAt')}>{dateTime(detail.receivedAt)}</SummaryRow>
        ) : null}
        {detail.dueAt ? (
          <SummaryRow label={t('dossier.dueAt')}>
            {dateTime(detail.dueAt)}
            {detail.extension ? ` (${t('dossier.extended', { reason: detail.extension.reason })})` : ''}
          </SummaryRow>
        ) : null}
        <SummaryRow label={t('dossier.nationalStatus')}>
          {detail.nationalStatus} — {pick(detail.nationalStatusLabel)}
        </SummaryRow>
      </dl>

      {detail.code ? (
        <p>
          <Link to={`/ho-so/${id}/bien-nhan`}>{t('confirm.receipt')}</Link>
        </p>
      ) : null}

      {detail.code ? (
        <p>
          <Link to={`/phan-anh?ho-so=${encodeURIComponent(detail.code)}`}>{t('petition.aboutDossier')}</Link>
        </p>
      ) : null}

      {actions.includes('request_withdrawal') ? (
        <p>
          <Link to={`/ho-so/${id}/rut`}>{t('withdraw.link')}</Link>
        </p>
      ) : null}

      <DossierDocuments detail={detail} />
      <DossierResults dossierId={id} refreshKey={detail.state} />
      {detail.state !== 'draft' ? <DossierPaymentList dossierId={id} refreshKey={detail.state} /> : null}

      <h2>{t('dossier.timeline')}</h2>
      <Timeline entries={detail.timeline} />
      {detail.state !== 'draft' ? <DossierProofs id={id} /> : null}

      <DossierNotifications dossierId={id} />

      <h2>{t('dossier.answers')}</h2>
      <AnswersSummary def={version.eform} data={detail.data} headingLevel={3} />

      <h2>{t('dossier.files')}</h2>
      {detail.attachments.length ? (
        <ul>
          {detail.attachments.map((a) => (
            <li key={a.id}>
              <a href={dossierApi.attachmentUrl(id, a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <span className="secondary-text">
                ({fileSize(a.sizeBytes, lang)}, {pick(version.documents.find((d) => d.id === a.documentId)?.name ?? { vi: a.documentId, en: a.documentId })})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dossier.noFiles')}</p>
      )}
    </>
  );
}
