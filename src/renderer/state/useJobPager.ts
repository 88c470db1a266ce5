/** A JobPager for one filter/album, fed by jobsChanged events, re-rendering on each change. */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { JobFilter } from '../lib/jobStatus';
import { useApi } from './HostContext';
import { JobPager } from './jobPager';
import { useEngineEvents } from './useEngineEvents';

export function useJobPager(filter: JobFilter, albumId?: string): JobPager {
  const api = useApi();
  const pager = useMemo(() => new JobPager(api, { filter, albumId }), [api, filter, albumId]);
  useEffect(() => {
    pager.ensureRange(0, 0);
    return () => pager.dispose();
  }, [pager]);
  useEngineEvents((events) => {
    for (const event of events) if (event.type === 'jobsChanged') pager.applyChanges(event.jobs);
  });
  useSyncExternalStore(pager.subscribe, pager.getVersion);
  return pager;
}
