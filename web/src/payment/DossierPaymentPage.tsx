/**
 * Paying what a dossier owes online (thanh toán trực tuyến): the amount and its lines, the choice of a VietQR transfer
 * to the agency's account (default) or the payment gateway, then the QR code with copyable transfer details, or the
 * button to the gateway's page. The page asks the server where the payment stands every 2 s while it is shown, and
 * shows "paid" and the electronic receipt (biên lai điện tử) as soon as they exist, without reloading.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { PAYMENT_STATUS_LABELS } from '@shared/payment/states';
import { dossierApi, newIdempotencyKey, type DossierDetail } from '../api/dossier';
import { paymentApi, type DossierPayments, type OnlineProvider, type PaymentView, type VietQrStep } from '../api/payment';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { Radios } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';

const POLL_MS = 2000;

/** Whether the page still needs news of the payment: until it is finished and, once paid, until its receipt is issued. */
export const needsPolling = (p: PaymentView) => !p.state.finished || (p.state.status === 'success' && !p.receipt);

/** Polls the payment every 2 s while it needs it and the page is visible; resumes when the page is shown again. */
function usePaymentPolling(payment: PaymentView | null, onUpdate: (p: PaymentView) => void) {
  const update = useRef(onUpdate);
  update.current = onUpdate;
  const id = payment?.payment_id ?? null;
  const active = payment ? needsPolling(payment) : false;
  useEffect(() => {
    if (!id || !active) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let inFlight = false;
    const schedule = () => {
      if (stopped || document.hidden || timer || inFlight) return;
      timer = setTimeout(tick, POLL_MS);
    };
    const tick = () => {
      timer = null;
      inFlight = true;
      paymentApi
        .get(id)
        .then((p) => {
          inFlight = false;
          if (stopped) return;
          update.current(p);
          if (needsPolling(p)) schedule();
        })
        // A failed check (offline for a moment) is retried at the next tick.
        .catch(() => {
          inFlight = false;
          schedule();
        });
    };
    // Hidden: no requests (the timer is dropped); shown again: ask at once, then every 2 s.
    const onVisibility = () => {
      if (document.hidden) {
        if (timer) clearTimeout(timer);
        timer = null;
      } else if (!timer && !inFlight) tick();
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [id, active]);
}

export function DossierPaymentPage({ id }: { id: string }) {
  const { t, pick, money } = useI18n();
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [dp, setDp] = useState<DossierPayments | null>(null);
  const [payment, setPayment] = useState<PaymentView | null>(null);
  const [provider, setProvider] = useState<OnlineProvider>('vietqr');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  useEffect(() => {
    let live = true;
    Promise.all([dossierApi.get(id), paymentApi.ofDossier(id)])
      .then(([d, p]) => {
        if (!live) return;
        setDetail(d);
        setDp(p);
        // An unfinished online payment is taken up again; a paid one is shown.
        const open = p.payments.find((x) => !x.state.finished && x.payment_provider !== 'counter');
        const paid = p.payments.find((x) => x.state.status === 'success');
        setPayment(open ?? (p.due ? null : (paid ?? null)));
        if (p.providers[0] === 'gateway' && !p.providers.includes('vietqr')) setProvider('gateway');
      })
      .catch((e) => live && setFailure(e));
    return () => {
      live = false;
    };
  }, [id]);

  usePaymentPolling(payment, setPayment);

  if (!dp && !failure) return <Loading />;
  const title = t('pay.title');
  // What is owed, or once paid what was paid (the amount due is gone then).
  const paidNow = payment?.state.status === 'success' ? payment : null;
  const amount = paidNow
    ? { paid: true, lines: paidNow.lines, total: paidNow.amount, reason: '' }
    : dp?.due
      ? { paid: false, lines: dp.due.lines, total: dp.due.amount, reason: dp.due.reason }
      : null;
  // Back from a payment that did not go through (declined at the gateway, cancelled, expired): say so above the choice.
  const lastFailed = !payment && dp?.due ? ([...dp.payments].sort((a, b) => b.created_date.localeCompare(a.created_date)).find((x) => x.payment_provider !== 'counter' && x.state.finished && x.state.status !== 'success') ?? null) : null;
  const online = (dp?.providers ?? []).filter((k): k is OnlineProvider => k === 'vietqr' || k === 'gateway');

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      setPayment(await paymentApi.pay(id, provider, key));
      setKey(newIdempotencyKey());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const chooseAgain = async () => {
    if (!payment) return;
    setBusy(true);
    setFailure(null);
    try {
      await paymentApi.cancel(payment.payment_id);
      setPayment(null);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <BackLink to={`/ho-so/${id}`}>{t('pay.backToDossier')}</BackLink>
      <PageHeading title={title} caption={detail ? `${pick(detail.procedure.name)}${detail.code ? ` — ${detail.code}` : ''}` : undefined}>
        {title}
      </PageHeading>
      <ProblemNotice error={failure} />
      {amount ? (
        <section aria-labelledby="pay-due-title">
          <h2 id="pay-due-title">{amount.paid ? t('pay.paidAmountTitle') : t('pay.dueTitle')}</h2>
          <dl className="summary-list">
            {amount.lines.map((l, i) => (
              <SummaryRow key={i} label={l.label}>
                {money(l.amountVnd)}
              </SummaryRow>
            ))}
            <SummaryRow label={t('pay.total')}>
              <strong data-testid="pay-total">{money(amount.total)}</strong>
            </SummaryRow>
            {amount.reason ? <SummaryRow label={t('payment.reason')}>{amount.reason}</SummaryRow> : null}
          </dl>
        </section>
      ) : null}

      {payment ? (
        <PaymentProgress payment={payment} busy={busy} onChooseAgain={!payment.state.finished ? () => void chooseAgain() : undefined} />
      ) : dp?.due && dp.applicant && online.length ? (
        <form noValidate onSubmit={(e) => void start(e)}>
          {lastFailed ? (
            <div className="notice notice--warning" data-testid="pay-last-failed">
              {t('pay.lastFailed', { status: pick(PAYMENT_STATUS_LABELS[lastFailed.state.status]) })}
            </div>
          ) : null}
          {online.length > 1 ? (
            <Radios
              id="pay-provider"
              label={t('pay.how')}
              value={provider}
              onChange={(v) => setProvider(v as OnlineProvider)}
              options={online.map((k) => ({ value: k, label: t(`pay.provider.${k}` as MessageKey) }))}
            />
          ) : (
            <p>{t(`pay.provider.${online[0]}` as MessageKey)}</p>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t('pay.continue')}
          </button>
        </form>
      ) : dp && !dp.due ? (
        <p>{dp.paid ? t('pay.alreadyPaid') : t('pay.nothingDue')}</p>
      ) : dp?.due ? (
        <p>{t('pay.onlyAtDesk')}</p>
      ) : null}
      <p>
        <Link to={`/ho-so/${id}`}>{t('pay.backToDossier')}</Link>
      </p>
    </div>
  );
}

/** Where one payment stands, and what the payer does next. The status line is a live region. */
function PaymentProgress({ payment, busy, onChooseAgain }: { payment: PaymentView; busy: boolean; onChooseAgain?: () => void }) {
  const { t, pick, dateTime } = useI18n();
  const paid = payment.state.status === 'success';
  const next = payment.next;
  return (
    <>
      <div role="status" aria-live="polite" className={paid ? 'notice notice--success' : payment.state.finished ? 'notice notice--error' : 'notice'} data-payment-status={payment.state.status}>
        {paid ? (
          <>
            <h2>{t('pay.paidTitle')}</h2>
            <p>{t('pay.paidAt', { at: dateTime(payment.paid_date ?? payment.created_date) })}</p>
            {payment.receipt ? (
              <p>
                <a href={paymentApi.receiptUrl(payment.payment_id)} className="button" download>
                  {t('pay.downloadReceipt')}
                </a>{' '}
                <span className="secondary-text">{t('pay.receiptNumber', { series: payment.receipt.series, number: payment.receipt.number })}</span>
              </p>
            ) : (
              <p>{t('pay.receiptPending')}</p>
            )}
          </>
        ) : (
          <p>
            {t('pay.status')}: <strong>{pick(PAYMENT_STATUS_LABELS[payment.state.status])}</strong>
            {!payment.state.finished ? <> — {t('pay.waiting')}</> : null}
          </p>
        )}
      </div>
      {next?.kind === 'vietqr' ? <VietQr step={next} /> : null}
      {next?.kind === 'redirect' ? (
        <p>
          <a href={next.url} className="button">
            {t('pay.toGateway')}
          </a>
        </p>
      ) : null}
      {onChooseAgain ? (
        <p>
          <button type="button" className="button button--secondary" disabled={busy} onClick={onChooseAgain}>
            {t('pay.chooseAgain')}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** The VietQR transfer: the QR code to scan, each detail with its copy button, and on phones the bank app link. */
function VietQr({ step }: { step: VietQrStep }) {
  const { t, money } = useI18n();
  const [svg, setSvg] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    let live = true;
    QRCode.toString(step.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((s) => live && setSvg(s))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [step.payload]);
  const copy = async (label: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (or no secure context): copy through a hidden field.
      const area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(t('pay.copied', { what: label }));
  };
  const rows: Array<{ key: string; label: string; value: string; shown?: string }> = [
    { key: 'bank', label: t('pay.bank'), value: step.bankName },
    { key: 'account', label: t('pay.accountNumber'), value: step.accountNumber },
    { key: 'name', label: t('pay.accountName'), value: step.accountName },
    { key: 'amount', label: t('pay.amount'), value: String(step.amountVnd), shown: money(step.amountVnd) },
    { key: 'text', label: t('pay.transferText'), value: step.transferText },
  ];
  return (
    <section aria-labelledby="pay-qr-title">
      <h2 id="pay-qr-title">{t('pay.qrTitle')}</h2>
      <p>{t('pay.qrLead')}</p>
      {svg ? (
        <p className="pay-qr">
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('pay.qrAlt', { amount: money(step.amountVnd), bank: step.bankName, account: step.accountNumber })} width={240} height={240} />
        </p>
      ) : null}
      {step.deepLink ? (
        <p className="pay-mobile-only">
          <a href={step.deepLink} className="button">
            {t('pay.openBankApp')}
          </a>
        </p>
      ) : null}
      <p>{t('pay.manual')}</p>
      <dl className="summary-list">
        {rows.map((r) => (
          <div className="summary-list__row pay-copy-row" key={r.key}>
            <dt>{r.label}</dt>
            <dd>
              <span className="break-all" data-testid={`pay-${r.key}`}>
                {r.shown ?? r.value}
              </span>{' '}
              <button type="button" className="button button--secondary pay-copy" onClick={() => void copy(r.label, r.value)}>
                {t('pay.copy')}
                <span className="visually-hidden"> {r.label}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="notice notice--warning">{t('pay.textWarning', { text: step.transferText })}</p>
      <p className="secondary-text" role="status" aria-live="polite">
        {copied}
      </p>
    </section>
  );
}

/** On the dossier's page: its payments, their status and their receipts (also once the dossier is paid). */
export function DossierPaymentList({ dossierId, refreshKey }: { dossierId: string; refreshKey?: unknown }) {
  const { t, pick, money, dateTime } = useI18n();
  const [dp, setDp] = useState<DossierPayments | null>(null);
  useEffect(() => {
    let live = true;
    paymentApi.ofDossier(dossierId).then(
      (r) => live && setDp(r),
      () => live && setDp(null),
    );
    return () => {
      live = false;
    };
  }, [dossierId, refreshKey]);
  if (!dp?.payments.length) return null;
  return (
    <section aria-labelledby="payments-title">
      <h2 id="payments-title">{t('pay.listTitle')}</h2>
      <ul>
        {dp.payments.map((p) => (
          <li key={p.payment_id} data-payment={p.payment_id}>
            {money(p.amount)} — {t(`pay.provider.${p.payment_provider}` as MessageKey)} — <strong className={`tag${p.state.status === 'success' ? ' tag--green' : p.state.finished ? ' tag--grey' : ''}`}>{pick(PAYMENT_STATUS_LABELS[p.state.status])}</strong>{' '}
            <span className="secondary-text">({dateTime(p.paid_date ?? p.created_date)})</span>
            {p.receipt ? (
              <>
                <br />
                <a href={paymentApi.receiptUrl(p.payment_id)} download>
                  {t('pay.eReceipt')}
                </a>{' '}
                <span className="secondary-text">{t('pay.receiptNumber', { series: p.receipt.series, number: p.receipt.number })}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
