/**
 * "Not uploaded (N)": every file found in an added or watched folder and left out, with why (contract §1:
 * nothing is dropped silently). Folded by default, below the queue; current as files are found. A chip
 * beside the queue's heading says how many were left out, above the fold, and opens the list.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { IgnoredFile } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useIgnoredFiles } from '../../state/useIgnoredFiles';
import { IgnoredReasonText } from './IgnoredReasonText';

/** Rows drawn; a card of thousands of sidecars stays a short list with a count. */
const SHOWN = 500;
const LIST_ID = 'ignored-list';

export interface IgnoredPanel {
  files: IgnoredFile[];
  open: boolean;
  setOpen(open: boolean): void;
  /** Opens the list and scrolls it into view. */
  show(): void;
  ref: RefObject<HTMLDetailsElement | null>;
}

export function useIgnoredPanel(): IgnoredPanel {
  const files = useIgnoredFiles();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(0);
  const ref = useRef<HTMLDetailsElement>(null);
  // After the render that opened it, so the whole list is there to scroll to.
  useEffect(() => {
    if (shown > 0) ref.current?.scrollIntoView({ block: 'start' });
  }, [shown]);
  const show = () => {
    setOpen(true);
    setShown((n) => n + 1);
  };
  return { files, open, setOpen, show, ref };
}

export function IgnoredChip(props: { panel: IgnoredPanel }) {
  const t = useT();
  const { files, show } = props.panel;
  if (files.length === 0) return null;
  return (
    <button type="button" className="chip chip-warn" aria-controls={LIST_ID} title={t('ignored.chipHint')} onClick={show} data-testid="ignored-chip">
      {t('ignored.chip', { count: files.length })}
    </button>
  );
}

export function IgnoredList(props: { panel: IgnoredPanel }) {
  const t = useT();
  const { files, open, setOpen, ref } = props.panel;
  if (files.length === 0) return null;
  return (
    <details
      className="ignored"
      id={LIST_ID}
      ref={ref}
      open={open}
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
      data-testid="ignored-list"
    >
      <summary data-testid="ignored-summary">{t('ignored.heading', { count: files.length })}</summary>
      <p className="hint">{t('ignored.intro')}</p>
      <ul className="ignored-files" aria-label={t('ignored.listLabel')}>
        {files.slice(0, SHOWN).map((file) => (
          <li key={file.path} data-testid="ignored-file" data-reason={file.reason}>
            <span className="ignored-path" title={file.path}>
              {file.path}
            </span>
            <IgnoredReasonText file={file} />
          </li>
        ))}
      </ul>
      {files.length > SHOWN && <p className="hint">{t('plan.more', { count: files.length - SHOWN })}</p>}
    </details>
  );
}
