/**
 * The queue loop: claims hashing work (local, always allowed) and upload work (only while the
 * connection allows it), runs each job's step under its own AbortController, and turns every
 * failure into one outcome (decideFailure). Wake-ups are coalesced; timers cover waiting jobs.
 */
import { AppError } from '../../../shared/errors';
import type { EngineContext } from '../context';
import type { ConnectionMonitor } from '../connection';
import { claimNextJobs, getJob, nextWaitingAt, releaseDueWaiting, updateJob, type JobRow } from '../library/jobs';
import { runHashStep } from '../pipeline/hash-step';
import { runUploadStep, type UploadStepOptions } from '../pipeline/upload-step';
import { decideFailure } from './failure';
import { classifyNodeError } from './retryPolicy';

const HASH_CONCURRENCY = 4;

export interface Scheduler {
  wake(): void;
  /** Abort the given active jobs (pause); their saved progress stays. */
  abort(jobIds: number[]): void;
  activeCount(): number;
  stop(): Promise<void>;
}

export function createScheduler(ctx: EngineContext, connection: ConnectionMonitor, uploadOptions: UploadStepOptions = {}): Scheduler {
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let hashing = 0;
  let uploading = 0;
  let stopped = false;
  let wakePending = false;
  let timer: NodeJS.Timeout | null = null;

  const settle = (job: JobRow, error: unknown) => {
    const appError = error instanceof AppError ? error : classifyNodeError(error, job.id ? `job ${job.id}` : 'a file');
    const current = getJob(ctx.db, job.id);
    if (!current || current.status === 'paused') return;
    const attempts = current.attempts + 1;
    const now = ctx.clock.now();
    const outcome = decideFailure(appError, attempts, now);
    const error_ = { errorCode: appError.code, errorMessage: appError.message };
    switch (outcome.kind) {
      case 'requeue':
        updateJob(ctx.db, job.id, { status: 'queued', ...error_ }, now);
        if (outcome.connection === 'offline') connection.markOffline();
        if (outcome.connection === 'rate-limited') connection.rateLimited(outcome.retryAfterSeconds ?? 5);
        if (outcome.connection === 'auth') connection.authRequired(appError.message);
        break;
      case 'wait':
        updateJob(ctx.db, job.id, { status: 'waiting', attempts, nextAttemptAt: outcome.nextAttemptAt, ...error_ }, now);
        break;
      case 'rehash':
        updateJob(ctx.db, job.id, { status: 'queued', attempts, sha1: null, uploadId: null, bytesConfirmed: 0, cloudinaryResponse: null, ...error_ }, now);
        break;
      case 'fail':
        updateJob(ctx.db, job.id, { status: 'failed', attempts, nextAttemptAt: null, ...error_ }, now);
        break;
    }
    ctx.logger.info(`job ${job.id}: ${outcome.kind} after ${appError.code}`, { message: appError.message });
  };

  /** The library itself failed (a full disk, say): say so once per attempt and try again shortly. */
  const libraryTrouble = (error: unknown) => {
    const appError = classifyNodeError(error, 'the library');
    ctx.logger.error(`queue: ${appError.message}`);
    ctx.emit({ type: 'notice', level: 'error', code: appError.code, message: appError.message });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => scheduler.wake(), 5000);
  };

  // Recording a failure writes to the library too; if that fails, the job stays as it was.
  const settleOrReport = (job: JobRow, error: unknown) => {
    try {
      settle(job, error);
    } catch (trouble) {
      libraryTrouble(trouble);
    }
  };

  const run = (job: JobRow, kind: 'hash' | 'upload') => {
    const controller = new AbortController();
    if (kind === 'hash') hashing += 1;
    else uploading += 1;
    ctx.jobChanged(job.id);
    const done = (async () => {
      try {
        if (kind === 'hash') await runHashStep(ctx, job, controller.signal);
        else await runUploadStep(ctx, job, controller.signal, { ...uploadOptions, beforeRequest: (signal) => connection.whenCanUpload(signal) });
        if (kind === 'upload') connection.markOnline();
      } catch (error) {
        if (!stopped) settleOrReport(job, error);
      } finally {
        if (kind === 'hash') hashing -= 1;
        else uploading -= 1;
        running.delete(job.id);
        ctx.inFlight.delete(job.id);
        ctx.jobChanged(job.id);
        scheduler.wake();
      }
    })();
    running.set(job.id, { controller, done });
  };

  const armTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = nextWaitingAt(ctx.db);
    if (at === null || stopped) return;
    timer = setTimeout(() => scheduler.wake(), Math.max(50, at - ctx.clock.now()));
    timer.unref?.();
  };

  const tick = () => {
    wakePending = false;
    if (stopped) return;
    const now = ctx.clock.now();
    try {
      releaseDueWaiting(ctx.db, now);
      for (const job of claimNextJobs(ctx.db, 'hash', HASH_CONCURRENCY - hashing, now)) run(job, 'hash');
      if (connection.canUpload()) {
        for (const job of claimNextJobs(ctx.db, 'upload', ctx.config.concurrency - uploading, now)) run(job, 'upload');
      }
      armTimer();
    } catch (error) {
      libraryTrouble(error);
    }
  };

  const scheduler: Scheduler = {
    wake() {
      if (wakePending || stopped) return;
      wakePending = true;
      setImmediate(tick);
    },
    abort(jobIds) {
      for (const id of jobIds) running.get(id)?.controller.abort();
    },
    activeCount: () => running.size,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const pending = [...running.values()];
      for (const r of pending) r.controller.abort();
      await Promise.allSettled(pending.map((r) => r.done));
    },
  };
  return scheduler;
}
