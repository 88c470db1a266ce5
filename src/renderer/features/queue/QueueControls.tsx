import type { EngineStatus } from '../../../shared/api';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function QueueControls(props: { status: EngineStatus }) {
  const api = useApi();
  const notify = useNotify();
  const { byStatus } = props.status.queue;
  // Enabled only when pressing them changes something: photos that would start, or a hold to lift.
  const pausable = byStatus.queued + byStatus.hashing + byStatus.uploading + byStatus.waiting;
  const canPauseAll = !props.status.paused && pausable > 0;
  const canResumeAll = props.status.paused || byStatus.paused > 0;
  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } } & object>, done: string) => {
    const result = await action();
    if (result.ok) notify('info', done);
    else notify('error', result.error?.message ?? 'That did not work.');
  };
  return (
    <div className="toolbar" role="group" aria-label="Whole queue">
      <button type="button" disabled={!canPauseAll} onClick={() => run(() => api.pauseJobs('all'), 'Queue paused.')}>
        Pause all
      </button>
      <button type="button" disabled={!canResumeAll} onClick={() => run(() => api.resumeJobs('all'), 'Queue resumed.')}>
        Resume all
      </button>
      <button type="button" disabled={byStatus.failed === 0} onClick={() => run(() => api.retryJobs('all-failed'), 'Failed files put back in the queue.')}>
        Retry all failed
      </button>
    </div>
  );
}
