/** The box that selects one file of the queue (Shift-click extends from the last one); the keyboard uses Space on the file. */
import { useT } from '../../i18n/I18nProvider';

export interface SelectProps {
  selected: boolean;
  /** Stable, so a memoized row re-renders only when its own selection changes. */
  onSelect(index: number, range: boolean): void;
}

export function JobSelectBox(props: SelectProps & { index: number; filename: string }) {
  const t = useT();
  return (
    <label className="job-select">
      <input
        type="checkbox"
        tabIndex={-1}
        checked={props.selected}
        onChange={() => undefined}
        onClick={(event) => props.onSelect(props.index, event.shiftKey)}
        aria-label={t('album.select', { name: props.filename })}
        data-testid="job-select"
      />
    </label>
  );
}

/** Ctrl/Cmd-click or Shift-click selects, as in a file manager; a plain click opens. */
export function clickJob(event: React.MouseEvent, index: number, select: SelectProps['onSelect'], open: () => void): void {
  if (event.ctrlKey || event.metaKey || event.shiftKey) select(index, event.shiftKey);
  else open();
}
