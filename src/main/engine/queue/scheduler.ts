/**
 * The queue loop: claims hashing work (local, always allowed) and upload work (only while the
 * connection allows it), runs each job's step under its own AbortController, and turns every
 * failure into one outcome (decideFailure). The pieces: wake-timer.ts (when a turn runs),
 * queue-turn.ts (one transaction that records and claims), running-steps.ts (what runs and stopping
 * it), job-runner.ts (a job through its pipeline step), settle.ts (a failure's outcome).
 */
import type { EngineContext } from '../context';
import type { ConnectionMonitor } from './connection';
import { nextWaitingAt, type JobRow } from '../library/jobs';
import type { HashOutcome } from '../pipeline/hash-step';
import type { UploadStepOptions } from '../pipeline/upload-step';
import { createJobRunner } from './job-runner';
import { classifyNodeError } from './retry-policy';
import { createSettle } from './settle';
import { takeTurn } from './queue-turn';
import { recordHashed } from './record-hashed';
import { createRunningSteps } from './running-steps';
import { createWakeTimer } from './wake-timer';

/**
 * Photos being hashed at once. They are read one after the other on the reading thread; with 8 queued
 * it always has the next file while this thread parses and records (4 left both threads idle ~30 % of
 * a 5,000-photo scan: 8.5-8.9 s vs 6.0-7.6 s with 8, alternated runs; 12 only added memory).
 */
const HASH_CONCURRENCY = 8;

/** After the library itself failed (a full disk), the next try. */
const LIBRARY_RETRY_MS = 5000;

export interface Scheduler {
  wake(): void;
  /** Abort the running steps of these jobs (pause, cancel); resolves once their transfers stopped. Their saved progress stays. */
  abort(jobIds: number[]): Promise<void>;
  activeCount(): number;
  stop(): Promise<void>;
}

/** The library itself failed (a full disk, say): say so once per attempt; `retry` tries again shortly. */
function libraryTrouble(ctx: EngineContext, error: unknown, retry: () => void): void {
  const appError = classifyNodeError(error, 'the library');
  ctx.logger.error(`queue: ${appError.message}`);
  ctx.emit({ type: 'notice', level: 'error', code: appError.code, message: appError.message });
  retry();
}

/** Recording a failure writes to the library too; if that fails, the job stays as it was. */
function settleReporting(ctx: EngineContext, settle: (job: JobRow, error: unknown) => void, retry: () => void) {
  return (job: JobRow, error: unknown) => {
    try {
      settle(job, error);
    } catch (trouble) {
      libraryTrouble(ctx, trouble, retry);
    }
  };
}

/** Photos hashed but not yet recorded are kept at stop; if even this fails they are hashed again at the next start. */
function keepHashedAtStop(ctx: EngineContext, hashed: HashOutcome[]): void {
  try {
    ctx.db.transaction(() => recordHashed(ctx, hashed.slice(), ctx.clock.now()))();
  } catch (error) {
    ctx.logger.warn(`queue: hashed photos not recorded at stop; they will be read again (${(error as Error).message})`);
  }
}

export function createScheduler(
  ctx: EngineContext,
  connection: ConnectionMonitor,
  uploadOptions: UploadStepOptions = {},
  /** The whole queue is paused: photos found meanwhile are still read, but none starts uploading. */
  o: { uploadsHeld?: () => boolean } = {},
): Scheduler {
  const steps = createRunningSteps();
  /** Hashed photos waiting for the next turn's transaction. */
  const hashed: HashOutcome[] = [];
  let stopped = false;
  const waker = createWakeTimer(() => tick());

  const settleOrReport = settleReporting(ctx, createSettle(ctx, connection), () => waker.retryIn(LIBRARY_RETRY_MS));
  const run = createJobRunner(ctx, {
    connection,
    uploadOptions,
    steps,
    hashed,
    failed: (job, error) => {
      if (!stopped) settleOrReport(job, error);
    },
    wake: () => waker.wake(),
  });

  const tick = () => {
    const now = ctx.clock.now();
    const batch = hashed.slice();
    const uploadSlots = () => (connection.canUpload() && !o.uploadsHeld?.() ? ctx.config.concurrency - steps.count('upload') : null);
    try {
      const turn = takeTurn(ctx, batch, now, { hashSlots: HASH_CONCURRENCY - steps.count('hash'), uploadSlots });
      hashed.splice(0, batch.length);
      turn.recorded.forEach((id) => ctx.jobChanged(id));
      for (const { job, error } of turn.refused) {
        settleOrReport(job, error);
        ctx.jobChanged(job.id);
      }
      turn.hashJobs.forEach((job) => run(job, 'hash'));
      turn.uploadJobs.forEach((job) => run(job, 'upload'));
      waker.wakeAt(nextWaitingAt(ctx.db), ctx.clock.now());
    } catch (error) {
      libraryTrouble(ctx, error, () => waker.retryIn(LIBRARY_RETRY_MS));
    }
  };

  return {
    wake: () => waker.wake(),
    abort: (jobIds) => steps.abort(jobIds),
    activeCount: () => steps.size(),
    async stop() {
      stopped = true;
      waker.stop();
      await steps.abortAll();
      keepHashedAtStop(ctx, hashed);
      hashed.length = 0;
    },
  };
}
