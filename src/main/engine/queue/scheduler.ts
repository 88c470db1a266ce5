/**
 * The queue loop: claims hashing work (local, always allowed) and upload work (only while the
 * connection allows it), runs each job's step under its own AbortController, and turns every
 * failure into one outcome (decideFailure). Wake-ups are coalesced; timers cover waiting jobs.
 * Each turn of the loop is one library transaction: the photos hashed since the last turn are
 * recorded and the next jobs claimed together. A commit per photo and another per claim were
 * most of a scan's library time (dozens of page writes per photo).
 */
import type { EngineContext } from '../context';
import type { ConnectionMonitor } from './connection';
import { claimNextJobs, nextWaitingAt, releaseDueWaiting, type JobRow } from '../library/jobs';
import { inspectJob, recordInspection, type HashOutcome } from '../pipeline/hash-step';
import { runUploadStep, type UploadStepOptions } from '../pipeline/upload-step';
import { classifyNodeError } from './retry-policy';
import { createSettle } from './settle';

/**
 * Photos being hashed at once. They are read one after the other on the reading thread; with 8 queued
 * it always has the next file while this thread parses and records (4 left both threads idle ~30 % of
 * a 5,000-photo scan: 8.5-8.9 s vs 6.0-7.6 s with 8, alternated runs; 12 only added memory).
 */
const HASH_CONCURRENCY = 8;

/** A write refused because of this one row (its data), not because the library cannot write at all. */
function rowFault(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || !code.startsWith('SQLITE_') || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

export interface Scheduler {
  wake(): void;
  /** Abort the running steps of these jobs (pause, cancel); resolves once their transfers stopped. Their saved progress stays. */
  abort(jobIds: number[]): Promise<void>;
  activeCount(): number;
  stop(): Promise<void>;
}

export function createScheduler(
  ctx: EngineContext,
  connection: ConnectionMonitor,
  uploadOptions: UploadStepOptions = {},
  /** The whole queue is paused: photos found meanwhile are still read, but none starts uploading. */
  o: { uploadsHeld?: () => boolean } = {},
): Scheduler {
  const running = new Map<number, { controller: AbortController; done: Promise<void>; kind: 'hash' | 'upload' }>();
  /** Hashed photos waiting for the next turn's transaction. */
  const hashed: HashOutcome[] = [];
  let hashing = 0;
  let uploading = 0;
  let stopped = false;
  let wakePending = false;
  let timer: NodeJS.Timeout | null = null;

  const settle = createSettle(ctx, connection);

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
      // A hashed photo's row changes when its outcome is recorded, in the next turn; it is announced then.
      let recordedLater = false;
      try {
        if (kind === 'hash') {
          hashed.push(await inspectJob(ctx, job, controller.signal));
          recordedLater = true;
        } else {
          await runUploadStep(ctx, job, controller.signal, { ...uploadOptions, beforeRequest: (signal) => connection.whenCanUpload(signal) });
          connection.markOnline();
        }
      } catch (error) {
        if (!stopped) settleOrReport(job, error);
      } finally {
        if (kind === 'hash') hashing -= 1;
        else uploading -= 1;
        running.delete(job.id);
        ctx.inFlight.delete(job.id);
        if (!recordedLater) ctx.jobChanged(job.id);
        scheduler.wake();
      }
    })();
    running.set(job.id, { controller, done, kind });
  };

  const armTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = nextWaitingAt(ctx.db);
    if (at === null || stopped) return;
    timer = setTimeout(() => scheduler.wake(), Math.max(50, at - ctx.clock.now()));
    timer.unref?.();
  };

  /**
   * Records the hashed photos, each in its own savepoint: one whose row is refused is settled as that
   * job's failure, while a library that cannot write at all (a full disk) throws and keeps them all.
   */
  const recordHashed = (batch: HashOutcome[], now: number) => {
    const recorded: number[] = [];
    const refused: Array<{ job: JobRow; error: unknown }> = [];
    for (const outcome of batch) {
      try {
        if (ctx.db.transaction(() => recordInspection(ctx, outcome, now))()) recorded.push(outcome.job.id);
      } catch (error) {
        if (!rowFault(error)) throw error;
        refused.push({ job: outcome.job, error });
      }
    }
    return { recorded, refused };
  };

  const tick = () => {
    wakePending = false;
    if (stopped) return;
    const now = ctx.clock.now();
    const batch = hashed.slice();
    try {
      const turn = ctx.db.transaction(() => {
        const results = recordHashed(batch, now);
        releaseDueWaiting(ctx.db, now);
        const hashJobs = claimNextJobs(ctx.db, 'hash', HASH_CONCURRENCY - hashing, now);
        const uploadJobs = connection.canUpload() && !o.uploadsHeld?.() ? claimNextJobs(ctx.db, 'upload', ctx.config.concurrency - uploading, now) : [];
        return { ...results, hashJobs, uploadJobs };
      })();
      hashed.splice(0, batch.length);
      turn.recorded.forEach((id) => ctx.jobChanged(id));
      for (const { job, error } of turn.refused) {
        settleOrReport(job, error);
        ctx.jobChanged(job.id);
      }
      turn.hashJobs.forEach((job) => run(job, 'hash'));
      turn.uploadJobs.forEach((job) => run(job, 'upload'));
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
    async abort(jobIds) {
      const steps = jobIds.flatMap((id) => running.get(id) ?? []);
      steps.forEach((step) => step.controller.abort());
      // Transfers stop at once; a read on a drive that stopped answering may not (see reader-thread.ts): not waited for.
      await Promise.allSettled(steps.filter((step) => step.kind === 'upload').map((step) => step.done));
    },
    activeCount: () => running.size,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const pending = [...running.values()];
      for (const r of pending) r.controller.abort();
      await Promise.allSettled(pending.map((r) => r.done));
      // Photos hashed but not yet recorded are kept; if even this fails they are hashed again at the next start.
      try {
        ctx.db.transaction(() => recordHashed(hashed.slice(), ctx.clock.now()))();
      } catch (error) {
        ctx.logger.warn(`queue: hashed photos not recorded at stop; they will be read again (${(error as Error).message})`);
      }
      hashed.length = 0;
    },
  };
  return scheduler;
}
