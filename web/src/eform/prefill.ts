import type { Session } from '../api/types';
import type { EFormDefinition } from '@shared/eform/eform.types';
import { compiled } from './model';

/**
 * Fields the applicant cannot change: prefilled from a registry and locked (the server's prefill when it made one,
 * else the name and ID of the e-ID login still in the answers). The form shows them read-only, the review page
 * offers no "Change" for them.
 */
export function lockedFields(
  def: EFormDefinition,
  prefilled: Record<string, { readOnly: boolean }> | null | undefined,
  session: Session | null,
  data: Record<string, unknown>,
): Set<string> {
  if (prefilled && Object.keys(prefilled).length) return new Set(Object.entries(prefilled).filter(([, f]) => f.readOnly).map(([k]) => k));
  const pre = prefillFromSession(def, session);
  return new Set(Object.entries(pre).filter(([k, v]) => data[k] === v).map(([k]) => k));
}

/**
 * Answers the e-ID login already gives (name and personal ID from the population database through VNeID), by
 * registry binding: filled in so the applicant is not asked again, and read-only when the binding is not editable.
 */
export function prefillFromSession(def: EFormDefinition, session: Session | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (session?.kind !== 'citizen') return out;
  for (const f of compiled(def).root.fields) {
    const b = f.ui.registryBinding;
    if (b === 'population.fullName') out[f.name] = session.displayName;
    if (b === 'population.personalId' && session.personalId) out[f.name] = session.personalId;
  }
  return out;
}
