/** An uploaded photo in the album grid: Cloudinary's small rendition, its title, a box to select it. */
import type { ImageView } from '../../../shared/api';
import { PairBadge, pairOfMetadatas } from '../../components/PairBadge';
import { useT } from '../../i18n/I18nProvider';
import { cloudinaryRendition, TILE_TRANSFORMATION } from '../../lib/cloudinaryUrl';
import type { ImageItemProps } from './ImageRow';

export function ImageTile(props: ImageItemProps) {
  const t = useT();
  const { image, focus } = props;
  const caption = imageCaption(image);
  const src = cloudinaryRendition(image.thumbnail_url, TILE_TRANSFORMATION);
  return (
    <li className={`tile${props.selected ? ' tile-selected' : ''}`} data-testid="album-image">
      <label className="tile-select">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={props.selected}
          onChange={() => undefined}
          onClick={(event) => props.onSelect(event.shiftKey)}
          aria-label={t('album.select', { name: caption })}
        />
      </label>
      <button
        type="button"
        className="tile-button"
        onClick={(event) => clickItem(event, props)}
        aria-label={t('album.openPhoto', { name: caption })}
        data-index={focus.index}
        tabIndex={focus.tabIndex}
        onFocus={focus.onFocus}
      >
        {src ? (
          <img className="tile-image" src={src} alt="" loading="lazy" data-testid="album-thumbnail" />
        ) : (
          <span className="tile-image tile-empty">{t('album.noPreview')}</span>
        )}
        <span className="tile-caption" data-testid="image-title" title={caption}>
          {caption}
        </span>
        <PairBadge pair={pairOfMetadatas(image.metadatas)} />
      </button>
    </li>
  );
}

export function imageCaption(image: ImageView): string {
  return image.title || image.filename || image.public_id;
}

/** Ctrl/Cmd-click or Shift-click selects, as in a file manager; a plain click opens. */
export function clickItem(event: React.MouseEvent, props: Pick<ImageItemProps, 'onOpen' | 'onSelect'>): void {
  if (event.ctrlKey || event.metaKey || event.shiftKey) props.onSelect(event.shiftKey);
  else props.onOpen();
}
