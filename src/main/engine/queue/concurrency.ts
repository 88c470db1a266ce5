/**
 * How many uploads run at once, adapted to the line (pure; the clock is passed in). No single
 * number is right: on a fast line with slow server answers (Cloudinary analyses each photo for
 * hundreds of ms), 3 at once leave the line idle a third of the time; on a slow line more
 * uploads only share the same bandwidth. So: measure the bytes sent per window while every slot
 * is busy, double the limit while that rises clearly (then +1 steps), hold on a plateau, step
 * down when throughput falls, and halve on a rate limit or a timeout. Bounded (1–16 by default).
 * Windows in which fewer uploads ran than allowed (the queue ran short) say nothing and are
 * skipped. Under a bandwidth limit (--bwlimit) a window near the limit holds the number: the limit
 * sets the pace there, and more uploads would only split it (and leave more half-sent chunks to
 * send again after a crash).
 */
export interface ConcurrencyOptions {
  min?: number;
  max?: number;
  initial?: number;
  /** Length of one throughput measurement. */
  windowMs?: number;
  /** A window this much faster than the best so far counts as "still rising". */
  riseRatio?: number;
  /** A window below this share of the best counts as "falling". */
  fallRatio?: number;
  /** No increase for this long after a rate limit or timeout. */
  calmMs?: number;
  /** After this many windows on a plateau, try one more upload (kept only if it helps). */
  probeAfterWindows?: number;
  /** The upload bandwidth limit in force, bytes/s, or null for none. */
  ceiling?: () => number | null;
  /** A window at this share of the ceiling is at the limit. */
  ceilingShare?: number;
}

export type Congestion = 'rate-limited' | 'timeout';

export interface ConcurrencyController {
  /** The number of uploads allowed now. */
  limit(): number;
  /** Bytes sent by uploads since the last call (any upload), at `now`. */
  sent(bytes: number, now: number): void;
  /** Call at least once per window (e.g. on each scheduler turn): closes windows, decides. */
  tick(now: number, running: number): void;
  /** A 420/429 or a stalled transfer: back off at once. */
  congestion(kind: Congestion, now: number): void;
}

export function createConcurrencyController(o: ConcurrencyOptions = {}): ConcurrencyController {
  const min = o.min ?? 1;
  const max = o.max ?? 16;
  const windowMs = o.windowMs ?? 1000;
  const riseRatio = o.riseRatio ?? 1.08;
  const fallRatio = o.fallRatio ?? 0.75;
  const calmMs = o.calmMs ?? 10_000;
  const probeAfter = o.probeAfterWindows ?? 5;
  const ceilingShare = o.ceilingShare ?? 0.85;
  let limit = Math.min(max, Math.max(min, o.initial ?? 3));
  let doubling = true;
  let best = 0;
  let falling = 0;
  let windowStart: number | null = null;
  let windowBytes = 0;
  /** Fewer uploads than allowed ran at some point of this window: it measures the queue, not the line. */
  let starved = false;
  let calmUntil = 0;
  let flat = 0;

  const restartWindow = (now: number) => {
    windowStart = now;
    windowBytes = 0;
    starved = false;
  };

  /** The limit the best window ran at, and whether the last change was a step up still to be judged. */
  let bestLimit = limit;
  let stepped = false;

  /** At the bandwidth limit: hold (a step up just taken did not pay; the limit, not the line, is full). */
  const atCeiling = (rate: number): boolean => {
    const cap = o.ceiling?.() ?? null;
    if (cap === null || rate < cap * ceilingShare) return false;
    if (stepped) limit = bestLimit;
    if (rate > best) best = rate;
    stepped = false;
    doubling = false;
    flat = 0;
    falling = 0;
    return true;
  };

  const decide = (rate: number, now: number) => {
    if (atCeiling(rate)) return;
    if (rate > best * riseRatio) {
      best = rate;
      bestLimit = limit;
      falling = 0;
      flat = 0;
      stepped = false;
      if (now >= calmUntil && limit < max) {
        limit = Math.min(max, doubling ? limit * 2 : limit + 1);
        stepped = true;
      }
      return;
    }
    doubling = false; // the first window without a clear gain ends the fast growth
    if (stepped) {
      // More uploads did not help: the same throughput with fewer of them.
      stepped = false;
      limit = bestLimit;
      return;
    }
    if (rate >= best * fallRatio && (flat += 1) >= probeAfter && now >= calmUntil && limit < max) {
      flat = 0;
      stepped = true; // a probe: kept only if it helps
      limit += 1;
      return;
    }
    if (rate < best * fallRatio) {
      falling += 1;
      if (falling >= 2) {
        limit = Math.max(min, limit - 1);
        best = rate; // re-learn from here: the line or the server changed
        bestLimit = limit;
        falling = 0;
      }
    } else falling = 0;
  };

  return {
    limit: () => limit,
    sent(bytes, now) {
      if (windowStart === null) restartWindow(now);
      windowBytes += bytes;
    },
    tick(now, running) {
      if (windowStart === null) return;
      if (running < limit) starved = true;
      const elapsed = now - windowStart;
      if (elapsed < windowMs) return;
      const before = limit;
      if (!starved) decide((windowBytes * 1000) / elapsed, now);
      restartWindow(now);
      if (limit !== before) starved = false;
    },
    congestion(_kind, now) {
      limit = Math.max(min, Math.floor(limit / 2));
      doubling = false;
      best = 0;
      falling = 0;
      flat = 0;
      stepped = false;
      bestLimit = limit;
      calmUntil = now + calmMs;
      if (windowStart !== null) restartWindow(now);
    },
  };
}
