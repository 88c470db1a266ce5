/**
 * Watched folders, persisted in the library so watching resumes after a restart. On start
 * (and when a folder comes back after being unplugged) the whole folder is scanned, so files
 * added while PixDrop was not looking are queued too; then new stable files are queued as they
 * appear. A folder that disappears is "unavailable", never a reason to delete anything.
 * Files another machine writes onto a network share raise no events here: folders on network and
 * FUSE mounts are watched by polling, and every watched folder is walked again every
 * config.rescanIntervalMs (cheap: a known, unchanged file costs a stat and a lookup, no write).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AfterUpload, FolderRules, UploadTarget, WatchView } from '../../../shared/api';
import { AppError, toView } from '../../../shared/errors';
import { destinationProblem } from '../free/destination';
import type { EngineContext } from '../context';
import type { EnqueueOptions } from '../commands/enqueue';
import { addWatchRow, listWatchRows, removeWatchRow, type WatchRow } from '../library/watches';
import { countCancellableUnder } from '../library/jobs';
import { networkFsAt } from './mount-kind';
import type { FoundFile } from './walk';
import { mayStillBeWritten, partnerStillWritten, watchFolder, type WatchHandle } from './watcher';

export const DEFAULT_RESCAN_INTERVAL_MS = 5 * 60_000;

/** How often the watch list is read back, to notice a folder unwatched from another process. */
const RECONCILE_MS = 2_000;

export interface WatchManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  list(): WatchView[];
  add(folder: string, target: UploadTarget, rules?: FolderRules, afterUpload?: AfterUpload): Promise<WatchView>;
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
  /** Folders below the watched one where files arrived, waiting for their walk: true for a new folder (walked with its subfolders). */
  arrived: Map<string, boolean>;
  arrivalTimer: NodeJS.Timeout | null;
  /** Walks of arrived files, one after the other. */
  walks: Promise<void>;
}

/** Files arriving within this time of each other (a card copy) are queued by one walk. */
const ARRIVAL_QUIET_MS = 300;

/** A new folder is walked again this long after it appeared, once chokidar surely watches it. */
const NEW_FOLDER_LOOK_AGAIN_MS = 5_000;

interface ManagerDeps {
  ctx: EngineContext;
  enqueue: (paths: string[], target: UploadTarget, options: EnqueueOptions) => Promise<unknown>;
  /** Lets the scheduler know that new work was recorded. */
  wake: () => void;
}

/** What the parts of the manager share: the live watches, and saying that they changed. */
interface Watches extends ManagerDeps {
  live: Map<number, Live>;
  changed(): void;
  stopped(): boolean;
}

const viewOf = (ctx: EngineContext, l: Live): WatchView => ({
  id: l.row.id,
  path: l.row.path,
  target: l.row.target,
  state: l.state,
  message: l.message,
  polling: l.polling,
  lastRescanAt: l.lastRescanAt,
  cancellable: countCancellableUnder(ctx.db, l.row.path),
  rules: l.row.rules,
  afterUpload: l.row.afterUpload,
});

/** The rules a walk of the folder follows; a watch that keeps its files leaves any action planned by an `upload` of the same files alone. */
const walkRules = (l: Live) => ({ ...l.row.rules, afterUpload: l.row.afterUpload.action === 'keep' ? undefined : l.row.afterUpload });

async function closeLive(l: Live): Promise<void> {
  if (l.arrivalTimer) clearTimeout(l.arrivalTimer);
  l.arrivalTimer = null;
  await l.handle?.close();
}

// A file still being copied, or whose RAW or clip still is, waits for the watcher (it settles, then arrives).
function stillWriting(ctx: EngineContext): (file: FoundFile) => boolean {
  const now = ctx.clock.now();
  const partner = partnerStillWritten(now);
  return (file) => mayStillBeWritten(file, now) || partner(file);
}

// The scan on start (or on return) leaves files still being copied to the watcher, which
// queues them once they stopped growing: a half-copied file is never hashed or sent.
async function scanFolder(w: Watches, entry: Live): Promise<void> {
  entry.rescanning = true;
  try {
    await w.enqueue([entry.row.path], entry.row.target, {
      rules: walkRules(entry),
      stillWriting: stillWriting(w.ctx),
      onStillWriting: (file) => entry.handle?.settle(file),
    });
    entry.lastRescanAt = w.ctx.clock.now();
  } finally {
    entry.rescanning = false;
  }
}

/** Every watched folder walked again every config.rescanIntervalMs; one folder at a time, so a rescan of many shares never walks them all at once. */
function createRescans(w: Watches): { arm(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  const rescanAll = async () => {
    for (const entry of [...w.live.values()]) {
      if (w.stopped() || entry.state !== 'watching' || entry.rescanning || w.live.get(entry.row.id) !== entry) continue;
      await scanFolder(w, entry).catch((error: unknown) => w.ctx.logger.warn(`watch: rescan of ${entry.row.path} failed: ${toView(error).message}`));
      w.changed();
    }
  };
  return {
    arm() {
      if (timer || w.stopped()) return;
      timer = setInterval(() => void rescanAll(), w.ctx.config.rescanIntervalMs ?? DEFAULT_RESCAN_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

// A file that appears is queued by a walk of its folder with the watched folder's rules, not on its own: the
// filters, the date range and pairs (a RAW arriving beside its JPEG) need the files around it, and what the
// rules leave out is reported as a scan reports it. Files arriving together (a card copy) make one walk. A folder
// where something changed is walked without its subfolders (a change at the top of a season's tree must not walk
// the season); a new folder with them.
async function walkArrived(w: Watches, entry: Live): Promise<void> {
  const arrived = [...entry.arrived];
  entry.arrived.clear();
  if (arrived.length === 0 || w.stopped() || w.live.get(entry.row.id) !== entry) return;
  const options = {
    rules: walkRules(entry),
    base: entry.row.path,
    stillWriting: stillWriting(w.ctx),
    onStillWriting: (file: FoundFile) => entry.handle?.settle(file),
  };
  // A folder below the watched one that is gone since it changed was moved or deleted (`mv Reception/Dance Dance`):
  // nothing to walk there, and not a file gone to report; what moved is walked at its new place and known by content.
  const present = arrived.filter(([folder]) => folder === entry.row.path || existsSync(folder));
  const deep = present.filter(([, isNew]) => isNew).map(([folder]) => folder);
  const shallow = present.filter(([, isNew]) => !isNew).map(([folder]) => folder);
  if (deep.length > 0) await w.enqueue(deep, entry.row.target, options);
  if (shallow.length > 0) await w.enqueue(shallow, entry.row.target, { ...options, shallow: true });
  w.ctx.logger.debug(`watch: walked ${[...deep, ...shallow].join(', ')} for files that arrived`);
  w.wake();
}

function arrivedIn(w: Watches, entry: Live, folder: string, isNew = false): void {
  entry.arrived.set(folder, isNew || (entry.arrived.get(folder) ?? false));
  if (entry.arrivalTimer) return;
  entry.arrivalTimer = setTimeout(() => {
    entry.arrivalTimer = null;
    entry.walks = entry.walks
      .then(() => walkArrived(w, entry))
      .catch((error: unknown) => w.ctx.logger.warn(`watch: files that arrived in ${entry.row.path} could not be queued: ${toView(error).message}`));
  }, ARRIVAL_QUIET_MS);
  entry.arrivalTimer.unref();
}

/** What the folder's watcher tells: a file arrived (walked with its folder), the folder gone, the folder back (scanned again). */
function watcherEvents(w: Watches, entry: Live) {
  return {
    onStable: (file: FoundFile) => arrivedIn(w, entry, path.dirname(file.path)),
    onChanged: (folder: string) => arrivedIn(w, entry, folder),
    // Walked at once for what the watcher saw, and again a little later for files it may have missed (watcher.ts).
    onNewFolder: (folder: string) => {
      arrivedIn(w, entry, folder, true);
      setTimeout(() => arrivedIn(w, entry, folder, true), NEW_FOLDER_LOOK_AGAIN_MS).unref();
    },
    onUnavailable: (reason: string) => {
      entry.state = 'unavailable';
      entry.message = `${entry.row.path} is not reachable (${reason}). Nothing is deleted; watching resumes when it is back.`;
      w.changed();
    },
    onAvailable: () => {
      entry.state = 'watching';
      entry.message = null;
      w.changed();
      void scanFolder(w, entry).catch(() => undefined);
    },
  };
}

async function beginWatch(w: Watches, row: WatchRow, rescans: { arm(): void }): Promise<Live> {
  const { ctx } = w;
  const polling = await networkFsAt(row.path);
  const entry: Live = {
    row,
    handle: null,
    state: 'starting',
    message: null,
    polling,
    lastRescanAt: null,
    rescanning: false,
    arrived: new Map(),
    arrivalTimer: null,
    walks: Promise.resolve(),
  };
  w.live.set(row.id, entry);
  w.changed();
  if (polling) ctx.logger.info(`watch: ${row.path} is on a ${polling} mount: watched by polling`);
  rescans.arm();
  try {
    const events = watcherEvents(w, entry);
    entry.handle = await watchFolder(row.path, {
      usePolling: polling !== null,
      events: ctx.config.watchEvents,
      ...events,
      logger: ctx.logger.child('watch'),
    });
    if (entry.state === 'starting') entry.state = 'watching';
    await scanFolder(w, entry);
  } catch (error) {
    entry.state = 'unavailable';
    entry.message = toView(error).message;
  }
  w.changed();
  return entry;
}

// `pixdrop unwatch` in another process removes the row: the live watch follows within a few seconds.
async function dropRemoved(w: Watches): Promise<void> {
  const kept = new Set(listWatchRows(w.ctx.db).map((r) => r.id));
  const gone = [...w.live.entries()].filter(([id]) => !kept.has(id));
  if (gone.length === 0) return;
  gone.forEach(([id]) => w.live.delete(id));
  await Promise.allSettled(gone.map(([, l]) => closeLive(l)));
  gone.forEach(([, l]) => w.ctx.logger.info(`watch: ${l.row.path} was removed from the watch list; no longer watching it`));
  w.changed();
}

export function createWatchManager(o: ManagerDeps): WatchManager {
  const { ctx } = o;
  const live = new Map<number, Live>();
  let stopped = false;
  let reconcileTimer: NodeJS.Timeout | null = null;
  const views = (): WatchView[] => [...live.values()].map((l) => viewOf(ctx, l));
  const w: Watches = { ...o, live, changed: () => ctx.emit({ type: 'watchesChanged', watches: views() }), stopped: () => stopped };
  const rescans = createRescans(w);
  return {
    async start() {
      for (const row of listWatchRows(ctx.db)) if (!stopped) await beginWatch(w, row, rescans);
      reconcileTimer = setInterval(() => void dropRemoved(w).catch(() => undefined), RECONCILE_MS);
      reconcileTimer.unref();
    },
    async stop() {
      stopped = true;
      rescans.stop();
      if (reconcileTimer) clearInterval(reconcileTimer);
      await Promise.allSettled([...live.values()].map(closeLive));
      live.clear();
    },
    list: views,
    async add(folder, target, rules = {}, afterUpload = { action: 'keep' }) {
      const problem = afterUpload.action === 'move' ? destinationProblem(afterUpload.dir, [folder, ...listWatchRows(ctx.db).map((r) => r.path)]) : null;
      if (problem) throw new AppError('REJECTED', problem);
      const row = addWatchRow(ctx.db, path.resolve(folder), target, ctx.clock.now(), rules, afterUpload);
      const existing = live.get(row.id);
      if (existing) await closeLive(existing);
      return viewOf(ctx, await beginWatch(w, row, rescans));
    },
    async remove(id) {
      const entry = live.get(id);
      if (entry) await closeLive(entry);
      live.delete(id);
      const removed = removeWatchRow(ctx.db, id);
      w.changed();
      return removed;
    },
  };
}
