/**
 * watchFolder: says which folders below a watched folder changed (a file appeared, grew or was replaced), and which
 * folders appeared; whoever listens walks them (the library knows each file: a known, unchanged one costs a stat).
 * Only folders are watched, never each file: chokidar would hold an fs watcher and an inotify watch per file (about
 * 2.7 KB of heap each, 270 MB and 100,000 inotify watches for a season of photos) where one per folder tells as much.
 * A file still being copied is settled here (reported through onStable once its size and mtime held still).
 * Deletions are ignored on purpose: nothing local ever deletes anything remote. When the folder itself disappears
 * (card or drive unplugged) it is "unavailable", polled until back. Symbolic links below the folder are not followed,
 * as in walk.ts: what they point to is either outside the folder (never uploaded; logged) or inside it, watched at
 * its real place anyway.
 */
import { watch, type FSWatcher } from 'chokidar';
import { readdirSync, statSync } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { Logger, WatchEvents } from '../types';
import { isIgnoredName } from '../metadata/photo-types';
import { mediaKindByName } from '../metadata/media-types';
import { isInside, type FoundFile } from './walk';

export interface WatchHandle {
  /**
   * A file found by a scan that may still be growing: reported through onStable once its size
   * and mtime held still for the stability time (chokidar only reports files it saw change).
   */
  settle(file: FoundFile): void;
  close(): Promise<void>;
}

export const DEFAULT_STABILITY_MS = 2000;

/** A file modified within the stability time may still be being copied. */
export function mayStillBeWritten(file: { mtimeMs: number }, nowMs: number, stabilityMs = DEFAULT_STABILITY_MS): boolean {
  return nowMs - file.mtimeMs < stabilityMs;
}

const shotName = (name: string) => basename(name, extname(name)).toLowerCase();

/**
 * True for a photo whose other half (a RAW or a clip: same base name, same folder) is still being copied. Queued
 * now, it would go alone, and the pair found once the copy ends could no longer go with it: it waits instead.
 * Each folder is listed once per predicate (one walk).
 */
export function partnerStillWritten(nowMs: number, stabilityMs = DEFAULT_STABILITY_MS): (file: FoundFile) => boolean {
  const writing = new Map<string, Set<string>>();
  const writingIn = (dir: string) => {
    let names = writing.get(dir);
    if (names) return names;
    names = new Set();
    try {
      for (const name of readdirSync(dir)) {
        const s = statSync(join(dir, name), { throwIfNoEntry: false });
        if (s?.isFile() && mayStillBeWritten(s, nowMs, stabilityMs)) names.add(shotName(name));
      }
    } catch {
      // A folder that cannot be listed holds nothing back: the walk reports it.
    }
    writing.set(dir, names);
    return names;
  };
  return (file) => writingIn(dirname(file.path)).has(shotName(file.path));
}

export interface WatchFolderOptions {
  /** A file handed to `settle` stood still for the stability time. */
  onStable(file: FoundFile): void;
  /** Something in this folder changed: a file appeared, was written to or replaced (its own subfolders are not included). */
  onChanged?(folder: string): void;
  /**
   * A folder appeared below the watched one. chokidar reads a new folder before it watches it, so a file copied
   * in between raises no event at all: whoever listens walks the folder itself, subfolders included.
   */
  onNewFolder?(path: string): void;
  onUnavailable(reason: string): void;
  onAvailable(): void;
  stabilityMs?: number;
  /** How often an unavailable folder is looked for. */
  pollMs?: number;
  /** Look for changes by polling (network and FUSE mounts, whose changes raise no events here). */
  usePolling?: boolean;
  /** 'off': nothing raises events (tests: only the periodic rescan finds new files); 'folders': only new folders do. */
  events?: WatchEvents;
  logger?: Logger;
}

/** Polling stats every folder once a second: new files on a share are prompt, and a share of thousands of folders stays cheap. */
export const POLLING_INTERVAL_MS = 1000;

function ignoredPath(root: string) {
  return (path: string) => {
    if (path === root) return false;
    return relative(root, path)
      .split(sep)
      .some((part) => isIgnoredName(part));
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** A link below the folder is not followed: said in the log when it points at a photo or a folder. */
async function linkNotFollowed(root: string, path: string, realRoot: string, logger?: Logger): Promise<void> {
  const target = await realpath(path).catch(() => null);
  if (target === null) return; // dangling: nothing behind it
  if (!mediaKindByName(basename(path)) && !(await exists(target))) return;
  if (isInside(target, realRoot)) {
    logger?.debug(`watch: ${path} is a link to ${target}, inside ${root}: watched there, not through the link`);
  } else {
    logger?.info(`watch: not followed: ${path} is a symbolic link to ${target}, outside the watched folder ${root}; nothing outside it is uploaded`);
  }
}

/** Only folders and links are watched: a regular file needs no watcher of its own (its folder's says it changed). */
function ignoredEntry(realRoot: string) {
  const byName = ignoredPath(realRoot);
  return (path: string, stats?: { isFile(): boolean }) => byName(path) || (stats?.isFile() ?? false);
}

/**
 * chokidar on the folder's real place (the root may itself be a link, e.g. to a mounted card); what changes there
 * is reported under the path the user gave, as the scan reports it. Resolves once it is ready.
 */
async function openWatcher(root: string, o: WatchFolderOptions, rootGone: () => void): Promise<FSWatcher> {
  const realRoot = await realpath(root).catch(() => root);
  const w = watch(realRoot, {
    ignoreInitial: true, // the engine scans the folder itself when watching starts
    ignored: ignoredEntry(realRoot),
    followSymlinks: false,
    usePolling: o.usePolling ?? false,
    interval: POLLING_INTERVAL_MS,
    binaryInterval: POLLING_INTERVAL_MS,
  });
  const asGiven = (real: string) => join(root, relative(realRoot, real));
  const events = o.events ?? 'on';
  if (events === 'on') {
    // A folder's watcher hears every file in it; raw, because chokidar itself reports only what it watches.
    w.on('raw', (_event, rawPath: string, details: unknown) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      const folder = typeof watched === 'string' ? watched : rawPath;
      if (isInside(folder, realRoot) && !ignoredPath(realRoot)(folder)) o.onChanged?.(asGiven(folder));
    });
    // Links are the only entries left that chokidar reports as added: said in the log, never followed.
    w.on(
      'add',
      (real: string) =>
        void lstat(real).then(
          (s) => (s.isSymbolicLink() ? linkNotFollowed(root, asGiven(real), realRoot, o.logger) : undefined),
          () => undefined,
        ),
    );
  }
  if (events !== 'off') w.on('addDir', (dir) => dir !== realRoot && o.onNewFolder?.(asGiven(dir)));
  w.on('unlinkDir', (dir) => {
    if (dir === realRoot) rootGone();
  });
  w.on('error', (error) => o.logger?.warn(`watch: ${root}: ${String(error)}`));
  await new Promise<void>((resolve) => w.once('ready', () => resolve()));
  return w;
}

/** Files a scan found still growing: each reported once its size and mtime held still for stabilityMs. */
function createSettler(onStable: (file: FoundFile) => void, stabilityMs: number, closed: () => boolean) {
  const settling = new Map<string, NodeJS.Timeout>();
  const settle = (file: FoundFile) => {
    if (closed() || settling.has(file.path)) return;
    let last = { size: file.size, mtimeMs: file.mtimeMs };
    const later = () => {
      const timer = setTimeout(() => void check(), stabilityMs);
      timer.unref();
      settling.set(file.path, timer);
    };
    const check = async () => {
      settling.delete(file.path);
      if (closed()) return;
      const now = await stat(file.path).catch(() => null);
      if (!now?.isFile()) return; // gone (or replaced by a folder): nothing to queue
      if (now.size === last.size && now.mtimeMs === last.mtimeMs) return onStable({ ...file, size: now.size, mtimeMs: now.mtimeMs });
      last = { size: now.size, mtimeMs: now.mtimeMs };
      later();
    };
    later();
  };
  return { settle, clear: () => settling.forEach((timer) => clearTimeout(timer)) };
}

export async function watchFolder(root: string, o: WatchFolderOptions): Promise<WatchHandle> {
  const stabilityMs = o.stabilityMs ?? DEFAULT_STABILITY_MS;
  const pollMs = o.pollMs ?? 3000;
  let watcher: FSWatcher | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;
  let available = true;
  const startWatcher = async () => {
    watcher = await openWatcher(root, o, () => void goneAway('the folder disappeared'));
  };
  const goneAway = async (reason: string) => {
    if (!available || closed) return;
    available = false;
    await watcher?.close();
    watcher = null;
    o.onUnavailable(reason);
    const look = async () => {
      if (closed) return;
      if (await exists(root)) {
        available = true;
        await startWatcher();
        o.onAvailable();
        return;
      }
      poll = setTimeout(look, pollMs);
    };
    poll = setTimeout(look, pollMs);
  };

  if (await exists(root)) await startWatcher();
  else await goneAway('the folder is not there');
  // chokidar does not always see the root itself vanish (unmounts); check now and then.
  const rootCheck = setInterval(async () => {
    if (available && !closed && !(await exists(root))) await goneAway('the folder disappeared');
  }, pollMs);
  rootCheck.unref();
  const settler = createSettler(o.onStable, stabilityMs, () => closed);
  return {
    settle: settler.settle,
    async close() {
      closed = true;
      settler.clear();
      clearInterval(rootCheck);
      if (poll) clearTimeout(poll);
      await watcher?.close();
    },
  };
}
