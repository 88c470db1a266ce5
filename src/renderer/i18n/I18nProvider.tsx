/**
 * The window's language: picked once from Settings (kept in localStorage, so both hosts remember
 * it) or the OS/browser languages, switchable at any time. Screens use useT() / useTranslator().
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { LOCALE_STORAGE_KEY, pickLocale, type Locale } from './locale';
import { createTranslator, MESSAGES, type Translator } from './translate';

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  translator: Translator;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null; // storage refused (private mode): the OS language still applies
  }
}

export function I18nProvider(props: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => pickLocale(storedLocale(), navigator.languages ?? [navigator.language]));
  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // not kept across restarts, but switched now
    }
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, translator: createTranslator(locale) }), [locale, setLocale]);
  return (
    <I18nContext.Provider value={value}>
      <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="en">
        {props.children}
      </IntlProvider>
    </I18nContext.Provider>
  );
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useTranslator(): Translator {
  return useI18n().translator;
}

export function useT(): Translator['t'] {
  return useI18n().translator.t;
}

export function useLocale(): { locale: Locale; setLocale(locale: Locale): void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
