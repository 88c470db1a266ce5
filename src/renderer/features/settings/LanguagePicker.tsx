/** The window's language, kept across restarts; each language is named in itself. */
import { useId } from 'react';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../i18n/locale';

export function LanguagePicker() {
  const t = useT();
  const id = useId();
  const { locale, setLocale } = useLocale();
  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('settings.language')}</label>
      <select id={id} data-testid="language-picker" value={locale} onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
