/**
 * "Not uploaded (N)": every file found in an added or watched folder and left out, with why (contract §1:
 * nothing is dropped silently). Folded by default, below the queue; current as files are found.
 */
import { useT } from '../../i18n/I18nProvider';
import { useIgnoredFiles } from '../../state/useIgnoredFiles';
import { IgnoredReasonText } from './IgnoredReasonText';

/** Rows drawn; a card of thousands of sidecars stays a short list with a count. */
const SHOWN = 500;

export function IgnoredList() {
  const t = useT();
  const files = useIgnoredFiles();
  if (files.length === 0) return null;
  return (
    <details className="ignored" data-testid="ignored-list">
      <summary data-testid="ignored-summary">{t('ignored.heading', { count: files.length })}</summary>
      <p className="hint">{t('ignored.intro')}</p>
      <ul className="ignored-files" aria-label={t('ignored.listLabel')}>
        {files.slice(0, SHOWN).map((file) => (
          <li key={file.path} data-testid="ignored-file" data-reason={file.reason}>
            <span className="ignored-path" title={file.path}>
              {file.path}
            </span>
            <IgnoredReasonText reason={file.reason} />
          </li>
        ))}
      </ul>
      {files.length > SHOWN && <p className="hint">{t('plan.more', { count: files.length - SHOWN })}</p>}
    </details>
  );
}
