import { useEffect, useRef } from 'react';
import { Link } from '../app/router';
import { useI18n } from '../i18n';

export interface SummaryError {
  /** id of the input to focus (without #); null for an error about the whole form. */
  target: string | null;
  message: string;
  /** Another page to go to for this error (e.g. `…/khai/child?tu=kiem-tra#f-childFullName`). */
  href?: string;
}

/** Moves focus to a field from the error summary (GOV.UK pattern): the label and the input come into view. */
export function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  const group = el.closest('.form-group, fieldset');
  (group ?? el).scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/**
 * "There is a problem" box at the top of a form: takes focus when it appears or changes, each error links to its
 * field. `version` lets a repeated submit with the same errors move focus again.
 */
export function ErrorSummary({ errors, version = 0 }: { errors: SummaryError[]; version?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const signature = errors.map((e) => `${e.target}:${e.message}`).join('|');
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [signature, version]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.summaryTitle')}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.href ? (
              <Link to={e.href}>{e.message}</Link>
            ) : e.target ? (
              <a
                href={`#${e.target}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  focusField(e.target!);
                }}
              >
                {e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
