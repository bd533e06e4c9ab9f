/**
 * The officers' petitions (phản ánh, kiến nghị): the inbox of an agency (its own and those escalated to it) with
 * due-soon and overdue, and one petition with the steps the shared rules allow the officer now.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency } from '@shared/api/geography';
import type { PetitionList, PetitionView } from '@shared/api/voice';
import { api, withQuery } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { Link, navigate, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary } from '../ui/ErrorSummary';
import { Select, TextArea } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';
import { useApi } from '../ui/useApi';

const FILTERS = ['open', 'due_soon', 'overdue', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const URGENCY_TAG: Record<PetitionView['urgency'], string> = { overdue: 'tag--red', due_soon: 'tag--yellow', on_track: 'tag--blue', closed: 'tag--grey' };

export function PetitionInbox() {
  const { t, pick, dateTime } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const agencies = useApi<Agency[]>('/api/agencies');
  const mine = [...new Set(session?.grants.map((g) => g.agencyId) ?? [])];
  const agencyId = q.get('co-quan') ?? mine[0] ?? '';
  const filter = (FILTERS as readonly string[]).includes(q.get('loc') ?? '') ? (q.get('loc') as Filter) : 'open';
  const [list, setList] = useState<PetitionList | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (!agencyId) return;
    setList(null);
    api.get<PetitionList>(withQuery('/api/petitions', { agencyId, filter })).then(setList, setFailure);
  }, [agencyId, filter]);

  const href = (f: Filter) => `/can-bo/phan-anh?co-quan=${agencyId}&loc=${f}`;
  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '';
  return (
    <>
      <PageHeading title={t('officerPetition.title')}>{t('officerPetition.title')}</PageHeading>
      {mine.length > 1 ? (
        <Select id="petition-inbox-agency" label={t('officerPetition.agency')} value={agencyId} onChange={(v) => navigate(`/can-bo/phan-anh?co-quan=${v}&loc=${filter}`)} options={mine.map((id) => ({ value: id, label: name(id) || id }))} />
      ) : (
        <p>{name(agencyId)}</p>
      )}
      <nav className="queue-nav" aria-label={t('officerPetition.filters')}>
        <ul>
          {FILTERS.map((f) => {
            const n = !list ? '…' : f === 'open' ? list.counts.open : f === 'due_soon' ? list.counts.dueSoon : f === 'overdue' ? list.counts.overdue : null;
            return (
              <li key={f}>
                <Link to={href(f)} aria-current={f === filter ? 'page' : undefined}>
                  {t(`officerPetition.filter.${f}` as MessageKey)}
                  {n !== null ? <span className="badge">{n}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <ProblemNotice error={failure} />
      {!list ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p>{t('officerPetition.empty')}</p>
      ) : (
        <ul className="card-list">
          {list.items.map((p) => (
            <li key={p.id} className="card">
              <h2 className="card__title">
                <Link to={`/can-bo/phan-anh/${p.id}`}>{p.code}</Link>
              </h2>
              <p>{p.title}</p>
              <p>
                <strong className="tag">{pick(p.statusLabel)}</strong> <strong className={`tag ${URGENCY_TAG[p.urgency]}`}>{t(`officerPetition.urgency.${p.urgency}` as MessageKey)}</strong>
              </p>
              <p className="secondary-text">{t('officerPetition.answerBy', { at: dateTime(p.answerBy) })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function PetitionWorkspace({ id }: { id: string }) {
  const { t, pick, dateTime } = useI18n();
  const agencies = useApi<Agency[]>('/api/agencies');
  const [p, setP] = useState<PetitionView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [action, setAction] = useState('');
  const [text, setText] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  useEffect(() => {
    api.get<PetitionView>(`/api/petitions/${id}`).then(setP, setFailure);
  }, [id]);

  if (!p && !failure) return <Loading />;
  if (!p)
    return (
      <>
        <PageHeading>{t('officerPetition.title')}</PageHeading>
        <ProblemNotice error={failure} />
      </>
    );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!action) {
      setError(t('officerPetition.actionMissing'));
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    setBusy(true);
    setFailure(null);
    try {
      const body = { action, ...(text.trim() ? { text: text.trim() } : {}), ...(action === 'reroute' && agencyId ? { agencyId } : {}) };
      const next = await api.post<PetitionView>(`/api/petitions/${id}/actions`, body, { headers: { 'idempotency-key': key } });
      setP(next);
      setDone(t(`petition.step.${action}` as MessageKey));
      setAction('');
      setText('');
      setKey(newIdempotencyKey());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackLink to="/can-bo/phan-anh">{t('officerPetition.title')}</BackLink>
      <ErrorSummary errors={error ? [{ target: 'petition-action', message: error }] : []} version={attempt} />
      {done ? (
        <div className="notice notice--success" role="status">
          {t('officerPetition.done', { action: done })}
        </div>
      ) : null}
      <PageHeading title={p.code} caption={p.title}>
        {p.code}
      </PageHeading>
      <p>
        <strong className="tag">{pick(p.statusLabel)}</strong> <strong className={`tag ${URGENCY_TAG[p.urgency]}`}>{t(`officerPetition.urgency.${p.urgency}` as MessageKey)}</strong>
      </p>
      <dl className="summary-list">
        <SummaryRow label={t('petition.kind')}>{p.kind === 'conduct' ? t('petition.kindConduct') : t('petition.kindRegulation')}</SummaryRow>
        <SummaryRow label={t('petition.agencyHandling')}>{p.agency}</SummaryRow>
        {p.escalatedTo ? <SummaryRow label={t('petition.escalatedTo')}>{p.escalatedTo}</SummaryRow> : null}
        {p.dossierCode ? <SummaryRow label={t('petition.dossierCode')}>{p.dossierCode}</SummaryRow> : null}
        <SummaryRow label={t('petition.receivedAt')}>{dateTime(p.receivedAt)}</SummaryRow>
        <SummaryRow label={t('officerPetition.refuseBy')}>{dateTime(p.refuseBy)}</SummaryRow>
        <SummaryRow label={t('officerPetition.requestInfoBy')}>{dateTime(p.requestInfoBy)}</SummaryRow>
        <SummaryRow label={t('petition.answerBy')}>{dateTime(p.answerBy)}</SummaryRow>
        <SummaryRow label={t('officerPetition.consent')}>{p.consentPublish ? t('common.yes') : t('common.no')}</SummaryRow>
      </dl>
      <h2>{t('petition.content')}</h2>
      <p className="prewrap">{p.content}</p>
      {p.attachments.length ? (
        <>
          <h2>{t('petition.files')}</h2>
          <ul>
            {p.attachments.map((a) => (
              <li key={a.index}>
                <a href={`/api/petitions/${p.id}/attachments/${a.index}`} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                ({Math.max(1, Math.round(a.bytes / 1024))} KB)
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.answer ? (
        <>
          <h2>{p.status === 'answered' ? t('petition.answer') : t('officerPetition.draft')}</h2>
          <p className="prewrap">{p.answer}</p>
        </>
      ) : null}
      <h2>{t('petition.history')}</h2>
      <ol className="timeline">
        {p.history.map((h, i) => (
          <li key={i}>
            {dateTime(h.at)} — {t(`petition.step.${h.action}` as MessageKey)}
            {h.text ? `: ${h.text}` : ''}
          </li>
        ))}
      </ol>
      <ProblemNotice error={failure} />
      {p.actions.length ? (
        <form noValidate onSubmit={onSubmit}>
          <h2>{t('officerPetition.act')}</h2>
          <Select id="petition-action" label={t('officerPetition.action')} value={action} onChange={setAction} placeholder={t('officerPetition.actionChoose')} error={error} options={p.actions.map((a) => ({ value: a, label: t(`petition.step.${a}` as MessageKey) }))} />
          {action === 'reroute' ? (
            <Select id="petition-reroute" label={t('officerPetition.rerouteTo')} value={agencyId} onChange={setAgencyId} placeholder={t('petition.agencyChoose')} options={(agencies.data ?? []).filter((a) => a.id !== p.agencyId).map((a) => ({ value: a.id, label: a.name }))} />
          ) : null}
          <TextArea id="petition-text" label={t('officerPetition.text')} hint={t('officerPetition.textHint')} value={text} onChange={setText} rows={6} />
          <button type="submit" className="button" disabled={busy}>
            {t('officerPetition.submit')}
          </button>
        </form>
      ) : null}
    </>
  );
}
