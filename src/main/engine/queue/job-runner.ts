/**
 * Putting one claimed job through its pipeline step: hashing (the outcome kept for the next turn's
 * transaction) or uploading (each request waits until the connection allows it). Whatever happens, the
 * job's view is announced and the queue woken once the step ended.
 */
import type { EngineContext } from '../context';
import type { JobRow } from '../library/jobs';
import { inspectJob, type HashOutcome } from '../pipeline/hash-step';
import { runUploadStep, type UploadStepOptions } from '../pipeline/upload-step';
import type { ConnectionMonitor } from './connection';
import type { RunningSteps, StepKind } from './running-steps';

export interface JobRunnerDeps {
  connection: ConnectionMonitor;
  uploadOptions: UploadStepOptions;
  steps: RunningSteps;
  /** Where hashed photos wait for the next turn. */
  hashed: HashOutcome[];
  /** A step failed: its outcome is recorded. */
  failed(job: JobRow, error: unknown): void;
  wake(): void;
}

export function createJobRunner(ctx: EngineContext, d: JobRunnerDeps): (job: JobRow, kind: StepKind) => void {
  /** true = a hashed photo, whose row is written (and announced) in the next turn. */
  const runStep = async (job: JobRow, kind: StepKind, signal: AbortSignal): Promise<boolean> => {
    if (kind === 'hash') {
      d.hashed.push(await inspectJob(ctx, job, signal));
      return true;
    }
    await runUploadStep(ctx, job, signal, { ...d.uploadOptions, beforeRequest: (s) => d.connection.whenCanUpload(s) });
    d.connection.markOnline();
    return false;
  };
  return (job, kind) => {
    let recordedLater = false;
    const body = async (signal: AbortSignal) => {
      try {
        recordedLater = await runStep(job, kind, signal);
      } catch (error) {
        d.failed(job, error);
      }
    };
    const finished = () => {
      ctx.inFlight.delete(job.id);
      if (!recordedLater) ctx.jobChanged(job.id);
      d.wake();
    };
    ctx.jobChanged(job.id);
    d.steps.start(job.id, kind, body, finished);
  };
}
