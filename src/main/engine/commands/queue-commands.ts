/**
 * What the API asks of the queue: retry, pause, resume, cancel. Each is an event of the job machine
 * applied to the jobs (compare-and-set, library/jobs.ts); a pause or cancel aborts the running steps of
 * the jobs it moved and answers once their transfers stopped.
 */
import type { CancelTarget, PixdropApi } from '../../../shared/api';
import type { JobEvent } from '../../../shared/job';
import { attempt } from './api-methods';
import type { EngineContext } from '../context';
import { applyJobEventToMany, cancellableJobIdsUnder, type JobPatch } from '../library/jobs';
import type { Scheduler } from '../queue/scheduler';

export type QueueCommands = Pick<PixdropApi, 'retryJobs' | 'pauseJobs' | 'resumeJobs' | 'cancelJobs'>;

const FRESH_TRY: JobPatch = { attempts: 0, errorCode: null, errorMessage: null, nextAttemptAt: null };

export function createQueueCommands(ctx: EngineContext, scheduler: Scheduler, pauseAll: (paused: boolean) => void): QueueCommands {
  const command = async (event: JobEvent, ids: number[] | 'all', patch: JobPatch, o: { abort?: boolean } = {}) => {
    const moved = applyJobEventToMany(ctx.db, event, ids, { now: ctx.clock.now(), patch });
    moved.forEach((id) => ctx.jobChanged(id));
    // Answered once the running transfers really stopped: "paused" means no byte moves any more.
    if (o.abort) await scheduler.abort(moved);
    scheduler.wake();
    return moved.length;
  };
  return {
    retryJobs: (ids) => attempt(async () => ({ requeued: await command({ type: 'retry' }, ids === 'all-failed' ? 'all' : ids, FRESH_TRY) })),
    pauseJobs: (ids) =>
      attempt(async () => {
        if (ids === 'all') pauseAll(true);
        // A running step is aborted; its saved progress stays for the resume. Registration is not paused (see transition()).
        return { paused: await command({ type: 'pause' }, ids, { nextAttemptAt: null }, { abort: true }) };
      }),
    resumeJobs: (ids) =>
      attempt(async () => {
        if (ids === 'all') pauseAll(false);
        return { resumed: await command({ type: 'resume' }, ids, { nextAttemptAt: null, errorCode: null, errorMessage: null }) };
      }),
    cancelJobs: (target: CancelTarget) =>
      attempt(async () => {
        const ids = typeof target === 'object' && !Array.isArray(target) ? cancellableJobIdsUnder(ctx.db, target.folder) : target;
        if (Array.isArray(ids) && ids.length === 0) return { cancelled: 0 };
        return { cancelled: await command({ type: 'cancel' }, ids, { nextAttemptAt: null }, { abort: true }) };
      }),
  };
}
