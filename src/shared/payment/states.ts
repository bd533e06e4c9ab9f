/**
 * Payment and refund states, shaped like GOV.UK Pay's (whole VND instead of pence). Pure, no I/O.
 *
 * created → started → submitted → success, with failed / cancelled / expired / error as the other finished states.
 * A bank transfer matched from a statement may go straight from created to success.
 */

export type PaymentStatus = 'created' | 'started' | 'submitted' | 'success' | 'failed' | 'cancelled' | 'expired' | 'error';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'expired', 'error'];

/** Finished states accept no further event. */
export function isFinished(s: PaymentStatus): boolean {
  return s === 'success' || s === 'failed' || s === 'cancelled' || s === 'expired' || s === 'error';
}

export type PaymentEvent = 'start' | 'submit' | 'succeed' | 'fail' | 'cancel' | 'expire' | 'error';

export const PAYMENT_EVENTS: readonly PaymentEvent[] = ['start', 'submit', 'succeed', 'fail', 'cancel', 'expire', 'error'];

const TRANSITIONS: Record<PaymentEvent, { from: readonly PaymentStatus[]; to: PaymentStatus }> = {
  start: { from: ['created'], to: 'started' },
  submit: { from: ['created', 'started'], to: 'submitted' },
  // A bank transfer may succeed straight from created (nobody opened a payment page).
  succeed: { from: ['created', 'started', 'submitted'], to: 'success' },
  fail: { from: ['created', 'started', 'submitted'], to: 'failed' },
  // GOV.UK Pay allows cancelling until the payment is finished.
  cancel: { from: ['created', 'started', 'submitted'], to: 'cancelled' },
  expire: { from: ['created', 'started', 'submitted'], to: 'expired' },
  error: { from: ['created', 'started', 'submitted'], to: 'error' },
};

/** The status after `event`, or null when the event is not allowed in `from`. */
export function nextStatus(from: PaymentStatus, event: PaymentEvent): PaymentStatus | null {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, { vi: string; en: string }> = {
  created: { vi: 'Chờ thanh toán', en: 'Awaiting payment' },
  started: { vi: 'Đang thanh toán', en: 'In progress' },
  submitted: { vi: 'Đang xử lý', en: 'Processing' },
  success: { vi: 'Đã thanh toán', en: 'Paid' },
  failed: { vi: 'Thanh toán không thành công', en: 'Payment failed' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  error: { vi: 'Lỗi', en: 'Error' },
};

// ---- Refunds (hoàn tiền) ----

export type RefundStatus = 'submitted' | 'success' | 'error';

export interface RefundLike {
  amountVnd: number;
  status: RefundStatus;
}

/** Total of refunds that count against the payment: submitted and success (an errored refund returned nothing). */
function refundedVnd(refunds: readonly RefundLike[]): number {
  let sum = 0;
  for (const r of refunds) if (r.status === 'submitted' || r.status === 'success') sum += r.amountVnd;
  return sum;
}

/** Amount still refundable: amount − Σ(submitted + success refunds), never below 0. */
export function refundAmountAvailable(amountVnd: number, refunds: readonly RefundLike[]): number {
  return Math.max(0, amountVnd - refundedVnd(refunds));
}

export type RefundSummaryStatus = 'pending' | 'unavailable' | 'available' | 'full';

export interface RefundSummary {
  status: RefundSummaryStatus;
  amount_available: number;
  amount_submitted: number;
}

/**
 * GOV.UK Pay `refund_summary`: `pending` while the payment is not finished (amount_available then says what will be
 * refundable once it succeeds, as GOV.UK reports it), `unavailable` when it finished other than in success
 * (amount_available 0), `full` when nothing is left after refunds, else `available`.
 * amount_submitted is the total of submitted and successful refunds.
 */
export function refundSummary(status: PaymentStatus, amountVnd: number, refunds: readonly RefundLike[]): RefundSummary {
  const submitted = refundedVnd(refunds);
  const available = Math.max(0, amountVnd - submitted);
  if (!isFinished(status)) return { status: 'pending', amount_available: available, amount_submitted: submitted };
  if (status !== 'success') return { status: 'unavailable', amount_available: 0, amount_submitted: submitted };
  return { status: available === 0 ? 'full' : 'available', amount_available: available, amount_submitted: submitted };
}

export type RefundCheckCode = 'not_refundable' | 'invalid_amount' | 'available_mismatch' | 'exceeds_available';

export type RefundCheck = { ok: true; availableAfter: number } | { ok: false; code: RefundCheckCode };

/**
 * May this refund be made? Checked in order: the payment must be success (not_refundable); the amount a positive
 * safe integer (invalid_amount); the caller's expected available amount equal to the current one, so two refunds
 * made from the same stale page cannot both pass (available_mismatch, GOV.UK's refund_amount_available); the amount
 * at most what is available (exceeds_available).
 */
export function checkRefund(
  p: { status: PaymentStatus; amountVnd: number; refunds: readonly RefundLike[] },
  req: { amountVnd: number; expectedAvailableVnd: number },
): RefundCheck {
  if (p.status !== 'success') return { ok: false, code: 'not_refundable' };
  if (!Number.isSafeInteger(req.amountVnd) || req.amountVnd <= 0) return { ok: false, code: 'invalid_amount' };
  const available = refundAmountAvailable(p.amountVnd, p.refunds);
  if (req.expectedAvailableVnd !== available) return { ok: false, code: 'available_mismatch' };
  if (req.amountVnd > available) return { ok: false, code: 'exceeds_available' };
  return { ok: true, availableAfter: available - req.amountVnd };
}
