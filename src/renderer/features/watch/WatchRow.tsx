import type { WatchView } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages/en';
import { useAlbumList } from '../../state/AlbumsContext';
import { WatchOptionsText } from './WatchOptionsText';

const STATE_LABELS: Record<WatchView['state'], MessageKey> = {
  watching: 'watch.state.watching',
  starting: 'watch.state.starting',
  unavailable: 'watch.state.unavailable',
};

export function WatchRow(props: { watch: WatchView; onRemove(): void; onCancel(): void }) {
  const t = useT();
  const { watch } = props;
  const albums = useAlbumList().albums;
  const target =
    'albumId' in watch.target
      ? (albums?.find((album) => album.id === (watch.target as { albumId: string }).albumId)?.name ?? t('watch.toAlbum'))
      : t('watch.toPerFolder');
  return (
    <li className="watch-row" data-testid="watch-row">
      <div>
        <strong className="watch-path">{watch.path}</strong>
        <span className="watch-target"> → {target}</span>
        <WatchOptionsText watch={watch} />
      </div>
      <span className={`badge watch-${watch.state}`} data-testid="watch-state">
        {t(STATE_LABELS[watch.state])}
      </span>
      {watch.message && <span className="watch-message">{watch.message}</span>}
      {(watch.polling || watch.lastRescanAt) && (
        <span className="watch-rescan" data-testid="watch-rescan">
          {watch.polling ? t('watch.polling', { kind: watch.polling }) : ''}
          {watch.lastRescanAt ? t('watch.lastRescan', { at: watch.lastRescanAt }) : ''}
        </span>
      )}
      <button
        type="button"
        className="secondary"
        disabled={!watch.cancellable}
        onClick={props.onCancel}
        aria-label={t('watch.cancelLabel', { count: watch.cancellable ?? 0, path: watch.path })}
        data-testid="watch-cancel"
      >
        {t('watch.cancel')}
      </button>
      <button type="button" className="secondary" onClick={props.onRemove} aria-label={t('watch.removeLabel', { path: watch.path })}>
        {t('watch.remove')}
      </button>
    </li>
  );
}
