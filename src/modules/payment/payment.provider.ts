/**
 * The seam between MotCua's payment API (thanh toán không dùng tiền mặt) and whoever actually moves the money:
 * a bank account paid by VietQR transfer, a payment gateway (the national payment platform, cards, e-wallets) or
 * the one-stop desk. Every provider answers the same four questions; the payment module owns the states, the
 * idempotency, the audit and the receipts.
 */

/** A provider's kind, also stored on each payment. */
export type PaymentProviderKind = 'vietqr' | 'gateway' | 'counter';

/** What the payment module asks a provider to collect. Amounts are whole VND (đồng). */
export interface ProviderCreateRequest {
  /** MotCua's payment id (also sent back in the provider's notifications). */
  paymentId: string;
  /** The payment's short matching code (mã thanh toán, with its check character): a bank transfer's text. */
  code: string;
  /** Whole VND, > 0. */
  amountVnd: number;
  /** The dossier code (mã hồ sơ) or another business reference. */
  reference: string;
  /** Shown to the payer, Vietnamese. */
  description: string;
  /** Where the payer's browser comes back to after a redirecting provider. */
  returnUrl: string;
  /** The agency that collects (its bank account, its gateway merchant). */
  agencyId: string;
  /** The agency's bank account, for a transfer (read by the payment module in its transaction). */
  bankAccount?: { bankBin: string; accountNumber: string; accountName: string } | null;
  /** When MotCua will expire the payment if it is not finished. */
  expiresAt: Date;
}

/** What the payer is shown or sent to next. */
export type ProviderNextStep =
  /** Bank transfer: the QR payload, the account and the exact transfer text the payer must keep. */
  | { kind: 'vietqr'; payload: string; bankBin: string; accountNumber: string; accountName: string; amountVnd: number; transferText: string; deepLink?: string }
  /** Redirect to the provider's own payment page. */
  | { kind: 'redirect'; url: string }
  /** Nothing to show: the desk records the payment. */
  | { kind: 'none' };

export interface ProviderCreated {
  /** The provider's own id of this payment, if it has one (a gateway order id; the VietQR matching code). */
  providerRef: string;
  next: ProviderNextStep;
}

/** A provider's view of where a payment stands. */
export type ProviderStatus =
  | { status: 'pending' }
  | { status: 'success'; amountVnd: number; providerTxnRef: string; paidAt: Date }
  | { status: 'failed'; reason: string }
  | { status: 'cancelled' };

/** An inbound server-to-server notification, as received over HTTP (nothing parsed yet). */
export interface ProviderNotification {
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: signatures are computed over them. */
  rawBody: Buffer;
}

/** A notification the provider vouched for (signature, freshness checked). */
export interface VerifiedNotification {
  /** De-duplication key: the provider's (or bank's) transaction reference. */
  providerTxnRef: string;
  /** The payment it is about, when the provider knows it (a gateway); a bank transfer carries only its text. */
  paymentId?: string;
  /** The provider's own id of the payment (gateway order id), when known. */
  providerRef?: string;
  /** The free transfer text of a bank credit, from which the matching code is read. */
  transferText?: string;
  outcome: 'success' | 'failed' | 'cancelled';
  amountVnd: number;
  occurredAt: Date;
}

export interface ProviderRefundRequest {
  paymentId: string;
  providerRef: string;
  providerTxnRef: string;
  amountVnd: number;
  refundId: string;
  reason: string;
}

export type ProviderRefundResult = { status: 'success'; providerRefundRef: string } | { status: 'submitted'; providerRefundRef: string } | { status: 'error'; reason: string };

/**
 * One provider. `verifyNotification` throws the payment module's `payment.notification_unauthenticated` (401) for a
 * forged or stale notification; it never changes state itself.
 */
export interface PaymentProvider {
  readonly kind: PaymentProviderKind;
  create(req: ProviderCreateRequest): Promise<ProviderCreated>;
  status(paymentId: string, providerRef: string): Promise<ProviderStatus>;
  refund(req: ProviderRefundRequest): Promise<ProviderRefundResult>;
  verifyNotification(n: ProviderNotification): Promise<VerifiedNotification>;
}
