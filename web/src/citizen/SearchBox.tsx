/**
 * Procedure search with type-ahead: an ARIA 1.2 combobox (input + listbox popup). Suggestions come from
 * /api/procedures/search, which ignores diacritics ("dang ky khai sinh" finds "Đăng ký khai sinh"). Arrow keys move
 * through the suggestions, Enter opens the active one (or searches), Escape closes the list.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, withQuery } from '../api/client';
import type { ProcedureSummary } from '../api/types';
import { navigate } from '../app/router';
import { useI18n } from '../i18n';
import { Highlighted } from './Highlighted';

const DEBOUNCE_MS = 150;

export function SearchBox({ initial = '', label, labelHidden }: { initial?: string; label?: string; labelHidden?: boolean }) {
  const { t, pick, lang } = useI18n();
  const id = useId().replace(/:/g, '');
  const inputId = `search-${id}`;
  const listId = `search-list-${id}`;
  const [q, setQ] = useState(initial);
  const [items, setItems] = useState<ProcedureSummary[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const ctrl = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const fetchSuggestions = (text: string) => {
    window.clearTimeout(timer.current);
    ctrl.current?.abort();
    if (text.trim().length < 2) {
      setItems([]);
      setOpen(false);
      setActive(-1);
      setStatus('');
      return;
    }
    timer.current = window.setTimeout(() => {
      const c = new AbortController();
      ctrl.current = c;
      api
        .get<{ items: ProcedureSummary[] }>(withQuery('/api/procedures/search', { q: text.trim(), limit: 8 }), { signal: c.signal })
        .then((r) => {
          setItems(r.items);
          setOpen(r.items.length > 0);
          setActive(-1);
          setStatus(r.items.length ? t('search.suggestions', { n: r.items.length }) : t('search.noSuggestions'));
        })
        .catch((e) => {
          if ((e as Error)?.name !== 'AbortError') {
            setItems([]);
            setOpen(false);
          }
        });
    }, DEBOUNCE_MS);
  };

  const choose = (p: ProcedureSummary) => {
    setOpen(false);
    navigate(`/thu-tuc/${p.key}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && items.length) setOpen(true);
      setActive((a) => (items.length ? (a + 1) % items.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open && items.length) setOpen(true);
      setActive((a) => (items.length ? (a <= 0 ? items.length - 1 : a - 1) : -1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        e.preventDefault();
        choose(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (q) {
        setQ('');
        setItems([]);
      }
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setOpen(false);
    if (q.trim()) navigate(withQuery('/tim-kiem', { q: q.trim() }));
  };

  const expanded = open && items.length > 0;
  return (
    <form role="search" className="search" onSubmit={onSubmit} action="/tim-kiem">
      <div
        ref={wrapper}
        onBlur={(e) => {
          if (!wrapper.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
        }}
      >
        <label htmlFor={inputId} className={labelHidden ? 'visually-hidden' : undefined}>
          {label ?? t('search.label')}
        </label>
        <span className="hint" id={`${inputId}-hint`}>
          {t('search.hint')}
        </span>
        <div className="search__row">
          <input
            id={inputId}
            name="q"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-describedby={`${inputId}-hint`}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              fetchSuggestions(e.target.value);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => items.length && setOpen(true)}
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
        <ul id={listId} role="listbox" aria-label={t('search.suggestionsLabel')} className="search__listbox" hidden={!expanded}>
          {items.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="search__option"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
            >
              {lang === 'vi' ? <Highlighted text={p.name.vi} ranges={p.highlight?.ranges} /> : pick(p.name)}
              {p.nationalCode ? <small>{t('procedure.code', { code: p.nationalCode })}</small> : null}
            </li>
          ))}
        </ul>
      </div>
      <div role="status" aria-live="polite" className="visually-hidden">
        {status}
      </div>
    </form>
  );
}
