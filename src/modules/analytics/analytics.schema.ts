import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DossierFact, PetitionFact } from '../../shared/analytics';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const n = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/**
 * Transactional inbox: each consumed outbox event is written here in the dispatcher's transaction, then folded into
 * the facts and counters in bulk, in sequence order, by the rollup worker (and deleted in the same transaction).
 */
export const analyticsInbox = pgTable(
  'analytics_inbox',
  {
    eventId: uuid('event_id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [index('analytics_inbox_seq_idx').on(t.seq)],
);

/** What the index knows about each dossier (folded from events; never read from the dossier module's tables). */
export const analyticsDossierFacts = pgTable(
  'analytics_dossier_facts',
  {
    dossierId: text('dossier_id').primaryKey(),
    agencyId: text('agency_id').notNull(),
    procedureKey: text('procedure_key').notNull(),
    /** The month it counts in (YYYY-MM, Asia/Ho_Chi_Minh), or null before it is filed. */
    month: text('month'),
    code: text('code'),
    state: text('state').notNull(),
    channel: text('channel'),
    appointedAt: ts('appointed_at'),
    finishedAt: ts('finished_at'),
    assigneeId: text('assignee_id'),
    /** Bits of the indicators the dossier counts against (AGAINST). */
    against: integer('against').notNull().default(0),
    /** Processing days (applicant time excluded) once judged. */
    days: integer('days'),
    fact: jsonb('fact').$type<DossierFact>().notNull(),
  },
  (t) => [
    index('analytics_facts_agency_month_idx').on(t.agencyId, t.month),
    // Open dossiers (the backlog and overdue-now reads): not finished and not closed without a decision.
    index('analytics_facts_open_idx').on(t.agencyId, t.state, t.appointedAt).where(sql`${t.finishedAt} is null and ${t.state} not in ('refused', 'withdrawn', 'stopped', 'rejected', 'result_issued', 'returned')`),
  ],
);

export const analyticsPetitionFacts = pgTable('analytics_petition_facts', {
  petitionId: text('petition_id').primaryKey(),
  agencyId: text('agency_id').notNull(),
  month: text('month').notNull(),
  fact: jsonb('fact').$type<PetitionFact>().notNull(),
});

/** Counters per (agency, procedure, month, channel): the sums of the facts' contributions (COUNTERS). */
export const analyticsCounters = pgTable(
  'analytics_counters',
  {
    agencyId: text('agency_id').notNull(),
    month: text('month').notNull(),
    procedureKey: text('procedure_key').notNull(),
    /** The dossier channel (online, in_person, post), '' when unknown and for petitions. */
    channel: text('channel').notNull().default(''),
    received: n('received'),
    filedOnline: n('filed_online'),
    online: n('online'),
    finished: n('finished'),
    onTime: n('on_time'),
    late: n('late'),
    withFee: n('with_fee'),
    paidOnline: n('paid_online'),
    withResult: n('with_result'),
    electronicResult: n('electronic_result'),
    digitised: n('digitised'),
    certified: n('certified'),
    reused: n('reused'),
    prefilled: n('prefilled'),
    fromStore: n('from_store'),
    eid: n('eid'),
    rated: n('rated'),
    negative: n('negative'),
    procMinutes: n('proc_minutes'),
    h0: n('h0'),
    h1: n('h1'),
    h2: n('h2'),
    h3: n('h3'),
    h4: n('h4'),
    h5: n('h5'),
    petitions: n('petitions'),
    petitionsHandled: n('petitions_handled'),
    petitionsOnTime: n('petitions_on_time'),
    petitionsSatisfied: n('petitions_satisfied'),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.month, t.procedureKey, t.channel] }), index('analytics_counters_month_idx').on(t.month)],
);
