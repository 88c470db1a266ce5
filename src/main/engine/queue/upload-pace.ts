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
  /** Called when the limit grows, so the scheduler claims the new slots at once rather than at its next turn. */
  onRaise(listener: () => void): void;
}

/**
 * Unpinned, the line is learnt from 6 at once in windows of 0.5 s: runs of a few seconds are common
 * (a card of 20 photos on home fibre is ~5 s), and a ramp from 3 in 1 s windows was still climbing when
 * they ended (bench `link`, home fibre, 17 × 3 MB: 78 % link use, 3–12 at once). 6 is no burden
 * on a slow line: the uploads share it, and the controller comes down if throughput falls. Under a
 * bandwidth limit it starts at the configured number (3).
 */
export const ADAPTIVE_START = 6;
const ADAPTIVE_WINDOW_MS = 500;

export function createUploadPace(config: EngineConfig, o: ConcurrencyOptions & { now?: () => number } = {}): UploadPace {
  const adaptive = !config.concurrencyPinned;
  const now = o.now ?? Date.now;
  const controller: ConcurrencyController = createConcurrencyController({
    // Under a bandwidth limit the limit sets the pace: no head start.
    initial: config.concurrencyPinned || rateAt(config.bwlimit, now()) !== null ? config.concurrency : Math.max(config.concurrency, ADAPTIVE_START),
    windowMs: ADAPTIVE_WINDOW_MS,
    ceiling: () => rateAt(config.bwlimit, now()), // read live: `pixdrop bwlimit` and timetables apply at once
    ...o,
  });
  const seen = new Map<number, number>();
  let raised: () => void = () => undefined;
  // Windows close on time, from progress too: a scheduler turn may not come for seconds while big files upload.
  // The number running changes in turns (claims, and the turn that follows every upload's end): the last one's holds.
  let running = 0;
  const tick = (at: number) => {
    const before = controller.limit();
    controller.tick(at, running);
    if (controller.limit() > before && !config.concurrencyPinned) raised();
  };
  return {
    adaptive,
    // Read each time: a setting changed while running (pinned) applies at once.
    limit: () => (config.concurrencyPinned ? config.concurrency : controller.limit()),
    progress(jobId, bytes, now) {
      const delta = bytes - (seen.get(jobId) ?? 0);
      seen.set(jobId, bytes);
      if (delta > 0) controller.sent(delta, now);
      tick(now);
    },
    ended(jobId, error, now) {
      seen.delete(jobId);
      if (!(error instanceof AppError)) return;
      if (error.code === 'RATE_LIMITED') controller.congestion('rate-limited', now);
      else if (error.code === 'NETWORK' && (error.details as { stalled?: boolean } | undefined)?.stalled) controller.congestion('timeout', now);
    },
    turn(now, runningNow) {
      running = runningNow;
      tick(now);
    },
    onRaise(listener) {
      raised = listener;
    },
  };
}
