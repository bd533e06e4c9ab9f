/**
 * Chứng thực bản sao điện tử từ bản chính, at the desk: the receiving officer uploads the scan of the original the
 * applicant shows, confirms that it matches, and MotCua signs the copy (the scan's pages and a certification page)
 * into the results of the dossier and the applicant's data store. Errors are summarised on top of the form.
 */
import { useState, type FormEvent } from 'react';
import { certifiedCopiesPath } from '@shared/api/result';
import { upload } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import type { ResultView } from '../api/result';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, ErrorMessage, TextInput } from '../ui/Fields';
import { ProblemNotice } from '../ui/Problem';

const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export function CertifiedCopyPanel({ dossierId, onIssued }: { dossierId: string; onIssued(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [documentName, setDocumentName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<ResultView | null>(null);
  const [inputKey, setInputKey] = useState(0);
  // One key per filled-in form: a repeated click after a lost answer is the same request.
  const [key, setKey] = useState(newIdempotencyKey);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!file) errs.push({ target: 'copy-scan', message: t('copy.scanRequired') });
    else if (!SCAN_TYPES.includes(file.type)) errs.push({ target: 'copy-scan', message: t('copy.scanType') });
    else if (file.size > MAX_SCAN_BYTES) errs.push({ target: 'copy-scan', message: t('copy.scanTooLarge') });
    if (!confirmed) errs.push({ target: 'copy-confirm', message: t('copy.confirmRequired') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length || !file) return;
    setFailure(null);
    setIssued(null);
    setBusy(true);
    try {
      const r = await upload<ResultView>(certifiedCopiesPath(dossierId), file, { formField: 'scan', fields: { confirmed: 'true', documentName: documentName.trim() }, headers: { 'idempotency-key': key } });
      setIssued(r);
      setFile(null);
      setDocumentName('');
      setConfirmed(false);
      setInputKey((n) => n + 1);
      setKey(newIdempotencyKey());
      onIssued();
    } catch (err) {
      setFailure(err);
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  const scanError = errors.find((x) => x.target === 'copy-scan')?.message ?? null;
  const confirmError = errors.find((x) => x.target === 'copy-confirm')?.message ?? null;
  return (
    <section aria-labelledby="copy-title">
      <h2 id="copy-title">{t('copy.title')}</h2>
      {issued ? (
        <div className="notice notice--success" role="status">
          <p>{t('copy.issued', { number: issued.number ?? issued.verificationCode })}</p>
          <p>
            <a href={issued.downloadUrl} download={issued.fileName}>
              {t('copy.download')}
            </a>{' '}
            · <a href={issued.verifyUrl}>{t('copy.verifyLink')}</a>
          </p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="copy-title">
        <ErrorSummary errors={errors} version={attempt} />
        <ProblemNotice error={failure} />
        <p className="hint">{t('copy.intro')}</p>
        <div className={`form-group${scanError ? ' form-group--error' : ''}`}>
          <label htmlFor="copy-scan">{t('copy.scanLabel')}</label>
          <span className="hint" id="copy-scan-hint">
            {t('copy.scanHint')}
          </span>
          {scanError ? <ErrorMessage id="copy-scan-error">{scanError}</ErrorMessage> : null}
          <input
            key={inputKey}
            type="file"
            id="copy-scan"
            name="scan"
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={scanError ? 'copy-scan-hint copy-scan-error' : 'copy-scan-hint'}
            aria-invalid={scanError ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <TextInput id="copy-name" label={t('copy.nameLabel')} hint={t('copy.nameHint')} value={documentName} onChange={setDocumentName} maxLength={200} />
        <Checkbox id="copy-confirm" label={t('copy.confirmLabel')} hint={t('copy.confirmHint')} checked={confirmed} onChange={setConfirmed} error={confirmError} />
        <p className="button-group">
          <button type="submit" className="button" disabled={busy}>
            {t('copy.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
