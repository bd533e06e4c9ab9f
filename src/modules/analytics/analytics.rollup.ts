/**
 * Rollups maintained incrementally from the outbox (the notify module's mechanism): the bus handler records each
 * consumed event in `analytics_inbox` inside the dispatcher's transaction (recorded if and only if the event is
 * marked published); the worker then takes inbox rows in sequence order, in bulk, and in ONE transaction folds them
 * into the dossier and petition facts, adds each changed fact's (new − old) contribution to the counters and
 * deletes the rows. Never a scan of all dossiers; `rebuild` replays the whole outbox history.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { PublishedEvent } from '../../platform/events/outbox';
import { pgArray } from '../../platform/db/write-batch';
import {
  COUNTERS,
  CONSUMED_PREFIXES,
  addCounters,
  againstMask,
  applyDossierEvent,
  applyPetitionEvent,
  counterKey,
  dossierContribution,
  isZero,
  monthOf,
  petitionContribution,
  processingDays,
  subjectOf,
  zeroCounters,
  dossierMonth,
  type AnalyticsEvent,
  type Contribution,
  type DossierFact,
  type PetitionFact,
} from '../../shared/analytics';
import { analyticsCounters, analyticsDossierFacts, analyticsInbox, analyticsPetitionFacts } from './analytics.schema';

export const consumes = (type: string) => CONSUMED_PREFIXES.some((p) => type.startsWith(p));

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

export class RollupWorker {
  private running: Promise<number> | null = null;
  constructor(
    private readonly db: Db,
    private readonly batchSize = 5_000,
  ) {}

  /** The bus handler: keeps the event in the inbox, in the dispatcher's transaction. */
  async record(event: PublishedEvent, tx?: Tx): Promise<void> {
    if (!consumes(event.type)) return;
    await (tx ?? this.db)
      .insert(analyticsInbox)
      .values({ eventId: event.id, seq: event.seq, type: event.type, aggregateId: event.aggregateId, payload: event.payload, occurredAt: event.occurredAt })
      .onConflictDoNothing();
  }

  /** One batch; concurrent callers share it. Returns the number of events folded. */
  runOnce(): Promise<number> {
    this.running ??= this.db.transaction((tx) => this.pass(tx)).finally(() => (this.running = null));
    return this.running;
  }

  /** Folds until the inbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  private async pass(tx: Tx): Promise<number> {
    const batch = await tx.select().from(analyticsInbox).orderBy(asc(analyticsInbox.seq)).limit(this.batchSize).for('update', { skipLocked: true });
    if (!batch.length) return 0;
    const events: AnalyticsEvent[] = batch.map((r) => ({ type: r.type, aggregateId: r.aggregateId, payload: r.payload, occurredAt: r.occurredAt.toISOString() }));
    await applyEvents(tx, events);
    await tx.delete(analyticsInbox).where(
      inArray(
        analyticsInbox.eventId,
        batch.map((r) => r.eventId),
      ),
    );
    return batch.length;
  }
}

/** Folds events (in order) into the stored facts and counters, in the caller's transaction. */
export async function applyEvents(tx: DbOrTx, events: readonly AnalyticsEvent[]): Promise<void> {
  const dossierIds = new Set<string>();
  const petitionIds = new Set<string>();
  for (const e of events) {
    const s = subjectOf(e);
    if (s?.kind === 'dossier') dossierIds.add(s.id);
    else if (s?.kind === 'petition') petitionIds.add(s.id);
  }
  const dossiers = new Map<string, DossierFact>();
  const petitions = new Map<string, PetitionFact>();
  if (dossierIds.size) {
    const rows = await tx.select({ id: analyticsDossierFacts.dossierId, fact: analyticsDossierFacts.fact }).from(analyticsDossierFacts).where(inArray(analyticsDossierFacts.dossierId, [...dossierIds]));
    for (const r of rows) dossiers.set(r.id, r.fact);
  }
  if (petitionIds.size) {
    const rows = await tx.select({ id: analyticsPetitionFacts.petitionId, fact: analyticsPetitionFacts.fact }).from(analyticsPetitionFacts).where(inArray(analyticsPetitionFacts.petitionId, [...petitionIds]));
    for (const r of rows) petitions.set(r.id, r.fact);
  }
  const before = new Map<string, Contribution | null>();
  for (const [id, f] of dossiers) before.set(`d:${id}`, dossierContribution(f));
  for (const [id, f] of petitions) before.set(`p:${id}`, petitionContribution(f));
  for (const e of events) {
    const s = subjectOf(e);
    if (!s) continue;
    if (s.kind === 'dossier') dossiers.set(s.id, applyDossierEvent(dossiers.get(s.id), e, s.id));
    else petitions.set(s.id, applyPetitionEvent(petitions.get(s.id), e));
  }
  // (new − old) contributions of the changed facts, summed per counter row.
  const deltas = new Map<string, Contribution>();
  const shift = (c: Contribution | null | undefined, sign: number) => {
    if (!c) return;
    const k = counterKey(c);
    const row = deltas.get(k) ?? { agencyId: c.agencyId, procedureKey: c.procedureKey, month: c.month, channel: c.channel, counters: zeroCounters() };
    addCounters(row.counters, c.counters, sign);
    deltas.set(k, row);
  };
  for (const id of dossierIds) {
    shift(before.get(`d:${id}`), -1);
    shift(dossierContribution(dossiers.get(id)), 1);
  }
  for (const id of petitionIds) {
    shift(before.get(`p:${id}`), -1);
    shift(petitionContribution(petitions.get(id)), 1);
  }
  await writeFacts(
    tx,
    [...dossierIds].map((id) => dossiers.get(id)!),
    [...petitionIds].map((id) => petitions.get(id)!),
  );
  await addToCounters(
    tx,
    [...deltas.values()].filter((d) => !isZero(d.counters)),
  );
}

const CHUNK = 5_000;

export async function writeFacts(tx: DbOrTx, dossiers: readonly DossierFact[], petitions: readonly PetitionFact[]): Promise<void> {
  for (let i = 0; i < dossiers.length; i += CHUNK) {
    const part = dossiers.slice(i, i + CHUNK);
    const col = (f: (d: DossierFact) => string | number | null) => pgArray(part.map(f));
    await tx.execute(sql`insert into analytics_dossier_facts (dossier_id, agency_id, procedure_key, month, code, state, channel, appointed_at, finished_at, assignee_id, against, days, fact)
      select * from unnest(${col((d) => d.id)}::text[], ${col((d) => d.agencyId)}::text[], ${col((d) => d.procedureKey ?? '')}::text[], ${col((d) => dossierMonth(d))}::text[], ${col((d) => d.code)}::text[], ${col((d) => d.state)}::text[], ${col((d) => d.channel)}::text[], ${col((d) => d.appointedAt)}::timestamptz[], ${col((d) => d.finishedAt)}::timestamptz[], ${col((d) => d.assigneeId)}::text[], ${col((d) => againstMask(d))}::int[], ${col((d) => {
        const days = processingDays(d);
        return days === null ? null : Math.floor(days);
      })}::int[], ${col((d) => JSON.stringify(d))}::jsonb[])
      on conflict (dossier_id) do update set agency_id = excluded.agency_id, procedure_key = excluded.procedure_key, month = excluded.month, code = excluded.code, state = excluded.state, channel = excluded.channel, appointed_at = excluded.appointed_at, finished_at = excluded.finished_at, assignee_id = excluded.assignee_id, against = excluded.against, days = excluded.days, fact = excluded.fact`);
  }
  for (let i = 0; i < petitions.length; i += CHUNK) {
    const part = petitions.slice(i, i + CHUNK);
    const col = (f: (d: PetitionFact) => string | null) => pgArray(part.map(f));
    await tx.execute(sql`insert into analytics_petition_facts (petition_id, agency_id, month, fact)
      select * from unnest(${col((p) => p.id)}::text[], ${col((p) => p.agencyId)}::text[], ${col((p) => monthOf(p.filedAt))}::text[], ${col((p) => JSON.stringify(p))}::jsonb[])
      on conflict (petition_id) do update set agency_id = excluded.agency_id, month = excluded.month, fact = excluded.fact`);
  }
}

const COLS = sql.raw(COUNTERS.join(', '));
const UPDATES = sql.raw(COUNTERS.map((c) => `${c} = analytics_counters.${c} + excluded.${c}`).join(', '));

/** Adds counter deltas (upserts), in bulk. */
export async function addToCounters(tx: DbOrTx, rows: readonly Contribution[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = COUNTERS.map((c) => sql`${pgArray(part.map((r) => r.counters[c]))}::bigint[]`);
    await tx.execute(sql`insert into analytics_counters (agency_id, procedure_key, month, channel, ${COLS})
      select * from unnest(${pgArray(part.map((r) => r.agencyId))}::text[], ${pgArray(part.map((r) => r.procedureKey))}::text[], ${pgArray(part.map((r) => r.month))}::text[], ${pgArray(part.map((r) => r.channel))}::text[], ${sql.join(arrays, sql`, `)})
      on conflict (agency_id, month, procedure_key, channel) do update set ${UPDATES}`);
  }
}

/** Every counter row (tests, the rebuild check), without all-zero rows. */
export async function storedCounters(db: DbOrTx): Promise<Map<string, Contribution>> {
  const rows = rowsOf<Record<string, string | number>>(await db.execute(sql`select agency_id, procedure_key, month, channel, ${COLS} from analytics_counters`));
  const out = new Map<string, Contribution>();
  for (const r of rows) {
    const counters = zeroCounters();
    for (const c of COUNTERS) counters[c] = Number(r[c]);
    if (isZero(counters)) continue;
    const row = { agencyId: String(r.agency_id), procedureKey: String(r.procedure_key), month: String(r.month), channel: String(r.channel), counters };
    out.set(counterKey(row), row);
  }
  return out;
}

export async function storedFacts(db: DbOrTx): Promise<{ dossiers: DossierFact[]; petitions: PetitionFact[] }> {
  const d = await db.select({ fact: analyticsDossierFacts.fact }).from(analyticsDossierFacts);
  const p = await db.select({ fact: analyticsPetitionFacts.fact }).from(analyticsPetitionFacts);
  return { dossiers: d.map((r) => r.fact), petitions: p.map((r) => r.fact) };
}

/**
 * Recomputes the rollups from history: empties facts, counters and inbox, copies every consumed event of the outbox
 * (whatever its delivery status) into the inbox, and folds it. Returns the number of events replayed.
 */
export async function rebuild(db: Db, worker: RollupWorker, onProgress?: (done: number) => void): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`truncate analytics_dossier_facts, analytics_petition_facts, analytics_counters, analytics_inbox`);
    const like = sql.join(
      CONSUMED_PREFIXES.map((p) => sql`type like ${p + '%'}`),
      sql` or `,
    );
    await tx.execute(sql`insert into analytics_inbox (event_id, seq, type, aggregate_id, payload, occurred_at) select id, seq, type, aggregate_id, payload, occurred_at from outbox_events where ${like}`);
  });
  let total = 0;
  for (;;) {
    const n = await worker.runOnce();
    if (!n) break;
    total += n;
    onProgress?.(total);
  }
  return total;
}

export { analyticsCounters };
