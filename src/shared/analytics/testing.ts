/** Random event histories for the rollup's property tests (seeded, replayable). */
import type { AnalyticsEvent } from './facts';
import { mulberry32 } from '../random';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
export const rng = mulberry32;

const TYPES = ['dossier.submitted', 'dossier.received', 'dossier.supplement_requested', 'dossier.supplement_resubmitted', 'dossier.extended', 'dossier.payment_requested', 'dossier.result_issued', 'dossier.rejected', 'dossier.result_returned', 'dossier.stopped', 'dossier.assigned', 'rating.created', 'rating.changed', 'result.issued', 'result.copy_certified', 'payment.created', 'payment.success', 'petition.filed', 'petition.refuse', 'petition.request_info', 'petition.approve_answer', 'petition.reroute', 'dossier.draft_created', 'calendar.changed'] as const;
const STATE_OF: Record<string, string> = { 'dossier.submitted': 'submitted', 'dossier.received': 'received', 'dossier.supplement_requested': 'supplement_requested', 'dossier.supplement_resubmitted': 'received', 'dossier.result_issued': 'result_issued', 'dossier.rejected': 'rejected', 'dossier.result_returned': 'returned', 'dossier.stopped': 'stopped', 'dossier.assigned': 'processing', 'dossier.payment_requested': 'payment_requested' };

/** Random events (any order, any type) over a few agencies, procedures, months, dossiers and petitions. */
export function randomEvents(n: number, seed: number): AnalyticsEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const agencies = ['a1', 'a2', 'a3'];
  const start = Date.parse('2025-11-01T00:00:00Z');
  const out: AnalyticsEvent[] = [];
  for (let i = 0; i < n; i++) {
    const type = pick(TYPES);
    const at = new Date(start + Math.floor(r() * 150 * 86_400_000)).toISOString();
    const id = type.startsWith('petition.') ? `p${Math.floor(r() * 150)}` : `d${Math.floor(r() * 600)}`;
    const payload: Record<string, unknown> = { agencyId: pick(agencies), at, procedureKey: pick(['x', 'y', 'z']), channel: pick(['online', 'in_person', 'post']) };
    if (STATE_OF[type]) payload.to = STATE_OF[type];
    if (type === 'dossier.received' || type === 'dossier.extended') payload.dueAt = new Date(Date.parse(at) + Math.floor(r() * 20 * 86_400_000)).toISOString();
    if (type === 'dossier.submitted') Object.assign(payload, { eid: r() < 0.5, prefilled: r() < 0.5, fromStore: Math.floor(r() * 3) });
    if (type.startsWith('rating.')) payload.negative = r() < 0.3;
    if (type.startsWith('result.') || type.startsWith('payment.')) payload.dossierId = id;
    if (type.startsWith('petition.') && type !== 'petition.filed') payload.toStatus = pick(['refused', 'answered', 'processing', 'info_requested']);
    out.push({ type, aggregateId: type.startsWith('result.') || type.startsWith('payment.') ? `x${i}` : id, occurredAt: at, payload });
  }
  return out;
}

