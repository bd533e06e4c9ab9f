import { useEffect, useState, type FormEvent } from 'react';
import { dossierApi, type AttachmentView, type StoreSuggestions } from '../../api/dossier';
import { useSession } from '../../app/session';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { BackLink, Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { SessionExpiredSummary } from '../../ui/SessionExpired';
import { visibleSections } from '../../eform/model';
import { DocumentUpload, docInputId } from './Attachments';
import { isRequiredFor, uploadableDocuments, useDossierWithVersion } from './useDraft';
import { missingDocuments } from '@shared/catalog/document-rules';

/** Step after the form: attach the documents (giấy tờ) the procedure asks for. */
export function AttachmentsPage({ id, base }: { id: string; base: string }) {
  const { t, pick } = useI18n();
  const { detail, version, error, loading, setDetail } = useDossierWithVersion(id);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [expired, setExpired] = useState(false);
  const { session } = useSession();
  const [store, setStore] = useState<StoreSuggestions | null>(null);
  useEffect(() => {
    // The data store belongs to the citizen: an officer filing at the counter has none to offer.
    if (session?.kind !== 'citizen') return;
    dossierApi
      .storeSuggestions(id)
      .then(setStore)
      .catch(() => setStore(null));
  }, [id, session?.kind]);
  if (loading) return <Loading />;
  if (error || !detail || !version) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const docs = uploadableDocuments(version.documents, version.eform, detail.data);
  const onUploaded = (a: AttachmentView) => {
    setDetail({ ...detail, attachments: [...detail.attachments, a] });
    setErrors((es) => es.filter((e) => e.target !== docInputId(a.documentId)));
  };
  const onRemoved = (a: AttachmentView) => setDetail({ ...detail, attachments: detail.attachments.filter((x) => x.id !== a.id) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing = missingDocuments(version.documents, version.eform, detail.data ?? {}, detail.attachments.map((a) => a.documentId));
    if (missing.length) {
      setErrors(missing.map((d) => ({ target: docInputId(d.id), message: t('upload.missing', { doc: pick(d.name) }) })));
      setAttempt((n) => n + 1);
      return;
    }
    navigate(`${base}/kiem-tra`);
  };
  const sections = visibleSections(version.eform, detail.data);
  const last = sections[sections.length - 1];
  const byError = new Map(errors.map((e) => [e.target, e.message]));
  return (
    <div className="narrow">
      <BackLink to={last ? `${base}/khai/${last.id}` : `${base}/khai`} />
      {expired ? <SessionExpiredSummary returnTo={`${base}/dinh-kem`} kept={false} /> : null}
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading title={t('upload.title')} caption={pick(detail.procedure.name)}>
        {t('upload.title')}
      </PageHeading>
      <p>{t('upload.lead')}</p>
      <form noValidate onSubmit={onSubmit}>
        {docs.map((d) => (
          <DocumentUpload
            key={d.id}
            dossier={detail}
            doc={d}
            required={isRequiredFor(d, version.eform, detail.data)}
            attachments={detail.attachments.filter((a) => a.documentId === d.id)}
            onUploaded={onUploaded}
            error={byError.get(docInputId(d.id))}
            storeItems={store?.documents.find((x) => x.documentId === d.id && !x.attachedFromStore)?.items ?? []}
            removable={() => detail.state === 'draft'}
            onRemoved={onRemoved}
            onSessionEnded={() => setExpired(true)}
          />
        ))}
        <div className="button-group">
          <button type="submit" className="button">
            {t('form.continue')}
          </button>
        </div>
      </form>
    </div>
  );
}
