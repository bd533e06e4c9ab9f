/**
 * The bank-notification secret (shared with the bank or the aggregator that posts balance changes): configured
 * (PAYMENT_BANK_SECRET) or generated once per installation and kept in the module's table, and the check of a
 * notification's signature header `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "t.body">`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { paymentKeys } from './payment.schema';
import { paymentErrors as E } from './payment.errors';

/** How old a signed notification may be. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export async function bankSecret(db: Db, configured: string | null): Promise<string> {
  if (configured) return configured;
  await db.insert(paymentKeys).values({ name: 'bank', secret: randomBytes(32).toString('base64url'), createdAt: new Date() }).onConflictDoNothing();
  const [row] = await db.select().from(paymentKeys).where(eq(paymentKeys.name, 'bank'));
  return row.secret;
}

export function signBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Throws 401 for a missing or forged signature, 409 for one outside the time window (a replay). */
export function verifySignature(secret: string, header: string | undefined, body: string, now: Date): void {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) throw E.notificationUnauthenticated({ vi: 'Thiếu chữ ký hoặc chữ ký sai định dạng.', en: 'Missing or malformed signature.' });
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(m[2]))) throw E.notificationUnauthenticated();
  if (Math.abs(now.getTime() - Number(m[1]) * 1000) > SIGNATURE_WINDOW_MS) throw E.notificationReplayed({ vi: 'Thông báo đã quá 5 phút.', en: 'The notification is more than 5 minutes old.' });
}
