import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useApi } from '../../state/HostContext';
import { SettingsForm } from './SettingsForm';

export function SettingsScreen() {
  const api = useApi();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  useEffect(() => {
    void api.getSettings().then((result) => (result.ok ? setSettings(result.value) : setError(result.error)));
  }, [api]);
  return (
    <section aria-labelledby="settings-heading" className="screen">
      <h2 id="settings-heading">Settings</h2>
      {settings?.demoMode && (
        <p className="banner banner-info">
          PixDrop is in demo mode: no backend or Cloudinary account is configured, so photos go to a local test server.
        </p>
      )}
      {error && <ErrorReason error={error} />}
      {settings && <SettingsForm settings={settings} onSaved={setSettings} />}
    </section>
  );
}
