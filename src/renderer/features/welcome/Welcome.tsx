/**
 * First run: nothing configured (demo mode) and nothing queued yet. One step to see PixDrop work
 * with real photos shipped beside it, and the way to a real backend.
 */
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { useNotices } from '../../state/NoticesContext';

export function Welcome(props: { onOpenSettings(): void }) {
  const t = useT();
  const api = useApi();
  const { notify } = useNotices();
  const [busy, setBusy] = useState(false);
  const trySamples = async () => {
    setBusy(true);
    notify('info', t('welcome.adding'), { key: 'samples' });
    const result = await api.addSamples();
    setBusy(false);
    if (result.ok) notify('info', t('add.queued', { count: result.value.queued }), { key: 'samples' });
    else notify('error', result.error.message, { key: 'samples' });
  };
  return (
    <section className="welcome" aria-labelledby="welcome-heading" data-testid="welcome">
      <h2 id="welcome-heading">{t('welcome.heading')}</h2>
      <p>{t('welcome.body')}</p>
      <p className="hint">{t('welcome.demo')}</p>
      <div className="welcome-actions">
        <button type="button" className="primary-large" onClick={trySamples} disabled={busy} aria-describedby="welcome-samples-hint">
          {t('welcome.trySamples')}
        </button>
        <button type="button" className="secondary" onClick={props.onOpenSettings}>
          {t('welcome.connect')}
        </button>
      </div>
      <p id="welcome-samples-hint" className="hint">
        {t('welcome.samplesHint')} {t('welcome.own')}
      </p>
    </section>
  );
}
