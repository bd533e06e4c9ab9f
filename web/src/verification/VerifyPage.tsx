/**
 * Public verification of a signed result (xác thực văn bản điện tử): upload the PDF, or arrive from the QR code
 * (/xac-thuc?ma=<code>) to see the register status directly. Verdicts are told in words and a symbol, never by colour
 * alone.
 */
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { IssuedResultStatusDto, ResultByCodeDto, Verdict, VerificationMessageDto, VerificationReportDto } from '@shared/api/verification';
import { signerLabel } from '@shared/verification/labels';
import { ApiError, api, upload } from '../api/client';
import { useQuery } from '../app/router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary } from '../ui/ErrorSummary';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';

const MAX_BYTES = 20 * 1024 * 1024;

const VERDICT_STYLE: Record<Verdict, { notice: string; symbol: string }> = {
  valid: { notice: 'notice--success', symbol: '✓' },
  invalid: { notice: 'notice--error', symbol: '✗' },
  revoked: { notice: 'notice--error', symbol: '✗' },
  replaced: { notice: 'notice--warning', symbol: '!' },
  unknown_issuer: { notice: 'notice--warning', symbol: '?' },
  unsigned: { notice: 'notice--warning', symbol: '?' },
};

const SEVERITY_KEY: Record<VerificationMessageDto['severity'], MessageKey> = {
  ok: 'verify.severity.ok',
  info: 'verify.severity.info',
  warning: 'verify.severity.warning',
  error: 'verify.severity.error',
};

export function VerifyPage() {
  const { t } = useI18n();
  const code = useQuery().get('ma')?.trim() ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<VerificationReportDto | null>(null);
  const [unsigned, setUnsigned] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if ((report || unsigned) && resultRef.current) resultRef.current.focus();
  }, [report, unsigned]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    setUnsigned(false);
    setFailure(null);
    if (!file) {
      setFieldError(t('verify.noFile'));
      setAttempt((n) => n + 1);
      return;
    }
    if (file.size > MAX_BYTES) {
      setFieldError(t('verify.tooLarge'));
      setAttempt((n) => n + 1);
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      setReport(await upload<VerificationReportDto>('/api/verification', file, { formField: 'file' }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'verification.no_signature') setUnsigned(true);
      else if (err instanceof ApiError && (err.code === 'verification.not_pdf' || err.code === 'verification.too_large')) {
        setFieldError(t(err.code === 'verification.not_pdf' ? 'verify.notPdf' : 'verify.tooLarge'));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={fieldError ? [{ target: 'verify-file', message: fieldError }] : []} version={attempt} />
      <PageHeading title={t('verify.title')}>{t('verify.title')}</PageHeading>
      <p>{t('verify.lead')}</p>
      {code ? <ResultByCode code={code} /> : null}
      <form noValidate onSubmit={onSubmit} aria-busy={busy}>
        <div className={`form-group${fieldError ? ' form-group--error' : ''}`}>
          <label htmlFor="verify-file">{t('verify.file')}</label>
          <span className="hint" id="verify-file-hint">
            {t('verify.fileHint')}
          </span>
          {fieldError ? (
            <span className="error-message" id="verify-file-error">
              {fieldError}
            </span>
          ) : null}
          <input
            id="verify-file"
            type="file"
            accept=".pdf,application/pdf"
            aria-describedby={`verify-file-hint${fieldError ? ' verify-file-error' : ''}`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setUnsigned(false);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('verify.submit')}
        </button>
      </form>
      {busy ? <Loading label={t('verify.checking')} /> : null}
      <ProblemNotice error={failure} />
      {unsigned ? (
        <section aria-labelledby="verify-result" className="notice notice--warning" data-verdict="unsigned">
          <h2 id="verify-result" tabIndex={-1} ref={resultRef}>
            <span aria-hidden="true">? </span>
            {t('verify.verdict.unsigned')}
          </h2>
          <p>{t('verify.unsignedText')}</p>
        </section>
      ) : null}
      {report ? <Report report={report} headingRef={resultRef} /> : null}
    </div>
  );
}

function Report({ report, headingRef }: { report: VerificationReportDto; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t, pick, dateTime } = useI18n();
  const style = VERDICT_STYLE[report.verdict];
  const yesNo = (b: boolean) => t(b ? 'verify.yes' : 'verify.no');
  return (
    <section aria-labelledby="verify-result" data-verdict={report.verdict}>
      <div className={`notice ${style.notice}`}>
        <h2 id="verify-result" tabIndex={-1} ref={headingRef}>
          <span aria-hidden="true">{style.symbol} </span>
          {t(`verify.verdict.${report.verdict}` as MessageKey)}
        </h2>
        <p>{t(`verify.verdictText.${report.verdict}` as MessageKey)}</p>
      </div>
      <h3>{t('verify.findings')}</h3>
      <ul className="verify-messages">
        {report.messages.map((m, i) => (
          <li key={i} data-code={m.code} data-severity={m.severity}>
            <strong>{t(SEVERITY_KEY[m.severity])}: </strong>
            {pick(m.text)}
          </li>
        ))}
      </ul>
      <h3>{t('verify.details')}</h3>
      <dl className="summary-list">
        <SummaryRow label={t('verify.integrity')}>{t(`verify.integrity.${report.integrity}` as MessageKey)}</SummaryRow>
        <SummaryRow label={t('verify.signature')}>{t(report.signature === 'valid' ? 'verify.signature.valid' : 'verify.signature.invalid')}</SummaryRow>
        <SummaryRow label={t('verify.trusted')}>{yesNo(report.trusted)}</SummaryRow>
        <SummaryRow label={t('verify.signer')}>{signerLabel(report.signer) ?? '—'}</SummaryRow>
        <SummaryRow label={t('verify.time')}>{report.timestamp ? dateTime(report.timestamp) : t('verify.noTimestamp')}</SummaryRow>
        <SummaryRow label={t('verify.level')}>{report.level ? `PAdES ${report.level}` : '—'}</SummaryRow>
        {report.result?.kind ? <SummaryRow label={t('verify.kind')}>{t(`verify.kind.${report.result.kind}`)}</SummaryRow> : null}
        <SummaryRow label={t('verify.register')}>{report.result ? <ResultStatusText result={report.result} /> : t('verify.notInRegister')}</SummaryRow>
        <SummaryRow label={t('verify.sha256')}>
          <code className="break-all">{report.file.sha256}</code>
        </SummaryRow>
      </dl>
    </section>
  );
}

function ResultStatusText({ result }: { result: IssuedResultStatusDto }) {
  const { t } = useI18n();
  return (
    <>
      {t(`verify.status.${result.status}` as MessageKey)}
      {result.status === 'replaced' && result.replacedBy ? ` — ${t('verify.replacedBy', { code: result.replacedBy })}` : ''}
      {result.reason ? ` (${result.reason})` : ''}
    </>
  );
}

function ResultByCode({ code }: { code: string }) {
  const { t, pick, date } = useI18n();
  const [data, setData] = useState<ResultByCodeDto | null>(null);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setData(null);
    setMissing(false);
    setFailure(null);
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/.test(code)) {
      setMissing(true);
      return;
    }
    api
      .get<ResultByCodeDto>(`/api/verification/results/${encodeURIComponent(code)}`)
      .then(setData)
      .catch((e) => (e instanceof ApiError && (e.status === 404 || e.status === 400) ? setMissing(true) : setFailure(e)));
  }, [code]);
  if (failure) return <ProblemNotice error={failure} />;
  if (missing)
    return (
      <section className="notice notice--warning" aria-labelledby="verify-code" data-status="not_found">
        <h2 id="verify-code">
          <span aria-hidden="true">? </span>
          {t('verify.codeNotFound', { code })}
        </h2>
        <p>{t('verify.codeNotFoundText')}</p>
      </section>
    );
  if (!data) return <Loading />;
  const r = data.result;
  const notice = r.status === 'valid' ? 'notice--success' : r.status === 'revoked' ? 'notice--error' : 'notice--warning';
  const symbol = r.status === 'valid' ? '✓' : r.status === 'revoked' ? '✗' : '!';
  return (
    <section aria-labelledby="verify-code" data-status={r.status}>
      <div className={`notice ${notice}`}>
        <h2 id="verify-code">
          <span aria-hidden="true">{symbol} </span>
          {t(`verify.status.${r.status}` as MessageKey)}
        </h2>
        {data.messages.map((m, i) => (
          <p key={i}>{pick(m.text)}</p>
        ))}
      </div>
      <dl className="summary-list">
        <SummaryRow label={t('verify.code')}>{r.code}</SummaryRow>
        {r.kind ? <SummaryRow label={t('verify.kind')}>{t(`verify.kind.${r.kind}`)}</SummaryRow> : null}
        <SummaryRow label={t('verify.docTitle')}>{r.title}</SummaryRow>
        <SummaryRow label={t('verify.issuer')}>{r.issuer}</SummaryRow>
        {r.number ? <SummaryRow label={t('verify.number')}>{r.number}</SummaryRow> : null}
        <SummaryRow label={t('verify.issuedAt')}>{date(r.issuedAt)}</SummaryRow>
      </dl>
      <p>{t('verify.uploadToCompare')}</p>
    </section>
  );
}
