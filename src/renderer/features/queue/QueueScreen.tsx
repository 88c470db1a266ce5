/** The queue: overall progress, whole-queue controls, filters, and every file with its state. */
import { useMemo, useState } from 'react';
import type { EngineStatus } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages/en';
import type { JobFilter } from '../../lib/jobStatus';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { useViewMode } from '../../state/useViewMode';
import { ViewToggle } from '../../components/ViewToggle';
import { useJobPager } from '../../state/useJobPager';
import { useJobSelection } from '../../state/useJobSelection';
import { useShortcutText } from '../../i18n/useShortcutText';
import { SelectionBar } from './SelectionBar';
import { JobList } from './JobList';
import type { JobActions } from './JobRow';
import { OverallProgress } from './OverallProgress';
import { QueueControls } from './QueueControls';
import { Welcome } from '../welcome/Welcome';
import { QueueFilters } from './QueueFilters';
import { IgnoredChip, IgnoredList, useIgnoredPanel } from './IgnoredList';

const EMPTY_TEXT: Record<JobFilter, MessageKey> = {
  all: 'queue.empty.all',
  active: 'queue.empty.active',
  failed: 'queue.empty.failed',
  done: 'queue.empty.done',
};

export function QueueScreen(props: { status: EngineStatus | null; onOpenPhoto(jobId: number): void; onOpenSettings(): void }) {
  const t = useT();
  const [filter, setFilter] = useState<JobFilter>('all');
  const pager = useJobPager(filter);
  const selection = useJobSelection(pager, filter);
  const keys = useShortcutText();
  const [mode, setMode] = useViewMode('queue');
  const actions = useJobActions(props.onOpenPhoto);
  const ignored = useIgnoredPanel();
  // An empty queue shows what to do, not a bar at 0 % and buttons that do nothing.
  const empty = props.status !== null && props.status.queue.total === 0 && !props.status.queue.scanning;
  const welcome = empty && props.status?.demoMode === true;
  // The files show as soon as their first page arrives; the engine's status, slower to answer while it
  // hashes, fills in the bar and the controls when it comes (waiting for it cost ~100 ms at 50,000 files).
  const status = props.status;
  const listed = status !== null ? !empty : pager.total > 0;
  return (
    <section aria-labelledby="queue-heading" className="screen screen-queue">
      <div className="screen-heading">
        <h2 id="queue-heading">{t('queue.heading')}</h2>
        <IgnoredChip panel={ignored} />
      </div>
      {welcome && <Welcome onOpenSettings={props.onOpenSettings} />}
      {empty && !welcome && <p className="empty-state">{t('queue.empty.all')}</p>}
      {listed && (
        <>
          {status && (
            <>
              <OverallProgress queue={status.queue} paused={status.paused} />
              <div className="queue-bar">
                <QueueFilters value={filter} queue={status.queue} onChange={setFilter} />
                <div className="queue-bar-end">
                  <ViewToggle value={mode} onChange={setMode} />
                  <QueueControls status={status} />
                </div>
              </div>
            </>
          )}
          <SelectionBar selection={selection} total={pager.total} />
          <JobList pager={pager} actions={actions} emptyText={t(EMPTY_TEXT[filter])} mode={mode} selection={selection} />
          <p className="hint" id="queue-keys-hint">
            {t('queue.keysHint', { selectAll: keys.keys('selectAll') })}
          </p>
        </>
      )}
      <IgnoredList panel={ignored} />
    </section>
  );
}

function useJobActions(open: (jobId: number) => void): JobActions {
  const api = useApi();
  const notify = useNotify();
  const t = useT();
  return useMemo(() => {
    const report = (result: { ok: boolean; error?: { message: string } }, done: string) =>
      result.ok ? notify('info', done) : notify('error', result.error?.message ?? t('error.generic'));
    return {
      open,
      retry: async (id) => report(await api.retryJobs([id]), t('job.retried')),
      pause: async (id) => report(await api.pauseJobs([id]), t('job.paused')),
      resume: async (id) => report(await api.resumeJobs([id]), t('job.resumed')),
      cancel: async (id) => report(await api.cancelJobs([id]), t('job.cancelled')),
    };
  }, [api, notify, open, t]);
}
