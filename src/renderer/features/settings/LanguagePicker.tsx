/** The window's language (and the tray's), kept across restarts; each language is named in itself. */
import { useId } from 'react';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locale';
import { useApi } from '../../state/HostContext';

export function LanguagePicker() {
  const t = useT();
  const id = useId();
  const { locale, setLocale } = useLocale();
  const api = useApi();
  const choose = (next: Locale) => {
    setLocale(next);
    // Saved with the settings too, so the desktop app's tray and notifications speak it as well.
    void api.updateSettings({ language: next });
  };
  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('settings.language')}</label>
      <select id={id} data-testid="language-picker" value={locale} onChange={(event) => isLocale(event.target.value) && choose(event.target.value)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
