/** The officer's dossier workspace: facts, the actions the machine allows now, form data, files, history. */
import { useEffect, useState } from 'react';
import { ACTION_SPECS } from '@shared/dossier/actions';
import { CERTIFIED_COPY_TYPE } from '@shared/api/result';
import { dossierApi, type AttachmentView } from '../api/dossier';
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
import { fileSize } from '../dossier/flow/Attachments';
import { useDossierWithVersion } from '../dossier/flow/useDraft';
import { ACTION_SLUGS } from './actionForms';
import { SummaryRow } from '../ui/SummaryRow';
import { hasRole } from '../app/session';
import { CertifiedCopyPanel } from './CertifiedCopy';
import { OfficerPaymentsPanel } from './OfficerPayments';

/** Dossier states in which the desk certifies copies (received, not finished). */
const COPY_STATES = new Set(['received', 'processing', 'pending_approval', 'approved', 'result_issued']);

/** An image attachment shown inline (fetched with the session, shown from a blob: URL the CSP allows for images). */
function AttachmentPreview({ dossierId, a }: { dossierId: string; a: AttachmentView }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || !a.contentType.startsWith('image/')) return;
    let objectUrl: string | null = null;
    fetch(dossierApi.attachmentUrl(dossierId, a.id), { credentials: 'same-origin' })
      .then((r) => r.blob())
      .then((b) => {
        objectUrl = URL.createObjectURL(b);
        setUrl(objectUrl);
      })
      .catch(() => setUrl(null));
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [open, a, dossierId]);
  if (!a.contentType.startsWith('image/')) return null;
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('workspace.preview')}</summary>
      {url ? <img src={url} alt={t('workspace.previewAlt', { name: a.fileName })} style={{ maxWidth: '100%' }} /> : <p className="loading">{t('common.loading')}</p>}
    </details>
  );
}

export function Workspace({ id }: { id: string }) {
  const { t, pick, dateTime, lang } = useI18n();
  const { session } = useSession();
  const done = useQuery().get('da');
  const { detail, version, error, loading, reload } = useDossierWithVersion(id);
  const [copies, setCopies] = useState(0);
  if (loading) return <Loading />;
  if (error || !detail || !version) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const actions = allowedActions(detail, session).filter((a) => a !== 'submit');
  const doneSpec = done && (Object.entries(ACTION_SLUGS).find(([, slug]) => slug === done)?.[0] as keyof typeof ACTION_SPECS | undefined);
  return (
    <>
      <BackLink to="/can-bo">{t('nav.inbox')}</BackLink>
      {doneSpec ? (
        <div className="notice notice--success" role="status">
          {t('workspace.done', { action: pick(ACTION_SPECS[doneSpec].label) })}
        </div>
      ) : null}
      <PageHeading title={detail.code ?? t('dossier.noCodeYet')} caption={pick(detail.procedure.name)}>
        {detail.code ?? t('dossier.noCodeYet')}
      </PageHeading>
      <p>
        <StatusTag state={detail.state} label={detail.stateLabel} /> <DeadlineTag deadline={detail.deadline} />
      </p>

      <div className="grid grid--sidebar">
        <div>
          <dl className="summary-list">
            <SummaryRow label={t('dossier.applicant')}>
              {detail.subject.name} ({detail.subject.id}){detail.agent ? ` — ${t('workspace.agent', { name: detail.agent.name })}` : ''}
            </SummaryRow>
            <SummaryRow label={t('workspace.channel')}>{t(detail.channel === 'online' ? 'channel.online' : detail.channel === 'post' ? 'channel.post' : 'channel.inPerson')}</SummaryRow>
            <SummaryRow label={t('dossier.submittedAt')}>{dateTime(detail.submittedAt)}</SummaryRow>
            {detail.receivedAt ? (
              <SummaryRow label={t('dossier.receivedAt')}>{dateTime(detail.receivedAt)}</SummaryRow>
            ) : null}
            {detail.dueAt ? (
              <SummaryRow label={t('dossier.dueAt')}>
                {dateTime(detail.dueAt)}
                {detail.dueSoonAt ? <span className="secondary-text"> · {t('workspace.warnFrom', { at: dateTime(detail.dueSoonAt) })}</span> : null}
              </SummaryRow>
            ) : null}
            <SummaryRow label={t('workspace.assignee')}>{detail.assigneeId ? (detail.assigneeName ?? t('workspace.assigned')) : t('workspace.unassigned')}</SummaryRow>
            {detail.supplementRequest ? (
              <SummaryRow label={t('supplement.requestedTitle')}>
                {detail.supplementRequest.reason} — {detail.supplementRequest.missingItems.join('; ')}
              </SummaryRow>
            ) : null}
            {detail.extension ? (
              <SummaryRow label={t('workspace.extension')}>
                {detail.extension.reason} ({dateTime(detail.extension.newDueAt)})
              </SummaryRow>
            ) : null}
            {detail.refusalReason ? (
              <SummaryRow label={t('workspace.refusalReason')}>{detail.refusalReason}</SummaryRow>
            ) : null}
          </dl>
        </div>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t('workspace.actions')}</h2>
          {actions.length ? (
            <ul className="card-list">
              {actions.map((a) => (
                <li key={a}>
                  <Link to={`/can-bo/ho-so/${id}/thao-tac/${ACTION_SLUGS[a]}`} className={`button ${a === 'refuse_reception' || a === 'reject' || a === 'stop' ? 'button--warning' : a === 'comment' ? 'button--secondary' : ''}`}>
                    {pick(ACTION_SPECS[a].label)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('workspace.noActions')}</p>
          )}
          {detail.code ? (
            <p>
              <Link to={`/can-bo/ho-so/${id}/bien-nhan`}>{t('confirm.receipt')}</Link>
            </p>
          ) : null}
          {actions.includes('request_consultation') ? (
            <p>
              <Link to={`/can-bo/ho-so/${id}/lien-thong`}>{t('xl.fromDossier')}</Link>
            </p>
          ) : null}
          <p>
            <Link to={`/can-bo/tro-ly?ho-so=${id}`}>{t('officerAssistant.askAbout')}</Link>
          </p>
        </section>
      </div>

      <DossierDocuments detail={detail} />
      <OfficerPaymentsPanel dossierId={id} refreshKey={detail.state} onChanged={() => void reload()} />
      {version.result?.documentType === CERTIFIED_COPY_TYPE && COPY_STATES.has(detail.state) && hasRole(session, 'receiving_officer') ? (
        <CertifiedCopyPanel dossierId={id} onIssued={() => setCopies((n) => n + 1)} />
      ) : null}
      <DossierResults dossierId={id} refreshKey={`${detail.state}:${copies}`} manage />

      <h2>{t('dossier.files')}</h2>
      {detail.attachments.length ? (
        <ul className="upload-list">
          {detail.attachments.map((a) => (
            <li key={a.id}>
              <a href={dossierApi.attachmentUrl(id, a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <span className="secondary-text">
                ({fileSize(a.sizeBytes, lang)}, {pick(version.documents.find((d) => d.id === a.documentId)?.name ?? { vi: a.documentId, en: a.documentId })}, {dateTime(a.uploadedAt)})
              </span>
              <AttachmentPreview dossierId={id} a={a} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dossier.noFiles')}</p>
      )}

      <h2>{t('dossier.answers')}</h2>
      <AnswersSummary def={version.eform} data={detail.data} headingLevel={3} />

      <h2>{t('dossier.timeline')}</h2>
      <Timeline entries={detail.timeline} full />

      <DossierNotifications dossierId={id} />
    </>
  );
}
