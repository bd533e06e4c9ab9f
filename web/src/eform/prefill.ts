import type { Session } from '../api/types';
import type { EFormDefinition } from '@shared/eform/eform.types';
import { compiled } from './model';

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
