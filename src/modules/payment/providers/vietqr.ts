/**
 * The `vietqr` provider: a bank transfer (chuyển khoản NAPAS 247) to the agency's own account, with a dynamic QR of
 * the exact amount and the payment's matching code as the transfer text (tag 62/08). The bank answers no status
 * query: the money is seen through its balance-change notifications and the daily statement (reconciliation).
 */
import { encodeVietQr } from '../../../shared/payment/vietqr';
import type { PaymentProvider, ProviderCreateRequest, ProviderCreated, ProviderRefundRequest, ProviderRefundResult, ProviderStatus, VerifiedNotification } from '../payment.provider';
import { paymentErrors } from '../payment.errors';

export interface BankAccount {
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

/** Banks (BIN → short name) shown next to the QR; the payer's app reads the BIN from the QR itself. */
export const BANKS: Record<string, string> = {
  '970415': 'VietinBank',
  '970436': 'Vietcombank',
  '970418': 'BIDV',
  '970405': 'Agribank',
  '970422': 'MB',
  '970407': 'Techcombank',
  '970416': 'ACB',
  '970432': 'VPBank',
  '970423': 'TPBank',
  '970403': 'Sacombank',
};

export class VietQrProvider implements PaymentProvider {
  readonly kind = 'vietqr' as const;
  async create(req: ProviderCreateRequest): Promise<ProviderCreated> {
    const account = req.bankAccount;
    if (!account) throw paymentErrors.providerNotConfigured({ vi: 'Cơ quan chưa khai báo tài khoản nhận chuyển khoản.', en: 'The agency has not set the bank account that receives transfers.' });
    const code = req.code;
    const payload = encodeVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, service: 'QRIBFTTA', amountVnd: req.amountVnd, purpose: code });
    return {
      providerRef: code,
      next: {
        kind: 'vietqr',
        payload,
        bankBin: account.bankBin,
        accountNumber: account.accountNumber,
        accountName: account.accountName,
        amountVnd: req.amountVnd,
        transferText: code,
        // The "VietQR deep link" most Vietnamese banking apps register: opens the app with the transfer filled in.
        deepLink: `https://dl.vietqr.io/pay?app=&ba=${encodeURIComponent(`${account.accountNumber}@${account.bankBin}`)}&am=${req.amountVnd}&tn=${encodeURIComponent(code)}`,
      },
    };
  }

  async status(): Promise<ProviderStatus> {
    return { status: 'pending' };
  }

  /** A transfer back is made by the agency's accountant from its bank: recorded as submitted, confirmed by hand. */
  async refund(req: ProviderRefundRequest): Promise<ProviderRefundResult> {
    return { status: 'submitted', providerRefundRef: `REFUND-${req.refundId.slice(0, 8).toUpperCase()}` };
  }

  /** Bank notifications are verified by the bank-notification endpoint (the shared secret), not per payment. */
  async verifyNotification(): Promise<VerifiedNotification> {
    throw paymentErrors.notificationUnauthenticated();
  }
}
