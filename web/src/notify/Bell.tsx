/** The bell in the header: unread in-app notifications, refreshed on each navigation, every 30 s and on demand. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { Link, useLocation } from '../app/router';
import { useI18n } from '../i18n';
import type { Unread } from '@shared/api/notify';
import './notify.css';

const EVENT = 'motcua:notifications';
/** Tells the bell that the unread count changed (a message was marked read). */
export const notificationsChanged = () => window.dispatchEvent(new Event(EVENT));

export function NotificationBell({ area }: { area: 'citizen' | 'officer' }) {
  const { t } = useI18n();
  const loc = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api
        .get<Unread>('/api/me/notifications/unread')
        .then((r) => alive && setUnread(r.unread))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 30_000);
    window.addEventListener(EVENT, load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(EVENT, load);
    };
  }, [loc.key]);
  // The accessible name is the visible text ("Thông báo 2") and a hidden "chưa đọc" (WCAG 2.5.3).
  return (
    <Link to={area === 'citizen' ? '/thong-bao' : '/can-bo/thong-bao'} className="bell" aria-current={/\/thong-bao$/.test(loc.pathname) ? 'page' : undefined}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      <span>{t('notify.bell')}</span>
      {unread ? (
        <>
          {' '}
          <span className="bell__count">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('notify.unreadSuffix')}</span>
        </>
      ) : null}
    </Link>
  );
}
