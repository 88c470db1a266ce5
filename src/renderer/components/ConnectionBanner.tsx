/** Demo mode, offline, sign-in and rate-limit banners, straight from EngineStatus. */
import type { EngineStatus } from '../../shared/api';

export function ConnectionBanner(props: { status: EngineStatus | null; onOpenSettings(): void }) {
  const { status } = props;
  if (!status) return null;
  return (
    <div className="banners" role="region" aria-label="Status">
      {status.demoMode && (
        <div className="banner banner-info" role="note" data-testid="demo-banner">
          <strong>Demo mode.</strong> Photos go to a local test server on this computer, not to Cloudinary. Set a backend in
          Settings to upload for real.
        </div>
      )}
      <ConnectionMessage status={status} onOpenSettings={props.onOpenSettings} />
    </div>
  );
}

function ConnectionMessage(props: { status: EngineStatus; onOpenSettings(): void }) {
  const connection = props.status.connection;
  switch (connection.state) {
    case 'online':
      return null;
    case 'offline':
      return (
        <div className="banner banner-warning" role="status" data-testid="offline-banner">
          <strong>Offline.</strong> Nothing is lost: uploads wait and start again on their own when the connection is back.
          {connection.nextProbeAt && ` Next check at ${new Date(connection.nextProbeAt).toLocaleTimeString()}.`}
        </div>
      );
    case 'auth-required':
      return (
        <div className="banner banner-error" role="alert" data-testid="auth-banner">
          <strong>Sign-in needed.</strong> {connection.message} Uploads are paused and kept.{' '}
          <button type="button" className="link" onClick={props.onOpenSettings}>
            Open Settings
          </button>
        </div>
      );
    case 'rate-limited':
      return (
        <div className="banner banner-warning" role="status" data-testid="rate-limit-banner">
          <strong>Slowing down.</strong> The server asked us to wait; uploads continue at{' '}
          {new Date(connection.until).toLocaleTimeString()}.
        </div>
      );
  }
}
