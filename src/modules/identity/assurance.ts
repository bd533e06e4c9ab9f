import type { Principal } from '../../platform/auth/policy';
import { identityErrors } from './identity.errors';

/**
 * VNeID assurance levels (mức độ định danh điện tử, Decree 69/2024/NĐ-CP Art. 12): level 1 = identity declared and
 * checked against the population database; level 2 = verified in person or with the chip ID card, equivalent to it.
 */
export const ASSURANCE_LEVELS = [1, 2] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

export const isAssuranceLevel = (v: unknown): v is AssuranceLevel => v === 1 || v === 2;

/** Throws 403 `eid.assurance_too_low` unless the principal's session was opened at the required level or higher. */
export function requireAssuranceLevel(principal: Principal, required: AssuranceLevel): void {
  const current = principal.assuranceLevel;
  if (current !== null && current >= required) return;
  throw identityErrors.assuranceTooLow(required, current);
}
