/**
 * Composing messages: for a notice (one kind, one event, some recipients) decide each recipient's channels from
 * their preferences, consents and the notice being mandatory or not; render the template in their language; and
 * produce the message rows, each with the id derived from (event id, recipient, channel).
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { NotifyConfig } from '../../config';
import {
  CONSENT_PURPOSE_OF,
  KINDS,
  checkSms,
  maskAddress,
  render,
  toEmailHtml,
  placeholderNames,
  type Channel,
  type ExternalChannel,
  type Kind,
  type Language,
  type Personalisation,
} from '../../shared/notify';
import { notifyMessages, notifySenders, type SenderSnapshot } from './notify.schema';
import type { TemplateStore } from './notify.templates';
import type { Preferences, PreferencesRow } from './notify.preferences';
import type { NotifyKeys } from './notify.keys';
import type { AccountContact, AgencyInfo, NotifyPorts } from './notify.ports';

export type MessageInsert = typeof notifyMessages.$inferInsert;

/** A UUID (version 8, RFC 9562 "custom") from a SHA-256 of the parts: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u001f')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const messageIdOf = (eventId: string, recipient: string, channel: Channel) => derivedId('notify-message', eventId, recipient, channel);

export interface Notice {
  eventId: string;
  eventType: string;
  kind: Kind;
  dossierId?: string | null;
  dossierCode?: string | null;
  agencyId?: string | null;
  recipients: string[];
  /** When it happened (the message's date in the inbox). */
  at?: Date;
  /** The values of the template's placeholders for one recipient, in their language. */
  values(lang: Language, contact: AccountContact): Personalisation;
}

/** Reads shared by the notices of one planning batch (see Composer.reads). */
export interface ComposeReads {
  /** The active accounts among the ids (as PeopleReader.contacts). */
  contacts(ids: readonly string[]): AccountContact[];
  preferences: Map<string, PreferencesRow>;
  consent(personalId: string, purpose: string, at: Date): Promise<boolean>;
}

/** Agencies' sender identities (cached a few seconds), with the installation's defaults. */
export class SenderDirectory {
  private cache = new Map<string, { at: number; row: typeof notifySenders.$inferSelect | null }>();
  constructor(
    private readonly db: Db,
    private readonly config: NotifyConfig,
  ) {}

  invalidate() {
    this.cache.clear();
  }

  async row(agencyId: string) {
    const hit = this.cache.get(agencyId);
    if (hit && Date.now() - hit.at < 5_000) return hit.row;
    const [row] = await this.db.select().from(notifySenders).where(eq(notifySenders.agencyId, agencyId));
    this.cache.set(agencyId, { at: Date.now(), row: row ?? null });
    return row ?? null;
  }

  /** From, Reply-To, brandname and Zalo account for messages of an agency (its own, else the defaults). */
  async snapshot(agency: AgencyInfo | undefined, lang: Language): Promise<SenderSnapshot> {
    const row = agency ? await this.row(agency.id) : null;
    const defaultAddress = /<([^>]+)>/.exec(this.config.emailFrom)?.[1] ?? this.config.emailFrom;
    const name = row?.emailFromName ?? (agency ? (lang === 'en' ? agency.nameEn : agency.name) : /^(.*?)\s*</.exec(this.config.emailFrom)?.[1] || 'MotCua');
    const address = row?.emailFromAddress ?? defaultAddress;
    return {
      emailFrom: `"${name.replace(/["\\]/g, '')}" <${address}>`,
      replyTo: row?.replyTo ?? null,
      smsBrandname: row?.smsBrandname ?? this.config.sms?.brandname ?? 'MOTCUA',
      zaloOaId: row?.zaloOaId ?? (this.config.zalo?.oaId || null),
    };
  }
}

export interface ComposeDeps {
  db: Db;
  clock: Clock;
  config: NotifyConfig;
  publicUrl: string;
  ports: NotifyPorts;
  templates: TemplateStore;
  preferences: Preferences;
  keys: NotifyKeys;
  senders: SenderDirectory;
  /** External channels with a carrier configured (or simulated). */
  enabled: ReadonlySet<ExternalChannel>;
  warn(msg: string, fields: Record<string, unknown>): void;
}

const FOOTER = {
  optional: {
    vi: (url: string) => `Ông/Bà nhận thư này vì đã chọn nhận thông báo qua thư điện tử trên Cổng dịch vụ công. Không muốn nhận thư thông báo nữa: ${url}`,
    en: (url: string) => `You receive this because you chose e-mail notifications on the public service portal. To stop these e-mails: ${url}`,
  },
  mandatory: {
    vi: 'Đây là thông báo bắt buộc theo quy định về giải quyết thủ tục hành chính; Ông/Bà vẫn nhận thông báo này khi đã hủy đăng ký nhận thư.',
    en: 'This is a notice the law requires us to send about your application; it is sent even if you unsubscribed from e-mail.',
  },
};

const emailHtml = (inner: string, agencyName: string, footer: string, lang: Language) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:0;background:#f3f2f1;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td style="background:#9e1b1b;color:#ffffff;padding:12px 16px;font-weight:bold">${agencyName}</td></tr>
<tr><td style="background:#ffffff;padding:24px 16px">${inner}</td></tr>
<tr><td style="padding:16px;font-size:14px;color:#505a5f">${footer}</td></tr></table></body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export class Composer {
  constructor(private readonly d: ComposeDeps) {}

  /** Which channels a recipient gets a notice by (in-app always). */
  async channelsFor(kind: Kind, contact: AccountContact, pref: PreferencesRow | undefined, now: Date, reads?: ComposeReads): Promise<{ channels: Array<{ channel: Channel; to: string | null }>; optOut: boolean }> {
    const spec = KINDS[kind];
    const out: Array<{ channel: Channel; to: string | null }> = [{ channel: 'inapp', to: null }];
    // The address chosen, else the account's own (officers; a citizen's e-ID may give one): legal notices use it.
    const email = pref?.email ?? contact.email;
    const wantsEmail = pref ? pref.byEmail : contact.kind !== 'citizen' && !!contact.email;
    const optOut = !!pref?.emailOptOut;
    const chosen: Channel[] = [];
    if (spec.audience === 'citizen' && contact.personalId && pref?.phone) {
      const personalId = contact.personalId;
      const wanted = (['sms', 'zalo'] as const).filter((ch) => (ch === 'sms' ? pref.bySms : pref.byZalo) && this.d.enabled.has(ch));
      // Consent now (it may have been withdrawn since the preference was saved); both purposes read at once.
      const given = await Promise.all(wanted.map((ch) => (reads ? reads.consent(personalId, CONSENT_PURPOSE_OF[ch]!, now) : this.d.ports.consent.hasConsent(this.d.db, personalId, CONSENT_PURPOSE_OF[ch]!, now))));
      wanted.forEach((ch, i) => {
        if (!given[i]) return;
        out.push({ channel: ch, to: pref.phone });
        chosen.push(ch);
      });
    }
    if (email && this.d.enabled.has('email')) {
      // A legal notice goes by e-mail even after an unsubscribe, and when no other channel reaches the person.
      const send = wantsEmail ? spec.mandatory || !optOut : spec.mandatory && chosen.length === 0;
      if (send) out.push({ channel: 'email', to: email });
    }
    return { channels: out, optOut };
  }

  /**
   * What composing many notices at once reads in bulk: the recipients' contacts and preferences (one query each
   * for all the notices), and consents (each person and purpose read once).
   */
  async reads(recipients: Iterable<string>): Promise<ComposeReads> {
    const ids = [...new Set(recipients)];
    const [contacts, prefs] = await Promise.all([this.d.ports.people.contacts(ids), this.d.preferences.rows(this.d.db, ids)]);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const consents = new Map<string, Promise<boolean>>();
    return {
      contacts: (list) => [...new Set(list)].map((id) => byId.get(id)).filter((c): c is AccountContact => !!c),
      preferences: prefs,
      consent: (personalId, purpose, at) => {
        const key = `${personalId}\u001f${purpose}`;
        let p = consents.get(key);
        if (!p) consents.set(key, (p = this.d.ports.consent.hasConsent(this.d.db, personalId, purpose, at)));
        return p;
      },
    };
  }

  /** The message rows of a notice (not yet inserted); `reads`: what was read in bulk for a batch of notices. */
  async compose(n: Notice, now: Date, reads?: ComposeReads): Promise<MessageInsert[]> {
    const spec = KINDS[n.kind];
    const contacts = reads ? reads.contacts(n.recipients) : await this.d.ports.people.contacts(n.recipients);
    const prefs = reads ? reads.preferences : await this.d.preferences.rows(this.d.db, contacts.map((c) => c.id));
    const agency = n.agencyId ? await this.d.ports.agencies.get(n.agencyId) : undefined;
    const out: MessageInsert[] = [];
    for (const contact of contacts) {
      const pref = prefs.get(contact.id);
      const lang = (pref?.language ?? 'vi') as Language;
      const values = n.values(lang, contact);
      const { channels } = await this.channelsFor(n.kind, contact, pref, now, reads);
      const sender = await this.d.senders.snapshot(agency, lang);
      for (const { channel, to } of channels) {
        const t = await this.d.templates.effective(n.kind, channel, lang, n.agencyId ?? null);
        if (!t) continue;
        const id = messageIdOf(n.eventId, contact.id, channel);
        const base: MessageInsert = {
          id,
          eventId: n.eventId,
          eventType: n.eventType,
          kind: n.kind,
          mandatory: spec.mandatory,
          dossierId: n.dossierId ?? null,
          dossierCode: n.dossierCode ?? null,
          agencyId: n.agencyId ?? null,
          recipientAccountId: contact.id,
          recipientKind: contact.kind === 'citizen' ? 'citizen' : 'officer',
          channel,
          language: lang,
          templateVersion: t.version,
          templateScope: t.scope,
          toAddress: to,
          toMasked: to ? maskAddress(channel, to) : null,
          toHash: to ? this.d.keys.hmac('address', `${channel}:${to}`) : null,
          sender,
          status: 'created',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: n.at ?? now,
          updatedAt: now,
        };
        const missing = new Set<string>();
        const r = (text: string, f: 'text' | 'html' | 'sms') => {
          const x = render(text, values, f);
          for (const m of x.missing) missing.add(m);
          return x.text;
        };
        if (channel === 'inapp') {
          out.push({ ...base, subject: r(t.subject ?? '', 'text'), body: r(t.body, 'text'), toMasked: null, status: 'delivered', nextAttemptAt: null, deliveredAt: now, sentAt: now });
        } else if (channel === 'email') {
          // The footer links to a page with a button (mail scanners follow links); the List-Unsubscribe header is
          // RFC 8058's one-click POST.
          const token = spec.mandatory || contact.kind !== 'citizen' ? null : this.d.preferences.unsubscribeToken(contact.id);
          const unsubscribeUrl = token ? `${this.d.publicUrl}/api/notify/unsubscribe?t=${token}` : null;
          const footer = token ? FOOTER.optional[lang](`${this.d.publicUrl}/thong-bao/huy-dang-ky?t=${token}`) : spec.mandatory ? FOOTER.mandatory[lang] : '';
          const body = r(t.body, 'text');
          const html = emailHtml(toEmailHtml(r(t.body, 'html')), escapeHtml(agency ? (lang === 'en' ? agency.nameEn : agency.name) : 'MotCua'), unsubscribeUrl ? toEmailHtml(escapeHtml(footer)) : escapeHtml(footer), lang);
          out.push({ ...base, subject: r(t.subject ?? '', 'text'), body: footer ? `${body}\n\n--\n${footer}` : body, extra: { html, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) } });
        } else if (channel === 'sms') {
          const c = checkSms(r(t.body, 'sms'), { unicode: this.d.config.sms?.unicode ?? false });
          const bad = c.problems.length ? c.problems.map((p) => p.code).join(',') : null;
          out.push({ ...base, body: c.text, smsSegments: c.info.segments, ...(bad ? { status: 'technical-failure', statusReason: `sms_${bad}`, nextAttemptAt: null, failedAt: now } : {}) });
        } else {
          const data: Record<string, string> = {};
          for (const name of placeholderNames(t.body)) data[name] = render(`((${name}))`, values, 'sms').text;
          out.push({ ...base, body: r(t.body, 'text'), extra: { zaloTemplateId: t.zaloTemplateId ?? '', zaloData: data } });
        }
        if (missing.size) this.d.warn('notification placeholders without a value', { kind: n.kind, channel, messageId: id, missing: [...missing] });
      }
    }
    return out;
  }
}
