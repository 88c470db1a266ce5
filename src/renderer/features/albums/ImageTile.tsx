import type { ImageView } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';

export function ImageTile(props: { image: ImageView; onOpen(): void }) {
  const t = useT();
  const { image } = props;
  const caption = image.title || image.filename || image.public_id;
  return (
    <li className="tile" data-testid="album-image">
      <button type="button" className="tile-button" onClick={props.onOpen} aria-label={t('album.openPhoto', { name: caption })}>
        {image.thumbnail_url ? (
          <img className="tile-image" src={image.thumbnail_url} alt="" loading="lazy" data-testid="album-thumbnail" />
        ) : (
          <span className="tile-image tile-empty">{t('album.noPreview')}</span>
        )}
        <span className="tile-caption" data-testid="image-title">
          {caption}
        </span>
      </button>
    </li>
  );
}
