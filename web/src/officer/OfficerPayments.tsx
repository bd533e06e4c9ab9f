/**
 * The officer workspace's fees panel (phí, lệ phí): the amount due, each payment of the dossier with its method,
 * status, date, electronic receipt and refunds; for the desk and the agency admin, recording a fee taken at the
 * counter (cash or the card terminal) and refunding a paid payment. The API decides who may do what; the forms are
 * only shown to the roles it allows.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { PAYMENT_STATUS_LABELS } from '@shared/payment/states';
import { ApiError } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { paymentApi, type DossierPayments, type PaymentView } from '../api/payment';
import { hasRole, useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Radios, TextArea, TextInput } from '../ui/Fields';
import { ProblemNotice, problemText } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';

/** Roles that record counter payments and refund (the API's policy for both). */
const FINANCE_ROLES = ['receiving_officer', 'agency_admin'] as const;

/** A problem's field errors as summary entries for the form whose ids are `prefix-<field>`. */
function fieldErrorsOf(err: ApiError, prefix: string, known: readonly string[], lang: 'vi' | 'en'): SummaryError[] {
  return err.fieldErrors.map((fe) => {
    const name = fe.field.replace(/^\/|^body\.?/, '').split(/[./]/)[0];
    return { target: known.includes(name) ? `${prefix}-${name}` : null, message: fe.message[lang] ?? fe.message.vi };
  });
}

/** The problem's title and detail on one line (for the error summary). */
function problemLine(err: unknown, lang: 'vi' | 'en') {
  const { title, detail } = problemText(err, lang);
  return detail ? `${title}. ${detail}` : title;
}

/** `onChanged` after a counter payment or a refund (the dossier moves on once its fee is paid). */
export function OfficerPaymentsPanel({ dossierId, refreshKey, onChanged }: { dossierId: string; refreshKey?: unknown; onChanged?: () => void }) {
  const { t, money } = useI18n();
  const { session } = useSession();
  const [dp, setDp] = useState<DossierPayments | null>(null);
  const [reloads, setReloads] = useState(0);
  const [done, setDone] = useState('');
  useEffect(() => {
    let live = true;
    paymentApi.ofDossier(dossierId).then(
      (r) => live && setDp(r),
      // Not this agency's officer, or no payments module: no panel.
      () => live && setDp(null),
    );
    return () => {
      live = false;
    };
  }, [dossierId, refreshKey, reloads]);
  if (!dp || (!dp.due && !dp.payments.length)) return null;
  const finance = hasRole(session, ...FINANCE_ROLES);
  const reload = (message: string) => {
    setDone(message);
    setReloads((n) => n + 1);
    onChanged?.();
  };
  const payments = [...dp.payments].sort((a, b) => b.created_date.localeCompare(a.created_date));
  return (
    <section aria-labelledby="officer-payments-title" data-testid="officer-payments">
      <h2 id="officer-payments-title">{t('officerPay.title')}</h2>
      <p className="secondary-text" role="status" aria-live="polite">
        {done}
      </p>
      {dp.due ? (
        <dl className="summary-list">
          <SummaryRow label={t('officerPay.due')}>
            <strong data-testid="officer-payments-due">{money(dp.due.amount)}</strong>
          </SummaryRow>
          {dp.due.reason ? <SummaryRow label={t('payment.reason')}>{dp.due.reason}</SummaryRow> : null}
        </dl>
      ) : null}
      {payments.length ? (
        <ul className="card-list">
          {payments.map((p) => (
            <PaymentItem key={p.payment_id} payment={p} canRefund={finance} onRefunded={(amount) => reload(t('officerPay.refunded', { amount: money(amount) }))} onStale={() => setReloads((n) => n + 1)} />
          ))}
        </ul>
      ) : (
        <p>{t('officerPay.none')}</p>
      )}
      {dp.due && finance ? <CounterForm dossierId={dossierId} amount={dp.due.amount} onRecorded={() => reload(t('officerPay.counterDone'))} /> : null}
    </section>
  );
}

function PaymentItem({ payment: p, canRefund, onRefunded, onStale }: { payment: PaymentView; canRefund: boolean; onRefunded(amount: number): void; onStale(): void }) {
  const { t, pick, money, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const paid = p.state.status === 'success';
  const rs = p.refund_summary;
  return (
    <li className="card" data-payment={p.payment_id}>
      <dl className="summary-list">
        <SummaryRow label={t('officerPay.amount')}>{money(p.amount)}</SummaryRow>
        <SummaryRow label={t('officerPay.method')}>{t(`officerPay.provider.${p.payment_provider}` as MessageKey)}</SummaryRow>
        <SummaryRow label={t('officerPay.status')}>
          <strong className={`tag${paid ? ' tag--green' : p.state.finished ? ' tag--grey' : ''}`} data-testid="officer-payment-status">
            {pick(PAYMENT_STATUS_LABELS[p.state.status])}
          </strong>
        </SummaryRow>
        {p.paid_date ? <SummaryRow label={t('officerPay.paidAt')}>{dateTime(p.paid_date)}</SummaryRow> : null}
        {p.receipt ? (
          <SummaryRow label={t('officerPay.receipt')}>
            <a href={p.receipt.href} download>
              {t('pay.eReceipt')}
            </a>{' '}
            <span className="secondary-text">{t('pay.receiptNumber', { series: p.receipt.series, number: p.receipt.number })}</span>
          </SummaryRow>
        ) : paid ? (
          <SummaryRow label={t('officerPay.receipt')}>{t('officerPay.receiptPending')}</SummaryRow>
        ) : null}
        {paid ? (
          <SummaryRow label={t('officerPay.refunds')}>
            <span data-testid="officer-refund-summary">
              {rs.status === 'full' ? t('officerPay.refundFull', { refunded: money(rs.amount_submitted) }) : t('officerPay.refundAvailable', { available: money(rs.amount_available), refunded: money(rs.amount_submitted) })}
            </span>
          </SummaryRow>
        ) : null}
      </dl>
      {paid && canRefund && rs.status === 'available' ? (
        open ? (
          <RefundForm
            payment={p}
            onCancel={() => setOpen(false)}
            onDone={(amount) => {
              setOpen(false);
              onRefunded(amount);
            }}
            onStale={onStale}
          />
        ) : (
          <p>
            <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
              {t('officerPay.refund')}
              <span className="visually-hidden"> {money(p.amount)}</span>
            </button>
          </p>
        )
      ) : null}
    </li>
  );
}

function RefundForm({ payment, onCancel, onDone, onStale }: { payment: PaymentView; onCancel(): void; onDone(amount: number): void; onStale(): void }) {
  const { t, lang, money } = useI18n();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const prefix = `rf-${payment.payment_id}`;
  const errorOf = (f: string) => errors.find((e) => e.target === `${prefix}-${f}`)?.message;
  // The amount available as shown to the officer: the server refuses (412) if it changed meanwhile.
  const available = payment.refund_summary.amount_available;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    const raw = amount.trim().replace(/[.\s]/g, '');
    const n = Number(raw);
    if (!raw) errs.push({ target: `${prefix}-amount`, message: t('officerPay.refundAmountMissing') });
    else if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) errs.push({ target: `${prefix}-amount`, message: t('officerPay.refundAmountBad') });
    if (!reason.trim()) errs.push({ target: `${prefix}-reason`, message: t('officerPay.refundReasonMissing') });
    setErrors(errs);
    setAttempt((x) => x + 1);
    if (errs.length) return;
    setBusy(true);
    setFailure(null);
    try {
      await paymentApi.refund(payment.payment_id, { amount: n, refund_amount_available: available, reason: reason.trim() }, key);
      setKey(newIdempotencyKey());
      onDone(n);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(fieldErrorsOf(err, prefix, ['amount', 'reason'], lang));
      } else if (err instanceof ApiError && (err.code === 'payment.refund_exceeds_available' || err.code === 'payment.refund_available_mismatch' || err.code === 'payment.invalid_amount')) {
        setErrors([{ target: `${prefix}-amount`, message: problemLine(err, lang) }]);
        // Someone refunded meanwhile: show the amount available now.
        if (err.code === 'payment.refund_available_mismatch') onStale();
      } else setFailure(err);
      setAttempt((x) => x + 1);
      // A refused request may be sent again with corrected values: a new key.
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('officerPay.refund')}</h3>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <TextInput id={`${prefix}-amount`} label={t('officerPay.refundAmount')} hint={t('officerPay.refundAmountHint', { available: money(available) })} value={amount} onChange={setAmount} error={errorOf('amount')} width="w10" inputMode="numeric" />
      <TextArea id={`${prefix}-reason`} label={t('officerPay.refundReason')} value={reason} onChange={setReason} error={errorOf('reason')} rows={3} />
      <p className="button-group">
        <button type="submit" className="button button--warning" disabled={busy}>
          {t('officerPay.refundSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('recon.cancel')}
        </button>
      </p>
    </form>
  );
}

function CounterForm({ dossierId, amount, onRecorded }: { dossierId: string; amount: number; onRecorded(): void }) {
  const { t, lang, money } = useI18n();
  const [method, setMethod] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const prefix = 'counter';
  const errorOf = (f: string) => errors.find((e) => e.target === `${prefix}-${f}`)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (method !== 'cash' && method !== 'pos') errs.push({ target: `${prefix}-method`, message: t('officerPay.counterMethodMissing') });
    if (!reference.trim()) errs.push({ target: `${prefix}-reference`, message: t('officerPay.counterReferenceMissing') });
    setErrors(errs);
    setAttempt((x) => x + 1);
    if (errs.length || (method !== 'cash' && method !== 'pos')) return;
    setBusy(true);
    setFailure(null);
    try {
      await paymentApi.counter(dossierId, { method, reference: reference.trim() }, key);
      setKey(newIdempotencyKey());
      onRecorded();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(fieldErrorsOf(err, prefix, ['method', 'reference'], lang));
        setAttempt((x) => x + 1);
        setKey(newIdempotencyKey());
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="counter-title">
      <h3 id="counter-title">{t('officerPay.counterTitle')}</h3>
      <p>{t('officerPay.counterLead', { amount: money(amount) })}</p>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <Radios
        id={`${prefix}-method`}
        label={t('officerPay.counterMethod')}
        value={method}
        onChange={setMethod}
        inline
        options={[
          { value: 'cash', label: t('officerPay.counterCash') },
          { value: 'pos', label: t('officerPay.counterPos') },
        ]}
        error={errorOf('method')}
      />
      <TextInput id={`${prefix}-reference`} label={t('officerPay.counterReference')} value={reference} onChange={setReference} error={errorOf('reference')} spellCheck={false} />
      <p className="button-group">
        <button type="submit" className="button" disabled={busy}>
          {t('officerPay.counterSubmit')}
        </button>
      </p>
    </form>
  );
}
