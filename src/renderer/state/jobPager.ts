/**
 * A sparse, paged window onto listJobs for one filter, so 50,000 queued files cost a few pages of
 * memory and a few small requests. jobsChanged events patch loaded rows in place; when a row leaves
 * the filter or an unknown row may have joined it, the visible pages are re-read (throttled).
 *
 * Invariants: `index` maps exactly the ids held in `pages`; `total` is the last server answer.
 */
import type { JobQuery, JobView, PixdropApi } from '../../shared/api';
import { belongsToFilter, type JobFilter } from '../lib/jobStatus';

const REFRESH_THROTTLE_MS = 750;
/**
 * Pages are asked for at most this often, for the rows on screen at that moment: a fling through
 * 50,000 files passes a page a frame, and asking for each cost the scroll its frames (fetch is paid
 * on the main thread) for rows already gone when they arrived.
 */
const FETCH_THROTTLE_MS = 100;

export class JobPager {
  total = 0;
  loaded = false;
  private pages = new Map<number, JobView[]>();
  private index = new Map<number, { page: number; slot: number }>();
  /** Latest request per page: an older answer arriving late must not overwrite a newer one. */
  private inflight = new Map<number, number>();
  private requests = 0;
  private range = { start: 0, end: 0 };
  private listeners = new Set<() => void>();
  private version = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRefreshAt = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFetchAt = -Infinity;
  private disposed = false;

  constructor(
    private readonly api: PixdropApi,
    private readonly query: { filter: JobFilter; albumId?: string },
    private readonly pageSize = 200,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  rowAt(i: number): JobView | undefined {
    return this.pages.get(Math.floor(i / this.pageSize))?.[i % this.pageSize];
  }

  /** Loads the pages covering rows start..end (inclusive) that are not loaded yet. */
  ensureRange(start: number, end: number): void {
    this.range = { start, end };
    const wait = this.lastFetchAt + FETCH_THROTTLE_MS - Date.now();
    if (wait <= 0) this.fetchRange();
    else
      this.fetchTimer ??= setTimeout(() => {
        this.fetchTimer = null;
        this.fetchRange();
      }, wait);
  }

  private fetchRange(): void {
    const { start, end } = this.range;
    for (let page = this.pageOf(start); page <= this.pageOf(end); page += 1) {
      if (this.pages.has(page) || this.inflight.has(page)) continue;
      this.lastFetchAt = Date.now();
      void this.fetchPage(page);
    }
  }

  applyChanges(jobs: JobView[]): void {
    let patched = false;
    let needsRefresh = false;
    for (const job of jobs) {
      const at = this.index.get(job.id);
      const member = belongsToFilter(job.status, this.query.filter) && (!this.query.albumId || job.albumId === this.query.albumId);
      if (at && member) {
        this.pages.get(at.page)![at.slot] = job;
        patched = true;
      } else if (at || member) needsRefresh = true;
    }
    if (patched) this.bump();
    if (needsRefresh) this.scheduleRefresh();
  }

  /** Re-reads the visible pages; other pages are dropped and read again when scrolled to. */
  refresh(): void {
    this.lastRefreshAt = Date.now();
    const keep = new Set<number>();
    for (let page = this.pageOf(this.range.start); page <= this.pageOf(this.range.end); page += 1) keep.add(page);
    for (const page of [...this.pages.keys()]) if (!keep.has(page)) this.dropPage(page);
    if (keep.size === 0) keep.add(0);
    for (const page of keep) void this.fetchPage(page, true);
  }

  dispose(): void {
    this.disposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.fetchTimer) clearTimeout(this.fetchTimer);
    this.listeners.clear();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    const wait = Math.max(0, this.lastRefreshAt + REFRESH_THROTTLE_MS - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refresh();
    }, wait);
  }

  private async fetchPage(page: number, force = false): Promise<void> {
    if (this.inflight.has(page) && !force) return;
    const request = ++this.requests;
    this.inflight.set(page, request);
    const query: JobQuery = { ...this.query, offset: page * this.pageSize, limit: this.pageSize };
    const result = await this.api.listJobs(query);
    if (this.inflight.get(page) !== request) return;
    this.inflight.delete(page);
    if (this.disposed || !result.ok) return;
    this.dropPage(page);
    this.pages.set(page, result.value.jobs);
    result.value.jobs.forEach((job, slot) => this.index.set(job.id, { page, slot }));
    this.total = result.value.total;
    this.loaded = true;
    this.bump();
  }

  private dropPage(page: number): void {
    // A re-read may already have placed this job on another page (rows shift up as jobs leave the tab).
    for (const job of this.pages.get(page) ?? []) if (this.index.get(job.id)?.page === page) this.index.delete(job.id);
    this.pages.delete(page);
  }

  private pageOf(row: number): number {
    return Math.max(0, Math.floor(row / this.pageSize));
  }

  private bump(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
