/** An uploaded photo in the album grid: Cloudinary's small rendition, its title, a box to select it. */
import { PairBadge, pairOfMetadatas } from '../../components/PairBadge';
import { useT } from '../../i18n/I18nProvider';
import { cloudinaryRendition, TILE_TRANSFORMATION } from '../../lib/cloudinaryUrl';
import { imageCaption, ImageSelectAndOpen, type ImageItemProps } from './ImageItem';

export function ImageTile(props: ImageItemProps) {
  const t = useT();
  const { image } = props;
  const caption = imageCaption(image);
  const src = cloudinaryRendition(image.thumbnail_url, TILE_TRANSFORMATION);
  return (
    <li className={`tile${props.selected ? ' tile-selected' : ''}`} data-testid="album-image">
      <ImageSelectAndOpen item={props} caption={caption} selectClass="tile-select" openClass="tile-button">
        {src ? (
          <img className="tile-image" src={src} alt="" loading="lazy" data-testid="album-thumbnail" />
        ) : (
          <span className="tile-image tile-empty">{t('album.noPreview')}</span>
        )}
        <span className="tile-caption" data-testid="image-title" title={caption}>
          {caption}
        </span>
        <PairBadge pair={pairOfMetadatas(image.metadatas)} />
      </ImageSelectAndOpen>
    </li>
  );
}
