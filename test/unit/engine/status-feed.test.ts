import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../src/shared/api';
import { createStatusFeed } from '../../../src/main/engine/status/status-feed';

/** A status that takes `ms` to count, as a big library's does. */
function slowStatus(ms: number): () => EngineStatus {
  return () => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // counting the queue
    }
    return { paused: false } as unknown as EngineStatus;
  };
}

function feedWith(costMs: number) {
  const emitted: number[] = [];
  let next: (() => void) | null = null;
  const feed = createStatusFeed({
    status: slowStatus(costMs),
    emit: (_event: EngineEvent) => {
      emitted.push(performance.now());
      next?.();
    },
    listened: () => true,
  });
  const emittedOnce = () => new Promise<void>((resolve) => (next = resolve));
  return { feed, emitted, emittedOnce };
}

describe('status feed', () => {
  it('a cheap status still comes at once (250 ms; under a second on a busy machine)', async () => {
    const { feed, emittedOnce } = feedWith(0);
    const first = emittedOnce();
    const asked = performance.now();
    feed.changed();
    await first;
    expect(performance.now() - asked).toBeLessThan(1000);
    feed.close();
  });

  it('a status that takes 40 ms to count (a big library) comes at most every 800 ms, so counting stays a twentieth of the time', async () => {
    const { feed, emitted, emittedOnce } = feedWith(40);
    let wait = emittedOnce();
    feed.changed();
    await wait;
    wait = emittedOnce();
    feed.changed();
    await wait;
    expect(emitted[1] - emitted[0]).toBeGreaterThanOrEqual(750);
    feed.close();
  });

  it('after close a change counts nothing (the engine stopped and its library is shut)', () => {
    let counted = 0;
    const feed = createStatusFeed({
      status: () => ((counted += 1), { paused: false } as unknown as EngineStatus),
      emit: () => undefined,
      listened: () => true,
    });
    vi.useFakeTimers();
    try {
      feed.changed();
      vi.runAllTimers();
      expect(counted).toBe(1); // open: the change is counted
      feed.close();
      feed.changed();
      vi.runAllTimers();
      expect(counted).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
