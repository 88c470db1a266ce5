/** Demo mode, offline, sign-in and rate-limit banners, straight from EngineStatus. */
import type { EngineStatus } from '../../shared/api';
import { useT, useTranslator } from '../i18n/I18nProvider';

export function ConnectionBanner(props: { status: EngineStatus | null; onOpenSettings(): void }) {
  const t = useT();
  const { status } = props;
  if (!status) return null;
  return (
    <div className="banners" role="region" aria-label={t('banner.region')}>
      {status.demoMode && (
        <div className="banner banner-info" role="note" data-testid="demo-banner">
          <strong>{t('banner.demo.title')}</strong> {t('banner.demo.body')}
        </div>
      )}
      <ConnectionMessage status={status} onOpenSettings={props.onOpenSettings} />
    </div>
  );
}

function ConnectionMessage(props: { status: EngineStatus; onOpenSettings(): void }) {
  const { t, locale } = useTranslator();
  const time = (at: number) => new Date(at).toLocaleTimeString(locale);
  const connection = props.status.connection;
  switch (connection.state) {
    case 'online':
      return null;
    case 'offline':
      return (
        <div className="banner banner-warning" role="status" data-testid="offline-banner">
          <strong>{t('banner.offline.title')}</strong> {t('banner.offline.body')}
          {connection.nextProbeAt && ` ${t('banner.offline.nextProbe', { time: time(connection.nextProbeAt) })}`}
        </div>
      );
    case 'auth-required':
      return (
        <div className="banner banner-error" role="alert" data-testid="auth-banner">
          <strong>{t('banner.auth.title')}</strong> {connection.message} {t('banner.auth.body')}{' '}
          <button type="button" className="link" onClick={props.onOpenSettings}>
            {t('banner.auth.openSettings')}
          </button>
        </div>
      );
    case 'rate-limited':
      return (
        <div className="banner banner-warning" role="status" data-testid="rate-limit-banner">
          <strong>{t('banner.rateLimited.title')}</strong> {t('banner.rateLimited.body', { time: time(connection.until) })}
        </div>
      );
  }
}
