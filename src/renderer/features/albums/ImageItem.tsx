/**
 * What the album's tile and row share: the tick box that selects an uploaded photo (Shift extends from
 * the last one) and the button that opens it (Ctrl/Cmd- or Shift-click selects instead, as in a file
 * manager), the item's focus stop for the arrow keys.
 */
import type { ReactNode } from 'react';
import type { ImageView } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import type { FocusStop } from '../queue/JobRow';

export interface ImageItemProps {
  image: ImageView;
  selected: boolean;
  focus: FocusStop;
  onOpen(): void;
  onSelect(range: boolean): void;
}

export function imageCaption(image: ImageView): string {
  return image.title || image.filename || image.public_id;
}

export function ImageSelectAndOpen(props: { item: ImageItemProps; caption: string; selectClass?: string; openClass: string; children: ReactNode }) {
  const t = useT();
  const { item, caption } = props;
  const open = (event: React.MouseEvent) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) item.onSelect(event.shiftKey);
    else item.onOpen();
  };
  return (
    <>
      <label className={props.selectClass}>
        <input
          type="checkbox"
          tabIndex={-1}
          checked={item.selected}
          onChange={() => undefined}
          onClick={(event) => item.onSelect(event.shiftKey)}
          aria-label={t('album.select', { name: caption })}
        />
      </label>
      <button
        type="button"
        className={props.openClass}
        onClick={open}
        aria-label={t('album.openPhoto', { name: caption })}
        data-index={item.focus.index}
        tabIndex={item.focus.tabIndex}
        onFocus={item.focus.onFocus}
      >
        {props.children}
      </button>
    </>
  );
}
