import type { FeeItem } from './fees';

/**
 * What a case owes under a version's fee rules (pure; the review page shows it, the payment module will charge it).
 * A fee whose amount the answers cannot settle (a tier the agency picks, a count of pages only the agency knows) has
 * `amountVnd: null` and leaves the total incomplete.
 */
export interface FeeLine {
  fee: FeeItem;
  /** Units charged, from the fee's `unitsField` (absent when the fee is charged once). */
  units?: number;
  amountVnd: number | null;
}

export interface FeeTotal {
  lines: FeeLine[];
  /** Sum of the known amounts, in đồng. */
  totalVnd: number;
  /** False when some line's amount is decided by the agency (then the total is a minimum). */
  complete: boolean;
}

/** The amount of a fee item for a case. */
export function feeAmount(f: FeeItem, opts: { online: boolean; tierId?: string; units?: number }): number {
  switch (f.type) {
    case 'exempt':
      return 0;
    case 'fixed': {
      const each = opts.online && f.onlineAmountVnd !== undefined ? f.onlineAmountVnd : f.amountVnd;
      return each * (opts.units ?? 1);
    }
    case 'tiered': {
      const tier = f.tiers.find((t) => t.id === opts.tierId) ?? f.tiers[0];
      if (!tier) return 0;
      return opts.online && tier.onlineAmountVnd !== undefined ? tier.onlineAmountVnd : tier.amountVnd;
    }
    case 'banded': {
      let total = 0;
      for (let u = 1; u <= (opts.units ?? 1); u++) total += f.bands.find((b) => u >= b.from && (b.to === undefined || u <= b.to))?.amountVndPerUnit ?? 0;
      return f.maxVnd !== undefined ? Math.min(total, f.maxVnd) : total;
    }
  }
}

/** A count typed in the form: a whole number of at least 0, else 0 (nothing requested). */
function unitsOf(data: Record<string, unknown>, field: string): number {
  const v = data[field];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Each fee of the version for these answers, and their total. */
export function feeTotal(fees: readonly FeeItem[], data: Record<string, unknown> | null | undefined, opts: { online: boolean }): FeeTotal {
  const answers = data ?? {};
  const lines: FeeLine[] = fees.map((fee) => {
    const units = 'unitsField' in fee && fee.unitsField && (fee.type === 'fixed' || fee.type === 'banded') ? unitsOf(answers, fee.unitsField) : undefined;
    if (fee.type === 'tiered' && fee.tiers.length !== 1) return { fee, amountVnd: null };
    if (fee.type === 'banded' && units === undefined) return { fee, amountVnd: null };
    return { fee, ...(units !== undefined ? { units } : {}), amountVnd: feeAmount(fee, { online: opts.online, units }) };
  });
  return { lines, totalVnd: lines.reduce((a, l) => a + (l.amountVnd ?? 0), 0), complete: lines.every((l) => l.amountVnd !== null) };
}
