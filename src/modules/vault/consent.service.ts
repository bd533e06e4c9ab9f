import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { canonicalJson, sha256 } from '../../platform/audit/canonical';
import { consentNotices, consentRecords } from './vault.schema';
import { vaultErrors } from './vault.errors';

import { CONSENT_PURPOSES, type ConsentPurpose } from '../../shared/api/vault';

export { CONSENT_PURPOSES, type ConsentPurpose };

export interface NoticeInput {
  purpose: ConsentPurpose;
  version: number;
  textVi: string;
  textEn: string;
  effectiveFrom: Date;
}

/** The first version of each notice, loaded with the reference data. */
export const DEFAULT_NOTICES: readonly NoticeInput[] = [
  {
    purpose: 'prefill',
    version: 1,
    textVi: 'Tôi đồng ý để cơ quan giải quyết thủ tục lấy thông tin của tôi từ Cơ sở dữ liệu quốc gia về dân cư và đăng ký doanh nghiệp để tự động điền vào tờ khai, chỉ cho hồ sơ tôi nộp.',
    textEn: 'I agree that the agency handling my procedure takes my data from the national population and business registries to fill in my forms, only for the dossiers I file.',
    effectiveFrom: new Date('2026-01-01T00:00:00+07:00'),
  },
  {
    purpose: 'data_store_reuse',
    version: 1,
    textVi: 'Tôi đồng ý để kết quả và giấy tờ đã số hóa trong kho dữ liệu của tôi được dùng lại cho các hồ sơ sau.',
    textEn: 'I agree that results and digitised documents in my data store are reused for later dossiers.',
    effectiveFrom: new Date('2026-01-01T00:00:00+07:00'),
  },
  {
    purpose: 'service_feedback',
    version: 1,
    textVi: 'Tôi đồng ý được liên hệ để đánh giá mức độ hài lòng về dịch vụ công.',
    textEn: 'I agree to be contacted to rate my satisfaction with public services.',
    effectiveFrom: new Date('2026-01-01T00:00:00+07:00'),
  },
  {
    purpose: 'sms_notifications',
    version: 1,
    textVi: 'Tôi đồng ý nhận tin nhắn SMS về tình trạng hồ sơ tới số điện thoại của tôi.',
    textEn: 'I agree to receive text messages about the status of my dossiers on my phone number.',
    effectiveFrom: new Date('2026-01-01T00:00:00+07:00'),
  },
  {
    // Zalo is a separate purpose: the number is given to another controller (Zalo's operator) to reach the account.
    purpose: 'zalo_notifications',
    version: 1,
    textVi: 'Tôi đồng ý để số điện thoại của tôi được dùng để gửi thông báo về tình trạng hồ sơ qua Zalo (tin nhắn ZNS tới tài khoản Zalo gắn với số này).',
    textEn: 'I agree that my phone number is used to send me notices about my dossiers through Zalo (ZNS messages to the Zalo account of this number).',
    effectiveFrom: new Date('2026-01-01T00:00:00+07:00'),
  },
];

export type NoticeRow = typeof consentNotices.$inferSelect;
export type ConsentRow = typeof consentRecords.$inferSelect;
const GENESIS = '0'.repeat(64);

export const noticeDigest = (n: Pick<NoticeRow, 'purpose' | 'version' | 'textVi' | 'textEn'>) => sha256(canonicalJson({ purpose: n.purpose, version: n.version, textVi: n.textVi, textEn: n.textEn }));

/** What a consent record's hash covers, in one place so append and verify cannot disagree. */
const recordContent = (r: Pick<ConsentRow, 'id' | 'personalId' | 'seq' | 'purpose' | 'noticeVersion' | 'noticeDigest' | 'given' | 'at'>) =>
  canonicalJson({ id: r.id, personalId: r.personalId, seq: r.seq, purpose: r.purpose, noticeVersion: r.noticeVersion, noticeDigest: r.noticeDigest, given: r.given, at: r.at.toISOString() });

export async function seedConsentNotices(db: DbOrTx): Promise<void> {
  await db
    .insert(consentNotices)
    .values(DEFAULT_NOTICES.map((n) => ({ ...n })))
    .onConflictDoNothing();
}

/** Publishes a new notice version (new text means citizens must consent again, see hasConsent). */
export async function publishNotice(db: Db, actor: Actor, n: NoticeInput): Promise<NoticeRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(consentNotices).values(n).onConflictDoNothing().returning();
    if (!row) throw vaultErrors.noticeExists();
    await appendAudit(tx, actor, { action: 'consent.notice_published', targetType: 'consent_notice', targetId: `${n.purpose}/${n.version}`, after: n });
    return row;
  });
}

/** The notice version in effect for a purpose at a time (the highest version already effective). */
export async function currentNotice(db: DbOrTx, purpose: string, at: Date): Promise<NoticeRow | null> {
  const [row] = await db
    .select()
    .from(consentNotices)
    .where(and(eq(consentNotices.purpose, purpose), lte(consentNotices.effectiveFrom, at)))
    .orderBy(desc(consentNotices.version))
    .limit(1);
  return row ?? null;
}

/** The citizen's latest decision for a purpose at a time, if any. */
async function latestDecision(db: DbOrTx, personalId: string, purpose: string, at?: Date): Promise<ConsentRow | null> {
  const [row] = await db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.personalId, personalId), eq(consentRecords.purpose, purpose), at ? lte(consentRecords.at, at) : undefined))
    .orderBy(desc(consentRecords.seq))
    .limit(1);
  return row ?? null;
}

/**
 * Whether the person had consented to a purpose at a time: their latest decision was a "yes" to the notice version
 * then in effect. No record, a withdrawal, or a "yes" to an older text is no consent.
 */
export async function hasConsent(db: DbOrTx, personalId: string, purpose: string, at: Date): Promise<boolean> {
  const [decision, notice] = await Promise.all([latestDecision(db, personalId, purpose, at), currentNotice(db, purpose, at)]);
  return !!decision && !!notice && decision.given && decision.noticeVersion === notice.version;
}

/**
 * Whether the person had withdrawn consent to a purpose at a time: their latest decision was a "no". A relative's
 * data is not read for someone else's dossier once the relative withdrew his own consent (Law 91/2025).
 */
export async function hasWithdrawn(db: DbOrTx, personalId: string, purpose: string, at: Date): Promise<boolean> {
  const decision = await latestDecision(db, personalId, purpose, at);
  return !!decision && !decision.given;
}

export interface ConsentInput {
  personalId: string;
  purpose: ConsentPurpose;
  noticeVersion: number;
  given: boolean;
}

/**
 * Records a decision as the next link of the citizen's chain (one writer per citizen at a time, under an advisory
 * lock), with an audit record in the same transaction. Repeating the current decision adds nothing.
 */
export async function recordConsent(db: DbOrTx, actor: Actor, input: ConsentInput, now: Date): Promise<{ record: ConsentRow; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${input.personalId}`}))`);
    const [notice] = await tx.select().from(consentNotices).where(and(eq(consentNotices.purpose, input.purpose), eq(consentNotices.version, input.noticeVersion)));
    if (!notice || notice.effectiveFrom > now) throw vaultErrors.noticeNotFound(input.purpose, input.noticeVersion);
    const current = await currentNotice(tx, input.purpose, now);
    if (input.given && current && current.version !== notice.version) throw vaultErrors.noticeOutdated(input.purpose, current.version);
    const previous = await latestDecision(tx, input.personalId, input.purpose);
    if (previous && previous.given === input.given && previous.noticeVersion === input.noticeVersion) return { record: previous, created: false };
    const [last] = await tx.select({ seq: consentRecords.seq, hash: consentRecords.hash }).from(consentRecords).where(eq(consentRecords.personalId, input.personalId)).orderBy(desc(consentRecords.seq)).limit(1);
    const base = {
      id: randomUUID(),
      personalId: input.personalId,
      seq: (last?.seq ?? 0) + 1,
      purpose: input.purpose,
      noticeVersion: notice.version,
      noticeDigest: noticeDigest(notice),
      given: input.given,
      at: new Date(Math.floor(now.getTime())),
    };
    const prevHash = last?.hash ?? GENESIS;
    const [record] = await tx
      .insert(consentRecords)
      .values({ ...base, accountId: actor.accountId, requestId: actor.requestId ?? null, prevHash, hash: sha256(prevHash + recordContent(base)) })
      .returning();
    await appendAudit(tx, actor, { action: input.given ? 'consent.given' : 'consent.withdrawn', targetType: 'consent', targetId: record.id, after: base }, now);
    return { record, created: true };
  });
}

export interface ConsentState {
  purpose: ConsentPurpose;
  notice: NoticeRow | null;
  /** 'given' only when the latest decision is a yes to the notice now in effect. */
  state: 'given' | 'withdrawn' | 'none' | 'renewal_needed';
  latest: ConsentRow | null;
}

export async function consentStates(db: DbOrTx, personalId: string, at: Date): Promise<ConsentState[]> {
  return Promise.all(
    CONSENT_PURPOSES.map(async (purpose) => {
      const [notice, latest] = await Promise.all([currentNotice(db, purpose, at), latestDecision(db, personalId, purpose, at)]);
      const state: ConsentState['state'] = !latest ? 'none' : !latest.given ? 'withdrawn' : notice && latest.noticeVersion !== notice.version ? 'renewal_needed' : 'given';
      return { purpose, notice, state, latest };
    }),
  );
}

export async function consentHistory(db: DbOrTx, personalId: string): Promise<ConsentRow[]> {
  return db.select().from(consentRecords).where(eq(consentRecords.personalId, personalId)).orderBy(asc(consentRecords.seq));
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  broken?: { seq: number; id: string; reason: 'content_changed' | 'link_broken' | 'sequence_gap' };
}

/** Recomputes a citizen's consent chain; reports the first record changed, removed or re-linked. */
export async function verifyConsentChain(db: DbOrTx, personalId: string): Promise<ChainCheck> {
  const rows = await consentHistory(db, personalId);
  let prev = GENESIS;
  let checked = 0;
  for (const [i, r] of rows.entries()) {
    if (r.seq !== i + 1) return { ok: false, checked, broken: { seq: i + 1, id: r.id, reason: 'sequence_gap' } };
    if (r.prevHash !== prev) return { ok: false, checked, broken: { seq: r.seq, id: r.id, reason: 'link_broken' } };
    if (sha256(prev + recordContent(r)) !== r.hash) return { ok: false, checked, broken: { seq: r.seq, id: r.id, reason: 'content_changed' } };
    prev = r.hash;
    checked++;
  }
  return { ok: true, checked };
}
