/**
 * Online inspection (kiểm tra trực tuyến): the inspector's plan (the agency's inspections, the share done online in
 * the year, a new plan) and an inspection's page, run to signed minutes — approve (a leader), start the remote
 * session, ask for documents, record findings, draw up and sign the minutes, conclude, follow up the remedies,
 * close. The inspected enterprise's legal representative uses the same page (/kiem-tra/:id): uploads, the
 * countersignature of the minutes, remedies done.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, navigate } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { api, withQuery } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { yearRange, percent } from '@shared/inspection/rules';
import type { InspectionView } from '@shared/inspection/api';
import { meetingHref, vnDay, vnInstant, type Area } from '../meeting/pages';
import { fileBase64 } from '../ui/files';
import { OfficerPicker } from '../ui/OfficerPicker';

type ListItem = { id: string; code: string; title: string; entityName: string; state: InspectionView['state']; startsOn: string; endsOn: string };
type Share = { total: number; online: number; share: number };

const idem = () => ({ headers: { 'idempotency-key': newIdempotencyKey() } });
export const inspectionHref = (area: Area, id: string) => (area === 'officer' ? `/can-bo/kiem-tra/${id}` : `/kiem-tra/${id}`);
const STATE_TAG: Record<InspectionView['state'], string> = { draft: 'tag--grey', approved: 'tag--grey', in_progress: 'tag--yellow', minutes_team_signed: 'tag--yellow', minutes_signed: 'tag--green', concluded: 'tag--green', closed: 'tag--green', cancelled: 'tag--red' };
const day = (d: string) => d.split('-').reverse().join('/');

function StateTag({ state }: { state: InspectionView['state'] }) {
  const { t } = useI18n();
  return <span className={`tag ${STATE_TAG[state]}`}>{t(`ins.state.${state}` as MessageKey)}</span>;
}

// --- the plan ------------------------------------------------------------------------------------------------------

export function InspectionList({ area }: { area: Area }) {
  const { t } = useI18n();
  const { session, loading } = useSession();
  const list = useApi<{ items: ListItem[] }>(session ? '/api/inspections' : null);
  if (loading) return <Loading />;
  if (!session)
    return (
      <>
        <PageHeading>{t('ins.entityTitle')}</PageHeading>
        <p>{t('ins.signIn')}</p>
        <p>
          <a href={eidLoginUrl('/doanh-nghiep/kiem-tra')}>{t('sv.signInLink')}</a>
        </p>
      </>
    );
  return (
    <>
      <PageHeading>{area === 'officer' ? t('ins.title') : t('ins.entityTitle')}</PageHeading>
      <p className="lead">{area === 'officer' ? t('ins.lead') : t('ins.entityLead')}</p>
      {area === 'officer' ? <OnlineShareFigure /> : null}
      <ProblemNotice error={list.error} />
      {list.loading ? <Loading /> : null}
      {list.data && !list.data.items.length ? <p>{t('ins.none')}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((i) => (
          <li key={i.id}>
            <Link to={inspectionHref(area, i.id)}>
              {i.code}: {i.title}
            </Link>
            <p>
              {i.entityName} · {day(i.startsOn)} – {day(i.endsOn)} · <StateTag state={i.state} />
            </p>
          </li>
        ))}
      </ul>
      {area === 'officer' ? <NewPlan /> : null}
    </>
  );
}

/** The share of the agency's inspections done online this year (Vietnam dates). */
function OnlineShareFigure() {
  const { t, number } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Array<{ id: string; name: string }>>('/api/agencies');
  const mine = [...new Set(session?.grants.map((g) => g.agencyId) ?? [])];
  const year = Number(vnDay().slice(0, 4));
  const { from, to } = yearRange(year);
  const agencyId = mine[0];
  const share = useApi<Share>(agencyId ? withQuery('/api/inspections/online-share', { agencyId, from, to }) : null);
  if (!share.data) return null;
  const s = share.data;
  return (
    <dl className="summary-list" aria-label={t('ins.shareTitle', { year })}>
      <div className="summary-list__row">
        <dt>{t('ins.shareTitle', { year })}</dt>
        <dd>
          {t('ins.shareValue', { pct: number(percent(s.share)), online: s.online, total: s.total })}
          {mine.length > 1 ? <span className="secondary-text"> — {agencies.data?.find((a) => a.id === agencyId)?.name}</span> : null}
        </dd>
      </div>
    </dl>
  );
}

function NewPlan() {
  const { t } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Array<{ id: string; name: string }>>('/api/agencies');
  const mine = [...new Set(session?.grants.map((g) => g.agencyId) ?? [])];
  const [agencyId, setAgencyId] = useState(mine[0] ?? '');
  const officers = useApi<{ items: Array<{ accountId: string; name: string }> }>(agencyId ? withQuery('/api/meetings/officers', { agencyId }) : null);
  const [f, setF] = useState({ enterpriseCode: '', title: '', scope: '', legalBasis: '', startsOn: vnDay(1), endsOn: vnDay(10) });
  const [team, setTeam] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const me = session!.accountId;
    const body = { agencyId, ...f, enterpriseCode: f.enterpriseCode.trim(), team: [{ accountId: me, role: 'lead' as const }, ...[...team].filter((x) => x !== me).map((accountId) => ({ accountId, role: 'member' as const }))] };
    try {
      const r = await api.post<InspectionView>('/api/inspections', body, idem());
      navigate(inspectionHref('officer', r.id));
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <details className="details">
      <summary>{t('ins.new')}</summary>
      <form onSubmit={submit} noValidate>
        <ProblemNotice error={failure} />
        {mine.length > 1 ? <Select id="ins-agency" label={t('sv.agency')} value={agencyId} onChange={setAgencyId} options={mine.map((id) => ({ value: id, label: agencies.data?.find((a) => a.id === id)?.name ?? id }))} /> : null}
        <TextInput id="ins-enterprise" label={t('ins.enterpriseCode')} value={f.enterpriseCode} onChange={set('enterpriseCode')} inputMode="numeric" width="w20" />
        <TextInput id="ins-title" label={t('ins.titleField')} value={f.title} onChange={set('title')} />
        <TextArea id="ins-scope" label={t('ins.scope')} value={f.scope} onChange={set('scope')} rows={2} />
        <TextArea id="ins-basis" label={t('ins.legalBasis')} value={f.legalBasis} onChange={set('legalBasis')} rows={2} />
        <TextInput id="ins-from" type="date" label={t('ins.startsOn')} value={f.startsOn} onChange={set('startsOn')} />
        <TextInput id="ins-to" type="date" label={t('ins.endsOn')} value={f.endsOn} onChange={set('endsOn')} />
        <OfficerPicker idPrefix="ins-o" legend={t('ins.teamMembers')} hint={t('ins.teamHint')} officers={officers.data?.items} chosen={team} onChange={setTeam} />
        <button type="submit" className="button">
          {t('ins.plan')}
        </button>
      </form>
    </details>
  );
}

// --- an inspection -------------------------------------------------------------------------------------------------

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function InspectionPage({ id, area }: { id: string; area: Area }) {
  const { t, dateTime } = useI18n();
  const { session, loading } = useSession();
  const r = useApi<InspectionView>(session ? `/api/inspections/${id}` : null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [finding, setFinding] = useState({ text: '', remedy: '', remedyDay: '' });
  const [request, setRequest] = useState({ title: '', day: vnDay(3), time: '17:00' });
  const [conclusion, setConclusion] = useState('');
  const [mode, setMode] = useState('online');
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (loading) return <Loading />;
  if (!session)
    return (
      <>
        <PageHeading>{t('ins.entityTitle')}</PageHeading>
        <p>{t('ins.signIn')}</p>
        <p>
          <a href={eidLoginUrl(`/kiem-tra/${id}`)}>{t('sv.signInLink')}</a>
        </p>
      </>
    );
  const v = r.data;
  const run = async (call: () => Promise<InspectionView>) => {
    setBusy(true);
    setFailure(null);
    try {
      r.setData(await call());
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const post = (path: string, body?: unknown) => run(() => api.post<InspectionView>(`/api/inspections/${id}${path}`, body, idem()));
  const team = v?.as === 'team';
  const lead = team && v?.team.some((m) => m.accountId === session.accountId && m.role === 'lead');
  const entity = v?.as === 'entity';
  const officer = session.kind !== 'citizen';
  const running = v?.state === 'in_progress';
  return (
    <>
      <PageHeading caption={v ? t('ins.caption', { code: v.code }) : t('ins.title')}>{v?.title ?? t('ins.inspection')}</PageHeading>
      <ProblemNotice error={r.error} />
      {!v && !r.error ? <Loading /> : null}
      {v ? (
        <>
          <dl className="summary-list">
            <div className="summary-list__row"><dt>{t('ins.entity')}</dt><dd>{v.entityName} (<code>{v.enterpriseCode}</code>)</dd></div>
            <div className="summary-list__row"><dt>{t('ins.stateLabel')}</dt><dd><StateTag state={v.state} /></dd></div>
            <div className="summary-list__row"><dt>{t('ins.dates')}</dt><dd>{day(v.startsOn)} – {day(v.endsOn)}</dd></div>
            <div className="summary-list__row"><dt>{t('ins.scope')}</dt><dd>{v.scope}</dd></div>
            <div className="summary-list__row"><dt>{t('ins.legalBasis')}</dt><dd>{v.legalBasis}</dd></div>
            <div className="summary-list__row"><dt>{t('ins.team')}</dt><dd>{v.team.map((m) => `${m.name} (${t(m.role === 'lead' ? 'ins.teamLead' : 'ins.teamMember')})`).join(', ')}</dd></div>
            <div className="summary-list__row"><dt>{t('ins.mode')}</dt><dd>{v.state === 'draft' || v.state === 'approved' ? t('ins.notStarted') : v.online ? t('ins.online') : t('ins.onsite')}</dd></div>
          </dl>
          <ProblemNotice error={failure} />
          {v.meetingId ? (
            <p>
              <Link to={meetingHref(officer ? 'officer' : 'citizen', v.meetingId)}>{t('ins.session')}</Link>
            </p>
          ) : null}
          {v.state === 'draft' && officer ? (
            <button type="button" className="button" disabled={busy} onClick={() => void post('/approve')}>
              {t('ins.approve')}
            </button>
          ) : null}
          {v.state === 'approved' && lead ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const now = Date.now();
                void post('/start', { mode, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 2 * 3_600_000).toISOString() });
              }}
              noValidate
            >
              <Radios id="ins-mode" label={t('ins.mode')} value={mode} onChange={setMode} options={[{ value: 'online', label: t('ins.online') }, { value: 'onsite', label: t('ins.onsite') }]} />
              <button type="submit" className="button" disabled={busy}>
                {t('ins.start')}
              </button>
            </form>
          ) : null}

          <Section id="ins-requests-h" title={t('ins.requests')}>
            {!v.requests.length ? <p>{t('ins.noRequests')}</p> : null}
            <ul className="card-list">
              {v.requests.map((q) => (
                <li key={q.id}>
                  <p>
                    <strong>{q.title}</strong> — {t('ins.dueAt', { at: dateTime(q.dueAt) })}
                  </p>
                  {q.uploadedAt ? (
                    <p>
                      <a href={`/api/inspections/${id}/requests/${q.id}/file`} download={q.fileName ?? undefined}>
                        {t('ins.uploaded', { file: q.fileName ?? '', at: dateTime(q.uploadedAt) })}
                      </a>
                    </p>
                  ) : q.open ? (
                    entity ? (
                      <div className="form-group">
                        <label htmlFor={`ins-up-${q.id.slice(0, 8)}`}>{t('ins.upload', { title: q.title })}</label>
                        <input
                          id={`ins-up-${q.id.slice(0, 8)}`}
                          type="file"
                          accept="application/pdf,.pdf"
                          onChange={(e) => {
                            const file = e.target.files?.[0];
                            if (file) void fileBase64(file).then((contentBase64) => post(`/requests/${q.id}/upload`, { file: { fileName: file.name, contentBase64 } }));
                          }}
                        />
                      </div>
                    ) : (
                      <p>{t('ins.awaiting')}</p>
                    )
                  ) : (
                    <p>{new Date(q.dueAt).getTime() > Date.now() ? t('ins.requestEnded') : t('ins.requestClosed')}</p>
                  )}
                </li>
              ))}
            </ul>
            {team && (v.state === 'approved' || running) ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const dueAt = vnInstant(request.day, request.time);
                  if (!dueAt) return setFailure(new Error(t('mt.timeBad')));
                  void post('/requests', { title: request.title, dueAt }).then((ok) => ok && setRequest({ ...request, title: '' }));
                }}
                noValidate
              >
                <h3>{t('ins.newRequest')}</h3>
                <TextInput id="ins-req-title" label={t('ins.requestTitle')} value={request.title} onChange={(x) => setRequest({ ...request, title: x })} />
                <TextInput id="ins-req-day" type="date" label={t('ins.requestDay')} value={request.day} onChange={(x) => setRequest({ ...request, day: x })} />
                <TextInput id="ins-req-time" label={t('ins.requestTime')} hint={t('mt.timeHint')} value={request.time} onChange={(x) => setRequest({ ...request, time: x })} width="w10" inputMode="numeric" />
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t('ins.ask')}
                </button>
              </form>
            ) : null}
          </Section>

          <Section id="ins-findings-h" title={t('ins.findings')}>
            {!v.findings.length ? <p>{t('ins.noFindings')}</p> : null}
            <ol>
              {v.findings.map((f) => (
                <li key={f.id}>
                  <p>{f.text}</p>
                  {f.remedy ? (
                    <p>
                      {t('ins.remedy')}: {f.remedy}
                      {f.remedyDueAt ? ` — ${t('ins.dueAt', { at: dateTime(f.remedyDueAt) })}` : ''} <span className={`tag ${f.remedyStatus === 'done' ? 'tag--green' : f.remedyStatus === 'overdue' ? 'tag--red' : 'tag--yellow'}`}>{t(`ins.remedy.${f.remedyStatus ?? 'open'}` as MessageKey)}</span>
                    </p>
                  ) : null}
                  {f.remedyNote ? <p className="secondary-text">{f.remedyNote}</p> : null}
                  {entity && f.remedy && f.remedyStatus !== 'done' && v.state !== 'closed' ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void post(`/findings/${f.id}/remedy`, { note: notes[f.id] ?? '' });
                      }}
                      noValidate
                    >
                      <TextArea id={`ins-note-${f.id.slice(0, 8)}`} label={t('ins.remedyNote')} value={notes[f.id] ?? ''} onChange={(x) => setNotes({ ...notes, [f.id]: x })} rows={2} />
                      <button type="submit" className="button button--secondary" disabled={busy}>
                        {t('ins.remedyDone')}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ol>
            {team && running ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const remedyDueAt = finding.remedy.trim() && finding.remedyDay ? vnInstant(finding.remedyDay, '17:00') : null;
                  void post('/findings', { text: finding.text, ...(finding.remedy.trim() ? { remedy: finding.remedy, remedyDueAt } : {}) }).then((ok) => ok && setFinding({ text: '', remedy: '', remedyDay: '' }));
                }}
                noValidate
              >
                <h3>{t('ins.newFinding')}</h3>
                <TextArea id="ins-finding" label={t('ins.findingText')} value={finding.text} onChange={(x) => setFinding({ ...finding, text: x })} rows={3} />
                <TextArea id="ins-remedy" label={t('ins.remedyAsked')} hint={t('ins.remedyHint')} value={finding.remedy} onChange={(x) => setFinding({ ...finding, remedy: x })} rows={2} />
                <TextInput id="ins-remedy-day" type="date" label={t('ins.remedyDay')} value={finding.remedyDay} onChange={(x) => setFinding({ ...finding, remedyDay: x })} />
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t('ins.record')}
                </button>
              </form>
            ) : null}
          </Section>

          <Section id="ins-minutes-h" title={t('ins.minutes')}>
            {v.minutes ? (
              <>
                <ul>
                  {v.minutes.teamSignedAt ? <li>{t('ins.teamSigned', { at: dateTime(v.minutes.teamSignedAt) })}</li> : null}
                  <li>{v.minutes.entitySignedAt ? t('ins.entitySigned', { at: dateTime(v.minutes.entitySignedAt) }) : t('ins.entityToSign')}</li>
                </ul>
                <p>
                  <a href={`/api/inspections/${id}/minutes.pdf`} download>
                    {t('ins.minutesDownload')}
                  </a>
                </p>
              </>
            ) : (
              <p>{t('ins.noMinutes')}</p>
            )}
            {lead && running ? (
              <button type="button" className="button" disabled={busy} onClick={() => void post('/minutes/team-signature')}>
                {t('ins.signTeam')}
              </button>
            ) : null}
            {entity && v.state === 'minutes_team_signed' ? (
              <>
                <p>{t('ins.entitySignHint')}</p>
                <button type="button" className="button" disabled={busy} onClick={() => void post('/minutes/entity-signature')}>
                  {t('ins.signEntity')}
                </button>
              </>
            ) : null}
          </Section>

          <Section id="ins-conclusion-h" title={t('ins.conclusion')}>
            {v.conclusion ? <p className="prewrap">{v.conclusion}</p> : <p>{t('ins.noConclusion')}</p>}
            {officer && v.state === 'minutes_signed' ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void post('/conclusion', { conclusion });
                }}
                noValidate
              >
                <TextArea id="ins-conclusion" label={t('ins.conclusionText')} hint={t('ins.conclusionHint')} value={conclusion} onChange={setConclusion} rows={3} />
                <button type="submit" className="button" disabled={busy}>
                  {t('ins.conclude')}
                </button>
              </form>
            ) : null}
            {lead && v.state === 'concluded' ? (
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void post('/close')}>
                {t('ins.close')}
              </button>
            ) : null}
          </Section>
          <p>
            <Link to={area === 'officer' ? '/can-bo/kiem-tra' : '/doanh-nghiep/kiem-tra'}>{t('ins.back')}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
