/**
 * Watched folders, persisted in the library so watching resumes after a restart. On start
 * (and when a folder comes back after being unplugged) the whole folder is scanned, so files
 * added while PixDrop was not looking are queued too; then new stable files are queued as they
 * appear. A folder that disappears is "unavailable", never a reason to delete anything.
 * Files another machine writes onto a network share raise no events here: folders on network and
 * FUSE mounts are watched by polling, and every watched folder is walked again every
 * config.rescanIntervalMs (cheap: a known, unchanged file costs a stat and a lookup, no write).
 */
import path from 'node:path';
import type { UploadTarget, WatchView } from '../../../shared/api';
import { toView } from '../../../shared/errors';
import type { EngineContext } from '../context';
import { emptyResult, recordFound, type EnqueueOptions } from '../commands/enqueue';
import { addWatchRow, listWatchRows, removeWatchRow, type WatchRow } from '../library/watches';
import { countCancellableUnder } from '../library/jobs';
import type { FoundFile } from './walk';
import { networkFsAt } from './mount-kind';
import { mayStillBeWritten, watchFolder, type WatchHandle } from './watcher';

export const DEFAULT_RESCAN_INTERVAL_MS = 5 * 60_000;

/** How often the watch list is read back, to notice a folder unwatched from another process. */
const RECONCILE_MS = 2_000;

export interface WatchManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  list(): WatchView[];
  add(folder: string, target: UploadTarget): Promise<WatchView>;
  remove(id: number): Promise<boolean>;
}

interface Live {
  row: WatchRow;
  handle: WatchHandle | null;
  state: WatchView['state'];
  message: string | null;
  /** The network/FUSE file system it is on (watched by polling), or null. */
  polling: string | null;
  lastRescanAt: number | null;
  rescanning: boolean;
}

export function createWatchManager(o: {
  ctx: EngineContext;
  enqueue: (paths: string[], target: UploadTarget, options: EnqueueOptions) => Promise<unknown>;
  /** Lets the scheduler know that new work was recorded. */
  wake: () => void;
}): WatchManager {
  const { ctx } = o;
  const live = new Map<number, Live>();
  let stopped = false;
  let reconcileTimer: NodeJS.Timeout | null = null;
  const viewOf = (l: Live): WatchView => ({
    id: l.row.id,
    path: l.row.path,
    target: l.row.target,
    state: l.state,
    message: l.message,
    polling: l.polling,
    lastRescanAt: l.lastRescanAt,
    cancellable: countCancellableUnder(ctx.db, l.row.path),
  });
  const views = (): WatchView[] => [...live.values()].map(viewOf);
  const changed = () => ctx.emit({ type: 'watchesChanged', watches: views() });

  const onStable = (entry: Live) => (file: FoundFile) => {
    recordFound(ctx, [file], entry.row.target, emptyResult());
    ctx.logger.debug(`watch: queued ${file.relativePath}`);
    o.wake();
  };

  // The scan on start (or on return) leaves files still being copied to the watcher, which
  // queues them once they stopped growing: a half-copied file is never hashed or sent.
  const scan = async (entry: Live) => {
    entry.rescanning = true;
    try {
      await o.enqueue([entry.row.path], entry.row.target, {
        stillWriting: (file) => mayStillBeWritten(file, ctx.clock.now()),
        onStillWriting: (file) => entry.handle?.settle(file),
      });
      entry.lastRescanAt = ctx.clock.now();
    } finally {
      entry.rescanning = false;
    }
  };

  // One folder at a time, so a rescan of many shares never walks them all at once.
  const rescanAll = async () => {
    for (const entry of [...live.values()]) {
      if (stopped || entry.state !== 'watching' || entry.rescanning || live.get(entry.row.id) !== entry) continue;
      await scan(entry).catch((error: unknown) => ctx.logger.warn(`watch: rescan of ${entry.row.path} failed: ${toView(error).message}`));
      changed();
    }
  };
  let rescanTimer: NodeJS.Timeout | null = null;
  const armRescans = () => {
    if (rescanTimer || stopped) return;
    rescanTimer = setInterval(() => void rescanAll(), ctx.config.rescanIntervalMs ?? DEFAULT_RESCAN_INTERVAL_MS);
    rescanTimer.unref();
  };

  const begin = async (row: WatchRow) => {
    const polling = await networkFsAt(row.path);
    const entry: Live = { row, handle: null, state: 'starting', message: null, polling, lastRescanAt: null, rescanning: false };
    live.set(row.id, entry);
    changed();
    if (polling) ctx.logger.info(`watch: ${row.path} is on a ${polling} mount: watched by polling`);
    armRescans();
    try {
      entry.handle = await watchFolder(row.path, {
        usePolling: polling !== null,
        fileEvents: ctx.config.watchFileEvents,
        onStable: onStable(entry),
        onUnavailable: (reason) => {
          entry.state = 'unavailable';
          entry.message = `${row.path} is not reachable (${reason}). Nothing is deleted; watching resumes when it is back.`;
          changed();
        },
        onAvailable: () => {
          entry.state = 'watching';
          entry.message = null;
          changed();
          void scan(entry).catch(() => undefined);
        },
        logger: ctx.logger.child('watch'),
      });
      if (entry.state === 'starting') entry.state = 'watching';
      await scan(entry);
    } catch (error) {
      entry.state = 'unavailable';
      entry.message = toView(error).message;
    }
    changed();
    return entry;
  };

  // `pixdrop unwatch` in another process removes the row: the live watch follows within a few seconds.
  const dropRemoved = async () => {
    const kept = new Set(listWatchRows(ctx.db).map((r) => r.id));
    const gone = [...live.entries()].filter(([id]) => !kept.has(id));
    if (gone.length === 0) return;
    gone.forEach(([id]) => live.delete(id));
    await Promise.allSettled(gone.map(([, l]) => l.handle?.close()));
    gone.forEach(([, l]) => ctx.logger.info(`watch: ${l.row.path} was removed from the watch list; no longer watching it`));
    changed();
  };

  return {
    async start() {
      for (const row of listWatchRows(ctx.db)) if (!stopped) await begin(row);
      reconcileTimer = setInterval(() => void dropRemoved().catch(() => undefined), RECONCILE_MS);
      reconcileTimer.unref();
    },
    async stop() {
      stopped = true;
      if (rescanTimer) clearInterval(rescanTimer);
      if (reconcileTimer) clearInterval(reconcileTimer);
      await Promise.allSettled([...live.values()].map((l) => l.handle?.close()));
      live.clear();
    },
    list: views,
    async add(folder, target) {
      const row = addWatchRow(ctx.db, path.resolve(folder), target, ctx.clock.now());
      const existing = live.get(row.id);
      if (existing) await existing.handle?.close();
      const entry = await begin(row);
      return viewOf(entry);
    },
    async remove(id) {
      const entry = live.get(id);
      await entry?.handle?.close();
      live.delete(id);
      const removed = removeWatchRow(ctx.db, id);
      changed();
      return removed;
    },
  };
}
