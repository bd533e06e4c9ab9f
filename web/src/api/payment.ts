/** The payment module's API (src/modules/payment): a dossier's payments, the reconciliation queue, the agency's account. */
import type { Static } from 'typebox';
import type { AccountBody, AccountSchema, CounterPaymentBody, CreditView, DossierPayments, PaymentView, QueueSchema, RefundBody, RefundSchema, ResolveBody, StatementResultSchema } from '@shared/api/payment';
import { api, upload, withQuery } from './client';
import { newIdempotencyKey } from './dossier';

export type { AccountBody, CounterPaymentBody, CreditView, DossierPayments, PaymentView, RefundBody, ResolveBody };
export type RefundView = Static<typeof RefundSchema>;
export type PaymentAccount = Static<typeof AccountSchema>;
export type Queue = Static<typeof QueueSchema>;
export type StatementResult = Static<typeof StatementResultSchema>;
export type VietQrStep = Extract<NonNullable<PaymentView['next']>, { kind: 'vietqr' }>;
export type OnlineProvider = 'vietqr' | 'gateway';

const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });

export const paymentApi = {
  ofDossier: (dossierId: string) => api.get<DossierPayments>(`/api/dossiers/${dossierId}/payments`),
  pay: (dossierId: string, provider: OnlineProvider, key = newIdempotencyKey()) => api.post<PaymentView>(`/api/dossiers/${dossierId}/payments`, { payment_provider: provider }, keyed(key)),
  get: (paymentId: string) => api.get<PaymentView>(`/api/payments/${paymentId}`),
  cancel: (paymentId: string, key = newIdempotencyKey()) => api.post<void>(`/api/payments/${paymentId}/cancel`, undefined, keyed(key)),
  /** The desk records the amount due as paid in cash or on its card terminal (nộp tại quầy). */
  counter: (dossierId: string, body: CounterPaymentBody, key = newIdempotencyKey()) => api.post<PaymentView>(`/api/dossiers/${dossierId}/payments/counter`, body, keyed(key)),
  /** A refund (hoàn tiền); `refund_amount_available` is the amount available as the officer saw it. */
  refund: (paymentId: string, body: RefundBody, key = newIdempotencyKey()) => api.post<RefundView>(`/api/payments/${paymentId}/refunds`, body, keyed(key)),
  receiptUrl: (paymentId: string) => `/api/payments/${paymentId}/receipt`,
  queue: (agencyId: string, status: 'open' | 'resolved' = 'open') => api.get<Queue>(withQuery('/api/payments/queue', { agency_id: agencyId, status })),
  resolve: (creditId: string, body: ResolveBody, key = newIdempotencyKey()) => api.post<CreditView>(`/api/payments/queue/${creditId}/resolve`, body, keyed(key)),
  /** The statement goes as the raw CSV bytes (text/csv, whatever type the browser guessed for the file). */
  importStatement: (agencyId: string, file: File, key = newIdempotencyKey()) =>
    upload<StatementResult>(withQuery('/api/payments/statements', { agency_id: agencyId }), new File([file], file.name, { type: 'text/csv' }), { headers: { 'idempotency-key': key } }),
  account: (agencyId: string) => api.get<PaymentAccount>(`/api/agencies/${agencyId}/payment-account`),
  setAccount: (agencyId: string, body: AccountBody, key = newIdempotencyKey()) => api.put<PaymentAccount>(`/api/agencies/${agencyId}/payment-account`, body, keyed(key)),
};

