/**
 * Backend, credentials and upload tuning. Secrets are write-only: the fields start empty and only
 * say whether something is stored; leaving one empty keeps what is there.
 */
import { useId, useState, type FormEvent } from 'react';
import type { SettingsPatch, SettingsView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';

const MIB = 1024 * 1024;

export function SettingsForm(props: { settings: SettingsView; onSaved(settings: SettingsView): void }) {
  const t = useT();
  const api = useApi();
  const ids = { backend: useId(), token: useId(), cloudinary: useId(), concurrency: useId(), chunk: useId() };
  const { settings } = props;
  const [backendUrl, setBackendUrl] = useState(settings.backendUrl ?? '');
  const [token, setToken] = useState('');
  const [cloudinaryUrl, setCloudinaryUrl] = useState('');
  const [concurrency, setConcurrency] = useState(String(settings.concurrency));
  const [chunkMiB, setChunkMiB] = useState(String(Math.round((settings.chunkSize / MIB) * 100) / 100));
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);
  const [autoUpdate, setAutoUpdate] = useState(settings.autoUpdate);
  const [crashReports, setCrashReports] = useState(settings.crashReports);
  const crashHintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: SettingsPatch = {
      backendUrl: backendUrl.trim() || null,
      concurrency: Number(concurrency),
      chunkSize: Math.round(Number(chunkMiB) * MIB),
    };
    if (token) patch.token = token;
    if (cloudinaryUrl) patch.cloudinaryUrl = cloudinaryUrl;
    if (autoUpdate !== settings.autoUpdate) patch.autoUpdate = autoUpdate;
    if (crashReports !== settings.crashReports) patch.crashReports = crashReports;
    const result = await api.updateSettings(patch);
    if (!result.ok) return (setError(result.error), setSaved(false));
    setError(null);
    setSaved(true);
    setToken('');
    setCloudinaryUrl('');
    props.onSaved(result.value);
  };

  return (
    <form className="settings-form" onSubmit={submit} aria-label={t('settings.formLabel')} onChange={() => setSaved(false)}>
      <label htmlFor={ids.backend}>{t('settings.backendUrl')}</label>
      <input id={ids.backend} type="url" value={backendUrl} onChange={(e) => setBackendUrl(e.target.value)} placeholder="https://albums.example.com" />

      <label htmlFor={ids.token}>{t('settings.token')}</label>
      <input
        id={ids.token}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        placeholder={settings.hasToken ? t('settings.tokenStored') : t('settings.tokenPaste')}
      />

      <label htmlFor={ids.cloudinary}>{t('settings.cloudinaryUrl')}</label>
      <input
        id={ids.cloudinary}
        type="password"
        autoComplete="off"
        value={cloudinaryUrl}
        onChange={(e) => setCloudinaryUrl(e.target.value)}
        placeholder={
          settings.hasCloudinaryUrl ? t('settings.cloudinaryStored', { cloud: settings.cloudName ?? '?' }) : 'cloudinary://API_KEY:API_SECRET@CLOUD_NAME'
        }
        aria-describedby={`${ids.cloudinary}-hint`}
      />
      <p id={`${ids.cloudinary}-hint`} className="hint">
        {t('settings.cloudinaryHint')}
      </p>

      <label htmlFor={ids.concurrency}>{t('settings.concurrency')}</label>
      <input id={ids.concurrency} type="number" min={1} max={16} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} />

      <label htmlFor={ids.chunk}>{t('settings.chunkSize')}</label>
      <input
        id={ids.chunk}
        type="number"
        min={5.01}
        step="any"
        value={chunkMiB}
        onChange={(e) => setChunkMiB(e.target.value)}
        aria-describedby={`${ids.chunk}-hint`}
      />
      <p id={`${ids.chunk}-hint`} className="hint">
        {t('settings.chunkHint')}
      </p>

      <label>
        <input type="checkbox" checked={autoUpdate} onChange={(e) => setAutoUpdate(e.target.checked)} /> {t('settings.autoUpdate')}
      </label>
      <label>
        <input type="checkbox" checked={crashReports} onChange={(e) => setCrashReports(e.target.checked)} aria-describedby={crashHintId} />{' '}
        {t('settings.crashReports')}
      </label>
      <p id={crashHintId} className="hint">
        {t('settings.crashHint', { count: settings.crashDumps.count, dir: settings.crashDumps.dir })}
      </p>

      <div className="form-actions">
        <button type="submit">{t('settings.save')}</button>
        <span role="status">{saved ? t('settings.saved') : ''}</span>
      </div>
      {error && <ErrorReason error={error} />}
    </form>
  );
}
