/** Waiting until a run (or the whole queue) has settled: nothing queued, working or waiting any more. */
import type { EngineEvent } from '../../../shared/api';
import type { JobStatus } from '../../../shared/job';
import type { Db } from '../library/db';
import { anyJobWithStatus } from '../library/jobs';

const UNSETTLED: JobStatus[] = ['queued', 'hashing', 'uploading', 'registering', 'waiting'];

/**
 * The check covers the whole run (maybe 50,000 jobs): it runs at most every 200 ms after changes, with a
 * slow timer as a fallback, never once per event.
 */
export function waitUntilSettled(db: Db, onEvent: (listener: (event: EngineEvent) => void) => () => void, jobIds?: number[]): Promise<void> {
  const ids = jobIds ? new Set(jobIds) : undefined;
  return new Promise((resolve) => {
    let pending: NodeJS.Timeout | null = null;
    let settled = false;
    const check = () => {
      pending = null;
      // The engine stopped (Ctrl-C) while someone still waited: nothing more will settle, and the closed library cannot be asked.
      if (settled || (db.open && anyJobWithStatus(db, UNSETTLED, ids))) return;
      settled = true;
      clearInterval(poll);
      unsubscribe();
      resolve();
    };
    const soon = () => {
      pending ??= setTimeout(check, 200);
    };
    const poll = setInterval(soon, 1000);
    const unsubscribe = onEvent((e) => {
      if (e.type === 'jobsChanged') soon();
    });
    check();
  });
}
