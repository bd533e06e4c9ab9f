import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey } from './vi';
import { en } from './en';
import { setApiLanguage } from '../api/client';
import { formatDate, formatDateTime, formatMoney, formatNumber } from './format';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export const LANGS: readonly Lang[] = ['vi', 'en'];
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'motcua.lang';

export type Params = Record<string, string | number>;

/** The message in a language, with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const s = CATALOGUES[lang][key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** A text the server sends in both languages. */
export interface Bilingual {
  vi: string;
  en: string;
}

function savedLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage may be off */
  }
  return 'vi';
}

/** Applied before the first render, so that the first API calls and the html lang already use it. */
function initialLang(): Lang {
  const l = savedLang();
  setApiLanguage(l);
  document.documentElement.lang = l;
  return l;
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
}

const I18nContext = createContext<I18nValue>({ lang: 'vi', setLang: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    setApiLanguage(lang);
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setApiLanguage(l);
    document.documentElement.lang = l;
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* storage may be off */
    }
    setLangState(l);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const { lang, setLang } = useContext(I18nContext);
  return useMemo(
    () => ({
      lang,
      setLang,
      t: (key: MessageKey, params?: Params) => translate(lang, key, params),
      /** Picks the current language from a server text; falls back to Vietnamese. */
      pick: (text: Bilingual | null | undefined) => (text ? text[lang] || text.vi : ''),
      date: formatDate,
      dateTime: formatDateTime,
      money: formatMoney,
      number: formatNumber,
    }),
    [lang, setLang],
  );
}

export type I18n = ReturnType<typeof useI18n>;
