import { describe, expect, it } from 'vitest';
import {
  checkRefund,
  isFinished,
  nextStatus,
  PAYMENT_EVENTS,
  PAYMENT_STATUS_LABELS,
  PAYMENT_STATUSES,
  type PaymentEvent,
  type PaymentStatus,
  refundAmountAvailable,
  type RefundStatus,
  refundSummary,
} from './states';

// The expected table, written out from the rules: row = from, column = event, '-' = not allowed.
const E: PaymentEvent[] = ['start', 'submit', 'succeed', 'fail', 'cancel', 'expire', 'error'];
const TABLE: Record<PaymentStatus, (PaymentStatus | '-')[]> = {
  //         start      submit       succeed    fail      cancel       expire     error
  created: ['started', 'submitted', 'success', 'failed', 'cancelled', 'expired', 'error'],
  started: ['-', 'submitted', 'success', 'failed', 'cancelled', 'expired', 'error'],
  submitted: ['-', '-', 'success', 'failed', 'cancelled', 'expired', 'error'],
  success: ['-', '-', '-', '-', '-', '-', '-'],
  failed: ['-', '-', '-', '-', '-', '-', '-'],
  cancelled: ['-', '-', '-', '-', '-', '-', '-'],
  expired: ['-', '-', '-', '-', '-', '-', '-'],
  error: ['-', '-', '-', '-', '-', '-', '-'],
};

describe('payment states', () => {
  it('lists every status and event once', () => {
    expect([...PAYMENT_STATUSES].sort()).toEqual(Object.keys(TABLE).sort());
    expect(new Set(PAYMENT_STATUSES).size).toBe(8);
    expect([...PAYMENT_EVENTS]).toEqual(E);
  });

  it('knows the finished states', () => {
    expect(PAYMENT_STATUSES.filter(isFinished)).toEqual(['success', 'failed', 'cancelled', 'expired', 'error']);
  });

  for (const from of Object.keys(TABLE) as PaymentStatus[])
    for (const [i, event] of E.entries()) {
      const want = TABLE[from][i];
      it(`${from} + ${event} → ${want === '-' ? 'not allowed' : want}`, () => {
        expect(nextStatus(from, event)).toBe(want === '-' ? null : want);
      });
    }

  it('finished states accept nothing and non-finished ones can always end', () => {
    for (const s of PAYMENT_STATUSES) {
      const allowed = PAYMENT_EVENTS.filter((e) => nextStatus(s, e) !== null);
      if (isFinished(s)) expect(allowed).toEqual([]);
      else expect(allowed).toEqual(expect.arrayContaining(['succeed', 'fail', 'cancel', 'expire', 'error']));
    }
  });

  it('has Vietnamese and English labels for every status', () => {
    expect(PAYMENT_STATUS_LABELS.success).toEqual({ vi: 'Đã thanh toán', en: 'Paid' });
    expect(PAYMENT_STATUS_LABELS.created.vi).toBe('Chờ thanh toán');
    expect(PAYMENT_STATUS_LABELS.started.vi).toBe('Đang thanh toán');
    expect(PAYMENT_STATUS_LABELS.submitted.vi).toBe('Đang xử lý');
    expect(PAYMENT_STATUS_LABELS.failed.vi).toBe('Thanh toán không thành công');
    expect(PAYMENT_STATUS_LABELS.cancelled.vi).toBe('Đã hủy');
    expect(PAYMENT_STATUS_LABELS.expired.vi).toBe('Đã hết hạn');
    expect(PAYMENT_STATUS_LABELS.error.vi).toBe('Lỗi');
    for (const s of PAYMENT_STATUSES) {
      expect(PAYMENT_STATUS_LABELS[s].vi.length).toBeGreaterThan(0);
      expect(PAYMENT_STATUS_LABELS[s].en.length).toBeGreaterThan(0);
    }
  });
});

const rf = (amountVnd: number, status: RefundStatus) => ({ amountVnd, status });

describe('refunds', () => {
  it('available = amount − submitted − success; errors do not count', () => {
    expect(refundAmountAvailable(100_000, [])).toBe(100_000);
    expect(refundAmountAvailable(100_000, [rf(30_000, 'success'), rf(20_000, 'submitted'), rf(40_000, 'error')])).toBe(50_000);
    expect(refundAmountAvailable(100_000, [rf(100_000, 'success')])).toBe(0);
  });
  it('never goes below 0', () => {
    expect(refundAmountAvailable(50_000, [rf(40_000, 'success'), rf(40_000, 'submitted')])).toBe(0);
  });

  it('summarises like GOV.UK Pay', () => {
    const refunds = [rf(30_000, 'success'), rf(20_000, 'submitted'), rf(10_000, 'error')];
    expect(refundSummary('success', 100_000, refunds)).toEqual({ status: 'available', amount_available: 50_000, amount_submitted: 50_000 });
    expect(refundSummary('success', 100_000, [])).toEqual({ status: 'available', amount_available: 100_000, amount_submitted: 0 });
    expect(refundSummary('success', 50_000, refunds)).toEqual({ status: 'full', amount_available: 0, amount_submitted: 50_000 });
    for (const s of ['created', 'started', 'submitted'] as const)
      expect(refundSummary(s, 100_000, [])).toEqual({ status: 'pending', amount_available: 100_000, amount_submitted: 0 });
    for (const s of ['failed', 'cancelled', 'expired', 'error'] as const)
      expect(refundSummary(s, 100_000, [])).toEqual({ status: 'unavailable', amount_available: 0, amount_submitted: 0 });
  });

  describe('checkRefund', () => {
    const paid = { status: 'success' as const, amountVnd: 100_000, refunds: [rf(30_000, 'success'), rf(5_000, 'error')] };

    it('accepts a refund within the available amount', () => {
      expect(checkRefund(paid, { amountVnd: 20_000, expectedAvailableVnd: 70_000 })).toEqual({ ok: true, availableAfter: 50_000 });
      expect(checkRefund(paid, { amountVnd: 70_000, expectedAvailableVnd: 70_000 })).toEqual({ ok: true, availableAfter: 0 });
    });
    it('not_refundable unless the payment succeeded', () => {
      for (const status of PAYMENT_STATUSES.filter((s) => s !== 'success'))
        expect(checkRefund({ ...paid, status }, { amountVnd: 20_000, expectedAvailableVnd: 70_000 })).toEqual({ ok: false, code: 'not_refundable' });
      // checked before the amount
      expect(checkRefund({ ...paid, status: 'failed' }, { amountVnd: -1, expectedAvailableVnd: 0 })).toEqual({ ok: false, code: 'not_refundable' });
    });
    it('invalid_amount for zero, negative, fractional, unsafe or non-finite amounts', () => {
      for (const amountVnd of [0, -5_000, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY])
        expect(checkRefund(paid, { amountVnd, expectedAvailableVnd: 70_000 })).toEqual({ ok: false, code: 'invalid_amount' });
      // checked before the expected amount
      expect(checkRefund(paid, { amountVnd: 0, expectedAvailableVnd: 1 })).toEqual({ ok: false, code: 'invalid_amount' });
    });
    it('available_mismatch when the caller saw a different available amount', () => {
      expect(checkRefund(paid, { amountVnd: 20_000, expectedAvailableVnd: 100_000 })).toEqual({ ok: false, code: 'available_mismatch' });
      // checked before the excess
      expect(checkRefund(paid, { amountVnd: 200_000, expectedAvailableVnd: 100_000 })).toEqual({ ok: false, code: 'available_mismatch' });
    });
    it('exceeds_available above what is left', () => {
      expect(checkRefund(paid, { amountVnd: 70_001, expectedAvailableVnd: 70_000 })).toEqual({ ok: false, code: 'exceeds_available' });
      const full = { ...paid, refunds: [rf(100_000, 'submitted')] };
      expect(checkRefund(full, { amountVnd: 1, expectedAvailableVnd: 0 })).toEqual({ ok: false, code: 'exceeds_available' });
    });
  });
});
