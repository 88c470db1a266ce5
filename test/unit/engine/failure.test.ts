/** decideFailure: what one failed attempt does to its job, from the ErrorCode alone. */
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../src/shared/errors';
import { decideFailure, MAX_ATTEMPTS } from '../../../src/main/engine/queue/failure';

const NOW = 1_700_000_000_000;
const fixed = () => 0.5;
const err = (code: ErrorCode, retryAfterSeconds?: number) => new AppError(code, `${code} happened`, { retryAfterSeconds });

describe('decideFailure', () => {
  it('never blames the file for an outage: offline goes back to the queue and marks the connection', () => {
    expect(decideFailure(err('OFFLINE'), MAX_ATTEMPTS + 5, NOW, fixed)).toEqual({ kind: 'requeue', connection: 'offline' });
  });

  it('pauses the whole queue on a rate limit, honouring Retry-After', () => {
    expect(decideFailure(err('RATE_LIMITED', 42), 1, NOW, fixed)).toEqual({ kind: 'requeue', connection: 'rate-limited', retryAfterSeconds: 42 });
  });

  it('falls back to the backoff when the rate limit says nothing', () => {
    const outcome = decideFailure(err('RATE_LIMITED'), 3, NOW, fixed);
    expect(outcome).toMatchObject({ kind: 'requeue', connection: 'rate-limited' });
    expect((outcome as { retryAfterSeconds: number }).retryAfterSeconds).toBe(3); // ceiling 4 s, half fixed + half of 0.5
  });

  it('waits for credentials on 401/403, however many attempts were made', () => {
    expect(decideFailure(err('AUTH'), 99, NOW, fixed)).toEqual({ kind: 'requeue', connection: 'auth' });
  });

  it('re-reads a changed file, and gives up after the attempt limit', () => {
    expect(decideFailure(err('FILE_CHANGED'), 1, NOW, fixed)).toEqual({ kind: 'rehash' });
    expect(decideFailure(err('FILE_CHANGED'), MAX_ATTEMPTS, NOW, fixed)).toEqual({ kind: 'fail' });
    // Half-copied (still being written): looked at again after a pause, not re-read at once.
    const copying = new AppError('FILE_CHANGED', 'still being copied', { details: { stillWriting: true } });
    expect(decideFailure(copying, 1, NOW, fixed)).toEqual({ kind: 'wait', nextAttemptAt: NOW + 3_000 });
    expect(decideFailure(copying, MAX_ATTEMPTS, NOW, fixed)).toEqual({ kind: 'fail' });
  });

  it('retries a full disk later without counting it against the file', () => {
    expect(decideFailure(err('DISK_FULL'), MAX_ATTEMPTS + 1, NOW, fixed)).toEqual({ kind: 'wait', nextAttemptAt: NOW + 30_000 });
  });

  it.each(['REJECTED', 'FILE_GONE', 'UNREADABLE', 'EMPTY_FILE', 'CORRUPT_FILE', 'NOT_A_PHOTO', 'CONFIG', 'INTERNAL'] as ErrorCode[])(
    'fails %s at once: retrying would not help',
    (code) => {
      expect(decideFailure(err(code), 1, NOW, fixed)).toEqual({ kind: 'fail' });
    },
  );

  it.each(['NETWORK', 'BAD_RESPONSE'] as ErrorCode[])('retries %s later with growing delays, then fails at the limit', (code) => {
    const first = decideFailure(err(code), 1, NOW, fixed);
    const fifth = decideFailure(err(code), 5, NOW, fixed);
    expect(first.kind).toBe('wait');
    expect(fifth.kind).toBe('wait');
    const delay = (o: typeof first) => (o as { nextAttemptAt: number }).nextAttemptAt - NOW;
    expect(delay(first)).toBeGreaterThan(0);
    expect(delay(fifth)).toBeGreaterThan(delay(first));
    expect(decideFailure(err(code), MAX_ATTEMPTS, NOW, fixed)).toEqual({ kind: 'fail' });
  });
});
