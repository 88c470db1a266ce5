/**
 * Batches and throttles engine events for one UI subscriber, so a scan of 50,000 files turns into
 * at most a few small messages per second instead of a flood.
 *
 * Invariants: at most one flush per `intervalMs` (250 ms → ≤ 4 per second); every job's latest
 * view is delivered (jobsChanged merged by job id, latest wins); only the latest status and watch
 * list are kept because each replaces the previous one whole; notices are kept in order; files found and
 * left out are merged by path (latest reason wins), in the order found.
 */
import type { EngineEvent, EngineStatus, IgnoredFile, JobView, WatchView } from '../../shared/api';

type NoticeEvent = Extract<EngineEvent, { type: 'notice' }>;

export interface BatchScheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: BatchScheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface EventBatcher {
  push(event: EngineEvent): void;
  /** Stops the batcher; events not yet flushed are dropped (the subscriber is gone). */
  close(): void;
}

export function createEventBatcher(flush: (events: EngineEvent[]) => void, o: { intervalMs?: number; scheduler?: BatchScheduler } = {}): EventBatcher {
  const intervalMs = o.intervalMs ?? 250;
  const scheduler = o.scheduler ?? realScheduler;
  let pending = createPending();
  let timer: unknown = null;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  const flushNow = () => {
    timer = null;
    if (closed || isEmpty(pending)) return;
    const events = drain(pending);
    pending = createPending();
    lastFlushAt = scheduler.now();
    flush(events);
  };

  return {
    push(event) {
      if (closed) return;
      merge(pending, event);
      if (timer !== null) return;
      // Even the first event waits for the next turn, so a burst leaves as one batch.
      const wait = Math.max(0, lastFlushAt + intervalMs - scheduler.now());
      timer = scheduler.setTimeout(flushNow, wait);
    },
    close() {
      closed = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      pending = createPending();
    },
  };
}

interface Pending {
  jobs: Map<number, JobView>;
  status: EngineStatus | null;
  watches: WatchView[] | null;
  albumsChanged: boolean;
  notices: NoticeEvent[];
  ignored: Map<string, IgnoredFile>;
}

function createPending(): Pending {
  return { jobs: new Map(), status: null, watches: null, albumsChanged: false, notices: [], ignored: new Map() };
}

function isEmpty(p: Pending): boolean {
  return p.jobs.size === 0 && !p.status && !p.watches && !p.albumsChanged && p.notices.length === 0 && p.ignored.size === 0;
}

function merge(p: Pending, event: EngineEvent): void {
  switch (event.type) {
    case 'jobsChanged':
      for (const job of event.jobs) p.jobs.set(job.id, job);
      return;
    case 'statusChanged':
      p.status = event.status;
      return;
    case 'watchesChanged':
      p.watches = event.watches;
      return;
    case 'albumsChanged':
      p.albumsChanged = true;
      return;
    case 'notice':
      p.notices.push(event);
      return;
    case 'filesIgnored':
      for (const file of event.files) {
        p.ignored.delete(file.path);
        p.ignored.set(file.path, file);
      }
      return;
    default:
      // Every event type is batched here: a new one that is not fails to compile.
      event satisfies never;
  }
}

/** Jobs first, then the status that summarises them, so a UI never shows a total ahead of its rows. */
function drain(p: Pending): EngineEvent[] {
  const events: EngineEvent[] = [];
  if (p.jobs.size > 0) events.push({ type: 'jobsChanged', jobs: [...p.jobs.values()] });
  if (p.status) events.push({ type: 'statusChanged', status: p.status });
  if (p.watches) events.push({ type: 'watchesChanged', watches: p.watches });
  if (p.albumsChanged) events.push({ type: 'albumsChanged' });
  if (p.ignored.size > 0) events.push({ type: 'filesIgnored', files: [...p.ignored.values()] });
  events.push(...p.notices);
  return events;
}
