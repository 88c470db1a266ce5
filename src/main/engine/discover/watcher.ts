/**
 * watchFolder: reports photos appearing below a folder once they stopped growing (a card
 * copy writes for a while; chokidar's awaitWriteFinish waits for the size to settle).
 * Deletions are ignored on purpose: nothing local ever deletes anything remote. When the
 * folder itself disappears (card or drive unplugged) it is "unavailable", polled until back.
 * Symbolic links below the folder are not followed, as in walk.ts: what they point to is either outside
 * the folder (never uploaded; logged) or inside it, watched at its real place anyway.
 */
import { watch, type FSWatcher } from 'chokidar';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Logger } from '../types';
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

export interface WatchFolderOptions {
  onStable(file: FoundFile): void;
  onUnavailable(reason: string): void;
  onAvailable(): void;
  stabilityMs?: number;
  /** How often an unavailable folder is looked for. */
  pollMs?: number;
  /** Look for changes by polling (network and FUSE mounts, whose changes raise no events here). */
  usePolling?: boolean;
  /** false: new files raise no events at all (tests: only the periodic rescan finds them). */
  fileEvents?: boolean;
  logger?: Logger;
}

/** Polling stats every file: once a second keeps a share of thousands of photos cheap and new files prompt. */
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

export async function watchFolder(root: string, o: WatchFolderOptions): Promise<WatchHandle> {
  const linkNotFollowed = async (path: string, realRoot: string) => {
    const target = await realpath(path).catch(() => null);
    if (target === null) return; // dangling: nothing behind it
    if (
      !mediaKindByName(basename(path)) &&
      !(await stat(target).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return;
    if (isInside(target, realRoot)) {
      o.logger?.debug(`watch: ${path} is a link to ${target}, inside ${root}: watched there, not through the link`);
    } else {
      o.logger?.info(`watch: not followed: ${path} is a symbolic link to ${target}, outside the watched folder ${root}; nothing outside it is uploaded`);
    }
  };
  const stabilityMs = o.stabilityMs ?? DEFAULT_STABILITY_MS;
  let watcher: FSWatcher | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;
  let available = true;

  const startWatcher = async () => {
    // The folder's real place is watched (the root may itself be a link, e.g. to a mounted card) and
    // what is found there is reported under the path the user gave, as the scan reports it.
    const realRoot = await realpath(root).catch(() => root);
    const w = watch(realRoot, {
      ignoreInitial: true, // the engine scans the folder itself when watching starts
      ignored: ignoredPath(realRoot),
      awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.min(250, stabilityMs / 4) },
      followSymlinks: false,
      usePolling: o.usePolling ?? false,
      interval: POLLING_INTERVAL_MS,
      binaryInterval: POLLING_INTERVAL_MS,
    });
    const report = async (real: string) => {
      const relativePath = relative(realRoot, real);
      const path = join(root, relativePath);
      try {
        const s = await lstat(real);
        if (s.isSymbolicLink()) return await linkNotFollowed(path, realRoot);
        if (!s.isFile() || !mediaKindByName(basename(real))) return;
        o.onStable({ path, root, relativePath: relativePath.split(sep).join('/'), size: s.size, mtimeMs: s.mtimeMs });
      } catch (error) {
        o.logger?.debug(`watch: ${path} vanished before it could be queued`, { error: String(error) });
      }
    };
    if (o.fileEvents !== false) {
      w.on('add', report);
      w.on('change', report);
    }
    w.on('unlinkDir', (dir) => {
      if (dir === realRoot) void goneAway('the folder disappeared');
    });
    w.on('error', (error) => o.logger?.warn(`watch: ${root}: ${String(error)}`));
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    watcher = w;
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
      poll = setTimeout(look, o.pollMs ?? 3000);
    };
    poll = setTimeout(look, o.pollMs ?? 3000);
  };

  if (await exists(root)) await startWatcher();
  else await goneAway('the folder is not there');
  // chokidar does not always see the root itself vanish (unmounts); check now and then.
  const rootCheck = setInterval(async () => {
    if (available && !closed && !(await exists(root))) await goneAway('the folder disappeared');
  }, o.pollMs ?? 3000);
  rootCheck.unref();

  const settling = new Map<string, NodeJS.Timeout>();
  const settle = (file: FoundFile) => {
    if (closed || settling.has(file.path)) return;
    let last = { size: file.size, mtimeMs: file.mtimeMs };
    const later = () => {
      const timer = setTimeout(() => void check(), stabilityMs);
      timer.unref();
      settling.set(file.path, timer);
    };
    const check = async () => {
      settling.delete(file.path);
      if (closed) return;
      const now = await stat(file.path).catch(() => null);
      if (!now?.isFile()) return; // gone (or replaced by a folder): nothing to queue
      if (now.size === last.size && now.mtimeMs === last.mtimeMs) return o.onStable({ ...file, size: now.size, mtimeMs: now.mtimeMs });
      last = { size: now.size, mtimeMs: now.mtimeMs };
      later();
    };
    later();
  };

  return {
    settle,
    async close() {
      closed = true;
      settling.forEach((timer) => clearTimeout(timer));
      clearInterval(rootCheck);
      if (poll) clearTimeout(poll);
      await watcher?.close();
    },
  };
}
