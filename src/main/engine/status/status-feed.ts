/**
 * The status events: the status query counts the whole queue, so changes are coalesced to ≤ 4 per
 * second, and fewer in a big library: the next one waits at least COST_FACTOR times as long as the
 * last count took (20 ms at 100,000 jobs, 230 ms at 1,000,000), so counting never takes more than
 * about a twentieth of the engine's time, however big the library grows.
 */
import type { EngineEvent, EngineStatus } from '../../../shared/api';

export interface StatusFeed {
  /** Something the status shows changed: one statusChanged within 250 ms (longer in a big library), however many changes. */
  changed(): void;
  close(): void;
}

const INTERVAL_MS = 250;
const COST_FACTOR = 20;

export function createStatusFeed(o: { status(): EngineStatus; emit(event: EngineEvent): void; listened(): boolean }): StatusFeed {
  let timer: NodeJS.Timeout | null = null;
  let delayMs = INTERVAL_MS;
  let closed = false;
  return {
    changed() {
      // Jobs aborted as the engine stops still say they changed: after close the library is shut, nothing to count.
      if (closed || timer || !o.listened()) return;
      timer = setTimeout(() => {
        timer = null;
        const started = performance.now();
        const status = o.status();
        delayMs = Math.max(INTERVAL_MS, COST_FACTOR * (performance.now() - started));
        o.emit({ type: 'statusChanged', status });
      }, delayMs);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
