import type { WatchView } from '../../../shared/api';
import { useAlbumList } from '../../state/AlbumsContext';

const STATE_LABELS: Record<WatchView['state'], string> = {
  watching: 'Watching',
  starting: 'Starting…',
  unavailable: 'Not available',
};

export function WatchRow(props: { watch: WatchView; onRemove(): void }) {
  const { watch } = props;
  const albums = useAlbumList().albums;
  const target =
    'albumId' in watch.target
      ? (albums?.find((album) => album.id === (watch.target as { albumId: string }).albumId)?.name ?? 'an album')
      : 'one album per folder';
  return (
    <li className="watch-row" data-testid="watch-row">
      <div>
        <strong className="watch-path">{watch.path}</strong>
        <span className="watch-target"> → {target}</span>
      </div>
      <span className={`badge watch-${watch.state}`} data-testid="watch-state">
        {STATE_LABELS[watch.state]}
      </span>
      {watch.message && <span className="watch-message">{watch.message}</span>}
      {(watch.polling || watch.lastRescanAt) && (
        <span className="watch-rescan" data-testid="watch-rescan">
          {watch.polling ? `On a ${watch.polling} share: checked by polling. ` : ''}
          {watch.lastRescanAt ? `Last looked through at ${new Date(watch.lastRescanAt).toLocaleTimeString()}.` : ''}
        </span>
      )}
      <button type="button" className="secondary" onClick={props.onRemove} aria-label={`Stop watching ${watch.path}`}>
        Remove
      </button>
    </li>
  );
}
