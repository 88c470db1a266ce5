/** An uploaded photo in the album's list view: a small picture, title, file name, date, keywords. */
import { useTranslator } from '../../i18n/I18nProvider';
import { cloudinaryRendition, ROW_TRANSFORMATION } from '../../lib/cloudinaryUrl';
import { formatDateTime } from '../../lib/format';
import { imageCaption, ImageSelectAndOpen, type ImageItemProps } from './ImageItem';

export function ImageRow(props: ImageItemProps) {
  const { locale } = useTranslator();
  const { image } = props;
  const caption = imageCaption(image);
  const src = cloudinaryRendition(image.thumbnail_url, ROW_TRANSFORMATION);
  const keywords = Array.isArray(image.metadatas.keywords) ? (image.metadatas.keywords as unknown[]).map(String) : [];
  return (
    <li className={`image-row${props.selected ? ' image-row-selected' : ''}`} data-testid="album-image">
      <ImageSelectAndOpen item={props} caption={caption} selectClass="job-select" openClass="image-row-open link">
        <span className="job-thumb" aria-hidden="true">
          {src && <img src={src} alt="" loading="lazy" data-testid="album-thumbnail" />}
        </span>
        <span className="image-row-text">
          <span className="image-row-title" data-testid="image-title">
            {caption}
          </span>
          {/* When, which file and its keywords right under the title: nothing to chase across a wide screen. */}
          <span className="image-row-meta">
            {[formatDateTime(image.taken_at, locale), image.filename !== caption ? image.filename : null, keywords.join(', ')].filter(Boolean).join(' · ')}
          </span>
        </span>
      </ImageSelectAndOpen>
    </li>
  );
}
