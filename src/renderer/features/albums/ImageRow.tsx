/** An uploaded photo in the album's list view: a small picture, title, file name, date, keywords. */
import type { ImageView } from '../../../shared/api';
import { useTranslator } from '../../i18n/I18nProvider';
import { cloudinaryRendition, ROW_TRANSFORMATION } from '../../lib/cloudinaryUrl';
import { formatDateTime } from '../../lib/format';
import type { FocusStop } from '../queue/JobRow';
import { clickItem, imageCaption } from './ImageTile';

export interface ImageItemProps {
  image: ImageView;
  selected: boolean;
  focus: FocusStop;
  onOpen(): void;
  onSelect(range: boolean): void;
}

export function ImageRow(props: ImageItemProps) {
  const { t, locale } = useTranslator();
  const { image, focus } = props;
  const caption = imageCaption(image);
  const src = cloudinaryRendition(image.thumbnail_url, ROW_TRANSFORMATION);
  const keywords = Array.isArray(image.metadatas.keywords) ? (image.metadatas.keywords as unknown[]).map(String) : [];
  return (
    <li className={`image-row${props.selected ? ' image-row-selected' : ''}`} data-testid="album-image">
      <input
        type="checkbox"
        tabIndex={-1}
        checked={props.selected}
        onChange={() => undefined}
        onClick={(event) => props.onSelect(event.shiftKey)}
        aria-label={t('album.select', { name: caption })}
      />
      <span className="job-thumb" aria-hidden="true">
        {src && <img src={src} alt="" loading="lazy" data-testid="album-thumbnail" />}
      </span>
      <div className="job-title">
        <button
          type="button"
          className="image-row-open link"
          onClick={(event) => clickItem(event, props)}
          aria-label={t('album.openPhoto', { name: caption })}
          data-index={focus.index}
          tabIndex={focus.tabIndex}
          onFocus={focus.onFocus}
        >
          <span className="image-row-title" data-testid="image-title">
            {caption}
          </span>
        </button>
        {/* When, which file and its keywords right under the title: nothing to chase across a wide screen. */}
        <span className="image-row-meta">
          {[formatDateTime(image.taken_at, locale), image.filename !== caption ? image.filename : null, keywords.join(', ')].filter(Boolean).join(' · ')}
        </span>
      </div>
    </li>
  );
}
