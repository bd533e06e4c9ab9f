import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated, Link, useLocation } from '../app/router';
import { useI18n } from '../i18n';
import { focusField } from './ErrorSummary';

/**
 * The page's h1. Sets the document title and, after a navigation inside the app, moves focus to itself so that
 * screen-reader and keyboard users start on the new page (unless an error summary took focus first).
 */
export function PageHeading({ children, title, caption }: { children: ReactNode; title?: string; caption?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const loc = useLocation();
  const { t } = useI18n();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    if (text) document.title = `${text} – ${t('app.name')}`;
  }, [text, t]);
  useEffect(() => {
    if (!hasNavigated()) return;
    const active = document.activeElement;
    if (active && active.closest('.error-summary')) return;
    // A link to a field of this page (from a check-your-answers list) lands on that field.
    const target = loc.hash.length > 1 ? decodeURIComponent(loc.hash.slice(1)) : '';
    if (target && document.getElementById(target)) {
      focusField(target);
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [loc.pathname, loc.search, loc.hash]);
  return (
    <>
      {caption ? <span className="step-indicator">{caption}</span> : null}
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}

export function BackLink({ to, children }: { to: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Link to={to} className="back-link">
      {children ?? t('common.back')}
    </Link>
  );
}

export interface Crumb {
  to?: string;
  label: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
      <ol>
        {items.map((c, i) => (
          <li key={i}>{c.to ? <Link to={c.to}>{c.label}</Link> : <span aria-current="page">{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}
