import { useEffect, useRef, useState } from 'react';
import { dossierApi, newIdempotencyKey, type DossierView } from '../api/dossier';
import { Link, useQuery } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n } from '../i18n';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { StatusTag } from '../dossier/StatusTag';
import { MyDataLinks } from './MyData';
import { TERMINAL_STATES } from '@shared/dossier/states';

/** "Hồ sơ của tôi": drafts to finish and filed dossiers with their status. */
/** One draft: what it is, when it was last saved, continue or delete (after a confirmation, in place). */
function DraftCard({ d, onDeleted }: { d: DossierView; onDeleted(d: DossierView): void }) {
  const { t, pick, date, dateTime } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const confirmRef = useRef<HTMLDivElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const titleId = `draft-${d.id}`;
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await dossierApi.deleteDraft(d.id, key);
      onDeleted(d);
    } catch (e) {
      setError(e);
      setKey(newIdempotencyKey());
      setBusy(false);
    }
  };
  return (
    <li className="card">
      <h3 id={titleId}>
        <Link to={`/ho-so/${d.id}/khai`}>{pick(d.procedure.name)}</Link>
      </h3>
      <ul className="meta">
        <li>
          <StatusTag state={d.state} label={d.stateLabel} />
        </li>
        <li>{t('my.lastSaved', { time: dateTime(d.updatedAt) })}</li>
        <li>{t('my.startedOn', { date: date(d.createdAt) })}</li>
      </ul>
      <ProblemNotice error={error} />
      {confirming ? (
        <div className="notice notice--warning" ref={confirmRef} tabIndex={-1} role="group" aria-labelledby={`${titleId}-confirm`}>
          <h4 id={`${titleId}-confirm`}>{t('my.deleteConfirmTitle')}</h4>
          <p>{t('my.deleteConfirmText', { name: pick(d.procedure.name) })}</p>
          <div className="button-group">
            <button type="button" className="button button--warning" disabled={busy} onClick={() => void remove()}>
              {t('my.deleteConfirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                setTimeout(() => deleteRef.current?.focus(), 0);
              }}
            >
              {t('my.deleteCancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-group">
          <button type="button" ref={deleteRef} className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('my.deleteDraft')}
            <span className="visually-hidden"> {pick(d.procedure.name)}</span>
          </button>
        </div>
      )}
    </li>
  );
}

export function MyDossiers() {
  const { t, pick, date } = useI18n();
  const [deleted, setDeleted] = useState<string | null>(null);
  const deletedRef = useRef<HTMLDivElement>(null);
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
  const onDeleted = (d: DossierView) => {
    setItems((prev) => (prev ?? []).filter((x) => x.id !== d.id));
    setDeleted(pick(d.procedure.name));
    setTimeout(() => deletedRef.current?.focus(), 0);
  };
  const drafts = items?.filter((d) => d.state === 'draft') ?? [];
  const filed = items?.filter((d) => d.state !== 'draft') ?? [];
  return (
    <>
      {saved ? (
        <div className="notice notice--success" role="status">
          {t('my.draftSaved')}
        </div>
      ) : null}
      {deleted ? (
        <div className="notice notice--success" role="status" ref={deletedRef} tabIndex={-1}>
          {t('my.draftDeleted', { name: deleted })}
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
              <DraftCard key={d.id} d={d} onDeleted={onDeleted} />
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
