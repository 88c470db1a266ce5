/**
 * One album: the local photos still on their way, then its uploaded photos (Cloudinary renditions)
 * as a grid or a list. Select many with the mouse (Shift/Ctrl-click) or the keyboard (Space,
 * Shift+arrows, Ctrl+A) and caption them at once.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { ImageView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { ViewToggle } from '../../components/ViewToggle';
import { useT } from '../../i18n/I18nProvider';
import { useShortcutText } from '../../i18n/useShortcutText';
import { SHORTCUTS } from '../../lib/shortcuts';
import { useAlbumList } from '../../state/AlbumsContext';
import { useAlbumImages } from '../../state/useAlbumImages';
import { useCssGridColumns } from '../../state/useGridColumns';
import { useJobPager } from '../../state/useJobPager';
import { useRovingFocus } from '../../state/useRovingFocus';
import { useSelection } from '../../state/useSelection';
import { useShortcut } from '../../state/useShortcut';
import { useViewMode } from '../../state/useViewMode';
import type { PhotoSelection } from '../photo/PhotoPanel';
import { CaptionForm } from './CaptionForm';
import { ImageRow } from './ImageRow';
import { ImageTile } from './ImageTile';
import { LocalTile } from './LocalTile';

const LOCAL_SHOWN = 60;

export function AlbumView(props: { albumId: string; refreshKey: number; onBack(): void; onOpenPhoto(selection: PhotoSelection): void }) {
  const t = useT();
  const keys = useShortcutText();
  const album = useAlbumList().albums?.find((candidate) => candidate.id === props.albumId);
  const { images, jobByImageId, error } = useAlbumImages(props.albumId, props.refreshKey);
  const pending = useJobPager('active', props.albumId);
  useEffect(() => pending.ensureRange(0, LOCAL_SHOWN - 1), [pending]);
  const local = Array.from({ length: Math.min(LOCAL_SHOWN, pending.total) }, (_, i) => pending.rowAt(i)).filter((job) => job !== undefined);
  const [mode, setMode] = useViewMode('album');
  const list = useRef<HTMLUListElement>(null);
  const shown = images ?? [];
  const columns = useCssGridColumns(list, mode === 'grid', shown.length > 0);
  const open = (image: ImageView) => props.onOpenPhoto({ image, jobId: jobByImageId.get(image.id) ?? null });
  const ids = useMemo(() => shown.map((image) => image.id), [shown]);
  const selection = useSelection(ids);
  const chosen = ids.filter((id) => selection.selected.has(id));
  const jobIds = chosen.map((id) => jobByImageId.get(id)).filter((id): id is number => id !== undefined);
  const roving = useRovingFocus({
    count: shown.length,
    columns,
    container: list,
    onOpen: (index) => open(shown[index]!),
    onSelect: (index, how) => selection.toggle(ids[index]!, index, how === 'range'),
  });
  useShortcut(SHORTCUTS.selectAll, selection.selectAll, ids.length > 0);

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
      <div className="album-bar">
        <h3>{images ? t('album.uploaded', { count: images.length }) : t('album.uploadedUnknown')}</h3>
        {shown.length > 0 && <ViewToggle value={mode} onChange={setMode} />}
      </div>
      {error && <ErrorReason error={error} />}
      {images && images.length === 0 && <p className="empty-state">{local.length > 0 ? t('album.emptyWhileUploading') : t('album.empty')}</p>}
      {shown.length > 0 && (
        <div className="selection-bar" role="group" aria-label={t('album.captionLabel')}>
          <span className="hint" data-testid="selection-count">
            {chosen.length > 0 ? t('album.selectedCount', { count: chosen.length }) : t('album.selectHint')}
          </span>
          <button
            type="button"
            className="secondary"
            onClick={selection.selectAll}
            disabled={chosen.length === ids.length}
            {...keys.props('selectAll', t('album.selectAll'))}
          >
            {t('album.selectAll')}
          </button>
          <button type="button" className="secondary" onClick={selection.clear} disabled={chosen.length === 0}>
            {t('album.clearSelection')}
          </button>
        </div>
      )}
      {chosen.length > 0 && <CaptionForm key={chosen.join(',')} jobIds={jobIds} others={chosen.length - jobIds.length} onDone={selection.clear} />}
      <ul
        ref={list}
        className={mode === 'grid' ? 'tile-grid' : 'image-list'}
        aria-label={t('album.uploadedLabel')}
        aria-describedby="album-keys-hint"
        data-view={mode}
        data-testid="album-images"
        onKeyDown={roving.onKeyDown}
        onKeyUp={roving.onKeyUp}
      >
        {shown.map((image, index) => {
          const item = {
            image,
            selected: selection.selected.has(image.id),
            focus: { index, tabIndex: roving.tabIndexFor(index), onFocus: () => roving.onItemFocus(index) },
            onOpen: () => open(image),
            onSelect: (range: boolean) => selection.toggle(image.id, index, range),
          };
          return mode === 'grid' ? <ImageTile key={image.id} {...item} /> : <ImageRow key={image.id} {...item} />;
        })}
      </ul>
      {shown.length > 0 && (
        <p className="hint" id="album-keys-hint">
          {t('album.keysHint', { selectAll: keys.keys('selectAll') })}
        </p>
      )}
    </section>
  );
}
