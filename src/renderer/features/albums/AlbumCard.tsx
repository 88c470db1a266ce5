import type { AlbumView } from '../../../shared/api';
import { useTranslator } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';

export function AlbumCard(props: { album: AlbumView; isTarget: boolean; onOpen(): void; onChooseTarget(): void }) {
  const { t, locale } = useTranslator();
  const { album } = props;
  const photos = t('albums.photos', { count: album.images_count });
  return (
    <li className="album-card" data-testid="album-card" data-album-id={album.id}>
      <button type="button" className="album-open" onClick={props.onOpen} aria-label={t('albums.open', { name: album.name, photos })}>
        {album.cover_url ? (
          <img className="album-cover" src={album.cover_url} alt="" loading="lazy" />
        ) : (
          <span className="album-cover album-cover-empty" aria-hidden="true">
            {t('albums.noPhotos')}
          </span>
        )}
        <span className="album-name">{album.name}</span>
        <span className="album-meta" data-testid="album-count">
          {t('albums.meta', { photos, date: formatDateTime(album.updated_at, locale) ?? '' })}
        </span>
      </button>
      <button type="button" aria-pressed={props.isTarget} onClick={props.onChooseTarget} className="secondary">
        {props.isTarget ? t('albums.isTarget') : t('albums.uploadHere')}
      </button>
    </li>
  );
}
