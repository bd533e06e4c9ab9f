/**
 * The `counter` provider: the fee is taken at the one-stop desk (cash or the desk's card terminal) and recorded by the
 * receiving officer with the terminal's or the cash book's reference. Nothing to show the payer, nothing to query.
 */
import type { PaymentProvider, ProviderCreateRequest, ProviderCreated, ProviderRefundRequest, ProviderRefundResult, ProviderStatus, VerifiedNotification } from '../payment.provider';
import { paymentErrors } from '../payment.errors';

export class CounterProvider implements PaymentProvider {
  readonly kind = 'counter' as const;
  async create(req: ProviderCreateRequest): Promise<ProviderCreated> {
    return { providerRef: `DESK-${req.paymentId.slice(0, 8).toUpperCase()}`, next: { kind: 'none' } };
  }
  async status(): Promise<ProviderStatus> {
    return { status: 'pending' };
  }
  /** Cash handed back at the desk: recorded as done. */
  async refund(req: ProviderRefundRequest): Promise<ProviderRefundResult> {
    return { status: 'success', providerRefundRef: `DESK-REFUND-${req.refundId.slice(0, 8).toUpperCase()}` };
  }
  async verifyNotification(): Promise<VerifiedNotification> {
    throw paymentErrors.notificationUnauthenticated();
  }
}
