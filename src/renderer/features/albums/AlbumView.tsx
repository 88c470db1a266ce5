/** One album: its uploaded photos (backend thumbnails) and the local photos still on their way. */
import { useEffect, useMemo } from 'react';
import type { ImageView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useAlbumList } from '../../state/AlbumsContext';
import { useAlbumImages } from '../../state/useAlbumImages';
import { useJobPager } from '../../state/useJobPager';
import { useSelection } from '../../state/useSelection';
import { CaptionForm } from './CaptionForm';
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
  const ids = useMemo(() => (images ?? []).map((image) => image.id), [images]);
  const selection = useSelection(ids);
  const chosen = ids.filter((id) => selection.selected.has(id));
  const jobIds = chosen.map((id) => jobByImageId.get(id)).filter((id): id is number => id !== undefined);

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
      {images && images.length > 0 && (
        <div className="selection-bar" role="group" aria-label={t('album.captionLabel')}>
          <span className="hint" data-testid="selection-count">
            {chosen.length > 0 ? t('album.selectedCount', { count: chosen.length }) : t('album.selectHint')}
          </span>
          <button type="button" className="secondary" onClick={selection.selectAll} disabled={chosen.length === ids.length}>
            {t('album.selectAll')}
          </button>
          <button type="button" className="secondary" onClick={selection.clear} disabled={chosen.length === 0}>
            {t('album.clearSelection')}
          </button>
        </div>
      )}
      {chosen.length > 0 && <CaptionForm key={chosen.join(',')} jobIds={jobIds} others={chosen.length - jobIds.length} onDone={selection.clear} />}
      <ul className="tile-grid" aria-label={t('album.uploadedLabel')}>
        {(images ?? []).map((image, index) => (
          <ImageTile
            key={image.id}
            image={image}
            selected={selection.selected.has(image.id)}
            onOpen={() => open(image)}
            onSelect={(range) => selection.toggle(image.id, index, range)}
          />
        ))}
      </ul>
    </section>
  );
}
