/**
 * Phiên đăng nhập: an officer's open sessions (this browser marked), each with a button to end it — a phone left
 * signed in, a shared computer — and one to end all the others.
 */
import { useState } from 'react';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { useApi } from '../ui/useApi';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { newKey } from '../notify/pages';
import type { OpenSession } from '@shared/api/identity';

const METHOD: Record<string, MessageKey> = { password: 'sessions.method.password', eid: 'sessions.method.eid', oidc: 'sessions.method.oidc', 'oidc-mfa': 'sessions.method.oidcMfa' };

export function SessionsPage() {
  const { t, dateTime } = useI18n();
  const { logout } = useSession();
  const list = useApi<OpenSession[]>('/api/auth/sessions');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);

  const end = async (s: OpenSession) => {
    setFailure(null);
    try {
      await api.delete(`/api/auth/sessions/${s.id}`, { headers: { 'idempotency-key': newKey() } });
      if (s.current) {
        await logout().catch(() => undefined);
        navigate('/can-bo/dang-nhap');
        return;
      }
      setStatus(t('sessions.ended', { when: dateTime(s.createdAt) }));
      list.reload();
    } catch (err) {
      setFailure(err);
    }
  };
  const endOthers = async () => {
    setFailure(null);
    const others = (list.data ?? []).filter((s) => !s.current && s.kind === 'web');
    try {
      for (const s of others) await api.delete(`/api/auth/sessions/${s.id}`, { headers: { 'idempotency-key': newKey() } });
      setStatus(t('sessions.endedOthers', { count: others.length }));
      list.reload();
    } catch (err) {
      setFailure(err);
      list.reload();
    }
  };

  const web = (list.data ?? []).filter((s) => s.kind === 'web');
  return (
    <>
      <PageHeading>{t('sessions.title')}</PageHeading>
      <p>{t('sessions.intro')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <table className="responsive-table">
            <caption className="visually-hidden">{t('sessions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.method')}</th>
                <th scope="col">{t('sessions.createdAt')}</th>
                <th scope="col">{t('sessions.lastSeenAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sessions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {web.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('sessions.method')}>
                    {METHOD[s.label ?? ''] ? t(METHOD[s.label ?? '']) : (s.label ?? '—')}
                    {s.current ? (
                      <>
                        {' '}
                        <strong className="tag tag--green">{t('sessions.current')}</strong>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t('sessions.createdAt')}>{dateTime(s.createdAt)}</td>
                  <td data-label={t('sessions.lastSeenAt')}>{dateTime(s.lastSeenAt)}</td>
                  <td data-label={t('sessions.actions')}>
                    <button type="button" className={s.current ? 'button button--secondary' : 'button button--warning'} onClick={() => void end(s)}>
                      {t(s.current ? 'sessions.endCurrent' : 'sessions.end')}
                      <span className="visually-hidden">: {dateTime(s.createdAt)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {web.some((s) => !s.current) ? (
            <p>
              <button type="button" className="button button--warning" onClick={() => void endOthers()}>
                {t('sessions.endOthers')}
              </button>
            </p>
          ) : (
            <p>{t('sessions.onlyThis')}</p>
          )}
        </>
      ) : null}
    </>
  );
}
