/**
 * The tray's and the notifications' words, in the window's catalogs (src/renderer/i18n/messages) through
 * FormatJS — the library react-intl is built on — so the main process and the window speak alike.
 * The language: the one chosen in Settings, else the first of the OS's languages PixDrop has, else English.
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import { isLocale, pickLocale, type Locale } from '../../renderer/i18n/locale';
import { de } from '../../renderer/i18n/messages/de';
import { en, type MessageKey } from '../../renderer/i18n/messages/en';

export type { Locale, MessageKey };

export interface MainTranslator {
  locale: Locale;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, de };
const cache = createIntlCache();

export function createMainTranslator(locale: Locale): MainTranslator {
  const intl = createIntl({ locale, messages: MESSAGES[locale], defaultLocale: 'en' }, cache);
  return { locale, t: (key, values) => intl.formatMessage({ id: key, defaultMessage: en[key] }, values) };
}

export const englishMain: MainTranslator = createMainTranslator('en');

/** Settings' choice first (null/absent: none made), then the OS's preferred languages (app.getPreferredSystemLanguages()). */
export function mainLocale(chosen: string | null | undefined, systemLanguages: readonly string[]): Locale {
  return pickLocale(isLocale(chosen) ? chosen : null, systemLanguages);
}
