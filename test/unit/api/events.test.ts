import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineStatus, JobView } from '../../../src/shared/api';
import { JOB_STATUSES } from '../../../src/shared/job';
import { createEventBatcher, type BatchScheduler } from '../../../src/main/api/events';
import { jobView } from '../../helpers/views';

/** A manual clock: timers run only when the test advances time. */
function manualScheduler() {
  let now = 1_000_000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const scheduler: BatchScheduler = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { scheduler, advance, now: () => now, pendingTimers: () => timers.length };
}

function job(id: number, bytesDone: number): JobView {
  return jobView(id, { albumId: '1', status: bytesDone >= 100 ? 'done' : 'uploading', bytesTotal: 100, bytesDone, attempts: 1 });
}

function status(bytesDone: number): EngineStatus {
  const byStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as EngineStatus['queue']['byStatus'];
  return {
    demoMode: true,
    paused: false,
    connection: { state: 'online' },
    queue: { total: 1, byStatus, bytesTotal: 100, bytesDone, scanning: false, bytesPerSecond: 0, etaSeconds: null },
  };
}

describe('createEventBatcher', () => {
  it('flushes at most 4 times per second under 10,000 pushes and keeps every job’s latest state', () => {
    const clock = manualScheduler();
    const flushes: { at: number; events: EngineEvent[] }[] = [];
    const batcher = createEventBatcher((events) => flushes.push({ at: clock.now(), events }), { scheduler: clock.scheduler });
    const latest = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const id = (i % 500) + 1;
      const bytesDone = Math.floor(i / 500) * 5;
      latest.set(id, bytesDone);
      batcher.push({ type: 'jobsChanged', jobs: [job(id, bytesDone)] });
      batcher.push({ type: 'statusChanged', status: status(i) });
      if (i % 10 === 0) clock.advance(1); // 10,000 pushes spread over ~1 s
    }
    clock.advance(1_000);

    const seconds = (flushes.at(-1)!.at - flushes[0].at) / 1000;
    expect(flushes.length).toBeLessThanOrEqual(4 * Math.ceil(seconds) + 1);
    for (let k = 1; k < flushes.length; k++) expect(flushes[k].at - flushes[k - 1].at).toBeGreaterThanOrEqual(250);

    const delivered = new Map<number, number>();
    let lastStatus: EngineStatus | null = null;
    for (const { events } of flushes) {
      for (const e of events) {
        if (e.type === 'jobsChanged') for (const j of e.jobs) delivered.set(j.id, j.bytesDone);
        if (e.type === 'statusChanged') lastStatus = e.status;
      }
    }
    expect(delivered).toEqual(latest);
    expect(lastStatus?.queue.bytesDone).toBe(9_999);
  });

  it('sends one coalesced batch per interval: jobs merged by id, latest status and watches, every notice in order', () => {
    const clock = manualScheduler();
    const flushed: EngineEvent[][] = [];
    const batcher = createEventBatcher((events) => flushed.push(events), { scheduler: clock.scheduler });
    batcher.push({ type: 'notice', level: 'info', message: 'first' });
    batcher.push({ type: 'jobsChanged', jobs: [job(1, 10), job(2, 10)] });
    batcher.push({ type: 'watchesChanged', watches: [] });
    batcher.push({ type: 'jobsChanged', jobs: [job(1, 60)] });
    batcher.push({ type: 'statusChanged', status: status(10) });
    batcher.push({ type: 'albumsChanged' });
    batcher.push({ type: 'albumsChanged' });
    batcher.push({ type: 'statusChanged', status: status(70) });
    batcher.push({ type: 'notice', level: 'error', code: 'AUTH', message: 'second' });
    expect(flushed).toEqual([]);
    clock.advance(0);
    expect(flushed).toEqual([
      [
        { type: 'jobsChanged', jobs: [job(1, 60), job(2, 10)] },
        { type: 'statusChanged', status: status(70) },
        { type: 'watchesChanged', watches: [] },
        { type: 'albumsChanged' },
        { type: 'notice', level: 'info', message: 'first' },
        { type: 'notice', level: 'error', code: 'AUTH', message: 'second' },
      ],
    ]);
  });

  it('passes files left out on to the page, merged by path with the latest reason, in the order found', () => {
    const clock = manualScheduler();
    const flushed: EngineEvent[][] = [];
    const batcher = createEventBatcher((events) => flushed.push(events), { scheduler: clock.scheduler });
    batcher.push({ type: 'filesIgnored', files: [{ path: '/card/a.txt', reason: 'unsupported', at: 1 }] });
    batcher.push({ type: 'filesIgnored', files: [{ path: '/card/b.NEF', reason: 'paired', at: 2 }] });
    batcher.push({ type: 'filesIgnored', files: [{ path: '/card/a.txt', reason: 'filtered', at: 3 }] });
    clock.advance(0);
    expect(flushed).toEqual([
      [
        {
          type: 'filesIgnored',
          files: [
            { path: '/card/b.NEF', reason: 'paired', at: 2 },
            { path: '/card/a.txt', reason: 'filtered', at: 3 },
          ],
        },
      ],
    ]);
  });

  it('delivers a lone event promptly once the interval since the last flush has passed', () => {
    const clock = manualScheduler();
    const flushed: number[] = [];
    const batcher = createEventBatcher(() => flushed.push(clock.now()), { scheduler: clock.scheduler });
    batcher.push({ type: 'albumsChanged' });
    clock.advance(0);
    batcher.push({ type: 'albumsChanged' });
    clock.advance(100);
    expect(flushed).toHaveLength(1);
    clock.advance(150);
    expect(flushed).toHaveLength(2);
    clock.advance(5_000);
    batcher.push({ type: 'albumsChanged' });
    clock.advance(0);
    expect(flushed).toHaveLength(3);
  });

  it('stops after close: nothing pending is flushed and later pushes are ignored', () => {
    const clock = manualScheduler();
    const flushed: EngineEvent[][] = [];
    const batcher = createEventBatcher((events) => flushed.push(events), { scheduler: clock.scheduler });
    batcher.push({ type: 'albumsChanged' });
    batcher.close();
    batcher.push({ type: 'albumsChanged' });
    clock.advance(1_000);
    expect(flushed).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('works on real timers too', async () => {
    const flushed: EngineEvent[][] = [];
    const batcher = createEventBatcher((events) => flushed.push(events), { intervalMs: 20 });
    for (let i = 0; i < 100; i++) batcher.push({ type: 'jobsChanged', jobs: [job(1, i)] });
    await new Promise((r) => setTimeout(r, 50));
    batcher.close();
    expect(flushed).toEqual([[{ type: 'jobsChanged', jobs: [job(1, 99)] }]]);
  });
});
