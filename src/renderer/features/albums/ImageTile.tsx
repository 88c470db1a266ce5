import type { ImageView } from '../../../shared/api';
import { PairBadge, pairOfMetadatas } from '../../components/PairBadge';
import { useT } from '../../i18n/I18nProvider';

export function ImageTile(props: { image: ImageView; selected: boolean; onOpen(): void; onSelect(range: boolean): void }) {
  const t = useT();
  const { image } = props;
  const caption = image.title || image.filename || image.public_id;
  // Ctrl/Cmd-click or Shift-click on the photo selects, as in a file manager; a plain click opens it.
  const click = (event: React.MouseEvent) => (event.ctrlKey || event.metaKey || event.shiftKey ? props.onSelect(event.shiftKey) : props.onOpen());
  return (
    <li className={`tile${props.selected ? ' tile-selected' : ''}`} data-testid="album-image">
      <label className="tile-select">
        <input
          type="checkbox"
          checked={props.selected}
          onChange={() => undefined}
          onClick={(event) => props.onSelect(event.shiftKey)}
          aria-label={t('album.select', { name: caption })}
        />
      </label>
      <button type="button" className="tile-button" onClick={click} aria-label={t('album.openPhoto', { name: caption })}>
        {image.thumbnail_url ? (
          <img className="tile-image" src={image.thumbnail_url} alt="" loading="lazy" data-testid="album-thumbnail" />
        ) : (
          <span className="tile-image tile-empty">{t('album.noPreview')}</span>
        )}
        <span className="tile-caption" data-testid="image-title">
          {caption}
        </span>
        <PairBadge pair={pairOfMetadatas(image.metadatas)} />
      </button>
    </li>
  );
}
