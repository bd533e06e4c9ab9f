/** "Nộp trực tuyến": sign in if needed, choose where to file, then a draft dossier is opened and the form starts. */
import { useEffect, useState, type FormEvent } from 'react';
import { dossierApi, newIdempotencyKey, type DossierView } from '../api/dossier';
import type { Agency, ProcedureDetail } from '../api/types';
import { Link, navigate, useLocation } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { Radios } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { prefillFromSession } from '../eform/prefill';

/** The citizen already has drafts of this procedure: continue one (newest first), or start a new application. */
function ExistingDrafts({ drafts, procedureKey, onNew }: { drafts: DossierView[]; procedureKey: string; onNew(): void }) {
  const { t, pick, date, dateTime } = useI18n();
  return (
    <div className="narrow">
      <BackLink to={`/thu-tuc/${procedureKey}`} />
      <PageHeading title={t('start.haveDraftsTitle')} caption={pick(drafts[0].procedure.name)}>
        {t('start.haveDraftsTitle')}
      </PageHeading>
      <p>{t('start.haveDraftsLead')}</p>
      <ul className="card-list">
        {drafts.map((d) => (
          <li className="card" key={d.id}>
            <h2>{pick(d.procedure.name)}</h2>
            <ul className="meta">
              <li>{t('my.lastSaved', { time: dateTime(d.updatedAt) })}</li>
              <li>{t('my.startedOn', { date: date(d.createdAt) })}</li>
            </ul>
            <Link className="button" to={`/ho-so/${d.id}/khai`}>
              {t('start.continueDraft')}
              <span className="visually-hidden"> {t('my.lastSaved', { time: dateTime(d.updatedAt) })}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={onNew}>
          {t('start.newDossier')}
        </button>
      </div>
    </div>
  );
}

export function StartApplication({ procedureRef }: { procedureRef: string }) {
  const { t, pick, lang } = useI18n();
  const loc = useLocation();
  const { session, loading: sessionLoading } = useSession();
  const proc = useApi<ProcedureDetail>(`/api/procedures/${encodeURIComponent(procedureRef)}`);
  const kind = proc.data?.current.agencyKind;
  const agencies = useApi<Agency[]>(kind && session?.kind === 'citizen' ? `/api/agencies?kind=${encodeURIComponent(kind)}` : null);
  const [agencyId, setAgencyId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  // Drafts of the same procedure the citizen already has: offered first, so a new one is a choice, not a habit.
  const [drafts, setDrafts] = useState<DossierView[] | null>(null);
  const [fresh, setFresh] = useState(false);
  const procedureKey = proc.data?.key;
  useEffect(() => {
    if (!procedureKey || session?.kind !== 'citizen') return;
    dossierApi
      .draftsOf(procedureKey)
      .then((r) => setDrafts(r.items))
      .catch(() => setDrafts([]));
  }, [procedureKey, session?.kind]);

  const needsLogin = !sessionLoading && !session;
  useEffect(() => {
    if (needsLogin) window.location.assign(eidLoginUrl(loc.pathname));
  }, [needsLogin, loc.pathname]);

  const active = (agencies.data ?? []).filter((a) => a.active);

  const start = async (chosen: string) => {
    if (!proc.data || !session) return;
    setBusy(true);
    setFailure(null);
    try {
      const d = await dossierApi.create({ procedure: proc.data.key, agencyId: chosen, data: prefillFromSession(proc.data.current.eform, session) }, key);
      navigate(`/ho-so/${d.id}/khai`, { replace: true });
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };

  if (sessionLoading || needsLogin) return <Loading label={t('auth.redirecting')} />;
  if (session && session.kind !== 'citizen') {
    return (
      <>
        <PageHeading>{t('start.citizensOnly')}</PageHeading>
        <p>{t('start.citizensOnlyText')}</p>
        <p>
          <Link to="/can-bo/tiep-nhan">{t('nav.counter')}</Link>
        </p>
      </>
    );
  }
  if (proc.loading || agencies.loading || (proc.data && drafts === null)) return <Loading />;
  if (proc.error || !proc.data) return <ProblemNotice error={proc.error} />;
  if (!proc.data.current.submission.channels.includes('online')) {
    // Offered in person only: no online draft (the server refuses it too); say where to go instead.
    return (
      <div className="narrow">
        <BackLink to={`/thu-tuc/${proc.data.key}`} />
        <PageHeading caption={pick(proc.data.current.name)}>{t('procedure.inPersonOnly')}</PageHeading>
        <div className="notice">
          <p>{t('procedure.notOnline')}</p>
          <ul>
            {proc.data.current.submission.places.map((place, i) => (
              <li key={i}>{pick(place)}</li>
            ))}
          </ul>
        </div>
      </div>
    );
  }
  if (drafts?.length && !fresh) return <ExistingDrafts drafts={drafts} procedureKey={proc.data.key} onNew={() => setFresh(true)} />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!agencyId) {
      setError(t('start.chooseAgencyError'));
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    void start(agencyId);
  };

  return (
    <div className="narrow">
      <BackLink to={`/thu-tuc/${proc.data.key}`} />
      <ErrorSummary errors={error ? [{ target: 'agency', message: error }] : []} version={attempt} />
      <ProblemNotice error={failure ?? agencies.error} />
      <PageHeading title={t('start.chooseAgency')} caption={pick(proc.data.current.name)}>
        {t('start.chooseAgency')}
      </PageHeading>
      <p>{t('start.chooseAgencyLead')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          id="agency"
          label={<span className="visually-hidden">{t('start.chooseAgency')}</span>}
          value={agencyId}
          onChange={setAgencyId}
          error={error}
          options={active.map((a) => ({ value: a.id, label: `${lang === 'en' ? a.nameEn : a.name}` }))}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={busy}>
            {t('start.begin')}
          </button>
        </div>
      </form>
    </div>
  );
}
