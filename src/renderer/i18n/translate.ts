/**
 * A Translator outside React (pure helpers such as errorText and metadataRows take one): ICU
 * messages (plurals, numbers) through FormatJS, so helpers and components speak the same way.
 */
import { createIntl, createIntlCache } from 'react-intl';
import type { Locale } from './locale';
import { de } from './messages/de';
import { en, type MessageKey } from './messages/en';

export type MessageValues = Record<string, string | number>;

export interface Translator {
  /** BCP 47 tag for Intl formatting; undefined = the runtime's default (English messages). */
  locale: Locale | undefined;
  t(key: MessageKey, values?: MessageValues): string;
}

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, de };

const cache = createIntlCache();

export function createTranslator(locale: Locale): Translator {
  const intl = createIntl({ locale, messages: MESSAGES[locale], defaultLocale: 'en' }, cache);
  return { locale, t: (key, values) => intl.formatMessage({ id: key, defaultMessage: en[key] }, values) };
}

/** English, for helpers called without a translator (tests, the first paint). */
export const english: Translator = { ...createTranslator('en'), locale: undefined };
