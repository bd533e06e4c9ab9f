/**
 * Timed notices and housekeeping, run every minute by whichever process is up (idempotent): the officers'
 * due-tomorrow digest once each working day at NOTIFY_DIGEST_AT, the overdue alert to the agency's leaders once per
 * due time passed, and the erasure of addresses and texts of external messages after the retention period.
 */
import { and, eq, gte, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { NotifyConfig } from '../../config';
import { fromLocalDateTime, localDateTime, toLocalDate } from '../../shared/calendar';
import { formatVnDate, formatVnDateTime } from '../../shared/notify';
import { notifyJobs, notifyMessages, notifyWatch } from './notify.schema';
import type { Composer, MessageInsert } from './notify.compose';
import type { NotifyPorts } from './notify.ports';
import { agencyName } from './notify.planner';

export interface JobsDeps {
  db: Db;
  clock: Clock;
  config: NotifyConfig;
  publicUrl: string;
  ports: NotifyPorts;
  composer: Composer;
}

const dayAfter = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export class Jobs {
  constructor(private readonly d: JobsDeps) {}

  async runOnce(): Promise<{ digests: number; overdue: number; erased: number }> {
    const now = this.d.clock.now();
    return { digests: await this.digest(now), overdue: await this.overdue(now), erased: await this.erase(now) };
  }

  /** The due-tomorrow digest: to each assignee (the desk's receiving officers for unassigned dossiers). */
  async digest(now: Date): Promise<number> {
    const cal = await this.d.ports.calendar.calendar();
    const today = toLocalDate(now);
    if (!cal.isWorkingDay(today) || localDateTime(now).slice(11, 16) < this.d.config.digestAt) return 0;
    const [ran] = await this.d.db.select().from(notifyJobs).where(and(eq(notifyJobs.name, 'due_tomorrow'), eq(notifyJobs.day, today)));
    if (ran) return 0;
    const tomorrow = cal.nextWorkingDay(today);
    const due = await this.d.db
      .select()
      .from(notifyWatch)
      .where(and(eq(notifyWatch.running, true), gte(notifyWatch.dueAt, fromLocalDateTime(tomorrow, '00:00')), lt(notifyWatch.dueAt, fromLocalDateTime(dayAfter(tomorrow), '00:00'))));
    const byOfficer = new Map<string, typeof due>();
    const desks = new Map<string, string[]>();
    for (const w of due) {
      let to = w.assigneeId ? [w.assigneeId] : desks.get(w.agencyId);
      if (!to) {
        to = await this.d.ports.people.holdersOf(['receiving_officer'], w.agencyId);
        desks.set(w.agencyId, to);
      }
      for (const id of to) byOfficer.set(id, [...(byOfficer.get(id) ?? []), w]);
    }
    const messages: MessageInsert[] = [];
    for (const [officer, list] of byOfficer) {
      messages.push(
        ...(await this.d.composer.compose(
          {
            eventId: `digest:due_tomorrow:${today}`,
            eventType: 'notify.due_tomorrow',
            kind: 'officer_due_tomorrow',
            recipients: [officer],
            values: (lang, c) => ({
              name: c.displayName,
              day: formatVnDate(tomorrow),
              count: list.length,
              dossiers: list.map((w) => `${w.code ?? ''} — ${w.procedureName[lang] || w.procedureName.vi} (${formatVnDateTime(w.dueAt).slice(11)})`),
              link: `${this.d.publicUrl}/can-bo?queue=due_soon`,
            }),
          },
          now,
        )),
      );
    }
    await this.d.db.transaction(async (tx) => {
      const claimed = await tx.insert(notifyJobs).values({ name: 'due_tomorrow', day: today, ranAt: now }).onConflictDoNothing().returning();
      if (claimed.length && messages.length) await tx.insert(notifyMessages).values(messages).onConflictDoNothing();
    });
    return byOfficer.size;
  }

  /** Dossiers whose legal time ran out: their agency's leaders (approvers) are told, once per due time. */
  async overdue(now: Date): Promise<number> {
    const late = await this.d.db
      .select()
      .from(notifyWatch)
      .where(and(eq(notifyWatch.running, true), lt(notifyWatch.dueAt, now), or(isNull(notifyWatch.overdueNotifiedFor), ne(notifyWatch.overdueNotifiedFor, notifyWatch.dueAt))))
      .limit(200);
    let n = 0;
    for (const w of late) {
      const agency = await this.d.ports.agencies.get(w.agencyId);
      const leaders = await this.d.ports.people.holdersOf(['approver'], w.agencyId);
      const assignee = w.assigneeId ? (await this.d.ports.people.contacts([w.assigneeId]))[0]?.displayName ?? '' : '';
      const messages = await this.d.composer.compose(
        {
          eventId: `overdue:${w.dossierId}:${w.dueAt!.toISOString()}`,
          eventType: 'notify.overdue',
          kind: 'officer_overdue',
          dossierId: w.dossierId,
          dossierCode: w.code,
          agencyId: w.agencyId,
          recipients: leaders,
          values: (lang, c) => ({
            name: c.displayName,
            code: w.code ?? '',
            procedure: w.procedureName[lang] || w.procedureName.vi,
            agency: agencyName(agency, lang),
            due: formatVnDateTime(w.dueAt),
            assignee,
            link: `${this.d.publicUrl}/can-bo/ho-so/${w.dossierId}`,
          }),
        },
        now,
      );
      await this.d.db.transaction(async (tx) => {
        if (messages.length) await tx.insert(notifyMessages).values(messages).onConflictDoNothing();
        await tx.update(notifyWatch).set({ overdueNotifiedFor: w.dueAt }).where(and(eq(notifyWatch.dossierId, w.dossierId), eq(notifyWatch.dueAt, w.dueAt!)));
      });
      n++;
    }
    return n;
  }

  /** Addresses and texts of e-mail, SMS and Zalo messages in a final state are erased after the retention period. */
  async erase(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.d.config.retentionDays * 86_400_000);
    const rows = await this.d.db
      .update(notifyMessages)
      .set({ toAddress: null, body: null, extra: null, erasedAt: now })
      .where(and(inArray(notifyMessages.channel, ['email', 'sms', 'zalo']), inArray(notifyMessages.status, ['delivered', 'permanent-failure', 'technical-failure', 'temporary-failure']), isNull(notifyMessages.nextAttemptAt), isNull(notifyMessages.erasedAt), lt(notifyMessages.updatedAt, before)))
      .returning({ id: notifyMessages.id });
    return rows.length;
  }
}

