/**
 * The payment module's API schemas, shared with the web. The payment resource has GOV.UK Pay's shape (snake_case,
 * `state {status, finished}`, `refund_summary`, `_links`), in whole VND.
 */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Obj, OneOf, Uuid } from './schema';
import { PAYMENT_STATUSES } from '../payment/states';

export const PROVIDER_KINDS = ['vietqr', 'gateway', 'counter'] as const;
const Vnd = (description: string) => Type.Integer({ minimum: 1, maximum: 1e13, description });
const Link = Obj({ href: Type.String(), method: OneOf(['GET', 'POST'] as const) });

export const NextStepSchema = Type.Union([
  Obj(
    {
      kind: Type.Literal('vietqr'),
      payload: Type.String({ description: 'The EMVCo/VietQR string to draw as a QR code' }),
      bankBin: Type.String(),
      bankName: Type.String(),
      accountNumber: Type.String(),
      accountName: Type.String(),
      amountVnd: Type.Integer(),
      transferText: Type.String({ description: 'The exact transfer text (nội dung chuyển khoản): the payment code' }),
      deepLink: Type.Optional(Type.String()),
    },
    { description: 'Transfer to the agency’s account' },
  ),
  Obj({ kind: Type.Literal('redirect'), url: Type.String() }, { description: 'Go to the provider’s payment page' }),
  Obj({ kind: Type.Literal('none') }, { description: 'Nothing to do online (the desk records it)' }),
]);

export const ReceiptRefSchema = Obj({ id: Uuid, form: Type.String(), series: Type.String(), number: Type.String(), issued_date: DateTime, sha256: Type.String(), href: Type.String() });

export const PaymentSchema = Obj(
  {
    payment_id: Uuid,
    payment_code: Type.String({ description: 'Short matching code with its check character (mã thanh toán)' }),
    amount: Type.Integer({ description: 'Whole VND' }),
    reference: Type.String(),
    description: Type.String(),
    return_url: Type.String(),
    metadata: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    payment_provider: OneOf(PROVIDER_KINDS),
    provider_id: Nullable(Type.String()),
    dossier_id: Nullable(Uuid),
    agency_id: Uuid,
    lines: Type.Array(Obj({ label: Type.String(), amountVnd: Type.Integer() })),
    state: Obj({ status: OneOf(PAYMENT_STATUSES), finished: Type.Boolean(), message: Type.Optional(Type.String()) }),
    refund_summary: Obj({ status: OneOf(['pending', 'unavailable', 'available', 'full'] as const), amount_available: Type.Integer(), amount_submitted: Type.Integer() }),
    created_date: DateTime,
    expires_date: DateTime,
    paid_date: Nullable(DateTime),
    next: Nullable(NextStepSchema),
    receipt: Nullable(ReceiptRefSchema),
    _links: Obj({ self: Link, next_url: Nullable(Link), cancel: Nullable(Link), events: Link, refunds: Link, receipt: Nullable(Link) }),
  },
  { description: 'A payment (GOV.UK Pay’s shape, whole VND)' },
);
export type PaymentView = Static<typeof PaymentSchema>;

export const CreatePaymentBodySchema = Obj({
  amount: Vnd('Whole VND'),
  reference: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.String({ minLength: 1, maxLength: 255 }),
  return_url: Type.String({ format: 'uri', maxLength: 2000 }),
  agency_id: Uuid,
  payment_provider: Type.Optional(OneOf(['vietqr', 'gateway'] as const)),
  payer_name: Type.Optional(Type.String({ maxLength: 200 })),
  metadata: Type.Optional(Type.Record(Type.String({ maxLength: 30 }), Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Boolean()]), { maxProperties: 10 })),
});
export type CreatePaymentBody = Static<typeof CreatePaymentBodySchema>;

export const DossierPaymentBodySchema = Obj({ payment_provider: Type.Optional(OneOf(['vietqr', 'gateway'] as const)) });
export type DossierPaymentBody = Static<typeof DossierPaymentBodySchema>;

export const CounterPaymentBodySchema = Obj({
  method: OneOf(['cash', 'pos'] as const, { description: 'Cash, or the desk’s card terminal' }),
  reference: Type.String({ minLength: 1, maxLength: 100, description: 'The terminal’s slip number or the cash book entry' }),
});
export type CounterPaymentBody = Static<typeof CounterPaymentBodySchema>;

export const DossierPaymentsSchema = Obj({
  due: Nullable(Obj({ amount: Type.Integer(), reason: Type.String(), lines: Type.Array(Obj({ label: Type.String(), amountVnd: Type.Integer() })) })),
  applicant: Type.Boolean(),
  paid: Type.Boolean({ description: 'Some payment of the dossier succeeded' }),
  providers: Type.Array(OneOf(PROVIDER_KINDS)),
  payments: Type.Array(PaymentSchema),
});
export type DossierPayments = Static<typeof DossierPaymentsSchema>;

export const PaymentEventsSchema = Obj({
  payment_id: Uuid,
  events: Type.Array(Obj({ status: Type.String(), updated: DateTime, detail: Type.Record(Type.String(), Type.Unknown()) })),
});

export const RefundBodySchema = Obj({
  amount: Vnd('Whole VND to refund'),
  refund_amount_available: Type.Integer({ minimum: 0, description: 'The amount available as the caller saw it (a concurrency guard)' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type RefundBody = Static<typeof RefundBodySchema>;
export const RefundSchema = Obj({ refund_id: Uuid, payment_id: Uuid, amount: Type.Integer(), status: OneOf(['submitted', 'success', 'error'] as const), reason: Type.String(), created_date: DateTime });
export const RefundsSchema = Obj({ payment_id: Uuid, refunds: Type.Array(RefundSchema) });

export const SearchQuerySchema = Obj({
  agency_id: Uuid,
  reference: Type.Optional(Type.String({ maxLength: 255 })),
  status: Type.Optional(OneOf(PAYMENT_STATUSES)),
  from_date: Type.Optional(DateTime),
  to_date: Type.Optional(DateTime),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  display_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const SearchResultSchema = Obj({ total: Type.Integer(), count: Type.Integer(), page: Type.Integer(), results: Type.Array(PaymentSchema) });

/** What a bank or an aggregator posts for each movement on an agency's account (balance-change notification). */
export const BankNotificationSchema = Obj(
  {
    transaction_id: Type.String({ minLength: 1, maxLength: 100, description: 'The bank’s reference: the de-duplication key' }),
    account_number: Type.String({ minLength: 1, maxLength: 19 }),
    amount: Type.Integer({ minimum: 1, maximum: 1e13 }),
    direction: OneOf(['in', 'out'] as const),
    description: Type.String({ maxLength: 500, description: 'The transfer text' }),
    transaction_time: DateTime,
  },
  { additionalProperties: true },
);
export type BankNotification = Static<typeof BankNotificationSchema>;
export const BankNotificationResultSchema = Obj({ result: Type.String(), credit_id: Type.Optional(Uuid), payment_id: Type.Optional(Nullable(Uuid)) });

export const CreditSchema = Obj({
  id: Uuid,
  bank_ref: Type.String(),
  amount: Type.Integer(),
  text: Type.String(),
  booked_date: DateTime,
  source: Type.String(),
  outcome: Type.String(),
  payment_code: Nullable(Type.String()),
  payment_id: Nullable(Uuid),
  difference: Nullable(Type.Integer()),
  queue: Type.String(),
  resolution: Nullable(Type.String()),
  resolved_date: Nullable(DateTime),
});
export type CreditView = Static<typeof CreditSchema>;
export const QueueSchema = Obj({ summary: Obj({ open: Type.Integer(), settled: Type.Integer(), resolved: Type.Integer() }), items: Type.Array(CreditSchema) });
export const QueueQuerySchema = Obj({ agency_id: Uuid, status: Type.Optional(OneOf(['open', 'resolved'] as const)) });
export const ResolveBodySchema = Obj({ action: OneOf(['match', 'refund', 'reject'] as const), payment_id: Type.Optional(Uuid), note: Type.String({ minLength: 1, maxLength: 500 }) });
export type ResolveBody = Static<typeof ResolveBodySchema>;
export const StatementQuerySchema = Obj({ agency_id: Uuid });
export const StatementResultSchema = Obj({
  lines: Type.Integer(),
  settled: Type.Integer(),
  queued: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  errors: Type.Array(Obj({ line: Type.Integer(), code: Type.String(), message_vi: Type.String(), message_en: Type.String() })),
});

export const AccountSchema = Obj({
  agency_id: Uuid,
  providers: Type.Array(OneOf(PROVIDER_KINDS)),
  bank_bin: Nullable(Type.String()),
  bank_name: Nullable(Type.String()),
  account_number: Nullable(Type.String()),
  account_name: Nullable(Type.String()),
  available_providers: Type.Array(OneOf(PROVIDER_KINDS)),
  banks: Type.Array(Obj({ bin: Type.String(), name: Type.String() })),
});
export const AccountBodySchema = Obj({
  providers: Type.Array(OneOf(PROVIDER_KINDS), { minItems: 1, maxItems: 3, uniqueItems: true }),
  bank_bin: Nullable(Type.String({ pattern: '^\\d{6}$', description: 'The bank’s 6-digit BIN' })),
  account_number: Nullable(Type.String({ pattern: '^[0-9A-Za-z]{1,19}$' })),
  account_name: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
});
export type AccountBody = Static<typeof AccountBodySchema>;

export const StatsQuerySchema = Obj({ agency_id: Uuid, from_date: DateTime, to_date: DateTime });
export const StatsSchema = Obj({ dossiers_paid: Type.Integer(), dossiers_paid_online: Type.Integer(), payments_success: Type.Integer(), amount_success: Type.Integer(), by_provider: Type.Record(Type.String(), Type.Integer()) });

export const WebhookBodySchema = Obj({
  agency_id: Uuid,
  url: Type.String({ format: 'uri', maxLength: 2000, description: 'https (http only to this machine, for tests)' }),
  description: Type.String({ minLength: 1, maxLength: 200 }),
});
export type WebhookBody = Static<typeof WebhookBodySchema>;
export const WebhookSchema = Obj({
  id: Uuid,
  agency_id: Uuid,
  url: Type.String(),
  description: Type.String(),
  status: Type.String(),
  created_date: DateTime,
  secret: Type.Optional(Type.String({ description: 'Shown once: at creation and after a rotation' })),
  previous_secret_until: Nullable(DateTime),
});
export const WebhookListSchema = Obj({ webhooks: Type.Array(WebhookSchema) });
export const WebhookQuerySchema = Obj({ agency_id: Uuid });
export const DeliveriesSchema = Obj({
  deliveries: Type.Array(Obj({ id: Uuid, event_id: Type.String(), event_type: Type.String(), payment_id: Nullable(Uuid), status: Type.String(), attempts: Type.Integer(), last_status_code: Nullable(Type.Integer()), last_error: Nullable(Type.String()), created_date: DateTime, delivered_date: Nullable(DateTime) })),
});
