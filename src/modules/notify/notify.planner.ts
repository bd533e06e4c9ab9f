/**
 * From events to messages. The bus handler only records each consumed event in the inbox, inside the outbox
 * dispatcher's transaction; the planner then takes inbox rows (a lease, so another process can take over), reads
 * what the messages need through the other modules' services — never inside a request, never inside the
 * dispatcher's transaction — and writes the messages, the watch row and the inbox deletion in one transaction.
 * Message ids are derived from the event id, so planning an event twice changes nothing.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { PublishedEvent } from '../../platform/events/outbox';
import { formatVnDateTime, formatVnd, type Kind, type Language, type Personalisation } from '../../shared/notify';
import { notifyInbox, notifyMessages, notifyWatch } from './notify.schema';
import type { ComposeReads, Composer, MessageInsert, Notice } from './notify.compose';
import type { AgencyInfo, DossierFacts, NotifyPorts } from './notify.ports';

/** Dossier events and the citizen notice each gives (the others only update the watch). */
export const CITIZEN_KIND_OF_EVENT: Record<string, Kind | ((payload: Record<string, unknown>) => Kind)> = {
  'dossier.received': 'dossier_received',
  'dossier.reception_refused': 'reception_refused',
  'dossier.supplement_requested': 'supplement_requested',
  'dossier.payment_requested': 'payment_requested',
  'dossier.payment_confirmed': 'payment_confirmed',
  'dossier.result_issued': 'result_ready',
  'dossier.result_returned': 'result_returned',
  'dossier.rejected': 'request_rejected',
  'dossier.withdrawal_requested': (p) => (p.to === 'withdrawn' ? 'dossier_withdrawn' : 'withdrawal_requested'),
  'dossier.stopped': 'dossier_stopped',
  'dossier.extended': 'dossier_extended',
};
export const OFFICER_KIND_OF_EVENT: Record<string, Kind> = {
  'dossier.assigned': 'officer_assigned',
  'dossier.consultation_requested': 'officer_consultation',
};
/** Reserved for the feedback module: `{ accountId, petitionId, code, agencyId, link? }`. */
export const PETITION_ANSWERED = 'petition.answered';
export interface PetitionAnsweredPayload {
  accountId: string;
  petitionId: string;
  code: string;
  agencyId?: string | null;
  /** Where the answer is read; default PUBLIC_URL/phan-anh/<petitionId>. */
  link?: string;
}

/** Whether the module keeps an event (all dossier events feed the watch; the petition event is a notice). */
export const consumes = (type: string) => type.startsWith('dossier.') || type === PETITION_ANSWERED || type === SUPERVISION_ALERT || type in MEETING_KIND_OF_EVENT || type in INSPECTION_KIND_OF_EVENT;

/**
 * The meeting module's invitations and reminders, one event per participant: `{ accountId | personalId, agencyId,
 * title, startsAtText, videoUrl, opinionDeadlineText }` — an officer's notice, or a guest's (an outsider who signs in
 * as a citizen) by her citizen account.
 */
export const MEETING_KIND_OF_EVENT: Record<string, { officer: Kind; guest: Kind }> = {
  'meeting.invited': { officer: 'meeting_invited', guest: 'meeting_guest_invited' },
  'meeting.reminder': { officer: 'meeting_reminder', guest: 'meeting_guest_reminder' },
};
interface MeetingInvitation {
  accountId?: string | null;
  personalId?: string | null;
  agencyId?: string;
  title?: string;
  startsAtText?: string;
  videoUrl?: string | null;
  opinionDeadlineText?: string | null;
}
/**
 * The inspection module's notices to the inspected enterprise's legal representative: the plan approved (the
 * inspection scheduled), the minutes signed by the team (ready for her signature). Payload: `{ agencyId,
 * representativePersonalId, code, title, entityName, startsOn, endsOn }`.
 */
export const INSPECTION_KIND_OF_EVENT: Record<string, Kind> = {
  'inspection.approve': 'inspection_scheduled',
  'inspection.sign_team': 'inspection_minutes_to_sign',
};
interface InspectionNoticePayload {
  agencyId: string;
  representativePersonalId?: string | null;
  code?: string;
  title?: string;
  entityName?: string;
  startsOn?: string;
  endsOn?: string;
}

/** The supervision module's alerts: `{ audience, recipients, agencyId, report, enterprise, periodLabel, problem, link }`. */
export const SUPERVISION_ALERT = 'supervision.alert';
interface SupervisionAlert {
  audience: 'citizen' | 'officer';
  recipients: string[];
  agencyId: string;
  report: string;
  enterprise: string;
  periodLabel: { vi: string; en: string };
  problem: { vi: string; en: string };
  link: string;
}

const METHOD: Record<string, Record<Language, string>> = {
  online: { vi: 'trực tuyến', en: 'online' },
  counter: { vi: 'tại Bộ phận một cửa', en: 'at the one-stop desk' },
  post: { vi: 'qua dịch vụ bưu chính', en: 'by post' },
};

type InboxRow = typeof notifyInbox.$inferSelect;

/** The event's own time (the producer's clock, in the payload), else when it was written to the outbox. */
const eventTime = (row: InboxRow): Date => {
  const at = typeof row.payload.at === 'string' ? new Date(row.payload.at) : null;
  return at && !Number.isNaN(at.getTime()) ? at : row.occurredAt;
};
type WatchInsert = typeof notifyWatch.$inferInsert;

export interface PlannerDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
  ports: NotifyPorts;
  composer: Composer;
  batchSize?: number;
  /** Events planned at once within a batch (their reads run in parallel). */
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  error(msg: string, fields: Record<string, unknown>): void;
}

export const agencyName = (a: AgencyInfo | undefined, lang: Language) => (a ? (lang === 'en' ? a.nameEn : a.name) : '');
export const collectAt = (a: AgencyInfo | undefined, lang: Language) => (a ? [lang === 'en' ? (a.oneStopUnitEn ?? a.oneStopUnit) : a.oneStopUnit, a.address].filter(Boolean).join(', ') : '');

export class Planner {
  private running: Promise<number> | null = null;

  constructor(private readonly d: PlannerDeps) {}

  /** The bus handler: records the event in the dispatcher's transaction (a savepoint, so a failure stays ours). */
  async record(event: PublishedEvent, tx?: Tx): Promise<void> {
    if (!consumes(event.type)) return;
    const row = { eventId: event.id, seq: event.seq, type: event.type, aggregateId: event.aggregateId, payload: event.payload, occurredAt: event.occurredAt };
    if (tx) await tx.transaction(async (sp) => void (await sp.insert(notifyInbox).values(row).onConflictDoNothing()));
    else await this.d.db.insert(notifyInbox).values(row).onConflictDoNothing();
  }

  /** One pass over the inbox; concurrent callers share it. Returns the number of events planned. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.batch();
      total += n;
      if (n < (this.d.batchSize ?? 100)) return total;
    }
  }

  private async batch(): Promise<number> {
    const now = this.d.clock.now();
    const until = new Date(now.getTime() + (this.d.leaseMs ?? 30_000));
    // One statement: claim a batch under a lease (SKIP LOCKED lets several processes share the inbox).
    const claimable = this.d.db
      .select({ id: notifyInbox.eventId })
      .from(notifyInbox)
      .where(and(eq(notifyInbox.status, 'pending'), or(isNull(notifyInbox.claimedUntil), lt(notifyInbox.claimedUntil, now))))
      .orderBy(asc(notifyInbox.seq))
      .limit(this.d.batchSize ?? 100)
      .for('update', { skipLocked: true });
    const rows = (await this.d.db.update(notifyInbox).set({ claimedUntil: until, attempts: sql`${notifyInbox.attempts} + 1` }).where(inArray(notifyInbox.eventId, claimable)).returning()).sort((a, b) => a.seq - b.seq);
    if (!rows.length) return 0;
    const messages: MessageInsert[] = [];
    const watch = new Map<string, WatchInsert>();
    const done: string[] = [];
    const failed: Array<{ row: InboxRow; error: string }> = [];
    const errorOf = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 300);
    // Planning reads are independent per event: several at once, so a batch costs a few round trips of latency
    // rather than one per read per event; a dossier's facts are read once per batch. Then the recipients' contacts
    // and preferences are read in bulk for the whole batch, and each person's consents once.
    const facts = new Map<string, Promise<DossierFacts | null>>();
    const batchFacts = (id: string) => {
      let f = facts.get(id);
      if (!f) facts.set(id, (f = this.d.ports.dossiers.facts(id)));
      return f;
    };
    const planned = await mapLimit(rows, this.d.concurrency ?? 16, async (row) => {
      try {
        return { row, out: await this.noticesOf(row, now, batchFacts) };
      } catch (err) {
        return { row, error: errorOf(err) };
      }
    });
    let reads: ComposeReads | null = null;
    let readError: string | null = null;
    try {
      reads = await this.d.composer.reads(planned.flatMap((o) => (o.out ? o.out.notices.flatMap((n) => n.recipients) : [])));
    } catch (err) {
      readError = errorOf(err);
    }
    type Outcome = { row: InboxRow; out?: { messages: MessageInsert[]; watch?: WatchInsert }; error?: string };
    const outcomes = await mapLimit(planned, this.d.concurrency ?? 16, async (o): Promise<Outcome> => {
      if (!o.out) return { row: o.row, error: o.error };
      if (!reads) return { row: o.row, error: readError! };
      try {
        const out: MessageInsert[] = [];
        for (const n of o.out.notices) out.push(...(await this.d.composer.compose(n, now, reads)));
        return { row: o.row, out: { messages: out, watch: o.out.watch } };
      } catch (err) {
        return { row: o.row, error: errorOf(err) };
      }
    });
    for (const o of outcomes) {
      if (!o.out) {
        failed.push({ row: o.row, error: o.error! });
        continue;
      }
      messages.push(...o.out.messages);
      const w = o.out.watch;
      if (w) {
        const prev = watch.get(w.dossierId);
        if (!prev || prev.lastSeq! < w.lastSeq!) watch.set(w.dossierId, w);
      }
      done.push(o.row.eventId);
    }
    const watchRows = [...watch.values()];
    await this.d.db.transaction(async (tx) => {
      for (let i = 0; i < messages.length; i += 500) await tx.insert(notifyMessages).values(messages.slice(i, i + 500)).onConflictDoNothing();
      // The watch rows of the batch in one statement per 500 (a later event's row never overwritten by an earlier one).
      for (let i = 0; i < watchRows.length; i += 500) {
        await tx
          .insert(notifyWatch)
          .values(watchRows.slice(i, i + 500))
          .onConflictDoUpdate({
            target: notifyWatch.dossierId,
            set: { agencyId: sql`excluded.agency_id`, code: sql`excluded.code`, procedureName: sql`excluded.procedure_name`, assigneeId: sql`excluded.assignee_id`, dueAt: sql`excluded.due_at`, running: sql`excluded.running`, lastSeq: sql`excluded.last_seq`, updatedAt: sql`excluded.updated_at` },
            setWhere: sql`${notifyWatch.lastSeq} <= excluded.last_seq`,
          });
      }
      if (done.length) await tx.delete(notifyInbox).where(inArray(notifyInbox.eventId, done));
      for (const f of failed) {
        const dead = f.row.attempts >= (this.d.maxAttempts ?? 10);
        await tx.update(notifyInbox).set({ lastError: f.error, status: dead ? 'dead' : 'pending', claimedUntil: new Date(now.getTime() + Math.min(60_000 * 2 ** (f.row.attempts - 1), 3_600_000)) }).where(eq(notifyInbox.eventId, f.row.eventId));
      }
    });
    for (const f of failed) this.d.error('notification planning failed', { eventId: f.row.eventId, type: f.row.type, attempt: f.row.attempts, error: f.error });
    return rows.length;
  }

  /** The notices of one event, composed into messages, and the dossier's watch row. */
  async plan(row: InboxRow, now: Date): Promise<{ messages: MessageInsert[]; watch?: WatchInsert }> {
    const { notices, watch } = await this.noticesOf(row, now, (id) => this.d.ports.dossiers.facts(id));
    const messages: MessageInsert[] = [];
    for (const n of notices) messages.push(...(await this.d.composer.compose(n, now)));
    return { messages, watch };
  }

  /** The notices of one event (not yet composed), and the dossier's watch row. */
  async noticesOf(row: InboxRow, now: Date, factsOf: (dossierId: string) => Promise<DossierFacts | null>): Promise<{ notices: Notice[]; watch?: WatchInsert }> {
    const one = (n: Notice | null) => ({ notices: n ? [n] : [] });
    if (row.type === PETITION_ANSWERED) return one(await this.petitionNotice(row));
    if (row.type === SUPERVISION_ALERT) return one(await this.supervisionNotice(row));
    if (row.type in MEETING_KIND_OF_EVENT) return one(await this.meetingNotice(row));
    if (row.type in INSPECTION_KIND_OF_EVENT) return one(await this.inspectionNotice(row));
    const facts = await factsOf(row.aggregateId);
    if (!facts) return { notices: [] };
    const seq = Number(row.payload.seq ?? facts.eventCount - 1);
    const watch: WatchInsert = { dossierId: facts.id, agencyId: facts.agencyId, code: facts.code, procedureName: facts.procedureName, assigneeId: facts.assigneeId, dueAt: facts.dueAt, running: facts.running, lastSeq: seq, updatedAt: now };
    const notices: Notice[] = [];
    const agency = await this.d.ports.agencies.get(facts.agencyId);
    const citizenKind = CITIZEN_KIND_OF_EVENT[row.type];
    if (citizenKind) {
      const kind = typeof citizenKind === 'function' ? citizenKind(row.payload) : citizenKind;
      let recipients = facts.filerAccountIds;
      // A counter filing: the subject's own account, if the person ever signed in.
      if (!recipients.length && facts.subject.type === 'citizen') {
        const acc = await this.d.ports.people.citizenAccountOf(facts.subject.id);
        recipients = acc ? [acc] : [];
      }
      if (recipients.length) notices.push(this.dossierNotice(row, kind, facts, agency, recipients, 'citizen'));
    }
    const officerKind = OFFICER_KIND_OF_EVENT[row.type];
    if (officerKind === 'officer_assigned' && facts.assigneeId) notices.push(this.dossierNotice(row, officerKind, facts, agency, [facts.assigneeId], 'officer'));
    if (officerKind === 'officer_consultation') {
      // The consultation of this event (the dossier may have moved on since: another answered, a new one asked).
      const c = facts.consultations.find((x) => x.requestedAt === row.payload.at) ?? facts.consultations.at(-1);
      const consulted = c ? await this.d.ports.agencies.byCode(c.agencyCode) : undefined;
      const specialists = consulted ? await this.d.ports.people.holdersOf(['specialist'], consulted.id) : [];
      if (c && consulted && specialists.length) {
        notices.push({
          ...this.dossierNotice(row, officerKind, facts, agency, specialists, 'officer'),
          agencyId: consulted.id,
          values: (lang, contact) => ({ ...this.dossierValues(facts, agency, lang, 'officer'), name: contact.displayName, agency: agencyName(consulted, lang), requesting_agency: agencyName(agency, lang), question: c.question, reply_by: formatVnDateTime(c.stepDueAt) }),
        });
      }
    }
    return { notices, watch };
  }

  dossierValues(f: DossierFacts, agency: AgencyInfo | undefined, lang: Language, audience: 'citizen' | 'officer'): Record<string, Personalisation[string]> {
    const base = this.d.publicUrl;
    return {
      code: f.code ?? '',
      procedure: f.procedureName[lang] || f.procedureName.vi,
      agency: agencyName(agency, lang),
      link: audience === 'citizen' ? `${base}/ho-so/${f.id}` : `${base}/can-bo/ho-so/${f.id}`,
      lookup_link: f.code ? `${base}/tra-cuu/${f.code}` : `${base}/tra-cuu`,
      appointment: formatVnDateTime(f.dueAt),
      due: formatVnDateTime(f.dueAt),
      collect_at: collectAt(agency, lang),
    };
  }

  private dossierNotice(row: InboxRow, kind: Kind, f: DossierFacts, agency: AgencyInfo | undefined, recipients: string[], audience: 'citizen' | 'officer'): Notice {
    return {
      eventId: row.eventId,
      eventType: row.type,
      kind,
      dossierId: f.id,
      dossierCode: f.code,
      agencyId: f.agencyId,
      recipients,
      at: eventTime(row),
      values: (lang, contact) => {
        const v: Record<string, Personalisation[string]> = { ...this.dossierValues(f, agency, lang, audience), name: contact.displayName };
        if (kind === 'reception_refused' || kind === 'request_rejected') v.reason = f.refusalReason ?? '';
        if (kind === 'supplement_requested') Object.assign(v, { reason: f.supplement?.reason ?? '', missing_items: f.supplement?.missingItems ?? [], until: formatVnDateTime(f.supplement?.dueAt) });
        if (kind === 'payment_requested') Object.assign(v, { reason: f.payment?.reason ?? '', amount: f.payment?.amountVnd != null ? formatVnd(f.payment.amountVnd, lang) : '' });
        if (kind === 'dossier_stopped') v.reason = f.stopReason ?? '';
        if (kind === 'dossier_extended') Object.assign(v, { reason: f.extension?.reason ?? '', old_due: formatVnDateTime(f.extension?.previousDueAt), new_due: formatVnDateTime(f.extension?.newDueAt) });
        if (kind === 'result_returned') v.method = f.returnMethod ? METHOD[f.returnMethod][lang] : '';
        if (kind === 'result_ready') v.electronic = f.resultElectronic ? (lang === 'vi' ? 'có' : 'yes') : false;
        return v;
      },
    };
  }

  private async supervisionNotice(row: InboxRow): Promise<Notice> {
    const p = row.payload as unknown as SupervisionAlert;
    const agency = await this.d.ports.agencies.get(p.agencyId);
    return {
      eventId: row.eventId,
      eventType: row.type,
      kind: p.audience === 'officer' ? 'supervision_officer_alert' : 'supervision_alert',
      agencyId: p.agencyId,
      recipients: Array.isArray(p.recipients) ? p.recipients : [],
      at: eventTime(row),
      values: (lang, contact) => ({ name: contact.displayName, agency: agencyName(agency, lang), report: p.report, period: p.periodLabel?.[lang] ?? '', problem: p.problem?.[lang] ?? '', enterprise: p.enterprise, link: p.link }),
    };
  }

  /** An invitation or a reminder to one participant: an officer by her account, a guest by her citizen account. */
  private async meetingNotice(row: InboxRow): Promise<Notice | null> {
    const p = row.payload as unknown as MeetingInvitation;
    const kinds = MEETING_KIND_OF_EVENT[row.type];
    const guest = !p.accountId;
    const recipient = p.accountId ?? (p.personalId ? await this.d.ports.people.citizenAccountOf(p.personalId) : null);
    if (!recipient) return null;
    const agency = p.agencyId ? await this.d.ports.agencies.get(p.agencyId) : undefined;
    const link = `${this.d.publicUrl}${guest ? '' : '/can-bo'}/hop/${row.aggregateId}`;
    return {
      eventId: row.eventId,
      eventType: row.type,
      kind: guest ? kinds.guest : kinds.officer,
      agencyId: p.agencyId ?? null,
      recipients: [recipient],
      at: eventTime(row),
      values: (lang, contact) => ({ name: contact.displayName, agency: agencyName(agency, lang), meeting: p.title ?? '', starts_at: p.startsAtText ?? '', video_link: p.videoUrl ?? '', opinion_deadline: p.opinionDeadlineText ?? '', link }),
    };
  }

  /** A notice to the inspected enterprise's legal representative (her citizen account, if she ever signed in). */
  private async inspectionNotice(row: InboxRow): Promise<Notice | null> {
    const p = row.payload as unknown as InspectionNoticePayload;
    const recipient = p.representativePersonalId ? await this.d.ports.people.citizenAccountOf(p.representativePersonalId) : null;
    if (!recipient) return null;
    const agency = await this.d.ports.agencies.get(p.agencyId);
    const day = (d?: string) => (d ? d.split('-').reverse().join('/') : '');
    return {
      eventId: row.eventId,
      eventType: row.type,
      kind: INSPECTION_KIND_OF_EVENT[row.type],
      agencyId: p.agencyId,
      recipients: [recipient],
      at: eventTime(row),
      values: (lang, contact) => ({ name: contact.displayName, agency: agencyName(agency, lang), enterprise: p.entityName ?? '', inspection_code: p.code ?? '', inspection: p.title ?? '', period_text: `${day(p.startsOn)} – ${day(p.endsOn)}`, link: `${this.d.publicUrl}/kiem-tra/${row.aggregateId}` }),
    };
  }

  private async petitionNotice(row: InboxRow): Promise<Notice> {
    const p = row.payload as unknown as PetitionAnsweredPayload;
    const agency = p.agencyId ? await this.d.ports.agencies.get(p.agencyId) : undefined;
    return {
      eventId: row.eventId,
      eventType: row.type,
      kind: 'petition_answered',
      agencyId: p.agencyId ?? null,
      recipients: p.accountId ? [p.accountId] : [],
      at: eventTime(row),
      values: (lang, contact) => ({ name: contact.displayName, petition_code: p.code ?? '', link: p.link ?? `${this.d.publicUrl}/phan-anh/${p.petitionId}`, agency: agencyName(agency, lang) }),
    };
  }
}

/** Maps with at most `limit` calls in flight; results in the input's order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
