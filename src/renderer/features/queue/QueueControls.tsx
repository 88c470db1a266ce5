/** Pause all, Resume all, Retry failed, Cancel all — each enabled only when it changes something; the first three with a shortcut. */
import { useState } from 'react';
import type { EngineStatus } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useShortcutText } from '../../i18n/useShortcutText';
import { SHORTCUTS } from '../../lib/shortcuts';
import { cancellableCount } from '../../../shared/job';
import { CancelConfirmDialog } from '../cancel/CancelConfirmDialog';
import { useCancel } from '../cancel/useCancel';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { useShortcut } from '../../state/useShortcut';

export function QueueControls(props: { status: EngineStatus }) {
  const t = useT();
  const api = useApi();
  const notify = useNotify();
  const keys = useShortcutText();
  const { byStatus } = props.status.queue;
  // Enabled only when pressing them changes something: photos that would start, or a hold to lift.
  const pausable = byStatus.queued + byStatus.hashing + byStatus.uploading + byStatus.waiting;
  const canPauseAll = !props.status.paused && pausable > 0;
  const canResumeAll = props.status.paused || byStatus.paused > 0;
  const canRetry = byStatus.failed > 0;
  const cancellable = cancellableCount(byStatus);
  const cancel = useCancel();
  const [confirming, setConfirming] = useState<number | null>(null);
  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } } & object>, done: string) => {
    const result = await action();
    if (result.ok) notify('info', done);
    else notify('error', result.error?.message ?? t('error.generic'));
  };
  const pauseAll = () => run(() => api.pauseJobs('all'), t('queue.pausedAll'));
  const resumeAll = () => run(() => api.resumeJobs('all'), t('queue.resumedAll'));
  const retryFailed = () => run(() => api.retryJobs('all-failed'), t('queue.retriedAll'));
  useShortcut(SHORTCUTS.pauseAll, pauseAll, canPauseAll);
  useShortcut(SHORTCUTS.resumeAll, resumeAll, canResumeAll);
  useShortcut(SHORTCUTS.retryFailed, retryFailed, canRetry);
  return (
    <div className="toolbar" role="group" aria-label={t('queue.controls')}>
      <button type="button" className="secondary" disabled={!canPauseAll} onClick={pauseAll} {...keys.props('pauseAll', t('queue.pauseAll'))}>
        {t('queue.pauseAll')}
      </button>
      <button type="button" className="secondary" disabled={!canResumeAll} onClick={resumeAll} {...keys.props('resumeAll', t('queue.resumeAll'))}>
        {t('queue.resumeAll')}
      </button>
      <button type="button" disabled={!canRetry} onClick={retryFailed} {...keys.props('retryFailed', t('queue.retryAllFailed'))}>
        {t('queue.retryAllFailed')}
      </button>
      <button type="button" className="secondary" disabled={cancellable === 0} onClick={() => setConfirming(cancellable)}>
        {t('queue.cancelAll')}
      </button>
      {confirming !== null && <CancelConfirmDialog count={confirming} onConfirm={() => void cancel('all')} onClose={() => setConfirming(null)} />}
    </div>
  );
}
