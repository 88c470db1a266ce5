/**
 * When the queue loop runs: wake-ups coalesced into one turn per event-loop pass, and one timer for what
 * waits (the next waiting job's time, or a retry shortly after the library itself failed).
 */
export interface WakeTimer {
  wake(): void;
  /** The next turn at `at` (a waiting job's time), at least 50 ms from now; null = nothing waits. Does not keep the process alive. */
  wakeAt(at: number | null, now: number): void;
  /** The next turn in `ms`, whatever was armed before (after library trouble). */
  retryIn(ms: number): void;
  stop(): void;
}

export function createWakeTimer(turn: () => void): WakeTimer {
  let pending = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const waker: WakeTimer = {
    wake() {
      if (pending || stopped) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        if (!stopped) turn();
      });
    },
    wakeAt(at, now) {
      clear();
      if (at === null || stopped) return;
      timer = setTimeout(() => waker.wake(), Math.max(50, at - now));
      timer.unref?.();
    },
    retryIn(ms) {
      clear();
      timer = setTimeout(() => waker.wake(), ms);
    },
    stop() {
      stopped = true;
      clear();
    },
  };
  return waker;
}
