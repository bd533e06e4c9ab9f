/** Files for the required documents (thành phần hồ sơ): upload with progress, checked before and by the server. */
import { useState, type ChangeEvent } from 'react';
import { dossierApi, type AttachmentView, type DossierDetail, type StoreItem } from '../../api/dossier';
import type { RequiredDocument } from '../../api/types';
import { useI18n } from '../../i18n';
import { ErrorMessage } from '../../ui/Fields';
import { problemText } from '../../ui/Problem';
import { isSessionEnded } from '../../api/client';
import { documentFormText } from '../../citizen/procedureText';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

export function fileSize(bytes: number, lang: 'vi' | 'en'): string {
  const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt.format(bytes / 1024)} KB`;
  return `${fmt.format(bytes / 1024 / 1024)} MB`;
}

interface Upload {
  name: string;
  progress: number;
}

export function docInputId(docId: string) {
  return `doc-${docId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** One required document: what it is, the files already attached, a file input that uploads at once. */
export function DocumentUpload({
  dossier,
  doc,
  attachments,
  onUploaded,
  error,
  storeItems = [],
  removable,
  onRemoved,
  onSessionEnded,
  required,
}: {
  dossier: DossierDetail;
  doc: RequiredDocument;
  attachments: AttachmentView[];
  onUploaded(a: AttachmentView): void;
  error?: string;
  /** Matching items of the citizen's data store: attached in one click instead of an upload (once-only). */
  storeItems?: StoreItem[];
  /** Which attached files the applicant may still remove (none when not given). */
  removable?: (a: AttachmentView) => boolean;
  onRemoved?(a: AttachmentView): void;
  /** The upload or removal failed because the session ended: the page says so at its top. */
  onSessionEnded?(): void;
  /** Required for the answers given (shared rules); by default, when the procedure makes it mandatory. */
  required?: boolean;
}) {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const [uploading, setUploading] = useState<Upload | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const id = docInputId(doc.id);
  const shownError = localError ?? error;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setLocalError(null);
    if (!/\.(pdf|jpe?g|png)$/i.test(file.name) && !['application/pdf', 'image/jpeg', 'image/png'].includes(file.type)) {
      setLocalError(t('upload.badType', { name: file.name }));
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalError(t('upload.tooLarge', { name: file.name, max: '10 MB' }));
      return;
    }
    if (file.size === 0) {
      setLocalError(t('upload.empty', { name: file.name }));
      return;
    }
    setUploading({ name: file.name, progress: 0 });
    setStatus(t('upload.started', { name: file.name }));
    try {
      const a = await dossierApi.upload(dossier.id, doc.id, file, (p) => setUploading({ name: file.name, progress: p }));
      onUploaded(a);
      setStatus(t('upload.done', { name: a.fileName }));
    } catch (err) {
      if (isSessionEnded(err) && onSessionEnded) {
        onSessionEnded();
        setStatus('');
        return;
      }
      const p = problemText(err, lang);
      setLocalError(`${p.title}${p.detail ? `: ${p.detail}` : ''}`);
      setStatus('');
    } finally {
      setUploading(null);
    }
  };

  const useStored = async (item: StoreItem) => {
    setLocalError(null);
    try {
      const a = await dossierApi.attachFromStore(dossier.id, doc.id, item.id);
      onUploaded(a);
      setStatus(t('upload.done', { name: a.fileName }));
    } catch (err) {
      if (isSessionEnded(err) && onSessionEnded) {
        onSessionEnded();
        setStatus('');
        return;
      }
      const p = problemText(err, lang);
      setLocalError(`${p.title}${p.detail ? `: ${p.detail}` : ''}`);
    }
  };

  const remove = async (a: AttachmentView) => {
    setLocalError(null);
    setRemoving(a.id);
    try {
      await dossierApi.removeAttachment(dossier.id, a.id);
      onRemoved?.(a);
      setStatus(t('upload.removed', { name: a.fileName }));
      document.getElementById(id)?.focus();
    } catch (err) {
      if (isSessionEnded(err) && onSessionEnded) {
        onSessionEnded();
        setStatus('');
        return;
      }
      const p = problemText(err, lang);
      setLocalError(`${p.title}${p.detail ? `: ${p.detail}` : ''}`);
    } finally {
      setRemoving(null);
    }
  };

  // An upload is a scan: "show the original at the desk" has no meaning on an online form.
  const formText = doc.form === 'present-original' ? t('doc.copy') : documentFormText(doc.form, i18n);
  const hint = `${formText}${doc.copies > 1 ? `, ${t('doc.copies', { n: doc.copies })}` : ''}. ${
    doc.requirement === 'conditional' && doc.condition ? `${pick(doc.condition)}. ` : ''
  }${t('upload.hint')}`;
  return (
    <div className={`form-group${shownError ? ' form-group--error' : ''}`}>
      <label htmlFor={id}>
        {pick(doc.name)}
        {(required ?? doc.requirement === 'mandatory') ? '' : <span className="secondary-text"> {t('form.optional')}</span>}
      </label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {shownError ? <ErrorMessage id={`${id}-error`}>{shownError}</ErrorMessage> : null}
      {attachments.length ? (
        <ul className="upload-list" aria-label={t('upload.attachedTo', { doc: pick(doc.name) })}>
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={dossierApi.attachmentUrl(dossier.id, a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <span className="secondary-text">({fileSize(a.sizeBytes, lang)})</span> <strong className="tag tag--green">{t('upload.attached')}</strong>
              {a.source === 'store' || a.fromDataStore ? (
                <>
                  {' '}
                  <strong className="tag tag--grey">{t('store.fromStore')}</strong>
                </>
              ) : null}
              {onRemoved && removable?.(a) ? (
                <>
                  {' '}
                  <button type="button" className="link-button" disabled={removing === a.id} onClick={() => void remove(a)}>
                    {t('upload.remove')}
                    <span className="visually-hidden"> {a.fileName}</span>
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {uploading ? (
        <div>
          <label htmlFor={`${id}-progress`}>{t('upload.uploading', { name: uploading.name })}</label>
          <progress id={`${id}-progress`} max={100} value={Math.round(uploading.progress * 100)}>
            {Math.round(uploading.progress * 100)}%
          </progress>
        </div>
      ) : null}
      {storeItems.length ? (
        <div className="notice">
          <p>{t('store.available')}</p>
          <ul className="upload-list">
            {storeItems.map((item) => (
              <li key={item.id}>
                {item.title} <span className="secondary-text">({item.fileName})</span>{' '}
                <button type="button" className="link-button" onClick={() => void useStored(item)}>
                  {t('store.use')}
                  <span className="visually-hidden"> {item.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        className={shownError ? 'input--error' : undefined}
        aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ''}`}
        disabled={!!uploading}
        onChange={(e) => void onFile(e)}
      />
      <div role="status" aria-live="polite" className="visually-hidden">
        {status}
      </div>
    </div>
  );
}
