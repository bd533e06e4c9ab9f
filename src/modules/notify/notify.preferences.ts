import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { CONSENT_PURPOSE_OF, normalizeEmail, normalizePhone, type Language } from '../../shared/notify';
import { notifyPreferences } from './notify.schema';
import { notifyErrors } from './notify.errors';
import type { NotifyKeys } from './notify.keys';
import { sameHex } from './notify.keys';
import type { ConsentReader } from './notify.ports';

export type PreferencesRow = typeof notifyPreferences.$inferSelect;

export interface PreferencesInput {
  language: Language;
  email: string | null;
  phone: string | null;
  channels: { email: boolean; sms: boolean; zalo: boolean };
}

export interface PreferencesView {
  language: Language;
  email: string | null;
  phone: string | null;
  channels: { email: boolean; sms: boolean; zalo: boolean; inapp: true };
  /** Informational e-mail turned off by an unsubscribe link (legal notices still come). */
  emailUnsubscribed: boolean;
  /** Whether the consents SMS and Zalo need are given now (citizens). */
  consents: { sms: boolean; zalo: boolean };
}

/** The citizen's (or officer's) choices, and the unsubscribe links of informational e-mail. */
export class Preferences {
  constructor(
    private readonly db: Db,
    private readonly keys: NotifyKeys,
    private readonly consent: ConsentReader,
  ) {}

  async rows(db: DbOrTx, accountIds: string[]): Promise<Map<string, PreferencesRow>> {
    if (!accountIds.length) return new Map();
    const rows = await db.select().from(notifyPreferences).where(inArray(notifyPreferences.accountId, accountIds));
    return new Map(rows.map((r) => [r.accountId, r]));
  }

  private async consents(db: DbOrTx, principal: Principal, at: Date) {
    if (!principal.personalId) return { sms: false, zalo: false };
    const sms = await this.consent.hasConsent(db, principal.personalId, CONSENT_PURPOSE_OF.sms!, at);
    const zalo = await this.consent.hasConsent(db, principal.personalId, CONSENT_PURPOSE_OF.zalo!, at);
    return { sms, zalo };
  }

  /** The caller's choices; `db` is the open transaction when the view is the answer of a change. */
  async view(principal: Principal, accountEmail: string | null, at: Date, db: DbOrTx = this.db): Promise<PreferencesView> {
    const [row] = await db.select().from(notifyPreferences).where(eq(notifyPreferences.accountId, principal.accountId));
    const consents = await this.consents(db, principal, at);
    // Officers are written to at their account's address unless they chose otherwise.
    const officerDefault = principal.kind !== 'citizen' && !row && !!accountEmail;
    return {
      language: (row?.language ?? 'vi') as Language,
      email: row?.email ?? (principal.kind !== 'citizen' ? accountEmail : null),
      phone: row?.phone ?? null,
      channels: { email: row ? row.byEmail : officerDefault, sms: !!row?.bySms, zalo: !!row?.byZalo, inapp: true },
      emailUnsubscribed: !!row?.emailOptOut,
      consents,
    };
  }

  /**
   * Saves the choices: addresses are normalised (phone to 84…); a channel needs its address; SMS and Zalo need
   * the citizen's current consent for that purpose (given on the consent page, vault module). Audited without the
   * addresses themselves.
   */
  async update(principal: Principal, actor: Actor, input: PreferencesInput, now: Date, tx: DbOrTx): Promise<void> {
    const email = input.email?.trim() ? normalizeEmail(input.email) : null;
    if (input.email?.trim() && !email) throw notifyErrors.badEmail(undefined, { fields: [{ field: 'email', code: 'format', message: { vi: 'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.vn.', en: 'Enter an e-mail address like name@example.vn.' } }] });
    const phone = input.phone?.trim() ? normalizePhone(input.phone) : null;
    if (input.phone?.trim() && !phone) throw notifyErrors.badPhone(undefined, { fields: [{ field: 'phone', code: 'format', message: { vi: 'Nhập số điện thoại di động Việt Nam, ví dụ 0912 345 678.', en: 'Enter a Vietnamese mobile number, like 0912 345 678.' } }] });
    const citizen = principal.kind === 'citizen';
    const wants = { email: input.channels.email, sms: citizen && input.channels.sms, zalo: citizen && input.channels.zalo };
    const missing = [
      ...(wants.email && !email ? [{ field: 'email', code: 'required', message: { vi: 'Nhập địa chỉ thư điện tử để nhận thông báo qua thư.', en: 'Enter an e-mail address to be notified by e-mail.' } }] : []),
      ...((wants.sms || wants.zalo) && !phone ? [{ field: 'phone', code: 'required', message: { vi: 'Nhập số điện thoại để nhận tin nhắn SMS hoặc Zalo.', en: 'Enter a mobile number for text or Zalo messages.' } }] : []),
    ];
    if (missing.length) throw notifyErrors.addressRequired(undefined, { fields: missing });
    if (wants.sms || wants.zalo) {
      const c = await this.consents(tx, principal, now);
      const lacking = (['sms', 'zalo'] as const).filter((ch) => wants[ch] && !c[ch]);
      if (lacking.length) {
        throw notifyErrors.consentRequired(
          { vi: 'Hãy đồng ý nhận tin nhắn cho mục đích này trước (trang Đồng ý xử lý dữ liệu).', en: 'Give your consent to these messages first (the consent page).' },
          { extra: { purposes: lacking.map((ch) => CONSENT_PURPOSE_OF[ch]) }, fields: lacking.map((ch) => ({ field: `channels.${ch}`, code: 'consent_required', message: { vi: `Cần đồng ý nhận tin nhắn ${ch === 'sms' ? 'SMS' : 'Zalo'}.`, en: `Consent to ${ch === 'sms' ? 'text' : 'Zalo'} messages is needed.` } })) },
        );
      }
    }
    const values = { language: input.language, email, phone, byEmail: wants.email, bySms: wants.sms, byZalo: wants.zalo, updatedAt: now };
    // Choosing e-mail again undoes an earlier unsubscribe.
    await tx
      .insert(notifyPreferences)
      .values({ accountId: principal.accountId, ...values, emailOptOut: false })
      .onConflictDoUpdate({ target: notifyPreferences.accountId, set: { ...values, ...(wants.email ? { emailOptOut: false } : {}) } });
    await appendAudit(tx, actor, { action: 'notify.preferences_updated', targetType: 'account', targetId: principal.accountId, after: { language: input.language, channels: wants, emailSet: !!email, phoneSet: !!phone } }, now);
  }

  /** `<account id>.<HMAC>`: an unsubscribe link that needs no sign-in and cannot be forged for another account. */
  unsubscribeToken(accountId: string): string {
    return `${accountId}.${this.keys.hmac('unsubscribe', `unsubscribe:${accountId}`).slice(0, 32)}`;
  }

  accountOfToken(token: string): string | null {
    const m = /^([0-9a-f-]{36})\.([0-9a-f]{32})$/.exec(token);
    if (!m) return null;
    return sameHex(m[2], this.keys.hmac('unsubscribe', `unsubscribe:${m[1]}`).slice(0, 32)) ? m[1] : null;
  }

  /** Turns informational e-mail off (mandatory legal notices still come); idempotent. */
  async unsubscribe(token: string, actor: Actor, now: Date, tx: DbOrTx): Promise<{ accountId: string; changed: boolean }> {
    const accountId = this.accountOfToken(token);
    if (!accountId) throw notifyErrors.badUnsubscribeToken();
    const [row] = await tx.select().from(notifyPreferences).where(eq(notifyPreferences.accountId, accountId));
    if (row?.emailOptOut) return { accountId, changed: false };
    await tx
      .insert(notifyPreferences)
      .values({ accountId, emailOptOut: true, updatedAt: now })
      .onConflictDoUpdate({ target: notifyPreferences.accountId, set: { emailOptOut: true, updatedAt: now } });
    await appendAudit(tx, actor, { action: 'notify.email_unsubscribed', targetType: 'account', targetId: accountId }, now);
    return { accountId, changed: true };
  }
}
