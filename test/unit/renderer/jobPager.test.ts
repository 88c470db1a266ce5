/**
 * The queue list's paged window: which pages it asks for, how live job updates reach the rows on
 * screen, and how rows that leave or join the tab are handled. The API is an in-memory list of
 * jobs answering listJobs the way the engine does (filter, album, offset/limit, total).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobPage, JobQuery, JobView, PixdropApi, Result } from '../../../src/shared/api';
import type { JobStatus } from '../../../src/shared/job';
import { JobPager } from '../../../src/renderer/state/jobPager';
import { jobView } from '../../helpers/views';

const TAB: Record<NonNullable<JobQuery['filter']>, JobStatus[] | null> = {
  all: null,
  active: ['queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused'],
  failed: ['failed'],
  done: ['done', 'skipped'],
};

function job(id: number, status: JobStatus = 'queued', extra: Partial<JobView> = {}): JobView {
  return jobView(id, { status, ...extra });
}

/** The engine's job table. The answer is taken when asked; `hold` delays delivering it. */
class JobTable {
  jobs: JobView[] = [];
  calls: JobQuery[] = [];
  hold = false;
  failNext = false;
  private held: Array<() => void> = [];

  listJobs = async (q: JobQuery): Promise<Result<JobPage>> => {
    this.calls.push(q);
    const statuses = TAB[q.filter ?? 'all'];
    const matching = this.jobs.filter((j) => (!statuses || statuses.includes(j.status)) && (!q.albumId || j.albumId === q.albumId));
    const offset = q.offset ?? 0;
    const answer: Result<JobPage> = this.failNext
      ? { ok: false, error: { code: 'OFFLINE', message: 'no route' } }
      : { ok: true, value: { total: matching.length, offset, jobs: matching.slice(offset, offset + (q.limit ?? 200)) } };
    this.failNext = false;
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    return answer;
  };

  update(changed: JobView): JobView {
    this.jobs = this.jobs.map((j) => (j.id === changed.id ? changed : j));
    return changed;
  }

  release(index: number): void {
    this.held[index]();
  }

  get api(): PixdropApi {
    return { listJobs: this.listJobs } as Pick<PixdropApi, 'listJobs'> as PixdropApi;
  }
}

const settle = () => vi.advanceTimersByTimeAsync(0);
/** Past the pager's fetch throttle (100 ms): a second range asked for right after the first is read then. */
const scrolled = () => vi.advanceTimersByTimeAsync(100);
const ids = (pager: JobPager, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => pager.rowAt(from + k)?.id);

let table: JobTable;
beforeEach(() => {
  vi.useFakeTimers();
  table = new JobTable();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('JobPager loading', () => {
  it('reads only the pages that cover the visible rows, with the tab and album', async () => {
    table.jobs = Array.from({ length: 7 }, (_, i) => job(i + 1));
    const pager = new JobPager(table.api, { filter: 'active', albumId: 'album-1' }, 3);
    const seen = vi.fn();
    pager.subscribe(seen);
    expect(pager.loaded).toBe(false);

    pager.ensureRange(0, 0);
    await settle();
    expect(table.calls).toEqual([{ filter: 'active', albumId: 'album-1', offset: 0, limit: 3 }]);
    expect(pager.loaded).toBe(true);
    expect(pager.total).toBe(7);
    expect(ids(pager, 0, 3)).toEqual([1, 2, 3, undefined]);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(pager.getVersion()).toBe(1);

    pager.ensureRange(2, 6);
    await scrolled();
    expect(table.calls.map((c) => c.offset)).toEqual([0, 3, 6]);
    expect(ids(pager, 0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7, undefined]);
  });

  it('does not ask again for a page it holds or is already waiting for', async () => {
    table.jobs = Array.from({ length: 5 }, (_, i) => job(i + 1));
    const pager = new JobPager(table.api, { filter: 'all' }, 2);
    table.hold = true;
    pager.ensureRange(0, 1);
    pager.ensureRange(0, 1);
    expect(table.calls).toHaveLength(1);
    table.release(0);
    await settle();
    pager.ensureRange(0, 1);
    expect(table.calls).toHaveLength(1);
  });

  it('leaves a page unloaded when the request fails, and asks again on the next scroll', async () => {
    table.jobs = [job(1)];
    const pager = new JobPager(table.api, { filter: 'all' }, 2);
    table.failNext = true;
    pager.ensureRange(0, 0);
    await settle();
    expect(pager.loaded).toBe(false);
    expect(pager.rowAt(0)).toBeUndefined();
    pager.ensureRange(0, 0);
    await scrolled();
    expect(pager.rowAt(0)?.id).toBe(1);
  });

  it('while the list flies past, asks at most every 100 ms, for the rows on screen then', async () => {
    table.jobs = Array.from({ length: 100 }, (_, i) => job(i + 1));
    const pager = new JobPager(table.api, { filter: 'all' }, 2);
    pager.ensureRange(0, 1);
    await settle();
    // A fling: a new page every 16 ms frame, 50 pages in 0.8 s.
    for (let frame = 1; frame < 50; frame += 1) {
      pager.ensureRange(frame * 2, frame * 2 + 1);
      await vi.advanceTimersByTimeAsync(16);
    }
    await scrolled();
    const offsets = table.calls.map((c) => c.offset);
    expect(offsets.length).toBeLessThanOrEqual(10);
    expect(offsets.at(-1), 'the rows where the fling stopped are read').toBe(98);
    expect(ids(pager, 98, 99)).toEqual([99, 100]);
  });

  it('ignores an older answer for a page that arrives after a newer one', async () => {
    table.jobs = [job(1, 'uploading', { bytesDone: 100 })];
    const pager = new JobPager(table.api, { filter: 'active' }, 2);
    table.hold = true;
    pager.ensureRange(0, 0); // answer 0: 100 bytes
    table.update(job(1, 'uploading', { bytesDone: 900 }));
    pager.refresh(); // answer 1: 900 bytes
    table.release(1);
    await settle();
    table.release(0);
    await settle();
    expect(pager.rowAt(0)?.bytesDone).toBe(900);
  });
});

describe('JobPager live updates', () => {
  async function loadedPager(count: number, pageSize: number, filter: JobQuery['filter'] & string = 'active') {
    table.jobs = Array.from({ length: count }, (_, i) => job(i + 1));
    const pager = new JobPager(table.api, { filter }, pageSize);
    pager.ensureRange(0, count - 1);
    await settle();
    table.calls = [];
    return pager;
  }

  it('patches a loaded row in place at once, without asking the engine', async () => {
    const pager = await loadedPager(4, 2);
    const seen = vi.fn();
    pager.subscribe(seen);
    const before = pager.getVersion();
    pager.applyChanges([table.update(job(3, 'uploading', { bytesDone: 400 }))]);
    expect(pager.rowAt(2)).toMatchObject({ id: 3, status: 'uploading', bytesDone: 400 });
    expect(pager.getVersion()).toBe(before + 1);
    expect(seen).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(table.calls).toEqual([]);
  });

  it('bumps the version once for a batch of changes', async () => {
    const pager = await loadedPager(4, 2);
    const before = pager.getVersion();
    pager.applyChanges([table.update(job(1, 'hashing')), table.update(job(4, 'uploading'))]);
    expect(pager.getVersion()).toBe(before + 1);
    expect(pager.rowAt(0)?.status).toBe('hashing');
    expect(pager.rowAt(3)?.status).toBe('uploading');
  });

  it('ignores changes to jobs that are neither shown nor belong to this tab', async () => {
    const pager = await loadedPager(2, 2, 'failed');
    table.jobs.push(job(50, 'uploading'));
    const before = pager.getVersion();
    pager.applyChanges([job(50, 'uploading', { bytesDone: 10 })]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(pager.getVersion()).toBe(before);
    expect(table.calls).toEqual([]);
  });

  it('re-reads the visible pages when a shown row leaves the tab, and the row disappears', async () => {
    const pager = await loadedPager(3, 2);
    const done = table.update(job(2, 'done'));
    pager.applyChanges([done]);
    expect(pager.rowAt(1)?.status).toBe('queued'); // until the re-read answers
    await settle();
    expect(table.calls.map((c) => c.offset).sort()).toEqual([0, 2]);
    expect(ids(pager, 0, 2)).toEqual([1, 3, undefined]);
    expect(pager.total).toBe(2);
  });

  it('re-reads when a job not loaded joins the tab', async () => {
    const pager = await loadedPager(2, 10, 'failed');
    expect(pager.total).toBe(0);
    table.jobs[0] = job(1, 'failed', { error: { code: 'REJECTED', message: 'refused' } });
    pager.applyChanges([table.jobs[0]]);
    await settle();
    expect(pager.total).toBe(1);
    expect(pager.rowAt(0)).toMatchObject({ id: 1, status: 'failed' });
  });

  it('only counts jobs of this album for an album view', async () => {
    table.jobs = [job(1), job(2, 'queued', { albumId: 'album-2' })];
    const pager = new JobPager(table.api, { filter: 'active', albumId: 'album-1' }, 10);
    pager.ensureRange(0, 0);
    await settle();
    expect(ids(pager, 0, 1)).toEqual([1, undefined]);
    table.calls = [];
    pager.applyChanges([table.update(job(2, 'uploading', { albumId: 'album-2' }))]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(table.calls).toEqual([]);
  });

  it('re-reads at most once per 750 ms however many rows change', async () => {
    const pager = await loadedPager(6, 10);
    pager.applyChanges([table.update(job(1, 'done'))]);
    pager.applyChanges([table.update(job(2, 'done'))]);
    await settle();
    expect(table.calls).toHaveLength(1);

    pager.applyChanges([table.update(job(3, 'done'))]);
    await vi.advanceTimersByTimeAsync(749);
    expect(table.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(table.calls).toHaveLength(2);
    await settle();
    expect(ids(pager, 0, 3)).toEqual([4, 5, 6, undefined]);
  });

  it('drops pages scrolled away from on re-read, and reads them again when scrolled back', async () => {
    const pager = await loadedPager(6, 2);
    pager.ensureRange(0, 1); // the user scrolled back to the top
    pager.applyChanges([table.update(job(1, 'done'))]);
    await settle();
    expect(table.calls.map((c) => c.offset)).toEqual([0]);
    expect(ids(pager, 0, 5)).toEqual([2, 3, undefined, undefined, undefined, undefined]);

    pager.ensureRange(2, 4);
    await scrolled();
    expect(ids(pager, 0, 5)).toEqual([2, 3, 4, 5, 6, undefined]);
  });

  it('keeps patching rows in place after a re-read moved them to another page', async () => {
    const pager = await loadedPager(4, 2);
    // Job 1 finishes: job 3 moves up from page 1 to page 0 and both pages are re-read.
    pager.applyChanges([table.update(job(1, 'done'))]);
    await settle();
    expect(ids(pager, 0, 3)).toEqual([2, 3, 4, undefined]);
    table.calls = [];

    pager.applyChanges([table.update(job(3, 'uploading', { bytesDone: 500 }))]);
    expect(pager.rowAt(1)).toMatchObject({ id: 3, bytesDone: 500 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(table.calls).toEqual([]);
  });

  it('stops updating once disposed', async () => {
    const pager = await loadedPager(2, 2);
    const seen = vi.fn();
    pager.subscribe(seen);
    table.hold = true;
    pager.applyChanges([table.update(job(1, 'done'))]);
    pager.dispose();
    await vi.advanceTimersByTimeAsync(2000);
    expect(table.calls).toEqual([]);

    const later = new JobPager(table.api, { filter: 'active' }, 2);
    later.subscribe(seen);
    later.ensureRange(0, 0);
    later.dispose();
    table.release(0);
    await settle();
    expect(later.loaded).toBe(false);
    expect(seen).not.toHaveBeenCalled();
  });
});
