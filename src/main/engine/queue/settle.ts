/**
 * A failed step's outcome, recorded: the pure decideFailure picks what happens, failureMove names the
 * event, and the job hears it through the one status writer. Connection problems (offline, rate limit,
 * refused token) go to the connection monitor; the job itself waits untouched.
 */
import { AppError } from '../../../shared/errors';
import type { JobEvent } from '../../../shared/job';
import type { ConnectionMonitor } from './connection';
import type { EngineContext } from '../context';
import { applyJobEvent, getJob, type JobPatch, type JobRow } from '../library/jobs';
import { decideFailure, type FailureOutcome } from './failure';
import { classifyNodeError } from './retry-policy';

/** The event (and the fields it writes) that records a failure's outcome on its job. */
export function failureMove(outcome: FailureOutcome, attempts: number): { event: JobEvent; patch: JobPatch } {
  switch (outcome.kind) {
    case 'requeue':
      return { event: { type: 'heldBack' }, patch: {} };
    case 'wait':
      return { event: { type: 'transientError' }, patch: { attempts, nextAttemptAt: outcome.nextAttemptAt } };
    case 'rehash':
      return { event: { type: 'readAgain' }, patch: { attempts, sha1: null, uploadId: null, bytesConfirmed: 0, cloudinaryResponse: null } };
    case 'fail':
      return { event: { type: 'permanentError' }, patch: { attempts, nextAttemptAt: null } };
    default: {
      const unknown: never = outcome;
      throw new Error(`unhandled failure outcome ${JSON.stringify(unknown)}`);
    }
  }
}

export function createSettle(ctx: EngineContext, connection: ConnectionMonitor): (job: JobRow, error: unknown) => void {
  /**
   * A failed step's job hears its outcome as an event. A job paused or cancelled meanwhile is no
   * longer working, so the event does not apply and the command's status stays.
   */
  return (job: JobRow, error: unknown) => {
    const appError = error instanceof AppError ? error : classifyNodeError(error, job.id ? `job ${job.id}` : 'a file');
    const current = getJob(ctx.db, job.id);
    if (!current) return;
    const attempts = current.attempts + 1;
    const now = ctx.clock.now();
    const outcome = decideFailure(appError, attempts, now);
    const { event, patch } = failureMove(outcome, attempts);
    const moved = applyJobEvent(ctx.db, job.id, event, {
      now,
      from: current.status,
      patch: { ...patch, errorCode: appError.code, errorMessage: appError.message },
    });
    if (moved === null) return;
    if (outcome.kind === 'requeue') {
      if (outcome.connection === 'offline') connection.markOffline();
      if (outcome.connection === 'rate-limited') connection.rateLimited(outcome.retryAfterSeconds ?? 5);
      if (outcome.connection === 'auth') connection.authRequired(appError.message);
    }
    ctx.logger.info(`job ${job.id}: ${outcome.kind} after ${appError.code}`, { message: appError.message });
  };
}
