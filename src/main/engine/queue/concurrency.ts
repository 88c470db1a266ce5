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

interface Settings {
  min: number;
  max: number;
  windowMs: number;
  riseRatio: number;
  fallRatio: number;
  calmMs: number;
  probeAfter: number;
  ceilingShare: number;
  ceiling?: () => number | null;
}

interface State {
  limit: number;
  doubling: boolean;
  best: number;
  falling: number;
  windowStart: number | null;
  windowBytes: number;
  /** Fewer uploads than allowed ran at some point of this window: it measures the queue, not the line. */
  starved: boolean;
  calmUntil: number;
  flat: number;
  /** The limit the best window ran at, and whether the last change was a step up still to be judged. */
  bestLimit: number;
  stepped: boolean;
}

function settingsOf(o: ConcurrencyOptions): Settings {
  return {
    min: o.min ?? 1,
    max: o.max ?? 16,
    windowMs: o.windowMs ?? 1000,
    riseRatio: o.riseRatio ?? 1.08,
    fallRatio: o.fallRatio ?? 0.75,
    calmMs: o.calmMs ?? 10_000,
    probeAfter: o.probeAfterWindows ?? 5,
    ceilingShare: o.ceilingShare ?? 0.85,
    ceiling: o.ceiling,
  };
}

function restartWindow(st: State, now: number): void {
  st.windowStart = now;
  st.windowBytes = 0;
  st.starved = false;
}

/** At the bandwidth limit: hold (a step up just taken did not pay; the limit, not the line, is full). */
function atCeiling(st: State, c: Settings, rate: number): boolean {
  const cap = c.ceiling?.() ?? null;
  if (cap === null || rate < cap * c.ceilingShare) return false;
  if (st.stepped) st.limit = st.bestLimit;
  if (rate > st.best) st.best = rate;
  st.stepped = false;
  st.doubling = false;
  st.flat = 0;
  st.falling = 0;
  return true;
}

/** A window clearly faster than the best so far: remember it and grow (doubling, then +1). */
function rise(st: State, c: Settings, rate: number, now: number): void {
  st.best = rate;
  st.bestLimit = st.limit;
  st.falling = 0;
  st.flat = 0;
  st.stepped = false;
  if (now >= st.calmUntil && st.limit < c.max) {
    st.limit = Math.min(c.max, st.doubling ? st.limit * 2 : st.limit + 1);
    st.stepped = true;
  }
}

/** Two windows in a row well below the best: one upload fewer, and learn again from here. */
function fall(st: State, c: Settings, rate: number): void {
  if (rate >= st.best * c.fallRatio) {
    st.falling = 0;
    return;
  }
  st.falling += 1;
  if (st.falling < 2) return;
  st.limit = Math.max(c.min, st.limit - 1);
  st.best = rate; // re-learn from here: the line or the server changed
  st.bestLimit = st.limit;
  st.falling = 0;
}

function decide(st: State, c: Settings, rate: number, now: number): void {
  if (atCeiling(st, c, rate)) return;
  if (rate > st.best * c.riseRatio) return rise(st, c, rate, now);
  st.doubling = false; // the first window without a clear gain ends the fast growth
  if (st.stepped) {
    // More uploads did not help: the same throughput with fewer of them.
    st.stepped = false;
    st.limit = st.bestLimit;
    return;
  }
  if (rate >= st.best * c.fallRatio && (st.flat += 1) >= c.probeAfter && now >= st.calmUntil && st.limit < c.max) {
    st.flat = 0;
    st.stepped = true; // a probe: kept only if it helps
    st.limit += 1;
    return;
  }
  fall(st, c, rate);
}

function backOff(st: State, c: Settings, now: number): void {
  st.limit = Math.max(c.min, Math.floor(st.limit / 2));
  st.doubling = false;
  st.best = 0;
  st.falling = 0;
  st.flat = 0;
  st.stepped = false;
  st.bestLimit = st.limit;
  st.calmUntil = now + c.calmMs;
  if (st.windowStart !== null) restartWindow(st, now);
}

export function createConcurrencyController(o: ConcurrencyOptions = {}): ConcurrencyController {
  const c = settingsOf(o);
  const limit = Math.min(c.max, Math.max(c.min, o.initial ?? 3));
  const st: State = {
    limit,
    doubling: true,
    best: 0,
    falling: 0,
    windowStart: null,
    windowBytes: 0,
    starved: false,
    calmUntil: 0,
    flat: 0,
    bestLimit: limit,
    stepped: false,
  };
  return {
    limit: () => st.limit,
    sent(bytes, now) {
      if (st.windowStart === null) restartWindow(st, now);
      st.windowBytes += bytes;
    },
    tick(now, running) {
      if (st.windowStart === null) return;
      if (running < st.limit) st.starved = true;
      const elapsed = now - st.windowStart;
      if (elapsed < c.windowMs) return;
      const before = st.limit;
      if (!st.starved) decide(st, c, (st.windowBytes * 1000) / elapsed, now);
      restartWindow(st, now);
      if (st.limit !== before) st.starved = false;
    },
    congestion: (_kind, now) => backOff(st, c, now),
  };
}
