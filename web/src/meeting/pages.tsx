/**
 * Paperless meetings (họp không gặp mặt): a participant's list of meetings and the meeting's page — read the
 * documents (a watermarked copy each), give a written opinion before the deadline, join, vote and see the result —
 * and, for the chair and the secretary, the conduct of the meeting: open and close it, distribute documents, put
 * questions to the vote and close them, remind, and draw up the signed minutes. Officers under /can-bo/hop, an
 * outsider (a guest who signs in with the e-ID) under /hop.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, navigate } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { api, withQuery } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { fileBase64 } from '../ui/files';
import { OfficerPicker } from '../ui/OfficerPicker';
import { Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { CHOICES, MAJORITY_RULES, QUORUM_RULES } from '@shared/meeting/rules';
import { STANCES, type MeetingView, type VoteView } from '@shared/meeting/api';

export type Area = 'officer' | 'citizen';
type ListItem = { id: string; title: string; startsAt: string; endsAt: string; state: MeetingView['state']; purpose: 'general' | 'inspection' };
type Doc = MeetingView['documents'][number];

const idem = () => ({ headers: { 'idempotency-key': newIdempotencyKey() } });
export const meetingHref = (area: Area, id: string) => (area === 'officer' ? `/can-bo/hop/${id}` : `/hop/${id}`);
const STATE_TAG: Record<MeetingView['state'], string> = { scheduled: 'tag--grey', open: 'tag--green', closed: 'tag--yellow', minutes_signed: 'tag--green', cancelled: 'tag--red' };

/** A Vietnam-time date (YYYY-MM-DD) and time (HH:MM) as an instant; null when malformed. */
export function vnInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time.trim())) return null;
  const d = new Date(`${date}T${time.trim().padStart(5, '0')}:00+07:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
/** Today in Vietnam (YYYY-MM-DD), `days` ahead. */
export const vnDay = (days = 0) => new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

function StateTag({ state }: { state: MeetingView['state'] }) {
  const { t } = useI18n();
  return <span className={`tag ${STATE_TAG[state]}`}>{t(`mt.state.${state}` as MessageKey)}</span>;
}

function SignedOut({ back }: { back: string }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('mt.title')}</PageHeading>
      <p>{t('mt.signIn')}</p>
      <p>
        <a href={eidLoginUrl(back)}>{t('sv.signInLink')}</a>
      </p>
    </>
  );
}

// --- the list ------------------------------------------------------------------------------------------------------

export function MeetingList({ area }: { area: Area }) {
  const { t, dateTime } = useI18n();
  const { session, loading } = useSession();
  const list = useApi<{ items: ListItem[] }>(session ? '/api/meetings' : null);
  if (loading) return <Loading />;
  if (!session) return <SignedOut back="/hop" />;
  return (
    <>
      <PageHeading>{t('mt.title')}</PageHeading>
      <p className="lead">{t('mt.lead')}</p>
      <ProblemNotice error={list.error} />
      {list.loading ? <Loading /> : null}
      {list.data && !list.data.items.length ? <p>{t('mt.none')}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((m) => (
          <li key={m.id}>
            <Link to={meetingHref(area, m.id)}>{m.title}</Link>
            <p>
              {dateTime(m.startsAt)} · <StateTag state={m.state} />
              {m.purpose === 'inspection' ? <span className="tag tag--grey">{t('mt.purposeInspection')}</span> : null}
            </p>
          </li>
        ))}
      </ul>
      {area === 'officer' ? <NewMeeting /> : null}
    </>
  );
}

function NewMeeting() {
  const { t } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Array<{ id: string; name: string }>>('/api/agencies');
  const mine = [...new Set(session?.grants.map((g) => g.agencyId) ?? [])];
  const [agencyId, setAgencyId] = useState(mine[0] ?? '');
  const officers = useApi<{ items: Array<{ accountId: string; name: string }> }>(agencyId ? withQuery('/api/meetings/officers', { agencyId }) : null);
  const [f, setF] = useState({ title: '', agenda: '', day: vnDay(1), from: '09:00', to: '11:00', guestId: '', guestName: '' });
  const [invited, setInvited] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const startsAt = vnInstant(f.day, f.from);
    const endsAt = vnInstant(f.day, f.to);
    if (!startsAt || !endsAt) return setFailure(new Error(t('mt.timeBad')));
    const me = session!.accountId;
    const participants = [
      { kind: 'officer' as const, accountId: me, role: 'chair' as const, voting: true },
      ...[...invited].filter((id) => id !== me).map((accountId) => ({ kind: 'officer' as const, accountId, role: 'member' as const, voting: true })),
      ...(f.guestId.trim() ? [{ kind: 'outsider' as const, personalId: f.guestId.trim(), name: f.guestName.trim(), role: 'guest' as const, voting: false }] : []),
    ];
    try {
      const m = await api.post<MeetingView>('/api/meetings', { agencyId, title: f.title, agenda: f.agenda.split('\n').map((x) => x.trim()).filter(Boolean), startsAt, endsAt, participants }, idem());
      navigate(meetingHref('officer', m.id));
    } catch (err) {
      setFailure(err);
    }
  };
  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  return (
    <details className="details">
      <summary>{t('mt.new')}</summary>
      <form onSubmit={submit} noValidate>
        <ProblemNotice error={failure} />
        {mine.length > 1 ? <Select id="mt-agency" label={t('sv.agency')} value={agencyId} onChange={setAgencyId} options={mine.map((id) => ({ value: id, label: name(id) }))} /> : null}
        <TextInput id="mt-title" label={t('mt.titleField')} value={f.title} onChange={set('title')} />
        <TextArea id="mt-agenda" label={t('mt.agenda')} hint={t('mt.agendaHint')} value={f.agenda} onChange={set('agenda')} rows={3} />
        <TextInput id="mt-day" type="date" label={t('mt.day')} value={f.day} onChange={set('day')} />
        <TextInput id="mt-from" label={t('mt.from')} hint={t('mt.timeHint')} value={f.from} onChange={set('from')} width="w10" inputMode="numeric" />
        <TextInput id="mt-to" label={t('mt.to')} hint={t('mt.timeHint')} value={f.to} onChange={set('to')} width="w10" inputMode="numeric" />
        <OfficerPicker idPrefix="mt-o" legend={t('mt.invite')} hint={t('mt.inviteHint')} officers={officers.data?.items} chosen={invited} onChange={setInvited} />
        <TextInput id="mt-guest-id" label={t('mt.guestId')} hint={t('mt.guestIdHint')} value={f.guestId} onChange={set('guestId')} inputMode="numeric" width="w20" />
        <TextInput id="mt-guest-name" label={t('mt.guestName')} value={f.guestName} onChange={set('guestName')} />
        <button type="submit" className="button">
          {t('mt.create')}
        </button>
      </form>
    </details>
  );
}

// --- the meeting ---------------------------------------------------------------------------------------------------

/** Runs an action of the page: its failure shown where it was asked, the meeting's new view taken. */
function useAction(onView: (m: MeetingView) => void) {
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<MeetingView | null>) => {
    setBusy(true);
    setFailure(null);
    try {
      const m = await call();
      if (m) onView(m);
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { failure, busy, run };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function MeetingPage({ id, area }: { id: string; area: Area }) {
  const { t, dateTime } = useI18n();
  const { session, loading } = useSession();
  const m = useApi<MeetingView>(session ? `/api/meetings/${id}` : null);
  const act = useAction(m.setData);
  if (loading) return <Loading />;
  if (!session) return <SignedOut back={`/hop/${id}`} />;
  const v = m.data;
  const mine = v?.me ? v.participants.find((p) => p.id === v.me!.participantId) : undefined;
  return (
    <>
      <PageHeading caption={t('mt.title')}>{v?.title ?? t('mt.meeting')}</PageHeading>
      <ProblemNotice error={m.error} />
      {!v && !m.error ? <Loading /> : null}
      {v ? (
        <>
          <dl className="summary-list">
            <div className="summary-list__row"><dt>{t('mt.when')}</dt><dd>{dateTime(v.startsAt)} – {dateTime(v.endsAt)}</dd></div>
            <div className="summary-list__row"><dt>{t('mt.stateLabel')}</dt><dd><StateTag state={v.state} /></dd></div>
            <div className="summary-list__row"><dt>{t('mt.myRole')}</dt><dd>{v.me ? `${t(`mt.role.${v.me.role}` as MessageKey)}${v.me.voting ? ` · ${t('mt.voting')}` : ''}` : t('mt.observer')}</dd></div>
          </dl>
          <ProblemNotice error={act.failure} />
          {v.videoUrl && (v.state === 'scheduled' || v.state === 'open') ? (
            <p>
              <a href={v.videoUrl} target="_blank" rel="noreferrer">
                {t('mt.video')}
              </a>
            </p>
          ) : null}
          {v.state === 'open' && mine && !mine.attendedAt ? (
            <button type="button" className="button" disabled={act.busy} onClick={() => void act.run(() => api.post<MeetingView>(`/api/meetings/${id}/attendance`, undefined, idem()))}>
              {t('mt.join')}
            </button>
          ) : null}
          {mine?.attendedAt ? <p>{t('mt.joined', { at: dateTime(mine.attendedAt) })}</p> : null}
          <Section id="mt-agenda-h" title={t('mt.agenda')}>
            <ol>
              {v.agenda.map((a, i) => (
                <li key={i}>{a}</li>
              ))}
            </ol>
          </Section>
          <Section id="mt-docs-h" title={t('mt.documents')}>
            {!v.documents.length ? <p>{t('mt.noDocuments')}</p> : null}
            {v.documents.map((d) => (
              <DocumentCard key={d.id} meetingId={id} doc={d} view={v} onView={m.setData} />
            ))}
          </Section>
          <Section id="mt-votes-h" title={t('mt.votes')}>
            {!v.votes.length ? <p>{t('mt.noVotes')}</p> : null}
            {v.votes.map((x) => (
              <VoteCard key={x.id} meetingId={id} vote={x} view={v} onView={m.setData} reload={m.reload} />
            ))}
          </Section>
          {v.minutes ? (
            <Section id="mt-minutes-h" title={t('mt.minutes')}>
              <p>{t('mt.minutesSigned', { at: dateTime(v.minutes.signedAt) })}</p>
              <p>
                <a href={`/api/meetings/${id}/minutes.pdf`} download>
                  {t('mt.minutesDownload')}
                </a>
              </p>
            </Section>
          ) : null}
          <Section id="mt-people-h" title={t('mt.participants')}>
            <ul className="card-list">
              {v.participants.map((p) => (
                <li key={p.id}>
                  {p.name} — {t(`mt.role.${p.role}` as MessageKey)}
                  {p.voting ? ` · ${t('mt.voting')}` : ''} · {p.attendedAt ? t('mt.present') : t('mt.absent')}
                </li>
              ))}
            </ul>
          </Section>
          {v.me?.organiser ? <Conduct view={v} onView={m.setData} /> : null}
          <p>
            <Link to={area === 'officer' ? '/can-bo/hop' : '/hop'}>{t('mt.back')}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}

function DocumentCard({ meetingId, doc, view, onView }: { meetingId: string; doc: Doc; view: MeetingView; onView(m: MeetingView): void }) {
  const { t, dateTime } = useI18n();
  const [stance, setStance] = useState<string>('');
  const [text, setText] = useState('');
  const act = useAction(onView);
  const href = `/api/meetings/${meetingId}/documents/${doc.id}`;
  const key = doc.id.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await act.run(() => api.post<MeetingView>(`${href}/opinions`, { stance, text }, idem()));
  };
  return (
    <div className="card" role="group" aria-labelledby={`mt-doc-${key}`}>
      <h3 id={`mt-doc-${key}`}>{doc.title}</h3>
      <p>
        {view.me ? (
          <>
            <a href={href} target="_blank" rel="noreferrer">
              {t('mt.open', { title: doc.title })}
            </a>
            {' · '}
            <a href={href} download={doc.fileName}>
              {t('mt.download')}
            </a>
          </>
        ) : null}
      </p>
      {doc.opinionDeadline ? <p>{t('mt.deadline', { at: dateTime(doc.opinionDeadline) })}</p> : null}
      {doc.myOpinion ? (
        <div className="notice notice--success" role="status">
          <p>
            {t('mt.myOpinion')}: <strong>{t(`mt.stance.${doc.myOpinion.stance}` as MessageKey)}</strong> — {doc.myOpinion.text}
          </p>
        </div>
      ) : doc.opinionDeadline && !doc.opinionOpen ? (
        <p className="notice">{t('mt.opinionClosed')}</p>
      ) : doc.opinionDeadline && view.me ? (
        <form onSubmit={submit} noValidate>
          <ProblemNotice error={act.failure} />
          <Radios id={`mt-stance-${key}`} label={t('mt.stance')} value={stance} onChange={setStance} options={STANCES.map((s) => ({ value: s, label: t(`mt.stance.${s}` as MessageKey) }))} />
          <TextArea id={`mt-text-${key}`} label={t('mt.opinionText')} value={text} onChange={setText} rows={3} />
          <button type="submit" className="button" disabled={act.busy}>
            {t('mt.giveOpinion')}
          </button>
        </form>
      ) : null}
      {view.me?.organiser && doc.opinionDeadline ? (
        <>
          <p>{t('mt.opinionCount', { n: doc.opinionCount })}</p>
          <ul>
            {doc.opinions.map((o, i) => (
              <li key={i}>
                {o.participant}: {t(`mt.stance.${o.stance}` as MessageKey)} — {o.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Result({ vote }: { vote: VoteView }) {
  const { t } = useI18n();
  const r = vote.result!;
  return (
    <div className={`notice ${r.outcome === 'adopted' ? 'notice--success' : ''}`} role="status">
      <p>
        <strong>{t(`mt.outcome.${r.outcome}` as MessageKey)}</strong>
      </p>
      <p>{t('mt.tally', { yes: r.yes, no: r.no, abstain: r.abstain, members: r.members })}</p>
    </div>
  );
}

function VoteCard({ meetingId, vote, view, onView, reload }: { meetingId: string; vote: VoteView; view: MeetingView; onView(m: MeetingView): void; reload(): void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState('');
  const act = useAction(onView);
  const key = vote.id.slice(0, 8);
  const base = `/api/meetings/${meetingId}/votes/${vote.id}`;
  return (
    <div className="card" role="group" aria-labelledby={`mt-vote-${key}`}>
      <h3 id={`mt-vote-${key}`}>{vote.question}</h3>
      <p className="secondary-text">
        {t(`mt.quorum.${vote.quorum}` as MessageKey)} · {t(`mt.majority.${vote.majority}` as MessageKey)} · {t('mt.ballots', { n: vote.ballots })}
      </p>
      <ProblemNotice error={act.failure} />
      {vote.result ? <Result vote={vote} /> : null}
      {vote.myChoice ? <p>{t('mt.myChoice', { choice: t(`mt.choice.${vote.myChoice}` as MessageKey) })}</p> : null}
      {vote.state === 'open' && view.me?.voting && !vote.myChoice ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => api.post<MeetingView>(`${base}/ballots`, { choice }, idem()));
          }}
          noValidate
        >
          <Radios id={`mt-choice-${key}`} label={t('mt.choose')} value={choice} onChange={setChoice} options={CHOICES.map((c) => ({ value: c, label: t(`mt.choice.${c}` as MessageKey) }))} inline />
          <button type="submit" className="button" disabled={act.busy}>
            {t('mt.castBallot')}
          </button>
        </form>
      ) : null}
      {vote.state === 'open' && view.me?.organiser ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              await api.post(`${base}/close`, undefined, idem());
              reload();
              return null;
            })
          }
        >
          {t('mt.closeVote')}
        </button>
      ) : null}
    </div>
  );
}

/** The chair's and the secretary's part: open, distribute, put to the vote, close, sign the minutes. */
function Conduct({ view, onView }: { view: MeetingView; onView(m: MeetingView): void }) {
  const { t } = useI18n();
  const id = view.id;
  const act = useAction(onView);
  const [doc, setDoc] = useState<{ title: string; file: File | null; day: string; time: string }>({ title: '', file: null, day: '', time: '' });
  const [vote, setVote] = useState({ question: '', quorum: 'more_than_half', majority: 'of_cast' });
  const [summary, setSummary] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setDone(null), [view.state]);
  const move = (action: 'open' | 'close' | 'cancel' | 'remind') => act.run(() => api.post<MeetingView>(`/api/meetings/${id}/${action}`, undefined, idem())).then((ok) => ok && action === 'remind' && setDone(t('mt.reminded')));
  const live = view.state === 'scheduled' || view.state === 'open';
  const addDoc = async (e: FormEvent) => {
    e.preventDefault();
    const deadline = doc.day ? vnInstant(doc.day, doc.time || '17:00') : null;
    if (doc.day && !deadline) return act.run(() => Promise.reject(new Error(t('mt.timeBad'))));
    const ok = await act.run(async () => {
      if (!doc.file) throw new Error(t('mt.fileMissing'));
      return api.post<MeetingView>(`/api/meetings/${id}/documents`, { title: doc.title, file: { fileName: doc.file.name, contentBase64: await fileBase64(doc.file) }, ...(deadline ? { opinionDeadline: deadline } : {}) }, idem());
    });
    if (ok) setDoc({ title: '', file: null, day: '', time: '' });
  };
  return (
    <Section id="mt-conduct-h" title={t('mt.conduct')}>
      <ProblemNotice error={act.failure} />
      {done ? (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      <div className="button-group">
        {view.state === 'scheduled' ? (
          <button type="button" className="button" disabled={act.busy} onClick={() => void move('open')}>
            {t('mt.openMeeting')}
          </button>
        ) : null}
        {view.state === 'open' ? (
          <button type="button" className="button" disabled={act.busy} onClick={() => void move('close')}>
            {t('mt.closeMeeting')}
          </button>
        ) : null}
        {live ? (
          <button type="button" className="button button--secondary" disabled={act.busy} onClick={() => void move('remind')}>
            {t('mt.remind')}
          </button>
        ) : null}
      </div>
      {live ? (
        <form onSubmit={addDoc} noValidate>
          <h3>{t('mt.addDocument')}</h3>
          <TextInput id="mt-doc-title" label={t('mt.docTitle')} value={doc.title} onChange={(v) => setDoc({ ...doc, title: v })} />
          <div className="form-group">
            <label htmlFor="mt-doc-file">{t('mt.docFile')}</label>
            <input id="mt-doc-file" type="file" accept="application/pdf,.pdf" onChange={(e) => setDoc({ ...doc, file: e.target.files?.[0] ?? null })} />
          </div>
          <TextInput id="mt-doc-day" type="date" label={t('mt.docDeadlineDay')} hint={t('mt.docDeadlineHint')} value={doc.day} onChange={(v) => setDoc({ ...doc, day: v })} />
          <TextInput id="mt-doc-time" label={t('mt.docDeadlineTime')} hint={t('mt.timeHint')} value={doc.time} onChange={(v) => setDoc({ ...doc, time: v })} width="w10" inputMode="numeric" />
          <button type="submit" className="button button--secondary" disabled={act.busy}>
            {t('mt.distribute')}
          </button>
        </form>
      ) : null}
      {view.state === 'open' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => api.post<MeetingView>(`/api/meetings/${id}/votes`, vote, idem())).then((ok) => ok && setVote({ ...vote, question: '' }));
          }}
          noValidate
        >
          <h3>{t('mt.newVote')}</h3>
          <TextInput id="mt-question" label={t('mt.question')} value={vote.question} onChange={(v) => setVote({ ...vote, question: v })} />
          <Select id="mt-quorum" label={t('mt.quorum')} value={vote.quorum} onChange={(v) => setVote({ ...vote, quorum: v })} options={QUORUM_RULES.map((q) => ({ value: q, label: t(`mt.quorum.${q}` as MessageKey) }))} />
          <Select id="mt-majority" label={t('mt.majority')} value={vote.majority} onChange={(v) => setVote({ ...vote, majority: v })} options={MAJORITY_RULES.map((q) => ({ value: q, label: t(`mt.majority.${q}` as MessageKey) }))} />
          <button type="submit" className="button button--secondary" disabled={act.busy}>
            {t('mt.putToVote')}
          </button>
        </form>
      ) : null}
      {view.state === 'closed' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => api.post<MeetingView>(`/api/meetings/${id}/minutes`, { summary }, idem()));
          }}
          noValidate
        >
          <h3>{t('mt.signMinutes')}</h3>
          <TextArea id="mt-summary" label={t('mt.conclusion')} hint={t('mt.conclusionHint')} value={summary} onChange={setSummary} rows={4} />
          <button type="submit" className="button" disabled={act.busy}>
            {t('mt.signMinutesSubmit')}
          </button>
        </form>
      ) : null}
    </Section>
  );
}
