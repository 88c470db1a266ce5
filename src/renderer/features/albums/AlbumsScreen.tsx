/** The backend's albums with cover and counts; create one; choose where new photos go. */
import type { UploadTarget } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useAlbumList } from '../../state/AlbumsContext';
import { AlbumCard } from './AlbumCard';
import { CreateAlbumForm } from './CreateAlbumForm';
import { targetKey } from './TargetPicker';

export function AlbumsScreen(props: { target: UploadTarget | null; onTarget(target: UploadTarget): void; onOpenAlbum(id: string): void }) {
  const t = useT();
  const { albums, error } = useAlbumList();
  return (
    <section aria-labelledby="albums-heading" className="screen">
      <h2 id="albums-heading">{t('albums.heading')}</h2>
      <CreateAlbumForm onCreated={(album) => props.onTarget({ albumId: album.id })} />
      {error && <ErrorReason error={error} />}
      {albums && albums.length === 0 && <p className="empty">{t('albums.empty')}</p>}
      <ul className="album-grid" aria-label={t('albums.listLabel')}>
        {(albums ?? []).map((album) => (
          <AlbumCard
            key={album.id}
            album={album}
            isTarget={targetKey(props.target) === album.id}
            onOpen={() => props.onOpenAlbum(album.id)}
            onChooseTarget={() => props.onTarget({ albumId: album.id })}
          />
        ))}
      </ul>
    </section>
  );
}
