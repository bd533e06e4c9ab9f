import { and, asc, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { CHANNEL_LABELS, KINDS, STATUS_LABELS, isKind, type Channel, type DeliveryStatus } from '../../shared/notify';
import type { LogEntry, NotificationItem } from '../../shared/api/notify';
import { notifyMessages } from './notify.schema';
import { notifyErrors } from './notify.errors';
import type { DossierReader } from './notify.ports';

type Row = typeof notifyMessages.$inferSelect;

const kindLabel = (k: string) => (isKind(k) ? KINDS[k].label : { vi: k, en: k });

/** Keyset cursor over (created_at desc, id desc). */
const encodeCursor = (r: Pick<Row, 'createdAt' | 'id'>) => Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(c: string | undefined): { at: Date; id: string } | null {
  if (!c) return null;
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '') ? null : { at: d, id };
}

/** The in-app inbox and the per-dossier notification log. */
export class NotifyService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierReader,
  ) {}

  private inboxOf(accountId: string) {
    return and(eq(notifyMessages.recipientAccountId, accountId), eq(notifyMessages.channel, 'inapp'));
  }

  async unread(db: DbOrTx, accountId: string): Promise<number> {
    const [r] = await db.select({ n: count() }).from(notifyMessages).where(and(this.inboxOf(accountId), isNull(notifyMessages.readAt)));
    return Number(r.n);
  }

  async inbox(accountId: string, cursor: string | undefined, limit: number): Promise<{ items: NotificationItem[]; unread: number; nextCursor: string | null }> {
    const c = decodeCursor(cursor);
    const rows = await this.db
      .select()
      .from(notifyMessages)
      .where(and(this.inboxOf(accountId), c ? or(lt(notifyMessages.createdAt, c.at), and(eq(notifyMessages.createdAt, c.at), lt(notifyMessages.id, c.id))) : undefined))
      .orderBy(desc(notifyMessages.createdAt), desc(notifyMessages.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ id: r.id, kind: r.kind, kindLabel: kindLabel(r.kind), title: r.subject ?? '', body: r.body ?? '', mandatory: r.mandatory, dossierId: r.dossierId, dossierCode: r.dossierCode, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
      unread: await this.unread(this.db, accountId),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /** Marks one message (or, with id null, every unread one) read; audited — proof the notice was opened. */
  async markRead(tx: DbOrTx, actor: Actor, accountId: string, id: string | null, now: Date): Promise<{ id: string | null; readAt: string; marked: number; unread: number }> {
    if (id) {
      const [row] = await tx.select({ readAt: notifyMessages.readAt }).from(notifyMessages).where(and(this.inboxOf(accountId), eq(notifyMessages.id, id)));
      if (!row) throw notifyErrors.notFound();
      if (row.readAt) return { id, readAt: row.readAt.toISOString(), marked: 0, unread: await this.unread(tx, accountId) };
    }
    const marked = await tx
      .update(notifyMessages)
      .set({ readAt: now })
      .where(and(this.inboxOf(accountId), isNull(notifyMessages.readAt), id ? eq(notifyMessages.id, id) : undefined))
      .returning({ id: notifyMessages.id });
    if (marked.length) await appendAudit(tx, actor, { action: 'notify.read', targetType: id ? 'notification' : 'account', targetId: id ?? accountId, after: { marked: marked.length } }, now);
    return { id, readAt: now.toISOString(), marked: marked.length, unread: await this.unread(tx, accountId) };
  }

  /**
   * The notifications of a dossier: every message for the handling (or consulted) agency's officers, the
   * applicant's own messages for the applicant. Addresses masked; no texts (the inbox shows those to their owner).
   */
  async dossierLog(principal: Principal, dossierId: string): Promise<LogEntry[]> {
    const access = await this.dossiers.access(principal, dossierId);
    const rows = await this.db
      .select()
      .from(notifyMessages)
      .where(and(eq(notifyMessages.dossierId, dossierId), access.officer ? undefined : eq(notifyMessages.recipientAccountId, principal.accountId)))
      .orderBy(asc(notifyMessages.createdAt), asc(notifyMessages.channel));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: kindLabel(r.kind),
      channel: r.channel as Channel,
      channelLabel: CHANNEL_LABELS[r.channel as Channel],
      to: r.toMasked,
      recipient: r.recipientAccountId === principal.accountId ? 'me' : r.recipientKind === 'officer' ? 'officer' : 'citizen',
      subject: r.channel === 'sms' || r.channel === 'zalo' ? null : r.subject,
      status: r.status as DeliveryStatus,
      statusLabel: STATUS_LABELS[r.status as DeliveryStatus],
      statusReason: r.statusReason,
      attempts: r.attempts,
      mandatory: r.mandatory,
      templateVersion: r.templateVersion,
      templateScope: r.templateScope,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      failedAt: r.failedAt?.toISOString() ?? null,
    }));
  }

  /** Counts by state, for the administration page. */
  async queue(): Promise<{ created: number; sending: number; retrying: number; failed: number; delivered: number }> {
    const rows = await this.db
      .select({ status: notifyMessages.status, retry: sql<boolean>`${notifyMessages.nextAttemptAt} is not null`, n: count() })
      .from(notifyMessages)
      .where(sql`${notifyMessages.channel} <> 'inapp'`)
      .groupBy(notifyMessages.status, sql`${notifyMessages.nextAttemptAt} is not null`);
    const out = { created: 0, sending: 0, retrying: 0, failed: 0, delivered: 0 };
    for (const r of rows) {
      const n = Number(r.n);
      if (r.status === 'created') out.created += n;
      else if (r.status === 'sending') out.sending += n;
      else if (r.status === 'delivered') out.delivered += n;
      else if (r.status === 'temporary-failure' && r.retry) out.retrying += n;
      else out.failed += n;
    }
    return out;
  }
}
