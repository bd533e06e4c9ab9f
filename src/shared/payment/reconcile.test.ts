import { describe, expect, it } from 'vitest';
import { paymentCodeFromBytes } from './code';
import { classifyCredit, type Credit, MATCH_OUTCOMES, type MatchOutcome, type PaymentForMatch, reconcileBatch } from './reconcile';
import type { StatementLine } from './statement';

const codeOf = (n: number, tag = 0) => paymentCodeFromBytes(new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, tag]));
const at = new Date('2026-12-03T02:00:00Z');
const credit = (bankRef: string, amountVnd: number, text: string): Credit => ({ bankRef, amountVnd, text, at });

const A = codeOf(1);
const B = codeOf(2);
const PAID = codeOf(3);
const PAID_REF = codeOf(4);
const CANCELLED = codeOf(5);
const UNKNOWN = codeOf(6, 1);
const UNKNOWN2 = codeOf(7, 1);

const payments = new Map<string, PaymentForMatch>([
  [A, { id: 'p-a', code: A, amountVnd: 50_000, status: 'created' }],
  [B, { id: 'p-b', code: B, amountVnd: 120_000, status: 'started', paidBankRef: null }],
  [PAID, { id: 'p-paid', code: PAID, amountVnd: 50_000, status: 'success', paidBankRef: 'FT-OLD' }],
  [PAID_REF, { id: 'p-paidref', code: PAID_REF, amountVnd: 50_000, status: 'submitted', paidBankRef: 'FT-EARLIER' }],
  [CANCELLED, { id: 'p-cancelled', code: CANCELLED, amountVnd: 30_000, status: 'cancelled' }],
]);
const lookup = (c: string) => payments.get(c);
const never = () => false;

describe('classifyCredit', () => {
  it('matched: exact amount, code found in a bank-rewritten text', () => {
    const c = credit('FT1', 50_000, `CT tu 0123 NGUYEN VAN A chuyen tien ${A.toLowerCase().replace(/(.{5})/, '$1 ')}`);
    expect(classifyCredit(c, lookup, never)).toEqual({ outcome: 'matched', credit: c, code: A, paymentId: 'p-a', differenceVnd: 0 });
  });
  it('underpaid and overpaid carry the difference (credit − due)', () => {
    expect(classifyCredit(credit('FT2', 20_000, `ND:${B}`), lookup, never)).toMatchObject({ outcome: 'underpaid', code: B, paymentId: 'p-b', differenceVnd: -100_000 });
    expect(classifyCredit(credit('FT3', 121_000, `ND:${B}`), lookup, never)).toMatchObject({ outcome: 'overpaid', code: B, paymentId: 'p-b', differenceVnd: 1_000 });
  });
  it('a cancelled (or expired, failed) payment with the exact amount is still matched', () => {
    for (const status of ['cancelled', 'expired', 'failed'] as const) {
      const m = classifyCredit(credit('FT4', 30_000, CANCELLED), (c) => (c === CANCELLED ? { ...payments.get(CANCELLED)!, status } : undefined), never);
      expect(m).toMatchObject({ outcome: 'matched', paymentId: 'p-cancelled', differenceVnd: 0 });
    }
  });
  it('unknown_code: a valid code no payment has', () => {
    expect(classifyCredit(credit('FT5', 50_000, `tt ${UNKNOWN}`), lookup, never)).toEqual({ outcome: 'unknown_code', credit: credit('FT5', 50_000, `tt ${UNKNOWN}`), code: UNKNOWN });
  });
  it('no_code: nothing valid in the text (a damaged code is none)', () => {
    expect(classifyCredit(credit('FT6', 50_000, 'NGUYEN VAN A chuyen tien'), lookup, never).outcome).toBe('no_code');
    expect(classifyCredit(credit('FT7', 50_000, A.slice(0, 10) + (A[10] === '0' ? '1' : '0')), lookup, never).outcome).toBe('no_code');
  });
  it('ambiguous_code: several codes, none or several of them known', () => {
    expect(classifyCredit(credit('FT8', 50_000, `${A} ${B}`), lookup, never)).toMatchObject({ outcome: 'ambiguous_code', codes: [A, B] });
    expect(classifyCredit(credit('FT9', 50_000, `${UNKNOWN} ${UNKNOWN2}`), lookup, never)).toMatchObject({ outcome: 'ambiguous_code', codes: [UNKNOWN, UNKNOWN2] });
  });
  it('several codes with exactly one known uses that one', () => {
    expect(classifyCredit(credit('FT10', 50_000, `${UNKNOWN} ${A}`), lookup, never)).toMatchObject({ outcome: 'matched', code: A, paymentId: 'p-a' });
  });
  it('already_paid: payment in success, or with a paying bank reference', () => {
    expect(classifyCredit(credit('FT11', 50_000, PAID), lookup, never)).toMatchObject({ outcome: 'already_paid', code: PAID, paymentId: 'p-paid', differenceVnd: 0 });
    expect(classifyCredit(credit('FT12', 10_000, PAID_REF), lookup, never)).toMatchObject({ outcome: 'already_paid', paymentId: 'p-paidref', differenceVnd: -40_000 });
  });
  it('duplicate: a bank reference already seen, checked first, or the one the payment was paid with', () => {
    const seen = (r: string) => r === 'FT-SEEN';
    expect(classifyCredit(credit('FT-SEEN', 50_000, A), lookup, seen)).toEqual({ outcome: 'duplicate', credit: credit('FT-SEEN', 50_000, A) });
    expect(classifyCredit(credit('FT-SEEN', 50_000, 'no code'), lookup, seen).outcome).toBe('duplicate');
    expect(classifyCredit(credit('FT-OLD', 50_000, PAID), lookup, never)).toMatchObject({ outcome: 'duplicate', paymentId: 'p-paid' });
  });
  it('takes a StatementLine as a credit', () => {
    const line: StatementLine = { bankRef: 'FT13', amountVnd: 50_000, text: `ND ${A}`, at, counterpartyName: 'NGUYEN VAN A', line: 2 };
    expect(classifyCredit(line, lookup, never)).toMatchObject({ outcome: 'matched', paymentId: 'p-a', credit: line });
  });
});

describe('reconcileBatch', () => {
  it('treats a bank reference repeated in the batch as duplicate and a second credit for a payment matched in the batch as already_paid', () => {
    const credits = [
      credit('R1', 50_000, A), // matched
      credit('R1', 50_000, A), // same ref: duplicate
      credit('R2', 50_000, `lan 2 ${A}`), // second exact credit for A: already_paid
      credit('R3', 10_000, A), // A is paid in this batch: already_paid
      credit('R4', 20_000, B), // underpaid (B stays unpaid)
      credit('R5', 120_000, B), // now exact: matched
      credit('R6', 1, 'khong co ma'), // no_code
      credit('R7', 1, UNKNOWN), // unknown_code
      credit('R8', 1, `${A} ${B}`), // ambiguous_code
      credit('R9', 1, PAID), // already_paid
      credit('R0', 1, A), // seen before the batch: duplicate
      credit('R10', 200_000, CANCELLED), // overpaid
    ];
    const { matches, counts } = reconcileBatch(credits, lookup, (r) => r === 'R0');
    expect(matches.map((m) => m.outcome)).toEqual([
      'matched', 'duplicate', 'already_paid', 'already_paid', 'underpaid', 'matched',
      'no_code', 'unknown_code', 'ambiguous_code', 'already_paid', 'duplicate', 'overpaid',
    ]);
    expect(matches.map((m) => m.credit)).toEqual(credits);
    expect(counts).toEqual({ matched: 2, underpaid: 1, overpaid: 1, unknown_code: 1, no_code: 1, ambiguous_code: 1, already_paid: 3, duplicate: 2 });
  });

  it('gives every outcome a count, zero when absent', () => {
    const { matches, counts } = reconcileBatch([], lookup, never);
    expect(matches).toEqual([]);
    expect(Object.keys(counts).sort()).toEqual([...MATCH_OUTCOMES].sort());
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('reconciles 100,000 credits in one pass', () => {
    const big = new Map<string, PaymentForMatch>();
    const credits: Credit[] = [];
    const want: Record<MatchOutcome, number> = { matched: 0, underpaid: 0, overpaid: 0, unknown_code: 0, no_code: 0, ambiguous_code: 0, already_paid: 0, duplicate: 0 };
    const N = 100_000;
    for (let i = 0; i < N; i++) {
      const kind = i % 10;
      const code = codeOf(i);
      const amountVnd = 10_000 + (i % 97) * 1_000;
      const text = `CT tu 0011001932418 NGUYEN VAN A chuyen tien ${i % 3 === 0 ? code.toLowerCase() : code} ho so ${i}`;
      if (kind <= 3) {
        big.set(code, { id: `p${i}`, code, amountVnd, status: 'created' });
        credits.push(credit(`B${i}`, amountVnd, text));
        want.matched++;
      } else if (kind === 4) {
        big.set(code, { id: `p${i}`, code, amountVnd, status: 'started' });
        credits.push(credit(`B${i}`, amountVnd - 1_000, text));
        want.underpaid++;
      } else if (kind === 5) {
        big.set(code, { id: `p${i}`, code, amountVnd, status: 'submitted' });
        credits.push(credit(`B${i}`, amountVnd + 500, text));
        want.overpaid++;
      } else if (kind === 6) {
        credits.push(credit(`B${i}`, amountVnd, text)); // code not registered
        want.unknown_code++;
      } else if (kind === 7) {
        credits.push(credit(`B${i}`, amountVnd, `NGUYEN VAN A chuyen tien ho so ${i}`));
        want.no_code++;
      } else if (kind === 8) {
        big.set(code, { id: `p${i}`, code, amountVnd, status: 'success', paidBankRef: `OLD${i}` });
        credits.push(credit(`B${i}`, amountVnd, text));
        want.already_paid++;
      } else {
        // repeats the bank reference of the matched credit that opened this block of ten
        credits.push(credit(`B${i - 9}`, amountVnd, text));
        want.duplicate++;
      }
    }
    const { matches, counts } = reconcileBatch(credits, (c) => big.get(c), never);
    expect(matches.length).toBe(N);
    expect(counts).toEqual(want);
  });
});
