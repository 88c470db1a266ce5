import { useState } from 'react';
import type { EngineStatus } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { cancellableCount } from '../../../shared/job';
import { CancelConfirmDialog } from '../cancel/CancelConfirmDialog';
import { useCancel } from '../cancel/useCancel';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function QueueControls(props: { status: EngineStatus }) {
  const t = useT();
  const api = useApi();
  const notify = useNotify();
  const { byStatus } = props.status.queue;
  // Enabled only when pressing them changes something: photos that would start, or a hold to lift.
  const pausable = byStatus.queued + byStatus.hashing + byStatus.uploading + byStatus.waiting;
  const canPauseAll = !props.status.paused && pausable > 0;
  const canResumeAll = props.status.paused || byStatus.paused > 0;
  const cancellable = cancellableCount(byStatus);
  const cancel = useCancel();
  const [confirming, setConfirming] = useState<number | null>(null);
  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } } & object>, done: string) => {
    const result = await action();
    if (result.ok) notify('info', done);
    else notify('error', result.error?.message ?? t('error.generic'));
  };
  return (
    <div className="toolbar" role="group" aria-label={t('queue.controls')}>
      <button type="button" disabled={!canPauseAll} onClick={() => run(() => api.pauseJobs('all'), t('queue.pausedAll'))}>
        {t('queue.pauseAll')}
      </button>
      <button type="button" disabled={!canResumeAll} onClick={() => run(() => api.resumeJobs('all'), t('queue.resumedAll'))}>
        {t('queue.resumeAll')}
      </button>
      <button type="button" disabled={byStatus.failed === 0} onClick={() => run(() => api.retryJobs('all-failed'), t('queue.retriedAll'))}>
        {t('queue.retryAllFailed')}
      </button>
      <button type="button" className="secondary" disabled={cancellable === 0} onClick={() => setConfirming(cancellable)}>
        {t('queue.cancelAll')}
      </button>
      {confirming !== null && <CancelConfirmDialog count={confirming} onConfirm={() => void cancel('all')} onClose={() => setConfirming(null)} />}
    </div>
  );
}
