/** Public lookup by dossier code (tra cứu hồ sơ); /tra-cuu/<code> is the address printed as a QR code on receipts. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { dossierApi, type PublicDossier } from '../api/dossier';
import { navigate, useQuery } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { StatusTag } from '../dossier/StatusTag';
import { Timeline } from '../dossier/Timeline';
import { SummaryRow } from '../ui/SummaryRow';

const CODE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}-\d{6}-\d{4,}$/;

export function LookupPage({ code }: { code?: string }) {
  const { t, pick, dateTime } = useI18n();
  // The form 01 receipts printed so far encode /tra-cuu?ma=<code>: same page as /tra-cuu/<code>.
  const ma = useQuery().get('ma');
  useEffect(() => {
    if (!code && ma) navigate(`/tra-cuu/${encodeURIComponent(ma.trim().toUpperCase())}`, { replace: true });
  }, [code, ma]);
  const [input, setInput] = useState(code ?? '');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<PublicDossier | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setInput(code ?? '');
    setResult(null);
    setFailure(null);
    if (!code) return;
    if (!CODE.test(code)) {
      setError(t('lookup.badCode'));
      return;
    }
    setLoading(true);
    dossierApi
      .lookup(code)
      .then(setResult)
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setError(t('lookup.notFound', { code }));
        else setFailure(e);
      })
      .finally(() => setLoading(false));
  }, [code, t]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = input.trim().toUpperCase().replace(/\s+/g, '');
    if (!c) {
      setError(t('lookup.empty'));
      setAttempt((n) => n + 1);
      return;
    }
    if (!CODE.test(c)) {
      setError(t('lookup.badCode'));
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    navigate(`/tra-cuu/${c}`);
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={error ? [{ target: 'lookup-code', message: error }] : []} version={attempt} />
      <PageHeading title={t('lookup.title')}>{t('lookup.title')}</PageHeading>
      <p>{t('lookup.lead')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput id="lookup-code" label={t('lookup.code')} hint={t('lookup.codeHint')} value={input} onChange={setInput} error={error} spellCheck={false} autoComplete="off" />
        <button type="submit" className="button">
          {t('lookup.submit')}
        </button>
      </form>
      {loading ? <Loading /> : null}
      <ProblemNotice error={failure} />
      {result ? (
        <section aria-labelledby="lookup-result">
          <h2 id="lookup-result">{t('lookup.result', { code: result.code })}</h2>
          <p>
            <StatusTag state={result.state} label={result.stateLabel} />
          </p>
          <dl className="summary-list">
            <SummaryRow label={t('dossier.procedure')}>{pick(result.procedure.name)}</SummaryRow>
            <SummaryRow label={t('dossier.agency')}>{result.agency.name ? pick(result.agency.name) : result.agency.code}</SummaryRow>
            {result.submittedAt ? (
              <SummaryRow label={t('dossier.submittedAt')}>{dateTime(result.submittedAt)}</SummaryRow>
            ) : null}
            {result.dueAt ? (
              <SummaryRow label={t('dossier.dueAt')}>{dateTime(result.dueAt)}</SummaryRow>
            ) : null}
            {result.finishedAt ? (
              <SummaryRow label={t('dossier.finishedAt')}>{dateTime(result.finishedAt)}</SummaryRow>
            ) : null}
            {result.returnedAt ? (
              <SummaryRow label={t('dossier.returnedAt')}>{dateTime(result.returnedAt)}</SummaryRow>
            ) : null}
            <SummaryRow label={t('dossier.nationalStatus')}>
              {result.nationalStatus} — {pick(result.nationalStatusLabel)}
            </SummaryRow>
          </dl>
          <h3>{t('dossier.timeline')}</h3>
          <Timeline entries={result.timeline} level={4} />
        </section>
      ) : null}
    </div>
  );
}
