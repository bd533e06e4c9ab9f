/**
 * What the applicant owes while the dossier waits for the financial obligation (national status 6): the amount, the
 * reason the specialist gave, and the way to pay online (a VietQR transfer or the payment gateway, on its own page);
 * paying at the one-stop desk stays possible.
 */
import type { DossierDetail } from '../api/dossier';
import type { Agency } from '../api/types';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { useApi } from '../ui/useApi';

export interface PaymentRequest {
  reason: string;
  amountVnd: number | null;
  at: string;
}

/** The latest payment request in the history (its payload carries the reason and, when known, the amount). */
export function paymentRequestOf(detail: Pick<DossierDetail, 'timeline'>): PaymentRequest | null {
  const last = [...detail.timeline].reverse().find((e) => e.type === 'request_payment');
  if (!last) return null;
  const p = last.payload as { reason?: unknown; amountVnd?: unknown };
  return { reason: typeof p.reason === 'string' ? p.reason : '', amountVnd: typeof p.amountVnd === 'number' ? p.amountVnd : null, at: last.at };
}

export function PaymentNotice({ detail }: { detail: DossierDetail }) {
  const { t, money, lang, dateTime } = useI18n();
  const agency = useApi<Agency>(`/api/agencies/${detail.agency.id}`);
  const request = paymentRequestOf(detail);
  if (detail.state !== 'payment_requested' || !request) return null;
  const desk = agency.data ? (lang === 'en' ? (agency.data.oneStopUnitEn ?? agency.data.oneStopUnit) : agency.data.oneStopUnit) : null;
  return (
    <div className="notice notice--warning" data-testid="payment-request">
      <h2>{t('payment.title')}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('payment.amount')}</dt>
          <dd>
            <strong>{request.amountVnd !== null ? money(request.amountVnd) : t('payment.amountAtDesk')}</strong>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('payment.reason')}</dt>
          <dd>{request.reason}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('payment.requestedAt')}</dt>
          <dd>{dateTime(request.at)}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/ho-so/${detail.id}/thanh-toan`} className="button">
          {t('payment.payOnline')}
        </Link>
      </p>
      <h3>{t('payment.howTitle')}</h3>
      <p>{desk ? t('payment.howAtDesk', { desk, code: detail.code ?? '' }) : t('payment.howAtDeskGeneric', { code: detail.code ?? '' })}</p>
      <p>{t('payment.afterPaying')}</p>
    </div>
  );
}
