import type { AlbumView } from '../../../shared/api';
import { formatDateTime } from '../../lib/format';

export function AlbumCard(props: { album: AlbumView; isTarget: boolean; onOpen(): void; onChooseTarget(): void }) {
  const { album } = props;
  const photos = `${album.images_count} ${album.images_count === 1 ? 'photo' : 'photos'}`;
  return (
    <li className="album-card" data-testid="album-card" data-album-id={album.id}>
      <button type="button" className="album-open" onClick={props.onOpen} aria-label={`Open album ${album.name}, ${photos}`}>
        {album.cover_url ? (
          <img className="album-cover" src={album.cover_url} alt="" loading="lazy" />
        ) : (
          <span className="album-cover album-cover-empty" aria-hidden="true">
            No photos yet
          </span>
        )}
        <span className="album-name">{album.name}</span>
        <span className="album-meta" data-testid="album-count">
          {photos} · updated {formatDateTime(album.updated_at)}
        </span>
      </button>
      <button type="button" aria-pressed={props.isTarget} onClick={props.onChooseTarget} className="secondary">
        {props.isTarget ? 'New photos go here' : 'Upload here'}
      </button>
    </li>
  );
}
