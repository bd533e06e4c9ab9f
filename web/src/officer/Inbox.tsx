import { useEffect, useState } from 'react';
import { dossierApi, QUEUES, type InboxPage, type Queue } from '../api/dossier';
import type { Session } from '../api/types';
import { Link, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { DossierTable } from './DossierTable';

export const QUEUE_KEYS: Record<Queue, MessageKey> = {
  to_receive: 'queue.to_receive',
  to_process: 'queue.to_process',
  to_approve: 'queue.to_approve',
  to_return: 'queue.to_return',
  due_soon: 'queue.due_soon',
  overdue: 'queue.overdue',
  waiting_applicant: 'queue.waiting_applicant',
  consultations: 'queue.consultations',
};

/** The queue an officer starts on, by role. */
export function defaultQueue(session: Session | null): Queue {
  const roles = new Set(session?.grants.map((g) => g.role));
  if (roles.has('receiving_officer')) return 'to_receive';
  if (roles.has('specialist')) return 'to_process';
  if (roles.has('approver')) return 'to_approve';
  if (roles.has('result_officer')) return 'to_return';
  return 'to_process';
}

export function Inbox() {
  const { t } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const queue = (QUEUES as readonly string[]).includes(q.get('hang') ?? '') ? (q.get('hang') as Queue) : defaultQueue(session);
  const mine = q.get('cua-toi') === '1';
  const [page, setPage] = useState<InboxPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    dossierApi
      .inbox({ queue, mine: mine || undefined, limit: 50 })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [queue, mine]);

  const more = async () => {
    if (!page?.nextCursor) return;
    const next = await dossierApi.inbox({ queue, mine: mine || undefined, limit: 50, cursor: page.nextCursor });
    setPage({ ...next, items: [...page.items, ...next.items] });
  };

  const title = t(QUEUE_KEYS[queue]);
  return (
    <>
      <PageHeading title={`${t('inbox.title')}: ${title}`}>{t('inbox.title')}</PageHeading>
      <nav className="queue-nav" aria-label={t('inbox.queues')}>
        <ul>
          {QUEUES.map((k) => (
            <li key={k}>
              <Link to={`/can-bo?hang=${k}`} aria-current={k === queue ? 'page' : undefined}>
                {t(QUEUE_KEYS[k])}
                <span className="badge">{page?.counts[k] ?? '…'}</span>
                <span className="visually-hidden"> {t('inbox.dossiers')}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        {mine ? <Link to={`/can-bo?hang=${queue}`}>{t('inbox.showAll')}</Link> : <Link to={`/can-bo?hang=${queue}&cua-toi=1`}>{t('inbox.onlyMine')}</Link>}
      </p>
      <ProblemNotice error={error} />
      {loading && !page ? <Loading /> : null}
      {page ? page.items.length ? <DossierTable items={page.items} caption={title} /> : <p>{t('inbox.empty')}</p> : null}
      {page?.nextCursor ? (
        <button type="button" className="button button--secondary" onClick={() => void more()}>
          {t('common.more')}
        </button>
      ) : null}
    </>
  );
}
