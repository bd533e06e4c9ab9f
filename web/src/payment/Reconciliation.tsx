/**
 * Reconciliation (đối soát) for the desk: the credits on the agency's account that did not settle a payment by
 * themselves (under- or overpaid, unknown or missing code, money for a payment already paid or closed), each
 * resolved by matching it to a payment, recording its refund or rejecting it, with a required note; and the import
 * of the bank's daily statement (sao kê, CSV) for the credits whose notification never came.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency } from '@shared/api/geography';
import { ApiError } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { paymentApi, type CreditView, type Queue, type StatementResult } from '../api/payment';
import { Link, navigate, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { ErrorMessage, Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';
import { useApi } from '../ui/useApi';
import { agenciesInScope } from './scope';

const OUTCOMES = ['underpaid', 'overpaid', 'unknown_code', 'no_code', 'ambiguous_code', 'already_paid', 'payment_closed', 'matched', 'duplicate'];
const ACTIONS = ['match', 'refund', 'reject'] as const;
type Action = (typeof ACTIONS)[number];
type Status = 'open' | 'resolved';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function outcomeKey(outcome: string): MessageKey {
  return (OUTCOMES.includes(outcome) ? `recon.outcome.${outcome}` : 'recon.outcome.other') as MessageKey;
}

export function Reconciliation() {
  const { t } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const agencies = useApi<Agency[]>('/api/agencies');
  const mine = agenciesInScope(session, agencies.data, ['receiving_officer', 'agency_admin']);
  const agencyId = q.get('co-quan') ?? mine[0] ?? '';
  const status: Status = q.get('loc') === 'resolved' ? 'resolved' : 'open';
  const [queue, setQueue] = useState<Queue | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (!agencyId) return;
    let live = true;
    setFailure(null);
    paymentApi.queue(agencyId, status).then(
      (r) => live && setQueue(r),
      (e) => live && setFailure(e),
    );
    return () => {
      live = false;
    };
  }, [agencyId, status, reload]);

  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '';
  const href = (s: Status, agency = agencyId) => `/can-bo/doi-soat?co-quan=${agency}&loc=${s}`;
  const title = t('recon.title');
  if (!agencyId) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p>{t('recon.noAgency')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {mine.length > 1 ? (
        <Select id="recon-agency" label={t('recon.agency')} value={agencyId} onChange={(v) => navigate(href(status, v))} options={mine.map((id) => ({ value: id, label: name(id) || id }))} />
      ) : (
        <p>{name(agencyId)}</p>
      )}
      {queue ? (
        <dl className="summary-list" aria-label={t('recon.summary')}>
          <SummaryRow label={t('recon.summaryOpen')}>{queue.summary.open}</SummaryRow>
          <SummaryRow label={t('recon.summarySettled')}>{queue.summary.settled}</SummaryRow>
          <SummaryRow label={t('recon.summaryResolved')}>{queue.summary.resolved}</SummaryRow>
        </dl>
      ) : null}
      <nav className="queue-nav" aria-label={t('recon.filters')}>
        <ul>
          {(['open', 'resolved'] as const).map((s) => (
            <li key={s}>
              <Link to={href(s)} aria-current={s === status ? 'page' : undefined}>
                {t(`recon.filter.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div role="status" aria-live="polite" className={notice ? 'notice notice--success' : undefined}>
        {notice}
      </div>
      <ProblemNotice error={failure} />
      <h2>{status === 'open' ? t('recon.openTitle') : t('recon.resolvedTitle')}</h2>
      {!queue ? (
        failure ? null : <Loading />
      ) : queue.items.length === 0 ? (
        <p>{status === 'open' ? t('recon.emptyOpen') : t('recon.emptyResolved')}</p>
      ) : (
        <ul className="card-list">
          {queue.items.map((c) => (
            <CreditCard
              key={c.id}
              credit={c}
              onResolved={(message) => {
                setNotice(message);
                setReload((n) => n + 1);
              }}
            />
          ))}
        </ul>
      )}
      <StatementImport agencyId={agencyId} onImported={() => setReload((n) => n + 1)} />
    </>
  );
}

function CreditCard({ credit: c, onResolved }: { credit: CreditView; onResolved(message: string): void }) {
  const { t, money, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="card" data-credit={c.id}>
      <h3 className="card__title">
        {money(c.amount)} — {t(outcomeKey(c.outcome))}
      </h3>
      <dl className="summary-list">
        <SummaryRow label={t('recon.bankRef')}>
          <span className="break-all">{c.bank_ref}</span>
        </SummaryRow>
        <SummaryRow label={t('recon.text')}>
          <span className="break-all">{c.text || '—'}</span>
        </SummaryRow>
        <SummaryRow label={t('recon.bookedAt')}>{dateTime(c.booked_date)}</SummaryRow>
        {c.payment_code ? <SummaryRow label={t('recon.code')}>{c.payment_code}</SummaryRow> : null}
        {c.difference !== null && c.difference !== 0 ? <SummaryRow label={t('recon.difference')}>{money(Math.abs(c.difference))}</SummaryRow> : null}
        {c.payment_id ? (
          <SummaryRow label={t('recon.paymentId')}>
            <span className="break-all">{c.payment_id}</span>
          </SummaryRow>
        ) : null}
        {c.resolution ? (
          <SummaryRow label={t('recon.resolution')}>
            {c.resolution}
            {c.resolved_date ? ` (${dateTime(c.resolved_date)})` : ''}
          </SummaryRow>
        ) : null}
      </dl>
      {c.resolution || c.resolved_date ? null : open ? (
        <ResolveForm credit={c} onCancel={() => setOpen(false)} onDone={onResolved} />
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {t('recon.resolve')}
            <span className="visually-hidden"> {c.bank_ref}</span>
          </button>
        </p>
      )}
    </li>
  );
}

function ResolveForm({ credit, onCancel, onDone }: { credit: CreditView; onCancel(): void; onDone(message: string): void }) {
  const { t, lang } = useI18n();
  const [action, setAction] = useState<Action | ''>('');
  const [paymentId, setPaymentId] = useState(credit.payment_id ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const id = (f: string) => `rs-${credit.id}-${f}`;
  const errorOf = (f: string) => errors.find((e) => e.target === id(f))?.message ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!action) errs.push({ target: id('action'), message: t('recon.actionMissing') });
    if (action === 'match' && !UUID.test(paymentId.trim())) errs.push({ target: id('payment'), message: t('recon.paymentMissing') });
    if (!note.trim()) errs.push({ target: id('note'), message: t('recon.noteMissing') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length || !action) return;
    setBusy(true);
    setFailure(null);
    try {
      await paymentApi.resolve(credit.id, { action, note: note.trim(), ...(action === 'match' ? { payment_id: paymentId.trim() } : {}) }, key);
      setKey(newIdempotencyKey());
      onDone(t('recon.resolved', { action: t(`recon.action.${action}`), ref: credit.bank_ref }));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: id(f.field.replace(/^\//, '') === 'payment_id' ? 'payment' : f.field.replace(/^\//, '')), message: f.message[lang] ?? f.message.vi })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <Radios id={id('action')} label={t('recon.action')} value={action} onChange={(v) => setAction(v as Action)} options={ACTIONS.map((a) => ({ value: a, label: t(`recon.action.${a}`) }))} error={errorOf('action')} />
      {action === 'match' ? <TextInput id={id('payment')} label={t('recon.paymentId')} hint={t('recon.paymentIdHint')} value={paymentId} onChange={setPaymentId} error={errorOf('payment')} spellCheck={false} /> : null}
      <TextArea id={id('note')} label={t('recon.note')} hint={t('recon.noteHint')} value={note} onChange={setNote} error={errorOf('note')} rows={3} />
      <p className="button-group">
        <button type="submit" className="button" disabled={busy}>
          {t('recon.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('recon.cancel')}
        </button>
      </p>
    </form>
  );
}

function StatementImport({ agencyId, onImported }: { agencyId: string; onImported(): void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<StatementResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t('recon.fileMissing'));
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await paymentApi.importStatement(agencyId, file));
      setFile(null);
      setFileKey((k) => k + 1);
      onImported();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const counts = result ? Object.entries(result.counts).filter(([, n]) => n > 0) : [];
  return (
    <section aria-labelledby="recon-import-title">
      <h2 id="recon-import-title">{t('recon.importTitle')}</h2>
      <p>{t('recon.importLead')}</p>
      <ErrorSummary errors={error ? [{ target: 'recon-file', message: error }] : []} version={attempt} />
      <ProblemNotice error={failure} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <label htmlFor="recon-file">{t('recon.file')}</label>
          <span className="hint" id="recon-file-hint">
            {t('recon.fileHint')}
          </span>
          {error ? <ErrorMessage id="recon-file-error">{error}</ErrorMessage> : null}
          <input key={fileKey} id="recon-file" name="recon-file" type="file" accept=".csv,text/csv" aria-describedby={`recon-file-hint${error ? ' recon-file-error' : ''}`} aria-invalid={error ? true : undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('recon.import')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {result ? (
          <div className={result.errors.length ? 'notice notice--warning' : 'notice notice--success'}>
            <h3>{t('recon.importDone')}</h3>
            <dl className="summary-list">
              <SummaryRow label={t('recon.lines')}>{result.lines}</SummaryRow>
              <SummaryRow label={t('recon.settled')}>{result.settled}</SummaryRow>
              <SummaryRow label={t('recon.queued')}>{result.queued}</SummaryRow>
              {counts.map(([k, n]) => (
                <SummaryRow key={k} label={t(outcomeKey(k))}>
                  {n}
                </SummaryRow>
              ))}
            </dl>
            {result.errors.length ? (
              <>
                <h4>{t('recon.lineErrors', { n: result.errors.length })}</h4>
                <ul>
                  {result.errors.map((x, i) => (
                    <li key={i}>{t('recon.lineError', { line: x.line, message: lang === 'en' ? x.message_en : x.message_vi })}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
