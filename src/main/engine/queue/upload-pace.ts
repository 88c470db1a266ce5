/**
 * The upload slot limit the scheduler reads: the configured number when it was pinned
 * (--concurrency, PIXDROP_CONCURRENCY, a saved setting), else the adaptive controller fed with
 * the bytes uploads send and the congestion they meet (concurrency.ts).
 */
import { rateAt } from '../../../shared/bandwidth';
import { AppError } from '../../../shared/errors';
import type { EngineConfig } from '../types';
import { createConcurrencyController, type ConcurrencyController, type ConcurrencyOptions } from './concurrency';

export interface UploadPace {
  /** Uploads allowed at once now. */
  limit(): number;
  adaptive: boolean;
  /** A job's bytes sent so far (cumulative, as its progress reports them). */
  progress(jobId: number, bytes: number, now: number): void;
  /** The job's upload ended (done or failed); a failure may say the line is congested. */
  ended(jobId: number, error: unknown, now: number): void;
  /** Once per scheduler turn, after claiming: how many uploads run. */
  turn(now: number, running: number): void;
}

export function createUploadPace(config: EngineConfig, o: ConcurrencyOptions & { now?: () => number } = {}): UploadPace {
  const adaptive = !config.concurrencyPinned;
  const now = o.now ?? Date.now;
  const controller: ConcurrencyController = createConcurrencyController({
    initial: config.concurrency,
    ceiling: () => rateAt(config.bwlimit, now()), // read live: `pixdrop bwlimit` and timetables apply at once
    ...o,
  });
  const seen = new Map<number, number>();
  return {
    adaptive,
    // Read each time: a setting changed while running (pinned) applies at once.
    limit: () => (config.concurrencyPinned ? config.concurrency : controller.limit()),
    progress(jobId, bytes, now) {
      const delta = bytes - (seen.get(jobId) ?? 0);
      seen.set(jobId, bytes);
      if (delta > 0) controller.sent(delta, now);
    },
    ended(jobId, error, now) {
      seen.delete(jobId);
      if (!(error instanceof AppError)) return;
      if (error.code === 'RATE_LIMITED') controller.congestion('rate-limited', now);
      else if (error.code === 'NETWORK' && (error.details as { stalled?: boolean } | undefined)?.stalled) controller.congestion('timeout', now);
    },
    turn: (now, running) => controller.tick(now, running),
  };
}
