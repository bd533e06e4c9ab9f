/**
 * Analytics facts (dữ liệu phân tích): what the Decision 766 index needs to know about each dossier and petition,
 * folded from the outbox events in order, and what each fact contributes to the per (agency, procedure, month,
 * channel) counters. Pure: the rollup consumer, the rebuild command, the property test and the seed generator share it.
 * A fact's contribution is a function of the fact alone, so a change is applied to the counters as
 * (new contribution − old contribution): rollups stay equal to a full recomputation whatever the event order.
 */

/** The minimal event the reducer reads (an outbox row). */
export interface AnalyticsEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** ISO time the event was written (used when the payload has no `at`). */
  occurredAt: string;
}

export interface DossierFact {
  id: string;
  code: string | null;
  agencyId: string;
  procedureKey: string | null;
  channel: 'in_person' | 'online' | 'post' | null;
  state: string;
  submittedAt: string | null;
  receivedAt: string | null;
  /** Appointed return time at reception (or as extended), before any supplement shift. */
  appointedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  supplements: number;
  supplementOpenAt: string | null;
  /** Time spent by the applicant supplementing (ms), excluded from the on-time computation. */
  applicantMs: number;
  withFee: boolean;
  paidOnline: boolean;
  /** The dossier reached a result document (result issued). */
  hasResult: boolean;
  electronicResult: boolean;
  certifiedCopies: number;
  /** Data prefilled from the population / business registers. */
  prefilled: boolean;
  /** Files taken from the applicant's data store. */
  fromStore: number;
  /** Filed by a citizen signed in with VNeID. */
  eid: boolean;
  assigneeId: string | null;
  rated: boolean;
  negative: boolean;
}

export interface PetitionFact {
  id: string;
  agencyId: string;
  procedureKey: string | null;
  filedAt: string;
  status: string;
  /** The petition was handled within its legal time (refused ≤ 2, more requested ≤ 5, answered ≤ 15 working days). */
  onTime: boolean | null;
  handledAt: string | null;
}

/** States that are not judged on time or late (processing never finished). */
const NOT_JUDGED = new Set(['refused', 'withdrawal_requested', 'withdrawn', 'stopped']);
const PROCESSED = new Set(['rejected', 'result_issued']);
const RESULT_STATES = new Set(['result_issued', 'returned']);

/** Counter names (columns of the rollup table), in a fixed order. */
export const COUNTERS = [
  'received',
  'filed_online',
  'online',
  'finished',
  'on_time',
  'late',
  'with_fee',
  'paid_online',
  'with_result',
  'electronic_result',
  'digitised',
  'certified',
  'reused',
  'prefilled',
  'from_store',
  'eid',
  'rated',
  'negative',
  'proc_minutes',
  'h0',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'petitions',
  'petitions_handled',
  'petitions_on_time',
  'petitions_satisfied',
] as const;
export type CounterName = (typeof COUNTERS)[number];
export type Counters = Record<CounterName, number>;
/** Upper bounds (days) of the processing-time buckets h0…h4; h5 is the rest. */
export const HISTOGRAM_DAYS = [1, 3, 5, 10, 20] as const;

export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;
export function addCounters(a: Counters, b: Counters, sign = 1): Counters {
  for (const c of COUNTERS) a[c] += sign * b[c];
  return a;
}

/** Month (YYYY-MM) of an instant in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export const monthOf = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 7);

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const eventAt = (e: AnalyticsEvent): string => str(e.payload.at) ?? e.occurredAt;

export function emptyDossier(id: string, agencyId: string): DossierFact {
  return { id, code: null, agencyId, procedureKey: null, channel: null, state: 'submitted', submittedAt: null, receivedAt: null, appointedAt: null, finishedAt: null, returnedAt: null, supplements: 0, supplementOpenAt: null, applicantMs: 0, withFee: false, paidOnline: false, hasResult: false, electronicResult: false, certifiedCopies: 0, prefilled: false, fromStore: 0, eid: false, assigneeId: null, rated: false, negative: false };
}

/** Which dossier (or petition) an event is about, or null when analytics ignores it. */
export function subjectOf(e: AnalyticsEvent): { kind: 'dossier' | 'petition'; id: string } | null {
  if (e.type.startsWith('dossier.')) return e.type.startsWith('dossier.draft_') || e.type === 'dossier.attachment_removed' ? null : { kind: 'dossier', id: e.aggregateId };
  if (e.type.startsWith('rating.')) return { kind: 'dossier', id: e.aggregateId };
  if (e.type.startsWith('result.') || e.type.startsWith('payment.')) {
    const d = str(e.payload.dossierId);
    return d ? { kind: 'dossier', id: d } : null;
  }
  if (e.type.startsWith('petition.')) return { kind: 'petition', id: e.aggregateId };
  return null;
}

/** The event types analytics consumes (an SQL LIKE list, for the rebuild). */
export const CONSUMED_PREFIXES = ['dossier.', 'rating.', 'result.', 'payment.', 'petition.'] as const;

/** Applies one event to a dossier fact (a new object; the input is not changed). */
export function applyDossierEvent(prev: DossierFact | undefined, e: AnalyticsEvent, id: string): DossierFact {
  const p = e.payload;
  const f: DossierFact = prev ? { ...prev } : emptyDossier(id, str(p.agencyId) ?? '');
  const at = eventAt(e);
  if (e.type.startsWith('dossier.')) {
    f.agencyId = str(p.agencyId) ?? f.agencyId;
    f.code = str(p.code) ?? f.code;
    f.procedureKey = str(p.procedureKey) ?? f.procedureKey;
    const ch = str(p.channel);
    if (ch === 'online' || ch === 'in_person' || ch === 'post') f.channel = ch;
    if ('assigneeId' in p) f.assigneeId = str(p.assigneeId);
    const to = str(p.to);
    if (to) f.state = to;
    switch (e.type) {
      case 'dossier.submitted':
        f.submittedAt ??= at;
        if (p.eid === true) f.eid = true;
        if (p.prefilled === true) f.prefilled = true;
        if (typeof p.fromStore === 'number') f.fromStore = p.fromStore;
        break;
      case 'dossier.received':
        f.receivedAt ??= at;
        f.appointedAt = str(p.dueAt) ?? f.appointedAt;
        break;
      case 'dossier.extended':
        f.appointedAt = str(p.newDueAt) ?? str(p.dueAt) ?? f.appointedAt;
        break;
      case 'dossier.supplement_requested':
        f.supplements += 1;
        f.supplementOpenAt = at;
        break;
      case 'dossier.supplement_resubmitted':
        if (f.supplementOpenAt) f.applicantMs += Math.max(0, Date.parse(at) - Date.parse(f.supplementOpenAt));
        f.supplementOpenAt = null;
        if (typeof p.fromStore === 'number') f.fromStore = p.fromStore;
        break;
      case 'dossier.payment_requested':
      case 'dossier.payment_confirmed':
        f.withFee = true;
        break;
    }
    if (to && PROCESSED.has(to) && !f.finishedAt) f.finishedAt = at;
    if (to && RESULT_STATES.has(to)) f.hasResult = true;
    if (to === 'returned') f.returnedAt ??= at;
  } else if (e.type.startsWith('rating.')) {
    f.rated = true;
    f.negative = p.negative === true;
  } else if (e.type === 'result.issued') {
    f.electronicResult = true;
  } else if (e.type === 'result.copy_certified') {
    f.certifiedCopies += 1;
  } else if (e.type === 'payment.created') {
    f.withFee = true;
  } else if (e.type === 'payment.success') {
    f.withFee = true;
    f.paidOnline = true;
  }
  return f;
}

/** Working days between two instants, weekends excluded (holidays are not: a petition's clock is approximate). */
export function weekdaysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string) => Math.floor((Date.parse(iso) + 7 * 3_600_000) / 86_400_000);
  const a = day(fromIso);
  const b = day(toIso);
  let n = 0;
  for (let d = a + 1; d <= b && n < 10_000; d++) {
    const wd = (d + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

export interface PetitionLimits {
  refuseDays: number;
  requestInfoDays: number;
  answerDays: number;
}
export const DEFAULT_PETITION_LIMITS: PetitionLimits = { refuseDays: 2, requestInfoDays: 5, answerDays: 15 };

/** Applies one event to a petition fact. */
export function applyPetitionEvent(prev: PetitionFact | undefined, e: AnalyticsEvent, limits: PetitionLimits = DEFAULT_PETITION_LIMITS): PetitionFact {
  const p = e.payload;
  const at = eventAt(e);
  const f: PetitionFact = prev ? { ...prev } : { id: e.aggregateId, agencyId: str(p.agencyId) ?? '', procedureKey: str(p.procedureKey), filedAt: at, status: 'received', onTime: null, handledAt: null };
  if (e.type === 'petition.filed') return f;
  f.agencyId = str(p.agencyId) ?? f.agencyId;
  const to = str(p.toStatus);
  if (to) f.status = to;
  const action = e.type.slice('petition.'.length);
  const within = (limit: number) => weekdaysBetween(f.filedAt, at) <= limit;
  if (action === 'refuse' && f.onTime === null) {
    f.onTime = within(limits.refuseDays);
    f.handledAt = at;
  } else if (action === 'request_info' && f.onTime === null) {
    // Asking for more in time keeps the petition on time only if it is then answered in time too.
    if (!within(limits.requestInfoDays)) f.onTime = false;
  } else if (action === 'approve_answer' && f.handledAt === null) {
    f.onTime = f.onTime === false ? false : within(limits.answerDays);
    f.handledAt = at;
  }
  return f;
}

/** Whether a judged dossier finished on time: applicant time excluded; more than one supplement = late. */
export function onTimeOf(f: DossierFact): boolean | null {
  if (NOT_JUDGED.has(f.state) || !f.finishedAt || !f.appointedAt) return null;
  if (f.supplements > 1) return false;
  return Date.parse(f.finishedAt) - f.applicantMs <= Date.parse(f.appointedAt);
}

/** Online in the sense of Decision 766: filed online and, where the result is a document, an electronic result. */
export const countsOnline = (f: DossierFact): boolean => f.channel === 'online' && (!f.hasResult || f.electronicResult);
export const digitisedOf = (f: DossierFact): boolean => f.channel === 'online' || f.fromStore > 0;
export const reusedOf = (f: DossierFact): boolean => f.prefilled || f.fromStore > 0;

/** The month a dossier counts in: the month it was received (or filed, before reception). */
export const dossierMonth = (f: DossierFact): string | null => {
  const at = f.receivedAt ?? f.submittedAt;
  return at ? monthOf(at) : null;
};

/** Processing time in days, applicant time excluded (judged dossiers only). */
export const processingDays = (f: DossierFact): number | null => {
  const start = f.receivedAt ?? f.submittedAt;
  if (!start || !f.finishedAt || onTimeOf(f) === null) return null;
  return Math.max(0, Date.parse(f.finishedAt) - Date.parse(start) - f.applicantMs) / 86_400_000;
};

export interface Contribution {
  agencyId: string;
  procedureKey: string;
  month: string;
  /** The dossier channel ('online', 'in_person', 'post'), '' when unknown and for petitions. */
  channel: string;
  counters: Counters;
}

/** What one dossier fact adds to its (agency, procedure, month) counters, or null before it counts anywhere. */
export function dossierContribution(f: DossierFact | undefined): Contribution | null {
  if (!f) return null;
  const month = dossierMonth(f);
  if (!month || !f.agencyId) return null;
  const c = zeroCounters();
  const on = onTimeOf(f);
  c.received = 1;
  c.filed_online = f.channel === 'online' ? 1 : 0;
  c.online = countsOnline(f) ? 1 : 0;
  c.finished = on === null ? 0 : 1;
  c.on_time = on === true ? 1 : 0;
  c.late = on === false ? 1 : 0;
  c.with_fee = f.withFee ? 1 : 0;
  c.paid_online = f.withFee && f.paidOnline ? 1 : 0;
  c.with_result = f.hasResult ? 1 : 0;
  c.electronic_result = f.hasResult && f.electronicResult ? 1 : 0;
  c.digitised = digitisedOf(f) ? 1 : 0;
  c.certified = f.certifiedCopies > 0 ? 1 : 0;
  c.reused = reusedOf(f) ? 1 : 0;
  c.prefilled = f.prefilled ? 1 : 0;
  c.from_store = f.fromStore > 0 ? 1 : 0;
  c.eid = f.eid ? 1 : 0;
  c.rated = f.rated ? 1 : 0;
  c.negative = f.rated && f.negative ? 1 : 0;
  const days = processingDays(f);
  if (days !== null) {
    c.proc_minutes = Math.round(days * 1440);
    const b = HISTOGRAM_DAYS.findIndex((d) => days < d);
    c[`h${b === -1 ? 5 : b}` as CounterName] = 1;
  }
  return { agencyId: f.agencyId, procedureKey: f.procedureKey ?? '', month, channel: f.channel ?? '', counters: c };
}

export function petitionContribution(f: PetitionFact | undefined): Contribution | null {
  if (!f || !f.agencyId) return null;
  const c = zeroCounters();
  c.petitions = 1;
  c.petitions_handled = f.handledAt ? 1 : 0;
  c.petitions_on_time = f.handledAt && f.onTime ? 1 : 0;
  c.petitions_satisfied = f.status === 'answered' ? 1 : 0;
  return { agencyId: f.agencyId, procedureKey: f.procedureKey ?? '', month: monthOf(f.filedAt), channel: '', counters: c };
}

/** Indicator bits a dossier counts against (stored with the fact, so an explanation lists them with an index). */
export const AGAINST = {
  progress: 1,
  online: 2,
  payment: 4,
  electronicResult: 8,
  digitised: 16,
  reuse: 32,
  fromStore: 64,
  eid: 128,
  population: 256,
  satisfaction: 512,
} as const;
export type AgainstKey = keyof typeof AGAINST;

export function againstMask(f: DossierFact): number {
  let m = 0;
  const on = onTimeOf(f);
  if (on === false) m |= AGAINST.progress;
  if (!countsOnline(f)) m |= AGAINST.online;
  if (f.withFee && !f.paidOnline) m |= AGAINST.payment;
  if (f.hasResult && !f.electronicResult) m |= AGAINST.electronicResult;
  if (!digitisedOf(f)) m |= AGAINST.digitised;
  if (!reusedOf(f)) m |= AGAINST.reuse;
  if (f.fromStore === 0) m |= AGAINST.fromStore;
  if (!f.eid) m |= AGAINST.eid;
  if (!f.prefilled) m |= AGAINST.population;
  if (on === false || (f.rated && f.negative)) m |= AGAINST.satisfaction;
  return m;
}

/** Key of a counter row. */
export const counterKey = (c: Pick<Contribution, 'agencyId' | 'procedureKey' | 'month' | 'channel'>) => `${c.agencyId}|${c.procedureKey}|${c.month}|${c.channel}`;

/** The in-memory rollup: facts and counters, updated event by event (the model the SQL consumer implements). */
export class RollupModel {
  dossiers = new Map<string, DossierFact>();
  petitions = new Map<string, PetitionFact>();
  counters = new Map<string, Contribution>();

  apply(e: AnalyticsEvent): void {
    const s = subjectOf(e);
    if (!s) return;
    if (s.kind === 'dossier') {
      const old = this.dossiers.get(s.id);
      const next = applyDossierEvent(old, e, s.id);
      this.dossiers.set(s.id, next);
      this.shift(dossierContribution(old), dossierContribution(next));
    } else {
      const old = this.petitions.get(s.id);
      const next = applyPetitionEvent(old, e);
      this.petitions.set(s.id, next);
      this.shift(petitionContribution(old), petitionContribution(next));
    }
  }

  private shift(old: Contribution | null, next: Contribution | null): void {
    for (const [c, sign] of [[old, -1], [next, 1]] as const) {
      if (!c) continue;
      const k = counterKey(c);
      const row = this.counters.get(k) ?? { agencyId: c.agencyId, procedureKey: c.procedureKey, month: c.month, channel: c.channel, counters: zeroCounters() };
      addCounters(row.counters, c.counters, sign);
      this.counters.set(k, row);
    }
  }

  /** Counters recomputed from the facts alone (a full recomputation), without all-zero rows. */
  static recompute(dossiers: Iterable<DossierFact>, petitions: Iterable<PetitionFact>): Map<string, Contribution> {
    const out = new Map<string, Contribution>();
    const add = (c: Contribution | null) => {
      if (!c) return;
      const k = counterKey(c);
      const row = out.get(k) ?? { agencyId: c.agencyId, procedureKey: c.procedureKey, month: c.month, channel: c.channel, counters: zeroCounters() };
      addCounters(row.counters, c.counters);
      out.set(k, row);
    };
    for (const d of dossiers) add(dossierContribution(d));
    for (const p of petitions) add(petitionContribution(p));
    return out;
  }
}

export const isZero = (c: Counters) => COUNTERS.every((k) => c[k] === 0);
