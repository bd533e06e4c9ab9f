/**
 * Liên thông with agencies on other MotCua nodes, for officers: the dossiers transferred to or received from them and
 * the consultations (xin ý kiến) asked of them or by them, with the answers; a specialist answers an incoming
 * consultation here. From a dossier in processing, the specialist transfers it or asks an agency on another node
 * (/can-bo/ho-so/:id/lien-thong). The messages travel over NATS JetStream; the lists show where each one is.
 */
import { useState, type FormEvent } from 'react';
import type { RemoteAgency, RemoteConsultation, RemoteTransfer } from '@shared/exchange/events/api';
import { Link, navigate, useQuery } from '../app/router';
import { hasRole, useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { useDossierWithVersion } from '../dossier/flow/useDraft';

const idem = () => ({ headers: { 'idempotency-key': newIdempotencyKey() } });
const TAG: Record<RemoteTransfer['status'] | RemoteConsultation['status'], string> = { sent: 'tag--yellow', received: 'tag--yellow', asked: 'tag--yellow', answered: 'tag--green' };

/** The dossier page on this node a transfer or consultation points to, if any. */
function localDossier(x: { direction: string; dossierId: string | null; localDossierId?: string | null }): string | null {
  const id = x.direction === 'incoming' && 'localDossierId' in x ? x.localDossierId : x.dossierId;
  return id ? `/can-bo/ho-so/${id}` : null;
}

function Status({ status }: { status: keyof typeof TAG }) {
  const { t } = useI18n();
  return <span className={`tag ${TAG[status]}`}>{t(`xl.status.${status}` as MessageKey)}</span>;
}

export function ExchangePage() {
  const { t, dateTime } = useI18n();
  const { session } = useSession();
  const done = useQuery().get('da');
  const transfers = useApi<{ items: RemoteTransfer[] }>('/api/exchange/transfers');
  const consultations = useApi<{ items: RemoteConsultation[] }>('/api/exchange/consultations');
  const specialist = hasRole(session, 'specialist');
  return (
    <>
      <PageHeading>{t('xl.title')}</PageHeading>
      <p className="lead">{t('xl.lead')}</p>
      {done === 'chuyen' || done === 'hoi' ? (
        <div className="notice notice--success" role="status">
          {t(done === 'chuyen' ? 'xl.sentTransfer' : 'xl.sentConsultation')}
        </div>
      ) : null}

      <section aria-labelledby="xl-transfers">
        <h2 id="xl-transfers">{t('xl.transfers')}</h2>
        <ProblemNotice error={transfers.error} />
        {transfers.loading ? <Loading /> : null}
        {transfers.data && !transfers.data.items.length ? <p>{t('xl.noTransfers')}</p> : null}
        <ul className="card-list">
          {transfers.data?.items.map((x) => {
            const href = localDossier(x);
            return (
              <li key={x.id}>
                <p>
                  <strong>{t(x.direction === 'outgoing' ? 'xl.outgoing' : 'xl.incoming')}</strong> · <Status status={x.status} />
                </p>
                <p>
                  {href ? <Link to={href}>{x.direction === 'incoming' && x.remoteDossierCode ? x.remoteDossierCode : x.dossierCode}</Link> : x.dossierCode}: {x.procedureName}
                </p>
                <p className="secondary-text">
                  {t('xl.fromTo', { from: x.from.name, to: x.to.name })} · {t('xl.sentAt', { at: dateTime(x.sentAt) })}
                  {x.stepDueAt ? ` · ${t('xl.dueAt', { at: dateTime(x.stepDueAt) })}` : ''}
                </p>
                {x.direction === 'incoming' ? <p className="secondary-text">{t('xl.originCode', { code: x.dossierCode })}</p> : x.remoteDossierCode ? <p className="secondary-text">{t('xl.remoteCode', { code: x.remoteDossierCode })}</p> : null}
                {x.note ? <p>{t('xl.note', { note: x.note })}</p> : null}
                {x.outcome ? (
                  <p>
                    {t('xl.outcome', { outcome: t(`xl.outcome.${x.outcome}` as MessageKey) })}
                    {x.summary ? ` — ${x.summary}` : ''}
                    {x.answeredAt ? <span className="secondary-text"> ({dateTime(x.answeredAt)})</span> : null}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="xl-consultations">
        <h2 id="xl-consultations">{t('xl.consultations')}</h2>
        <ProblemNotice error={consultations.error} />
        {consultations.loading ? <Loading /> : null}
        {consultations.data && !consultations.data.items.length ? <p>{t('xl.noConsultations')}</p> : null}
        <ul className="card-list">
          {consultations.data?.items.map((c) => {
            const href = localDossier(c);
            return (
              <li key={c.id}>
                <p>
                  <strong>{t(c.direction === 'outgoing' ? 'xl.asked' : 'xl.askedOfUs')}</strong> · <Status status={c.status} />
                </p>
                <p>
                  {href ? <Link to={href}>{c.dossierCode}</Link> : c.dossierCode}: {c.procedureName}
                </p>
                <p className="secondary-text">
                  {t('xl.fromTo', { from: c.from.name, to: c.to.name })} · {t('xl.sentAt', { at: dateTime(c.askedAt) })}
                  {c.stepDueAt ? ` · ${t('xl.dueAt', { at: dateTime(c.stepDueAt) })}` : ''}
                </p>
                <p>{t('xl.question', { text: c.question })}</p>
                {c.opinion ? (
                  <p>
                    {t('xl.opinion', { text: c.opinion })}
                    {c.answeredAt ? <span className="secondary-text"> ({dateTime(c.answeredAt)})</span> : null}
                  </p>
                ) : null}
                {c.direction === 'incoming' && c.status === 'asked' && specialist ? <AnswerForm consultation={c} onAnswered={(v) => consultations.setData({ items: consultations.data!.items.map((y) => (y.id === v.id ? v : y)) })} /> : null}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}

function AnswerForm({ consultation, onAnswered }: { consultation: RemoteConsultation; onAnswered(v: RemoteConsultation): void }) {
  const { t } = useI18n();
  const [opinion, setOpinion] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      onAnswered(await api.post<RemoteConsultation>(`/api/exchange/consultations/${consultation.id}/answer`, { opinion }, idem()));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemNotice error={failure} />
      <TextArea id={`xl-opinion-${consultation.id}`} label={t('xl.yourOpinion')} value={opinion} onChange={setOpinion} rows={3} />
      <button type="submit" className="button" disabled={busy}>
        {t('xl.answer')}
      </button>
    </form>
  );
}

/** From a dossier in processing: transfer it to, or ask, an agency on another node. */
export function TransferPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { detail, loading, error } = useDossierWithVersion(id);
  const agencies = useApi<{ items: RemoteAgency[] }>('/api/exchange/remote-agencies');
  const [kind, setKind] = useState<'transfer' | 'consult'>('transfer');
  const [agencyCode, setAgencyCode] = useState('');
  const [text, setText] = useState('');
  const [days, setDays] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  if (loading || agencies.loading) return <Loading />;
  if (error || !detail)
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  const list = agencies.data?.items ?? [];
  const chosen = agencyCode || list[0]?.code || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    // A consultation needs its question (the server refuses it too; said here next to the field).
    setMissing(kind === 'consult' && !text.trim());
    if (kind === 'consult' && !text.trim()) return;
    setBusy(true);
    const workingDays = days.trim() ? Number(days) : undefined;
    try {
      if (kind === 'transfer') await api.post('/api/exchange/transfers', { dossierId: id, agencyCode: chosen, ...(text.trim() ? { note: text } : {}), ...(workingDays !== undefined ? { workingDays } : {}) }, idem());
      else await api.post('/api/exchange/consultations', { dossierId: id, agencyCode: chosen, question: text, ...(workingDays !== undefined ? { workingDays } : {}) }, idem());
      navigate(`/can-bo/lien-thong?da=${kind === 'transfer' ? 'chuyen' : 'hoi'}`);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };
  return (
    <>
      <BackLink to={`/can-bo/ho-so/${id}`}>{detail.code ?? t('dossier.noCodeYet')}</BackLink>
      <PageHeading caption={detail.code ?? undefined}>{t('xl.formTitle')}</PageHeading>
      <p className="lead">{t('xl.formLead')}</p>
      <ProblemNotice error={agencies.error} />
      {!list.length && !agencies.error ? (
        <p>{t('xl.noAgencies')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemNotice error={failure} />
          <Radios
            id="xl-kind"
            label={t('xl.kind')}
            hint={t('xl.kindHint')}
            value={kind}
            onChange={(v) => setKind(v as 'transfer' | 'consult')}
            options={[
              { value: 'transfer', label: t('xl.kindTransfer') },
              { value: 'consult', label: t('xl.kindConsult') },
            ]}
          />
          <Select id="xl-agency" label={t('xl.agency')} value={chosen} onChange={setAgencyCode} options={list.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))} />
          <TextArea id="xl-text" label={t(kind === 'transfer' ? 'xl.noteField' : 'xl.questionField')} hint={kind === 'transfer' ? t('xl.optional') : undefined} error={missing && kind === 'consult' ? t('xl.questionMissing') : null} value={text} onChange={setText} rows={4} />
          <TextInput id="xl-days" label={t('xl.workingDays')} hint={t('xl.workingDaysHint')} value={days} onChange={setDays} inputMode="numeric" width="w10" />
          <button type="submit" className="button" disabled={busy}>
            {t(kind === 'transfer' ? 'xl.sendTransfer' : 'xl.sendConsultation')}
          </button>
        </form>
      )}
    </>
  );
}
