/** The queue: overall progress, whole-queue controls, filters, and every file with its state. */
import { useMemo, useState } from 'react';
import type { EngineStatus } from '../../../shared/api';
import type { JobFilter } from '../../lib/jobStatus';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { useJobPager } from '../../state/useJobPager';
import { JobList } from './JobList';
import type { JobActions } from './JobRow';
import { OverallProgress } from './OverallProgress';
import { QueueControls } from './QueueControls';
import { QueueFilters } from './QueueFilters';

const EMPTY_TEXT: Record<JobFilter, string> = {
  all: 'The queue is empty. Add a folder above to start.',
  active: 'Nothing is waiting to upload.',
  failed: 'No failed files.',
  done: 'Nothing uploaded yet.',
};

export function QueueScreen(props: { status: EngineStatus | null; onOpenPhoto(jobId: number): void }) {
  const [filter, setFilter] = useState<JobFilter>('all');
  const pager = useJobPager(filter);
  const actions = useJobActions(props.onOpenPhoto);
  return (
    <section aria-labelledby="queue-heading" className="screen screen-queue">
      <h2 id="queue-heading">Queue</h2>
      {props.status && <OverallProgress queue={props.status.queue} paused={props.status.paused} />}
      <div className="queue-bar">
        {props.status && <QueueFilters value={filter} queue={props.status.queue} onChange={setFilter} />}
        {props.status && <QueueControls status={props.status} />}
      </div>
      <JobList pager={pager} actions={actions} emptyText={EMPTY_TEXT[filter]} />
    </section>
  );
}

function useJobActions(open: (jobId: number) => void): JobActions {
  const api = useApi();
  const notify = useNotify();
  return useMemo(() => {
    const report = (result: { ok: boolean; error?: { message: string } }, done: string) =>
      result.ok ? notify('info', done) : notify('error', result.error?.message ?? 'That did not work.');
    return {
      open,
      retry: async (id) => report(await api.retryJobs([id]), 'Put back in the queue.'),
      pause: async (id) => report(await api.pauseJobs([id]), 'Paused.'),
      resume: async (id) => report(await api.resumeJobs([id]), 'Resumed.'),
    };
  }, [api, notify, open]);
}
