/**
 * What can be done with the files selected in the queue: pause, resume, retry (the failed ones) and cancel
 * them, each enabled only when some selected file is in a state it changes, and sent only for those files.
 */
import { useState } from 'react';
import type { Result } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useShortcutText } from '../../i18n/useShortcutText';
import { canCancel, canPause, canResume } from '../../lib/jobStatus';
import { CancelConfirmDialog } from '../cancel/CancelConfirmDialog';
import { useCancel } from '../cancel/useCancel';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { selectedWhere, type JobSelection } from '../../state/useJobSelection';
import { useShortcut } from '../../state/useShortcut';
import { SHORTCUTS } from '../../lib/shortcuts';

export function SelectionBar(props: { selection: JobSelection; total: number }) {
  const t = useT();
  const api = useApi();
  const notify = useNotify();
  const keys = useShortcutText();
  const cancel = useCancel();
  const { selection } = props;
  const count = selection.selected.size;
  const pausable = selectedWhere(selection, canPause);
  const resumable = selectedWhere(selection, canResume);
  const failed = selectedWhere(selection, (status) => status === 'failed');
  const cancellable = selectedWhere(selection, canCancel);
  const [confirming, setConfirming] = useState<number[] | null>(null);
  useShortcut(SHORTCUTS.selectAll, () => void selection.selectAll(), props.total > 0);
  const run = async (action: () => Promise<Result<unknown>>, done: string) => {
    const result = await action();
    notify(result.ok ? 'info' : 'error', result.ok ? done : result.error.message);
  };
  return (
    <div className="selection-bar queue-selection" role="group" aria-label={t('queue.selection.label')} data-testid="queue-selection">
      <span className="hint" data-testid="selection-count">
        {count > 0 ? t('queue.selection.count', { count }) : t('queue.selection.hint')}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={() => void selection.selectAll()}
        disabled={props.total === 0 || count === props.total}
        {...keys.props('selectAll', t('album.selectAll'))}
      >
        {t('album.selectAll')}
      </button>
      <button type="button" className="secondary" onClick={selection.clear} disabled={count === 0}>
        {t('album.clearSelection')}
      </button>
      {count > 0 && (
        <>
          <button
            type="button"
            className="secondary"
            disabled={pausable.length === 0}
            onClick={() => void run(() => api.pauseJobs(pausable), t('queue.selection.paused', { count: pausable.length }))}
          >
            {t('queue.selection.pause', { count: pausable.length })}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={resumable.length === 0}
            onClick={() => void run(() => api.resumeJobs(resumable), t('queue.selection.resumed', { count: resumable.length }))}
          >
            {t('queue.selection.resume', { count: resumable.length })}
          </button>
          <button
            type="button"
            disabled={failed.length === 0}
            onClick={() => void run(() => api.retryJobs(failed), t('queue.selection.retried', { count: failed.length }))}
          >
            {t('queue.selection.retry', { count: failed.length })}
          </button>
          <button type="button" className="secondary" disabled={cancellable.length === 0} onClick={() => setConfirming(cancellable)}>
            {t('queue.selection.cancel', { count: cancellable.length })}
          </button>
        </>
      )}
      {confirming && (
        <CancelConfirmDialog count={confirming.length} onConfirm={() => void cancel(confirming).then(selection.clear)} onClose={() => setConfirming(null)} />
      )}
    </div>
  );
}
