/** The status events: the status query counts the whole queue, so changes are coalesced to ≤ 4 per second. */
import type { EngineEvent, EngineStatus } from '../../../shared/api';

export interface StatusFeed {
  /** Something the status shows changed: one statusChanged within 250 ms, however many changes. */
  changed(): void;
  close(): void;
}

export function createStatusFeed(o: { status(): EngineStatus; emit(event: EngineEvent): void; listened(): boolean }): StatusFeed {
  let timer: NodeJS.Timeout | null = null;
  return {
    changed() {
      if (timer || !o.listened()) return;
      timer = setTimeout(() => {
        timer = null;
        o.emit({ type: 'statusChanged', status: o.status() });
      }, 250);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
