/**
 * The session ended while the person was working (e.g. "Lưu và tiếp tục" after a long pause): a GOV.UK-style error
 * summary at the top of the page that takes focus, with "Đăng nhập lại" returning to the same page. What was typed
 * is kept in sessionStorage (this tab only) by `stashUnsaved` and given back by `takeUnsaved` after signing in.
 */
import { useEffect, useRef } from 'react';
import { eidLoginUrl } from '../app/session';
import { useI18n } from '../i18n';

const keyOf = (scope: string) => `motcua:unsaved:${scope}`;

/** Keeps what was typed for `scope` (e.g. a dossier id) until it is saved. */
export function stashUnsaved(scope: string, data: unknown): void {
  try {
    sessionStorage.setItem(keyOf(scope), JSON.stringify({ data, at: new Date().toISOString() }));
  } catch {
    /* storage full or disabled: nothing to keep it in */
  }
}

/** What was typed for `scope` and not saved, if any. */
export function peekUnsaved<T>(scope: string): T | null {
  try {
    const raw = sessionStorage.getItem(keyOf(scope));
    return raw ? ((JSON.parse(raw) as { data: T }).data ?? null) : null;
  } catch {
    return null;
  }
}

/** Forgets what was kept for `scope` (after a successful save). */
export function clearUnsaved(scope: string): void {
  try {
    sessionStorage.removeItem(keyOf(scope));
  } catch {
    /* nothing kept */
  }
}

/** Where "Đăng nhập lại" goes: the e-ID login for citizens, the officers' login page for the back office. */
export function signInAgainUrl(returnTo: string): string {
  return returnTo.startsWith('/can-bo') ? `/can-bo/dang-nhap?tiep=${encodeURIComponent(returnTo)}` : eidLoginUrl(returnTo);
}

/** `kept`: what was typed is kept (the form pages); otherwise the text only asks to sign in again. */
export function SessionExpiredSummary({ returnTo, kept = true }: { returnTo: string; kept?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="session-expired-title">
      <h2 id="session-expired-title">{t('session.expiredTitle')}</h2>
      <p>{kept ? t('session.expiredText') : t('session.expiredTextPlain')}</p>
      <p>
        <a className="button" href={signInAgainUrl(returnTo)}>
          {t('session.signInAgain')}
        </a>
      </p>
    </div>
  );
}
