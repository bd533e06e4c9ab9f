/** The applicant's two actions after filing: answer a supplement request, and withdraw the dossier. */
import { useState, type FormEvent } from 'react';
import { dossierApi, newIdempotencyKey, type AttachmentView } from '../api/dossier';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { TextArea } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SessionExpiredSummary } from '../ui/SessionExpired';
import { isSessionEnded } from '../api/client';
import { allowedActions } from '../dossier/actions';
import { DocumentUpload } from '../dossier/flow/Attachments';
import { isRequiredFor, uploadableDocuments, useDossierWithVersion } from '../dossier/flow/useDraft';

export function SupplementPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const { session } = useSession();
  const { detail, version, error, loading, setDetail } = useDossierWithVersion(id);
  const [note, setNote] = useState('');
  const [added, setAdded] = useState<AttachmentView[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [key] = useState(newIdempotencyKey);
  if (loading) return <Loading />;
  if (error || !detail || !version) return <ProblemNotice error={error} />;
  if (!allowedActions(detail, session).includes('resubmit_supplement')) {
    return (
      <>
        <BackLink to={`/ho-so/${id}`} />
        <PageHeading>{t('supplement.title')}</PageHeading>
        <p>{t('supplement.notNow')}</p>
      </>
    );
  }
  // Files added since the request may be removed again; what the desk received stays.
  const requestedAt = detail.timeline.filter((x) => x.type === 'request_supplement').at(-1)?.at ?? null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!added.length && !note.trim()) {
      setFormError(t('supplement.nothing'));
      setAttempt((n) => n + 1);
      return;
    }
    setFormError(null);
    setBusy(true);
    setFailure(null);
    try {
      await dossierApi.act(id, 'resubmit_supplement', note.trim() ? { note: note.trim() } : {}, key);
      navigate(`/ho-so/${id}?da=bo-sung`);
    } catch (err) {
      if (isSessionEnded(err)) setExpired(true);
      else setFailure(err);
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <BackLink to={`/ho-so/${id}`} />
      {expired ? <SessionExpiredSummary returnTo={`/ho-so/${id}/bo-sung`} kept={false} /> : null}
      <ErrorSummary errors={formError ? [{ target: 'supplement-note', message: formError }] : []} version={attempt} />
      <ProblemNotice error={failure} />
      <PageHeading title={t('supplement.title')} caption={`${pick(detail.procedure.name)} — ${detail.code}`}>
        {t('supplement.title')}
      </PageHeading>
      {detail.supplementRequest ? (
        <div className="notice notice--warning">
          <p>
            <strong>{t('supplement.reason')}:</strong> {detail.supplementRequest.reason}
          </p>
          <p>
            <strong>{t('supplement.items')}:</strong>
          </p>
          <ul>
            {detail.supplementRequest.missingItems.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{t('supplement.lead')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        {uploadableDocuments(version.documents, version.eform, detail.data).map((d) => (
          <DocumentUpload
            key={d.id}
            dossier={detail}
            doc={d}
            required={isRequiredFor(d, version.eform, detail.data)}
            attachments={detail.attachments.filter((a) => a.documentId === d.id)}
            onUploaded={(a) => {
              setAdded((x) => [...x, a]);
              setDetail({ ...detail, attachments: [...detail.attachments, a] });
            }}
            removable={(a) => !!requestedAt && a.uploadedAt >= requestedAt}
            onRemoved={(a) => {
              setAdded((x) => x.filter((y) => y.id !== a.id));
              setDetail({ ...detail, attachments: detail.attachments.filter((y) => y.id !== a.id) });
            }}
            onSessionEnded={() => setExpired(true)}
          />
        ))}
        <TextArea id="supplement-note" label={t('supplement.note')} hint={t('supplement.noteHint')} value={note} onChange={setNote} error={formError} />
        <div className="button-group">
          <button type="submit" className="button" disabled={busy}>
            {t('supplement.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

export function WithdrawPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const { session } = useSession();
  const { detail, error, loading } = useDossierWithVersion(id);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  if (loading) return <Loading />;
  if (error || !detail) return <ProblemNotice error={error} />;
  const allowed = allowedActions(detail, session).includes('request_withdrawal');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await dossierApi.act(id, 'request_withdrawal', reason.trim() ? { reason: reason.trim() } : {}, key);
      navigate(`/ho-so/${id}?da=rut`);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <BackLink to={`/ho-so/${id}`} />
      <ProblemNotice error={failure} />
      <PageHeading title={t('withdraw.title')} caption={`${pick(detail.procedure.name)} — ${detail.code}`}>
        {t('withdraw.title')}
      </PageHeading>
      {!allowed ? (
        <p>{t('withdraw.notNow')}</p>
      ) : (
        <>
          <div className="notice notice--warning">
            <p>{detail.receivedAt ? t('withdraw.afterReception') : t('withdraw.beforeReception')}</p>
          </div>
          <form noValidate onSubmit={(e) => void onSubmit(e)}>
            <TextArea id="withdraw-reason" label={t('withdraw.reason')} hint={t('form.optional')} value={reason} onChange={setReason} />
            <div className="button-group">
              <button type="submit" className="button button--warning" disabled={busy}>
                {t('withdraw.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
