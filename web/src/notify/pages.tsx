/**
 * Notification pages (a chunk of their own): the in-app inbox of citizens and officers, how one is notified, the
 * unsubscribe page of e-mail links, and a dossier's notification log.
 */
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { api, ApiError } from '../api/client';
import { eidLoginUrl, useSession } from '../app/session';
import { Link, useQuery } from '../app/router';
import { useI18n, type MessageKey } from '../i18n';
import { useApi } from '../ui/useApi';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, Radios, TextInput } from '../ui/Fields';
import type { InboxPage as Inbox, LogEntry, NotificationItem, Preferences } from '@shared/api/notify';
import { notificationsChanged } from './Bell';
import './notify.css';

type Area = 'citizen' | 'officer';

/** An Idempotency-Key (crypto.randomUUID needs a secure context; plain http on a LAN address is not one). */
export const newKey = () => (typeof globalThis.crypto?.randomUUID === 'function' && window.isSecureContext ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`);

/** Signed-in users of the area only (citizens sign in with e-ID; the back office checks officers itself). */
function SignedIn({ area, path, title, children }: { area: Area; path: string; title: MessageKey; children: ReactElement }) {
  const { t } = useI18n();
  const { session, loading } = useSession();
  if (loading) return <Loading />;
  if (area === 'citizen' && (!session || session.kind !== 'citizen')) {
    return (
      <div className="narrow">
        <PageHeading>{t(title)}</PageHeading>
        <p>{t('data.signIn')}</p>
        <p>
          <a className="button" href={eidLoginUrl(path)}>
            {t('auth.signInEid')}
          </a>
        </p>
      </div>
    );
  }
  return children;
}

const URL_RE = /(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g;

/** A message's text with its web addresses as links (the portal's own, mostly). */
function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_RE).map((part, i) =>
        i % 2 ? (
          <a key={i} href={part} rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

// ─── Thông báo của tôi ──────────────────────────────────────────────────────────────────────────────────────────

export function InboxPage({ area }: { area: Area }) {
  const base = area === 'citizen' ? '/thong-bao' : '/can-bo/thong-bao';
  return (
    <SignedIn area={area} path={base} title="notify.title">
      <InboxList area={area} base={base} />
    </SignedIn>
  );
}

function InboxList({ area, base }: { area: Area; base: string }) {
  const { t, dateTime } = useI18n();
  const first = useApi<Inbox>('/api/me/notifications?limit=20');
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
    setUnread(first.data.unread);
  }, [first.data]);

  const more = async () => {
    if (!cursor) return;
    const page = await api.get<Inbox>(`/api/me/notifications?limit=20&cursor=${encodeURIComponent(cursor)}`);
    setItems((x) => [...x, ...page.items]);
    setCursor(page.nextCursor);
  };
  const read = async (id: string | null) => {
    setFailure(null);
    try {
      const r = await api.post<{ readAt: string; unread: number }>(id ? `/api/me/notifications/${id}/read` : '/api/me/notifications/read-all', undefined, { headers: { 'idempotency-key': newKey() } });
      setItems((x) => x.map((m) => (!id || m.id === id ? { ...m, readAt: m.readAt ?? r.readAt } : m)));
      setUnread(r.unread);
      if (!id) setStatus(t('notify.markedAll'));
      notificationsChanged();
    } catch (err) {
      setFailure(err);
    }
  };
  const dossierLink = (m: NotificationItem) => (area === 'citizen' ? `/ho-so/${m.dossierId}` : `/can-bo/ho-so/${m.dossierId}`);

  return (
    <>
      {area === 'citizen' ? <BackLink to="/ho-so">{t('my.title')}</BackLink> : null}
      <PageHeading>{t('notify.title')}</PageHeading>
      <p>{t(area === 'citizen' ? 'notify.intro' : 'notify.officerIntro')}</p>
      <p>
        <Link to={`${base}/cai-dat`}>{t('notify.settingsLink')}</Link>
      </p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure ?? first.error} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && !items.length ? <p>{t('notify.none')}</p> : null}
      {items.length ? (
        <>
          <p>
            <strong>{t('notify.unreadCount', { count: unread })}</strong>
            {unread ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => void read(null)}>
                  {t('notify.markAllRead')}
                </button>
              </>
            ) : null}
          </p>
          <ul className="message-list" aria-label={t('notify.list')}>
            {items.map((m) => (
              <li key={m.id} className={`message${m.readAt ? '' : ' message--unread'}`}>
                <article aria-labelledby={`m-${m.id}`}>
                  <h2 id={`m-${m.id}`}>{m.title}</h2>
                  <p className="message__meta secondary-text">
                    <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>
                    {!m.readAt ? (
                      <>
                        {' '}
                        <strong className="tag tag--yellow">{t('notify.unread')}</strong>
                      </>
                    ) : null}
                    {m.mandatory ? (
                      <>
                        {' '}
                        <strong className="tag tag--red">{t('notify.mandatory')}</strong>
                      </>
                    ) : null}
                  </p>
                  <p className="message__body">
                    <Linked text={m.body} />
                  </p>
                  <p>
                    {m.dossierId && m.dossierCode ? <Link to={dossierLink(m)}>{t('notify.openDossier', { code: m.dossierCode })}</Link> : null}
                    {!m.readAt ? (
                      <>
                        {m.dossierId ? ' · ' : null}
                        <button type="button" className="link-button" onClick={() => void read(m.id)}>
                          {t('notify.markRead')}
                          <span className="visually-hidden">: {m.title}</span>
                        </button>
                      </>
                    ) : null}
                  </p>
                </article>
              </li>
            ))}
          </ul>
          {cursor ? (
            <button type="button" className="button button--secondary" onClick={() => void more()}>
              {t('common.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}

// ─── Cách nhận thông báo ────────────────────────────────────────────────────────────────────────────────────────

export function PreferencesPage({ area }: { area: Area }) {
  const base = area === 'citizen' ? '/thong-bao' : '/can-bo/thong-bao';
  return (
    <SignedIn area={area} path={`${base}/cai-dat`} title="notify.prefs.title">
      <PreferencesForm area={area} base={base} />
    </SignedIn>
  );
}

const PURPOSE = { sms: 'sms_notifications', zalo: 'zalo_notifications' } as const;

function PreferencesForm({ area, base }: { area: Area; base: string }) {
  const { t, lang } = useI18n();
  const current = useApi<Preferences>('/api/me/notification-preferences');
  const [language, setLanguage] = useState<'vi' | 'en'>('vi');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [channels, setChannels] = useState({ email: false, sms: false, zalo: false });
  const [consent, setConsent] = useState({ sms: false, zalo: false });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const p = current.data;
    if (!p) return;
    setLanguage(p.language);
    setEmail(p.email ?? '');
    setPhone(p.phone ?? '');
    setChannels({ email: p.channels.email, sms: p.channels.sms, zalo: p.channels.zalo });
  }, [current.data]);
  if (!current.data) return current.error ? <ProblemNotice error={current.error} /> : <Loading />;
  const p = current.data;
  const needsConsent = (ch: 'sms' | 'zalo') => channels[ch] && !p.consents[ch];
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (channels.email && !email.trim()) errs.push({ target: 'np-email', message: t('notify.prefs.emailMissing') });
    if ((channels.sms || channels.zalo) && !phone.trim()) errs.push({ target: 'np-phone', message: t('notify.prefs.phoneMissing') });
    for (const ch of ['sms', 'zalo'] as const) if (needsConsent(ch) && !consent[ch]) errs.push({ target: `np-consent-${ch}`, message: t('notify.prefs.consentMissing', { channel: ch === 'sms' ? 'SMS' : 'Zalo' }) });
    setErrors(errs);
    setAttempt((a) => a + 1);
    setFailure(null);
    setStatus('');
    if (errs.length) return;
    setBusy(true);
    try {
      // Consent first (the vault's consent record), then the choice that needs it.
      const wanted = (['sms', 'zalo'] as const).filter((ch) => needsConsent(ch) && consent[ch]);
      if (wanted.length) {
        const notices = await api.get<{ purposes: Array<{ purpose: string; notice: { version: number } | null }> }>('/api/me/consents');
        for (const ch of wanted) {
          const n = notices.purposes.find((x) => x.purpose === PURPOSE[ch])?.notice;
          if (n) await api.post(`/api/me/consents/${PURPOSE[ch]}`, { noticeVersion: n.version, given: true });
        }
      }
      const saved = await api.put<Preferences>('/api/me/notification-preferences', { language, email: email.trim() || null, phone: phone.trim() || null, channels: area === 'citizen' ? channels : { ...channels, sms: false, zalo: false } }, { headers: { 'idempotency-key': newKey() } });
      current.setData(saved);
      setStatus(t('notify.prefs.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: f.field === 'email' ? 'np-email' : f.field === 'phone' ? 'np-phone' : f.field === 'channels.zalo' ? 'np-zalo' : 'np-sms', message: f.message[lang] ?? f.message.vi })));
        setAttempt((a) => a + 1);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const channelLabel = (ch: 'email' | 'sms' | 'zalo') => (p.available[ch] ? t(`notify.prefs.${ch}` as MessageKey) : `${t(`notify.prefs.${ch}` as MessageKey)} — ${t('notify.prefs.unavailable')}`);
  return (
    <div className="narrow">
      <BackLink to={base}>{t('notify.title')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('notify.prefs.title')}</PageHeading>
      <p>{t('notify.prefs.intro')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure} />
      {p.emailUnsubscribed ? <p className="notice notice--warning">{t('notify.prefs.unsubscribed')}</p> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Radios
          id="np-language"
          label={t('notify.prefs.language')}
          value={language}
          onChange={(v) => setLanguage(v as 'vi' | 'en')}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
          inline
        />
        <div className="form-group">
          <fieldset aria-describedby="np-channels-hint">
            <legend>{t('notify.prefs.channels')}</legend>
            <span className="hint" id="np-channels-hint">
              {t('notify.prefs.channelsHint')}
            </span>
            <Checkbox id="np-email-channel" label={channelLabel('email')} checked={channels.email} onChange={(v) => setChannels({ ...channels, email: v })} />
            {area === 'citizen' ? (
              <>
                <Checkbox id="np-sms" label={channelLabel('sms')} checked={channels.sms} onChange={(v) => setChannels({ ...channels, sms: v })} error={errorOf('np-sms')} />
                <Checkbox id="np-zalo" label={channelLabel('zalo')} checked={channels.zalo} onChange={(v) => setChannels({ ...channels, zalo: v })} error={errorOf('np-zalo')} />
              </>
            ) : null}
          </fieldset>
        </div>
        <TextInput id="np-email" type="email" autoComplete="email" spellCheck={false} label={t('notify.prefs.emailAddress')} hint={t('notify.prefs.emailHint')} value={email} onChange={setEmail} error={errorOf('np-email')} />
        {area === 'citizen' ? <TextInput id="np-phone" type="tel" autoComplete="tel" inputMode="tel" width="w20" label={t('notify.prefs.phone')} hint={t('notify.prefs.phoneHint')} value={phone} onChange={setPhone} error={errorOf('np-phone')} /> : null}
        {(['sms', 'zalo'] as const).map((ch) =>
          area === 'citizen' && needsConsent(ch) ? (
            <Checkbox key={ch} id={`np-consent-${ch}`} label={t(ch === 'sms' ? 'notify.prefs.consentSms' : 'notify.prefs.consentZalo')} hint={t('notify.prefs.consentNeeded')} checked={consent[ch]} onChange={(v) => setConsent({ ...consent, [ch]: v })} error={errorOf(`np-consent-${ch}`)} />
          ) : null,
        )}
        <button type="submit" className="button" disabled={busy}>
          {t('notify.prefs.save')}
        </button>
      </form>
    </div>
  );
}

// ─── Hủy nhận thư ───────────────────────────────────────────────────────────────────────────────────────────────

export function UnsubscribePage() {
  const { t } = useI18n();
  const token = useQuery().get('t') ?? '';
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const confirm = async () => {
    setFailure(null);
    try {
      await api.post(`/api/notify/unsubscribe?t=${encodeURIComponent(token)}`, {});
      setDone(true);
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <div className="narrow">
      <PageHeading>{t('notify.unsub.title')}</PageHeading>
      {done ? (
        <p className="notice notice--success" role="status">
          {t('notify.unsub.done')}
        </p>
      ) : token.length < 10 ? (
        <p className="notice notice--error">{t('notify.unsub.bad')}</p>
      ) : (
        <>
          <p>{t('notify.unsub.text')}</p>
          <ProblemNotice error={failure} />
          <button type="button" className="button button--warning" onClick={() => void confirm()}>
            {t('notify.unsub.confirm')}
          </button>
        </>
      )}
    </div>
  );
}

// ─── Nhật ký thông báo của hồ sơ ────────────────────────────────────────────────────────────────────────────────

/** The notifications sent about a dossier, with their status (on the dossier pages). */
export function DossierNotifications({ dossierId }: { dossierId: string }) {
  const { t, pick, dateTime } = useI18n();
  const log = useApi<{ items: LogEntry[] }>(`/api/dossiers/${dossierId}/notifications`);
  return (
    <section aria-labelledby="notify-log">
      <h2 id="notify-log">{t('notify.log.title')}</h2>
      <ProblemNotice error={log.error} />
      {log.loading && !log.data ? <Loading /> : null}
      {log.data && !log.data.items.length ? <p>{t('notify.log.none')}</p> : null}
      {log.data?.items.length ? (
        <ul className="log-list">
          {log.data.items.map((e) => (
            <li key={e.id}>
              <strong>{pick(e.kindLabel)}</strong> — {pick(e.channelLabel)}
              {e.to ? ` (${e.to})` : ''} · {t(`notify.log.recipient.${e.recipient}` as MessageKey)}
              <br />
              <span className={`tag ${e.status === 'delivered' ? 'tag--green' : e.status.endsWith('failure') ? 'tag--red' : 'tag--grey'}`}>{pick(e.statusLabel)}</span>{' '}
              <span className="secondary-text">
                <time dateTime={e.createdAt}>{dateTime(e.deliveredAt ?? e.failedAt ?? e.createdAt)}</time>
                {e.attempts > 1 ? ` · ${t('notify.log.attempts')}: ${e.attempts}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
