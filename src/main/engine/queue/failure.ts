/**
 * What a failed attempt does to its job — a pure decision from the ErrorCode, so the
 * scheduler stays a loop and this stays testable.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import { backoffDelayMs } from './retry-policy';

export const MAX_ATTEMPTS = 10;
/** How soon a file that looked half-copied is looked at again. */
const STILL_WRITING_RECHECK_MS = 3_000;

export type FailureOutcome =
  /** Back to the queue untouched: the connection is the problem, not the file. */
  | { kind: 'requeue'; connection?: 'offline' | 'rate-limited' | 'auth'; retryAfterSeconds?: number }
  /** Try this job again later. */
  | { kind: 'wait'; nextAttemptAt: number }
  /** The file changed under us: hash it again, then upload what it is now. */
  | { kind: 'rehash' }
  | { kind: 'fail' };

const PERMANENT: ReadonlySet<ErrorCode> = new Set(['REJECTED', 'FILE_GONE', 'UNREADABLE', 'EMPTY_FILE', 'CORRUPT_FILE', 'NOT_A_PHOTO', 'CONFIG', 'INTERNAL']);

export function decideFailure(error: AppError, attempts: number, now: number, random: () => number = Math.random): FailureOutcome {
  switch (error.code) {
    case 'OFFLINE':
      return { kind: 'requeue', connection: 'offline' };
    case 'RATE_LIMITED':
      return { kind: 'requeue', connection: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds ?? backoffDelayMs(attempts, { random }) / 1000 };
    case 'AUTH':
      return { kind: 'requeue', connection: 'auth' };
    case 'ABORTED':
      // Stopped on purpose: no attempt lost, no backoff (a pause or cancel has already taken the job).
      return { kind: 'requeue' };
    case 'FILE_CHANGED':
      if (attempts >= MAX_ATTEMPTS) return { kind: 'fail' };
      // Still being copied: give the copy time (a rehash at once would only find it incomplete again).
      return error.details?.stillWriting ? { kind: 'wait', nextAttemptAt: now + STILL_WRITING_RECHECK_MS } : { kind: 'rehash' };
    case 'DISK_FULL':
      return { kind: 'wait', nextAttemptAt: now + 30_000 };
    default:
      if (PERMANENT.has(error.code) || attempts >= MAX_ATTEMPTS) return { kind: 'fail' };
      return { kind: 'wait', nextAttemptAt: now + backoffDelayMs(attempts, { random }) };
  }
}
