/**
 * A history generator for realistic load (`motcua seed --history N`): N past dossiers with their actions across the
 * given agencies and procedures — seasonality (busier spring and autumn, quiet Tết weeks, weekdays only), online
 * and counter filings, supplements (some twice), fees paid online or at the counter, lateness, electronic and paper
 * results, ratings and a few petitions.
 *
 * The bulk path: the dossier module's write path (one transaction per action, a few ms each) would take days for
 * millions of dossiers, so the generator writes the SAME events the modules emit (same types and payload fields)
 * straight into the outbox as already-published history (no notification is planned for a 2025 dossier) and folds
 * them into the analytics rollups with the consumer's own code. It writes no dossier rows: the dossier register
 * and officer inboxes do not show generated history. `outbox: false` skips the outbox rows (benchmarks at 10 M).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { pgArray } from '../../platform/db/write-batch';
import type { AnalyticsEvent } from '../../shared/analytics';
import { rng } from '../../shared/analytics/testing';
import { applyEvents } from './analytics.rollup';

export interface HistoryOptions {
  dossiers: number;
  agencies: Array<{ id: string; kind: string }>;
  procedures: Array<{ key: string; agencyKind: string; withFee: boolean; online: boolean }>;
  /** The generated history ends here (default now) and spans `months` before it (default 24). */
  end?: Date;
  months?: number;
  seed?: number;
  /** Write the events to the outbox too (default true). */
  outbox?: boolean;
  /** Dossiers per transaction. */
  chunk?: number;
  onProgress?: (done: number) => void;
}

export interface GenEvent extends AnalyticsEvent {
  aggregateType: string;
}

/** Tết (first day of the lunar year) 2023–2028, for the quiet weeks around it. */
const TET = ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26'].map((d) => Date.parse(`${d}T00:00:00Z`));
const DAY = 86_400_000;
/** Relative volume by month (January … December). */
const SEASON = [0.9, 0.7, 1.1, 1.15, 1.1, 1.0, 0.95, 1.0, 1.05, 1.15, 1.2, 1.1];

/** The generated events, one batch (in time order) per `chunk` dossiers. */
export function* historyBatches(o: HistoryOptions): Generator<GenEvent[]> {
  const r = rng(o.seed ?? 766);
  const end = (o.end ?? new Date()).getTime();
  const span = (o.months ?? 24) * 30.4 * DAY;
  const start = end - span;
  const byKind = new Map<string, HistoryOptions['procedures']>();
  for (const p of o.procedures) byKind.set(p.agencyKind, [...(byKind.get(p.agencyKind) ?? []), p]);
  const agencies = o.agencies.filter((a) => byKind.has(a.kind));
  if (!agencies.length) throw new Error('seed --history: no agency offers a published procedure');
  const uuid = () => {
    const h = (n: number) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
    return `${h(8)}-${h(4)}-4${h(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${h(3)}-${h(12)}`;
  };
  const weight = (t: number) => {
    const d = new Date(t + 7 * 3_600_000);
    const wd = d.getUTCDay();
    if (wd === 0 || wd === 6) return 0;
    const tet = TET.some((x) => t > x - 7 * DAY && t < x + 9 * DAY) ? 0.15 : 1;
    return SEASON[d.getUTCMonth()] * tet;
  };
  /** A filing time: rejection sampling on the seasonal weights, office hours. */
  const filingTime = () => {
    for (;;) {
      const t = start + r() * span;
      if (r() * 1.25 < weight(t)) return Math.floor(t / DAY) * DAY + (1 + r() * 8) * 3_600_000; // 08:00–17:00 local
    }
  };
  const iso = (t: number) => new Date(t).toISOString();
  const chunk = o.chunk ?? 2_000;
  for (let done = 0; done < o.dossiers; done += chunk) {
    const batch: GenEvent[] = [];
    const n = Math.min(chunk, o.dossiers - done);
    for (let i = 0; i < n; i++) {
      const agency = agencies[Math.floor(r() * agencies.length)];
      const procs = byKind.get(agency.kind)!;
      const proc = procs[Math.floor(Math.pow(r(), 2) * procs.length)]; // a few procedures take most dossiers
      const id = uuid();
      const online = proc.online && r() < 0.45;
      const channel = online ? 'online' : r() < 0.05 ? 'post' : 'in_person';
      const filed = filingTime();
      const budgetDays = [1, 3, 5, 7, 10, 15][Math.floor(r() * 6)];
      const due = filed + budgetDays * 1.4 * DAY;
      const base = { agencyId: agency.id, procedureKey: proc.key, channel, code: `H-${id.slice(0, 8)}`, procedureVersionId: '00000000-0000-4000-8000-000000000000' };
      const ev = (type: string, at: number, payload: Record<string, unknown> = {}, aggregateType = 'dossier', aggregateId = id) => batch.push({ type, aggregateType, aggregateId, occurredAt: iso(at), payload: { ...base, at: iso(at), ...payload } });
      ev('dossier.submitted', filed, { from: 'draft', to: 'submitted', nationalStatus: 1, eid: online && r() < 0.7, prefilled: r() < 0.5, fromStore: online && r() < 0.3 ? 1 : 0 });
      let t = filed + r() * 4 * 3_600_000;
      if (r() < 0.02) {
        ev('dossier.reception_refused', t, { from: 'submitted', to: 'refused', nationalStatus: 3 });
        continue;
      }
      ev('dossier.received', t, { from: 'submitted', to: 'received', nationalStatus: 2, dueAt: iso(due) });
      const supplements = r() < 0.15 ? (r() < 0.2 ? 2 : 1) : 0;
      for (let s = 0; s < supplements; s++) {
        t += r() * DAY;
        ev('dossier.supplement_requested', t, { from: 'received', to: 'supplement_requested', nationalStatus: 5 });
        const back = t + (0.5 + r() * 4) * DAY;
        if (back > end) break;
        t = back;
        ev('dossier.supplement_resubmitted', t, { from: 'supplement_requested', to: 'received', nationalStatus: 2 });
      }
      const assignee = `00000000-0000-4000-8000-${String(Math.floor(r() * 40)).padStart(12, '0')}`;
      ev('dossier.assigned', t + 3_600_000, { from: 'received', to: 'processing', nationalStatus: 4, assigneeId: assignee });
      if (proc.withFee) {
        ev('dossier.payment_requested', t + 2 * 3_600_000, { from: 'processing', to: 'payment_requested', nationalStatus: 6 });
        if (online && r() < 0.7) ev('payment.success', t + 5 * 3_600_000, { dossierId: id, paymentId: id, provider: 'vietqr', status: 'success' }, 'payment', `p-${id}`);
        ev('dossier.payment_confirmed', t + 6 * 3_600_000, { from: 'payment_requested', to: 'processing', nationalStatus: 4 });
      }
      // Most dossiers finish before their appointed time; some run late; the most recent are still open.
      const late = r() < 0.08;
      const finish = late ? due + (0.2 + r() * 6) * DAY : Math.min(due - 0.05 * DAY, t + (0.3 + r() * budgetDays) * DAY);
      if (finish > end) continue;
      if (r() < 0.01) {
        ev('dossier.withdrawal_requested', finish, { from: 'processing', to: 'withdrawal_requested', nationalStatus: 7 });
        ev('dossier.stopped', finish + DAY, { from: 'withdrawal_requested', to: 'stopped', nationalStatus: 8 });
        continue;
      }
      if (r() < 0.04) {
        ev('dossier.rejected', finish, { from: 'processing', to: 'rejected', nationalStatus: 9 });
      } else {
        ev('dossier.result_issued', finish, { from: 'approved', to: 'result_issued', nationalStatus: 9 });
        if (r() < 0.9) ev('result.issued', finish, { dossierId: id, documentType: 'result', sha256: '' }, 'result_document', `r-${id}`);
        const back = finish + r() * 3 * DAY;
        if (back < end) ev('dossier.result_returned', back, { from: 'result_issued', to: 'returned', nationalStatus: 10 });
      }
      if (r() < 0.2) ev('rating.created', finish + DAY, { score: late ? 2 : 5, negative: late || r() < 0.05 });
      if (r() < 0.005) {
        const pid = uuid();
        const pf = finish + DAY;
        ev('petition.filed', pf, { kind: 'conduct' }, 'petition', pid);
        const handled = pf + (r() < 0.8 ? 3 + r() * 10 : 16 + r() * 10) * DAY;
        if (handled < end) ev('petition.approve_answer', handled, { fromStatus: 'answer_proposed', toStatus: 'answered' }, 'petition', pid);
      }
    }
    batch.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    yield batch;
  }
}

export async function seedHistory(db: Db, o: HistoryOptions): Promise<{ dossiers: number; events: number; ms: number }> {
  const t0 = Date.now();
  let events = 0;
  let done = 0;
  const chunk = o.chunk ?? 2_000;
  for (const batch of historyBatches(o)) {
    await db.transaction(async (tx) => {
      if (o.outbox !== false) {
        const col = (f: (e: GenEvent) => string) => pgArray(batch.map(f));
        await tx.execute(sql`insert into outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, status, published_at)
          select t.type, t.aggregate_type, t.aggregate_id, t.payload, t.occurred_at, 'published', t.occurred_at from unnest(${col((e) => e.type)}::text[], ${col((e) => e.aggregateType)}::text[], ${col((e) => e.aggregateId)}::text[], ${col((e) => JSON.stringify(e.payload))}::jsonb[], ${col((e) => e.occurredAt)}::timestamptz[]) with ordinality as t(type, aggregate_type, aggregate_id, payload, occurred_at, n) order by t.n`);
      }
      await applyEvents(tx, batch);
    });
    events += batch.length;
    done = Math.min(o.dossiers, done + chunk);
    o.onProgress?.(done);
  }
  return { dossiers: o.dossiers, events, ms: Date.now() - t0 };
}
