/** In demo mode: how to leave it, in the photographer's words (the form below takes the values). */
import { useT } from '../../i18n/I18nProvider';

export function ConnectBackendHelp() {
  const t = useT();
  return (
    <section className="connect-help" aria-labelledby="connect-heading" data-testid="connect-help">
      <h3 id="connect-heading">{t('settings.connect.heading')}</h3>
      <p>{t('settings.connect.intro')}</p>
      <ol>
        <li>{t('settings.connect.backend')}</li>
        <li>{t('settings.connect.cloudinary')}</li>
      </ol>
      <p className="hint">{t('settings.connect.env')}</p>
    </section>
  );
}
