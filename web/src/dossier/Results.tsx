/**
 * The signed electronic results of a dossier (kết quả điện tử), each downloadable, with its verification code and
 * its status in the register (còn hiệu lực, đã thu hồi, đã được cấp lại). On the officer's workspace (`manage`),
 * a result still in force can be revoked (thu hồi) or replaced (cấp lại), with a required reason.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_RESULT_REASON, resultApi, type ResultView } from '../api/result';
import { newIdempotencyKey } from '../api/dossier';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { TextArea } from '../ui/Fields';
import { ProblemNotice } from '../ui/Problem';

type Change = 'revoke' | 'replace';

export function DossierResults({ dossierId, refreshKey, headingLevel = 2, manage = false }: { dossierId: string; refreshKey?: unknown; headingLevel?: 2 | 3; manage?: boolean }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<ResultView[] | null>(null);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<{ id: string; change: Change } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    resultApi
      .ofDossier(dossierId)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [dossierId, refreshKey, reload]);
  if (!items?.length) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="results-title">
      <H id="results-title">{t('results.title')}</H>
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <a href={r.downloadUrl} download={r.fileName}>
              {t('results.download', { title: r.title })}
            </a>{' '}
            <span className="secondary-text">
              ({r.number ? t('results.number', { number: r.number }) : ''}
              {r.number ? ', ' : ''}
              {dateTime(r.issuedAt)})
            </span>
            <br />
            <span data-result-status={r.status}>
              {t('results.statusLabel')}: <strong>{t(`results.status.${r.status}`)}</strong>
              {r.status === 'replaced' && r.replacedBy ? <> — {t('results.replacedBy', { code: r.replacedBy })}</> : null}
            </span>
            {r.reason && r.status !== 'valid' ? (
              <>
                <br />
                <span className="secondary-text">
                  {t('results.reason')}: {r.reason}
                </span>
              </>
            ) : null}
            <br />
            <span className="secondary-text">
              {t('results.code')}: <code>{r.verificationCode}</code>
            </span>
            {manage && r.status === 'valid' ? (
              open?.id === r.id ? (
                <ChangeForm
                  result={r}
                  change={open.change}
                  onCancel={() => setOpen(null)}
                  onDone={(message) => {
                    setOpen(null);
                    setNotice(message);
                    setReload((n) => n + 1);
                  }}
                />
              ) : (
                <p className="button-group">
                  <button type="button" className="button button--warning" onClick={() => (setNotice(null), setOpen({ id: r.id, change: 'revoke' }))}>
                    {t('results.revoke')}
                  </button>
                  {r.kind === 'certified_copy' ? null : (
                    <button type="button" className="button button--secondary" onClick={() => (setNotice(null), setOpen({ id: r.id, change: 'replace' }))}>
                      {t('results.replace')}
                    </button>
                  )}
                </p>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The reason form of a revocation or replacement: required, at most 2000 characters, errors summarised on top. */
function ChangeForm({ result, change, onCancel, onDone }: { result: ResultView; change: Change; onCancel(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a repeated click after a lost answer is the same request.
  const [key, setKey] = useState(newIdempotencyKey);
  const fieldId = `result-${result.id}-reason`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = reason.trim();
    const errs: SummaryError[] = [];
    if (!clean) errs.push({ target: fieldId, message: t('results.reasonRequired') });
    else if (clean.length > MAX_RESULT_REASON) errs.push({ target: fieldId, message: t('results.reasonTooLong', { max: MAX_RESULT_REASON }) });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    setBusy(true);
    try {
      if (change === 'revoke') {
        await resultApi.revoke(result.id, clean, key);
        onDone(t('results.revoked', { title: result.title }));
      } else {
        const r = await resultApi.replace(result.id, clean, key);
        onDone(t('results.replaced', { title: result.title, number: r.result.number ?? r.result.verificationCode }));
      }
    } catch (err) {
      setFailure(err);
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  const title = change === 'revoke' ? t('results.revokeTitle', { title: result.title }) : t('results.replaceTitle', { title: result.title });
  const error = errors.find((e) => e.target === fieldId)?.message ?? null;
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <fieldset>
        <legend>{title}</legend>
        <p className="hint">{change === 'revoke' ? t('results.revokeHint') : t('results.replaceHint')}</p>
        <TextArea id={fieldId} label={t('results.reasonLabel')} hint={t('results.reasonHint', { max: MAX_RESULT_REASON })} value={reason} onChange={setReason} error={error} rows={3} />
      </fieldset>
      <p className="button-group">
        <button type="submit" className={`button${change === 'revoke' ? ' button--warning' : ''}`} disabled={busy}>
          {change === 'revoke' ? t('results.confirmRevoke') : t('results.confirmReplace')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('results.cancel')}
        </button>
      </p>
    </form>
  );
}
