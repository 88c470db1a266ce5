/** One album: its uploaded photos (backend thumbnails) and the local photos still on their way. */
import { useEffect } from 'react';
import type { ImageView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useAlbumList } from '../../state/AlbumsContext';
import { useAlbumImages } from '../../state/useAlbumImages';
import { useJobPager } from '../../state/useJobPager';
import type { PhotoSelection } from '../photo/PhotoPanel';
import { ImageTile } from './ImageTile';
import { LocalTile } from './LocalTile';

const LOCAL_SHOWN = 60;

export function AlbumView(props: { albumId: string; refreshKey: number; onBack(): void; onOpenPhoto(selection: PhotoSelection): void }) {
  const t = useT();
  const album = useAlbumList().albums?.find((candidate) => candidate.id === props.albumId);
  const { images, jobByImageId, error } = useAlbumImages(props.albumId, props.refreshKey);
  const pending = useJobPager('active', props.albumId);
  useEffect(() => pending.ensureRange(0, LOCAL_SHOWN - 1), [pending]);
  const local = Array.from({ length: Math.min(LOCAL_SHOWN, pending.total) }, (_, i) => pending.rowAt(i)).filter((job) => job !== undefined);
  const open = (image: ImageView) => props.onOpenPhoto({ image, jobId: jobByImageId.get(image.id) ?? null });

  return (
    <section aria-labelledby="album-heading" className="screen" data-testid="album-view">
      <button type="button" className="link" onClick={props.onBack}>
        {t('album.back')}
      </button>
      <h2 id="album-heading">{album?.name ?? t('album.fallbackName')}</h2>
      {local.length > 0 && (
        <>
          <h3>{t('album.onTheWay', { count: pending.total })}</h3>
          <ul className="tile-grid" aria-label={t('album.stillUploading')}>
            {local.map((job) => (
              <LocalTile key={job.id} job={job} onOpen={() => props.onOpenPhoto({ jobId: job.id, image: null })} />
            ))}
          </ul>
          {pending.total > LOCAL_SHOWN && <p>{t('album.more', { count: pending.total - LOCAL_SHOWN })}</p>}
        </>
      )}
      <h3>{images ? t('album.uploaded', { count: images.length }) : t('album.uploadedUnknown')}</h3>
      {error && <ErrorReason error={error} />}
      {images && images.length === 0 && <p className="empty">{t('album.empty')}</p>}
      <ul className="tile-grid" aria-label={t('album.uploadedLabel')}>
        {(images ?? []).map((image) => (
          <ImageTile key={image.id} image={image} onOpen={() => open(image)} />
        ))}
      </ul>
    </section>
  );
}
