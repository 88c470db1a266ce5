/**
 * Selecting many files of the queue: Space or Ctrl/Cmd-click toggles one, Shift (arrow or click) extends
 * from the last one toggled, Ctrl/Cmd+A takes every file of the filter shown — read from the engine page by
 * page, since the list holds only the pages on screen. Each selected file's state follows jobsChanged, so the
 * actions offered for the selection stay right for files scrolled out of view. A new filter starts afresh.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView, PixdropApi } from '../../shared/api';
import type { JobStatus } from '../../shared/job';
import type { JobPager } from './jobPager';
import { useApi } from './HostContext';
import { useNotify } from './NoticesContext';
import { useEngineEvents } from './useEngineEvents';
import { belongsToFilter, type JobFilter } from '../lib/jobStatus';

/** listJobs' largest page (the API's cap). */
const SELECT_ALL_PAGE = 10_000;

export interface JobSelection {
  /** Selected job ids with their latest known state. */
  selected: ReadonlyMap<number, JobStatus>;
  toggle(index: number, range: boolean): void;
  selectAll(): Promise<void>;
  clear(): void;
}

export function useJobSelection(pager: JobPager, filter: JobFilter): JobSelection {
  const api = useApi();
  const notify = useNotify();
  const [selected, setSelected] = useState<ReadonlyMap<number, JobStatus>>(new Map());
  const anchor = useRef<number | null>(null);
  useEffect(() => {
    setSelected(new Map());
    anchor.current = null;
  }, [pager]);
  useEngineEvents((events) => {
    const changed = events.flatMap((event) => (event.type === 'jobsChanged' ? event.jobs : []));
    setSelected((current) => (changed.some((job) => current.has(job.id)) ? withStatuses(current, changed, filter) : current));
  });
  const toggle = useCallback(
    (index: number, range: boolean) => {
      const from = anchor.current; // read now: the updater runs after the anchor has moved
      setSelected((current) => {
        const next = new Map(current);
        if (range && from !== null) {
          for (let i = Math.min(from, index); i <= Math.max(from, index); i += 1) {
            const job = pager.rowAt(i);
            if (job) next.set(job.id, job.status);
          }
          return next;
        }
        const job = pager.rowAt(index);
        if (!job) return current;
        if (next.has(job.id)) next.delete(job.id);
        else next.set(job.id, job.status);
        return next;
      });
      anchor.current = index;
    },
    [pager],
  );
  const selectAll = useCallback(async () => {
    const all = await everyJob(api, filter);
    if ('error' in all) notify('error', all.error);
    else setSelected(new Map(all.jobs.map((job) => [job.id, job.status])));
  }, [api, filter, notify]);
  const clear = useCallback(() => {
    setSelected(new Map());
    anchor.current = null;
  }, []);
  return { selected, toggle, selectAll, clear };
}

/** A file that leaves the filter shown (an upload done under "Active") leaves the selection with it: nothing unseen is acted on. */
function withStatuses(current: ReadonlyMap<number, JobStatus>, jobs: JobView[], filter: JobFilter): ReadonlyMap<number, JobStatus> {
  const next = new Map(current);
  for (const job of jobs) {
    if (!next.has(job.id)) continue;
    if (belongsToFilter(job.status, filter)) next.set(job.id, job.status);
    else next.delete(job.id);
  }
  return next;
}

async function everyJob(api: PixdropApi, filter: JobFilter): Promise<{ jobs: JobView[] } | { error: string }> {
  const jobs: JobView[] = [];
  for (let offset = 0; ; offset += SELECT_ALL_PAGE) {
    const page = await api.listJobs({ filter, offset, limit: SELECT_ALL_PAGE });
    if (!page.ok) return { error: page.error.message };
    jobs.push(...page.value.jobs);
    if (page.value.jobs.length < SELECT_ALL_PAGE || jobs.length >= page.value.total) return { jobs };
  }
}

/** The selected files whose state lets this action do something. */
export function selectedWhere(selection: JobSelection, can: (status: JobStatus) => boolean): number[] {
  return [...selection.selected].filter(([, status]) => can(status)).map(([id]) => id);
}
