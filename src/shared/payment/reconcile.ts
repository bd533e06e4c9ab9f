/**
 * Reconciliation (đối soát): matching bank credits (ghi có) to payments by the payment code in the transfer text.
 * Pure, no I/O: the caller supplies the lookups and records the outcome.
 *
 * A credit is classified, in order:
 * 1. `duplicate` — its bank reference was already seen (or is the reference the payment was paid with);
 * 2. `no_code` — no valid payment code in the text;
 * 3. `ambiguous_code` — several codes, unless exactly one of them is known to the lookup (then that one is used);
 * 4. `unknown_code` — one code that no payment has;
 * 5. `already_paid` — the payment is already success or already has a paying bank reference;
 * 6. `matched` / `underpaid` / `overpaid` — the credit amount equals / is below / is above the amount due.
 *
 * A payment that is cancelled, expired or failed and receives an exact credit is still `matched`: the money did
 * arrive, and the caller decides whether to reopen the payment or refund the citizen (hoàn trả cho người nộp).
 */

import { findPaymentCodes } from './code';
import type { PaymentStatus } from './states';

/** A bank credit; a `StatementLine` is one. */
export interface Credit {
  bankRef: string;
  amountVnd: number;
  text: string;
  at: Date;
}

export interface PaymentForMatch {
  id: string;
  code: string;
  amountVnd: number;
  status: PaymentStatus;
  /** Bank reference of the credit that paid it, once paid. */
  paidBankRef?: string | null;
}

export type MatchOutcome = 'matched' | 'underpaid' | 'overpaid' | 'unknown_code' | 'no_code' | 'ambiguous_code' | 'already_paid' | 'duplicate';

export const MATCH_OUTCOMES: readonly MatchOutcome[] = ['matched', 'underpaid', 'overpaid', 'unknown_code', 'no_code', 'ambiguous_code', 'already_paid', 'duplicate'];

export interface Match {
  outcome: MatchOutcome;
  credit: Credit;
  /** The payment code used (absent for duplicate, no_code and ambiguous_code). */
  code?: string;
  /** For ambiguous_code: every code found in the text. */
  codes?: string[];
  /** For matched, underpaid, overpaid and already_paid. */
  paymentId?: string;
  /** Credit − amount due, in VND; for matched (0), underpaid (< 0), overpaid (> 0) and already_paid. */
  differenceVnd?: number;
}

export type PaymentLookup = (code: string) => PaymentForMatch | undefined;
export type SeenBankRef = (ref: string) => boolean;

/** Classify one credit; see the module comment for the order of the rules. */
export function classifyCredit(credit: Credit, lookup: PaymentLookup, seenBankRef: SeenBankRef): Match {
  if (seenBankRef(credit.bankRef)) return { outcome: 'duplicate', credit };
  const codes = findPaymentCodes(credit.text);
  if (codes.length === 0) return { outcome: 'no_code', credit };

  let code: string;
  let payment: PaymentForMatch | undefined;
  if (codes.length === 1) {
    code = codes[0];
    payment = lookup(code);
    if (!payment) return { outcome: 'unknown_code', credit, code };
  } else {
    const known: [string, PaymentForMatch][] = [];
    for (const c of codes) {
      const p = lookup(c);
      if (p) known.push([c, p]);
    }
    if (known.length !== 1) return { outcome: 'ambiguous_code', credit, codes };
    [code, payment] = known[0];
  }

  const differenceVnd = credit.amountVnd - payment.amountVnd;
  const base = { credit, code, paymentId: payment.id, differenceVnd };
  if (payment.paidBankRef != null && payment.paidBankRef === credit.bankRef) return { outcome: 'duplicate', credit, code, paymentId: payment.id };
  if (payment.status === 'success' || payment.paidBankRef != null) return { outcome: 'already_paid', ...base };
  if (differenceVnd === 0) return { outcome: 'matched', ...base };
  return { outcome: differenceVnd < 0 ? 'underpaid' : 'overpaid', ...base };
}

export interface BatchResult {
  matches: Match[];
  counts: Record<MatchOutcome, number>;
}

/**
 * Classify a batch (one statement import) in one pass, O(n) given O(1) lookups. Like {@link classifyCredit}, and
 * also: a bank reference repeated inside the batch is a `duplicate`, and once a credit has `matched` a payment,
 * any later credit in the batch for that payment (exact or not) is `already_paid`.
 */
export function reconcileBatch(credits: readonly Credit[], lookup: PaymentLookup, seenBankRef: SeenBankRef): BatchResult {
  const counts = Object.fromEntries(MATCH_OUTCOMES.map((o) => [o, 0])) as Record<MatchOutcome, number>;
  const refsInBatch = new Set<string>();
  const paidInBatch = new Set<string>();
  const seen: SeenBankRef = (ref) => refsInBatch.has(ref) || seenBankRef(ref);
  const matches: Match[] = [];
  for (const credit of credits) {
    let m = classifyCredit(credit, lookup, seen);
    if (m.paymentId !== undefined && paidInBatch.has(m.paymentId) && (m.outcome === 'matched' || m.outcome === 'underpaid' || m.outcome === 'overpaid'))
      m = { ...m, outcome: 'already_paid' };
    if (m.outcome === 'matched' && m.paymentId !== undefined) paidInBatch.add(m.paymentId);
    refsInBatch.add(credit.bankRef);
    counts[m.outcome]++;
    matches.push(m);
  }
  return { matches, counts };
}
