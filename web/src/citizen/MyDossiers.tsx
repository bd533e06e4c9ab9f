import { useEffect, useState } from 'react';
import { dossierApi, type DossierView } from '../api/dossier';
import { Link, useQuery } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n } from '../i18n';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { StatusTag } from '../dossier/StatusTag';
import { MyDataLinks } from './MyData';
import { TERMINAL_STATES } from '@shared/dossier/states';

/** "Hồ sơ của tôi": drafts to finish and filed dossiers with their status. */
export function MyDossiers() {
  const { t, pick, date } = useI18n();
  const { session, loading: sessionLoading } = useSession();
  const saved = useQuery().get('luu') === '1';
  const [items, setItems] = useState<DossierView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (session?.kind !== 'citizen') return;
    dossierApi
      .mine()
      .then((r) => {
        setItems(r.items);
        setCursor(r.nextCursor);
      })
      .catch(setError);
  }, [session]);

  const more = async () => {
    if (!cursor) return;
    try {
      const r = await dossierApi.mine(cursor);
      setItems((prev) => [...(prev ?? []), ...r.items]);
      setCursor(r.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  if (sessionLoading) return <Loading />;
  if (!session || session.kind !== 'citizen') {
    return (
      <div className="narrow">
        <PageHeading>{t('my.title')}</PageHeading>
        <p>{t('my.signInText')}</p>
        <p>
          <a className="button" href={eidLoginUrl('/ho-so')}>
            {t('auth.signInEid')}
          </a>
        </p>
        <p>
          {t('my.orLookup')} <Link to="/tra-cuu">{t('nav.lookup')}</Link>
        </p>
      </div>
    );
  }
  const drafts = items?.filter((d) => d.state === 'draft') ?? [];
  const filed = items?.filter((d) => d.state !== 'draft') ?? [];
  return (
    <>
      {saved ? (
        <div className="notice notice--success" role="status">
          {t('my.draftSaved')}
        </div>
      ) : null}
      <PageHeading>{t('my.title')}</PageHeading>
      <ProblemNotice error={error} />
      {items === null && !error ? <Loading /> : null}
      {items && !items.length ? (
        <p>
          {t('my.none')} <Link to="/">{t('my.findProcedure')}</Link>
        </p>
      ) : null}
      {drafts.length ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('my.drafts')}</h2>
          <ul className="card-list">
            {drafts.map((d) => (
              <li className="card" key={d.id}>
                <h3>
                  <Link to={`/ho-so/${d.id}/khai`}>{pick(d.procedure.name)}</Link>
                </h3>
                <ul className="meta">
                  <li>
                    <StatusTag state={d.state} label={d.stateLabel} />
                  </li>
                  <li>{t('my.startedOn', { date: date(d.createdAt) })}</li>
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {filed.length ? (
        <section aria-labelledby="filed-title">
          <h2 id="filed-title">{t('my.filed')}</h2>
          <ul className="card-list">
            {filed.map((d) => (
              <li className="card" key={d.id}>
                <h3>
                  <Link to={`/ho-so/${d.id}`}>{pick(d.procedure.name)}</Link>
                </h3>
                <ul className="meta">
                  <li>
                    <StatusTag state={d.state} label={d.stateLabel} />
                  </li>
                  <li>
                    {t('dossier.code')}: {d.code}
                  </li>
                  {d.submittedAt ? <li>{t('my.submittedOn', { date: date(d.submittedAt) })}</li> : null}
                  {d.dueAt && !d.finishedAt && !TERMINAL_STATES.includes(d.state) ? <li>{t('my.dueOn', { date: date(d.dueAt) })}</li> : null}
                </ul>
                {d.state === 'supplement_requested' ? <p className="notice notice--warning">{t('my.actionNeeded')}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cursor ? (
        <button type="button" className="button button--secondary" onClick={() => void more()}>
          {t('common.more')}
        </button>
      ) : null}
      <h2>{t('data.nav')}</h2>
      <MyDataLinks />
    </>
  );
}
