/**
 * Administration of notifications: the templates in effect (nationally or for an agency), a template's editor with
 * a live preview and its versions, the agency's sender identity, and the channels' state.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, withQuery } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { Link, navigate, useQuery } from '../app/router';
import { useI18n, type MessageKey } from '../i18n';
import { useApi } from '../ui/useApi';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextArea, TextInput } from '../ui/Fields';
import type { Agency } from '../api/types';
import type { ChannelStatus, Preview, Sender, Template, TemplateDetail } from '@shared/api/notify';
import { newKey } from './pages';
import './notify.css';

const CHANNEL_KEYS: Record<string, MessageKey> = { email: 'notify.prefs.email', sms: 'notify.prefs.sms', zalo: 'notify.prefs.zalo', inapp: 'notify.log.recipient.me' };

function useChannelLabel() {
  const { t, lang } = useI18n();
  return (ch: string) => (ch === 'inapp' ? (lang === 'vi' ? 'Trên Cổng' : 'In-app') : t(CHANNEL_KEYS[ch]));
}

function AgencyScope({ agencyId, onChange }: { agencyId: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Agency[]>('/api/agencies');
  const platform = hasRole(session, 'platform_admin');
  const options = [...(platform ? [{ value: '', label: t('notify.admin.national') }] : []), ...(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))];
  return <Select id="nt-scope" label={t('notify.admin.scope')} value={agencyId} onChange={onChange} options={options} />;
}

export function TemplatesPage() {
  const { t, pick } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const platform = hasRole(session, 'platform_admin');
  const agencyId = q.get('co-quan') ?? '';
  const list = useApi<{ items: Template[] }>(platform || agencyId ? withQuery('/api/admin/notify/templates', { agencyId }) : null);
  const status = useApi<ChannelStatus>('/api/admin/notify/status');
  const channelLabel = useChannelLabel();
  const byKind = useMemo(() => {
    const m = new Map<string, Template[]>();
    for (const x of list.data?.items ?? []) m.set(x.kind, [...(m.get(x.kind) ?? []), x]);
    return [...m.values()];
  }, [list.data]);
  const scopeLabel = (s: string) => (s === 'default' ? t('notify.admin.builtIn') : s === 'national' ? t('notify.admin.nationalVersion') : t('notify.admin.agencyVersion'));
  return (
    <>
      <PageHeading>{t('notify.admin.title')}</PageHeading>
      <p>{t('notify.admin.intro')}</p>
      {status.data ? (
        <section className="card" aria-labelledby="nt-status">
          <h2 id="nt-status">{t('notify.admin.channelsStatus')}</h2>
          <ul>
            {(['email', 'sms', 'zalo'] as const).map((c) => (
              <li key={c}>
                {channelLabel(c)}: <strong className={`tag ${status.data!.channels[c] ? 'tag--green' : 'tag--grey'}`}>{t(status.data!.channels[c] ? 'notify.admin.configured' : 'notify.admin.notConfigured')}</strong>
              </li>
            ))}
          </ul>
          <p>{t('notify.admin.queue', status.data.queue)}</p>
          {status.data.simulatorUrl ? (
            <p>
              <a href={status.data.simulatorUrl}>{t('notify.admin.simulator')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      <AgencyScope agencyId={agencyId} onChange={(v) => navigate(withQuery('/quan-tri/thong-bao', { 'co-quan': v }), { replace: true })} />
      {agencyId ? (
        <p>
          <Link to={`/quan-tri/thong-bao/nguoi-gui/${agencyId}`}>{t('notify.admin.sender')}</Link>
        </p>
      ) : null}
      <ProblemNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {byKind.map((group) => (
        <section key={group[0].kind} aria-labelledby={`nt-${group[0].kind}`}>
          <h2 id={`nt-${group[0].kind}`}>
            {pick(group[0].kindLabel)} <span className="secondary-text">({t(`notify.admin.audience.${group[0].audience}` as MessageKey)})</span>
            {group[0].mandatory ? (
              <>
                {' '}
                <strong className="tag tag--red">{t('notify.admin.mandatory')}</strong>
              </>
            ) : null}
          </h2>
          <ul>
            {group.map((x) => (
              <li key={`${x.channel}-${x.language}`}>
                <Link to={withQuery(`/quan-tri/thong-bao/${x.kind}/${x.channel}/${x.language}`, { 'co-quan': agencyId })}>
                  {channelLabel(x.channel)}, {x.language === 'vi' ? 'Tiếng Việt' : 'English'}
                </Link>{' '}
                <span className="secondary-text">
                  — {scopeLabel(x.scope)}, {t('notify.admin.version', { version: x.version })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function TemplateEditor({ kind, channel, language }: { kind: string; channel: string; language: string }) {
  const { t, lang, dateTime } = useI18n();
  const agencyId = useQuery().get('co-quan') ?? '';
  const detail = useApi<TemplateDetail>(withQuery(`/api/admin/notify/templates/${kind}/${channel}/${language}`, { agencyId }));
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [zaloId, setZaloId] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const channelLabel = useChannelLabel();
  useEffect(() => {
    const e = detail.data?.effective;
    if (!e) return;
    setSubject(e.subject ?? '');
    setBody(e.body);
    setZaloId(e.zaloTemplateId ?? '');
  }, [detail.data]);
  const input = () => ({ kind, channel, language, agencyId: agencyId || null, subject: channel === 'email' || channel === 'inapp' ? subject : null, body, zaloTemplateId: channel === 'zalo' ? zaloId : null });
  // Live preview, a moment after typing stops.
  useEffect(() => {
    if (!body) return;
    const timer = setTimeout(() => {
      api
        .post<Preview>('/api/admin/notify/templates/preview', input())
        .then(setPreview)
        .catch(() => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [subject, body, zaloId]);
  if (!detail.data) return detail.error ? <ProblemNotice error={detail.error} /> : <Loading />;
  const e = detail.data.effective;
  const field = (f: string) => (f === 'subject' ? 'nt-subject' : f === 'zaloTemplateId' ? 'nt-zalo' : 'nt-body');

  const publish = async (ev: FormEvent) => {
    ev.preventDefault();
    setFailure(null);
    setStatus('');
    try {
      const r = await api.post<TemplateDetail>('/api/admin/notify/templates', input(), { headers: { 'idempotency-key': newKey() } });
      detail.setData(r);
      setErrors([]);
      setStatus(t('notify.admin.published', { version: r.effective.version }));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: field(f.field), message: f.message[lang] ?? f.message.vi })));
        setAttempt((a) => a + 1);
      } else setFailure(err);
    }
  };
  const errorOf = (id: string) => errors.find((x) => x.target === id)?.message ?? null;
  return (
    <>
      <BackLink to={withQuery('/quan-tri/thong-bao', { 'co-quan': agencyId })}>{t('notify.admin.title')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading caption={`${channelLabel(channel)}, ${language === 'vi' ? 'Tiếng Việt' : 'English'}`}>{lang === 'vi' ? e.kindLabel.vi : e.kindLabel.en}</PageHeading>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure} />
      <div className="two-cols">
        <form onSubmit={(x) => void publish(x)} noValidate>
          {channel === 'email' || channel === 'inapp' ? <TextInput id="nt-subject" label={t('notify.admin.subject')} value={subject} onChange={setSubject} error={errorOf('nt-subject')} /> : null}
          <TextArea id="nt-body" label={t('notify.admin.body')} hint={t('notify.admin.bodyHint')} rows={12} value={body} onChange={setBody} error={errorOf('nt-body')} />
          {channel === 'zalo' ? <TextInput id="nt-zalo" label={t('notify.admin.zaloTemplateId')} value={zaloId} onChange={setZaloId} width="w10" error={errorOf('nt-zalo')} /> : null}
          <button type="submit" className="button">
            {t('notify.admin.publish')}
          </button>
          <h2>{t('notify.admin.placeholders')}</h2>
          <ul>
            {e.placeholders.map((p) => (
              <li key={p.name}>
                <code>(({p.name}))</code> — {lang === 'vi' ? p.label.vi : p.label.en}
                {p.personal ? <span className="secondary-text"> ({t('notify.admin.personal')})</span> : null}
              </li>
            ))}
          </ul>
        </form>
        <section aria-labelledby="nt-preview" className="preview">
          <h2 id="nt-preview">{t('notify.admin.previewWith')}</h2>
          {preview ? (
            <>
              {preview.problems.length ? (
                <div className="notice notice--warning">
                  <ul>
                    {preview.problems.map((x, i) => (
                      <li key={i}>{lang === 'vi' ? x.message.vi : x.message.en}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {preview.subject ? (
                <p>
                  <strong>{preview.subject}</strong>
                </p>
              ) : null}
              <pre className="template-body">{preview.sms?.text ?? preview.text}</pre>
              {preview.sms ? <p className="secondary-text">{t('notify.admin.smsInfo', { encoding: preview.sms.encoding, units: preview.sms.units, segments: preview.sms.segments })}</p> : null}
              {preview.zaloData ? <pre className="template-body">{JSON.stringify(preview.zaloData, null, 2)}</pre> : null}
            </>
          ) : (
            <Loading />
          )}
        </section>
      </div>
      <h2>{t('notify.admin.history')}</h2>
      <ul>
        <li>
          {t('notify.admin.version', { version: e.version })} — {e.scope === 'default' ? t('notify.admin.builtIn') : e.scope === 'national' ? t('notify.admin.nationalVersion') : t('notify.admin.agencyVersion')}
        </li>
        {detail.data.versions
          .filter((v) => !(v.version === e.version && v.scope === e.scope))
          .map((v) => (
            <li key={v.id}>
              {t('notify.admin.version', { version: v.version })} — {dateTime(v.createdAt)}
            </li>
          ))}
      </ul>
    </>
  );
}

export function SenderPage({ agencyId }: { agencyId: string }) {
  const { t, lang } = useI18n();
  const sender = useApi<Sender>(`/api/admin/notify/senders/${agencyId}`);
  const [form, setForm] = useState({ emailFromName: '', emailFromAddress: '', replyTo: '', smsBrandname: '', zaloOaId: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const s = sender.data;
    if (s) setForm({ emailFromName: s.emailFromName ?? '', emailFromAddress: s.emailFromAddress ?? '', replyTo: s.replyTo ?? '', smsBrandname: s.smsBrandname ?? '', zaloOaId: s.zaloOaId ?? '' });
  }, [sender.data]);
  if (!sender.data) return sender.error ? <ProblemNotice error={sender.error} /> : <Loading />;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setStatus('');
    try {
      const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim() || null]));
      sender.setData(await api.put<Sender>(`/api/admin/notify/senders/${agencyId}`, body, { headers: { 'idempotency-key': newKey() } }));
      setErrors([]);
      setStatus(t('notify.admin.senderSaved'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: `ns-${f.field.replace(/^\//, '')}`, message: f.message[lang] ?? f.message.vi })));
        setAttempt((a) => a + 1);
      } else setFailure(err);
    }
  };
  const errorOf = (id: string) => errors.find((x) => x.target === id)?.message ?? null;
  const input = (k: keyof typeof form, label: MessageKey, type: 'text' | 'email' = 'text') => <TextInput id={`ns-${k}`} type={type} label={t(label)} value={form[k]} onChange={(v) => setForm({ ...form, [k]: v })} error={errorOf(`ns-${k}`)} />;
  return (
    <div className="narrow">
      <BackLink to={withQuery('/quan-tri/thong-bao', { 'co-quan': agencyId })}>{t('notify.admin.title')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('notify.admin.sender')}</PageHeading>
      <p>{t('notify.admin.senderIntro')}</p>
      <p className="secondary-text">{t('notify.admin.effective', { from: sender.data.effective.emailFrom, brandname: sender.data.effective.smsBrandname })}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure} />
      <form onSubmit={(e) => void save(e)} noValidate>
        {input('emailFromName', 'notify.admin.fromName')}
        {input('emailFromAddress', 'notify.admin.fromAddress', 'email')}
        {input('replyTo', 'notify.admin.replyTo', 'email')}
        {input('smsBrandname', 'notify.admin.brandname')}
        {input('zaloOaId', 'notify.admin.oaId')}
        <button type="submit" className="button">
          {t('notify.admin.saveSender')}
        </button>
      </form>
    </div>
  );
}
