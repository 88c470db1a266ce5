import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { BandwidthForm } from './BandwidthForm';
import { ConnectBackendHelp } from './ConnectBackendHelp';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { LanguagePicker } from './LanguagePicker';
import { SettingsForm } from './SettingsForm';

export function SettingsScreen() {
  const t = useT();
  const api = useApi();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  useEffect(() => {
    void api.getSettings().then((result) => (result.ok ? setSettings(result.value) : setError(result.error)));
  }, [api]);
  return (
    <section aria-labelledby="settings-heading" className="screen">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      {settings?.demoMode && (
        <>
          <p className="banner banner-info">{t('settings.demo')}</p>
          <ConnectBackendHelp />
        </>
      )}
      <LanguagePicker />
      {error && <ErrorReason error={error} />}
      {settings && <SettingsForm settings={settings} onSaved={setSettings} />}
      {settings && <BandwidthForm settings={settings} onSaved={setSettings} />}
      <DiagnosticsPanel />
    </section>
  );
}
