/** The demo's collecting accounts: every demo agency receives VietQR transfers at a (fictitious) VietinBank account. */
import type { DbOrTx } from '../../platform/db/client';
import { foldToAscii } from '../../shared/payment/vietqr';
import { paymentAccounts } from './payment.schema';

export const DEMO_BANK_BIN = '970415';

/** A demo account number per agency (11 digits from the agency's position), unique within the demo. */
export const demoAccountNumber = (i: number) => `1133${String(6_000_000 + i).padStart(7, '0')}`;

export async function seedDemoPaymentAccounts(db: DbOrTx, agencies: readonly { id: string; name: string }[], now = new Date()): Promise<number> {
  if (!agencies.length) return 0;
  await db
    .insert(paymentAccounts)
    .values(agencies.map((a, i) => ({ agencyId: a.id, providers: ['vietqr', 'gateway', 'counter'], bankBin: DEMO_BANK_BIN, accountNumber: demoAccountNumber(i), accountName: foldToAscii(a.name).toUpperCase().slice(0, 50), updatedAt: now, updatedBy: null })))
    .onConflictDoNothing();
  return agencies.length;
}
